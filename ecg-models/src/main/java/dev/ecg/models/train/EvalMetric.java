package dev.ecg.models.train;

/** Validation metrics the trainer can report, monitor and stop early on. */
public enum EvalMetric {
  /** Mean loss (the training loss function) on the validation data; lower is better. */
  LOSS("loss", false),
  /** Fraction of correct argmax predictions ({@link dev.ecg.core.metrics.ConfusionMatrix#accuracy()}). */
  ACCURACY("accuracy", true),
  /** Unweighted mean of the per-class F1 scores ({@link dev.ecg.core.metrics.ConfusionMatrix#macroF1()}). */
  MACRO_F1("macroF1", true),
  /**
   * The PhysioNet/CinC Challenge 2017 score (Clifford et al. 2017, {@link
   * dev.ecg.core.metrics.CincScore}): the mean F1 of classes 0, 1 and 2 (N, A, O in {@code
   * CincClass} order); needs exactly 4 classes.
   */
  CINC_SCORE("cincScore", true),
  /**
   * Unweighted mean of the one-vs-rest ROC AUCs of the softmax scores ({@link
   * dev.ecg.core.metrics.RocAuc}), over the classes where it is defined (both positives and
   * negatives present in the validation data); NaN if none.
   */
  MACRO_AUC("macroAuc", true);

  private final String key;
  private final boolean higherIsBetter;

  EvalMetric(String key, boolean higherIsBetter) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
  }

  /** @return the name used in history JSON and log lines */
  public String key() {
    return key;
  }

  /** @return whether a larger value is an improvement */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }
}
