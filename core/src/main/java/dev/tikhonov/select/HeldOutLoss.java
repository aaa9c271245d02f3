package dev.tikhonov.select;

import dev.tikhonov.linear.GlmPath;

/**
 * The loss of one held-out row under the model at one λ of a path; cross-validation averages
 * it over each fold. The factories give glmnet's {@code type.measure = "deviance"}: squared
 * error for gaussian (MSE), {@code −2·log p(y)} for binomial and multinomial with p clipped to
 * [1e-5, 1 − 1e-5] as cv.glmnet does.
 */
@FunctionalInterface
public interface HeldOutLoss {
  /** glmnet's clipping of predicted probabilities in cross-validation. */
  double MIN_PROBABILITY = 1e-5;

  double loss(GlmPath path, int lambdaIndex, int row);

  /** (yᵢ − ηᵢ)². */
  static HeldOutLoss squaredError(double[][] x, double[] y) {
    return (path, l, i) -> {
      double e = y[i] - linearPredictor(path, l, x[i], 0);
      return e * e;
    };
  }

  /** −2[y log p + (1 − y) log(1 − p)], p = 1/(1 + e^−η), y ∈ {0, 1}. */
  static HeldOutLoss binomialDeviance(double[][] x, double[] y) {
    return (path, l, i) -> {
      double p = 1 / (1 + Math.exp(-linearPredictor(path, l, x[i], 0)));
      p = Math.min(Math.max(p, MIN_PROBABILITY), 1 - MIN_PROBABILITY);
      return -2 * (y[i] == 1 ? Math.log(p) : Math.log(1 - p));
    };
  }

  /** −2 log p_{yᵢ}, p = softmax(η), y the class index. */
  static HeldOutLoss multinomialDeviance(double[][] x, double[] y) {
    return (path, l, i) -> {
      int k = path.intercept()[l].length;
      double[] eta = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        eta[c] = linearPredictor(path, l, x[i], c);
        max = Math.max(max, eta[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(eta[c] - max);
      }
      double p = Math.exp(eta[(int) y[i]] - max) / sum;
      p = Math.min(Math.max(p, MIN_PROBABILITY), 1 - MIN_PROBABILITY);
      return -2 * Math.log(p);
    };
  }

  /** a₀ + x·b of class c at λ index l. */
  private static double linearPredictor(GlmPath path, int l, double[] x, int c) {
    double s = path.intercept()[l][c];
    double[] b = path.coef()[l][c];
    for (int j = 0; j < b.length; j++) {
      s += x[j] * b[j];
    }
    return s;
  }
}
