package dev.tikhonov.tensor;

/** Matrices for tests. */
public final class TestMatrices {
  private TestMatrices() {}

  /** A rows × cols matrix of standard normal draws from {@code rng}, row by row. */
  public static Matrix gaussian(int rows, int cols, Rng rng) {
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.put(i, (float) rng.nextGaussian());
    }
    return m;
  }
}
