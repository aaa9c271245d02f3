package dev.tikhonov.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one setting of a {@link SparkSweep} gave: the numbers of {@code experiment mnist-l2}'s
 * runs, for one (λ, dropout, seed). Losses are the mean cross-entropy {@code −(1/n) Σ log p(yᵢ|xᵢ)}
 * of the trained network on all rows of the set (dropout off), without the penalty; accuracies
 * the share of rows whose most probable class is their label. Immutable and thread-safe.
 *
 * @param lambda the setting's λ (DESIGN.md's objective, {@link SweepSetting})
 * @param dropout the setting's inverted dropout rate
 * @param seed the setting's seed
 * @param trainLoss mean cross-entropy on the training rows after training
 * @param trainAccuracy accuracy on the training rows after training
 * @param testLoss mean cross-entropy on the test rows
 * @param testAccuracy accuracy on the test rows
 * @param weightNorm ‖w‖₂ over all weight matrices (biases excluded)
 * @param layerWeightNorms ‖W‖₂ of each dense layer's weight matrix, input side first
 * @param epochs epochs trained
 * @param seconds wall time of the whole run in its task (training and per-epoch evaluation)
 * @param epochSecondsMean mean wall time of an epoch's training loop
 * @param weightsSha256 SHA-256 of every weight and bias, in layer order, as float32 bits
 *     (little-endian): equal digests, bit-identical networks
 */
public record SweepResult(
    double lambda,
    double dropout,
    long seed,
    @JsonProperty("train_loss") double trainLoss,
    @JsonProperty("train_accuracy") double trainAccuracy,
    @JsonProperty("test_loss") double testLoss,
    @JsonProperty("test_accuracy") double testAccuracy,
    @JsonProperty("weight_norm") double weightNorm,
    @JsonProperty("layer_weight_norms") double[] layerWeightNorms,
    int epochs,
    double seconds,
    @JsonProperty("epoch_seconds_mean") double epochSecondsMean,
    @JsonProperty("weights_sha256") String weightsSha256) implements Serializable {
  private static final long serialVersionUID = 1L;

  public SweepResult {
    layerWeightNorms = layerWeightNorms.clone();
  }

  @Override
  public double[] layerWeightNorms() {
    return layerWeightNorms.clone();
  }

  /** The setting this result belongs to. */
  public SweepSetting setting() {
    return new SweepSetting(lambda, dropout, seed);
  }

  /** runs.csv's columns. */
  static final List<String> CSV_HEADER = List.of("lambda", "dropout", "seed", "train_loss",
      "train_accuracy", "test_loss", "test_accuracy", "weight_norm", "epochs", "seconds",
      "epoch_seconds_mean", "weights_sha256");

  /** runs.csv's record of this result, in {@link #CSV_HEADER}'s order. */
  List<String> csvRow() {
    return List.of(String.valueOf(lambda), String.valueOf(dropout), String.valueOf(seed),
        String.valueOf(trainLoss), String.valueOf(trainAccuracy), String.valueOf(testLoss),
        String.valueOf(testAccuracy), String.valueOf(weightNorm), String.valueOf(epochs),
        String.valueOf(seconds), String.valueOf(epochSecondsMean), weightsSha256);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SweepResult r && Double.compare(lambda, r.lambda) == 0
        && Double.compare(dropout, r.dropout) == 0 && seed == r.seed
        && Double.compare(trainLoss, r.trainLoss) == 0
        && Double.compare(trainAccuracy, r.trainAccuracy) == 0
        && Double.compare(testLoss, r.testLoss) == 0
        && Double.compare(testAccuracy, r.testAccuracy) == 0
        && Double.compare(weightNorm, r.weightNorm) == 0
        && Arrays.equals(layerWeightNorms, r.layerWeightNorms) && epochs == r.epochs
        && Double.compare(seconds, r.seconds) == 0
        && Double.compare(epochSecondsMean, r.epochSecondsMean) == 0
        && weightsSha256.equals(r.weightsSha256);
  }

  /** The setting and its scores, e.g. {@code SweepResult[λ=0.001, dropout=0.2, seed=1: …]}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SweepResult[λ=%s, dropout=%s, seed=%d: train loss %.4f,"
        + " accuracy %.4f; test loss %.4f, accuracy %.4f; ‖w‖ %.4f, layers %s; %d epochs,"
        + " %.1f s; weights %s]", lambda, dropout, seed, trainLoss, trainAccuracy, testLoss,
        testAccuracy, weightNorm, Arrays.toString(layerWeightNorms), epochs, seconds,
        weightsSha256.substring(0, Math.min(12, weightsSha256.length())));
  }

  @Override
  public int hashCode() {
    return 31 * weightsSha256.hashCode() + Arrays.hashCode(layerWeightNorms);
  }
}
