package dev.ecg.models;

import dev.ecg.models.pkg.PreprocessingStep;

/**
 * The implementation of one named preprocessing step (see {@link Preprocessors}).
 */
@FunctionalInterface
public interface PreprocessorStep {

  /**
   * @param in the signal so far
   * @param spec the step as written in the manifest, with its parameters
   * @return the transformed signal
   * @throws IllegalArgumentException if a parameter is missing or invalid
   * @throws UnsupportedOperationException if the step's implementation is not available
   */
  SignalWindows apply(SignalWindows in, PreprocessingStep spec);
}
