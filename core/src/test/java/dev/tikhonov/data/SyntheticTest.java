package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticTest {
  @Test
  void makeRegression_shapesAndSparseTruth() {
    SyntheticData s = Synthetic.makeRegression(200, 30, 5, 0.5, 42);
    assertEquals(200, s.data().size());
    assertEquals(30, s.data().numFeatures());
    assertEquals(s.data().size(), s.data().targets().length);
    double[] coef = s.coef();
    for (int j = 0; j < 30; j++) {
      double m = Math.abs(coef[j]);
      assertTrue(j < 5 ? m >= 1 && m <= 10 : m == 0, "coef " + j + " = " + coef[j]);
    }
    assertEquals(0, s.intercept());
  }

  @Test
  void makeRegression_residualIsTheNoise() {
    double noise = 0.5;
    SyntheticData s = Synthetic.makeRegression(5000, 10, 3, noise, 2.5, 9);
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
  void makeRegression_sameSeedSameData_otherSeedOtherData_noiseDoesNotChangeX() {
    float[] a = Synthetic.makeRegression(50, 4, 2, 1, 7).data().features().toArray();
    float[] b = Synthetic.makeRegression(50, 4, 2, 1, 7).data().features().toArray();
    float[] c = Synthetic.makeRegression(50, 4, 2, 1, 8).data().features().toArray();
    float[] d = Synthetic.makeRegression(50, 4, 2, 3, 7).data().features().toArray();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertArrayEquals(a, d);
  }

  @Test
  void makeClassification_balancedClassesSeparableOnInformativeFeatures() {
    Dataset d = Synthetic.makeClassification(3000, 8, 3, 3, 5);
    assertEquals(3000, d.size());
    assertEquals(8, d.numFeatures());
    assertEquals(Dataset.indexNames(3), d.classNames());
    int[] counts = new int[3];
    double[][] classMean = new double[3][8];
    for (int i = 0; i < d.size(); i++) {
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
  void makeClassification_reproducibleBySeed() {
    Dataset a = Synthetic.makeClassification(100, 4, 2, 4, 3);
    Dataset b = Synthetic.makeClassification(100, 4, 2, 4, 3);
    Dataset c = Synthetic.makeClassification(100, 4, 2, 4, 4);
    assertArrayEquals(a.features().toArray(), b.features().toArray());
    assertArrayEquals(a.targets(), b.targets());
    assertFalse(Arrays.equals(a.targets(), c.targets()));
  }
}
