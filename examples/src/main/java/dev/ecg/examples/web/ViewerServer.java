package dev.ecg.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecg.core.json.JsonWriter;
import dev.ecg.io.Record;
import dev.ecg.io.Records;
import dev.ecg.io.hrv.Hrv;
import dev.ecg.io.quality.SignalQuality;
import dev.ecg.io.synth.EcgSyn;
import dev.ecg.models.BeatPrediction;
import dev.ecg.models.ClassificationResult;
import dev.ecg.models.EcgClassifier;
import dev.ecg.models.Explainer;
import dev.ecg.models.RhythmEpisodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The web viewer behind {@code ecg serve}: a page (every asset served from the jar, no CDN) where
 * a person uploads a recording, or picks a synthetic sample, and sees the strip with each beat's
 * label, rhythm episodes as bands, heart rate and quality panels, the explanation of a clicked
 * beat, and downloads the results.
 *
 * <p>API: {@code POST /api/analyze} (multipart files: WFDB header with its signal and
 * annotation files, EDF, MAT with header, or CSV), {@code GET /api/sample?name=},
 * {@code GET /api/explain?id=&sample=&method=}, {@code GET /api/download?id=&format=json|csv}.
 * Uploads are limited in size and file count, written only to a fresh temporary folder that is
 * deleted after parsing, and read by the SDK's hardened readers; errors come back as JSON with
 * the reader's message. Binds to the loopback address unless told otherwise.
 */
public final class ViewerServer implements AutoCloseable {
  private final HttpServer server;
  private final EcgClassifier beats;
  private final EcgClassifier rhythm;
  private final long maxBytes;
  private final Map<String, Analysis> analyses = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Analysis> e) {
          return size() > 16; // the last 16 analyses stay explainable and downloadable
        }
      });

  private record Analysis(Record record, ClassificationResult result) {}

  private ViewerServer(HttpServer server, EcgClassifier beats, EcgClassifier rhythm,
      long maxBytes) {
    this.server = server;
    this.beats = beats;
    this.rhythm = rhythm;
    this.maxBytes = maxBytes;
  }

  /**
   * @param host address to bind ({@code 127.0.0.1} keeps it local)
   * @param port port, 0 for any free one
   * @param beats the beat model
   * @param rhythm the rhythm model for episodes, or null
   * @param maxUploadBytes the largest upload accepted
   * @return the running server
   * @throws IOException if the port cannot be bound
   */
  public static ViewerServer start(String host, int port, EcgClassifier beats,
      EcgClassifier rhythm, long maxUploadBytes) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 0);
    ViewerServer v = new ViewerServer(s, beats, rhythm, maxUploadBytes);
    s.createContext("/", v::page);
    s.createContext("/api/analyze", v::analyze);
    s.createContext("/api/sample", v::sample);
    s.createContext("/api/explain", v::explain);
    s.createContext("/api/download", v::download);
    s.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "ecg-viewer");
      t.setDaemon(true);
      return t;
    }));
    s.start();
    return v;
  }

  /** @return the port the server listens on */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ------------------------------------------------------------------------------- handlers

  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  private void page(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (!name.matches("[a-z]+\\.(html|js|css)")) {
      send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    try (InputStream in = ViewerServer.class.getResourceAsStream(name)) {
      if (in == null) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(ex, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
    }
  }

  private void analyze(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      error(ex, 405, "POST the recording's files as multipart/form-data");
      return;
    }
    Path tmp = null;
    try {
      byte[] body = readBounded(ex.getRequestBody(), maxBytes);
      List<Multipart.Part> parts = Multipart.parse(ex.getRequestHeaders().getFirst(
          "Content-Type"), body);
      if (parts.isEmpty()) {
        error(ex, 400, "no file in the upload");
        return;
      }
      tmp = Files.createTempDirectory("ecg-viewer");
      Path main = null;
      for (Multipart.Part p : parts) {
        Path f = tmp.resolve(p.fileName());
        Files.write(f, p.content());
        String lower = p.fileName().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".hea") || main == null && (lower.endsWith(".edf")
            || lower.endsWith(".csv") || lower.endsWith(".mat"))) {
          main = f;
        }
      }
      if (main == null) {
        error(ex, 400, "no recording among the files: send a .hea (with its .dat and .atr), "
            + ".edf, .mat with its .hea, or .csv");
        return;
      }
      Records.Options opt = Records.Options.defaults();
      String q = query(ex, "fs");
      if (q != null) {
        opt = opt.fs(Double.parseDouble(q));
      }
      String stem = main.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      if (main.toString().endsWith(".hea") && Files.exists(tmp.resolve(stem + ".atr"))) {
        opt = opt.annotations("atr");
      }
      Record r = Records.read(main, opt);
      sendJson(ex, 200, analysis(r));
    } catch (TooLarge e) {
      // the rest of the body is not read: the connection cannot carry another request
      ex.getResponseHeaders().set("Connection", "close");
      error(ex, 413, e.getMessage());
    } catch (IOException | RuntimeException e) {
      error(ex, 400, e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private void sample(HttpExchange ex) throws IOException {
    String name = String.valueOf(query(ex, "name"));
    EcgSyn.Builder b = EcgSyn.builder().optSamplingRate(360).optDuration(120).optSeed(31)
        .optPvcProbability(0.1);
    if (name.equals("af")) {
      b = EcgSyn.builder().optSamplingRate(360).optDuration(150).optSeed(12)
          .optAtrialFibrillation(40, 120);
    } else if (!name.equals("pvc")) {
      error(ex, 404, "samples: pvc, af");
      return;
    }
    Record r = b.build().generate().record();
    sendJson(ex, 200, analysis(new Record("ecgsyn-" + name, r.fs(), r.channelNames(), r.units(),
        r.signals(), List.of())));
  }

  private Map<String, Object> analysis(Record r) {
    ClassificationResult res = beats.classify(r);
    String id = UUID.randomUUID().toString();
    analyses.put(id, new Analysis(r, res));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("record", r.name());
    m.put("fs", r.fs());
    m.put("leads", r.channelNames());
    m.put("model", beats.manifest().name());
    m.put("seconds", r.durationSeconds());
    double[] x = r.channel(0);
    List<Object> sig = new ArrayList<>(x.length);
    for (double v : x) {
      sig.add(Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null);
    }
    m.put("signal", sig);
    List<Object> bs = new ArrayList<>();
    for (BeatPrediction b : res) {
      bs.add(List.of(b.sample(), b.label(), Math.round(b.probability() * 1000) / 1000.0));
    }
    m.put("beats", bs);
    m.put("skipped", res.skipped().size());
    m.put("warnings", res.warnings());
    List<Object> eps = new ArrayList<>();
    if (rhythm != null && r.durationSeconds() >= 10) {
      ClassificationResult rr = rhythm.classify(r);
      for (String label : rhythm.classNames()) {
        String u = label.toUpperCase(Locale.ROOT);
        if (u.equals("AF") || u.equals("A") || u.equals("~") || u.startsWith("NOIS")) {
          for (RhythmEpisodes.Episode e : RhythmEpisodes.find(rhythm, rr, label, 0.5)) {
            eps.add(Map.of("label", label, "onset", e.onsetSeconds(), "offset",
                e.offsetSeconds(), "p", Math.round(e.meanProbability() * 100) / 100.0));
          }
        }
      }
    }
    m.put("episodes", eps);
    List<Object> hr = new ArrayList<>();
    List<Object> quality = new ArrayList<>();
    int seg = (int) Math.round(10 * r.fs());
    for (int from = 0; from + seg <= x.length; from += seg) {
      double[] part = java.util.Arrays.copyOfRange(x, from, from + seg);
      SignalQuality.Assessment a = SignalQuality.assess(part, r.fs());
      quality.add(Map.of("from", from / r.fs(), "to", (from + seg) / r.fs(), "usable",
          a.usable(), "reasons", a.reasons()));
    }
    m.put("quality", quality);
    for (int k = 1; k < res.size(); k++) {
      double rrs = (res.get(k).sample() - res.get(k - 1).sample()) / r.fs();
      if (rrs > 0.2 && rrs < 3) {
        hr.add(List.of(Math.round(res.get(k).time() * 100) / 100.0,
            Math.round(600 / rrs) / 10.0));
      }
    }
    m.put("hr", hr);
    int[] peaks = res.beats().stream().mapToInt(b -> (int) b.sample()).toArray();
    if (peaks.length >= Hrv.MIN_PEAKS_TIME) {
      var h = Hrv.time(peaks, r.fs());
      m.put("hrv", Map.of("meanNN", h.meanNN(), "sdnn", h.sdnn(), "rmssd", h.rmssd()));
    }
    return m;
  }

  private void explain(HttpExchange ex) throws IOException {
    Analysis a = analyses.get(String.valueOf(query(ex, "id")));
    if (a == null) {
      error(ex, 404, "unknown or expired analysis id");
      return;
    }
    try {
      long sample = Long.parseLong(String.valueOf(query(ex, "sample")));
      Explainer.Method method = "ig".equals(query(ex, "method"))
          ? Explainer.Method.INTEGRATED_GRADIENTS : Explainer.Method.OCCLUSION;
      Explainer.Explanation e = Explainer.explain(beats, a.record(), sample, method);
      List<Object> pts = new ArrayList<>();
      double max = 1e-12;
      for (int i = 0; i < e.relevance().length; i++) {
        if (e.recordSamples()[i] >= 0) {
          max = Math.max(max, Math.abs(e.relevance()[i]));
        }
      }
      for (int i = 0; i < e.relevance().length; i++) {
        if (e.recordSamples()[i] >= 0) {
          pts.add(List.of(e.recordSamples()[i], Math.round(e.relevance()[i] / max * 1000)
              / 1000.0));
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sample", e.sample());
      m.put("label", e.prediction().label());
      m.put("method", method.name().toLowerCase(Locale.ROOT));
      m.put("relevance", pts);
      sendJson(ex, 200, m);
    } catch (RuntimeException e) {
      error(ex, 400, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void download(HttpExchange ex) throws IOException {
    Analysis a = analyses.get(String.valueOf(query(ex, "id")));
    if (a == null) {
      error(ex, 404, "unknown or expired analysis id");
      return;
    }
    boolean csv = "csv".equals(query(ex, "format"));
    String name = a.record().name().replaceAll("[^A-Za-z0-9._-]", "_");
    ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + name
        + "-beats." + (csv ? "csv" : "json") + "\"");
    if (csv) {
      StringBuilder sb = new StringBuilder("sample,time_s,label,probability\n");
      for (BeatPrediction b : a.result()) {
        sb.append(String.format(Locale.ROOT, "%d,%.4f,%s,%.5f%n", b.sample(), b.time(),
            b.label(), b.probability()));
      }
      send(ex, 200, "text/csv; charset=utf-8", sb.toString().getBytes(StandardCharsets.UTF_8));
    } else {
      List<Object> out = new ArrayList<>();
      for (BeatPrediction b : a.result()) {
        out.add(Map.of("sample", b.sample(), "time", b.time(), "label", b.label(),
            "probability", b.probability()));
      }
      sendJson(ex, 200, Map.of("record", a.record().name(), "model", beats.manifest().name(),
          "beats", out));
    }
  }

  // -------------------------------------------------------------------------------- plumbing

  private static final class TooLarge extends IOException {
    TooLarge(String m) {
      super(m);
    }
  }

  private static byte[] readBounded(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > max) {
        // read and drop the rest (up to 64 MB more), so that the client gets the answer
        // instead of a reset connection; a bigger body is cut off
        long dropped = 0;
        while (dropped < (64L << 20) && (n = in.read(buf)) > 0) {
          dropped += n;
        }
        throw new TooLarge("upload larger than " + max / (1 << 20) + " MB");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String query(HttpExchange ex, String key) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return null;
    }
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(key)) {
        return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void error(HttpExchange ex, int code, String message) throws IOException {
    sendJson(ex, code, Map.of("error", message == null ? "error" : message));
  }

  private static void sendJson(HttpExchange ex, int code, Object tree) throws IOException {
    send(ex, code, "application/json; charset=utf-8", JsonWriter.compact(tree)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
