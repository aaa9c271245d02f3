package dev.tikhonov.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.estimate.FitOptions;
import dev.tikhonov.estimate.LayerWeights;
import dev.tikhonov.estimate.LinearRegression;
import dev.tikhonov.estimate.NetworkRegressor;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.report.TextColumns;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linear regression by plain full-batch gradient descent on {@code y = 3x + 2 + ε}, with the L2
 * penalty on the slope only:
 *
 * <pre>  J(w, b) = (1/2n) Σ (yᵢ − w xᵢ − b)² + (λ/2) w²</pre>
 *
 * whose minimizer is {@code w* = S_xy / (S_xx + λ)}, {@code b* = ȳ − w* x̄} with
 * {@code S_xy = (1/n)Σ(x − x̄)(y − ȳ)} and {@code S_xx = (1/n)Σ(x − x̄)²}: the slope shrinks
 * towards 0 as λ grows, and the intercept is not penalized. Each row reports the gradient-descent
 * slope next to this closed form. Stateless, but run one {@code run} at a time per process: its
 * fits, like every network fit, may set OpenBLAS's process-wide thread count, and {@code out} is
 * not thread-safe.
 */
public final class GdLinear {
  private GdLinear() {}

  /**
   * The experiment's settings. Immutable (the λ list is copied, unmodifiable), so thread-safe.
   *
   * @param n sample size
   * @param noise standard deviation of ε
   * @param lambdas λ values
   * @param steps gradient-descent steps (full batch: one step per epoch)
   * @param learningRate step size
   * @param seed seeds the data's draw and the fits' generators
   */
  public record Settings(int n, double noise, List<Double> lambdas, int steps,
      @JsonProperty("learning_rate") double learningRate, long seed) {
    public Settings {
      lambdas = List.copyOf(lambdas);
    }

    /** The full run: n = 200, noise 1, λ ∈ {0, 0.1, 0.3, 1, 3, 10}, 2,000 steps at 0.05, seed 0. */
    public static Settings defaults() {
      return new Settings(200, 1.0, List.of(0.0, 0.1, 0.3, 1.0, 3.0, 10.0), 2000, 0.05, 0);
    }

    /** A shorter run for smoke tests: λ ∈ {0, 0.3, 1, 10}, 1,000 steps, else the defaults. */
    public static Settings quick() {
      return new Settings(200, 1.0, List.of(0.0, 0.3, 1.0, 10.0), 1000, 0.05, 0);
    }
  }

  /**
   * One row: the fitted line for one λ and the closed-form slope it should reach. Immutable, so
   * thread-safe.
   *
   * @param lambda λ (the objective's: (λ/2) w², the intercept unpenalized)
   * @param slope the slope w gradient descent reached
   * @param intercept the intercept b it reached
   * @param trainMse the training mean squared error (1/n) Σ (yᵢ − w xᵢ − b)²
   * @param closedFormSlope the minimizer's slope Sxy / (Sxx + λ), with Sxx and Sxy the
   *     centered (1/n) sums of the float32 data
   */
  public record Row(double lambda, double slope, double intercept,
      @JsonProperty("train_mse") double trainMse,
      @JsonProperty("closed_form_slope") double closedFormSlope) {}

  /** y = 3x + 2 + noise·N(0,1), x uniform in [−2, 2]. */
  public static Dataset data(Settings s) {
    Rng rng = new Rng(s.seed());
    Matrix x = Matrix.zeros(s.n(), 1);
    Matrix y = Matrix.zeros(s.n(), 1);
    for (int i = 0; i < s.n(); i++) {
      double xi = 4 * rng.nextDouble() - 2;
      x.put(i, (float) xi);
      y.put(i, (float) (3 * xi + 2 + s.noise() * rng.nextGaussian()));
    }
    // float32, as the optimizers train; the closed form below uses the same float32 values.
    return new Dataset(x, y, List.of("x"), List.of(), "y = 3x + 2 + noise (seed " + s.seed()
        + ")");
  }

  /**
   * Fits one linear regression per λ of {@code s} by full-batch gradient descent on
   * {@link #data}, writes each run's history, {@code experiment.json} and {@code results.json}
   * through {@code out}, and returns one row per λ, in the settings' order.
   */
  public static List<Row> run(Settings s, RunWriter out, ExperimentListener listener) {
    Dataset data = data(s);
    double xMean = 0;
    double yMean = 0;
    for (int i = 0; i < s.n(); i++) {
      xMean += data.features().at(i) / s.n();
      yMean += data.target(i) / s.n();
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < s.n(); i++) {
      double dx = data.features().at(i) - xMean;
      sxx += dx * dx / s.n();
      sxy += dx * (data.target(i) - yMean) / s.n();
    }
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (double lambda : s.lambdas()) {
      index++;
      // λ as mnist-l2's labels write it (Java's text of 0.1 + 0.2 is 0.30000000000000004)
      listener.runStarted(index, s.lambdas().size(), "λ=" + Digits.few(lambda));
      NetworkRegressor model = LinearRegression.builder().lambda(lambda).epochs(s.steps())
          .batchSize(s.n()).seed(s.seed()).optimizer(Optimizers.sgd(s.learningRate())).build()
          .fit(data, FitOptions.none().withListener(listener.training()));
      LayerWeights layer = model.layers().get(0);
      double slope = layer.weight(0, 0);
      double intercept = layer.bias()[0];
      rows.add(new Row(lambda, slope, intercept, 2 * model.evaluate(data).loss(),
          sxy / (sxx + lambda)));
      out.history(Path.of("runs", dev.tikhonov.report.LambdaRow.runDirectory(lambda, 0)),
          model.training().orElseThrow().history());
      listener.runFinished(index, s.lambdas().size(),
          String.format(Locale.ROOT, "λ=%s: slope %.4f (closed form %.4f)", Digits.few(lambda),
              slope, sxy / (sxx + lambda)));
    }
    Map<String, Object> experiment = new LinkedHashMap<>();
    experiment.put("name", "gd-linear");
    experiment.put("settings", s);
    experiment.put("objective", "J(w, b) = (1/2n) Σ (yᵢ − w xᵢ − b)² + (λ/2) w²");
    out.json("experiment.json", experiment);
    out.json("results.json", rows);
    return rows;
  }

  /** The rows as a fixed-width text table with a header line, for a terminal. */
  public static String table(List<Row> rows) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("lambda", "slope", "intercept", "train MSE", "closed-form slope"));
    for (Row r : rows) {
      lines.add(List.of(Digits.few(r.lambda()), decimals(r.slope()), decimals(r.intercept()),
          decimals(r.trainMse()), decimals(r.closedFormSlope())));
    }
    return TextColumns.format(new int[] {8, 10, 10, 10}, lines);
  }

  /** A column's number: four decimals in the root locale. */
  private static String decimals(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
