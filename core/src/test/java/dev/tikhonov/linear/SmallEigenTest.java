package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SmallEigen}: A = QΛQᵀ with Q orthogonal, against known spectra. */
class SmallEigenTest {

  /** A random symmetric k×k matrix with entries in [−1, 1]. */
  private static double[] symmetric(int k, Random random) {
    double[] a = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        a[i * k + j] = a[j * k + i] = 2 * random.nextDouble() - 1;
      }
    }
    return a;
  }

  @Test
  void decompose_randomSymmetric_reconstructsWithOrthonormalVectors() {
    Random random = new Random(7);
    for (int k : new int[] {1, 2, 3, 5, 10, 17}) {
      double[] a = symmetric(k, random);
      double[] out = new double[k * k + k];
      SmallEigen.decompose(a.clone(), k, 1e-15, out);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double qtq = 0;
          double qlq = 0;
          for (int m = 0; m < k; m++) {
            qtq += out[m * k + i] * out[m * k + j];
            qlq += out[i * k + m] * out[k * k + m] * out[j * k + m];
          }
          assertEquals(i == j ? 1 : 0, qtq, 1e-13, "QᵀQ at " + i + "," + j + ", k = " + k);
          assertEquals(a[i * k + j], qlq, 1e-13, "QΛQᵀ at " + i + "," + j + ", k = " + k);
        }
      }
    }
  }

  /** Started from another matrix's eigenvectors, the decomposition is still A's. */
  @Test
  void decomposeFrom_anotherMatrixsVectors_reconstructs() {
    Random random = new Random(11);
    int k = 6;
    double[] a = symmetric(k, random);
    double[] start = new double[k * k + k];
    SmallEigen.decompose(symmetric(k, random), k, 1e-15, start);
    double[] out = start.clone();
    SmallEigen.decomposeFrom(a.clone(), k, 1e-15, new double[k * k], out);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double qtq = 0;
        double qlq = 0;
        for (int m = 0; m < k; m++) {
          qtq += out[m * k + i] * out[m * k + j];
          qlq += out[i * k + m] * out[k * k + m] * out[j * k + m];
        }
        assertEquals(i == j ? 1 : 0, qtq, 1e-13, "QᵀQ at " + i + "," + j);
        assertEquals(a[i * k + j], qlq, 1e-13, "QΛQᵀ at " + i + "," + j);
      }
    }
  }

  /**
   * A multinomial row's Hessian diag(p) − ppᵀ: 0 along 1 (the classes moving alike), and for
   * p uniform over K classes every other eigenvalue is 1/K.
   */
  @Test
  void decompose_uniformSoftmaxHessian_hasEigenvalues0AndOneOverK() {
    int k = 4;
    double[] h = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        h[i * k + j] = (i == j ? 0.25 : 0) - 0.25 * 0.25;
      }
    }
    double[] out = new double[k * k + k];
    SmallEigen.decompose(h, k, 1e-15, out);
    double[] values = Arrays.copyOfRange(out, k * k, k * k + k);
    Arrays.sort(values);
    assertArrayEquals(new double[] {0, 0.25, 0.25, 0.25}, values, 1e-15);
  }

  @Test
  void decompose_diagonal_isItsDiagonalAndIdentity() {
    double[] a = {3, 0, 0, 0, -1, 0, 0, 0, 2};
    double[] out = new double[12];
    SmallEigen.decompose(a, 3, 1e-15, out);
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 3, -1, 2},
        out, 0);
  }
}
