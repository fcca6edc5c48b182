package dev.ecg.models.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs an ONNX model with ONNX Runtime's Java API directly. One {@link OrtSession} is shared by
 * all threads (ONNX Runtime documents {@code Run} as thread-safe); each thread keeps its own
 * direct {@link FloatBuffer}, which {@link OnnxTensor#createTensor(OrtEnvironment, FloatBuffer,
 * long[])} wraps without copying.
 */
public final class OrtEngine implements InferenceEngine {

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String inputName;
  private final long[] exampleShape;
  private final int perExample;
  private final ThreadLocal<FloatBuffer> buffers = new ThreadLocal<>();
  private volatile boolean closed;

  /**
   * @param onnxFile the model
   * @param exampleShape input shape of one example, without the batch dimension
   * @param intraOpThreads ONNX Runtime intra-op threads per call (0: its default)
   * @throws EngineException if ONNX Runtime cannot load the model
   */
  public OrtEngine(Path onnxFile, long[] exampleShape, int intraOpThreads) {
    this.env = OrtEnvironment.getEnvironment();
    this.exampleShape = exampleShape.clone();
    long p = 1;
    for (long d : exampleShape) {
      p *= d;
    }
    this.perExample = Math.toIntExact(p);
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      if (intraOpThreads > 0) {
        so.setIntraOpNumThreads(intraOpThreads);
      }
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(onnxFile.toString(), so);
      if (session.getNumInputs() != 1) {
        long n = session.getNumInputs();
        session.close();
        throw new EngineException(onnxFile + ": the ONNX graph must have exactly one input, has "
            + n);
      }
      this.inputName = session.getInputNames().iterator().next();
    } catch (OrtException e) {
      throw new EngineException(onnxFile + ": ONNX Runtime cannot load the model: "
          + e.getMessage(), e);
    }
  }

  /** Largest buffer (in floats) a thread keeps between calls: 4 MiB. */
  private static final int MAX_CACHED_FLOATS = 1 << 20;

  private FloatBuffer buffer(int n) {
    FloatBuffer fb = buffers.get();
    if (fb == null || fb.capacity() < n) {
      fb = ByteBuffer.allocateDirect(Math.max(n, perExample) * Float.BYTES)
          .order(ByteOrder.nativeOrder()).asFloatBuffer();
      if (n <= MAX_CACHED_FLOATS) {
        buffers.set(fb);
      }
    }
    fb.clear();
    return fb;
  }

  @Override
  public float[] run(float[] input, int batch) {
    if (closed) {
      throw new IllegalStateException("OrtEngine is closed");
    }
    int n = batch * perExample;
    if (input.length < n) {
      throw new IllegalArgumentException("need " + n + " floats for batch " + batch + ", got "
          + input.length);
    }
    FloatBuffer fb = buffer(n);
    fb.put(input, 0, n);
    fb.flip();
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    try (OnnxTensor t = OnnxTensor.createTensor(env, fb, shape);
        OrtSession.Result r = session.run(Map.of(inputName, t))) {
      OnnxTensor out = (OnnxTensor) r.get(0);
      FloatBuffer ob = out.getFloatBuffer();
      float[] res = new float[ob.remaining()];
      ob.get(res);
      return res;
    } catch (OrtException e) {
      throw new EngineException("ONNX Runtime failed on input " + Arrays.toString(shape) + ": "
          + e.getMessage(), e);
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
    try {
      session.close();
    } catch (OrtException e) {
      throw new EngineException("ONNX Runtime failed to close its session", e);
    }
  }
}
