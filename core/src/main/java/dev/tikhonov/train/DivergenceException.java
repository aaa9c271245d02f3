package dev.tikhonov.train;

/**
 * Training produced a NaN or infinite loss. The message names the epoch and batch and the
 * likely cause; the weights are those of the step that diverged and should not be used.
 * Immutable once thrown: epoch and batch are final.
 */
public final class DivergenceException extends RuntimeException {
  private final int epoch;
  private final int batch;

  public DivergenceException(String message, int epoch, int batch) {
    super(message);
    this.epoch = epoch;
    this.batch = batch;
  }

  public int epoch() {
    return epoch;
  }

  public int batch() {
    return batch;
  }
}
