package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.tensor.ArrayText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One configuration row of the mnist-l2 experiment's results.json: a λ (DESIGN.md's objective,
 * α = 0), a dropout probability and a decoupled weight decay, aggregated over {@code seeds}
 * seeds as mean ± standard deviation. Immutable ({@code layerWeightNormsMean}, one number per
 * layer, is copied in and out), so thread-safe.
 *
 * @param lambda λ of the coupled L2 penalty (DESIGN.md's objective, α = 0)
 * @param dropout the dropout probability after each hidden ReLU (0 = none)
 * @param weightDecay the decoupled weight decay d (0 = none)
 * @param seeds the number of seeds (runs) the row aggregates
 * @param testAccuracyMean the mean test accuracy, in [0, 1]
 * @param testAccuracyStd its standard deviation over the seeds
 * @param testLossMean the mean test cross-entropy (mean over rows, no penalty)
 * @param testLossStd its standard deviation over the seeds
 * @param trainLossMean the mean training cross-entropy of the final weights (no penalty)
 * @param weightNormMean the mean ‖w‖₂ over all weight matrices (biases excluded)
 * @param layerWeightNormsMean mean Frobenius norm ‖W_l‖_F of each weight matrix, first layer first
 * @param epochSecondsMean the mean over the seeds of each run's median epoch wall time, s
 */
public record LambdaRow(
    double lambda,
    double dropout,
    double weightDecay,
    int seeds,
    double testAccuracyMean,
    double testAccuracyStd,
    double testLossMean,
    double testLossStd,
    double trainLossMean,
    double weightNormMean,
    double[] layerWeightNormsMean,
    double epochSecondsMean) {
  public LambdaRow {
    layerWeightNormsMean = layerWeightNormsMean.clone();
  }

  /** Mean ‖W_l‖_F of each weight matrix, first layer first; a new array. */
  @Override
  public double[] layerWeightNormsMean() {
    return layerWeightNormsMean.clone();
  }

  /**
   * "LambdaRow[λ = 0.01, dropout 0, decay 0, 3 seeds, test accuracy 0.95 ± 0.002, test loss …,
   * layer weight norms: …]".
   */
  @Override
  public String toString() {
    return "LambdaRow[λ = " + ArrayText.number(lambda) + ", dropout "
        + ArrayText.number(dropout) + ", decay " + ArrayText.number(weightDecay) + ", " + seeds
        + " seeds, test accuracy " + ArrayText.number(testAccuracyMean) + " ± "
        + ArrayText.number(testAccuracyStd) + ", test loss " + ArrayText.number(testLossMean)
        + " ± " + ArrayText.number(testLossStd) + ", layer weight norms: "
        + ArrayText.range(layerWeightNormsMean) + "]";
  }

  /** True for the plain L2 sweep: no dropout and no decoupled weight decay. */
  public boolean plainL2() {
    return dropout == 0 && weightDecay == 0;
  }

  /**
   * The folder under runs/ where an experiment keeps the histories of the row with this λ and
   * dropout (mnist-l2: one seed-S folder per seed inside; gd-linear: the history itself): the
   * one place the experiments and the report take the name from.
   */
  public static String runDirectory(double lambda, double dropout) {
    return (dropout > 0 ? "dropout-" + dropout + "_" : "") + "lambda-" + lambda;
  }

  /** Reads results.json of mnist-l2. */
  public static List<LambdaRow> read(Path file) {
    return read(JsonFiles.readArray(file), file);
  }

  /** The rows of {@code array}, the parsed results.json {@code file} (named in messages). */
  static List<LambdaRow> read(JsonNode array, Path file) {
    List<LambdaRow> rows = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode r = array.get(i);
      String where = file + ": row " + (i + 1);
      JsonNode norms = r.get("layer_weight_norms_mean");
      rows.add(
          new LambdaRow(
              JsonFiles.lambda(r, "lambda", where),
              zeroIfNaN(JsonFiles.optionalNumber(r, "dropout", where)),
              zeroIfNaN(JsonFiles.optionalNumber(r, "weight_decay", where)),
              (int) zeroIfNaN(JsonFiles.optionalNumber(r, "seeds", where)),
              JsonFiles.number(r, "test_accuracy_mean", where),
              JsonFiles.optionalNumber(r, "test_accuracy_std", where),
              JsonFiles.number(r, "test_loss_mean", where),
              JsonFiles.optionalNumber(r, "test_loss_std", where),
              JsonFiles.optionalNumber(r, "train_loss_mean", where),
              JsonFiles.optionalNumber(r, "weight_norm_mean", where),
              norms == null || norms.isNull()
                  ? new double[0]
                  : JsonFiles.numbers(r, "layer_weight_norms_mean", where),
              JsonFiles.optionalNumber(r, "epoch_seconds_mean", where)));
    }
    return List.copyOf(rows);
  }

  /**
   * The chosen row: highest mean test accuracy among the plain-L2 rows (ties: the larger λ, the
   * simpler model); empty when there are no plain-L2 rows (with a test accuracy).
   */
  public static Optional<LambdaRow> best(List<LambdaRow> rows) {
    LambdaRow best = null;
    for (LambdaRow r : rows) {
      if (!r.plainL2() || Double.isNaN(r.testAccuracyMean)) {
        continue;
      }
      if (best == null
          || r.testAccuracyMean > best.testAccuracyMean
          || (r.testAccuracyMean == best.testAccuracyMean && r.lambda > best.lambda)) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
