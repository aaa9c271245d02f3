package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * glmnet's standardization without an intercept, for the ridge and with observation weights,
 * against glmnet 4.1-6 on the real diabetes data ({@code ref/make_nointercept_ridge.R}, files
 * {@code ref/real/diabetes-nointercept-ridge*} and {@code -enet05-weighted}; weights
 * wᵢ = 1 + (i mod 3), i 1-based, and w₅ = 0). Without an intercept glmnet centers neither x nor
 * y, but divides each column by its centered (weighted) standard deviation, as with one, and y
 * by its (weighted) root mean square s_y = √(Σωᵢyᵢ²), which is the scale its ridge λ converts
 * with (λ = l/s_y; docs/objective.md). Our {@code standardize(true)} divides by the same
 * centered deviation with or without an intercept, so {@link Ridge}, {@link RidgeCV} and
 * {@link ElasticNet} with {@code intercept(false)} give glmnet's models; the script checks the
 * definition against the closed form (1.2e-8 of the largest coefficient) and that x's root mean
 * square in its place is another model (1.2 of the largest off).
 *
 * <p>glmnet's first ridge λ reports all-zero coefficients (its λ_max convention), so the models
 * are compared from the second λ on, to 1e-7 of the largest coefficient: the reference is run at
 * thresh 1e-20, where glmnet's coordinate descent is within 1.2e-8 of the closed form (at 1e-14
 * it was 1.6e-5 off at the path's end on this uncentered, ill-conditioned design).
 */
class NoInterceptRidgeGlmnetTest {
  /** diabetes with a weight column w (named), its last feature. */
  static Dataset weightedDiabetes() {
    Dataset diabetes = RealDataGlmnetTest.diabetes();
    double[] w = new double[diabetes.numRows()];
    for (int i = 0; i < w.length; i++) {
      w[i] = i == 4 ? 0 : 1 + (i + 1) % 3;
    }
    return diabetes.withColumn("w", w);
  }

  /** s_y = √(Σωᵢyᵢ²), the weights those of the column w (all 1 without it). */
  static double rootMeanSquare(Dataset data, boolean weighted) {
    double sum = 0;
    double total = 0;
    double[] y = data.targets();
    for (int i = 0; i < y.length; i++) {
      double[] row = data.featureRows()[i];
      double w = weighted ? row[row.length - 1] : 1;
      sum += w * y[i] * y[i];
      total += w;
    }
    return Math.sqrt(sum / total);
  }

  /** Largest |ours − glmnet's| over the features, relative to glmnet's largest, at row l. */
  static double error(double[] ours, List<String> features, RealDataGlmnetTest.Table ref,
      int l) {
    double largest = 0;
    double diff = 0;
    for (int j = 0; j < features.size(); j++) {
      double theirs = ref.rows()[l][ref.column(features.get(j))];
      largest = Math.max(largest, Math.abs(theirs));
      diff = Math.max(diff, Math.abs(ours[j] - theirs));
    }
    return diff / largest;
  }

  @Test
  void ridgeAndRidgeCv_withoutIntercept_standardized_areGlmnetsAlphaZero() {
    for (boolean weighted : new boolean[] {false, true}) {
      RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("diabetes-nointercept-ridge"
          + (weighted ? "-weighted" : "") + ".csv");
      Dataset data = weighted ? weightedDiabetes() : RealDataGlmnetTest.diabetes();
      double scale = rootMeanSquare(data, weighted);
      double[] glmnet = ref.column(ref.column("lambda"));
      double[] lambdas = new double[glmnet.length];
      for (int l = 0; l < glmnet.length; l++) {
        lambdas[l] = glmnet[l] / scale;
      }
      RidgeCV.Builder cv = RidgeCV.builder().intercept(false).standardize(true);
      if (weighted) {
        cv.weightColumn("w");
      }
      // RidgeCV's default grid is glmnet's α = 0 sequence over s_y, without an intercept too
      double[] grid = cv.build().crossValidate(data).lambdas();
      for (int l = 0; l < glmnet.length; l++) {
        assertEquals(lambdas[l], grid[l], 1e-10 * lambdas[l], "weighted " + weighted
            + ", default grid λ #" + (l + 1));
      }
      RidgeCV.Validation atGlmnets = cv.lambdas(lambdas).build().crossValidate(data);
      double worst = 0;
      for (int l = 1; l < glmnet.length; l++) {
        Ridge.Builder ridge = Ridge.builder().lambda(lambdas[l]).intercept(false)
            .standardize(true);
        if (weighted) {
          ridge.weightColumn("w");
        }
        LinearModel model = ridge.build().fit(data);
        assertEquals(0.0, model.intercept(), 0.0);
        worst = Math.max(worst, error(model.coefficients(), model.featureNames(), ref, l));
        LinearModel fromPath = atGlmnets.atIndex(l);
        worst = Math.max(worst, error(fromPath.coefficients(), fromPath.featureNames(), ref, l));
      }
      assertTrue(worst < 1e-7, "weighted " + weighted + ": off glmnet's by " + worst
          + " of the largest coefficient");
    }
  }

  /**
   * The elastic net's coordinate descent with weights and without an intercept, standardized:
   * glmnet's α = 0 at λ = l/s_y, and α = 0.5 at λ = l·(a + (1−a)/s_y), α = a/(a + (1−a)/s_y),
   * s_y the weighted root mean square of y. Measured 9.9e-8 (α = 0) and 6.1e-8 (α = 0.5) of the
   * largest coefficient at tolerance 1e-16; at 1e-13 the α = 0 path was 3.3e-6 off at its small
   * λ, where the gap certificate leaves the weak directions of this design that loose.
   */
  @Test
  void elasticNet_withWeightsWithoutIntercept_isGlmnets() {
    Dataset data = weightedDiabetes();
    double scale = rootMeanSquare(data, true);
    for (double a : new double[] {0, 0.5}) {
      RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref(a == 0
          ? "diabetes-nointercept-ridge-weighted.csv"
          : "diabetes-nointercept-enet05-weighted.csv");
      double[] glmnet = ref.column(ref.column("lambda"));
      double c = a + (1 - a) / scale;
      double[] lambdas = new double[glmnet.length];
      for (int l = 0; l < glmnet.length; l++) {
        lambdas[l] = glmnet[l] * c;
      }
      RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(a / c)
          .lambdas(lambdas).intercept(false).weightColumn("w").tolerance(1e-16)
          .maxIterations(10_000_000).build().path(data);
      double worst = 0;
      for (int l = a == 0 ? 1 : 0; l < path.size(); l++) {
        assertEquals(0.0, path.intercepts()[l][0], 0.0);
        double[] b = path.coefficients()[l][0];
        boolean empty = true;
        for (double v : b) {
          empty &= v == 0;
        }
        if (!empty) {
          worst = Math.max(worst, error(b, path.featureNames(), ref, l));
        }
      }
      assertEquals(glmnet.length, path.size(), "α " + a + ": path length");
      assertTrue(worst < 5e-7, "α " + a + ": off glmnet's by " + worst);
    }
  }
}
