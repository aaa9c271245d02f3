package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.select.CvResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RidgeCV} with {@code Resampling.givenFolds} (cv.glmnet's foldid) against the peers on
 * the same folds (ref/make_ridge_foldid_sklearn.py, ref/make_ridge_foldid_glmnet.R): every
 * fold's held-out MSE, the mean and the chosen λ against scikit-learn 1.2.1's
 * GridSearchCV(Ridge(alpha = λ·n_train), cv = PredefinedSplit) on 5 equal folds, and the curve,
 * its standard error, λ_min and λ_1se against cv.glmnet(alpha = 0, foldid) 4.1-6 on 4 unequal
 * folds (y of unit variance in every training set, so glmnet's lambda is λ in every fold), each
 * without and with standardization (StandardScaler in a Pipeline; glmnet's standardize).
 */
class RidgeGivenFoldsTest {
  /** Closed form against closed form (scikit-learn's svd solver): rounding only. */
  private static final double SKLEARN_TOL = 1e-10;
  /** Against glmnet's coordinate descent at thresh 1e-14 (its cvm agree to about 1e-9). */
  private static final double GLMNET_TOL = 1e-8;
  /**
   * cvsd is a root of squared differences of fold means near one another, which multiplies the
   * fits' error: 1.5e-8 relative at most here.
   */
  private static final double GLMNET_SD_TOL = 1e-7;

  static Dataset data() {
    List<String[]> rows = RidgeWeightsTest.read("foldid-data.csv");
    String[] header = rows.get(0);
    int p = header.length - 1;
    double[][] x = new double[rows.size() - 1][p];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      String[] row = rows.get(i + 1);
      for (int j = 0; j < p; j++) {
        x[i][j] = Double.parseDouble(row[j]);
      }
      y[i] = Double.parseDouble(row[p]);
    }
    return Dataset.of(x, y, List.of(Arrays.copyOf(header, p)));
  }

  /** Column 1 (equal) or 2 (unequal) of foldid-ids.csv. */
  static int[] ids(int column) {
    List<String[]> rows = RidgeWeightsTest.read("foldid-ids.csv");
    return rows.subList(1, rows.size()).stream().mapToInt(r -> Integer.parseInt(r[column]))
        .toArray();
  }

  private static List<String[]> rows(String file, String kind) {
    List<String[]> rows = RidgeWeightsTest.read(file);
    return rows.subList(1, rows.size()).stream().filter(r -> r[0].equals(kind)).toList();
  }

  private static CvResult cv(int[] ids, double[] lambdas, boolean standardize) {
    return RidgeCV.builder().lambdas(lambdas).standardize(standardize)
        .resampling(Resampling.givenFolds(ids)).build().crossValidate(data()).cv()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raw", "standardized"})
  void givenEqualFolds_scoreAsSklearnsPredefinedSplit(String kind) {
    List<String[]> ref = rows("foldid-sklearn.csv", kind);
    double[] lambdas = ref.stream().filter(r -> r[1].equals("1"))
        .mapToDouble(r -> Double.parseDouble(r[2])).toArray();
    CvResult cv = cv(ids(1), lambdas, kind.equals("standardized"));
    assertEquals(5, cv.numFolds());
    double[] mean = new double[lambdas.length];
    for (String[] r : ref) {
      int fold = Integer.parseInt(r[1]);
      int l = Arrays.asList(Arrays.stream(lambdas).boxed().toArray())
          .indexOf(Double.parseDouble(r[2]));
      double expected = Double.parseDouble(r[4]);
      mean[l] += expected / 5;
      assertEquals(expected, cv.foldLoss(fold - 1, l), SKLEARN_TOL * expected,
          kind + ": fold " + fold + ", λ " + r[2]);
    }
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(mean[l], cv.mean(l), SKLEARN_TOL * mean[l], "mean at λ " + lambdas[l]);
    }
    String[] chosen = rows("foldid-sklearn-chosen.csv", kind).get(0);
    assertEquals(Double.parseDouble(chosen[1]), cv.lambdaMin(), 0.0, "best alpha / n_train");
    assertEquals(Double.parseDouble(chosen[2]), cv.mean(Arrays.stream(lambdas).boxed().toList()
        .indexOf(cv.lambdaMin())), SKLEARN_TOL * Double.parseDouble(chosen[2]));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raw", "standardized"})
  void givenUnequalFolds_scoreAsCvGlmnetsFoldid(String kind) {
    List<String[]> ref = rows("foldid-glmnet.csv", kind);
    double[] lambdas = ref.stream().mapToDouble(r -> Double.parseDouble(r[1])).toArray();
    CvResult cv = cv(ids(2), lambdas, kind.equals("standardized"));
    assertEquals(4, cv.numFolds());
    for (int l = 0; l < lambdas.length; l++) {
      double cvm = Double.parseDouble(ref.get(l)[2]);
      double cvsd = Double.parseDouble(ref.get(l)[3]);
      assertEquals(lambdas[l], cv.lambda(l), 0.0);
      assertEquals(cvm, cv.mean(l), GLMNET_TOL * cvm, kind + ": cvm at λ " + lambdas[l]);
      assertEquals(cvsd, cv.standardError(l), GLMNET_SD_TOL * cvsd,
          kind + ": cvsd at λ " + lambdas[l]);
    }
    String[] chosen = rows("foldid-glmnet-chosen.csv", kind).get(0);
    assertEquals(Double.parseDouble(chosen[1]), cv.lambdaMin(), 0.0, "lambda.min");
    assertEquals(Double.parseDouble(chosen[2]), cv.lambda1se(), 0.0, "lambda.1se");
  }
}
