package dev.tikhonov.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of the training history (docs/formats.md). Immutable, so thread-safe.
 *
 * @param epoch 1-based
 * @param trainLoss mean data loss over the epoch's mini-batches, weighted by batch size
 * @param penalty the penalty term at the end of the epoch
 * @param objective trainLoss + penalty
 * @param valLoss mean data loss on the validation data, NaN when there is none
 * @param valAccuracy validation accuracy, NaN for regression or without validation data
 * @param weightNorm ‖w‖₂ over all weights
 * @param learningRate the learning rate at the epoch's last step
 * @param seconds wall time of the epoch's training loop (evaluation excluded)
 */
public record EpochRecord(
    int epoch,
    @JsonProperty("train_loss") double trainLoss,
    double penalty,
    double objective,
    @JsonProperty("val_loss") Double valLoss,
    @JsonProperty("val_accuracy") Double valAccuracy,
    @JsonProperty("weight_norm") double weightNorm,
    @JsonProperty("learning_rate") double learningRate,
    double seconds) {

  static final String CSV_HEADER =
      "epoch,train_loss,penalty,objective,val_loss,val_accuracy,weight_norm,learning_rate,seconds";

  String csvRow() {
    return epoch + "," + trainLoss + "," + penalty + "," + objective + ","
        + (valLoss == null ? "" : valLoss) + "," + (valAccuracy == null ? "" : valAccuracy) + ","
        + weightNorm + "," + learningRate + "," + seconds;
  }
}
