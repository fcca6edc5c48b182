package dev.ecg.io.physionet;

import dev.ecg.core.EcgArgumentException;
import dev.ecg.io.EcgFormatException;
import dev.ecg.io.physionet.DownloadProgress.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads PhysioNet databases and records over HTTPS, with verification against the database's
 * {@code SHA256SUMS.txt}, a local cache, parallel transfers and resume after interruption.
 *
 * <p>Files are fetched from {@code <baseUrl>/files/<database>/<version>/<path>} (PhysioNet's
 * layout, e.g. {@code https://physionet.org/files/mitdb/1.0.0/100.dat}). Each file is written to
 * {@code <name>.part} beside its destination, resumed with an HTTP {@code Range} request when a
 * transfer breaks, hashed, and only then atomically renamed to its final name: a file under its
 * final name always has the published hash. A file already present with the right hash is not
 * requested again. The manifest is kept as {@code SHA256SUMS.txt} in the target folder; as
 * PhysioNet versions are immutable, a later call reuses it, so a fully cached database makes no
 * request at all.
 *
 * <pre>{@code
 * PhysioNet pn = PhysioNet.builder().parallelism(4).progress(p -> log(p)).build();
 * pn.downloadRecord("mitdb", "1.0.0", "100", Path.of("data/mitdb"));
 * }</pre>
 */
public final class PhysioNet {
  /** PhysioNet's public address. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://physionet.org");
  private static final Logger LOG = LoggerFactory.getLogger(PhysioNet.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final int MAX_MANIFEST_BYTES = 64 << 20;
  private static final String PART = ".part";

  private final URI baseUrl;
  private final int parallelism;
  private final int maxRetries;
  private final Duration retryDelay;
  private final Duration requestTimeout;
  private final Duration readTimeout;
  private final long maxFileBytes;
  private final DownloadProgress.Listener listener;
  private final HttpClient client;

  private PhysioNet(Builder b) {
    String s = b.baseUrl.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    this.baseUrl = URI.create(s);
    this.parallelism = b.parallelism;
    this.maxRetries = b.maxRetries;
    this.retryDelay = b.retryDelay;
    this.requestTimeout = b.requestTimeout;
    this.readTimeout = b.readTimeout;
    this.maxFileBytes = b.maxFileBytes;
    this.listener = b.listener;
    this.client = b.client != null ? b.client : HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(b.connectTimeout)
        .build();
  }

  /** @return a builder with PhysioNet's address, 4 parallel transfers and 3 retries per file */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link PhysioNet} client. */
  public static final class Builder {
    private URI baseUrl = DEFAULT_BASE_URL;
    private int parallelism = 4;
    private int maxRetries = 3;
    private Duration retryDelay = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private Duration readTimeout = Duration.ofSeconds(60);
    private long maxFileBytes = 16L << 30;
    private DownloadProgress.Listener listener = p -> { };
    private HttpClient client;

    private Builder() {}

    /**
     * @param uri server address, {@code http} or {@code https}; {@code /files/...} is appended
     * @return this
     * @throws EcgArgumentException for other schemes
     */
    public Builder baseUrl(URI uri) {
      Objects.requireNonNull(uri, "uri");
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
        throw new EcgArgumentException("base URL must be http or https: " + uri);
      }
      this.baseUrl = uri;
      return this;
    }

    /**
     * @param n concurrent transfers, 1..64
     * @return this
     * @throws EcgArgumentException when out of range
     */
    public Builder parallelism(int n) {
      if (n < 1 || n > 64) {
        throw new EcgArgumentException("parallelism must be 1..64, got " + n);
      }
      this.parallelism = n;
      return this;
    }

    /**
     * @param n retries (resuming from the partial file) after a broken transfer, 0..100
     * @return this
     * @throws EcgArgumentException when out of range
     */
    public Builder maxRetries(int n) {
      if (n < 0 || n > 100) {
        throw new EcgArgumentException("maxRetries must be 0..100, got " + n);
      }
      this.maxRetries = n;
      return this;
    }

    /**
     * @param d pause before the first retry; doubled for each further one
     * @return this
     */
    public Builder retryDelay(Duration d) {
      if (d.isNegative()) {
        throw new EcgArgumentException("retry delay must be >= 0");
      }
      this.retryDelay = d;
      return this;
    }

    /**
     * @param d connection timeout (ignored when an HttpClient is supplied)
     * @return this
     */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = Objects.requireNonNull(d, "d");
      return this;
    }

    /**
     * @param d time allowed until response headers arrive
     * @return this
     */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = Objects.requireNonNull(d, "d");
      return this;
    }

    /**
     * @param d longest wait for more bytes of a response body; a stalled transfer is aborted and
     *     retried (resuming) like a broken one
     * @return this
     * @throws EcgArgumentException when not positive
     */
    public Builder readTimeout(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new EcgArgumentException("read timeout must be positive");
      }
      this.readTimeout = d;
      return this;
    }

    /**
     * @param bytes largest file accepted; larger transfers are refused
     * @return this
     */
    public Builder maxFileBytes(long bytes) {
      if (bytes < 1) {
        throw new EcgArgumentException("maxFileBytes must be >= 1");
      }
      this.maxFileBytes = bytes;
      return this;
    }

    /**
     * @param l progress listener, called from download threads
     * @return this
     */
    public Builder progress(DownloadProgress.Listener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /**
     * @param c the HTTP client to use (for proxies or custom TLS)
     * @return this
     */
    public Builder httpClient(HttpClient c) {
      this.client = Objects.requireNonNull(c, "client");
      return this;
    }

    /** @return the client */
    public PhysioNet build() {
      return new PhysioNet(this);
    }
  }

  /**
   * Downloads every file listed in a database version's {@code SHA256SUMS.txt}.
   *
   * @param database database slug, e.g. {@code mitdb}
   * @param version version, e.g. {@code 1.0.0}
   * @param targetDir folder receiving the files (created when missing)
   * @return what was transferred and what was cached
   * @throws ChecksumMismatchException when a file's hash differs from the manifest's
   * @throws PhysioNetException on HTTP errors or broken transfers after the retries
   * @throws EcgFormatException when the manifest is malformed
   * @throws IOException when local files cannot be written
   */
  public DownloadResult download(String database, String version, Path targetDir)
      throws IOException {
    checkName(database, "database");
    checkName(version, "version");
    Sha256Sums sums = manifest(database, version, targetDir);
    return fetchAll(database, version, targetDir, sums.entries());
  }

  /**
   * Downloads the files of one record: every manifest entry whose path is the record name
   * followed by an extension ({@code 100} gives {@code 100.hea}, {@code 100.dat},
   * {@code 100.atr}). The record name may include folders ({@code records100/00000/00001_lr}).
   *
   * @param database database slug, e.g. {@code mitdb}
   * @param version version, e.g. {@code 1.0.0}
   * @param recordName the record name
   * @param targetDir folder receiving the files (created when missing)
   * @return what was transferred and what was cached
   * @throws PhysioNetException when the manifest lists no file of that record, or on HTTP errors
   * @throws ChecksumMismatchException when a file's hash differs from the manifest's
   * @throws EcgFormatException when the manifest is malformed
   * @throws IOException when local files cannot be written
   */
  public DownloadResult downloadRecord(
      String database, String version, String recordName, Path targetDir) throws IOException {
    checkName(database, "database");
    checkName(version, "version");
    Objects.requireNonNull(recordName, "recordName");
    for (String seg : recordName.split("/", -1)) {
      checkName(seg, "record name segment");
    }
    Sha256Sums sums = manifest(database, version, targetDir);
    Map<String, String> pick = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : sums.entries().entrySet()) {
      String p = e.getKey();
      if (p.startsWith(recordName + ".") && p.indexOf('/', recordName.length()) < 0) {
        pick.put(p, e.getValue());
      }
    }
    if (pick.isEmpty()) {
      throw new PhysioNetException(fileUri(database, version, Sha256Sums.FILE_NAME), -1,
          "the manifest lists no file of record '" + recordName + "'", null);
    }
    return fetchAll(database, version, targetDir, pick);
  }

  /**
   * A readable reason for a failed request: the JDK's connection errors often carry no message
   * ("request failed: null" said nothing).
   */
  static String reason(IOException e) {
    String m = null;
    for (Throwable t = e; t != null && (m == null || m.isBlank()); t = t.getCause()) {
      m = t.getMessage();
    }
    boolean connect = e instanceof java.net.ConnectException
        || e instanceof java.net.http.HttpConnectTimeoutException
        || e instanceof java.net.UnknownHostException
        || e.getCause() instanceof java.nio.channels.UnresolvedAddressException
        || e.getCause() instanceof java.net.ConnectException;
    String what = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    return connect ? "cannot connect (" + what + "); is this machine offline, or is a proxy "
        + "needed?" : what;
  }

  private static void checkName(String s, String what) {
    if (s == null || !NAME.matcher(s).matches() || s.contains("..")) {
      throw new EcgArgumentException(what + " '" + s + "' must match [A-Za-z0-9][A-Za-z0-9._-]*");
    }
  }

  URI fileUri(String db, String version, String path) {
    StringBuilder sb = new StringBuilder(baseUrl.toString()).append("/files/")
        .append(db).append('/').append(version);
    for (String seg : path.split("/")) {
      sb.append('/');
      for (byte b : seg.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '-' || c == '_' || c == '~') {
          sb.append((char) c);
        } else {
          sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
      }
    }
    return URI.create(sb.toString());
  }

  private Sha256Sums manifest(String db, String version, Path targetDir) throws IOException {
    Files.createDirectories(targetDir);
    Path local = targetDir.resolve(Sha256Sums.FILE_NAME);
    if (Files.isRegularFile(local)) {
      return Sha256Sums.read(local);
    }
    URI uri = fileUri(db, version, Sha256Sums.FILE_NAME);
    HttpResponse<InputStream> r;
    try {
      r = send(uri, 0);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new PhysioNetException(uri, -1, "request failed: " + reason(e), e);
    }
    byte[] body;
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new PhysioNetException(uri, r.statusCode(), "HTTP " + r.statusCode()
            + " for the manifest (does database '" + db + "' version '" + version + "' exist?)",
            null);
      }
      body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    }
    if (body.length > MAX_MANIFEST_BYTES) {
      throw new PhysioNetException(uri, 200, "manifest larger than " + MAX_MANIFEST_BYTES
          + " bytes", null);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    Sha256Sums sums = Sha256Sums.parse(text, local);
    Path tmp = local.resolveSibling(Sha256Sums.FILE_NAME + PART);
    Files.write(tmp, body);
    Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return sums;
  }

  private HttpResponse<InputStream> send(URI uri, long from) throws IOException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
        .header("User-Agent", "ecg-sdk-java");
    if (from > 0) {
      rb.header("Range", "bytes=" + from + "-");
    }
    try {
      return client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while requesting " + uri);
    }
  }

  private DownloadResult fetchAll(String db, String version, Path targetDir,
      Map<String, String> files) throws IOException {
    Path root = targetDir.toAbsolutePath().normalize();
    AtomicInteger downloaded = new AtomicInteger();
    AtomicInteger cached = new AtomicInteger();
    AtomicLong bytes = new AtomicLong();
    List<Path> paths = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, files.size())),
        r -> {
          Thread t = new Thread(r, "physionet-download");
          t.setDaemon(true);
          return t;
        });
    List<Future<?>> futures = new ArrayList<>();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "physionet-watchdog");
      t.setDaemon(true);
      return t;
    });
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path target = root.resolve(e.getKey()).normalize();
        if (!target.startsWith(root)) {
          throw new EcgFormatException(root.resolve(Sha256Sums.FILE_NAME), null, -1,
              "path '" + e.getKey() + "' leaves the target folder");
        }
        paths.add(target);
        futures.add(pool.submit(() -> {
          long n = fetchOne(db, version, e.getKey(), e.getValue(), target, watchdog);
          if (n < 0) {
            cached.incrementAndGet();
          } else {
            downloaded.incrementAndGet();
            bytes.addAndGet(n);
          }
          return null;
        }));
      }
      IOException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException ex) {
          Throwable c = ex.getCause();
          IOException io = c instanceof IOException ? (IOException) c : null;
          if (io == null && c instanceof RuntimeException) {
            if (first != null) {
              c.addSuppressed(first);
            }
            throw (RuntimeException) c;
          }
          if (io == null) {
            io = new IOException(c);
          }
          if (first == null) {
            first = io;
          } else {
            first.addSuppressed(io);
          }
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          for (Future<?> g : futures) {
            g.cancel(true);
          }
          throw new InterruptedIOException("interrupted while downloading " + db);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
      watchdog.shutdownNow();
    }
    return new DownloadResult(paths, downloaded.get(), cached.get(), bytes.get());
  }

  private void report(String file, Stage stage, long n, long total) {
    try {
      listener.onProgress(new DownloadProgress(file, stage, n, total));
    } catch (RuntimeException e) {
      LOG.warn("progress listener failed on {} {}", file, stage, e);
    }
  }

  /** @return bytes transferred, or -1 when the file was cached */
  private long fetchOne(String db, String version, String rel, String hash, Path target,
      ScheduledExecutorService watchdog) throws IOException {
    if (Files.isRegularFile(target)) {
      if (Sha256Sums.sha256(target).equals(hash)) {
        report(rel, Stage.CACHED, Files.size(target), Files.size(target));
        return -1;
      }
      LOG.info("{} exists with a different hash; downloading it again", target);
      Files.delete(target);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path part = target.resolveSibling(target.getFileName() + PART);
    URI uri = fileUri(db, version, rel);
    long transferred = 0;
    boolean restartedAfterMismatch = false;
    int attempt = 0;
    while (true) {
      long from = Files.isRegularFile(part) ? Files.size(part) : 0;
      try {
        transferred += transfer(uri, rel, part, from, watchdog);
      } catch (PhysioNetException e) {
        boolean retryable = e.status() < 0 || e.status() >= 500 || e.status() == 429;
        if (!retryable || attempt >= maxRetries) {
          report(rel, Stage.FAILED, Files.isRegularFile(part) ? Files.size(part) : 0, -1);
          throw e;
        }
        attempt++;
        report(rel, Stage.RETRYING, Files.isRegularFile(part) ? Files.size(part) : 0, -1);
        LOG.info("retrying {} ({}/{}): {}", uri, attempt, maxRetries, e.getMessage());
        pause(attempt);
        continue;
      }
      long size = Files.size(part);
      String got = Sha256Sums.sha256(part);
      if (got.equals(hash)) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        report(rel, Stage.VERIFIED, size, size);
        return transferred;
      }
      Files.deleteIfExists(part);
      if (from > 0 && !restartedAfterMismatch) {
        // The resumed tail may not belong to the same bytes as the old head: start over once.
        LOG.info("{} failed verification after resuming; downloading it from the start", uri);
        restartedAfterMismatch = true;
        continue;
      }
      report(rel, Stage.FAILED, size, size);
      throw new ChecksumMismatchException(target, size, hash, got);
    }
  }

  private void pause(int attempt) throws InterruptedIOException {
    long ms = retryDelay.toMillis() << Math.min(attempt - 1, 10);
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /**
   * Transfers into {@code part}, appending from {@code from} when the server honours the range.
   *
   * @return bytes received
   */
  private long transfer(URI uri, String rel, Path part, long from,
      ScheduledExecutorService watchdog) throws IOException {
    HttpResponse<InputStream> r;
    try {
      r = send(uri, from);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new PhysioNetException(uri, -1, "request failed: " + reason(e), e);
    }
    InputStream in = r.body();
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    long limitNanos = readTimeout.toNanos();
    long period = Math.max(1, readTimeout.toMillis() / 4);
    ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastRead.get() > limitNanos && stalled.compareAndSet(false, true)) {
        try {
          in.close(); // wakes the blocked read, which then sees the end of the stream
        } catch (IOException ignored) {
          // closing is best effort
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);
    try (in) {
      int status = r.statusCode();
      long start;
      if (status == 206 && from > 0) {
        String cr = r.headers().firstValue("Content-Range").orElse("");
        if (!cr.startsWith("bytes " + from + "-")) {
          Files.deleteIfExists(part);
          throw new PhysioNetException(uri, status, "unexpected Content-Range '" + cr
              + "' for a request from byte " + from, null);
        }
        start = from;
        report(rel, Stage.RESUMED, from, total(r, from));
      } else if (status == 416 && from > 0) {
        // Requested range starts at or past the end: the partial file may be complete.
        return 0;
      } else if (status == 200) {
        start = 0;
        report(rel, Stage.STARTED, 0, total(r, 0));
      } else {
        throw new PhysioNetException(uri, status, "HTTP " + status, null);
      }
      long total = total(r, start);
      if (total > maxFileBytes) {
        throw new PhysioNetException(uri, status, "file of " + total + " bytes exceeds the limit"
            + " of " + maxFileBytes, null);
      }
      long got = 0;
      long next = 1 << 20;
      byte[] buf = new byte[1 << 16];
      StandardOpenOption mode =
          start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
      try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, mode)) {
        int n;
        try {
          while ((n = in.read(buf)) > 0) {
            lastRead.set(System.nanoTime());
            out.write(buf, 0, n);
            got += n;
            if (start + got > maxFileBytes) {
              throw new PhysioNetException(uri, status, "more than " + maxFileBytes
                  + " bytes received", null);
            }
            if (got >= next) {
              next += 1 << 20;
              report(rel, Stage.TRANSFERRING, start + got, total);
            }
          }
        } catch (PhysioNetException e) {
          throw e;
        } catch (IOException e) {
          if (stalled.get()) {
            throw new PhysioNetException(uri, -1, "no data for " + readTimeout.toMillis()
                + " ms after " + (start + got) + " bytes", e);
          }
          throw new PhysioNetException(uri, -1, "transfer broke after " + (start + got)
              + " bytes: " + e.getMessage(), e);
        }
      }
      if (stalled.get()) {
        throw new PhysioNetException(uri, -1, "no data for " + readTimeout.toMillis()
            + " ms after " + (start + got) + " bytes", null);
      }
      OptionalLong len = r.headers().firstValueAsLong("Content-Length");
      if (len.isPresent() && got < len.getAsLong()) {
        throw new PhysioNetException(uri, -1, "connection closed after " + got + " of "
            + len.getAsLong() + " bytes", null);
      }
      report(rel, Stage.TRANSFERRING, start + got, total);
      return got;
    } finally {
      guard.cancel(false);
    }
  }

  private static long total(HttpResponse<?> r, long start) {
    String cr = r.headers().firstValue("Content-Range").orElse("");
    int slash = cr.lastIndexOf('/');
    if (slash >= 0) {
      try {
        return Long.parseLong(cr.substring(slash + 1).trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    OptionalLong len = r.headers().firstValueAsLong("Content-Length");
    return len.isPresent() ? start + len.getAsLong() : -1;
  }
}
