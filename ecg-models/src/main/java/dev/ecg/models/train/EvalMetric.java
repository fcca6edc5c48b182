package dev.ecg.models.train;

/** Validation metrics the trainer can report, monitor and stop early on. */
public enum EvalMetric {
  /** Mean loss (the training loss function) on the validation data; lower is better. */
  LOSS("loss", false),
  /** Fraction of correct argmax predictions. */
  ACCURACY("accuracy", true),
  /** Unweighted mean of the per-class F1 scores. */
  MACRO_F1("macroF1", true),
  /**
   * The PhysioNet/CinC Challenge 2017 score (Clifford et al. 2017): the mean F1 of classes 0, 1
   * and 2 (Normal, AF, Other in {@code CincClass} order); the noisy class is not scored.
   */
  CINC_SCORE("cincScore", true),
  /** Unweighted mean over classes of the one-vs-rest ROC AUC of the softmax scores. */
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
