package dev.ecg.core.split;

import dev.ecg.core.EcgArgumentException;

/**
 * Thrown by the splitters when their input cannot be split as asked: mismatched lengths, negative
 * labels, too few or too many folds, a test fraction outside (0, 1), fewer groups than folds. The
 * {@link #problem()} tells the cases apart; the message names the offending values.
 */
public class SplitArgumentException extends EcgArgumentException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the arguments. */
  public enum Problem {
    /** A required array was null. */
    NULL_ARGUMENT,
    /** There were no samples to split. */
    EMPTY_INPUT,
    /** Two arrays that describe the same samples have different lengths. */
    LENGTH_MISMATCH,
    /** A class label was negative. */
    NEGATIVE_LABEL,
    /** Fewer than two folds were asked for. */
    TOO_FEW_FOLDS,
    /** More folds were asked for than there are samples. */
    MORE_FOLDS_THAN_SAMPLES,
    /** More folds were asked for than there are distinct groups. */
    MORE_FOLDS_THAN_GROUPS,
    /** A test fraction outside the open interval (0, 1), or NaN. */
    FRACTION_OUT_OF_RANGE,
    /** The requested fraction would leave the training or the test side empty. */
    EMPTY_SIDE,
    /** Index arrays that are not sorted, overlap, or hold negative or out-of-range values. */
    INVALID_INDICES
  }

  private final Problem problem;

  /**
   * @param problem what kind of problem this is
   * @param message what was wrong, with the offending values
   */
  public SplitArgumentException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  /** @return what kind of problem this is */
  public Problem problem() {
    return problem;
  }
}
