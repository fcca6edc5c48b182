package dev.ecg.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecg.core.json.JsonReader;
import dev.ecg.models.EcgClassifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The viewer's API without a browser: samples, downloads, and hostile uploads refused. */
class ViewerServerTest {

  static EcgClassifier beats;
  static ViewerServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    beats = EcgClassifier.load("mitbih-aami5");
    server = ViewerServer.start("127.0.0.1", 0, beats, null, 1 << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    beats.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> upload(String boundary, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/analyze")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static byte[] multipart(String boundary, Map<String, byte[]> files) {
    StringBuilder sb = new StringBuilder();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      sb.setLength(0);
      sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\";"
          + " filename=\"").append(f.getKey()).append("\"\r\nContent-Type: application/octet-"
          + "stream\r\n\r\n");
      out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(f.getValue());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void aSampleIsAnalysedAndDownloadable() throws Exception {
    HttpResponse<String> r = get("/api/sample?name=pvc");
    assertEquals(200, r.statusCode());
    Map<?, ?> m = (Map<?, ?>) JsonReader.parse(r.body());
    int beatsOnPage = ((List<?>) m.get("beats")).size();
    assertTrue(beatsOnPage > 100);
    HttpResponse<String> csv = get("/api/download?format=csv&id=" + m.get("id"));
    assertEquals(beatsOnPage + 1, csv.body().lines().count());
    assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains(
        "ecgsyn-pvc-beats.csv"));
    assertEquals(404, get("/api/download?format=csv&id=nope").statusCode());
    assertEquals(200, get("/").statusCode());
    assertEquals(404, get("/../pom.xml").statusCode());
    assertEquals(404, get("/etc%2fpasswd").statusCode());
  }

  @Test
  void aCsvUploadIsReadAndHostileUploadsAreRefused() throws Exception {
    StringBuilder csv = new StringBuilder("MLII\n");
    double[] x = dev.ecg.io.synth.EcgSyn.builder().optSamplingRate(250).optDuration(20)
        .optSeed(3).build().generate().signal();
    for (double v : x) {
      csv.append(String.format(java.util.Locale.ROOT, "%.4f%n", v));
    }
    byte[] ok = multipart("b1", Map.of("../../strip.csv", csv.toString()
        .getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> noFs = upload("b1", ok);
    assertEquals(400, noFs.statusCode());
    assertTrue(noFs.body().contains("strip.csv"), noFs.body()); // the sanitised name only
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/api/analyze?fs=250")).header("Content-Type",
        "multipart/form-data; boundary=b1").POST(HttpRequest.BodyPublishers.ofByteArray(ok))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    // larger than the limit (1 MB here): 413, not an OutOfMemoryError
    assertEquals(413, upload("b2", multipart("b2", Map.of("big.csv", new byte[2 << 20])))
        .statusCode());
    // a header pointing at a signal file that is not there
    HttpResponse<String> broken = upload("b3", multipart("b3", Map.of("x.hea",
        "x 1 360 1000\nx.dat 16 200 16 0 0 0 0 MLII\n".getBytes(StandardCharsets.UTF_8))));
    assertEquals(400, broken.statusCode());
    assertTrue(broken.body().contains("x.dat"), broken.body());
    assertEquals(400, upload("b4", "no parts at all".getBytes(StandardCharsets.UTF_8))
        .statusCode());
    assertThrows(IllegalArgumentException.class, () -> Multipart.safeName("..."));
    assertEquals("passwd", Multipart.safeName("/etc/passwd"));
    assertEquals("a_b.hea", Multipart.safeName("C:\\x\\a b.hea"));
  }
}
