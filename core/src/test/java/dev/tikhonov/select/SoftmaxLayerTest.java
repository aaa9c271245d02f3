package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * The softmax layer's gradient and Hessian against finite differences, and the cases where the
 * Kronecker and diagonal curvatures are exact.
 */
class SoftmaxLayerTest {
  private static final int N = 23;
  private static final int Q = 4;
  private static final int K = 3;

  private static SoftmaxLayer layer(Logits logits, long seed) {
    Rng rng = new Rng(seed);
    double[] x = new double[N * Q];
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % K;
      for (int j = 0; j < Q; j++) {
        x[i + j * N] = rng.nextGaussian() + (j == labels[i] ? 1.0 : 0.0);
      }
    }
    return new SoftmaxLayer(x, N, Q, labels, K, logits);
  }

  private static double[] randomTheta(SoftmaxLayer layer, long seed) {
    Rng rng = new Rng(seed);
    double[] theta = new double[layer.dimension()];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = 0.7 * rng.nextGaussian();
    }
    return theta;
  }

  @Test
  void gradientAndHessian_matchCentralDifferences_forBothLogits() {
    double tau = 0.8;
    for (Logits logits : Logits.values()) {
      SoftmaxLayer layer = layer(logits, 1);
      double[] theta = randomTheta(layer, 2);
      int d = layer.dimension();
      assertEquals((logits == Logits.SOFTMAX ? K : K - 1) * Q + K - 1, d);
      SoftmaxLayer.State state = layer.state(theta);
      double[] g = layer.gradient(state, tau);
      double[] h = layer.hessian(state, tau);
      double[] diagonal = layer.hessianDiagonal(state, tau);
      double step = 1e-5;
      for (int j = 0; j < d; j++) {
        double[] plus = theta.clone();
        double[] minus = theta.clone();
        plus[j] += step;
        minus[j] -= step;
        SoftmaxLayer.State sp = layer.state(plus);
        SoftmaxLayer.State sm = layer.state(minus);
        double numeric = (layer.objective(sp, tau) - layer.objective(sm, tau)) / (2 * step);
        assertEquals(numeric, g[j], 1e-6 * (1 + Math.abs(numeric)), logits + " ∂f/∂θ" + j);
        double[] gp = layer.gradient(sp, tau);
        double[] gm = layer.gradient(sm, tau);
        for (int i = 0; i < d; i++) {
          double second = (gp[i] - gm[i]) / (2 * step);
          assertEquals(second, h[i + j * d], 1e-6 * (1 + Math.abs(second)),
              logits + " ∂²f/∂θ" + i + "∂θ" + j);
          assertEquals(h[i + j * d], h[j + i * d], 0.0, "symmetric");
        }
        assertEquals(h[j + j * d], diagonal[j], 1e-12 * (1 + diagonal[j]), "diagonal " + j);
      }
    }
  }

  @Test
  void kronecker_isExact_whenEveryRowHasTheSameProbabilities() {
    // θ = 0: pᵢ = 1/K for every row, so Σᵢ Λᵢ ⊗ x̃ᵢx̃ᵢᵀ = Λ ⊗ Σᵢ x̃ᵢx̃ᵢᵀ exactly.
    for (Logits logits : Logits.values()) {
      SoftmaxLayer layer = layer(logits, 3);
      double lambda = 0.05;
      double[] zero = new double[layer.dimension()];
      LaplaceEvidence full = layer.evidence(zero, lambda, Curvature.FULL);
      LaplaceEvidence kfac = layer.evidence(zero, lambda, Curvature.KRONECKER);
      assertEquals(full.logDeterminant(), kfac.logDeterminant(),
          1e-10 * Math.abs(full.logDeterminant()), logits + " log det");
      assertTrue(full.gradientCorrection() > 1, "θ = 0 is far from the MAP");
      assertEquals(full.gradientCorrection(), kfac.gradientCorrection(),
          1e-10 * full.gradientCorrection(), logits + " ½gᵀH⁻¹g");
      assertEquals(full.logEvidence(), kfac.logEvidence(), 1e-9 * Math.abs(full.logEvidence()));
      SoftmaxLayer.State state = layer.state(zero);
      double tau = N * lambda;
      double[] g = layer.gradient(state, tau);
      double[] exact = layer.curvature(state, tau, Curvature.FULL).solve(g);
      double[] factored = layer.curvature(state, tau, Curvature.KRONECKER).solve(g);
      for (int j = 0; j < g.length; j++) {
        assertEquals(exact[j], factored[j], 1e-10 * (1 + Math.abs(exact[j])), logits + " H⁻¹g");
      }
    }
  }

  @Test
  void kronecker_differsFromFull_whenRowsDiffer_andDiagonalOverstatesTheDeterminant() {
    for (Logits logits : Logits.values()) {
      SoftmaxLayer layer = layer(logits, 4);
      double[] theta = randomTheta(layer, 5);
      LaplaceEvidence full = layer.evidence(theta, 0.05, Curvature.FULL);
      LaplaceEvidence kfac = layer.evidence(theta, 0.05, Curvature.KRONECKER);
      LaplaceEvidence diagonal = layer.evidence(theta, 0.05, Curvature.DIAGONAL);
      assertTrue(Math.abs(full.logDeterminant() - kfac.logDeterminant()) > 1e-6,
          "an approximation, not the same matrix");
      // Hadamard: det H ≤ Π Hⱼⱼ for positive definite H.
      assertTrue(diagonal.logDeterminant() > full.logDeterminant(), logits.toString());
      assertEquals(full.logLikelihood(), diagonal.logLikelihood(), 0.0);
      assertEquals(full.logPrior(), kfac.logPrior(), 0.0);
    }
  }

  @Test
  void minimize_reachesAZeroGradient_withEveryCurvature() {
    for (Logits logits : Logits.values()) {
      SoftmaxLayer layer = layer(logits, 6);
      double tau = 0.5;
      SoftmaxNewton.Minimum newton = SoftmaxNewton.minimize(layer,
          new double[layer.dimension()], tau, Curvature.FULL, 1e-22, 100);
      assertTrue(newton.converged() && newton.iterations() < 20, "Newton: " + newton);
      for (Curvature curvature : Curvature.values()) {
        SoftmaxNewton.Minimum m = SoftmaxNewton.minimize(layer, randomTheta(layer, 7), tau,
            curvature, 1e-22, 100);
        assertTrue(m.converged(), curvature + " " + logits);
        double[] g = layer.gradient(layer.state(m.theta()), tau);
        for (int j = 0; j < g.length; j++) {
          assertEquals(0.0, g[j], 1e-8, curvature + " " + logits + " ∂f/∂θ" + j);
          assertEquals(newton.theta()[j], m.theta()[j], 1e-8);
        }
      }
    }
  }

  @Test
  void hessianVector_isTheHessianTimesTheVector() {
    for (Logits logits : Logits.values()) {
      SoftmaxLayer layer = layer(logits, 8);
      SoftmaxLayer.State state = layer.state(randomTheta(layer, 9));
      double tau = 0.3;
      double[] v = randomTheta(layer, 10);
      double[] h = layer.hessian(state, tau);
      double[] hv = layer.hessianVector(state, tau, v);
      int d = layer.dimension();
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += h[i + j * d] * v[j];
        }
        assertEquals(s, hv[i], 1e-12 * (1 + Math.abs(s)), logits + " row " + i);
      }
      // Conjugate gradients preconditioned by either approximation give the exact H⁻¹v.
      double[] exact = SoftmaxNewton.step(layer, state, tau, v,
          layer.curvature(state, tau, Curvature.FULL), Curvature.FULL);
      for (Curvature curvature : new Curvature[] {Curvature.KRONECKER, Curvature.DIAGONAL}) {
        double[] cg = SoftmaxNewton.step(layer, state, tau, v,
            layer.curvature(state, tau, curvature), curvature);
        for (int j = 0; j < d; j++) {
          assertEquals(exact[j], cg[j], 1e-9 * (1 + Math.abs(exact[j])), curvature + " " + j);
        }
      }
    }
  }

  @Test
  void helmertBasis_isOrthonormalAndOrthogonalToOnes() {
    for (int k = 2; k <= 6; k++) {
      double[] o = KroneckerCurvature.helmert(k);
      for (int a = 0; a < k - 1; a++) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
          sum += o[i + a * k];
        }
        assertEquals(0.0, sum, 1e-15);
        for (int b = 0; b < k - 1; b++) {
          double dot = 0;
          for (int i = 0; i < k; i++) {
            dot += o[i + a * k] * o[i + b * k];
          }
          assertEquals(a == b ? 1.0 : 0.0, dot, 1e-15);
        }
      }
    }
  }
}
