package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.KFold;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RidgeCV}'s k-fold cross-validation ({@code resampling(Resampling.kFold(k, seed))}):
 * each fold's curve against scikit-learn 1.2.1 on the same folds
 * (ref/make_ridgecv_kfold_sklearn.py: Ridge(alpha = λ·n_train) per fold, GridSearchCV's split
 * scores and RidgeCV(cv = PredefinedSplit, scoring = "neg_mean_squared_error")'s alpha_), and
 * against a brute-force refit of {@link Ridge} at every λ on every fold's training rows.
 */
class RidgeCvKFoldTest {
  private static final double[] LAMBDAS = {3, 1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001};

  static Stream<Arguments> sklearnCases() {
    List<Arguments> out = new ArrayList<>();
    for (String file : List.of("tall.csv", "wide.csv")) {
      for (String kind : List.of("unweighted", "no-intercept", "weighted",
          "weighted-no-intercept")) {
        out.add(Arguments.of(kind + " on " + file, kind, file));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sklearnCases")
  void foldCurves_onTheSameFolds_areSklearns(String name, String kind, String file) {
    boolean weighted = kind.startsWith("weighted");
    Dataset data = RidgeWeightsTest.data(file, true);
    double[][] rows = data.featureRows();
    int p = rows[0].length - 1;
    double[][] x = new double[rows.length][];
    double[] w = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = java.util.Arrays.copyOf(rows[i], p);
      w[i] = rows[i][p];
    }
    int[] ids = RidgeWeightsTest.read("ridgecv-kfold-folds.csv").stream()
        .filter(r -> r[0].equals(file)).mapToInt(r -> Integer.parseInt(r[2])).toArray();
    KFold folds = KFold.of(ids);
    List<Resampling.Split> splits = new ArrayList<>();
    for (int f = 1; f <= folds.numFolds(); f++) {
      splits.add(new Resampling.Split(folds.trainRows(f), folds.testRows(f),
          OptionalLong.empty()));
    }
    List<String[]> reference = RidgeWeightsTest.read("ridgecv-kfold.csv").stream()
        .filter(r -> r[0].equals(kind) && r[1].equals(file)).toList();
    double[] lambdas = reference.stream().filter(r -> r[2].equals("1"))
        .mapToDouble(r -> Double.parseDouble(r[3])).toArray();

    CvResult cv = RidgeFolds.score(x, data.targets(), weighted ? w : new double[0], splits,
        lambdas, false, !kind.contains("no-intercept"));

    for (String[] r : reference) {
      int fold = Integer.parseInt(r[2]);
      double lambda = Double.parseDouble(r[3]);
      int l = java.util.Arrays.binarySearch(negated(lambdas), -lambda);
      double expected = Double.parseDouble(r[5]);
      assertEquals(expected, cv.foldLoss(fold - 1, l), 1e-9 * expected,
          "fold " + fold + ", λ " + lambda);
    }
    RidgeWeightsTest.read("ridgecv-kfold-chosen.csv").stream()
        .filter(r -> r[0].equals(kind) && r[1].equals(file)).forEach(r ->
            assertEquals(Double.parseDouble(r[3]), cv.lambdaMin(), 0.0,
                "RidgeCV(cv = folds)'s alpha_/n_train"));
  }

  static Stream<Arguments> bruteForceCases() {
    return Stream.of(Arguments.of(false, true, false), Arguments.of(true, true, false),
        Arguments.of(true, false, false), Arguments.of(false, true, true),
        Arguments.of(true, true, true), Arguments.of(true, false, true));
  }

  @ParameterizedTest(name = "standardize {0}, intercept {1}, weights {2}")
  @MethodSource("bruteForceCases")
  void curve_isRidgeRefittedOnEveryFold(boolean standardize, boolean intercept,
      boolean weighted) {
    Dataset data = RidgeWeightsTest.data("tall.csv", weighted);
    RidgeCV.Builder builder = RidgeCV.builder().lambdas(LAMBDAS).standardize(standardize)
        .intercept(intercept).resampling(Resampling.kFold(5, 3));
    Ridge.Builder single = Ridge.builder().standardize(standardize).intercept(intercept);
    if (weighted) {
      builder.weightColumn("w");
      single.weightColumn("w");
    }
    RidgeCV.Validation v = builder.build().crossValidate(data);
    CvResult cv = v.cv().orElseThrow();
    assertEquals(5, cv.numFolds());

    double[][] rows = data.featureRows();
    double[] y = data.targets();
    int p = weighted ? rows[0].length - 1 : rows[0].length;
    KFold folds = KFold.random(data.numRows(), 5, 3);
    double[] mean = new double[LAMBDAS.length];
    double totalWeight = 0;
    for (int f = 1; f <= 5; f++) {
      Dataset train = data.subset(folds.trainRows(f));
      double foldWeight = 0;
      for (int i : folds.testRows(f)) {
        foldWeight += weighted ? rows[i][p] : 1;
      }
      totalWeight += foldWeight;
      for (int l = 0; l < LAMBDAS.length; l++) {
        LinearModel model = single.lambda(LAMBDAS[l]).build().fit(train);
        double[] b = model.coefficients();
        double sum = 0;
        for (int i : folds.testRows(f)) {
          double e = y[i] - model.intercept();
          for (int j = 0; j < p; j++) {
            e -= rows[i][j] * b[j];
          }
          sum += (weighted ? rows[i][p] : 1) * e * e;
        }
        double expected = sum / foldWeight;
        assertEquals(expected, cv.foldLoss(f - 1, l), 1e-10 * expected,
            "fold " + f + ", λ " + LAMBDAS[l]);
        mean[l] += foldWeight * expected;
      }
    }
    int best = 0;
    for (int l = 0; l < LAMBDAS.length; l++) {
      mean[l] /= totalWeight;
      assertEquals(mean[l], cv.mean(l), 1e-10 * mean[l], "mean at λ " + LAMBDAS[l]);
      best = mean[l] < mean[best] ? l : best;
    }
    assertEquals(best, v.chosenIndex());
    assertEquals(LAMBDAS[best], v.chosenModel().lambda(), 0.0);
  }

  @Test
  void oneStandardErrorRule_choosesLambda1se_andLambdasAreScoredLargestFirst() {
    Dataset data = RidgeWeightsTest.data("tall.csv", false);
    double[] ascending = {0.001, 0.01, 0.1, 1, 10};
    RidgeCV cv = RidgeCV.builder().lambdas(ascending).resampling(Resampling.kFold(4, 1))
        .rule(SelectionRule.ONE_STANDARD_ERROR).build();
    RidgeCV.Validation v = cv.crossValidate(data);
    assertEquals(List.of(10.0, 1.0, 0.1, 0.01, 0.001), java.util.Arrays.stream(v.lambdas())
        .boxed().toList());
    CvResult result = v.cv().orElseThrow();
    assertEquals(result.index1se(), v.chosenIndex());
    assertTrue(v.chosenLambda() >= result.lambdaMin());
    assertEquals("k-fold", v.chosenModel().provenance().settings().get("resampling"));
    assertEquals("1se", v.chosenModel().provenance().settings().get("rule"));
    assertEquals("RidgeCV{criterion=k_fold, resampling=4-fold, fold_seed=1, rule=1se, "
        + "lambdas=[0.001, 0.01, 0.1, 1.0, 10.0], standardize=false}", cv.toString());
    assertEquals(cv.toString(), cv.toBuilder().build().toString());
    assertTrue(v.toString().startsWith("RidgeCV.Validation[4-fold, rule 1se: λ = "),
        v.toString());
  }

  @Test
  void gcvAndLeaveOneOut_haveNoFolds_andRefuseTheOneStandardErrorRule() {
    RidgeCV gcv = RidgeCV.builder().build();
    assertTrue(gcv.resampling().isEmpty());
    assertTrue(gcv.crossValidate(RidgeWeightsTest.data("tall.csv", false)).cv()
        .isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RidgeCV.builder().rule(SelectionRule.ONE_STANDARD_ERROR).build());
    assertTrue(e.getMessage().contains("needs k folds"), e.getMessage());
    IllegalArgumentException seeds = assertThrows(IllegalArgumentException.class,
        () -> RidgeCV.builder().resampling(Resampling.repeatedSeeds(0.2, 0, 1, 2)));
    assertTrue(seeds.getMessage().contains("use Resampling.kFold(k, seed)"), seeds.getMessage());
    assertEquals(Resampling.kFold(10, 0).describe(), RidgeCV.builder()
        .criterion(RidgeCV.Criterion.K_FOLD).build().resampling().orElseThrow().describe());
  }

  private static double[] negated(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }
}
