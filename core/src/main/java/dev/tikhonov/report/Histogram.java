package dev.tikhonov.report;

import dev.tikhonov.internal.tensor.ArrayText;

/**
 * Counts of values in equal-width bins over [−bound, bound] (values outside land in the end
 * bins). Immutable (the arrays, one number per bin, are copied in and out), so thread-safe; the
 * static helpers keep no state.
 *
 * @param edges bins + 1 increasing bin edges
 * @param counts count per bin
 */
public record Histogram(double[] edges, long[] counts) {
  public Histogram {
    edges = edges.clone();
    counts = counts.clone();
  }

  /** The bin edges, a new array. */
  @Override
  public double[] edges() {
    return edges.clone();
  }

  /** The count per bin, a new array. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** "Histogram[30 bins from -0.5 to 0.5, 1000 values]". */
  @Override
  public String toString() {
    long total = java.util.Arrays.stream(counts).sum();
    return "Histogram[" + counts.length + " bins"
        + (edges.length == 0 ? "" : " from " + ArrayText.number(edges[0]) + " to "
            + ArrayText.number(edges[edges.length - 1]))
        + ", " + total + " values]";
  }

  /** {@code bins + 1} equally spaced edges from −bound to +bound (bound &gt; 0, bins ≥ 1). */
  public static double[] symmetricEdges(double bound, int bins) {
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = -bound + 2 * bound * i / bins;
    }
    return edges;
  }

  /**
   * How many of {@code values} fall in each of the equal-width bins {@code edges} delimits
   * ({@code edges.length − 1} counts); a value outside the edges counts in the nearest end bin.
   */
  public static long[] count(float[] values, double[] edges) {
    int bins = edges.length - 1;
    double lo = edges[0];
    double width = (edges[bins] - lo) / bins;
    long[] counts = new long[bins];
    for (float v : values) {
      int b = (int) Math.floor((v - lo) / width);
      counts[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return counts;
  }

  /**
   * The histogram of {@code values} in {@code bins} bins over [−max|v|, max|v|] (a bound of at
   * least 1e-12, so all zeros still have bins of nonzero width).
   */
  public static Histogram of(float[] values, int bins) {

    double bound = 1e-12;
    for (float v : values) {
      bound = Math.max(bound, Math.abs(v));
    }
    double[] edges = symmetricEdges(bound, bins);
    return new Histogram(edges, count(values, edges));
  }
}
