package dev.ecg.models.train;

import dev.ecg.core.EcgArgumentException;

/**
 * Per-epoch learning-rate schedule. The rate is constant within an epoch. Epochs are numbered
 * from 0 here.
 *
 * <ul>
 *   <li>{@link #constant()}: {@code lr = base};
 *   <li>{@link #step(int, double)}: {@code lr = base * gamma^floor(epoch / stepEpochs)} (PyTorch
 *       {@code StepLR});
 *   <li>{@link #cosine(int, double)}: {@code lr = min + (base - min)(1 + cos(pi * min(epoch, T) /
 *       T)) / 2} (Loshchilov and Hutter 2017 without restarts, PyTorch {@code
 *       CosineAnnealingLR});
 *   <li>{@link #reduceOnPlateau(double, int, double)}: multiply by {@code factor} (not below
 *       {@code min}) when the monitored validation metric has not improved for {@code patience}
 *       epochs (PyTorch {@code ReduceLROnPlateau}, threshold 0).
 * </ul>
 *
 * @param kind the schedule kind
 * @param stepEpochs STEP: epochs per step; COSINE: period T
 * @param factor STEP: gamma; PLATEAU: factor
 * @param patience PLATEAU: epochs without improvement before reducing
 * @param minLr COSINE and PLATEAU: lower bound
 */
public record LrSchedule(Kind kind, int stepEpochs, double factor, int patience, double minLr) {

  /** Schedule kinds. */
  public enum Kind {
    /** Fixed rate. */
    CONSTANT,
    /** Step decay. */
    STEP,
    /** Cosine annealing. */
    COSINE,
    /** Reduce on plateau of the monitored metric. */
    PLATEAU
  }

  /**
   * @param kind the schedule kind
   * @param stepEpochs STEP: epochs per step; COSINE: period
   * @param factor STEP: gamma; PLATEAU: factor
   * @param patience PLATEAU: epochs without improvement
   * @param minLr COSINE and PLATEAU: lower bound
   * @throws EcgArgumentException for invalid parameters of the kind
   */
  public LrSchedule {
    if (kind == null) {
      throw new EcgArgumentException("schedule kind is required");
    }
    if ((kind == Kind.STEP || kind == Kind.COSINE) && stepEpochs < 1) {
      throw new EcgArgumentException(kind + " schedule needs a period >= 1, got " + stepEpochs);
    }
    if ((kind == Kind.STEP || kind == Kind.PLATEAU) && !(factor > 0 && factor <= 1)) {
      throw new EcgArgumentException(kind + " schedule factor must be in (0, 1], got " + factor);
    }
    if (kind == Kind.PLATEAU && patience < 0) {
      throw new EcgArgumentException("plateau patience must be >= 0, got " + patience);
    }
    if (!(minLr >= 0) || Double.isInfinite(minLr)) {
      throw new EcgArgumentException("minimum learning rate must be finite and >= 0, got " + minLr);
    }
  }

  /** @return a constant schedule */
  public static LrSchedule constant() {
    return new LrSchedule(Kind.CONSTANT, 1, 1, 0, 0);
  }

  /**
   * @param stepEpochs epochs between decays
   * @param gamma decay factor in (0, 1]
   * @return a step schedule
   */
  public static LrSchedule step(int stepEpochs, double gamma) {
    return new LrSchedule(Kind.STEP, stepEpochs, gamma, 0, 0);
  }

  /**
   * @param periodEpochs epochs to go from base to min
   * @param minLr final rate
   * @return a cosine schedule
   */
  public static LrSchedule cosine(int periodEpochs, double minLr) {
    return new LrSchedule(Kind.COSINE, periodEpochs, 1, 0, minLr);
  }

  /**
   * @param factor multiplier in (0, 1]
   * @param patience epochs without improvement before a reduction
   * @param minLr lower bound
   * @return a reduce-on-plateau schedule
   */
  public static LrSchedule reduceOnPlateau(double factor, int patience, double minLr) {
    return new LrSchedule(Kind.PLATEAU, 1, factor, patience, minLr);
  }

  /**
   * Rate of an epoch for the stateless kinds; for PLATEAU returns {@code current}.
   *
   * @param epoch epoch number from 0
   * @param base base learning rate
   * @param current the rate of the previous epoch (PLATEAU keeps it)
   * @return the rate
   */
  public double rate(int epoch, double base, double current) {
    return switch (kind) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(factor, epoch / stepEpochs);
      case COSINE -> minLr + (base - minLr) * (1 + Math.cos(Math.PI * Math.min(epoch, stepEpochs) / stepEpochs)) / 2;
      case PLATEAU -> current;
    };
  }
}
