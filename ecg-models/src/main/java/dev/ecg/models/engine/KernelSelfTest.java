package dev.ecg.models.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.ecg.core.json.JsonFields;
import dev.ecg.core.json.JsonReader;
import dev.ecg.models.nn.BiLstm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A known-answer test of the libtorch kernels the SDK relies on, run once per process before
 * the PyTorch engine's first inference or training step.
 *
 * <p><b>Why.</b> libtorch picks its CPU kernels (oneDNN's among them) by the instruction sets it
 * finds, so the same jar can compute different numbers on different processors; on AMD Zen 5,
 * libtorch 2.7.1 gave wrong LSTM outputs and NaN training (see {@link OneDnnPolicy}). A green test
 * run on one CPU proves nothing about the next, so every process checks its own.
 *
 * <p><b>What.</b> Eleven small computations on the CPU, compared with goldens computed by an
 * independent reference (NumPy in float64, cross-checked against PyTorch 1.13 in float64; see
 * {@code ecg-models/src/test/python/make_kernel_goldens.py}) and shipped in this jar as
 * {@code dev/ecg/models/engine/kernel-goldens.json}:
 * <ul>
 *   <li>{@code conv1d-c1}, {@code -c8}, {@code -c12}, {@code -c3k7}, {@code -c32}: Conv1d
 *       forward, backward-data, backward-weights and bias gradient at the shapes our CNNs train
 *       with;</li>
 *   <li>{@code linear}: a dense layer's GEMM;</li>
 *   <li>{@code lstm-h16}, {@code lstm-h24}, {@code lstm-h64}: the {@link BiLstm} block's forward
 *       pass; {@code lstm-grad}: its backward pass (gradients with respect to the input and to
 *       both LSTMs' weights) as training runs it;</li>
 *   <li>{@code adam}: three steps of DJL's Adam update.</li>
 * </ul>
 * Inputs are multiples of 1/1024 made by a hash (exact in float32 on both sides); each output is
 * compared through its sum, L1 and L2 norms, a dot product with a fixed pattern and 64 strided
 * samples, within {@value #RTOL} relative plus {@value #ATOL} absolute. A wrong kernel is off by
 * percent or gives NaN; float32 rounding is below 1e-6.
 *
 * <p>Before the checks, {@link OneDnnPolicy#applyToLibtorch()} runs, so the checks see libtorch
 * exactly as training and inference will.
 *
 * <p><b>When it fails</b>, {@link #ensurePassed()} throws {@link KernelSelfTestException} (at
 * every later call too), naming the check, the CPU and its flags, the oneDNN cap in effect and
 * the ways around it; the trainer and the PyTorch inference engine refuse to run. ONNX Runtime
 * inference has its own kernels and does not depend on this test.
 *
 * <p><b>Modes</b> (system property {@value #PROPERTY}): {@code on} (default) refuses;
 * {@code warn} logs the failure at ERROR and lets libtorch run; {@code off} skips the test.
 *
 * <p><b>Cost</b>: measured in {@link Report#checkNanos()}; see {@code docs/platforms.md}.
 */
public final class KernelSelfTest {

  /** System property: {@code on} (default), {@code warn} or {@code off}. */
  public static final String PROPERTY = "ecg.kernel.check";
  /** Relative tolerance of every comparison. */
  public static final double RTOL = 1e-4;
  /** Absolute tolerance of every comparison. */
  public static final double ATOL = 2e-5;

  static final String GOLDENS = "/dev/ecg/models/engine/kernel-goldens.json";
  private static final Logger LOG = LoggerFactory.getLogger(KernelSelfTest.class);

  private static Report report;

  /**
   * One check's outcome.
   *
   * @param name the check ({@code conv1d-c8}, {@code lstm-h16}, ...)
   * @param passed whether every output matched
   * @param detail the first mismatch, or the worst relative deviation when it passed
   */
  public record Check(String name, boolean passed, String detail) {}

  /**
   * The outcome of the self-test in this process.
   *
   * @param passed whether every check passed (true when skipped)
   * @param skipped whether {@value #PROPERTY}{@code =off} skipped it
   * @param checks one entry per check
   * @param engineLoadNanos time to load libtorch (DJL's engine), before the checks
   * @param checkNanos time of the checks themselves
   * @param cpu the processor
   * @param isa the oneDNN decision in effect
   * @param oneDnnStatus what was done to oneDNN inside libtorch
   *     ({@link OneDnnPolicy#applyToLibtorch()})
   */
  public record Report(boolean passed, boolean skipped, List<Check> checks, long engineLoadNanos,
      long checkNanos, CpuInfo cpu, OneDnnPolicy.Decision isa, String oneDnnStatus) {

    /** @return a multi-line account for logs and exception messages */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("libtorch kernel self-test ")
          .append(skipped ? "skipped (-D" + PROPERTY + "=off)" : passed ? "passed" : "FAILED")
          .append(String.format(Locale.ROOT, " in %.0f ms (engine load %.0f ms)",
              checkNanos / 1e6, engineLoadNanos / 1e6))
          .append("\n  CPU: ").append(cpu.describe())
          .append("\n  oneDNN: ").append(isa == null ? "?" : isa.describe()).append("; ")
          .append(oneDnnStatus);
      for (Check c : checks) {
        sb.append("\n  ").append(c.passed() ? "ok   " : "FAIL ").append(c.name()).append(": ")
            .append(c.detail());
      }
      return sb.toString();
    }
  }

  private KernelSelfTest() {}

  /**
   * Applies the oneDNN cap, loads libtorch and runs the self-test, once per process.
   *
   * @return the report (the same object at every call)
   * @throws KernelSelfTestException if a check failed and the mode is {@code on} (at every call)
   * @throws EngineException if libtorch cannot be loaded
   */
  public static synchronized Report ensurePassed() {
    if (report == null) {
      PyTorchAvailability.require("the libtorch kernel self-test");
      OneDnnPolicy.Decision isa = OneDnnPolicy.apply(); // before libtorch loads
      String mode = System.getProperty(PROPERTY, "on").trim().toLowerCase(Locale.ROOT);
      if (!List.of("on", "warn", "off").contains(mode)) {
        throw new EngineException("-D" + PROPERTY + "=" + System.getProperty(PROPERTY)
            + " is not on, warn or off");
      }
      if (mode.equals("off")) {
        report = new Report(true, true, List.of(), 0, 0, CpuInfo.current(), isa,
            OneDnnPolicy.applyToLibtorch());
        LOG.warn("{}: libtorch results on this CPU are not checked", report.describe());
      } else {
        long t0 = System.nanoTime();
        try {
          Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
          throw new EngineException("cannot load libtorch (DJL's PyTorch engine): " + e, e);
        }
        long load = System.nanoTime() - t0;
        report = run(goldens(), load, isa);
        if (report.passed()) {
          LOG.debug("{}", report.describe());
        } else if (mode.equals("warn")) {
          LOG.error("{}\n  continuing because -D{}=warn: libtorch results may be wrong",
              report.describe(), PROPERTY);
        }
      }
    }
    if (!report.passed() && !report.skipped()
        && !"warn".equalsIgnoreCase(System.getProperty(PROPERTY, "on").trim())) {
      throw new KernelSelfTestException(report);
    }
    return report;
  }

  /** @return the report of this process's self-test, or null if it has not run */
  public static synchronized Report lastReport() {
    return report;
  }

  /** @return the goldens shipped in this jar */
  static JsonFields goldens() {
    try (InputStream in = KernelSelfTest.class.getResourceAsStream(GOLDENS)) {
      if (in == null) {
        throw new EngineException("kernel self-test goldens " + GOLDENS + " missing from the jar");
      }
      return JsonFields.of(JsonReader.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8)), GOLDENS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + GOLDENS, e);
    }
  }

  /**
   * Runs every check of {@code goldens} on libtorch's CPU kernels (no caching, no throwing).
   *
   * @param goldens the goldens document
   * @param engineLoadNanos the engine load time to report
   * @param isa the cap decision to report
   * @return the report
   */
  static Report run(JsonFields goldens, long engineLoadNanos, OneDnnPolicy.Decision isa) {
    Engine.getEngine("PyTorch");
    String oneDnn = OneDnnPolicy.applyToLibtorch(); // needs libtorch loaded; before any kernel
    long t0 = System.nanoTime();
    int salt = i(goldens, "patternSalt");
    List<Check> checks = new ArrayList<>();
    List<Object> specs = goldens.list("checks");
    for (int c = 0; c < specs.size(); c++) {
      JsonFields spec = JsonFields.of(specs.get(c), goldens.where() + ": checks[" + c + "]");
      String name = spec.string("name");
      Map<String, float[]> got;
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
        got = switch (spec.string("kind")) {
          case "conv1d" -> conv1d(m, spec);
          case "linear" -> linear(m, spec);
          case "bilstm" -> bilstm(m, spec);
          case "adam" -> adam(m, spec);
          default -> throw new EngineException("unknown self-test kind in " + name);
        };
      } catch (RuntimeException ex) {
        checks.add(new Check(name, false, "libtorch threw " + ex));
        continue;
      }
      checks.add(compare(name, got, spec.object("expected"), salt));
    }
    boolean passed = checks.stream().allMatch(Check::passed);
    return new Report(passed, false, List.copyOf(checks), engineLoadNanos,
        System.nanoTime() - t0, CpuInfo.current(), isa, oneDnn);
  }

  // ------------------------------------------------------------------ inputs

  /**
   * The goldens' input pattern: splitmix64 of {@code i + 1} and the salt, 11 bits, as a multiple
   * of 1/1024 in [-1, 1), times {@code scale} (a power of two, so every value is exact).
   */
  static float[] pattern(int n, long salt, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      long z = (i + 1L) * 0x9E3779B97F4A7C15L + salt;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      long k = z >>> 53;
      out[i] = (float) ((k - 1024) / 1024.0 * scale);
    }
    return out;
  }

  private static NDArray tensor(NDManager m, JsonFields spec, String key, long... shape) {
    JsonFields t = spec.object(key);
    return tensor(m, salt(t, "salt"), t.number("scale"), shape);
  }

  private static NDArray tensor(NDManager m, long salt, double scale, long... shape) {
    Shape s = new Shape(shape);
    return m.create(pattern(Math.toIntExact(s.size()), salt, scale), s);
  }

  private static int i(JsonFields spec, String key) {
    return (int) spec.wholeNumber(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  private static long salt(JsonFields spec, String key) {
    return spec.wholeNumber(key, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  // ------------------------------------------------------------------ checks

  private static Map<String, float[]> conv1d(NDManager m, JsonFields s) {
    int n = i(s, "batch");
    int c = i(s, "in");
    int o = i(s, "out");
    int len = i(s, "length");
    int k = i(s, "kernel");
    int pad = i(s, "pad");
    int lout = len + 2 * pad - k + 1;
    NDArray x = tensor(m, s, "x", n, c, len);
    NDArray w = tensor(m, s, "w", o, c, k);
    NDArray b = tensor(m, s, "b", o);
    NDArray g = tensor(m, s, "g", n, o, lout);
    x.setRequiresGradient(true);
    w.setRequiresGradient(true);
    b.setRequiresGradient(true);
    Map<String, NDArray> wrt = new LinkedHashMap<>();
    wrt.put("dx", x);
    wrt.put("dw", w);
    wrt.put("db", b);
    return gradients(m, g, () -> Conv1d.conv1d(x, w, b, new Shape(1), new Shape(pad))
        .singletonOrThrow(), wrt);
  }

  /**
   * Runs {@code forward} under a gradient collector and back-propagates {@code sum(y * g)}.
   *
   * @return {@code y} under the key {@code "y"}, then the gradient of each array of {@code wrt}
   *     under its key (each must have been marked as requiring a gradient)
   */
  private static Map<String, float[]> gradients(NDManager m, NDArray g,
      java.util.function.Supplier<NDArray> forward, Map<String, NDArray> wrt) {
    NDArray y;
    try (GradientCollector gc = m.getEngine().newGradientCollector()) {
      y = forward.get();
      gc.backward(y.mul(g).sum());
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    out.put("y", y.toFloatArray());
    wrt.forEach((k, a) -> out.put(k, a.getGradient().toFloatArray()));
    return out;
  }

  private static Map<String, float[]> linear(NDManager m, JsonFields s) {
    NDArray x = tensor(m, s, "x", i(s, "batch"), i(s, "in"));
    NDArray w = tensor(m, s, "w", i(s, "out"), i(s, "in"));
    NDArray b = tensor(m, s, "b", i(s, "out"));
    return Map.of("y", Linear.linear(x, w, b).singletonOrThrow().toFloatArray());
  }

  private static Map<String, float[]> bilstm(NDManager m, JsonFields s) {
    int f = i(s, "features");
    int h = i(s, "hidden");
    Shape in = new Shape(i(s, "batch"), i(s, "time"), f);
    BiLstm block = new BiLstm(h, true);
    block.initialize(m, DataType.FLOAT32, in);
    long salt = salt(s, "weightSalt");
    double scale = s.number("weightScale");
    // the generator's order: forward w_ih, w_hh, b_ih, b_hh, then the same for the reverse LSTM
    for (LSTM lstm : new LSTM[] {block.forwardLstm(), block.backwardLstm()}) {
      long[][] shapes = {{4L * h, f}, {4L * h, h}, {4L * h}, {4L * h}};
      // DJL's names for torch's weight_ih, weight_hh, bias_ih, bias_hh
      String[] roles = {"i2h_weight", "h2h_weight", "i2h_bias", "h2h_bias"};
      for (int r = 0; r < roles.length; r++) {
        NDArray a = param(lstm, roles[r]);
        Shape want = new Shape(shapes[r]);
        if (!a.getShape().equals(want)) {
          throw new EngineException("DJL LSTM " + roles[r] + " has shape " + a.getShape()
              + ", the goldens " + want);
        }
        a.set(FloatBuffer.wrap(pattern(Math.toIntExact(want.size()), salt++, scale)));
      }
    }
    NDArray x = tensor(m, s, "x", in.getShape());
    if (!s.has("g")) {
      NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false)
          .singletonOrThrow();
      return Map.of("y", y.toFloatArray());
    }
    // gradients of L = sum(y * g): backpropagation through time, as training runs it
    NDArray wIhFwd = param(block.forwardLstm(), "i2h_weight");
    NDArray wHhBwd = param(block.backwardLstm(), "h2h_weight");
    for (LSTM lstm : new LSTM[] {block.forwardLstm(), block.backwardLstm()}) {
      for (Pair<String, Parameter> p : lstm.getParameters()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
    }
    x.setRequiresGradient(true);
    NDArray g = tensor(m, s, "g", i(s, "batch"), i(s, "time"), 2L * h);
    Map<String, NDArray> wrt = new LinkedHashMap<>();
    wrt.put("dx", x);
    wrt.put("dw_ih_fwd", wIhFwd);
    wrt.put("dw_hh_bwd", wHhBwd);
    return gradients(m, g, () -> block.forward(new ParameterStore(m, false), new NDList(x), true)
        .singletonOrThrow(), wrt);
  }

  private static NDArray param(LSTM lstm, String suffix) {
    for (Pair<String, Parameter> p : lstm.getParameters()) {
      if (p.getKey().toLowerCase(Locale.ROOT).endsWith(suffix)) {
        return p.getValue().getArray();
      }
    }
    throw new EngineException("DJL LSTM has no parameter ending in " + suffix);
  }

  private static Map<String, float[]> adam(NDManager m, JsonFields s) {
    int size = i(s, "size");
    NDArray w = tensor(m, s, "w", size);
    JsonFields g = s.object("g");
    Optimizer opt = Optimizer.adam()
        .optLearningRateTracker(Tracker.fixed((float) s.number("lr")))
        .optBeta1((float) s.number("beta1"))
        .optBeta2((float) s.number("beta2"))
        .optEpsilon((float) s.number("eps"))
        .build();
    for (int t = 0; t < i(s, "steps"); t++) {
      NDArray grad = tensor(m, salt(g, "salt") + t, g.number("scale"), size);
      opt.update("w", w, grad);
    }
    return Map.of("w", w.toFloatArray());
  }

  // ------------------------------------------------------------------ comparison

  /**
   * Compares every output with its summary in the goldens.
   *
   * @param name the check
   * @param got output name to values
   * @param expected output name to summary ({@code n, sum, l1, l2, dot, stride, sample})
   * @param patternSalt salt of the dot-product pattern
   * @return the outcome
   */
  static Check compare(String name, Map<String, float[]> got, JsonFields expected,
      int patternSalt) {
    double worst = 0;
    String worstWhere = "";
    for (String out : expected.map().keySet()) {
      JsonFields x = expected.object(out);
      float[] v = got.get(out);
      if (v == null) {
        return new Check(name, false, out + ": not computed");
      }
      int n = i(x, "n");
      if (v.length != n) {
        return new Check(name, false, out + ": " + v.length + " values, expected " + n);
      }
      float[] p = pattern(n, patternSalt, 1.0);
      double sum = 0;
      double l1 = 0;
      double l2 = 0;
      double dot = 0;
      for (int j = 0; j < n; j++) {
        double a = v[j];
        if (!Double.isFinite(a)) {
          return new Check(name, false, out + "[" + j + "] = " + v[j] + " (not finite)");
        }
        sum += a;
        l1 += Math.abs(a);
        l2 += a * a;
        dot += a * p[j];
      }
      l2 = Math.sqrt(l2);
      double refL1 = x.number("l1");
      double[][] stats = {
          {sum, x.number("sum"), RTOL * refL1 + ATOL},
          {l1, refL1, RTOL * refL1 + ATOL},
          {l2, x.number("l2"), RTOL * x.number("l2") + ATOL},
          {dot, x.number("dot"), RTOL * refL1 + ATOL}};
      String[] statNames = {"sum", "L1 norm", "L2 norm", "pattern dot product"};
      for (int q = 0; q < stats.length; q++) {
        double dev = Math.abs(stats[q][0] - stats[q][1]) / stats[q][2];
        if (!(dev <= 1)) {
          return new Check(name, false, String.format(Locale.ROOT,
              "%s %s = %.7g, expected %.7g (tolerance %.2g)", out, statNames[q], stats[q][0],
              stats[q][1], stats[q][2]));
        }
        if (dev > worst) {
          worst = dev;
          worstWhere = out + " " + statNames[q];
        }
      }
      int stride = i(x, "stride");
      List<Object> sample = x.list("sample");
      for (int j = 0; j < sample.size(); j++) {
        int idx = j * stride;
        if (!(sample.get(j) instanceof Number refValue)) {
          throw new EngineException(x.where() + ": 'sample' must hold numbers, element " + j
              + " is " + sample.get(j));
        }
        double ref = refValue.doubleValue();
        double tol = ATOL + RTOL * Math.abs(ref);
        double dev = Math.abs(v[idx] - ref) / tol;
        if (!(dev <= 1)) {
          return new Check(name, false, String.format(Locale.ROOT,
              "%s[%d] = %.7g, expected %.7g (tolerance %.2g)", out, idx, v[idx], ref, tol));
        }
        if (dev > worst) {
          worst = dev;
          worstWhere = out + "[" + idx + "]";
        }
      }
    }
    return new Check(name, true, String.format(Locale.ROOT,
        "worst deviation %.3f of tolerance (%s)", worst, worstWhere));
  }
}
