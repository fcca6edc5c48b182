package dev.ecg.io.physionet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecg.core.DataDir;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves records 100 and 101 of the local MIT-BIH copy from a loopback server, with the hashes of
 * PhysioNet's own SHA256SUMS.txt for those files (the independent reference). No real network.
 */
class PhysioNetTest {
  static final String PREFIX = "/files/mitdb/1.0.0/";
  @TempDir Path tmp;

  HttpServer server;
  ExecutorService exec;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  final List<String> ranges = new CopyOnWriteArrayList<>();
  /** file -> number of upcoming requests to cut off halfway. */
  final Map<String, AtomicInteger> dropNext = new ConcurrentHashMap<>();
  final Map<String, String> manifestHashes = new ConcurrentHashMap<>();
  volatile boolean stallInsteadOfDrop;

  @BeforeEach
  void start() throws IOException {
    Optional<Path> mitdb = DataDir.find("mitdb");
    Assumptions.assumeTrue(mitdb.isPresent(), DataDir.missingMessage("mitdb"));
    StringBuilder sums = new StringBuilder();
    for (String line : Files.readAllLines(mitdb.get().resolve("SHA256SUMS.txt"))) {
      String name = line.substring(65).trim();
      if (name.startsWith("100.") || name.startsWith("101.")) {
        sums.append(line).append('\n');
        files.put(name, Files.readAllBytes(mitdb.get().resolve(name)));
        manifestHashes.put(name, line.substring(0, 64));
      }
    }
    assertEquals(6, files.size());
    files.put("SHA256SUMS.txt", sums.toString().getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exec = Executors.newFixedThreadPool(8);
    server.setExecutor(exec);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      exec.shutdownNow();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    byte[] body = path.startsWith(PREFIX) ? files.get(path.substring(PREFIX.length())) : null;
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    String name = path.substring(PREFIX.length());
    String range = ex.getRequestHeaders().getFirst("Range");
    int from = 0;
    if (range != null) {
      ranges.add(name + " " + range);
      from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
      if (from >= body.length) {
        ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
        ex.sendResponseHeaders(416, -1);
        ex.close();
        return;
      }
      ex.getResponseHeaders().add("Content-Range",
          "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      ex.sendResponseHeaders(206, body.length - from);
    } else {
      ex.sendResponseHeaders(200, body.length);
    }
    OutputStream out = ex.getResponseBody();
    AtomicInteger drop = dropNext.get(name);
    if (drop != null && drop.getAndDecrement() > 0) {
      int half = from + (body.length - from) / 2;
      out.write(body, from, half - from);
      out.flush();
      if (stallInsteadOfDrop) {
        try {
          Thread.sleep(3000); // hold the connection open without sending
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      // Fewer bytes than announced; throwing makes the server close the connection.
      throw new IOException("test server drops the connection");
    }
    out.write(body, from, body.length - from);
    out.close();
  }

  private PhysioNet.Builder client() {
    return PhysioNet.builder()
        .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
        .retryDelay(Duration.ZERO)
        .parallelism(3);
  }

  private int fileRequests() {
    int n = 0;
    for (Map.Entry<String, AtomicInteger> e : requests.entrySet()) {
      n += e.getValue().get();
    }
    return n;
  }

  private void assertVerified(Path dir, String... names) throws IOException {
    for (String n : names) {
      Path f = dir.resolve(n);
      assertEquals(manifestHashes.get(n), Sha256Sums.sha256(f), n);
      assertFalse(Files.exists(dir.resolve(n + ".part")), n + ".part left behind");
    }
  }

  @Test
  void downloadsWholeDatabaseAndVerifies() throws IOException {
    List<DownloadProgress> events = Collections.synchronizedList(new ArrayList<>());
    Path dir = tmp.resolve("mitdb");
    DownloadResult r = client().progress(events::add).build().download("mitdb", "1.0.0", dir);
    assertEquals(6, r.downloaded());
    assertEquals(0, r.cached());
    assertEquals(6, r.files().size());
    long total = files.entrySet().stream().filter(e -> !e.getKey().startsWith("SHA"))
        .mapToLong(e -> e.getValue().length).sum();
    assertEquals(total, r.bytesTransferred());
    assertVerified(dir, "100.atr", "100.dat", "100.hea", "101.atr", "101.dat", "101.hea");
    assertArrayEquals(files.get("100.dat"), Files.readAllBytes(dir.resolve("100.dat")));
    assertTrue(Files.exists(dir.resolve("SHA256SUMS.txt")));
    assertEquals(6, events.stream().filter(e -> e.stage() == DownloadProgress.Stage.VERIFIED)
        .count());
    assertEquals(6, events.stream().filter(e -> e.stage() == DownloadProgress.Stage.STARTED)
        .count());
  }

  @Test
  void cacheHitMakesNoRequest() throws IOException {
    Path dir = tmp.resolve("c");
    client().build().downloadRecord("mitdb", "1.0.0", "100", dir);
    assertVerified(dir, "100.atr", "100.dat", "100.hea");
    assertFalse(Files.exists(dir.resolve("101.dat")));
    requests.clear();
    List<DownloadProgress> events = Collections.synchronizedList(new ArrayList<>());
    DownloadResult r = client().progress(events::add).build()
        .downloadRecord("mitdb", "1.0.0", "100", dir);
    assertEquals(0, fileRequests(), "requests: " + requests);
    assertEquals(3, r.cached());
    assertEquals(0, r.downloaded());
    assertTrue(events.stream().allMatch(e -> e.stage() == DownloadProgress.Stage.CACHED));
    // a damaged local copy is fetched again
    Files.write(dir.resolve("100.hea"), new byte[] {1, 2, 3});
    DownloadResult again = client().build().downloadRecord("mitdb", "1.0.0", "100", dir);
    assertEquals(1, again.downloaded());
    assertEquals(1, fileRequests());
    assertVerified(dir, "100.hea");
  }

  @Test
  void corruptedFileThrowsAndLeavesNothing() throws IOException {
    byte[] bad = files.get("101.dat").clone();
    bad[1000] ^= 1;
    files.put("101.dat", bad);
    Path dir = tmp.resolve("x");
    ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
        () -> client().build().downloadRecord("mitdb", "1.0.0", "101", dir));
    assertEquals(manifestHashes.get("101.dat"), e.expected());
    assertEquals(Sha256Sums.sha256(bad), e.actual());
    assertTrue(e instanceof EcgFormatException);
    assertFalse(Files.exists(dir.resolve("101.dat")));
    assertFalse(Files.exists(dir.resolve("101.dat.part")));
    assertVerified(dir, "101.hea", "101.atr"); // the good files of the record still arrive
  }

  @Test
  void truncatedFileThrows() throws IOException {
    byte[] full = files.get("100.atr");
    files.put("100.atr", java.util.Arrays.copyOf(full, full.length - 10));
    Path dir = tmp.resolve("t");
    assertThrows(ChecksumMismatchException.class,
        () -> client().build().downloadRecord("mitdb", "1.0.0", "100", dir));
    assertFalse(Files.exists(dir.resolve("100.atr")));
    assertFalse(Files.exists(dir.resolve("100.atr.part")));
  }

  @Test
  void droppedConnectionResumesOnNextCall() throws IOException {
    dropNext.put("100.dat", new AtomicInteger(1));
    Path dir = tmp.resolve("d");
    PhysioNetException e = assertThrows(PhysioNetException.class,
        () -> client().maxRetries(0).build().downloadRecord("mitdb", "1.0.0", "100", dir));
    assertTrue(e.getMessage().contains("100.dat"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("100.dat")), "partial file under the final name");
    Path part = dir.resolve("100.dat.part");
    assertTrue(Files.exists(part));
    long partial = Files.size(part);
    assertTrue(partial > 0 && partial < files.get("100.dat").length, "partial " + partial);
    List<DownloadProgress> events = Collections.synchronizedList(new ArrayList<>());
    DownloadResult r = client().maxRetries(0).progress(events::add).build()
        .downloadRecord("mitdb", "1.0.0", "100", dir);
    assertEquals(List.of("100.dat bytes=" + partial + "-"), ranges);
    assertEquals(files.get("100.dat").length - partial, r.bytesTransferred());
    assertTrue(events.stream().anyMatch(p -> p.stage() == DownloadProgress.Stage.RESUMED));
    assertVerified(dir, "100.atr", "100.dat", "100.hea");
  }

  @Test
  void droppedConnectionRetriedWithinOneCall() throws IOException {
    dropNext.put("101.dat", new AtomicInteger(2));
    Path dir = tmp.resolve("r");
    List<DownloadProgress> events = Collections.synchronizedList(new ArrayList<>());
    client().maxRetries(3).progress(events::add).build()
        .downloadRecord("mitdb", "1.0.0", "101", dir);
    assertVerified(dir, "101.atr", "101.dat", "101.hea");
    assertEquals(2, ranges.size(), ranges.toString());
    assertEquals(2, events.stream().filter(p -> p.stage() == DownloadProgress.Stage.RETRYING)
        .count());
  }

  @Test
  void stalledTransferTimesOutAndResumes() throws IOException {
    stallInsteadOfDrop = true;
    dropNext.put("100.hea", new AtomicInteger(1));
    Path dir = tmp.resolve("st");
    client().readTimeout(Duration.ofMillis(300)).maxRetries(2).build()
        .downloadRecord("mitdb", "1.0.0", "100", dir);
    assertVerified(dir, "100.atr", "100.dat", "100.hea");
    assertEquals(1, ranges.size(), ranges.toString());
  }

  @Test
  void staleOrForeignPartIsDiscarded() throws IOException {
    Path dir = tmp.resolve("s");
    Files.createDirectories(dir);
    byte[] junk = new byte[5000];
    java.util.Arrays.fill(junk, (byte) 7);
    Files.write(dir.resolve("100.dat.part"), junk);
    client().build().downloadRecord("mitdb", "1.0.0", "100", dir);
    assertVerified(dir, "100.dat");
    assertEquals(List.of("100.dat bytes=5000-"), ranges); // resumed, failed the hash, refetched
    assertEquals(2, requests.get(PREFIX + "100.dat").get());
  }

  @Test
  void httpErrorsAreTyped() throws IOException {
    Path dir = tmp.resolve("h");
    PhysioNetException e = assertThrows(PhysioNetException.class,
        () -> client().build().download("nosuchdb", "1.0.0", dir));
    assertEquals(404, e.status());
    Path dir2 = tmp.resolve("h2");
    files.remove("100.hea");
    PhysioNetException e2 = assertThrows(PhysioNetException.class,
        () -> client().build().downloadRecord("mitdb", "1.0.0", "100", dir2));
    assertEquals(404, e2.status());
    assertThrows(PhysioNetException.class,
        () -> client().build().downloadRecord("mitdb", "1.0.0", "999", tmp.resolve("h3")));
  }

  @Test
  void hostileManifestRejected() throws IOException {
    String h = "0".repeat(64);
    for (String bad : new String[] {h + " ../evil", h + " /etc/passwd", h + " a/../../b",
        "xyz 100.dat", h + " a\\b"}) {
      files.put("SHA256SUMS.txt", (bad + "\n").getBytes(StandardCharsets.UTF_8));
      Path dir = tmp.resolve("m" + bad.hashCode());
      EcgFormatException e = assertThrows(EcgFormatException.class,
          () -> client().build().download("mitdb", "1.0.0", dir), bad);
      assertEquals(1, e.position(), bad);
      try (Stream<Path> s = Files.list(dir)) {
        assertEquals(0, s.count(), "nothing written for " + bad);
      }
    }
  }

  @Test
  void emptyManifestDownloadsNothing() throws IOException {
    files.put("SHA256SUMS.txt", new byte[0]);
    DownloadResult r = client().build().download("mitdb", "1.0.0", tmp.resolve("e"));
    assertEquals(0, r.files().size());
    assertEquals(0, r.downloaded());
  }

  @Test
  void argumentsChecked() {
    assertThrows(EcgArgumentException.class, () -> PhysioNet.builder().parallelism(0));
    assertThrows(EcgArgumentException.class,
        () -> PhysioNet.builder().baseUrl(URI.create("ftp://x")));
    assertThrows(EcgArgumentException.class,
        () -> client().build().download("../x", "1.0.0", tmp));
    assertThrows(EcgArgumentException.class,
        () -> client().build().downloadRecord("mitdb", "1.0.0", "a/../b", tmp));
  }
}
