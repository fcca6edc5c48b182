package dev.ecg.models.engine;

/**
 * A loaded network that maps a batch of inputs to one score vector per input. Implementations
 * are thread-safe: {@link #run} may be called from many threads at once. Closing while calls are
 * in flight is the caller's responsibility to prevent ({@code EcgClassifier} does so).
 */
public interface InferenceEngine extends AutoCloseable {

  /**
   * @param input {@code batch * perExample} floats, row-major in the network's input layout
   * @param batch number of examples
   * @return {@code batch * classes} scores, row-major
   * @throws EngineException if the runtime fails
   */
  float[] run(float[] input, int batch);

  /** @return a short engine name for logs, e.g. {@code OnnxRuntime} */
  String name();

  /** Frees every native resource; idempotent. */
  @Override
  void close();
}
