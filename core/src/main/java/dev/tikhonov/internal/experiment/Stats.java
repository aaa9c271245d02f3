package dev.tikhonov.internal.experiment;

import java.util.List;

/**
 * Mean and sample standard deviation (ddof = 1, as numpy's {@code std(ddof=1)}). The standard
 * deviation of one value is undefined, NaN as numpy's (it was 0, which tables printed as "± 0",
 * a spread the runs never showed); files write it as null or an empty cell. Immutable, so
 * thread-safe.
 */
public record Stats(double mean, double std) {
  public static Stats of(List<Double> values) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    if (n < 2) {
      return new Stats(mean, Double.NaN);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new Stats(mean, Math.sqrt(ss / (n - 1)));
  }

  /** {@code std} as a CSV cell: empty when it is undefined (one value), as formats.md says. */
  public static String cell(double std) {
    return Double.isNaN(std) ? "" : String.valueOf(std);
  }
}
