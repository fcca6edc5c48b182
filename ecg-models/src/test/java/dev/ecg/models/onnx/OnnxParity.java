package dev.ecg.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/** Test helper: runs a DJL block on PyTorch and its ONNX export on ONNX Runtime. */
final class OnnxParity {

  private OnnxParity() {}

  /** Random ECG-like beats: a Gaussian bump plus noise, per lead. */
  static float[] beats(int n, int leads, int len, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * leads * len];
    for (int b = 0; b < n * leads; b++) {
      double c = len * (0.3 + 0.4 * r.nextDouble());
      double amp = 0.5 + r.nextDouble();
      for (int t = 0; t < len; t++) {
        double bump = amp * Math.exp(-0.5 * Math.pow((t - c) / 4.0, 2));
        x[b * len + t] = (float) (bump + 0.1 * r.nextGaussian());
      }
    }
    return x;
  }

  /** Initializes the block and randomizes BatchNorm running statistics so they matter. */
  static void init(Block block, NDManager m, long... shape) {
    block.initialize(m, DataType.FLOAT32, new Shape(shape));
    Random r = new Random(7);
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      int n = (int) a.size();
      float[] v = new float[n];
      if (p.getKey().endsWith("runningMean") || p.getKey().endsWith("beta")) {
        for (int k = 0; k < n; k++) {
          v[k] = (float) (0.3 * r.nextGaussian());
        }
        a.set(FloatBuffer.wrap(v));
      } else if (p.getKey().endsWith("runningVar") || p.getKey().endsWith("gamma")) {
        for (int k = 0; k < n; k++) {
          v[k] = (float) (0.5 + r.nextDouble());
        }
        a.set(FloatBuffer.wrap(v));
      } else if (p.getKey().endsWith("BIAS") || p.getKey().endsWith("bias")) {
        for (int k = 0; k < n; k++) {
          v[k] = (float) (0.1 * r.nextGaussian());
        }
        a.set(FloatBuffer.wrap(v));
      }
    }
  }

  static float[] djl(Block block, NDManager m, float[] x, long... shape) {
    try (NDManager sub = m.newSubManager()) {
      NDArray in = sub.create(x, new Shape(shape));
      NDList out = block.forward(new ParameterStore(sub, false), new NDList(in), false);
      return out.singletonOrThrow().toFloatArray();
    }
  }

  static float[] ort(byte[] model, float[] x, long... shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        OrtSession s = env.createSession(model, so);
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
        OrtSession.Result r = s.run(Map.of(OnnxExporter.INPUT, t))) {
      OnnxTensor o = (OnnxTensor) r.get(0);
      FloatBuffer fb = o.getFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    }
  }

  static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int k = 0; k < a.length; k++) {
      m = Math.max(m, Math.abs(a[k] - b[k]));
    }
    return m;
  }
}
