package dev.tikhonov.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.OptionalDouble;

/**
 * One row of the training history (docs/formats.md). Immutable, so thread-safe.
 *
 * @param epoch 1-based
 * @param trainLoss mean data loss over the epoch's mini-batches, weighted by batch size
 * @param penalty the penalty term at the end of the epoch
 * @param objective trainLoss + penalty
 * @param valLoss mean data loss on the validation data; empty when there is none
 * @param valAccuracy validation accuracy; empty for regression or without validation data
 * @param weightNorm ‖w‖₂ over all weights
 * @param learningRate the learning rate at the epoch's last step
 * @param seconds wall time of the epoch's training loop (evaluation excluded)
 */
@JsonPropertyOrder({"epoch", "train_loss", "penalty", "objective", "val_loss", "val_accuracy",
    "weight_norm", "learning_rate", "seconds"})
public record EpochRecord(
    int epoch,
    @JsonProperty("train_loss") double trainLoss,
    double penalty,
    double objective,
    @JsonIgnore OptionalDouble valLoss,
    @JsonIgnore OptionalDouble valAccuracy,
    @JsonProperty("weight_norm") double weightNorm,
    @JsonProperty("learning_rate") double learningRate,
    double seconds) {

  static final java.util.List<String> CSV_HEADER = java.util.List.of("epoch", "train_loss",
      "penalty", "objective", "val_loss", "val_accuracy", "weight_norm", "learning_rate",
      "seconds");

  public EpochRecord {
    java.util.Objects.requireNonNull(valLoss, "valLoss");
    java.util.Objects.requireNonNull(valAccuracy, "valAccuracy");
  }

  /** history.json's val_loss: the number, or null when there is none. */
  @JsonProperty("val_loss")
  Double valLossOrNull() {
    return valLoss.isPresent() ? valLoss.getAsDouble() : null;
  }

  /** history.json's val_accuracy: the number, or null when there is none. */
  @JsonProperty("val_accuracy")
  Double valAccuracyOrNull() {
    return valAccuracy.isPresent() ? valAccuracy.getAsDouble() : null;
  }

  java.util.List<String> csvRow() {
    return java.util.List.of(String.valueOf(epoch), String.valueOf(trainLoss),
        String.valueOf(penalty), String.valueOf(objective),
        valLoss.isPresent() ? String.valueOf(valLoss.getAsDouble()) : "",
        valAccuracy.isPresent() ? String.valueOf(valAccuracy.getAsDouble()) : "",
        String.valueOf(weightNorm), String.valueOf(learningRate), String.valueOf(seconds));
  }
}
