package dev.ecg.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import dev.ecg.core.EcgArgumentException;

/**
 * Class-weighted softmax cross-entropy with an optional focal term (Lin et al. 2017, "Focal Loss
 * for Dense Object Detection"). For logits {@code z_i}, label {@code y_i}, {@code p_i =
 * softmax(z_i)[y_i]} and class weight {@code w_y}:
 *
 * <pre>
 *   l_i  = -(1 - p_i)^gamma * log p_i
 *   loss = sum_i w_{y_i} l_i / sum_i w_{y_i}
 * </pre>
 *
 * With {@code gamma = 0} this is exactly PyTorch's {@code F.cross_entropy(z, y, weight=w)} (weighted
 * mean); with all weights 1 it is the plain mean. Predictions: {@code (N, K)} logits; labels:
 * {@code (N)} integer class indices.
 */
public final class WeightedSoftmaxCrossEntropyLoss extends Loss {

  private final float[] classWeights;
  private final float gamma;

  /**
   * @param classWeights one positive finite weight per class, or {@code null} for all ones
   * @param gamma focusing parameter, {@code >= 0} (0 = cross-entropy)
   * @throws EcgArgumentException for an empty, non-positive or non-finite weight, or negative gamma
   */
  public WeightedSoftmaxCrossEntropyLoss(double[] classWeights, double gamma) {
    super(gamma == 0 ? "WeightedSoftmaxCrossEntropy" : "FocalLoss");
    if (!(gamma >= 0) || Double.isInfinite(gamma)) {
      throw new EcgArgumentException("focal gamma must be finite and >= 0, got " + gamma);
    }
    this.gamma = (float) gamma;
    if (classWeights == null) {
      this.classWeights = null;
    } else {
      if (classWeights.length == 0) {
        throw new EcgArgumentException("class weights must not be empty");
      }
      this.classWeights = new float[classWeights.length];
      for (int i = 0; i < classWeights.length; i++) {
        if (!(classWeights[i] > 0) || Double.isInfinite(classWeights[i])) {
          throw new EcgArgumentException(
              "class weight " + i + " must be finite and > 0, got " + classWeights[i]);
        }
        this.classWeights[i] = (float) classWeights[i];
      }
    }
  }

  /** @return the class weights (a copy), or {@code null} when unweighted */
  public double[] classWeights() {
    if (classWeights == null) {
      return null;
    }
    double[] d = new double[classWeights.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = classWeights[i];
    }
    return d;
  }

  /** @return the focal gamma */
  public double gamma() {
    return gamma;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.singletonOrThrow();
    int k = (int) logits.getShape().get(logits.getShape().dimension() - 1);
    if (classWeights != null && classWeights.length != k) {
      throw new EcgArgumentException(
          "loss has " + classWeights.length + " class weights but the network outputs " + k + " classes");
    }
    NDArray y = labels.head().toType(DataType.INT64, false);
    NDArray oneHot = y.oneHot(k).toType(logits.getDataType(), false);
    NDArray logp = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {-1});
    NDArray per = logp.neg();
    if (gamma != 0) {
      NDArray focal = logp.exp().neg().add(1).clip(0, 1).pow(gamma);
      per = per.mul(focal);
    }
    if (classWeights == null) {
      return per.mean();
    }
    NDArray w = oneHot.mul(logits.getManager().create(classWeights).toType(logits.getDataType(), false))
        .sum(new int[] {-1});
    return per.mul(w).sum().div(w.sum());
  }
}
