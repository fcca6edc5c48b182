package dev.ecg.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.ecg.core.EcgArgumentException;

/**
 * Clipping of the global gradient norm (Pascanu, Mikolov and Bengio 2013): when {@code ||g||_2}
 * over all parameters exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm /
 * ||g||_2} (like PyTorch's {@code clip_grad_norm_}).
 */
public final class GradientClipping {

  private GradientClipping() {}

  /**
   * @param parameters the parameters whose gradients are clipped in place
   * @param maxNorm the largest allowed global norm, {@code > 0}
   * @return the global norm before clipping
   * @throws EcgArgumentException if {@code maxNorm} is not positive and finite
   */
  public static double clipByGlobalNorm(ParameterList parameters, double maxNorm) {
    if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
      throw new EcgArgumentException("max gradient norm must be finite and > 0, got " + maxNorm);
    }
    double sumSq = 0;
    for (Pair<String, Parameter> p : parameters) {
      NDArray a = p.getValue().getArray();
      if (a.hasGradient()) {
        try (NDArray g = a.getGradient();
            NDArray sq = g.square();
            NDArray s = sq.sum()) {
          sumSq += s.toFloatArray()[0];
        }
      }
    }
    double norm = Math.sqrt(sumSq);
    if (norm > maxNorm) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (Pair<String, Parameter> p : parameters) {
        NDArray a = p.getValue().getArray();
        if (a.hasGradient()) {
          try (NDArray g = a.getGradient()) {
            g.muli(scale);
          }
        }
      }
    }
    return norm;
  }
}
