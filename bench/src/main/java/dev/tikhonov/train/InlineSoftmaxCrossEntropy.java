package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.tensor.Matrix;
import java.nio.FloatBuffer;

/**
 * Benchmark baseline only: {@code SoftmaxCrossEntropy.lossAndGradient} as it was, its row body
 * inline in the loop (it now sits in a helper that the pass with row losses shares).
 */
final class InlineSoftmaxCrossEntropy implements Loss {
  @Override
  public double lossAndGradient(Matrix logits, Matrix labels, Matrix out) {
    int n = logits.rows();
    int k = logits.cols();
    FloatBuffer z = logits.buffer();
    FloatBuffer g = out.buffer();
    double total = 0;
    double invN = 1.0 / n;
    for (int i = 0, base = 0; i < n; i++, base += k) {
      float max = z.get(base);
      for (int c = 1; c < k; c++) {
        max = Math.max(max, z.get(base + c));
      }
      double sumExp = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(z.get(base + c) - max);
        g.put(base + c, (float) e);
        sumExp += e;
      }
      int y = (int) labels.at(i);
      total += max + Math.log(sumExp) - z.get(base + y);
      double scale = invN / sumExp;
      for (int c = 0; c < k; c++) {
        g.put(base + c, (float) (g.get(base + c) * scale));
      }
      g.put(base + y, (float) (g.get(base + y) - invN));
    }
    return total / n;
  }

  @Override
  public double sum(Matrix logits, Matrix labels) {
    throw new UnsupportedOperationException("a benchmark baseline of the step only");
  }

  @Override
  public String name() {
    return "softmax_cross_entropy";
  }
}
