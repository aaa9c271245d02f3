package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Valid data that is numerically hard: columns far from zero against their spread, and the
 * like. The networks train in float32; what a user of scikit-learn or glmnet (double throughout)
 * expects must still hold where the fit's own settings promise it.
 */
class NumericallyHardDataTest {
  /**
   * A Unix-time-like column (10⁹ + u, u of unit spread): standardized in double it is u again,
   * so a standardized network fits it as it fits u. Standardizing the float32 copy instead, as
   * the networks did, saw 10⁹ + u rounded to a multiple of 64, i.e. no u at all: R² 0.49 instead
   * of 0.99 (linear regression), 62 % accuracy instead of 86 % (logistic).
   */
  @Test
  void standardizedNetwork_onAColumnFarFromZero_fitsAsOnTheCenteredColumn() {
    Random random = new Random(7);
    int n = 200;
    double[][] centered = new double[n][2];
    double[][] shifted = new double[n][2];
    double[] y = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextGaussian();
      centered[i][0] = u;
      centered[i][1] = random.nextGaussian();
      shifted[i][0] = 1e9 + u;
      shifted[i][1] = centered[i][1];
      y[i] = u + centered[i][1] + 0.1 * random.nextGaussian();
      labels[i] = u + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
    }
    LinearRegression regression = LinearRegression.builder().standardize(true).epochs(30)
        .seed(1).build();
    NetworkRegressor onCentered = regression.fit(Dataset.of(centered, y));
    NetworkRegressor onShifted = regression.fit(Dataset.of(shifted, y));
    double r2 = onCentered.evaluate(Dataset.of(centered, y)).rSquared().orElseThrow();
    assertEquals(r2, onShifted.evaluate(Dataset.of(shifted, y)).rSquared().orElseThrow(), 1e-4);
    // predict(double[][]) standardizes in double too, not only evaluate(Dataset)
    assertArrayEquals(onCentered.predict(centered), onShifted.predict(shifted), 1e-4);

    MlpClassifier classifier = MlpClassifier.builder().hiddenLayers(4).standardize(true)
        .epochs(30).seed(1).build();
    NetworkClassifier cCentered = classifier.fit(Dataset.ofClasses(centered, labels));
    NetworkClassifier cShifted = classifier.fit(Dataset.ofClasses(shifted, labels));
    double[][] pCentered = cCentered.predictProba(centered);
    double[][] pShifted = cShifted.predictProba(shifted);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(pCentered[i], pShifted[i], 1e-4, "row " + i);
    }
    assertEquals(cCentered.evaluate(Dataset.ofClasses(centered, labels)).accuracy().orElseThrow(),
        cShifted.evaluate(Dataset.ofClasses(shifted, labels)).accuracy().orElseThrow());
  }
}
