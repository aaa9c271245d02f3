package dev.tikhonov.train;

import java.util.List;

/**
 * Callbacks from the training loop (progress bars, logging, checkpoints).
 *
 * <p>The trainer calls its listener from the thread that runs {@code Trainer.fit}, one call at a
 * time, so an implementation need not be thread-safe unless several runs share it.
 */
public interface TrainingListener {
  /** Called once before the first batch. */
  default void onStart(int epochs, int batchesPerEpoch) {}

  /** After each optimizer step; {@code epoch} and {@code batch} are 1-based. */
  default void onBatch(int epoch, int batch, double loss) {}

  /** After each epoch's evaluation. */
  default void onEpoch(EpochRecord record) {}

  /**
   * After each epoch's bookkeeping (early stopping included), with everything needed to resume
   * exactly from here; checkpoints are written from this call. The state's matrices are live:
   * valid only during the call.
   */
  default void onEpochEnd(TrainingState state) {}

  /** A listener that does nothing. */
  static TrainingListener none() {
    return new TrainingListener() {};
  }

  /** Forwards every call to each of {@code listeners}, in order. */
  static TrainingListener all(TrainingListener... listeners) {
    List<TrainingListener> list = List.of(listeners);
    return new TrainingListener() {
      @Override
      public void onStart(int epochs, int batchesPerEpoch) {
        list.forEach(l -> l.onStart(epochs, batchesPerEpoch));
      }

      @Override
      public void onBatch(int epoch, int batch, double loss) {
        list.forEach(l -> l.onBatch(epoch, batch, loss));
      }

      @Override
      public void onEpoch(EpochRecord record) {
        list.forEach(l -> l.onEpoch(record));
      }

      @Override
      public void onEpochEnd(TrainingState state) {
        list.forEach(l -> l.onEpochEnd(state));
      }
    };
  }
}
