package dev.tikhonov.train;

/**
 * What a training run produced besides the trained network itself. Immutable, so thread-safe
 * (its {@code History} is too).
 *
 * @param history per-epoch records
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param bestEpoch the epoch whose weights the network holds (the last one without early
 *     stopping)
 * @param trainLoss mean data loss of the last epoch
 * @param penalty penalty term of the final weights
 * @param seconds wall time of the whole run, evaluation included
 */
public record TrainResult(
    History history, boolean stoppedEarly, int bestEpoch, double trainLoss, double penalty,
    double seconds) {}
