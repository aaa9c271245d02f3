package dev.tikhonov.internal.experiment;

import java.util.List;

/**
 * Mean and sample standard deviation (ddof = 1, as numpy's {@code std(ddof=1)}; 0 for one value).
 * Immutable, so thread-safe.
 */
public record Stats(double mean, double std) {
  public static Stats of(List<Double> values) {
    int n = values.size();
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    if (n < 2) {
      return new Stats(mean, 0);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return new Stats(mean, Math.sqrt(ss / (n - 1)));
  }
}
