package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.MultinomialPenalty;
import org.junit.jupiter.api.Test;

/**
 * What a relaxed model's {@code evaluate().penalty()} is: the path's penalty at its λ (α, vⱼ,
 * sⱼ, and the grouped form for a grouped multinomial path) of the model's own blended
 * coefficients γ·b^lasso + (1 − γ)·b^R, for every family and γ ∈ {0, 0.5, 1}; at γ = 1 the
 * lasso's penalty, the grouped lasso's for a grouped path. The formula is written out here
 * from the model's parameters, not taken from the library's {@code penalty()}.
 */
class RelaxedPenaltyTest {
  private static final double[] GAMMAS = {0, 0.5, 1};

  @Test
  void penalty_gaussian_isThePathsPenaltyOfTheBlend() {
    check(RelaxedLasso.gaussian(), ElasticNet.gaussian(), RealDataGlmnetTest.diabetes(),
        MultinomialPenalty.UNGROUPED, 10, 3, 1);
  }

  @Test
  void penalty_binomial_isThePathsPenaltyOfTheBlend() {
    Dataset data = CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"),
        "diagnosis", TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
    check(RelaxedLasso.binomial(), ElasticNet.binomial(), data, MultinomialPenalty.UNGROUPED,
        0.1, 0.03, 0.01);
  }

  @Test
  void penalty_multinomialUngrouped_isThePathsPenaltyOfTheBlend() {
    check(RelaxedLasso.multinomial(), ElasticNet.multinomial(), wine(),
        MultinomialPenalty.UNGROUPED, 0.1, 0.03, 0.01);
  }

  /** At γ = 1 the grouped lasso's penalty (GroupedPenaltyTest checks it against glmnet's). */
  @Test
  void penalty_multinomialGrouped_isThePathsGroupedPenaltyOfTheBlend() {
    check(RelaxedLasso.multinomial().multinomialPenalty(MultinomialPenalty.GROUPED),
        ElasticNet.multinomial().multinomialPenalty(MultinomialPenalty.GROUPED), wine(),
        MultinomialPenalty.GROUPED, 0.1, 0.03, 0.01);
  }

  private static Dataset wine() {
    return Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
  }

  private static <M extends Predictor> void check(RelaxedLasso.Builder<M> relaxed,
      ElasticNet.Builder<M> lasso, Dataset data, MultinomialPenalty kind, double... lambdas) {
    RelaxedPath<M> path = relaxed.lambdas(lambdas).tolerance(1e-10).maxIterations(10_000_000)
        .build().path(data);
    RegularizationPath<M> plain = lasso.lambdas(lambdas).tolerance(1e-10)
        .maxIterations(10_000_000).build().path(data);
    for (int l = 0; l < lambdas.length; l++) {
      LinearParameters lassoAt = parameters(path.atIndex(l, 1));
      LinearParameters refitAt = parameters(path.atIndex(l, 0));
      for (double gamma : GAMMAS) {
        String at = "λ = " + lambdas[l] + ", γ = " + gamma;
        M model = path.atIndex(l, gamma);
        LinearParameters p = parameters(model);
        assertEquals(kind, p.multinomialPenalty(), at);
        assertEquals(lambdas[l], p.lambda(), at);
        double[][] b = p.coefficients();
        for (int k = 0; k < b.length; k++) {
          for (int j = 0; j < b[k].length; j++) {
            double blend = gamma * lassoAt.coefficients()[k][j]
                + (1 - gamma) * refitAt.coefficients()[k][j];
            assertEquals(blend, b[k][j], 1e-12 * (1 + Math.abs(blend)), at + ", b[" + k + "]["
                + j + "]");
          }
        }
        double expected = penalty(p, kind);
        assertEquals(expected, model.evaluate(data).penalty(), 1e-12 * expected, at);
      }
      double grouped = plain.atIndex(l).evaluate(data).penalty();
      assertEquals(grouped, path.atIndex(l, 1).evaluate(data).penalty(), 1e-12 * grouped,
          "γ = 1 is the lasso's penalty at λ = " + lambdas[l]);
    }
  }

  private static LinearParameters parameters(Predictor model) {
    return model instanceof LinearClassifier c ? c.parameters()
        : ((LinearModel) model).parameters();
  }

  /**
   * λ Σⱼ vⱼ Σₖ [(1−α)/2 (sⱼbₖⱼ)² + α|sⱼbₖⱼ|], or grouped λ Σⱼ vⱼ [(1−α)/2 ‖sⱼbⱼ‖₂² +
   * α‖sⱼbⱼ‖₂].
   */
  private static double penalty(LinearParameters p, MultinomialPenalty kind) {
    double[][] b = p.coefficients();
    double[] v = p.penaltyFactors();
    double[] s = p.penaltyScales();
    double a = p.l1Ratio();
    double total = 0;
    for (int j = 0; j < v.length; j++) {
      double squares = 0;
      double absolute = 0;
      for (double[] bk : b) {
        squares += s[j] * bk[j] * s[j] * bk[j];
        absolute += Math.abs(s[j] * bk[j]);
      }
      double l1 = kind == MultinomialPenalty.GROUPED ? Math.sqrt(squares) : absolute;
      total += v[j] * ((1 - a) / 2 * squares + a * l1);
    }
    return p.lambda() * total;
  }
}
