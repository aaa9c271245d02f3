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

  /**
   * Prints a line per epoch to {@code out}, as Keras's {@code verbose=2} does: "epoch 3/20:
   * train loss 0.231456, penalty 0.0123400, val loss 0.254100, val accuracy 0.9312 (0.84 s)"
   * (the penalty λ·Ω(w) when there is one, the validation scores when there are validation
   * rows; the train loss is the epoch's mean data loss over its mini-batches). Not thread-safe:
   * one run at a time.
   */
  static TrainingListener printing(java.io.PrintStream out) {
    java.util.Objects.requireNonNull(out, "out");
    return new TrainingListener() {
      private int epochs;

      @Override
      public void onStart(int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
      }

      @Override
      public void onEpoch(EpochRecord r) {
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT,
            "epoch %d/%d: train loss %.6g", r.epoch(), epochs, r.trainLoss()));
        if (r.penalty() != 0) {
          line.append(String.format(java.util.Locale.ROOT, ", penalty %.6g", r.penalty()));
        }
        r.valLoss().ifPresent(v -> line.append(String.format(java.util.Locale.ROOT,
            ", val loss %.6g", v)));
        r.valAccuracy().ifPresent(a -> line.append(String.format(java.util.Locale.ROOT,
            ", val accuracy %.4f", a)));
        out.println(line.append(String.format(java.util.Locale.ROOT, " (%.2f s)", r.seconds())));
      }
    };
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
