package dev.tikhonov.regularize;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * {@code R(w) = λ Σⱼ vⱼ [(1−α)/2 wⱼ² + α|wⱼ|]}; gradient {@code λ vⱼ [(1−α) wⱼ + α sign(wⱼ)]}.
 * L2 is α = 0 and L1 is α = 1: one class, no separate code paths. Immutable, so thread-safe:
 * {@code addGradient} writes only {@code out}, through per-thread scratch arrays.
 *
 * @param lambda λ ≥ 0, the strength
 * @param l1Ratio α ∈ [0, 1], the L1 share
 */
public record ElasticNetPenalty(double lambda, double l1Ratio) implements Penalty {
  private static final int CHUNK = 1024;
  /** Per-thread scratch for {@link #addGradient}: [weights chunk, gradient chunk]. */
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[2][CHUNK]);

  public ElasticNetPenalty {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio must be in [0, 1], got " + l1Ratio);
    }
  }

  @Override
  public double value(List<Parameter> parameters) {
    if (lambda == 0) {
      return 0;
    }
    double total = 0;
    for (Parameter p : parameters) {
      double v = p.penaltyFactor();
      if (v == 0) {
        continue;
      }
      Matrix w = p.value();
      double squares = 0;
      double absolute = 0;
      FloatBuffer b = w.buffer();
      for (int i = 0, n = w.size(); i < n; i++) {
        double x = b.get(i);
        squares += x * x;
        absolute += Math.abs(x);
      }
      total += v * ((1 - l1Ratio) / 2 * squares + l1Ratio * absolute);
    }
    return lambda * total;
  }

  @Override
  public boolean isZero() {
    return lambda == 0;
  }

  @Override
  public void addGradient(List<Parameter> parameters, List<Matrix> out) {
    if (lambda == 0) {
      return;
    }
    for (int k = 0, count = parameters.size(); k < count; k++) {
      Parameter p = parameters.get(k);
      double v = p.penaltyFactor();
      if (v == 0) {
        continue;
      }
      float l2 = (float) (lambda * v * (1 - l1Ratio));
      float l1 = (float) (lambda * v * l1Ratio);
      FloatBuffer w = p.value().buffer();
      FloatBuffer g = out.get(k).buffer();
      // Chunks through float[] so the loop vectorizes (direct-buffer loops do not on Java 17).
      float[][] scratch = SCRATCH.get();
      float[] wc = scratch[0];
      float[] gc = scratch[1];
      for (int from = 0, n = p.value().size(); from < n; from += CHUNK) {
        int len = Math.min(CHUNK, n - from);
        w.get(from, wc, 0, len);
        g.get(from, gc, 0, len);
        if (l1 == 0) {
          for (int i = 0; i < len; i++) {
            gc[i] += l2 * wc[i];
          }
        } else {
          for (int i = 0; i < len; i++) {
            gc[i] += l2 * wc[i] + l1 * Math.signum(wc[i]);
          }
        }
        g.put(from, gc, 0, len);
      }
    }
  }
}
