package dev.tikhonov.cli;

import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.RegressionEvaluation;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted model's scores on the test rows, as train, grid and select write them to
 * metrics.json and print them: a classifier's accuracy (and a two-class model's AUC) and loss;
 * a regressor's MSE, R² and loss
 * (the MSE and R² of {@code evaluate}, ½·MSE the squared-error loss ℓ of the objective), never
 * an accuracy. A regression's metrics.json had {@code "test_accuracy": null}, its report a
 * "test_accuracy –" row, and grid printed its loss as 93085032.3620.
 *
 * <p>Stateless and thread-safe.
 */
final class TestScores {
  private TestScores() {}

  /**
   * Puts {@code prefix}accuracy (classifiers; {@code prefix}auc too for two classes when the
   * test rows hold both) or {@code prefix}mse and {@code prefix}r2 (regressors; R² null when
   * every test target is the same), then {@code prefix}loss.
   */
  static void put(Map<String, Object> metrics, String prefix, Evaluation test) {
    if (test instanceof ClassifierEvaluation c) {
      metrics.put(prefix + "accuracy", c.accuracy());
      c.auc().ifPresent(auc -> metrics.put(prefix + "auc", auc));
    } else if (test instanceof RegressionEvaluation r) {
      metrics.put(prefix + "mse", r.meanSquaredError());
      metrics.put(prefix + "r2", r.rSquared().isPresent() ? r.rSquared().getAsDouble() : null);
    }
    metrics.put(prefix + "loss", test.loss());
  }

  /**
   * The loss's name before its value, in {@code evaluate}'s line and the summary lines of train,
   * grid and select alike: "loss" for a classifier (its log loss), "loss (½·MSE)" for a
   * squared-error regressor (ℓ = ½(y − ŷ)², so the loss is half the MSE printed beside it),
   * "loss (μ − y·log μ, not a deviance)" for a Poisson model of {@code counts}, which evaluate
   * prints after the mean Poisson deviance (the loss is the deviance/2 less a term of y alone,
   * negative for large counts, and was read as a deviance). The summary lines said "loss"
   * of a regressor, unnamed, after evaluate had learnt to name it.
   */
  static String lossName(Evaluation e, boolean counts) {
    return e instanceof ClassifierEvaluation ? "loss"
        : counts ? "loss (μ − y·log μ, not a deviance)" : "loss (½·MSE)";
  }

  /**
   * "accuracy 0.9722, loss 0.0837" for a classifier ("accuracy 0.9825, AUC 0.9983, loss 0.0539"
   * for two classes); "MSE 3058, R² 0.4853, loss (½·MSE) 1529" for a regressor (train, grid and
   * select fit no Poisson model; significant digits: a loss of 10¹⁰ printed with 4 decimals was
   * unreadable).
   */
  static String describe(Evaluation test) {
    if (test instanceof ClassifierEvaluation c) {
      String auc = c.auc().isPresent()
          ? String.format(Locale.ROOT, ", AUC %.4f", c.auc().getAsDouble()) : "";
      return String.format(Locale.ROOT, "accuracy %.4f%s, loss %.4f", c.accuracy(), auc,
          c.loss());
    }
    RegressionEvaluation r = (RegressionEvaluation) test; // Evaluation's one other kind
    String r2 = r.rSquared().isPresent()
        ? String.format(Locale.ROOT, "%.4g", r.rSquared().getAsDouble())
        : "undefined (every target value is the same)";
    return String.format(Locale.ROOT, "MSE %.4g, R² %s, %s %.4g", r.meanSquaredError(), r2,
        lossName(r, false), r.loss());
  }
}
