package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Matrix;
import org.junit.jupiter.api.Test;

class StandardizerTest {
  @Test
  void fit_onTrain_givesMeanZeroAndUnitOneOverNVariance() {
    Dataset data = Synthetic.regression().rows(500).features(4).informative(4).noise(1).seed(3)
        .build().data();
    Matrix x = data.features().copy();
    for (int i = 0; i < x.rows(); i++) {
      x.set(i, 1, 100 + 30 * x.get(i, 1)); // unequal scales
    }
    Standardizer s = Standardizer.fit(x);
    Matrix z = s.transform(x);
    for (int j = 0; j < 4; j++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < z.rows(); i++) {
        mean += z.get(i, j);
        sq += (double) z.get(i, j) * z.get(i, j);
      }
      mean /= z.rows();
      assertEquals(0, mean, 1e-6, "column " + j);
      assertEquals(1, sq / z.rows() - mean * mean, 1e-5, "column " + j);
    }
    assertEquals(100 + 30 * 0, s.mean()[1], 30 * 0.2, "mean of the shifted column");
  }

  @Test
  void transform_test_usesTrainStatisticsOnly() {
    Matrix train = Matrix.of(4, 1, 0, 2, 4, 6);
    Matrix test = Matrix.of(2, 1, 3, 13);
    Standardizer s = Standardizer.fit(train);
    double sd = Math.sqrt((9 + 1 + 1 + 9) / 4.0);
    Matrix z = s.transform(test);
    assertEquals(0, z.get(0, 0), 1e-6);
    assertEquals(10 / sd, z.get(1, 0), 1e-5);
    assertEquals(3f, test.get(0, 0), "transform returns a new matrix");
  }

  @Test
  void fit_constantColumn_getsScaleOneAndBecomesZeros() {
    Matrix x = Matrix.of(3, 2, 1, 7.1, 2, 7.1, 3, 7.1);
    Standardizer s = Standardizer.fit(x);
    assertEquals(1.0, s.scale()[1]);
    assertEquals((float) 7.1, s.mean()[1], 1e-12);
    s.transformInPlace(x);
    for (int i = 0; i < 3; i++) {
      assertEquals(0f, x.get(i, 1));
    }
    assertEquals(-Math.sqrt(1.5), x.get(0, 0), 1e-6);
  }

  /**
   * "Constant" is relative to the column's own magnitude: a column in units of 10⁻¹⁴ (sd
   * 1.1e-14 around 0) is scaled by its sd, not dropped as constant (an absolute 10⁻¹² floor did
   * that, and its values all became 0); one of equal values whose mean rounds (0.1, ten times)
   * stays constant.
   */
  @Test
  void fit_tinyUnits_areScaled_whileRoundedEqualValuesAreConstant() {
    double[][] x = new double[10][];
    for (int i = 0; i < 10; i++) {
      x[i] = new double[] {(i - 4.5) * 1e-14 / 2.8722813232690143 * 1.1, 0.1};
    }
    Standardizer s = Standardizer.fit(Dataset.of(x, new double[10]));
    assertEquals(1.1e-14, s.scale()[0], 1e-26);
    assertEquals(1.0, s.scale()[1]);
    Matrix z = s.transform(Dataset.of(x, new double[10]));
    assertEquals(-4.5 / 2.8722813232690143, z.get(0, 0), 1e-6);
    assertEquals(0, z.get(0, 1), 1e-15, "0.1 less its rounded mean");
  }

  /**
   * A column of one value over many rows is constant, whatever its mean's rounding: 0.1 summed
   * 100,000 times is off by 1.9·10⁻¹² of itself, above the relative test's 10⁻¹², so the column
   * got that rounding as its scale (1.9·10⁻¹³) and a new row of 0.2 came out as 5·10¹¹; the same
   * value times 2⁻⁶⁰ (8.7·10⁻²⁰) was refused as varying by less than MIN_SCALE. Equal values
   * are constant, as the paths (and glmnet) test them.
   */
  @Test
  void fit_manyEqualValues_areConstant_whateverTheMeansRounding() {
    double[][] x = new double[100_000][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {0.1, Math.scalb(0.1, -60)};
    }
    Standardizer s = Standardizer.fit(Dataset.of(x, new double[x.length]));
    assertEquals(1.0, s.scale()[0]);
    assertEquals(1.0, s.scale()[1]);
    Matrix z = s.transform(Dataset.of(new double[][] {{0.2, 0}}, new double[1]));
    assertEquals(0.1, z.get(0, 0), 1e-6);
    // the mean of equal values is that value, not their rounded sum / n
    assertEquals(0.1, s.mean()[0], 0.0);
  }

  /**
   * Equal values whose sum overflows (two rows of 10³⁰⁸) are a constant column of that mean:
   * the mean as sum / n was infinite, and the column was refused as one whose "standard
   * deviation overflows a double", of a spread of 0.
   */
  @Test
  void fit_equalValuesWhoseSumOverflows_areAConstantColumnOfThatMean() {
    double[][] x = {{1e308, 1}, {1e308, 2}};
    Standardizer s = Standardizer.fit(Dataset.of(x, new double[2]));
    assertEquals(1e308, s.mean()[0], 0.0);
    assertEquals(1.0, s.scale()[0]);
    assertEquals(0.0, s.transform(Dataset.of(x, new double[2])).get(1, 0));
  }

  /**
   * Values equal but for one row a unit in the last place away are constant too: their spread
   * is 10⁻²⁰ of the mean, but the mean of 100,000 summed values is off by 1.9·10⁻¹² of it, and
   * the squared deviations from that rounded mean gave the column 1.9·10⁻¹³ as its scale (the
   * equal-values test does not see a column that differs in one bit), so a new row of 0.2 came
   * out as 5·10¹¹ and a trained model predicted 4.8·10⁹ for it. The corrected two-pass
   * variance subtracts the rounded mean's share.
   */
  @Test
  void fit_valuesEqualButForOneUlp_areConstant_whateverTheMeansRounding() {
    double[][] x = new double[100_000][];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {i == 7 ? Math.nextUp(0.1) : 0.1};
      y[i] = x[i][0];
    }
    Standardizer s = Standardizer.fit(Dataset.of(x, y));
    assertEquals(1.0, s.scale()[0]);
    Matrix z = s.transform(Dataset.of(new double[][] {{0.2}}, new double[1]));
    assertEquals(0.1, z.get(0, 0), 1e-6);
    // and targetDeviation is the true 1/n sd of one value an ulp off: ulp·√((1/n)(1 − 1/n))
    double ulp = Math.nextUp(0.1) - 0.1;
    assertEquals(ulp * Math.sqrt((1.0 / x.length) * (1 - 1.0 / x.length)),
        Standardizer.targetDeviation(Dataset.of(x, y)), 1e-3 * ulp / Math.sqrt(x.length));
  }

  /** √((1/n) Σ y²): mean and spread alike, and no overflow where y² would overflow. */
  @Test
  void targetRootMeanSquare_isTheRootOfTheMeanSquare() {
    double[][] x = {{0}, {1}, {2}, {3}};
    assertEquals(Math.sqrt((9 + 9 + 16 + 16) / 4.0), Standardizer.targetRootMeanSquare(
        Dataset.of(x, new double[] {3, -3, 4, -4})), 1e-12);
    assertEquals(301.5, Standardizer.targetRootMeanSquare(
        Dataset.of(x, new double[] {301.5, 301.5, 301.5, 301.5})), 1e-12);
    assertEquals(1e200, Standardizer.targetRootMeanSquare(
        Dataset.of(x, new double[] {1e200, 1e200, -1e200, -1e200})), 1e186);
  }

  /** A spread below MIN_SCALE, or a variance beyond a double, is refused naming the column. */
  @Test
  void fit_tooSmallOrOverflowingSpread_isRefused_namingTheColumn() {
    double[][] tiny = {{0, 1}, {1e-31, 2}, {2e-31, 3}};
    InputException small = assertThrows(InputException.class, () ->
        Standardizer.fit(Dataset.of(tiny, new double[3], java.util.List.of("planck", "b"))));
    assertTrue(small.getMessage().startsWith("double[][]: column \"planck\" varies by too little"
        + " to standardize: its standard deviation 8.164965809277261E-32 is below 1.0E-30"),
        small.getMessage());
    // two remedies: other units, or no standardization (the column then enters as it is)
    assertTrue(small.getMessage().endsWith("multiply column \"planck\" by a power of ten (other"
        + " units), or fit without standardizing the features"), small.getMessage());
    double[][] huge = {{1e200}, {-1e200}};
    InputException big = assertThrows(InputException.class,
        () -> Standardizer.fit(Dataset.of(huge, new double[2])));
    assertTrue(big.getMessage().contains("column \"x0\"'s standard deviation overflows a double"),
        big.getMessage());
  }

  /**
   * Values near 1e-301, whose squared deviations underflow to 0: the spread is computed from
   * deviations scaled by a power of two, so the column is not taken for a constant (scale 1, the
   * column passed on as it is) but refused as varying too little; targetDeviation gives the
   * spread.
   */
  @Test
  void fit_columnNear1eMinus301_isRefusedAsVaryingTooLittle_notTakenForAConstant() {
    double[][] x = {{0, 1}, {1e-301, 2}, {2e-301, 3}, {3e-301, 4}};
    InputException small = assertThrows(InputException.class, () ->
        Standardizer.fit(Dataset.of(x, new double[4])));
    assertTrue(small.getMessage().startsWith("double[][]: column \"x0\" varies by too little"
        + " to standardize: its standard deviation 1.118033988749895E-301 is below 1.0E-30"),
        small.getMessage());
    double[] tiny = {0, 1e-301, 2e-301, 3e-301};
    assertEquals(Math.sqrt(1.25) * 1e-301, Standardizer.targetDeviation(Dataset.of(x, tiny)),
        1e-314);
  }

  /**
   * A NaN or an infinity (a float32 matrix may hold them) is named by row and column: the
   * overflow's refusal took it, and said the column's "standard deviation overflows a double
   * (values of magnitude 1e154 or more); divide column 2 by a power of ten", of a NaN.
   */
  @Test
  void fit_nonFiniteValue_isRefused_namingItsRowAndColumn() {
    Matrix x = Matrix.zeros(3, 2);
    x.set(1, 1, Float.NaN);
    InputException nan = assertThrows(InputException.class, () -> Standardizer.fit(x));
    assertEquals("the data: row 2, column 2: NaN is not allowed; values must be finite",
        nan.getMessage());
    x.set(1, 1, 0);
    x.set(2, 0, Float.NEGATIVE_INFINITY);
    InputException inf = assertThrows(InputException.class, () -> Standardizer.fit(x));
    assertEquals("the data: row 3, column 1: -infinity is not allowed; values must be finite",
        inf.getMessage());
  }

  /** fitTarget: the targets' mean and 1/n sd in double; 1 for a constant target. */
  @Test
  void fitTarget_isTheTargetsMeanAndOneOverNStandardDeviation() {
    double[][] x = {{0}, {0}, {0}, {0}};
    Standardizer t = Standardizer.fitTarget(Dataset.of(x, new double[] {1e6, 1e6 + 0.1,
        1e6 + 0.2, 1e6 + 0.3}));
    assertEquals(1e6 + 0.15, t.mean()[0], 1e-9);
    assertEquals(Math.sqrt(0.0125), t.scale()[0], 1e-9);
    assertEquals(1.0, Standardizer.fitTarget(Dataset.of(x, new double[] {3, 3, 3, 3}))
        .scale()[0]);
  }

  /**
   * targetDeviation: the same 1/n sd as fitTarget where fitTarget standardizes, 0 for equal
   * values whatever the mean's rounding, and a spread below MIN_SCALE as it is, where fitTarget
   * refuses.
   */
  @Test
  void targetDeviation_isTheSpreadWithoutFitTargetsRefusals() {
    double[][] x = {{0}, {0}, {0}, {0}};
    double[] y = {1e6, 1e6 + 0.1, 1e6 + 0.2, 1e6 + 0.3};
    assertEquals(Standardizer.fitTarget(Dataset.of(x, y)).scale()[0],
        Standardizer.targetDeviation(Dataset.of(x, y)));
    double[][] many = new double[100_000][1];
    double[] tenths = new double[many.length];
    java.util.Arrays.fill(tenths, 0.1);
    assertEquals(0.0, Standardizer.targetDeviation(Dataset.of(many, tenths)));
    double[] tiny = {0, 1e-35, 2e-35, 3e-35};
    assertThrows(InputException.class, () -> Standardizer.fitTarget(Dataset.of(x, tiny)));
    assertEquals(Math.sqrt(1.25) * 1e-35, Standardizer.targetDeviation(Dataset.of(x, tiny)),
        1e-45);
  }

  /**
   * Weighted moments as the linear estimators (glmnet) standardize: mean Σwx/Σw and
   * sqrt(Σw(x − mean)²/Σw), divisor Σw; integer weights are the rows repeated, weight 0 the row
   * removed (a column constant on the other rows stays constant, of that value exactly).
   */
  @Test
  void fit_withWeights_isTheWeightedMomentsOfGlmnet_andTheRowsRepeated() {
    double[][] x = new double[30][];
    double[] w = new double[30];
    java.util.List<double[]> repeated = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      w[i] = i % 4;
      // column 2 is 7 on every row of positive weight, 99 on the rows of weight 0
      x[i] = new double[] {Math.sin(i), 1e6 + Math.cos(0.3 * i), w[i] == 0 ? 99 : 7};
      for (int k = 0; k < w[i]; k++) {
        repeated.add(x[i]);
      }
    }
    java.util.List<String> names = java.util.List.of("a", "b", "c");
    Standardizer weighted = Standardizer.fit(Dataset.of(x, new double[30], names), w);
    Standardizer rows = Standardizer.fit(Dataset.of(repeated.toArray(new double[0][]),
        new double[repeated.size()], names));
    for (int j = 0; j < 2; j++) {
      double total = 0;
      double mean = 0;
      for (int i = 0; i < 30; i++) {
        total += w[i];
        mean += w[i] * x[i][j];
      }
      mean /= total;
      double squares = 0;
      for (int i = 0; i < 30; i++) {
        squares += w[i] * (x[i][j] - mean) * (x[i][j] - mean);
      }
      double sd = Math.sqrt(squares / total);
      assertEquals(mean, weighted.mean()[j], 1e-12 * Math.abs(mean), "column " + j);
      assertEquals(sd, weighted.scale()[j], 1e-9 * sd, "column " + j);
      assertEquals(rows.mean()[j], weighted.mean()[j], 1e-12 * Math.abs(mean), "column " + j);
      assertEquals(rows.scale()[j], weighted.scale()[j], 1e-9 * sd, "column " + j);
    }
    assertEquals(7.0, weighted.mean()[2]);
    assertEquals(1.0, weighted.scale()[2]);
  }

  @Test
  void fit_withEqualWeights_isTheUnweightedFit_bitForBit() {
    Dataset data = Synthetic.regression().rows(97).features(3).informative(3).noise(1).seed(5)
        .build().data();
    double[] tenths = new double[97];
    java.util.Arrays.fill(tenths, 0.1);
    assertEquals(Standardizer.fit(data), Standardizer.fit(data, tenths));
    assertEquals(Standardizer.fitTarget(data), Standardizer.fitTarget(data, tenths));
  }
}
