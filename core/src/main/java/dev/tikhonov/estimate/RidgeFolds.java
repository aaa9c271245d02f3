package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldException;
import java.util.List;

/**
 * K-fold cross-validation of ridge over a λ grid, each fold in closed form: fold k's training
 * rows get the whole ridge path from one decomposition ({@link RidgeSvdPath}; their own
 * standardization, as {@link Ridge} on those rows standardizes), and its held-out rows score
 * every λ by their (weighted) mean squared error,
 *
 * <pre>
 *   e_kl = Σ_{i in fold k} wᵢ (yᵢ − a₀ₖₗ − xᵢ·bₖₗ)² / W_k,   W_k = Σ_{i in fold k} wᵢ
 * </pre>
 *
 * (wᵢ = 1 without weights), then {@link CvResult}'s mean, standard error, λ_min and λ_1se with
 * fold weights W_k, as cv.glmnet's. Stateless and thread-safe.
 */
final class RidgeFolds {
  private RidgeFolds() {}

  /**
   * The cross-validation of {@code lambdas} (strictly decreasing) on {@code splits} of the rows
   * of x and y; {@code weights} empty for none.
   *
   * @throws FoldException when a fold's training rows cannot be fitted, naming the fold
   */
  static CvResult score(double[][] x, double[] y, double[] weights, List<Resampling.Split> splits,
      double[] lambdas, boolean standardize, boolean intercept) {
    int k = splits.size();
    double[][] foldLoss = new double[k][];
    double[] foldWeight = new double[k];
    for (int f = 0; f < k; f++) {
      Resampling.Split split = splits.get(f);
      int[] train = split.trainRows();
      double[][] xTrain = new double[train.length][];
      double[] yTrain = new double[train.length];
      double[] wTrain = new double[weights.length == 0 ? 0 : train.length];
      for (int i = 0; i < train.length; i++) {
        xTrain[i] = x[train[i]];
        yTrain[i] = y[train[i]];
        if (wTrain.length > 0) {
          wTrain[i] = weights[train[i]];
        }
      }
      double[] scales = LinearFit.penaltyScales(xTrain, wTrain, standardize);
      double[][] z = standardize ? Ridge.scaled(xTrain, scales) : xTrain;
      Observations observations = wTrain.length == 0 ? Observations.none()
          : Observations.ofWeights(wTrain);
      RidgeSvdPath path;
      try {
        path = intercept ? RidgeSvdPath.fit(z, yTrain, observations, lambdas)
            : RidgeSvdPath.fitWithoutIntercept(z, yTrain, observations, lambdas);
      } catch (InputException e) {
        throw new FoldException(f + 1, k, "fold " + (f + 1) + " of " + k
            + " (its training rows): " + e.getMessage(), e);
      }
      foldLoss[f] = heldOutLosses(x, y, weights, split.testRows(), path, scales);
      foldWeight[f] = 0;
      for (int i : split.testRows()) {
        foldWeight[f] += weights.length == 0 ? 1 : weights[i];
      }
    }
    return CvResult.of(lambdas, foldLoss, foldWeight, CvMeasure.MEAN_SQUARED_ERROR);
  }

  /** e_kl for every λ of the fold's path: its coefficients bⱼ = b̃ⱼ/sⱼ on the raw features. */
  private static double[] heldOutLosses(double[][] x, double[] y, double[] weights, int[] test,
      RidgeSvdPath path, double[] scales) {
    double[] intercepts = path.intercepts();
    double[][] coefficients = path.coefficients();
    double[] out = new double[intercepts.length];
    for (int l = 0; l < out.length; l++) {
      double sum = 0;
      double total = 0;
      for (int i : test) {
        double prediction = intercepts[l];
        for (int j = 0; j < scales.length; j++) {
          prediction += x[i][j] * coefficients[l][j] / scales[j];
        }
        double w = weights.length == 0 ? 1 : weights[i];
        double e = y[i] - prediction;
        sum += w * e * e;
        total += w;
      }
      out[l] = sum / total;
    }
    return out;
  }
}
