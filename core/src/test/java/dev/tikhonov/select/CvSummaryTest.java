package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Rng;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one-standard-error rule, written once ({@link CvSummary}) and used by {@link CvResult}
 * and {@link GridSearch}: against glmnet 4.1-6's own cvcompute/cvstats/getOptcv.glmnet on
 * hand-made curves (cv-curve/make_cv_curves.R), and its defining properties on random curves.
 */
class CvSummaryTest {

  /** One hand-made case of cv-curves.csv: kind → values in order. */
  static Map<String, Map<String, double[]>> glmnetCases() throws IOException {
    Map<String, Map<String, List<Double>>> raw = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        CvSummaryTest.class.getResourceAsStream("cv-curve/cv-curves.csv"),
        StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        raw.computeIfAbsent(f[0], k -> new TreeMap<>())
            .computeIfAbsent(f[1], k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
      }
    }
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    raw.forEach((name, kinds) -> {
      Map<String, double[]> m = new LinkedHashMap<>();
      kinds.forEach((k, v) -> m.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
      out.put(name, m);
    });
    return out;
  }

  @Test
  void cvResult_onHandMadeCurves_equalsCvGlmnet() throws IOException {
    Map<String, Map<String, double[]>> cases = glmnetCases();
    assertEquals(5, cases.size());
    for (Map.Entry<String, Map<String, double[]>> c : cases.entrySet()) {
      Map<String, double[]> v = c.getValue();
      double[] lambda = v.get("lambda");
      double[] weight = v.get("fold_weight");
      double[][] foldLoss = new double[weight.length][];
      for (int k = 0; k < weight.length; k++) {
        foldLoss[k] = v.get("fold" + (k + 1));
      }
      CvResult cv = CvResult.of(lambda, foldLoss, weight);
      String name = c.getKey();
      for (int l = 0; l < lambda.length; l++) {
        assertEquals(v.get("cvm")[l], cv.mean()[l], 1e-13 * Math.abs(v.get("cvm")[l]), name);
        assertEquals(v.get("cvsd")[l], cv.standardError()[l], 1e-12 * v.get("cvsd")[l], name);
      }
      assertEquals(v.get("lambda_min")[0], cv.lambdaMin(), 0.0, name + ": λ_min");
      assertEquals(v.get("lambda_1se")[0], cv.lambda1se(), 0.0, name + ": λ_1se");
      assertTrue(cv.lambda1se() >= cv.lambdaMin(), name);
    }
  }

  @Test
  void oneStandardError_onRandomCurves_isTheLargestLambdaWithinOneSeOfTheMinimum() {
    Rng rng = new Rng(11);
    for (int trial = 0; trial < 500; trial++) {
      int folds = 2 + (int) (rng.nextDouble() * 9);
      int m = 1 + (int) (rng.nextDouble() * 30);
      double[] lambda = new double[m];
      for (int l = 0; l < m; l++) {
        lambda[l] = Math.pow(10, -l * 0.25);
      }
      double[][] loss = new double[folds][m];
      double[] weight = new double[folds];
      double centre = rng.nextDouble() * m;
      for (int k = 0; k < folds; k++) {
        weight[k] = 1 + (int) (rng.nextDouble() * 20);
        for (int l = 0; l < m; l++) {
          // coarse values, so that ties happen
          loss[k][l] = Math.round(8 * (0.02 * (l - centre) * (l - centre)
              + rng.nextGaussian())) / 8.0;
        }
      }
      CvResult cv = CvResult.of(lambda, loss, weight);
      double bound = cv.mean()[cv.indexMin()] + cv.standardError()[cv.indexMin()];
      for (int l = 0; l < m; l++) {
        assertTrue(cv.mean()[l] >= cv.mean()[cv.indexMin()], "λ_min has the smallest mean");
        if (l < cv.indexMin()) {
          assertTrue(cv.mean()[l] > cv.mean()[cv.indexMin()], "ties go to the larger λ");
        }
        if (l < cv.index1se()) {
          assertTrue(cv.mean()[l] > bound, "no larger λ is within one SE");
        }
      }
      assertTrue(cv.mean()[cv.index1se()] <= bound);
      assertTrue(cv.lambda1se() >= cv.lambdaMin(), "λ_1se ≥ λ_min");
    }
  }

  @Test
  void gridSearchResult_usesTheSameRule_andSdOverRootKForEqualSplits() {
    double[][] scores = {{1.30, 1.10, 1.20}, {1.00, 1.02, 0.98}, {0.97, 1.02, 0.99},
        {1.01, 1.03, 0.99}};
    GridSearch.Result<String> r = GridSearch.Result.of(List.of("a", "b", "c", "d"), scores,
        new double[] {10, 10, 10});
    assertEquals(2, r.indexMin(), "c has the smallest mean");
    assertEquals(1, r.index1se(), "b is the first within one SE of c");
    double mean = (0.97 + 1.02 + 0.99) / 3;
    double sd = Math.sqrt((Math.pow(0.97 - mean, 2) + Math.pow(1.02 - mean, 2)
        + Math.pow(0.99 - mean, 2)) / 2);
    assertEquals(sd / Math.sqrt(3), r.standardError()[2], 1e-15);
    GridSearch.Result<String> one = GridSearch.Result.of(List.of("a", "b"),
        new double[][] {{2}, {1}}, new double[] {5});
    assertEquals(0.0, one.standardError()[0]);
    assertEquals(1, one.index1se());
  }

  @Test
  void cvResult_rejectsAPathThatDoesNotDecrease() {
    assertThrows(IllegalArgumentException.class, () -> CvResult.of(new double[] {0.1, 0.1},
        new double[][] {{1, 2}, {1, 2}}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> CvResult.of(new double[] {0.1, 0.01},
        new double[][] {{1, 2}, {1}}, new double[] {1, 1}));
  }
}
