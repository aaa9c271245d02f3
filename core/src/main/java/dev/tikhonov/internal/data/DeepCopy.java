package dev.tikhonov.internal.data;

/**
 * Not API. Copies of nested arrays, row by row: what the immutable result types copy in and
 * out (PathSolution, CvResult, RelaxedFit, PathData, …) and what the {@code spark} module keeps
 * of a step. Stateless, so thread-safe.
 */
public final class DeepCopy {
  private DeepCopy() {}

  /** A copy of every row of {@code rows}. */
  public static double[][] of(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }

  /** A copy of every block of {@code blocks} and of each of its rows. */
  public static double[][][] of(double[][][] blocks) {
    double[][][] out = new double[blocks.length][][];
    for (int i = 0; i < blocks.length; i++) {
      out[i] = of(blocks[i]);
    }
    return out;
  }
}
