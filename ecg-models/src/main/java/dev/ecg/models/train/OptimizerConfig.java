package dev.ecg.models.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.ecg.core.EcgArgumentException;

/**
 * Optimizer choice: Adam (Kingma and Ba 2015, weight decay added to the gradient as L2) or AdamW
 * (Loshchilov and Hutter 2019, decoupled weight decay), with a base learning rate.
 *
 * @param type ADAM or ADAMW
 * @param learningRate base learning rate, {@code > 0}
 * @param weightDecay weight decay, {@code >= 0}
 */
public record OptimizerConfig(Type type, double learningRate, double weightDecay) {

  /** Optimizer family. */
  public enum Type {
    /** Adam with L2 weight decay. */
    ADAM,
    /** AdamW with decoupled weight decay. */
    ADAMW
  }

  /**
   * @param type ADAM or ADAMW
   * @param learningRate base learning rate, {@code > 0}
   * @param weightDecay weight decay, {@code >= 0}
   * @throws EcgArgumentException for a missing type, non-positive rate or negative decay
   */
  public OptimizerConfig {
    if (type == null) {
      throw new EcgArgumentException("optimizer type is required");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new EcgArgumentException("learning rate must be finite and > 0, got " + learningRate);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new EcgArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
    }
  }

  /**
   * @param learningRate base learning rate
   * @return Adam without weight decay
   */
  public static OptimizerConfig adam(double learningRate) {
    return new OptimizerConfig(Type.ADAM, learningRate, 0);
  }

  /**
   * @param learningRate base learning rate
   * @param weightDecay decoupled weight decay (0.01 is PyTorch's default)
   * @return AdamW
   */
  public static OptimizerConfig adamW(double learningRate, double weightDecay) {
    return new OptimizerConfig(Type.ADAMW, learningRate, weightDecay);
  }

  /**
   * @param weightDecay new weight decay
   * @return a copy with that decay
   */
  public OptimizerConfig withWeightDecay(double weightDecay) {
    return new OptimizerConfig(type, learningRate, weightDecay);
  }

  Optimizer toDjl(ParameterTracker lr) {
    return switch (type) {
      case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays((float) weightDecay).build();
      case ADAMW -> Optimizer.adamW().optLearningRateTracker(lr).optWeightDecays((float) weightDecay).build();
    };
  }
}
