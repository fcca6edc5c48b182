package dev.ecg.models.train;

/**
 * Callbacks from {@link EcgTrainer} to its caller (named apart from DJL's {@code
 * ai.djl.training.listener.TrainingListener}, which is about DJL's own trainer). Called on the
 * training thread; keep them quick.
 */
public interface ProgressListener {

  /**
   * After every optimisation step.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch within the epoch
   * @param batches batches in the epoch
   * @param progress overall fraction of planned training done, in (0, 1]
   * @param loss this batch's loss
   */
  default void onBatchEnd(int epoch, int batch, int batches, double progress, double loss) {}

  /**
   * After every epoch (after validation).
   *
   * @param record the epoch's record
   */
  default void onEpochEnd(EpochRecord record) {}
}
