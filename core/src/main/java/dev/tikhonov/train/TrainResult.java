package dev.tikhonov.train;

/**
 * What a training run produced besides the trained network itself. Immutable, so thread-safe
 * (its {@code History} is too).
 *
 * <p>{@link #predictsWorseThanConstant()} flags a run that ended worse than the all-zero output:
 * a learning rate too large to converge but not so large that the trainer stops it as diverging
 * (a NaN, or a loss grown 10¹⁰ times, {@link DivergenceException}) ends at a training loss above
 * ℓ₀, at chance accuracy for a classifier, and should not be used as it is.
 *
 * @param history per-epoch records
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param bestEpoch the epoch whose weights the network holds (the last one without early
 *     stopping)
 * @param trainLoss mean data loss of the epoch whose weights the network holds ({@code bestEpoch})
 * @param penalty penalty term of the final weights
 * @param seconds wall time of the whole run, evaluation included
 * @param constantPredictionLoss ℓ₀ = (1/n) Σᵢ ℓ(yᵢ, 0), the mean data loss of an all-zero output
 *     on the training rows: log K for K-class softmax cross-entropy, ½·mean(y²) for squared
 *     error, 1 for the Poisson loss μ − y·log μ (at μ = e⁰); the loss a constant prediction
 *     reaches without learning anything from the features; with observation weights
 *     ({@link ObservationWeights}) this and {@code trainLoss} are weighted means
 */
public record TrainResult(
    History history, boolean stoppedEarly, int bestEpoch, double trainLoss, double penalty,
    double seconds, double constantPredictionLoss) {

  /** The last epoch's mean training (data) loss, L̄ over its mini-batches. */
  public double finalEpochLoss() {
    return history.last().trainLoss();
  }

  /**
   * Whether the last epoch's mean training loss is above {@link #constantPredictionLoss()}:
   * {@code finalEpochLoss() > constantPredictionLoss()}, the model predicts its own training
   * rows worse than an all-zero output does. The usual cause is a learning rate too large (the
   * run overshoots without diverging); a run far too short to leave a poor random start can
   * show it too.
   */
  public boolean predictsWorseThanConstant() {
    return finalEpochLoss() > constantPredictionLoss;
  }

  /**
   * "TrainResult[10 epochs, stopped early keeping epoch 8, train loss 0.118700, penalty
   * 0.0123000, 3.20 s, constant-prediction loss 2.30259]": the summary, not the history (a
   * record's toString printed every epoch's record on one line; {@link #history()} has them).
   */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "TrainResult[%d epochs%s, train loss %.6g,"
        + " penalty %.6g, %.3g s, constant-prediction loss %.6g]", history.epochs().size(),
        stoppedEarly ? ", stopped early keeping epoch " + bestEpoch : "", trainLoss, penalty,
        seconds, constantPredictionLoss);
  }
}
