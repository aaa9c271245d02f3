package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The estimators whose gaussian fits run from sufficient statistics (ElasticNetCV's per-fold
 * statistics, RidgeCV's eigen route) on a column whose values all lie below 2⁻⁴⁰⁰ (about
 * 1e-301): the same data with that column multiplied by 2⁶⁰⁰, an exact power of two, must
 * give the same fit with that coefficient multiplied by 2⁶⁰⁰. The statistics themselves,
 * built from all the data, refuse such a column, naming it and the power of two; built from
 * data where the column is of order 1 but tiny on one fold, they take it.
 */
class TinyColumnStatisticsTest {
  private static final double SCALE = 0x1p600;

  /** 200 rows of 3 columns, the second multiplied by {@code second}; y depends on all three. */
  private static Dataset data(double second) {
    Random random = new Random(7);
    int n = 200;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      double c = random.nextGaussian();
      x[i][0] = a;
      x[i][1] = b * second;
      x[i][2] = c;
      y[i] = a + 2 * b - 0.5 * c + 0.3 * random.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  private static void assertScaled(double[] big, double[] tiny) {
    assertTrue(Math.abs(big[1]) > 1, "the column matters: " + big[1]);
    assertEquals(big[0], tiny[0], 1e-9 * Math.abs(big[0]), "coefficient 1");
    assertEquals(big[1], tiny[1] / SCALE, 1e-9 * Math.abs(big[1]), "coefficient 2 / 2^600");
    assertEquals(big[2], tiny[2], 1e-9 * Math.abs(big[2]), "coefficient 3");
  }

  @Test
  void elasticNetCV_aColumnBelow2toMinus400_fitsAsTheSameColumnScaledByAPowerOfTwo() {
    ElasticNetCV cv = ElasticNetCV.gaussian().numFolds(4).build();
    CrossValidatedPath<LinearModel> big = cv.crossValidate(data(1e-301 * SCALE));
    CrossValidatedPath<LinearModel> tiny = cv.crossValidate(data(1e-301));
    assertEquals(big.lambdaMin(), tiny.lambdaMin(), 1e-12 * big.lambdaMin());
    assertScaled(big.atMinimum().coefficients(), tiny.atMinimum().coefficients());
  }

  /**
   * Passed before this test was written: RidgeCV standardizes the columns before its path
   * (RidgeSvdPath, whose eigen route sums squares); a guard that it keeps doing so.
   */
  @Test
  void ridgeCV_aColumnBelow2toMinus400_fitsAsTheSameColumnScaledByAPowerOfTwo() {
    RidgeCV ridge = RidgeCV.builder().standardize(true).build();
    assertScaled(ridge.fit(data(1e-301 * SCALE)).coefficients(),
        ridge.fit(data(1e-301)).coefficients());
  }

  @Test
  void statistics_ofAllRows_refuseAColumnBelow2toMinus400_namingItAndThePowerOfTwo() {
    Dataset tiny = data(1e-301);
    double[][] x = tiny.featureRows();
    InputException e = assertThrows(InputException.class,
        () -> GaussianStatistics.of(x, tiny.targets()));
    assertTrue(e.getMessage().startsWith("feature 2: its largest magnitude over all 200 rows is"),
        e.getMessage());
    // the largest |x2| is 3.42e-301 = 1.83·2^-999: 2^999 takes it into [1, 2)
    assertTrue(e.getMessage().contains("multiply the column by 2^999"), e.getMessage());
    assertTrue(e.getMessage().contains("its squares are 0 in double precision: sufficient"
        + " statistics (sums of squared deviations) would read it as constant"), e.getMessage());
    InputException folds = assertThrows(InputException.class,
        () -> FoldStatistics.of(x, tiny.targets(), KFold.random(200, 4, 1)));
    assertEquals(e.getMessage(), folds.getMessage());
  }

  /**
   * Columns at 1e-123 and 1e-130 are below 2⁻⁴⁰⁰ but their squares (about 1e-246, 1e-260) are
   * normal numbers, and their statistics would still be exact (measured: the path from unchecked
   * statistics equals the scaled column's to the last bit down to 1e-140). The statistics refuse
   * them for the margin they keep, and the message says so; it said they "cannot hold its
   * spread, and would read it as constant", true only where the squares underflow (1e-301). A
   * column at 1e-155 has subnormal squares, which lose digits. The fits on rows take them all.
   */
  @Test
  void statistics_aColumnAt1eMinus123or130_areRefusedForTheirMargin_andTheRowsRouteFitsThem() {
    for (double magnitude : new double[] {1e-123, 1e-130}) {
      Dataset tiny = data(magnitude);
      InputException e = assertThrows(InputException.class,
          () -> GaussianStatistics.of(tiny.featureRows(), tiny.targets()));
      assertTrue(e.getMessage().contains("below 2^-400 (about 3.9e-121): its squares (at most"),
          e.getMessage());
      assertTrue(e.getMessage().contains(") are within 2^222 of double's smallest normal number"
          + " (2.2e-308), the margin that sufficient statistics (sums of squared deviations)"
          + " keep so that smaller and weighted squared deviations lose no digits"),
          e.getMessage());
      assertFalse(e.getMessage().contains("constant"), e.getMessage());
      ElasticNet<LinearModel> lasso = ElasticNet.gaussian().build();
      RegularizationPath<LinearModel> plain = lasso.path(data(1));
      RegularizationPath<LinearModel> small = lasso.path(tiny);
      assertEquals(plain.size(), small.size());
      double[] b = plain.atIndex(plain.size() - 1).coefficients();
      double[] t = small.atIndex(small.size() - 1).coefficients();
      assertTrue(Math.abs(b[1]) > 1, "the column matters: " + b[1]);
      assertEquals(b[0], t[0], 1e-9 * Math.abs(b[0]), "coefficient 1");
      assertEquals(b[1], t[1] * magnitude, 1e-9 * Math.abs(b[1]), "coefficient 2 · magnitude");
      assertEquals(b[2], t[2], 1e-9 * Math.abs(b[2]), "coefficient 3");
    }
    Dataset subnormalSquares = data(1e-155);
    InputException e = assertThrows(InputException.class,
        () -> GaussianStatistics.of(subnormalSquares.featureRows(), subnormalSquares.targets()));
    assertTrue(e.getMessage().contains("are below double's smallest normal number (2.2e-308):"
        + " sufficient statistics (sums of squared deviations) would lose digits of its spread,"
        + " or read it as constant"), e.getMessage());
  }

  @Test
  void statistics_aColumnOfOrderOneTinyOnOneFold_areMade() {
    Dataset data = data(1);
    double[][] x = data.featureRows();
    int[] ids = new int[200];
    for (int i = 0; i < 200; i++) {
      ids[i] = 1 + i % 4;
      if (ids[i] == 1) {
        x[i][1] *= 1e-301;
      }
    }
    FoldStatistics folds = FoldStatistics.of(x, data.targets(), KFold.of(ids));
    assertEquals(0.0, folds.fold(1).featureScatter()[1 * 3 + 1]); // the fold alone underflows
    assertTrue(folds.total().featureScatter()[1 * 3 + 1] > 1);
    assertTrue(GaussianStatistics.of(x, data.targets()).featureScatter()[1 * 3 + 1] > 1);
  }

  /**
   * A column of about 1e-110 on fold 1's rows (above 2⁻⁴⁰⁰, so the whole data's largest is
   * squarable) and 1e-200 on the others: fold 1's training rows see only values whose squares
   * underflow. Its cross-validation must be that of the same data scaled by 2⁴⁰⁰, where nothing
   * is tiny (fold 1's fit then extrapolates to a loss near 1e179, the same in both); per-fold
   * statistics read the column as constant in fold 1's fit, and its loss came out near 4.
   */
  @Test
  void elasticNetCV_aColumnTinyOnEveryFoldButOne_crossValidatesAsTheScaledColumn() {
    int[] ids = new int[200];
    for (int i = 0; i < 200; i++) {
      ids[i] = 1 + i % 4;
    }
    ElasticNetCV cv = ElasticNetCV.gaussian().foldIds(ids).build();
    CrossValidatedPath<LinearModel> scaled = cv.crossValidate(mixed(ids, 0x1p400));
    CrossValidatedPath<LinearModel> plain = cv.crossValidate(mixed(ids, 1));
    double[] a = scaled.mean();
    double[] b = plain.mean();
    assertEquals(a.length, b.length);
    for (int l = 0; l < a.length; l++) {
      assertTrue(a[l] > 1e170 && a[l] < Double.POSITIVE_INFINITY, "scaled: " + a[l]);
      assertEquals(a[l], b[l], 1e-9 * a[l], "CV mean at λ index " + l);
    }
  }

  /**
   * {@link #data}(1) with column 2 times 1e-110 in fold 1 and 1e-200 outside it, then all of
   * it times scale.
   */
  private static Dataset mixed(int[] ids, double scale) {
    Dataset d = data(1);
    double[][] x = d.featureRows();
    double[][] copy = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      copy[i] = x[i].clone();
      copy[i][1] *= (ids[i] == 1 ? 1e-110 : 1e-200) * scale;
    }
    return Dataset.of(copy, d.targets());
  }
}
