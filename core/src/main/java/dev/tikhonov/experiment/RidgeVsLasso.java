package dev.tikhonov.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.KFold;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code experiment ridge-vs-lasso}: scikit-learn-style {@code make_regression} data
 * ({@link Synthetic#regression()}: a few informative features among many), a train/test split,
 * and ridge (α = 0), lasso (α = 1) and elastic net (α = 0.5) paths on standardized features,
 * each with λ chosen by 10-fold cross-validation (λ_min, cv.glmnet's rule). Reports test MSE,
 * nonzero coefficients, the chosen λ and its CV MSE; writes {@code experiment.json},
 * {@code results.json} and {@code path-<model>.json} (docs/formats.md).
 *
 * <p>Ridge's path runs down to λ_max·{@value #RIDGE_LAMBDA_MIN_RATIO}, not glmnet's default
 * λ_max·1e-4: glmnet takes ridge's λ_max from α = 0.001, a thousand times the lasso's, so the
 * default grid ends where ridge's CV error is still falling and λ_min would be the grid's last λ
 * (a boundary choice that says nothing about ridge). Each row records whether its λ_min is
 * still the first or last λ of its grid ({@code lambda_min_at_grid_edge}); the printed table
 * flags it. Objective: {@code (1/2n)‖y − a₀ − Xb‖² + λ Σ[(1−α)/2 bⱼ² + α|bⱼ|]}. Stateless,
 * so thread-safe: concurrent runs are independent when each writes its own directory through
 * its own {@link RunWriter} (each file through a temporary file and a rename).
 */
public final class RidgeVsLasso {
  private RidgeVsLasso() {}

  /** Each model's objective, with α its l1_ratio; the features are standardized. */
  public static final String OBJECTIVE = "J(a₀, b) = (1/2n) Σ (yᵢ − a₀ − xᵢᵀb)²"
      + " + λ Σⱼ [ (1−α)/2 bⱼ² + α |bⱼ| ]  (standardized features; α = 0 ridge, 1 lasso,"
      + " 0.5 elastic net)";

  /**
   * λ_min/λ_max of ridge's grid: the smallest ratio glmnet allows. On the full settings ridge's
   * CV error has its minimum near λ_max·1e-5 (seeds 0 to 3), inside this grid.
   */
  public static final double RIDGE_LAMBDA_MIN_RATIO = 1e-6;

  /**
   * Data and CV settings; as JSON (run.json's settings) with snake_case keys, as every other
   * setting. Immutable, so thread-safe.
   *
   * @param rows the number of rows drawn, training and test together
   * @param features the number of features p
   * @param informative how many of them have a nonzero true coefficient
   * @param noise the standard deviation of the noise added to the target
   * @param testFraction the share of rows held out for the test MSE, in (0, 1)
   * @param folds the number of cross-validation folds K
   */
  public record Settings(int rows, int features, int informative, double noise,
      @com.fasterxml.jackson.annotation.JsonProperty("test_fraction") double testFraction,
      int folds) {
    /** The experiment's settings: n = 500, p = 200, 10 informative, noise 10, 10 folds. */
    public static Settings full() {
      return new Settings(500, 200, 10, 10.0, 0.25, 10);
    }

    /** A smaller run for smoke tests: n = 200, p = 50, 5 informative. */
    public static Settings quick() {
      return new Settings(200, 50, 5, 10.0, 0.25, 10);
    }
  }

  /**
   * One model's line of results.json, with results.json's snake_case keys also where the CLI's
   * {@code --json} prints the rows (it printed l1Ratio, testMse, cvMse, lambdaAtGridEdge).
   * Immutable, so thread-safe.
   *
   * @param model "ridge", "lasso" or "elastic-net"
   * @param l1Ratio the model's α
   * @param lambda λ_min of its cross-validation (DESIGN.md's λ, on standardized features)
   * @param testMse the test rows' mean squared error at λ_min
   * @param nonzero the number of nonzero coefficients at λ_min
   * @param cvMse the mean held-out MSE at λ_min
   * @param lambdaAtGridEdge whether λ_min is the first or last λ of the model's grid
   */
  public record Row(
String model,
      @JsonProperty("l1_ratio") double l1Ratio,
      double lambda,
      @JsonProperty("test_mse") double testMse,
      int nonzero,
      @JsonProperty("cv_mse") double cvMse,
      @JsonProperty("lambda_min_at_grid_edge") boolean lambdaAtGridEdge) {}

  /**
   * The experiment; {@code threads} run CV folds in parallel. Writes the paths, experiment.json
   * and results.json through {@code out} (a run directory of kind
   * {@link RunKind#RIDGE_VS_LASSO}, each file recorded as it is written; {@link RunWriter#finish}
   * is the caller's) and prints the table to {@code table} (for no table, a
   * {@code new PrintStream(OutputStream.nullOutputStream())}).
   */
  public static List<Row> run(Settings settings, long seed, int threads, RunWriter out,
      PrintStream table) {
    java.util.Objects.requireNonNull(out, "out");
    java.util.Objects.requireNonNull(table, "table");
    Dataset data = Synthetic.regression().rows(settings.rows()).features(settings.features())
        .informative(settings.informative()).noise(settings.noise()).seed(seed).build().data();
    TrainTest split = Splits.trainTest(data, settings.testFraction(), seed);
    double[][] xTrain = features(split.train());
    double[] yTrain = targets(split.train());
    double[][] xTest = features(split.test());
    double[] yTest = targets(split.test());
    KFold folds = KFold.random(yTrain.length, settings.folds(), seed);
    List<Row> rows = new ArrayList<>();
    String[] models = {"ridge", "lasso", "elastic-net"};
    double[] ratios = {0.0, 1.0, 0.5};
    for (int m = 0; m < models.length; m++) {
      PathSettings path = ratios[m] == 0
          ? PathSettings.of(0).withLambdaMinRatio(RIDGE_LAMBDA_MIN_RATIO)
          : PathSettings.of(ratios[m]);
      CrossValidation.Fit fit = CrossValidation.path(Family.GAUSSIAN, xTrain, yTrain, path,
          data.featureNames(), List.of(), folds, threads);
      int best = fit.cv().indexMin();
      int last = fit.path().size() - 1;
      double[][] eta = fit.path().linearPredictor(xTest, best);
      double mse = 0;
      for (int i = 0; i < yTest.length; i++) {
        mse += (yTest[i] - eta[i][0]) * (yTest[i] - eta[i][0]) / yTest.length;
      }
      rows.add(new Row(models[m], ratios[m], fit.cv().lambdaMin(), mse,
          fit.path().degreesOfFreedom(best),
          fit.cv().mean(best), best == 0 || best == last));
      out.json("path-" + models[m] + ".json",
          // the experiment's λ sequences are its own: the λ_min warning states the fact, no
          // flag to change them
          PathFiles.json(fit.path(), Optional.of(fit.cv()), ""));
    }
    // the report's Settings show this objective, where they showed the generic J(θ) with its
    // ℓ and vⱼ (the experiments that have an experiment.json state their own)
    java.util.Map<String, Object> experiment = new java.util.LinkedHashMap<>();
    experiment.put("name", "ridge-vs-lasso");
    experiment.put("settings", settings);
    experiment.put("objective", OBJECTIVE);
    out.json("experiment.json", experiment);
    out.json("results.json", rows);
    table.print(table(rows, settings));
    return rows;
  }

  /** The printed table. */
  public static String table(List<Row> rows, Settings settings) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "ridge vs lasso: n=%d p=%d informative=%d noise=%.3g, λ by %d-fold CV (λ_min)%n",
        settings.rows(), settings.features(), settings.informative(), settings.noise(),
        settings.folds()));
    s.append(String.format(Locale.ROOT, "%-12s %8s %12s %12s %8s %12s%n", "model", "l1_ratio",
        "lambda", "test_mse", "nonzero", "cv_mse"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-12s %8.2f %12.5g %12.5g %8d %12.5g%n", r.model(),
          r.l1Ratio(), r.lambda(), r.testMse(), r.nonzero(), r.cvMse()));
    }
    for (Row r : rows) {
      if (r.lambdaAtGridEdge()) {
        s.append(String.format(Locale.ROOT, "note: %s's λ_min is the first or last λ of its grid:"
            + " its CV error may fall further outside the grid, so its test MSE is not its best%n",
            r.model()));
      }
    }
    return s.toString();
  }

  static double[][] features(Dataset d) {
    double[][] x = new double[d.numRows()][d.numFeatures()];
    for (int i = 0; i < d.numRows(); i++) {
      for (int j = 0; j < d.numFeatures(); j++) {
        x[i][j] = d.features().get(i, j);
      }
    }
    return x;
  }

  static double[] targets(Dataset d) {
    double[] y = new double[d.numRows()];
    for (int i = 0; i < d.numRows(); i++) {
      y[i] = d.target(i);
    }
    return y;
  }
}
