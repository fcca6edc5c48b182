package dev.ecg.models.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a network on DJL's PyTorch engine: either an architecture's block with DJL
 * {@code .params} loaded into it, or a TorchScript module. Each call creates its own NDManager
 * under the model's manager and runs {@code Block.forward} in inference mode, so no
 * {@code Predictor} (not thread-safe) is shared between threads.
 */
public final class PtEngine implements InferenceEngine {

  private static final Pattern EPOCH = Pattern.compile("(.+?)(-\\d{4})?\\.params");

  private final Model model;
  private final Block block;
  private final long[] exampleShape;
  private final int perExample;
  private final boolean torchScript;
  private volatile boolean closed;

  private PtEngine(Model model, long[] exampleShape, boolean torchScript) {
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
    String file = paramsFile.getFileName().toString();
    Matcher m = EPOCH.matcher(file);
    if (!m.matches()) {
      throw new EngineException(paramsFile + ": DJL parameter files are named "
          + "<prefix>[-NNNN].params");
    }
    Model model = Model.newInstance(m.group(1), Device.cpu(), "PyTorch");
    try {
      model.setBlock(block);
      model.load(paramsFile.getParent(), m.group(1));
      return new PtEngine(model, exampleShape, false);
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
    String file = ptFile.getFileName().toString();
    String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
    Model model = Model.newInstance(stem, Device.cpu(), "PyTorch");
    try {
      model.load(ptFile);
      return new PtEngine(model, exampleShape, true);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new EngineException(ptFile + ": PyTorch cannot load the TorchScript module: "
          + e.getMessage(), e);
    }
  }

  @Override
  public float[] run(float[] input, int batch) {
    if (closed) {
      throw new IllegalStateException("PtEngine is closed");
    }
    int n = batch * perExample;
    if (input.length < n) {
      throw new IllegalArgumentException("need " + n + " floats for batch " + batch + ", got "
          + input.length);
    }
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    float[] x = input.length == n ? input : java.util.Arrays.copyOf(input, n);
    // libtorch keeps autograd and graph-executor flags per thread, and DJL only clears grad
    // mode on the thread that started the engine. A TorchScript module called from threads
    // with different grad modes re-profiles and re-optimizes its graph again and again (seconds
    // for a few hundred calls, measured), so every call runs with grad off and no re-optimizing.
    JniUtils.setGradMode(false);
    if (torchScript) {
      JniUtils.setGraphExecutorOptimize(false);
    }
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDArray in = sub.create(x, new Shape(shape));
      NDList out = block.forward(new ParameterStore(sub, false), new NDList(in), false);
      return out.get(0).toFloatArray();
    } catch (RuntimeException e) {
      throw new EngineException("PyTorch failed on input " + java.util.Arrays.toString(shape)
          + ": " + e.getMessage(), e);
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
