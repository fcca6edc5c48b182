package dev.ecg.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ecg.core.DataDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ecg download} against a loopback server holding record 100 of the local MIT-BIH copy
 * with PhysioNet's own hashes, and against a port where nothing listens (as offline).
 */
class DownloadCommandTest {
  @TempDir Path tmp;

  private static int ecg(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return EcgCli.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void downloadsAndVerifiesARecord() throws Exception {
    Assumptions.assumeTrue(DataDir.find("mitdb").isPresent(), DataDir.missingMessage("mitdb"));
    Path mitdb = DataDir.find("mitdb").get();
    Map<String, byte[]> files = new HashMap<>();
    StringBuilder sums = new StringBuilder();
    for (String line : Files.readAllLines(mitdb.resolve("SHA256SUMS.txt"))) {
      String name = line.substring(65).trim();
      if (name.startsWith("100.")) {
        sums.append(line).append('\n');
        files.put(name, Files.readAllBytes(mitdb.resolve(name)));
      }
    }
    files.put("SHA256SUMS.txt", sums.toString().getBytes(StandardCharsets.UTF_8));
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      String prefix = "/files/mitdb/1.0.0/";
      byte[] body = path.startsWith(prefix) ? files.get(path.substring(prefix.length())) : null;
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
      ex.close();
    });
    server.start();
    try {
      Path target = tmp.resolve("mitdb");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc = ecg(out, err, "download", "mitdb", "--records", "100", "--out",
          target.toString(), "--base-url", "http://127.0.0.1:" + server.getAddress().getPort());
      assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
      for (String n : new String[] {"100.hea", "100.dat", "100.atr"}) {
        assertArrayEquals(Files.readAllBytes(mitdb.resolve(n)),
            Files.readAllBytes(target.resolve(n)), n);
      }
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 file(s): 3 downloaded"),
          out.toString(StandardCharsets.UTF_8));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnreachableServerGivesOneClearLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ecg(out, err, "download", "mitdb", "--records", "100", "--out",
        tmp.resolve("x").toString(), "--base-url", "http://127.0.0.1:" + port);
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, rc, e);
    assertTrue(e.startsWith("ecg download: "), e);
    assertFalse(e.contains(": null"), "the reason is named, not 'null': " + e);
    assertTrue(e.contains("cannot connect"), e);
    assertFalse(e.contains("\tat "), e);
  }
}
