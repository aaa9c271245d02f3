package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.tensor.Matrix;
import org.junit.jupiter.api.Test;

class StandardizerTest {
  @Test
  void fit_onTrain_givesMeanZeroAndUnitOneOverNVariance() {
    Dataset data = Synthetic.makeRegression(500, 4, 4, 1, 3).data();
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
}
