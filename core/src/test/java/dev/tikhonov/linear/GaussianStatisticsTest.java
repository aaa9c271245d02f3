package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * GaussianStatistics against exact (BigDecimal) sums on data whose means are large next to their
 * spread, against the solver's own standardized design, and the algebra of plus and minus.
 */
class GaussianStatisticsTest {
  private static final MathContext EXACT = new MathContext(80);

  /** n rows, p features: column j is offset_j + N(0, 1)·spread_j; y likewise; weights in [0.5, 2). */
  private record Data(double[][] x, double[] y, double[] w) {}

  private static Data data(int n, double[] offsets, double yOffset, long seed) {
    Rng rng = new Rng(seed);
    int p = offsets.length;
    double[][] x = new double[n][p];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double signal = 0;
      for (int j = 0; j < p; j++) {
        double z = rng.nextGaussian();
        x[i][j] = offsets[j] + z * (j + 1);
        signal += z * (j % 2 == 0 ? 1 : -0.5);
      }
      y[i] = yOffset + signal + 0.3 * rng.nextGaussian();
      w[i] = 0.5 + 1.5 * rng.nextDouble();
    }
    return new Data(x, y, w);
  }

  private static final double[] LARGE_OFFSETS = {1e6, -3e7, 1e8, 0.0, 5e5};
  private static final Data OFFSET = data(400, LARGE_OFFSETS, 2e7, 11);

  /** Exact weighted centered moments: S_ab = Σ w a b − (Σ w a)(Σ w b)/W, in 80 digits. */
  private static double exactScatter(Data d, int[] rows, int a, int b) {
    BigDecimal weight = BigDecimal.ZERO;
    BigDecimal sumA = BigDecimal.ZERO;
    BigDecimal sumB = BigDecimal.ZERO;
    BigDecimal sumAb = BigDecimal.ZERO;
    for (int i : rows) {
      BigDecimal w = new BigDecimal(d.w[i]);
      BigDecimal va = new BigDecimal(column(d, i, a));
      BigDecimal vb = new BigDecimal(column(d, i, b));
      weight = weight.add(w);
      sumA = sumA.add(w.multiply(va));
      sumB = sumB.add(w.multiply(vb));
      sumAb = sumAb.add(w.multiply(va).multiply(vb));
    }
    return sumAb.subtract(sumA.multiply(sumB).divide(weight, EXACT)).doubleValue();
  }

  private static double exactMean(Data d, int[] rows, int a) {
    BigDecimal weight = BigDecimal.ZERO;
    BigDecimal sum = BigDecimal.ZERO;
    for (int i : rows) {
      BigDecimal w = new BigDecimal(d.w[i]);
      weight = weight.add(w);
      sum = sum.add(w.multiply(new BigDecimal(column(d, i, a))));
    }
    return sum.divide(weight, EXACT).doubleValue();
  }

  /** Column a of row i, where column p is the target. */
  private static double column(Data d, int i, int a) {
    return a == d.x[0].length ? d.y[i] : d.x[i][a];
  }

  private static int[] all(Data d) {
    return IntStream.range(0, d.y.length).toArray();
  }

  /**
   * Every moment within tol·(1 + κ) of the exact one, relative to √(S_aa·S_bb) (the natural
   * scale), κ = |mean|/spread the larger offset of the two columns: the first-order error bound
   * of centered accumulation (raw sums err by about ε·κ²).
   */
  private static void assertMatchesExact(GaussianStatistics s, Data d, int[] rows, double tol) {
    int p = s.numFeatures();
    double[] diagonal = new double[p + 1];
    double[] condition = new double[p + 1];
    for (int a = 0; a <= p; a++) {
      diagonal[a] = exactScatter(d, rows, a, a);
      double mean = a == p ? s.targetMean() : s.featureMeans()[a];
      condition[a] = Math.abs(mean) / Math.sqrt(diagonal[a] / s.weightSum());
    }
    for (int a = 0; a <= p; a++) {
      double mean = a == p ? s.targetMean() : s.featureMeans()[a];
      double spread = Math.sqrt(diagonal[a] / s.weightSum());
      assertEquals(exactMean(d, rows, a), mean, tol * (1 + condition[a]) * spread, "mean " + a);
      for (int b = 0; b <= p; b++) {
        double actual = a == p && b == p ? s.targetScatter()
            : a == p ? s.featureTargetScatter()[b]
            : b == p ? s.featureTargetScatter()[a]
            : s.featureScatter()[a * p + b];
        double scale = Math.sqrt(diagonal[a] * diagonal[b]);
        double offset = 1 + Math.max(condition[a], condition[b]);
        assertEquals(exactScatter(d, rows, a, b), actual, tol * offset * scale,
            "S[" + a + "][" + b + "]");
      }
    }
  }

  @Test
  void of_withLargeMeanOffsets_matchesExactCenteredMoments() {
    GaussianStatistics s = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    assertEquals(400, s.count());
    assertMatchesExact(s, OFFSET, all(OFFSET), 4e-15);
  }

  @Test
  void twoPass_withLargeMeanOffsets_matchesExactCenteredMoments() {
    GaussianStatistics s = GaussianStatistics.twoPass(OFFSET.x, OFFSET.y, OFFSET.w,
        all(OFFSET));
    assertEquals(400, s.count());
    assertMatchesExact(s, OFFSET, all(OFFSET), 4e-15);
    int[] some = IntStream.range(0, 400).filter(i -> i % 7 != 2).toArray();
    assertMatchesExact(GaussianStatistics.twoPass(OFFSET.x, OFFSET.y, OFFSET.w, some), OFFSET,
        some, 4e-15);
  }

  @Test
  void twoPass_manyBlocksOfRows_matchesExactMoments() {
    // 3000 rows of 200 features: 2621 rows per BLAS block, so two blocks.
    int p = 200;
    double[] offsets = new double[p];
    for (int j = 0; j < p; j++) {
      offsets[j] = (j % 5) * 1e4;
    }
    Data d = data(3000, offsets, -50, 4);
    int[] rows = IntStream.range(0, 3000).toArray();
    GaussianStatistics s = GaussianStatistics.twoPass(d.x, d.y, d.w, rows);
    GaussianStatistics welford = GaussianStatistics.of(d.x, d.y, d.w);
    for (int j : new int[] {0, 1, 57, 199}) {
      assertEquals(exactMean(d, rows, j), s.featureMeans()[j], 1e-14 * (1 + offsets[j]));
      for (int k : new int[] {0, 3, 120, 199}) {
        double exact = exactScatter(d, rows, j, k);
        double scale = Math.sqrt(exactScatter(d, rows, j, j) * exactScatter(d, rows, k, k));
        // κ = |mean|/spread: column j's spread is j + 1 (see data), the first-order bound.
        double kappa = Math.max(offsets[j] / (j + 1), offsets[k] / (k + 1));
        double tol = 4e-15 * (1 + kappa) * scale;
        assertEquals(exact, s.featureScatter()[j * p + k], tol, "two-pass " + j + "," + k);
        assertEquals(exact, welford.featureScatter()[j * p + k], tol, "Welford " + j + "," + k);
      }
      double cross = exactScatter(d, rows, j, p);
      double scale = Math.sqrt(exactScatter(d, rows, j, j) * exactScatter(d, rows, p, p));
      assertEquals(cross, s.featureTargetScatter()[j], 1e-13 * scale);
    }
    assertEquals(exactScatter(d, rows, p, p), s.targetScatter(), 1e-13 * s.targetScatter());
    assertEquals(welford.weightSum(), s.weightSum(), 1e-13 * s.weightSum());
  }

  @Test
  void twoPass_constantFeatureAndZeroWeights_asTheRowAtATimeUpdate() {
    Data d = data(50, new double[] {1, 2, 3}, 0, 3);
    for (double[] row : d.x) {
      row[1] = 0.1; // a sum of 0.1s divided by n is not exactly 0.1: the mean must still be
    }
    double[] w = d.w.clone();
    w[0] = 0;
    w[9] = 0;
    GaussianStatistics s = GaussianStatistics.twoPass(d.x, d.y, w,
        IntStream.range(0, 50).toArray());
    assertEquals(50, s.count());
    assertEquals(0.1, s.featureMeans()[1]);
    for (int k = 0; k < 3; k++) {
      assertEquals(0.0, s.featureScatter()[3 + k], "row of the constant feature");
      assertEquals(0.0, s.featureScatter()[k * 3 + 1], "column of the constant feature");
    }
    assertEquals(0.0, s.featureTargetScatter()[1]);
    GaussianStatistics welford = GaussianStatistics.of(d.x, d.y, w);
    assertEquals(welford.weightSum(), s.weightSum(), 1e-14 * s.weightSum());
    assertArrayEquals(welford.featureScatter(), s.featureScatter(), 1e-12);
    assertArrayEquals(welford.featureMeans(), s.featureMeans(), 1e-14);
    double[][] bad = {{1, 2}, {3, Double.NaN}};
    assertEquals("row 2: feature 2 is NaN, not a finite number", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(bad, new double[] {1, 2},
            new int[] {0, 1})).getMessage());
  }

  @Test
  void rawSumsInDouble_withLargeMeanOffsets_wouldLoseTheVariance() {
    // The test data is hard: the textbook Σw·x² − W·x̄² in double (error about ε·κ², κ the
    // mean over the spread) keeps no digit of the variance of the column at 1e8 ± 3, which the
    // centered accumulation (error about ε·κ) keeps to better than 1e-8.
    int j = 2;
    double weight = 0;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < OFFSET.y.length; i++) {
      weight += OFFSET.w[i];
      sum += OFFSET.w[i] * OFFSET.x[i][j];
      squares += OFFSET.w[i] * OFFSET.x[i][j] * OFFSET.x[i][j];
    }
    double naive = squares - sum * sum / weight;
    double exact = exactScatter(OFFSET, all(OFFSET), j, j);
    assertTrue(Math.abs(naive - exact) > 0.1 * exact,
        "naive " + naive + " vs exact " + exact + ": the data should defeat raw sums");
    GaussianStatistics s = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    assertEquals(exact, s.featureScatter()[j * 5 + j], 1e-8 * exact);
  }

  @Test
  void plus_ofTwoParts_matchesExactMomentsOfTheUnion() {
    int[] first = IntStream.range(0, 150).toArray();
    int[] second = IntStream.range(150, 400).toArray();
    GaussianStatistics merged = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w, first)
        .plus(GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w, second));
    assertEquals(400, merged.count());
    assertMatchesExact(merged, OFFSET, all(OFFSET), 4e-15);
  }

  @Test
  void plus_manySmallParts_matchesExactMoments() {
    // A partition per 7 rows, merged left to right, as the distributed pass merges partitions.
    GaussianStatistics merged = GaussianStatistics.empty(5);
    for (int start = 0; start < 400; start += 7) {
      int[] rows = IntStream.range(start, Math.min(start + 7, 400)).toArray();
      merged = merged.plus(GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w, rows));
    }
    assertMatchesExact(merged, OFFSET, all(OFFSET), 4e-15);
  }

  @Test
  void minus_aFoldFromTheTotal_matchesExactMomentsOfTheRest() {
    int[] fold = IntStream.range(0, 400).filter(i -> i % 10 == 3).toArray();
    int[] rest = IntStream.range(0, 400).filter(i -> i % 10 != 3).toArray();
    GaussianStatistics total = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    GaussianStatistics training =
        total.minus(GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w, fold));
    assertEquals(rest.length, training.count());
    assertMatchesExact(training, OFFSET, rest, 1e-14);
  }

  @Test
  void plusAndMinus_keepTheScatterExactlySymmetric() {
    int[] fold = IntStream.range(0, 400).filter(i -> i % 3 == 0).toArray();
    int[] rest = IntStream.range(0, 400).filter(i -> i % 3 != 0).toArray();
    GaussianStatistics a = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w, fold);
    GaussianStatistics b = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w, rest);
    for (GaussianStatistics s : new GaussianStatistics[] {a, a.plus(b), a.plus(b).minus(b)}) {
      double[] scatter = s.featureScatter();
      for (int j = 0; j < 5; j++) {
        for (int k = 0; k < 5; k++) {
          assertEquals(scatter[j * 5 + k], scatter[k * 5 + j], 0.0, j + "," + k);
        }
      }
    }
  }

  @Test
  void minus_theWhole_isEmpty() {
    GaussianStatistics total = GaussianStatistics.of(OFFSET.x, OFFSET.y);
    GaussianStatistics none = total.minus(total);
    assertEquals(0, none.count());
    assertEquals(0.0, none.weightSum());
    assertThrows(InputException.class, none::featureVariances);
  }

  @Test
  void minus_aLargerPart_isRejected() {
    GaussianStatistics part = GaussianStatistics.of(OFFSET.x, OFFSET.y, new int[] {0, 1});
    GaussianStatistics whole = GaussianStatistics.of(OFFSET.x, OFFSET.y);
    assertThrows(IllegalArgumentException.class, () -> part.minus(whole));
  }

  @Test
  void rawSums_matchDirectSums() {
    Data d = data(60, new double[] {0.5, -1, 2}, 1, 5);
    GaussianStatistics s = GaussianStatistics.of(d.x, d.y, d.w);
    int p = 3;
    double weight = 0;
    double sumY = 0;
    double sumYy = 0;
    double[] sumX = new double[p];
    double[] sumXy = new double[p];
    double[] sumXx = new double[p * p];
    for (int i = 0; i < d.y.length; i++) {
      double w = d.w[i];
      weight += w;
      sumY += w * d.y[i];
      sumYy += w * d.y[i] * d.y[i];
      for (int j = 0; j < p; j++) {
        sumX[j] += w * d.x[i][j];
        sumXy[j] += w * d.x[i][j] * d.y[i];
        for (int k = 0; k < p; k++) {
          sumXx[j * p + k] += w * d.x[i][j] * d.x[i][k];
        }
      }
    }
    assertEquals(weight, s.weightSum(), 1e-12 * weight);
    assertEquals(sumY, s.targetSum(), 1e-12 * Math.abs(sumY));
    assertEquals(sumYy, s.targetSquares(), 1e-12 * sumYy);
    assertArrayEquals(sumX, s.featureSums(), 1e-12 * weight * 2);
    assertArrayEquals(sumXy, s.featureTargetProducts(), 1e-11 * sumYy);
    assertArrayEquals(sumXx, s.featureProducts(), 1e-11 * sumYy);
  }

  @Test
  void gramAndCross_equalTheSolversStandardizedDesign() {
    // With weights 1 the statistics must give exactly what ElasticNetPath builds from the rows.
    Data d = data(80, new double[] {3, -2, 10, 0.1}, 4, 9);
    GaussianStatistics s = GaussianStatistics.of(d.x, d.y);
    double meanY = java.util.Arrays.stream(d.y).average().orElseThrow();
    double[] centeredY = java.util.Arrays.stream(d.y).map(v -> v - meanY).toArray();
    for (boolean standardize : new boolean[] {false, true}) {
      StandardizedDesign design = StandardizedDesign.of(d.x, true, standardize);
      double[] expectedGram = design.gram();
      double[] gram = standardize ? s.standardizedGram() : s.centeredGram();
      double[] cross = standardize ? s.standardizedCross() : s.centeredCross();
      assertArrayEquals(expectedGram, gram, 1e-12 * (standardize ? 1 : 100));
      for (int j = 0; j < 4; j++) {
        assertEquals(design.meanDot(j, centeredY), cross[j], 1e-12 * (standardize ? 10 : 100));
        assertEquals(design.mean[j], s.featureMeans()[j], 1e-13 * Math.abs(design.mean[j]));
      }
      if (standardize) {
        double[] sd = s.standardDeviations();
        for (int j = 0; j < 4; j++) {
          assertEquals(design.scale[j], sd[j], 1e-13 * sd[j]);
        }
      }
    }
    double variance = java.util.Arrays.stream(centeredY).map(v -> v * v).sum() / d.y.length;
    assertEquals(variance, s.targetVariance(), 1e-13 * variance);
  }

  @Test
  void constantFeature_hasExactlyZeroScatter_evenAfterMerging() {
    Data d = data(50, new double[] {1, 2, 3}, 0, 3);
    for (double[] row : d.x) {
      row[1] = 123456.789;
    }
    GaussianStatistics merged = GaussianStatistics.of(d.x, d.y, d.w, IntStream.range(0, 20)
            .toArray())
        .plus(GaussianStatistics.of(d.x, d.y, d.w, IntStream.range(20, 50).toArray()));
    for (int k = 0; k < 3; k++) {
      assertEquals(0.0, merged.featureScatter()[3 + k], "row of the constant feature");
      assertEquals(0.0, merged.featureScatter()[k * 3 + 1], "column of the constant feature");
      assertEquals(0.0, merged.standardizedGram()[3 + k]);
    }
    assertEquals(0.0, merged.featureTargetScatter()[1]);
    assertEquals(0.0, merged.standardDeviations()[1]);
    assertEquals(0.0, merged.standardizedCross()[1]);
    assertEquals(123456.789, merged.featureMeans()[1]);
  }

  @Test
  void meanSquaredError_matchesDirectResiduals_withLargeOffsets() {
    int p = LARGE_OFFSETS.length;
    double[] b = {0.9, 0.25, 0.33, -0.1, 0.2};
    double intercept = 2e7 - IntStream.range(0, p).mapToDouble(j -> LARGE_OFFSETS[j] * b[j])
        .sum() + 0.05;
    BigDecimal weighted = BigDecimal.ZERO;
    BigDecimal weight = BigDecimal.ZERO;
    for (int i = 0; i < OFFSET.y.length; i++) {
      BigDecimal r = new BigDecimal(OFFSET.y[i]).subtract(new BigDecimal(intercept));
      for (int j = 0; j < p; j++) {
        r = r.subtract(new BigDecimal(OFFSET.x[i][j]).multiply(new BigDecimal(b[j])));
      }
      BigDecimal w = new BigDecimal(OFFSET.w[i]);
      weighted = weighted.add(w.multiply(r).multiply(r));
      weight = weight.add(w);
    }
    double exact = weighted.divide(weight, EXACT).doubleValue();
    GaussianStatistics s = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    assertEquals(exact, s.meanSquaredError(intercept, b), 1e-9 * exact);
  }

  @Test
  void zeroWeightRows_countButChangeNothingElse_andWeightTwoIsADuplicate() {
    Data d = data(30, new double[] {1, -1}, 2, 7);
    double[] w = d.w.clone();
    w[4] = 0;
    w[17] = 0;
    GaussianStatistics withZeros = GaussianStatistics.of(d.x, d.y, w);
    int[] kept = IntStream.range(0, 30).filter(i -> i != 4 && i != 17).toArray();
    GaussianStatistics without = GaussianStatistics.of(d.x, d.y, d.w, kept);
    assertEquals(30, withZeros.count());
    assertEquals(28, without.count());
    assertEquals(without.weightSum(), withZeros.weightSum(), 1e-14 * without.weightSum());
    assertArrayEquals(without.featureScatter(), withZeros.featureScatter(), 1e-12);

    double[] ones = new double[30];
    java.util.Arrays.fill(ones, 1.0);
    double[] doubled = ones.clone();
    doubled[0] = 2;
    int[] duplicated = IntStream.concat(IntStream.of(0), IntStream.range(0, 30)).toArray();
    GaussianStatistics twice = GaussianStatistics.of(d.x, d.y, ones, duplicated);
    GaussianStatistics weighted = GaussianStatistics.of(d.x, d.y, doubled);
    assertEquals(twice.weightSum(), weighted.weightSum());
    assertArrayEquals(twice.featureScatter(), weighted.featureScatter(), 1e-12);
    assertArrayEquals(twice.featureTargetScatter(), weighted.featureTargetScatter(), 1e-12);
    assertEquals(twice.targetScatter(), weighted.targetScatter(), 1e-12);
  }

  @Test
  void sameRowsInSameOrder_giveBitIdenticalStatistics() {
    GaussianStatistics a = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    GaussianStatistics b = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void plusEmpty_isTheSameStatistics() {
    GaussianStatistics s = GaussianStatistics.of(OFFSET.x, OFFSET.y, OFFSET.w);
    GaussianStatistics empty = GaussianStatistics.empty(5);
    assertEquals(s, s.plus(empty));
    assertEquals(s, empty.plus(s));
  }

  @Test
  void badInput_namesTheRowAndWhat() {
    double[][] x = {{1, 2}, {3, Double.NaN}, {5, 6}};
    double[] y = {1, 2, 3};
    InputException nan = assertThrows(InputException.class, () -> GaussianStatistics.of(x, y));
    assertEquals("row 2: feature 2 is NaN, not a finite number", nan.getMessage());
    double[][] fine = {{1, 2}, {3, 4}, {5, 6}};
    InputException weight = assertThrows(InputException.class,
        () -> GaussianStatistics.of(fine, y, new double[] {1, -1, 1}));
    assertEquals("row 2: weight -1.0; weights must be finite and ≥ 0", weight.getMessage());
    InputException target = assertThrows(InputException.class,
        () -> GaussianStatistics.of(fine, new double[] {1, 2, Double.POSITIVE_INFINITY}));
    assertEquals("row 3: the target is Infinity, not a finite number", target.getMessage());
    double[][] ragged = {{1, 2}, {3}, {5, 6}};
    InputException shape = assertThrows(InputException.class,
        () -> GaussianStatistics.of(ragged, y));
    assertEquals("row 2: 1 features, expected 2", shape.getMessage());
    assertThrows(InputException.class, () -> GaussianStatistics.of(fine, new double[] {1, 2}));
  }

  /**
   * The two-pass route looks for bad values only when a sum comes out non-finite, and then
   * checks the rows in order: the message must still name the first bad row, whatever follows
   * it (a ragged row, a bad weight, a bad row of weight 0), and values that are all finite must
   * never be taken for bad ones, even when their sum overflows.
   */
  @Test
  void twoPass_badInput_namesTheFirstBadRow_whateverFollows() {
    double[] y = {1, 2, 3, 4};
    int[] rows = {0, 1, 2, 3};
    double[] ones = {1, 1, 1, 1};
    double[][] nanThenRagged = {{1, 2}, {3, Double.NaN}, {5}, {7, 8}};
    assertEquals("row 2: feature 2 is NaN, not a finite number", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(nanThenRagged, y, ones, rows))
        .getMessage());
    double[][] nanThenBadZeroWeightRow = {{1, 2}, {3, Double.NaN}, {5, 6},
        {Double.POSITIVE_INFINITY, 8}};
    assertEquals("row 2: feature 2 is NaN, not a finite number", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(nanThenBadZeroWeightRow, y,
            new double[] {1, 1, 1, 0}, rows)).getMessage());
    double[][] badZeroWeightRowFirst = {{1, 2}, {3, Double.NEGATIVE_INFINITY}, {5, 6},
        {7, Double.NaN}};
    assertEquals("row 2: feature 2 is -Infinity, not a finite number", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(badZeroWeightRowFirst, y,
            new double[] {1, 0, 1, 1}, rows)).getMessage());
    double[][] fine = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    assertEquals("row 2: the target is NaN, not a finite number", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(fine,
            new double[] {1, Double.NaN, 3, 4}, new double[] {1, 1, -1, 1}, rows)).getMessage());
    double[][] huge = {{1e308, 1}, {1e308, 2}, {-1e308, 3}, {1e308, 4}};
    GaussianStatistics overflowing = GaussianStatistics.twoPass(huge, y, ones, rows);
    assertEquals(4, overflowing.count());
  }

  /** Pass 1 reads the rows in chunks: a bad row in a later chunk is still named by its row. */
  @Test
  void twoPass_badRowInALaterChunkOfRows_isNamed() {
    int n = 700;
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {i, i % 7};
      y[i] = i % 3;
      w[i] = i % 5 == 0 ? 0 : 1;
    }
    int[] rows = IntStream.range(0, n).toArray();
    x[600][1] = Double.NaN;
    assertEquals("row 601: feature 2 is NaN, not a finite number", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(x, y, w, rows)).getMessage());
    x[600][1] = 1;
    w[450] = Double.NaN;
    assertEquals("row 451: weight NaN; weights must be finite and ≥ 0", assertThrows(
        InputException.class, () -> GaussianStatistics.twoPass(x, y, w, rows)).getMessage());
  }

  @Test
  void accumulator_rejectedRow_leavesItUnchanged() {
    GaussianStatistics.Accumulator acc = new GaussianStatistics.Accumulator(2);
    acc.add(new double[] {1, 2}, 3);
    GaussianStatistics before = acc.toStatistics();
    assertThrows(InputException.class, () -> acc.add(new double[] {1, Double.NaN}, 3));
    assertEquals(before, acc.toStatistics());
  }
}
