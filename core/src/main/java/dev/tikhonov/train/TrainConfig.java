package dev.tikhonov.train;

import dev.tikhonov.internal.train.RandomStreams;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;

/**
 * Settings of one training run. The objective is docs/objective.md's: mean data loss over the
 * training set plus {@code penalty} (coupled: its gradient goes through the optimizer);
 * decoupled weight decay lives in {@code optimizer.weightDecay()}. Immutable, so thread-safe
 * when its penalty and learning-rate schedule are (tikhonov's are).
 *
 * @param epochs passes over the training data (≥ 1)
 * @param batchSize rows per mini-batch (≥ 1); the last batch of an epoch may be smaller
 * @param seed seeds initialization, shuffling and dropout ({@link RandomStreams})
 * @param penalty the coupled penalty λ·Σ vⱼ[(1−α)/2 w² + α|w|]
 * @param optimizer the optimizer and its learning-rate schedule
 * @param patience early stopping: stop after this many epochs without a better validation loss
 *     and restore the best weights; 0 = off
 */
public record TrainConfig(
    int epochs, int batchSize, long seed, Penalty penalty, OptimizerConfig optimizer,
    int patience) {
  public TrainConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
  }
}
