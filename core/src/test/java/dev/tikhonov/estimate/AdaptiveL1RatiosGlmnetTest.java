package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.select.AdaptivePenalty;
import org.junit.jupiter.api.Test;

/**
 * The adaptive lasso over several α ({@code ElasticNetCV.Builder.l1Ratios} with
 * {@code adaptive}) is a loop over α of glmnet with one pilot's penalty.factor, as R users run
 * it (ref/make_adaptive_l1_ratios.R): the pilot does not depend on α, so every α takes the
 * same factors (the all-rows pilot's for its path, each fold's own for the fold), and the α
 * are compared on the same folds. cgd (Poisson, weights and the log follow-up offset, least-
 * squares pilot): each α's λ sequence, honest CV mean and SE match the script's to
 * {@link AdaptiveObservationsGlmnetTest#CV}, and the chosen α is the one with the smallest
 * mean at its λ_min.
 */
class AdaptiveL1RatiosGlmnetTest {
  private static final double[] ALPHAS = {0.25, 0.5, 1};

  @Test
  void severalAlphas_eachIsGlmnetsAdaptivePathAndCv_withTheSamePilot() {
    Dataset data = AdaptiveObservationsGlmnetTest.cgdWithoutOneCenter();
    CrossValidatedL1Ratios<?> fit = ElasticNetCV.poisson()
        .adaptive(AdaptivePenalty.Pilot.LEAST_SQUARES, 1.0).weightColumn("obs_weight")
        .offsetColumn("log_followup_years").tolerance(1e-12).l1Ratios(ALPHAS)
        .foldIds(RealDataGlmnetTest.folds("cgd", data.numRows())).build()
        .crossValidateL1Ratios(data);
    RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("cgd_weighted-adaptive-l1ratios.csv");
    double[] alpha = ref.column(0);
    double[] lambda = ref.column(1);
    double[] mean = ref.column(ref.column("cvm"));
    double[] se = ref.column(ref.column("cvsd"));
    double best = Double.POSITIVE_INFINITY;
    double chosen = Double.NaN;
    for (int a = 0; a < ALPHAS.length; a++) {
      double at = ALPHAS[a];
      int[] rows = java.util.stream.IntStream.range(0, alpha.length)
          .filter(i -> alpha[i] == at).toArray();
      CrossValidatedPath<?> cv = fit.paths().get(a);
      assertEquals(rows.length, cv.path().size(), "α " + at + ": the sequence ends alike");
      double worst = 0;
      int min = 0;
      for (int l = 0; l < rows.length; l++) {
        int i = rows[l];
        assertEquals(lambda[i], cv.path().lambdas()[l], AdaptiveObservationsGlmnetTest.PILOT
            * lambda[i], "α " + at + ", λ #" + (l + 1));
        worst = Math.max(worst, Math.abs(cv.mean()[l] - mean[i]) / mean[i]);
        worst = Math.max(worst, Math.abs(cv.standardError()[l] - se[i]) / se[i]);
        min = mean[i] < mean[rows[min]] ? l : min;
      }
      System.out.printf("adaptive α = %s: %d λ, CV off by %.2e%n", at, rows.length, worst);
      assertTrue(worst < AdaptiveObservationsGlmnetTest.CV, "α " + at + ": CV off by " + worst);
      assertEquals(lambda[rows[min]], cv.lambdaMin(), 1e-9 * lambda[rows[min]], "α " + at);
      if (mean[rows[min]] < best) {
        best = mean[rows[min]];
        chosen = at;
      }
    }
    assertEquals(chosen, fit.chosenL1Ratio());
    // one pilot: its factors do not depend on α
    dev.tikhonov.estimate.ObservationColumns.Split split = ObservationColumns.split(data,
        dev.tikhonov.loss.Family.POISSON, java.util.Optional.of("obs_weight"),
        java.util.Optional.of("log_followup_years"));
    double[] first = null;
    for (double at : ALPHAS) {
      double[] factors = AdaptivePenalty.factors(dev.tikhonov.loss.Family.POISSON, split.x(),
          data.targets(), java.util.stream.IntStream.range(0, data.numRows()).toArray(),
          split.observations(), dev.tikhonov.linear.PathSettings.of(at).withTolerance(1e-12),
          new AdaptivePenalty.Settings(AdaptivePenalty.Pilot.LEAST_SQUARES, 1.0),
          split.featureNames(), java.util.List.of(), 1).normalized();
      first = first == null ? factors : first;
      assertArrayEquals(first, factors, 0, "α " + at);
    }
  }
}
