package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation with observation weights and offsets against cv.glmnet 4.1-6 with the same
 * fold ids (ref/make_glm.R: (i − 1) mod 5 + 1): the weighted fold means, standard errors,
 * λ_min and λ_1se.
 */
class CrossValidationObservationsTest {
  static final Table POIS = ProximalNewtonRefData.read("pois.csv");
  static final Table GLM2 = ProximalNewtonRefData.read("glm2.csv");

  static double[] column(Table t, String name) {
    double[] out = new double[t.rows().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.rows()[i][t.header().indexOf(name)];
    }
    return out;
  }

  /** x1..x8 of pois.csv. */
  static double[][] x() {
    int n = POIS.rows().length;
    double[][] x = new double[n][8];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 8; j++) {
        x[i][j] = POIS.rows()[i][POIS.header().indexOf("x" + (j + 1))];
      }
    }
    return x;
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 8; j++) {
      names.add("x" + (j + 1));
    }
    return names;
  }

  static KFold folds(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i % 5 + 1;
    }
    return KFold.of(ids);
  }

  private static void check(String tag, Family family, double[] y, Observations observations,
      PathSettings settings) {
    CrossValidation.Fit fit = CrossValidation.path(family, x(), y, observations,
        settings.withTolerance(1e-13), names(), List.of(), folds(y.length),
        CrossValidation.Alignment.INTERPOLATE, 2);
    double[][] ref = ProximalNewtonRefData.read(tag + ".csv").rows();
    double[] select = ProximalNewtonRefData.read(tag + "-select.csv").rows()[0];
    CvResult cv = fit.cv();
    assertEquals(ref.length, cv.lambdas().length, tag + ": cv.glmnet's λ sequence length");
    double worstMean = 0;
    double worstSe = 0;
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], cv.lambdas()[l], 1e-10 * ref[l][0]);
      worstMean = Math.max(worstMean, Math.abs(cv.mean()[l] - ref[l][1]) / ref[l][1]);
      worstSe = Math.max(worstSe, Math.abs(cv.standardError()[l] - ref[l][2]) / ref[l][2]);
    }
    System.out.println(tag + ": worst relative error of the CV mean " + worstMean + ", SE "
        + worstSe);
    assertTrue(worstMean < 1e-6, tag + ": mean off by " + worstMean);
    assertTrue(worstSe < 1e-4, tag + ": SE off by " + worstSe);
    assertEquals(select[0], cv.lambdaMin(), 1e-10 * select[0], tag + ": λ_min");
    assertEquals(select[1], cv.lambda1se(), 1e-10 * select[1], tag + ": λ_1se");
  }

  @Test
  void poisson_withWeightsAndAnOffset_matchesCvGlmnet() {
    check("pois-cv-weights-offset", Family.POISSON, column(POIS, "y"),
        Observations.ofWeights(column(POIS, "w")).withOffsets(column(POIS, "off")),
        PathSettings.lasso());
  }

  @Test
  void gaussian_withWeights_matchesCvGlmnet() {
    check("gauss-cv-weights", Family.GAUSSIAN, column(GLM2, "yg"),
        Observations.ofWeights(column(POIS, "w")), PathSettings.lasso());
  }

  @Test
  void binomial_withAnOffset_matchesCvGlmnet() {
    check("binom-cv-offset", Family.BINOMIAL, column(GLM2, "yb"),
        Observations.ofOffsets(column(POIS, "off")), PathSettings.lasso().withStandardize(false));
  }

  /** Unit weights and zero offsets are no weights and no offsets, to the last bit. */
  @Test
  void unitWeightsAndZeroOffsets_equalNone() {
    double[] y = column(POIS, "y");
    double[] ones = new double[y.length];
    java.util.Arrays.fill(ones, 1);
    PathSettings settings = PathSettings.lasso().withNumLambdas(20);
    CvResult plain = CrossValidation.path(Family.POISSON, x(), y, settings, names(), List.of(),
        folds(y.length), 1).cv();
    CvResult unit = CrossValidation.path(Family.POISSON, x(), y,
        Observations.ofWeights(ones).withOffsets(new double[y.length]), settings, names(),
        List.of(), folds(y.length), CrossValidation.Alignment.INTERPOLATE, 1).cv();
    assertEquals(plain.lambdas().length, unit.lambdas().length);
    for (int l = 0; l < plain.lambdas().length; l++) {
      assertEquals(plain.mean()[l], unit.mean()[l], 0);
      assertEquals(plain.standardError()[l], unit.standardError()[l], 0);
    }
  }

  /**
   * The weighted definitions by hand from the fold paths: a fold's loss is its weighted mean
   * deviance (offsets in η), the mean weighs folds by their weight sums.
   */
  @Test
  void run_weighsRowsAndFoldsByTheirWeights() {
    double[] y = column(POIS, "y");
    double[] w = column(POIS, "w");
    double[] off = column(POIS, "off");
    double[][] x = x();
    KFold folds = folds(y.length);
    PathSettings settings = PathSettings.lasso().withLambdas(0.2, 0.05, 0.01);
    Observations observations = Observations.ofWeights(w).withOffsets(off);
    CvResult cv = CrossValidation.path(Family.POISSON, x, y, observations, settings, names(),
        List.of(), folds, CrossValidation.Alignment.SAME_LAMBDAS, 2).cv();
    double[] total = new double[3];
    double weightSum = 0;
    for (int k = 1; k <= 5; k++) {
      var path = dev.tikhonov.linear.ElasticNetPath.fit(Family.POISSON, x, y,
          folds.trainRows(k), observations, settings, names(), List.of());
      double foldWeight = 0;
      double[] loss = new double[3];
      for (int i : folds.testRows(k)) {
        foldWeight += w[i];
        for (int l = 0; l < 3; l++) {
          double eta = off[i] + path.linearPredictor(x[i], l, 0);
          loss[l] += w[i] * dev.tikhonov.linear.PathSolution.poissonDeviance(y[i], eta);
        }
      }
      for (int l = 0; l < 3; l++) {
        assertEquals(loss[l] / foldWeight, cv.foldLoss()[k - 1][l], 1e-12 * loss[l]);
        total[l] += loss[l];
      }
      weightSum += foldWeight;
    }
    for (int l = 0; l < 3; l++) {
      assertEquals(total[l] / weightSum, cv.mean()[l], 1e-12 * cv.mean()[l]);
    }
  }

  @Test
  void aFoldWhoseHeldOutRowsAllWeighNothing_isNamed() {
    double[] y = column(POIS, "y");
    double[] w = column(POIS, "w");
    for (int i = 2; i < w.length; i += 5) {
      w[i] = 0; // fold 3: i % 5 == 2
    }
    InputException e = assertThrows(InputException.class, () -> CrossValidation.path(
        Family.POISSON, x(), y, Observations.ofWeights(w), PathSettings.lasso(), names(),
        List.of(), folds(y.length), CrossValidation.Alignment.INTERPOLATE, 1));
    assertEquals("fold 3 of 5: every held-out row has weight 0, so the fold cannot be scored",
        e.getMessage());
  }
}
