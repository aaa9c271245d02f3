package dev.tikhonov.train;

/**
 * Training produced a NaN or infinite loss. The message names the epoch and batch and the
 * likely cause; the weights are those of the step that diverged and should not be used.
 * Immutable once thrown: epoch and batch are final.
 */
public final class DivergenceException extends RuntimeException {
  private final int epoch;
  private final int batch;

  /**
   * A divergence at {@code batch} (from 1; the epoch's last batch when found at the epoch's end)
   * of {@code epoch} (from 1), explained by {@code message}.
   */
  public DivergenceException(String message, int epoch, int batch) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
  }

  /** The epoch that diverged, counted from 1. */
  public int epoch() {
    return epoch;
  }

  /**
   * The batch of {@link #epoch()} at which the divergence was found, counted from 1: the
   * epoch's last batch for what is checked at an epoch's end (the mean loss's growth, the
   * weights).
   */
  public int batch() {

    return batch;
  }
}
