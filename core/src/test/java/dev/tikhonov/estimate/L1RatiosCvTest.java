package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.linear.ReferenceData;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ElasticNetCV over several α ({@link ElasticNetCV.Builder#l1Ratios}) against scikit-learn's
 * ElasticNetCV(l1_ratio=[...]) and cv.glmnet run over α on the same folds (make_l1_ratios_*.py/R
 * on gauss.csv: n = 1000, p = 50, y of unit variance, 10 folds of 100 rows). The α are given out
 * of order, [0.1, 0.5, 1, 0.7, 0.9, 0.95, 0.99], so that the chosen one, 1, is neither the first
 * nor the last.
 */
class L1RatiosCvTest {
  private static final double[] RATIOS = {0.1, 0.5, 1, 0.7, 0.9, 0.95, 0.99};

  private static Dataset gauss() {
    double[][] rows = ReferenceData.rows("gauss");
    int p = rows[0].length - 1;
    double[][] x = new double[rows.length][];
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = Arrays.copyOf(rows[i], p);
      y[i] = rows[i][p];
    }
    return Dataset.of(x, y);
  }

  private static int[] folds() {
    return Arrays.stream(ReferenceData.rows("gauss-foldid")).mapToInt(r -> (int) r[0]).toArray();
  }

  /** A small plain CSV of ref/: its lines split at commas, the header first. */
  private static List<String[]> csv(String name) {
    try {
      return Files.readAllLines(Path.of("src", "test", "resources", "ref", name)).stream()
          .map(l -> l.split(",")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of one α in a reference whose first column is α. */
  private static double[][] rowsOf(double[][] rows, double alpha) {
    return Arrays.stream(rows).filter(r -> r[0] == alpha).toArray(double[][]::new);
  }

  private static void assertCoefficients(String[] expected, int from, LinearModel model) {
    assertCoefficients(expected, from, model.intercept(), model.coefficients());
  }

  private static void assertCoefficients(String[] expected, int from, LinearClassifier model) {
    assertCoefficients(expected, from, model.intercepts()[0], model.coefficients()[0]);
  }

  /** a0 and b against the reference's cells from {@code from} on, to 1e-7 of the largest. */
  private static void assertCoefficients(String[] expected, int from, double a0, double[] b) {
    double largest = 0;
    assertEquals(expected.length - from - 1, b.length, "coefficients");
    for (int j = 0; j < b.length; j++) {
      largest = Math.max(largest, Math.abs(Double.parseDouble(expected[from + 1 + j])));
    }
    assertEquals(Double.parseDouble(expected[from]), a0, 1e-7 * largest, "a0");
    for (int j = 0; j < b.length; j++) {
      assertEquals(Double.parseDouble(expected[from + 1 + j]), b[j], 1e-7 * largest,
          "x" + (j + 1));
    }
  }

  /**
   * scikit-learn fits every fold at the full data's alphas (SAME_LAMBDAS here), each l1_ratio
   * with its own grid from its own alpha_max down to 1e-3 of it, on the raw features, and keeps
   * the pair of the smallest mean. Measured: grids 2.5e-15, CV means 2.4e-9 (1e-8 at our
   * tolerance 1e-14, 1e-7 at 1e-12), coefficients 1.2e-12 of the largest. Asserted 1e-12, 1e-8,
   * 1e-7.
   */
  @Test
  void crossValidateL1Ratios_rawFeatures_isScikitLearnsElasticNetCv() {
    CrossValidatedL1Ratios<LinearModel> cv = ElasticNetCV.gaussian().standardize(false)
        .lambdaMinRatio(1e-3).alignment(CrossValidation.Alignment.SAME_LAMBDAS)
        .tolerance(1e-15).foldIds(folds()).l1Ratios(RATIOS).threads(2).build()
        .crossValidateL1Ratios(gauss());
    double[][] ref = ReferenceData.rows("gauss-l1ratios-sklearn-cv");
    assertArrayEquals(RATIOS, cv.l1Ratios());
    for (int i = 0; i < RATIOS.length; i++) {
      double[][] rows = rowsOf(ref, RATIOS[i]);
      CrossValidatedPath<LinearModel> path = cv.paths().get(i);
      // glmnet's rule (deviance ratio gains below 1e-5) may end our sequence a λ early;
      // scikit-learn fits its whole grid
      int m = Math.min(rows.length, path.mean().length);
      assertTrue(m >= 95, "α " + RATIOS[i] + ": " + m + " λ in common");
      for (int l = 0; l < m; l++) {
        assertEquals(rows[l][1], path.path().lambdas()[l], 1e-12 * rows[l][1],
            "α " + RATIOS[i] + ": its own grid, λ #" + (l + 1));
        double mean = Arrays.stream(rows[l], 2, rows[l].length).average().orElseThrow();
        assertEquals(mean, path.mean()[l], 1e-8 * mean, "α " + RATIOS[i] + ", λ #" + (l + 1));
      }
    }
    String[] chosen = csv("gauss-l1ratios-sklearn-select.csv").get(1);
    assertEquals(Double.parseDouble(chosen[0]), cv.chosenL1Ratio(), "l1_ratio_");
    assertEquals(2, cv.chosenIndex());
    assertEquals(Double.parseDouble(chosen[1]), cv.chosenLambda(), 1e-12 * cv.chosenLambda(),
        "alpha_");
    assertCoefficients(chosen, 2, cv.chosenModel());
  }

  /**
   * cv.glmnet at each α with the same foldid on binom.csv (n = 1000, p = 20), glmnet's defaults
   * (standardized, the deviance, each fold its own sequence interpolated at the full data's λ):
   * each α's curve, λ_min and λ_1se; the pair chosen (the α of the smallest cvm at λ_min) and,
   * by the one-SE rule, that α's λ_1se, with their coefficients. Binomial, because there
   * glmnet's λ and α are ours for every α (make_l1_ratios_glmnet.R says why not gaussian).
   * Measured: cvm 5.6e-9, cvsd 5.3e-8, coefficients 1.2e-8 of the largest. Asserted 1e-7,
   * 5e-7, 1e-7.
   */
  @Test
  void crossValidateL1Ratios_binomial_isCvGlmnetOverAlpha() {
    ProximalNewtonRefData.Data d = ProximalNewtonRefData.data("binom.csv");
    int[] labels = Arrays.stream(d.y()).mapToInt(v -> (int) v).toArray();
    Dataset data = Dataset.ofClasses(d.x(), labels);
    int[] folds = new int[labels.length];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = i % 10 + 1;
    }
    ElasticNetCV.Builder<LinearClassifier> b = ElasticNetCV.binomial().tolerance(1e-12)
        .foldIds(folds).l1Ratios(RATIOS).threads(2);
    CrossValidatedL1Ratios<LinearClassifier> cv = b.build().crossValidateL1Ratios(data);
    double[][] ref = ReferenceData.rows("binom-l1ratios-cv");
    List<String[]> select = csv("binom-l1ratios-select.csv");
    for (int i = 0; i < RATIOS.length; i++) {
      double[][] rows = rowsOf(ref, RATIOS[i]);
      CrossValidatedPath<LinearClassifier> path = cv.paths().get(i);
      int m = Math.min(rows.length, path.mean().length);
      assertTrue(m >= 60, "α " + RATIOS[i] + ": " + m + " λ in common");
      for (int l = 0; l < m; l++) {
        assertEquals(rows[l][1], path.path().lambdas()[l], 1e-12 * rows[l][1]);
        assertEquals(rows[l][2], path.mean()[l], 1e-7 * rows[l][2],
            "α " + RATIOS[i] + ", cvm at λ #" + (l + 1));
        assertEquals(rows[l][3], path.standardError()[l], 5e-7 * rows[l][3],
            "α " + RATIOS[i] + ", cvsd at λ #" + (l + 1));
      }
      String[] s = select.get(i + 1);
      assertEquals(Double.parseDouble(s[1]), path.lambdaMin(), 1e-12 * path.lambdaMin());
      assertEquals(Double.parseDouble(s[2]), path.lambda1se(), 1e-12 * path.lambda1se());
    }
    List<String[]> chosen = csv("binom-l1ratios-chosen.csv");
    assertEquals(Double.parseDouble(chosen.get(1)[1]), cv.chosenL1Ratio());
    assertEquals(2, cv.chosenIndex());
    assertEquals(Double.parseDouble(chosen.get(1)[2]), cv.chosenLambda(), 1e-12);
    assertCoefficients(chosen.get(1), 3, cv.chosenModel());

    CrossValidatedL1Ratios<LinearClassifier> oneSe = b.rule(SelectionRule.ONE_STANDARD_ERROR)
        .build().crossValidateL1Ratios(data);
    assertEquals(Double.parseDouble(chosen.get(2)[1]), oneSe.chosenL1Ratio(),
        "the one-SE rule keeps the α of λ_min's pair");
    assertEquals(Double.parseDouble(chosen.get(2)[2]), oneSe.chosenLambda(), 1e-12);
    assertCoefficients(chosen.get(2), 3, oneSe.chosenModel());
  }

  @Test
  void oneL1Ratio_isTheSingleAlphaCrossValidation() {
    Dataset data = gauss();
    ElasticNetCV<LinearModel> one = ElasticNetCV.gaussian().l1Ratio(0.5).numFolds(5).seed(3)
        .threads(2).build();
    ElasticNetCV<LinearModel> list = ElasticNetCV.gaussian().l1Ratios(0.5).numFolds(5).seed(3)
        .threads(2).build();
    CrossValidatedPath<LinearModel> expected = one.crossValidate(data);
    CrossValidatedL1Ratios<LinearModel> got = list.crossValidateL1Ratios(data);
    assertEquals(1, got.paths().size());
    assertArrayEquals(expected.mean(), got.chosen().mean(), 0);
    assertArrayEquals(expected.chosenModel().coefficients(), list.fit(data).coefficients(), 0);
    assertEquals(expected.chosenModel().provenance().settings(),
        got.chosenModel().provenance().settings(), "no l1_ratios entry for one α");
    assertEquals(one.toString(), list.toString());
  }

  @Test
  void crossValidate_ofSeveral_isTheChosenAlphasPath_withTheCandidatesInItsProvenance() {
    Dataset data = gauss();
    ElasticNetCV<LinearModel> cv = ElasticNetCV.gaussian().l1Ratios(0.2, 1).numFolds(5)
        .threads(2).build();
    CrossValidatedL1Ratios<LinearModel> all = cv.crossValidateL1Ratios(data);
    CrossValidatedPath<LinearModel> chosen = cv.crossValidate(data);
    assertArrayEquals(all.chosen().mean(), chosen.mean(), 0);
    assertArrayEquals(all.chosenModel().coefficients(), cv.fit(data).coefficients(), 0);
    // seeded folds: every α is scored on the same held-out rows, so each α's curve is the
    // single-α cross-validation's with the same seed
    CrossValidatedPath<LinearModel> alone = ElasticNetCV.gaussian().l1Ratio(0.2).numFolds(5)
        .threads(2).build().crossValidate(data);
    assertArrayEquals(alone.mean(), all.paths().get(0).mean(), 0);
    assertEquals(List.of(0.2, 1.0), chosen.path().provenance().settings().get("l1_ratios"));
    assertEquals(all.chosenL1Ratio(), chosen.path().provenance().settings().get("l1_ratio"));
    assertTrue(all.toString().startsWith("CrossValidatedL1Ratios[min: α = 1, λ = "),
        all.toString());
  }

  @Test
  void crossValidateL1Ratios_largerIsBetter_choosesTheLargestAuc() {
    Dataset data = Synthetic.makeClassification(200, 8, 3, 2, 5);
    CrossValidatedL1Ratios<LinearClassifier> cv = ElasticNetCV.binomial().l1Ratios(1, 0.05, 0.5)
        .measure(CvMeasure.AUC).numFolds(4).numLambdas(30).threads(2).build()
        .crossValidateL1Ratios(data);
    double best = Double.NEGATIVE_INFINITY;
    int arg = -1;
    for (int i = 0; i < 3; i++) {
      CrossValidatedPath<LinearClassifier> p = cv.paths().get(i);
      if (p.mean()[p.indexMin()] > best) {
        best = p.mean()[p.indexMin()];
        arg = i;
      }
    }
    assertEquals(arg, cv.chosenIndex());
  }

  @Test
  void l1Ratios_lastOfL1RatioAndL1RatiosWins_andToBuilderKeepsThem() {
    ElasticNetCV.Builder<LinearModel> b = ElasticNetCV.gaussian().l1Ratios(0.1, 0.9);
    assertArrayEquals(new double[] {0.1, 0.9}, b.build().l1Ratios());
    assertArrayEquals(new double[] {0.1, 0.9}, b.build().toBuilder().build().l1Ratios());
    assertEquals(0.1, b.build().settings().l1Ratio());
    assertArrayEquals(new double[] {0.3}, b.l1Ratio(0.3).build().l1Ratios());
  }

  @Test
  void build_whenL1RatiosBad_namesL1Ratios() {
    InputException out = assertThrows(InputException.class,
        () -> ElasticNetCV.gaussian().l1Ratios(0.5, 1.5).build());
    assertEquals("l1Ratios: α 1.5 (value 2) is not in [0, 1]", out.getMessage());
    assertEquals("l1Ratios", out.setting().orElseThrow());
    InputException twice = assertThrows(InputException.class,
        () -> ElasticNetCV.gaussian().l1Ratios(0.5, 1, 0.5).build());
    assertEquals("l1Ratios: α 0.5 is given twice (values 1 and 3); give each once",
        twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ElasticNetCV.gaussian().l1Ratios());
    assertThrows(InputException.class,
        () -> ElasticNetCV.gaussian().l1Ratios(Double.NaN).build());
  }
}
