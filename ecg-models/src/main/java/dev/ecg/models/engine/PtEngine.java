package dev.ecg.models.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.ecg.core.EcgArgumentException;
import dev.ecg.models.device.DeviceChoice;
import dev.ecg.models.device.DeviceSelection;
import dev.ecg.models.device.DeviceSelector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a network on DJL's PyTorch engine: either an architecture's block with DJL
 * {@code .params} loaded into it, or a TorchScript module.
 *
 * <p><b>Hot path.</b> No {@code Predictor} (not thread-safe) is shared: the block's parameters
 * are read-only in inference, so every thread calls {@code Block.forward} on the same block.
 * Each thread keeps one direct input buffer for the batch size it used last, which libtorch
 * wraps without copying ({@code from_blob}); each call opens one short-lived sub-manager of the
 * model's manager, which frees the call's intermediate tensors as soon as the scores are copied
 * out. Grad mode is switched off on the calling thread.
 *
 * <p><b>Device.</b> {@link DeviceChoice#AUTO} runs on {@code gpu(0)} when DJL's PyTorch build
 * has CUDA and a usable GPU (see {@link DeviceSelector}), else on the CPU.
 *
 * <p><b>Threads.</b> A positive {@link EngineSettings#intraOpThreads()} sets libtorch's
 * intra-op pool size ({@code torch.set_num_threads}). libtorch has one such pool per process,
 * so the last engine created with a positive value decides it for every PyTorch model of the
 * process; 0 leaves it as it is (DJL sizes it at start-up from the system property
 * {@code ai.djl.pytorch.num_threads}, else the core count). Callers are not pooled: a DJL
 * {@code Predictor} is not thread-safe, but {@code Block.forward} with a per-call
 * {@link ParameterStore} and NDManager is, so any number of threads share the one block, each
 * with its own reused input buffer (a predictor pool would add a lock and nothing else).
 */
public final class PtEngine implements InferenceEngine {

  private static final Pattern EPOCH = Pattern.compile("(.+?)(-\\d{4})?\\.params");

  private final Model model;
  private final Block block;
  private final long[] exampleShape;
  private final int perExample;
  private final boolean torchScript;
  private final String deviceReason;
  private final ThreadLocal<ByteBuffer> inputs = new ThreadLocal<>();
  private volatile boolean closed;

  private PtEngine(Model model, long[] exampleShape, boolean torchScript, String deviceReason) {
    this.deviceReason = deviceReason;
    this.model = model;
    this.torchScript = torchScript;
    this.block = model.getBlock();
    this.exampleShape = exampleShape.clone();
    long p = 1;
    for (long d : exampleShape) {
      p *= d;
    }
    this.perExample = Math.toIntExact(p);
  }

  /**
   * Loads DJL parameters saved by {@code Model.save} into a freshly built block.
   *
   * @param block the architecture's block, not yet initialized
   * @param paramsFile a {@code <prefix>[-NNNN].params} file
   * @param exampleShape input shape of one example, without the batch dimension
   * @return the engine
   * @throws EngineException if the parameters do not load
   */
  public static PtEngine fromParams(Block block, Path paramsFile, long[] exampleShape) {
    return fromParams(block, paramsFile, exampleShape, EngineSettings.DEFAULT);
  }

  /**
   * Loads DJL parameters saved by {@code Model.save} into a freshly built block.
   *
   * @param block the architecture's block, not yet initialized
   * @param paramsFile a {@code <prefix>[-NNNN].params} file
   * @param exampleShape input shape of one example, without the batch dimension
   * @param settings threads and device
   * @return the engine
   * @throws EngineException if the parameters do not load
   * @throws dev.ecg.models.device.NoSuchDeviceException if a specific GPU was asked for and
   *     cannot be used
   */
  public static PtEngine fromParams(Block block, Path paramsFile, long[] exampleShape,
      EngineSettings settings) {
    DeviceSelection dev = prepare(settings);
    String file = paramsFile.getFileName().toString();
    Matcher m = EPOCH.matcher(file);
    if (!m.matches()) {
      throw new EngineException(paramsFile + ": DJL parameter files are named "
          + "<prefix>[-NNNN].params");
    }
    Model model = Model.newInstance(m.group(1), dev.device(), "PyTorch");
    try {
      model.setBlock(block);
      model.load(paramsFile.getParent(), m.group(1));
      return new PtEngine(model, exampleShape, false, dev.reason());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new EngineException(paramsFile + ": cannot load DJL parameters into "
          + block.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a TorchScript module ({@code torch.jit.save}).
   *
   * @param ptFile the {@code .pt} file
   * @param exampleShape input shape of one example, without the batch dimension
   * @return the engine
   * @throws EngineException if PyTorch cannot load it
   */
  public static PtEngine fromTorchScript(Path ptFile, long[] exampleShape) {
    return fromTorchScript(ptFile, exampleShape, EngineSettings.DEFAULT);
  }

  /**
   * Loads a TorchScript module ({@code torch.jit.save}).
   *
   * @param ptFile the {@code .pt} file
   * @param exampleShape input shape of one example, without the batch dimension
   * @param settings threads and device
   * @return the engine
   * @throws EngineException if PyTorch cannot load it
   * @throws dev.ecg.models.device.NoSuchDeviceException if a specific GPU was asked for and
   *     cannot be used
   */
  public static PtEngine fromTorchScript(Path ptFile, long[] exampleShape,
      EngineSettings settings) {
    DeviceSelection dev = prepare(settings);
    String file = ptFile.getFileName().toString();
    String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
    Model model = Model.newInstance(stem, dev.device(), "PyTorch");
    try {
      model.load(ptFile);
      return new PtEngine(model, exampleShape, true, dev.reason());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new EngineException(ptFile + ": PyTorch cannot load the TorchScript module: "
          + e.getMessage(), e);
    }
  }

  private static DeviceSelection prepare(EngineSettings settings) {
    if (settings == null) {
      throw new EcgArgumentException("settings are required (EngineSettings.DEFAULT)");
    }
    // Caps oneDNN where needed, loads libtorch (before any JniUtils call) and checks its
    // kernels once per process; throws KernelSelfTestException rather than infer wrongly.
    KernelSelfTest.ensurePassed();
    DeviceSelection dev = DeviceSelector.select(settings.device());
    NativeMemory.tuneIfEnabled(); // opt-in malloc tuning: libtorch mallocs every tensor
    if (settings.intraOpThreads() > 0 && JniUtils.getNumThreads() != settings.intraOpThreads()) {
      JniUtils.setNumThreads(settings.intraOpThreads());
    }
    return dev;
  }

  /** @return the device the model runs on */
  public Device device() {
    return model.getNDManager().getDevice();
  }

  /** @return why the model runs on {@link #device()} */
  public String deviceReason() {
    return deviceReason;
  }

  /** Largest input buffer (bytes) a thread keeps between calls: 4 MiB. */
  private static final int MAX_CACHED_BYTES = 4 << 20;

  private ByteBuffer inputBuffer(int floats) {
    int bytes = floats * Float.BYTES;
    ByteBuffer b = inputs.get();
    if (b == null || b.capacity() != bytes) {
      b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
      if (bytes <= MAX_CACHED_BYTES) {
        inputs.set(b);
      }
    }
    return b;
  }

  @Override
  public float[] run(float[] input, int batch) {
    if (closed) {
      throw new IllegalStateException("PtEngine is closed");
    }
    int n = batch * perExample;
    if (input.length < n) {
      throw new EcgArgumentException("need " + n + " floats for batch " + batch + ", got "
          + input.length);
    }
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    // libtorch keeps autograd and graph-executor flags per thread, and DJL only clears grad
    // mode on the thread that started the engine. A TorchScript module called from threads
    // with different grad modes re-profiles and re-optimizes its graph again and again (seconds
    // for a few hundred calls, measured), so every call runs with grad off and no re-optimizing.
    JniUtils.setGradMode(false);
    if (torchScript) {
      JniUtils.setGraphExecutorOptimize(false);
    }
    try (NDManager sub = model.getNDManager().newSubManager()) {
      ByteBuffer buf = inputBuffer(n);
      buf.asFloatBuffer().put(0, input, 0, n);
      NDArray in = sub.create(buf, new Shape(shape), DataType.FLOAT32);
      NDList out = block.forward(new ParameterStore(sub, false), new NDList(in), false);
      return out.get(0).toFloatArray();
    } catch (RuntimeException e) {
      throw new EngineException("PyTorch failed on input " + java.util.Arrays.toString(shape)
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The gradient of each example's target score (the network's output for that class, before
   * any softmax the package applies) with respect to its input, by libtorch's autograd.
   * Serialised per engine: autograd's mode is per thread and the graph holds the batch.
   *
   * @param input {@code batch * perExample} floats
   * @param batch number of examples
   * @param targets the class of each example
   * @return {@code batch * perExample} gradients
   * @throws EngineException if libtorch fails or the module is TorchScript
   */
  public synchronized float[] inputGradient(float[] input, int batch, int[] targets) {
    if (closed) {
      throw new IllegalStateException("PtEngine is closed");
    }
    if (torchScript) {
      throw new EngineException("gradients need DJL params; this package runs TorchScript");
    }
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    try (NDManager sub = model.getNDManager().newSubManager();
        ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getEngine("PyTorch")
            .newGradientCollector()) {
      NDArray in = sub.create(java.util.Arrays.copyOf(input, batch * perExample),
          new Shape(shape));
      in.setRequiresGradient(true);
      NDArray out = block.forward(new ParameterStore(sub, false), new NDList(in), false).get(0);
      int classes = (int) out.getShape().get(1);
      float[] mask = new float[batch * classes];
      for (int b = 0; b < batch; b++) {
        mask[b * classes + targets[b]] = 1;
      }
      gc.backward(out.mul(sub.create(mask, new Shape(batch, classes))).sum());
      return in.getGradient().toFloatArray();
    } catch (RuntimeException e) {
      throw new EngineException("PyTorch gradient failed on input "
          + java.util.Arrays.toString(shape) + ": " + e.getMessage(), e);
    } finally {
      JniUtils.setGradMode(false);
    }
  }

  @Override
  public String name() {
    return "PyTorch";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    model.close();
  }
}
