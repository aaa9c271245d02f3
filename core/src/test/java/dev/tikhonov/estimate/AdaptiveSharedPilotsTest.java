package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.select.AdaptivePenalty;
import dev.tikhonov.select.OutOfFoldPredictions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Several α with the adaptive lasso ({@code ElasticNetCV.Builder.l1Ratios} with
 * {@code adaptive}) fit the all-rows pilot and each fold's pilot once for all α: each α's
 * cross-validation is, bit for bit, the one of an estimator at that α alone, which fits its
 * own pilots. Exact equality (no tolerance) of the λ sequence, intercepts and coefficients,
 * deviance ratios, certificates and passes, the CV mean, standard error and every fold's
 * losses, λ_min and λ_1se, the out-of-fold predictions when kept, the warnings and the recorded
 * settings (the pilot's λ among them). Gaussian, binomial and poisson with observation weights,
 * the last two with an offset too, the ridge and the least-squares pilot (α = 0 among the α:
 * the least-squares pilot fits at α = 1 whatever the path's, so it is one pilot for all);
 * multinomial with the ridge pilot. That the pilots are fitted once is counted by
 * {@code AdaptivePenaltyTest.crossValidate_severalAlphas_fitsEachPilotOnce}.
 */
class AdaptiveSharedPilotsTest {
  @Test
  void gaussian_weighted_eachAlphaIsItsOwnRun() {
    Dataset data = RelaxedObservationsGlmnetTest.diabetes();
    check("gaussian, ridge pilot", () -> ElasticNetCV.gaussian().weightColumn("obs_weight")
        .adaptive(AdaptivePenalty.Pilot.RIDGE, 1.0).keepOutOfFoldPredictions()
        .foldIds(RealDataGlmnetTest.folds("diabetes", data.numRows())), data, 0.25, 0.5, 1);
    check("gaussian, least-squares pilot", () -> ElasticNetCV.gaussian()
        .weightColumn("obs_weight").adaptive(AdaptivePenalty.Pilot.LEAST_SQUARES, 0.5)
        .numFolds(7).seed(2), data, 1, 0.5, 0);
  }

  @Test
  void binomial_weightedWithAnOffset_eachAlphaIsItsOwnRun() {
    Dataset cancer = RelaxedObservationsGlmnetTest.breastCancer();
    double[] offset = new double[cancer.numRows()];
    for (int i = 0; i < offset.length; i++) {
      offset[i] = 0.3 * Math.sin(i);
    }
    Dataset data = cancer.withColumn("offset", offset);
    check("binomial, ridge pilot", () -> ElasticNetCV.binomial().weightColumn("obs_weight")
        .offsetColumn("offset").adaptive(AdaptivePenalty.Pilot.RIDGE, 1.0)
        .keepOutOfFoldPredictions().numFolds(4).seed(3), data, 0.5, 1);
  }

  @Test
  void poisson_weightedWithAnOffset_eachAlphaIsItsOwnRun() {
    Dataset data = AdaptiveObservationsGlmnetTest.cgdWithoutOneCenter();
    check("poisson, least-squares pilot", () -> ElasticNetCV.poisson()
        .weightColumn("obs_weight").offsetColumn("log_followup_years")
        .adaptive(AdaptivePenalty.Pilot.LEAST_SQUARES, 1.0).tolerance(1e-12)
        .foldIds(RealDataGlmnetTest.folds("cgd", data.numRows())), data, 0.25, 0.5, 1);
    check("poisson, ridge pilot", () -> ElasticNetCV.poisson().weightColumn("obs_weight")
        .offsetColumn("log_followup_years").adaptive(AdaptivePenalty.Pilot.RIDGE, 2.0)
        .keepOutOfFoldPredictions().numFolds(4).seed(1), data, 1, 0.3);
  }

  @Test
  void multinomial_eachAlphaIsItsOwnRun() {
    Dataset data = CsvReader.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS, CsvOptions.defaults());
    check("multinomial, ridge pilot", () -> ElasticNetCV.multinomial()
        .adaptive(AdaptivePenalty.Pilot.RIDGE, 1.0).numFolds(3).seed(4), data, 0.5, 1);
  }

  /** Every α of the several-α run against a run of the estimator at that α alone. */
  private static void check(String tag, Supplier<ElasticNetCV.Builder<?>> builder,
      Dataset data, double... alphas) {
    CrossValidatedL1Ratios<?> all = builder.get().l1Ratios(alphas).build()
        .crossValidateL1Ratios(data);
    for (int a = 0; a < alphas.length; a++) {
      CrossValidatedPath<?> alone = builder.get().l1Ratio(alphas[a]).build()
          .crossValidate(data);
      assertSame(tag + ", α " + alphas[a], alone, all.paths().get(a));
    }
  }

  private static void assertSame(String tag, CrossValidatedPath<?> expected,
      CrossValidatedPath<?> actual) {
    RegularizationPath<?> e = expected.path();
    RegularizationPath<?> g = actual.path();
    assertArrayEquals(e.lambdas(), g.lambdas(), tag + ": λ");
    for (int l = 0; l < e.size(); l++) {
      assertArrayEquals(e.intercepts()[l], g.intercepts()[l], tag + ": intercepts, λ #" + l);
      for (int k = 0; k < e.coefficients()[l].length; k++) {
        assertArrayEquals(e.coefficients()[l][k], g.coefficients()[l][k],
            tag + ": coefficients, λ #" + l + ", output " + k);
      }
    }
    assertArrayEquals(e.devianceRatio(), g.devianceRatio(), tag + ": deviance ratios");
    assertArrayEquals(e.certificate(), g.certificate(), tag + ": certificates");
    assertArrayEquals(e.passes(), g.passes(), tag + ": passes");
    assertArrayEquals(expected.mean(), actual.mean(), tag + ": CV mean");
    assertArrayEquals(expected.standardError(), actual.standardError(), tag + ": CV SE");
    for (int f = 0; f < expected.cv().numFolds(); f++) {
      assertArrayEquals(expected.cv().foldLoss()[f], actual.cv().foldLoss()[f],
          tag + ": fold " + (f + 1));
    }
    assertEquals(expected.lambdaMin(), actual.lambdaMin(), 0, tag + ": λ_min");
    assertEquals(expected.lambda1se(), actual.lambda1se(), 0, tag + ": λ_1se");
    assertEquals(expected.outOfFold().isPresent(), actual.outOfFold().isPresent(), tag);
    expected.outOfFold().ifPresent(o -> {
      OutOfFoldPredictions p = actual.outOfFold().orElseThrow();
      for (int k = 0; k < o.numOutputs(); k++) {
        for (int l = 0; l < o.numLambdas(); l++) {
          assertArrayEquals(o.column(k, l), p.column(k, l), tag + ": out of fold, λ #" + l);
        }
      }
    });
    assertEquals(e.warning(), g.warning(), tag + ": warning");
    assertEquals(e.adaptivePilotWarning(), g.adaptivePilotWarning(), tag + ": pilot warning");
    assertEquals(expected.cv().adaptivePilotWarning(), actual.cv().adaptivePilotWarning(),
        tag + ": the folds' pilots' warning");
    // the several-α run records the α it chose among; the rest is the same
    Map<String, Object> settings = new LinkedHashMap<>(g.provenance().settings());
    settings.remove("l1_ratios");
    assertEquals(e.provenance().settings(), settings, tag + ": settings");
  }
}
