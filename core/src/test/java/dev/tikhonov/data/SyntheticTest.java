package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticTest {
  @Test
  void regression_shapesAndSparseTruth() {
    SyntheticData s = Synthetic.regression().rows(200).features(30).informative(5).noise(0.5)
        .seed(42).build();
    assertEquals(200, s.data().numRows());
    assertEquals(30, s.data().numFeatures());
    assertEquals(s.data().numRows(), s.data().targets().length);
    double[] coef = s.coef();
    for (int j = 0; j < 30; j++) {
      double m = Math.abs(coef[j]);
      assertTrue(j < 5 ? m >= 1 && m <= 10 : m == 0, "coef " + j + " = " + coef[j]);
    }
    assertEquals(0, s.intercept());
  }

  @Test
  void regression_residualIsTheNoise() {
    double noise = 0.5;
    SyntheticData s = Synthetic.regression().rows(5000).features(10).informative(3)
        .noise(noise).intercept(2.5).seed(9).build();
    double[] coef = s.coef();
    double sq = 0;
    for (int i = 0; i < 5000; i++) {
      double fit = s.intercept();
      for (int j = 0; j < 10; j++) {
        fit += s.data().features().get(i, j) * coef[j];
      }
      double r = s.data().target(i) - fit;
      sq += r * r;
    }
    assertEquals(noise, Math.sqrt(sq / 5000), 0.03);
  }

  @Test
  void regression_sameSeedSameData_otherSeedOtherData_noiseDoesNotChangeX() {
    Synthetic.RegressionBuilder small = Synthetic.regression().rows(50).features(4)
        .informative(2).noise(1);
    float[] a = small.seed(7).build().data().features().toArray();
    float[] b = small.seed(7).build().data().features().toArray();
    float[] c = small.seed(8).build().data().features().toArray();
    float[] d = small.noise(3).seed(7).build().data().features().toArray();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertArrayEquals(a, d);
  }

  @Test
  void classification_balancedClassesSeparableOnInformativeFeatures() {
    Dataset d = Synthetic.classification().rows(3000).features(8).informative(3)
        .classes(3).seed(5).build();
    assertEquals(3000, d.numRows());
    assertEquals(8, d.numFeatures());
    assertEquals(Dataset.indexNames(3), d.classNames());
    int[] counts = new int[3];
    double[][] classMean = new double[3][8];
    for (int i = 0; i < d.numRows(); i++) {
      counts[d.label(i)]++;
      for (int j = 0; j < 8; j++) {
        classMean[d.label(i)][j] += d.features().get(i, j) / 1000.0;
      }
    }
    assertArrayEquals(new int[] {1000, 1000, 1000}, counts);
    for (int j = 3; j < 8; j++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(0, classMean[k][j], 0.15, "noise feature " + j + " class " + k);
      }
    }
    double spread = 0;
    for (int j = 0; j < 3; j++) {
      spread += Math.abs(classMean[0][j] - classMean[1][j]);
    }
    assertTrue(spread > 0.5, "class centres differ on informative features: " + spread);
  }

  @Test
  void classification_reproducibleBySeed() {
    Synthetic.ClassificationBuilder four = Synthetic.classification().rows(100).features(4)
        .informative(2).classes(4);
    Dataset a = four.seed(3).build();
    Dataset b = four.seed(3).build();
    Dataset c = four.seed(4).build();
    assertArrayEquals(a.features().toArray(), b.features().toArray());
    assertArrayEquals(a.targets(), b.targets());
    assertFalse(Arrays.equals(a.targets(), c.targets()));
  }

  /** The deprecated positional methods are aliases: the same numbers give the same data. */
  @Test
  @SuppressWarnings("deprecation")
  void builders_giveThePositionalMethodsData_forTheSameNumbers() {
    SyntheticData old = Synthetic.makeRegression(40, 6, 3, 0.5, 11);
    SyntheticData named = Synthetic.regression().rows(40).features(6).informative(3).noise(0.5)
        .seed(11).build();
    assertSameData(old.data(), named.data());
    assertArrayEquals(old.coef(), named.coef());
    SyntheticData oldShifted = Synthetic.makeRegression(40, 6, 3, 0.5, -4.0, 11);
    SyntheticData namedShifted = Synthetic.regression().seed(11).intercept(-4.0).noise(0.5)
        .informative(3).features(6).rows(40).build();
    assertSameData(oldShifted.data(), namedShifted.data());
    assertEquals(-4.0, namedShifted.intercept());
    assertSameData(Synthetic.makeClassification(90, 5, 2, 3, 6),
        Synthetic.classification().rows(90).features(5).informative(2).classes(3).seed(6)
            .build());
  }

  /**
   * The same settings give the data they gave before the builders existed: sums recorded from
   * the positional methods at commit 8c3832da (before they delegated to the builders), so a
   * seed's data set, and every experiment on it, is unchanged.
   */
  @Test
  void builders_keepEachSeedsDataOfEarlierVersions() {
    SyntheticData r = Synthetic.regression().rows(50).features(6).informative(3).noise(0.5)
        .seed(7).build();
    assertEquals(-2147.3817265668267, fingerprint(r.data()), 1e-9);
    assertArrayEquals(new double[] {5.581984055266391, 9.12461743756685, -4.103578287608533,
        0, 0, 0}, r.coef());
    assertEquals("synthetic:regression(n=50,p=6,informative=3,noise=0.5,intercept=0.0,seed=7)",
        r.data().source());
    SyntheticData shifted = Synthetic.regression().rows(50).features(6).informative(3)
        .noise(0.5).intercept(2.5).seed(7).build();
    assertEquals(1040.118273433172, fingerprint(shifted.data()), 1e-9);
    Dataset c = Synthetic.classification().rows(60).features(5).informative(2).classes(3)
        .seed(4).build();
    assertEquals(1417.979871191873, fingerprint(c), 1e-9);
    assertEquals("synthetic:classification(n=60,p=5,informative=2,classes=3,seed=4)",
        c.source());
  }

  @Test
  void builders_defaultToScikitLearns_withInformativeAtMostTheFeatures() {
    SyntheticData r = Synthetic.regression().build();
    assertEquals(100, r.data().numRows());
    assertEquals(100, r.data().numFeatures());
    assertEquals(10, nonzero(r.coef()));
    assertEquals(0, r.intercept());
    assertEquals(3, nonzero(Synthetic.regression().features(3).build().coef()));
    Dataset c = Synthetic.classification().build();
    assertEquals(100, c.numRows());
    assertEquals(20, c.numFeatures());
    assertEquals(Dataset.indexNames(2), c.classNames());
    assertEquals(1, Synthetic.classification().features(1).build().numFeatures());
  }

  @Test
  void builders_refuseBadValues_namingTheSetting() {
    Synthetic.RegressionBuilder r = Synthetic.regression();
    Synthetic.ClassificationBuilder c = Synthetic.classification();
    assertRefused("rows", "0", () -> r.rows(0));
    assertRefused("features", "-2", () -> r.features(-2));
    assertRefused("informative", "-1", () -> r.informative(-1));
    assertRefused("noise", "-0.5", () -> r.noise(-0.5));
    assertRefused("noise", "NaN", () -> r.noise(Double.NaN));
    assertRefused("intercept", "Infinity", () -> r.intercept(Double.POSITIVE_INFINITY));
    assertRefused("informative", "(6)", () -> Synthetic.regression().features(5).informative(6)
        .build());
    assertRefused("rows", "0", () -> c.rows(0));
    assertRefused("features", "0", () -> c.features(0));
    assertRefused("informative", "0", () -> c.informative(0));
    assertRefused("classes", "1", () -> c.classes(1));
    assertRefused("informative", "(3)", () -> Synthetic.classification().informative(3)
        .features(2).build());
    // a refused value leaves the builder as it was
    assertEquals(100, r.build().data().numRows());
  }

  private static void assertRefused(String setting, String value,
      org.junit.jupiter.api.function.Executable call) {
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, call);
    assertEquals(java.util.Optional.of(setting), e.setting(), e.getMessage());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }

  private static void assertSameData(Dataset expected, Dataset actual) {
    assertArrayEquals(expected.features().toArray(), actual.features().toArray());
    assertArrayEquals(expected.targets(), actual.targets());
    assertEquals(expected.classNames(), actual.classNames());
    assertEquals(expected.featureNames(), actual.featureNames());
    assertEquals(expected.source(), actual.source());
  }

  /** Σᵢ (i+1)·yᵢ + Σᵢⱼ (j+1+i mod 7)·xᵢⱼ: sensitive to every value and its place. */
  private static double fingerprint(Dataset d) {
    double s = 0;
    for (int i = 0; i < d.numRows(); i++) {
      s += d.target(i) * (i + 1);
      for (int j = 0; j < d.numFeatures(); j++) {
        s += d.feature(i, j) * (j + 1 + i % 7);
      }
    }
    return s;
  }

  private static int nonzero(double[] values) {
    int n = 0;
    for (double v : values) {
      n += v != 0 ? 1 : 0;
    }
    return n;
  }
}
