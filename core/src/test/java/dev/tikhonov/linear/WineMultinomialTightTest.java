package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.loss.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * multinom45: data/wine.csv's 5-λ lasso multinomial path at tolerance 1e-10. Near separation
 * (λ #5, deviance ratio 0.9997) glmnet's probability clamps (pmin = 1e-9 on the unnormalized
 * e^η, on the loss and on the working response) made the solver minimize a slightly different
 * function from the one its certificate measures: it stalled 4.5e-7 (relative) above glmnet's
 * objective with a certificate stuck at 2.6e-10, ran out of the path's 100,000 passes and
 * dropped λ #5. Reference: ref/make_wine_multinomial_tight.R (glmnet at thresh 1e-14, itself
 * clamped, so its objective is an upper bound for the minimum).
 */
class WineMultinomialTightTest {

  @Test
  void tightTolerance_fitsAll5LambdasCertified_atGlmnetsObjectiveOrBelow() throws IOException {
    Dataset data = CsvReader.read(Path.of("..", "data", "wine.csv"), "cultivar",
        TargetKind.CLASS);
    PathSolution path = ElasticNetPath.fit(Family.MULTINOMIAL, data.featureRows(),
        data.targets(), PathSettings.lasso().withNumLambdas(5).withTolerance(1e-10),
        data.featureNames(), data.classNames());
    assertEquals(PathSolution.Ending.ALL_LAMBDAS, path.end().reason(), path.end().message());
    List<String> ref = Files.readAllLines(
        Path.of("src", "test", "resources", "ref", "wine-multinomial-tight.csv"));
    assertEquals(6, ref.size());
    double[][] x = data.featureRows();
    int[] y = data.labels();
    for (int l = 0; l < 5; l++) {
      String[] row = ref.get(l + 1).split(",");
      double lambda = Double.parseDouble(row[0]);
      double want = Double.parseDouble(row[1]);
      assertEquals(lambda, path.lambda(l), 1e-14 * lambda);
      assertTrue(path.converged(l) && path.certificate(l) <= 1e-10,
          "λ #" + (l + 1) + " certificate " + path.certificate(l));
      double got = objective(x, y, lambda, path.intercepts(l), path.coefficients(l));
      // never above the reference by more than 1e-10 of it, nor far below (a KKT certificate
      // of 1e-10 leaves the objective within about that of the minimum)
      assertTrue(got <= want * (1 + 1e-10) && got >= want * (1 - 1e-9),
          "λ #" + (l + 1) + ": objective " + got + ", glmnet's " + want);
    }
  }

  /** (1/n)Σ −log p_{i,yᵢ} + λ Σₖ Σⱼ sⱼ|bⱼₖ| with sⱼ the 1/n standard deviation. */
  private static double objective(double[][] x, int[] y, double lambda, double[] a0,
      double[][] b) {
    int n = x.length;
    int p = x[0].length;
    double loss = 0;
    double[] eta = new double[a0.length];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < a0.length; k++) {
        eta[k] = a0[k];
        for (int j = 0; j < p; j++) {
          eta[k] += x[i][j] * b[k][j];
        }
        max = Math.max(max, eta[k]);
      }
      double sum = 0;
      for (double e : eta) {
        sum += Math.exp(e - max);
      }
      loss += (max + Math.log(sum) - eta[y[i]]) / n;
    }
    double penalty = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (double[] r : x) {
        mean += r[j] / n;
      }
      double var = 0;
      for (double[] r : x) {
        var += (r[j] - mean) * (r[j] - mean) / n;
      }
      for (double[] bk : b) {
        penalty += Math.sqrt(var) * Math.abs(bk[j]);
      }
    }
    return loss + lambda * penalty;
  }
}
