package dev.tikhonov.train;

import dev.tikhonov.tensor.Matrix;
import java.util.List;
import java.util.Map;

/**
 * Everything the mini-batch loop needs to continue a run exactly after an epoch: with the same
 * data, settings and thread count, {@code fit(…, resumeFrom = state)} produces bit for bit what
 * the uninterrupted run would have produced from that epoch on.
 *
 * <p>When the trainer hands a state to {@link TrainingListener#onEpochEnd}, the matrices are the
 * live parameters and optimizer buffers: valid only during the call, to be copied or written
 * out, never kept. A state read back from a checkpoint holds its own matrices.
 *
 * @param epoch the last completed epoch (1-based)
 * @param finished whether the run ended with this epoch (last epoch or early stop): a resumed
 *     run then only finishes (restores the best weights), it trains no further, and a larger
 *     epoch budget than the epoch it finished at is refused rather than ignored, unless early
 *     stopping ended it (its patience passed since the best epoch)
 * @param history the records of epochs 1..epoch
 * @param order the row order after the last shuffle (each epoch shuffles it further)
 * @param shuffleState the shuffle generator's state ({@link dev.tikhonov.tensor.Rng#state()})
 * @param dropoutStates each dropout layer's generator state, in layer order
 * @param stepCount optimizer steps taken
 * @param parameters parameter values by {@link dev.tikhonov.nn.Parameter#name()}
 * @param optimizerState the optimizer's buffers by their stable names
 * @param bestValidationLoss early stopping: the lowest validation loss so far (+∞ if none)
 * @param bestEpoch early stopping: the epoch of {@code bestParameters} (0 if none)
 * @param bestParameters early stopping: the best weights so far by name; empty if none
 */
public record TrainingState(
    int epoch,
    boolean finished,
    List<EpochRecord> history,
    int[] order,
    long shuffleState,
    long[] dropoutStates,
    long stepCount,
    Map<String, Matrix> parameters,
    Map<String, Matrix> optimizerState,
    double bestValidationLoss,
    int bestEpoch,
    Map<String, Matrix> bestParameters) {
  /**
   * "TrainingState[epoch 3, not finished, 3 history rows, 120 rows in order, step 45, 4
   * parameters]".
   */
  @Override
  public String toString() {
    return "TrainingState[epoch " + epoch + (finished ? ", finished" : ", not finished") + ", "
        + history.size() + " history rows, " + order.length + " rows in order, step " + stepCount
        + ", " + parameters.size() + " parameters, best epoch " + bestEpoch + "]";
  }

  public TrainingState {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    history = List.copyOf(history);
    if (history.size() != epoch) {
      throw new IllegalArgumentException(
          "history has " + history.size() + " epochs, expected " + epoch);
    }
    if (stepCount < 0) {
      throw new IllegalArgumentException("step count must be >= 0, got " + stepCount);
    }
  }
}
