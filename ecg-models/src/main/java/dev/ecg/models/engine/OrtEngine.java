package dev.ecg.models.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.device.DeviceChoice;
import dev.ecg.models.device.DeviceProbe;
import dev.ecg.models.device.DjlDeviceProbe;
import dev.ecg.models.device.NoSuchDeviceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs an ONNX model with ONNX Runtime's Java API directly.
 *
 * <p><b>Hot path.</b> One {@link OrtSession} is shared by all threads (ONNX Runtime documents
 * {@code Run} as thread-safe). Each calling thread keeps a slot for the batch size it used last:
 * a direct input {@link FloatBuffer} wrapped once by an {@link OnnxTensor} (no copy: ONNX Runtime
 * reads the buffer's memory), and a direct output buffer bound to the session as a pinned output,
 * so ONNX Runtime writes the scores straight into it. A call in steady state therefore copies the
 * caller's {@code float[]} into the input buffer, runs, and copies the scores into the returned
 * {@code float[]}; it creates no tensor and no native value. Slots above 4 MiB are not kept.
 *
 * <p><b>Device.</b> {@link DeviceChoice#AUTO} adds the CUDA execution provider when this ONNX
 * Runtime build has it ({@code com.microsoft.onnxruntime:onnxruntime_gpu}) and a usable GPU is
 * found; otherwise the session runs on the CPU, and {@link #deviceReason()} says why. Inputs are
 * still fed from host memory (ONNX Runtime copies them to the GPU per call).
 */
public final class OrtEngine implements InferenceEngine {

  /** Largest slot (in floats, input plus output) a thread keeps between calls: 4 MiB. */
  static final int MAX_CACHED_FLOATS = 1 << 20;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String inputName;
  private final String outputName;
  private final long[] exampleShape;
  private final int perExample;
  private final int classes;
  private final boolean cuda;
  private final String deviceReason;
  private final ThreadLocal<Slot> slots = new ThreadLocal<>();
  private final Set<Slot> allSlots = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Device AUTO, no spinning, the given thread count.
   *
   * @param onnxFile the model
   * @param exampleShape input shape of one example, without the batch dimension
   * @param intraOpThreads ONNX Runtime intra-op threads per call (0: its default)
   * @throws EngineException if ONNX Runtime cannot load the model
   */
  public OrtEngine(Path onnxFile, long[] exampleShape, int intraOpThreads) {
    this(onnxFile, exampleShape, EngineSettings.DEFAULT.withIntraOpThreads(intraOpThreads));
  }

  /**
   * @param onnxFile the model
   * @param exampleShape input shape of one example, without the batch dimension
   * @param settings threads, spinning and device
   * @throws EngineException if ONNX Runtime cannot load the model
   * @throws NoSuchDeviceException if a specific GPU was asked for and cannot be used
   */
  public OrtEngine(Path onnxFile, long[] exampleShape, EngineSettings settings) {
    this(onnxFile, exampleShape, settings, OrtEnvironment.getAvailableProviders(),
        DjlDeviceProbe::new);
  }

  OrtEngine(Path onnxFile, long[] exampleShape, EngineSettings settings,
      Set<OrtProvider> providers, Supplier<DeviceProbe> probe) {
    this.env = OrtEnvironment.getEnvironment();
    long[] shape = exampleShape.clone();
    long p = 1;
    for (long d : exampleShape) {
      p *= d;
    }
    this.perExample = Math.toIntExact(p);
    CudaPlan plan = plan(settings.device(), providers, probe);
    OrtSession s = null;
    String reason = plan.reason();
    boolean onGpu = false;
    try {
      if (plan.gpu() >= 0) {
        try {
          s = createSession(onnxFile, settings, plan.gpu());
          onGpu = true;
        } catch (OrtException e) {
          if (settings.device().kind() != DeviceChoice.Kind.AUTO) {
            throw new EngineException(onnxFile + ": ONNX Runtime could not start the CUDA "
                + "execution provider on gpu:" + plan.gpu() + ": " + e.getMessage(), e);
          }
          reason = "AUTO: the CUDA execution provider failed to start (" + e.getMessage()
              + "), using CPU";
        }
      }
      if (s == null) {
        s = createSession(onnxFile, settings, -1);
      }
      if (s.getNumInputs() != 1) {
        long n = s.getNumInputs();
        s.close();
        throw new EngineException(onnxFile + ": the ONNX graph must have exactly one input, has "
            + n);
      }
      this.session = s;
      this.inputName = s.getInputNames().iterator().next();
      // a graph that takes flat rows (an ONNX-ML tree ensemble: [N, features]) gets the
      // example's values as one row
      if (s.getInputInfo().get(inputName).getInfo() instanceof TensorInfo in
          && in.getShape().length == 2 && shape.length > 1) {
        shape = new long[] {perExample};
      }
      this.outputName = scoreOutput(s);
      this.classes = classCount(s.getOutputInfo().get(outputName));
    } catch (OrtException e) {
      closeQuietly(s);
      throw new EngineException(onnxFile + ": ONNX Runtime cannot load the model: "
          + e.getMessage(), e);
    }
    this.cuda = onGpu;
    this.deviceReason = reason;
    this.exampleShape = shape;
  }

  private OrtSession createSession(Path onnxFile, EngineSettings settings, int gpu)
      throws OrtException {
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      if (settings.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(settings.intraOpThreads());
      }
      so.setInterOpNumThreads(1);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      so.addConfigEntry("session.intra_op.allow_spinning", settings.spinning() ? "1" : "0");
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (gpu >= 0) {
        so.addCUDA(gpu);
      }
      return env.createSession(onnxFile.toString(), so);
    }
  }

  /**
   * The output that holds the class scores: the only one of a network, or for a graph with
   * several (an ONNX-ML tree ensemble gives {@code label} and {@code probabilities}) the one
   * named {@code probabilities}, else the first float tensor.
   */
  static String scoreOutput(OrtSession s) throws OrtException {
    java.util.Set<String> names = s.getOutputNames();
    if (names.size() == 1) {
      return names.iterator().next();
    }
    if (names.contains("probabilities")) {
      return "probabilities";
    }
    for (java.util.Map.Entry<String, NodeInfo> e : s.getOutputInfo().entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo ti
          && ti.type == ai.onnxruntime.OnnxJavaType.FLOAT) {
        return e.getKey();
      }
    }
    return names.iterator().next();
  }

  private static int classCount(NodeInfo out) {
    if (out != null && out.getInfo() instanceof TensorInfo ti) {
      long[] shape = ti.getShape();
      if (shape.length == 2 && shape[1] > 0
          && ti.type == ai.onnxruntime.OnnxJavaType.FLOAT) {
        return Math.toIntExact(shape[1]);
      }
    }
    return -1;
  }

  private static void closeQuietly(OrtSession s) {
    if (s != null) {
      try {
        s.close();
      } catch (OrtException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }

  /**
   * Where a session should run.
   *
   * @param gpu the CUDA device index, or -1 for the CPU
   * @param reason why, for logs
   */
  record CudaPlan(int gpu, String reason) {}

  /**
   * Decides between the CUDA execution provider and the CPU. The probe is only consulted when
   * this ONNX Runtime build has the CUDA provider, so CPU-only builds never load libtorch for it.
   *
   * @param choice what the caller asked for
   * @param providers the execution providers of this ONNX Runtime build
   * @param probe the machine's GPUs (DJL's probe in production, a fake in tests)
   * @return the plan
   * @throws NoSuchDeviceException if a specific GPU was asked for and cannot be used
   */
  static CudaPlan plan(DeviceChoice choice, Set<OrtProvider> providers,
      Supplier<DeviceProbe> probe) {
    boolean hasCuda = providers.contains(OrtProvider.CUDA);
    switch (choice.kind()) {
      case CPU:
        return new CudaPlan(-1, "CPU requested");
      case AUTO: {
        if (!hasCuda) {
          return new CudaPlan(-1, "AUTO: this ONNX Runtime build has no CUDA execution provider"
              + " (it needs com.microsoft.onnxruntime:onnxruntime_gpu), using CPU");
        }
        DeviceProbe p = probe.get();
        int n = p.gpuCount();
        if (n <= 0) {
          return new CudaPlan(-1, "AUTO: no CUDA GPU found"
              + p.cudaProblem().map(w -> " (" + w + ")").orElse("") + ", using CPU");
        }
        if (p.cudaProblem().isPresent()) {
          return new CudaPlan(-1, "AUTO: " + n + " GPU(s) reported but CUDA is unusable ("
              + p.cudaProblem().get() + "), using CPU");
        }
        return new CudaPlan(0, "AUTO: " + n + " CUDA GPU(s), CUDA execution provider on gpu:0");
      }
      case GPU: {
        int idx = choice.gpuIndex();
        if (!hasCuda) {
          throw new NoSuchDeviceException("gpu:" + idx + " requested but this ONNX Runtime build"
              + " has no CUDA execution provider (it needs com.microsoft.onnxruntime:"
              + "onnxruntime_gpu); available: " + providers);
        }
        DeviceProbe p = probe.get();
        int n = p.gpuCount();
        if (idx >= n) {
          throw new NoSuchDeviceException("gpu:" + idx + " requested but " + n
              + " GPU(s) found" + p.cudaProblem().map(w -> " (" + w + ")").orElse(""));
        }
        if (p.cudaProblem().isPresent()) {
          throw new NoSuchDeviceException("gpu:" + idx + " requested but CUDA is unusable: "
              + p.cudaProblem().get());
        }
        return new CudaPlan(idx, "gpu:" + idx + " requested, CUDA execution provider");
      }
      default:
        throw new EcgArgumentException("unknown device choice " + choice);
    }
  }

  /** @return whether the session runs on the CUDA execution provider */
  public boolean onGpu() {
    return cuda;
  }

  /** @return why the session runs where it runs */
  public String deviceReason() {
    return deviceReason;
  }

  /** One thread's reusable tensors for one batch size. */
  private final class Slot implements AutoCloseable {
    final int batch;
    final FloatBuffer in;
    final OnnxTensor inTensor;
    final Map<String, OnnxTensor> inputs;
    final FloatBuffer out;
    final OnnxTensor outTensor;
    final Map<String, OnnxTensor> outputs;

    Slot(int batch) throws OrtException {
      this.batch = batch;
      long[] shape = new long[exampleShape.length + 1];
      shape[0] = batch;
      System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
      this.in = ByteBuffer.allocateDirect(batch * perExample * Float.BYTES)
          .order(ByteOrder.nativeOrder()).asFloatBuffer();
      this.inTensor = OnnxTensor.createTensor(env, in, shape);
      this.inputs = Map.of(inputName, inTensor);
      if (classes > 0) {
        this.out = ByteBuffer.allocateDirect(batch * classes * Float.BYTES)
            .order(ByteOrder.nativeOrder()).asFloatBuffer();
        OnnxTensor o;
        try {
          o = OnnxTensor.createTensor(env, out, new long[] {batch, classes});
        } catch (OrtException e) {
          inTensor.close();
          throw e;
        }
        this.outTensor = o;
        this.outputs = Map.of(outputName, o);
      } else {
        this.out = null;
        this.outTensor = null;
        this.outputs = null;
      }
    }

    long floats() {
      return (long) batch * (perExample + Math.max(classes, 0));
    }

    float[] run(float[] input) throws OrtException {
      int n = batch * perExample;
      in.put(0, input, 0, n);
      if (outputs != null) {
        try (OrtSession.Result r = session.run(inputs, outputs)) {
          float[] res = new float[batch * classes];
          out.get(0, res, 0, res.length);
          return res;
        }
      }
      try (OrtSession.Result r = session.run(inputs)) {
        FloatBuffer ob = ((OnnxTensor) r.get(outputName).orElseThrow()).getFloatBuffer();
        float[] res = new float[ob.remaining()];
        ob.get(res);
        return res;
      }
    }

    @Override
    public void close() {
      inTensor.close();
      if (outTensor != null) {
        outTensor.close();
      }
    }
  }

  @Override
  public float[] run(float[] input, int batch) {
    if (closed) {
      throw new IllegalStateException("OrtEngine is closed");
    }
    if (batch < 1) {
      throw new EcgArgumentException("batch must be >= 1, got " + batch);
    }
    long n = (long) batch * perExample;
    if (input.length < n) {
      throw new EcgArgumentException("need " + n + " floats for batch " + batch + ", got "
          + input.length);
    }
    Slot slot = slots.get();
    boolean temporary = false;
    try {
      if (slot == null || slot.batch != batch) {
        Slot fresh = new Slot(batch);
        if (fresh.floats() <= MAX_CACHED_FLOATS) {
          if (slot != null) {
            allSlots.remove(slot);
            slot.close();
          }
          slots.set(fresh);
          allSlots.add(fresh);
          if (closed) {
            allSlots.remove(fresh);
            fresh.close();
            throw new IllegalStateException("OrtEngine is closed");
          }
        } else {
          temporary = true;
        }
        slot = fresh;
      }
      return slot.run(input);
    } catch (OrtException e) {
      throw new EngineException("ONNX Runtime failed on a batch of " + batch + " x "
          + Arrays.toString(exampleShape) + ": " + e.getMessage(), e);
    } finally {
      if (temporary) {
        slot.close();
      }
    }
  }

  @Override
  public String name() {
    return "OnnxRuntime";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Slot s : allSlots) {
      s.close();
    }
    allSlots.clear();
    try {
      session.close();
    } catch (OrtException e) {
      throw new EngineException("ONNX Runtime failed to close its session", e);
    }
  }
}
