package dev.tikhonov.internal.io;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Matrix;

/**
 * The rule every number of a model file must meet for prediction to stay finite
 * (docs/model-files.md, "Numbers"). Prediction computes, in float32 after a double-precision
 * standardization,
 *
 * <pre>
 *   x'ⱼ = (xⱼ − meanⱼ) / scaleⱼ,   then per dense layer   y_k = Σⱼ hⱼ·W_jk + b_k   (ReLU between)
 * </pre>
 *
 * Each stage must map values within ±{@link #INPUT_BOUND} to values float32 can hold:
 *
 * <ul>
 *   <li>standardizer: meanⱼ finite, scaleⱼ finite and &gt; 0, and
 *       {@code (INPUT_BOUND + |meanⱼ|) / scaleⱼ ≤ Float.MAX_VALUE};
 *   <li>each dense layer: every weight and bias finite, and for every output k
 *       {@code INPUT_BOUND · Σⱼ |W_jk| + |b_k| ≤ Float.MAX_VALUE / 2} (the half is room for
 *       float32 rounding in the sums).
 * </ul>
 *
 * A model trained by tikhonov meets this by far (its standardizer's scales are ≥ 1e-12·max(1,
 * |mean|), its weights small); a standardizer scale of 5e-324, a mean of 1e308 or weights of
 * 3e38 do not: they make predictions non-finite for essentially every input. Stages are checked
 * one by one, not compounded through the layers (a product of per-layer bounds would refuse
 * sound deep networks), so an input far outside the bound can still overflow: prediction checks
 * its outputs. Stateless; thread-safe.
 */
public final class ModelNumbers {
  /** Inputs of every stage are assumed within ±1e6. */
  static final double INPUT_BOUND = 1e6;
  /** Largest |value| a dense layer's sums may reach. */
  static final double LAYER_LIMIT = Float.MAX_VALUE / 2.0;

  private ModelNumbers() {}

  /** The standardizer rule; {@code where} prefixes messages ("file: model.standardizer"). */
  static void requireStandardizer(double[] mean, double[] scale, String where) {
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j])) {
        throw new InputException(where + ".mean[" + j + "]: expected a finite number, found "
            + mean[j]);
      }
      if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
        throw new InputException(where + ".scale[" + j + "]: expected a finite number > 0.0, found "
            + scale[j]);
      }
      double reach = (INPUT_BOUND + Math.abs(mean[j])) / scale[j];
      if (!(reach <= Float.MAX_VALUE)) {
        double minScale = (INPUT_BOUND + Math.abs(mean[j])) / Float.MAX_VALUE;
        throw new InputException(where + ": feature " + (j + 1) + " has mean " + mean[j]
            + " and scale " + scale[j] + ", so (x − mean)/scale reaches " + reach
            + " for |x| ≤ 1e6, beyond float32 (3.4e38); expected scale ≥ " + minScale
            + " for this mean");
      }
    }
  }

  /**
   * The dense-layer rule for weight {@code w} (inputs × outputs) and bias {@code b} (1 ×
   * outputs); {@code where} prefixes messages ("file: tensor").
   */
  static void requireLayer(Matrix w, Matrix b, String weightName, String biasName, String where) {
    requireFinite(w, weightName, where);
    requireFinite(b, biasName, where);
    int inputs = w.rows();
    int outputs = w.cols();
    double[] sums = new double[outputs];
    for (int i = 0; i < inputs; i++) {
      for (int k = 0; k < outputs; k++) {
        sums[k] += Math.abs(w.get(i, k));
      }
    }
    for (int k = 0; k < outputs; k++) {
      double reach = INPUT_BOUND * sums[k] + Math.abs(b.at(k));
      if (!(reach <= LAYER_LIMIT)) {
        throw new InputException(where + " " + SafeTensors.quote(weightName) + ": output "
            + (k + 1) + " sums |w| to " + sums[k] + " (bias " + b.at(k) + "), so inputs within"
            + " ±1e6 reach " + reach + ", beyond float32; expected 1e6·Σ|w| + |b| ≤ "
            + LAYER_LIMIT + " so that predictions stay finite");
      }
    }
  }

  /** Every value finite; names the tensor and the first bad element (0-based, row-major). */
  public static void requireFinite(Matrix m, String tensor, String where) {
    for (int i = 0; i < m.size(); i++) {
      if (!Float.isFinite(m.at(i))) {
        throw new InputException(where + " " + SafeTensors.quote(tensor) + " holds " + m.at(i)
            + " at element " + i + "; weights must be finite");
      }
    }
  }
}
