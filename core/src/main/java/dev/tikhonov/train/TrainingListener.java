package dev.tikhonov.train;

/** Callbacks from the training loop (progress bars, logging, checkpoints). */
public interface TrainingListener {
  /** Called once before the first batch. */
  default void onStart(int epochs, int batchesPerEpoch) {}

  /** After each optimizer step; {@code epoch} and {@code batch} are 1-based. */
  default void onBatch(int epoch, int batch, double loss) {}

  /** After each epoch's evaluation. */
  default void onEpoch(EpochRecord record) {}

  /** A listener that does nothing. */
  static TrainingListener none() {
    return new TrainingListener() {};
  }
}
