package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocation and naming of per-parameter state buffers, done once in {@code init}, and the
 * momentum buffers' periodic flush of subnormal numbers ({@link #flushesAt}).
 */
final class StateBuffers {
  private StateBuffers() {}

  /**
   * How often the optimizers' decaying state (the SGD momentum, Adam's m and v, RMSprop's v)
   * drops its subnormal entries: at every step t with {@code t % FLUSH_PERIOD == 0}.
   */
  static final int FLUSH_PERIOD = 16;

  /**
   * Whether step {@code step} (counted from 1) flushes the momentum buffers' subnormal entries
   * to zero ({@link #flushSubnormals}). Why: a weight whose gradient is zero for many steps (an
   * input that is almost always 0, such as an image's border pixel) has a momentum that decays
   * as μᵗ through the subnormal floats (|b| &lt; 2⁻¹²⁶ ≈ 1.2·10⁻³⁸) for about 150 steps at
   * μ = 0.9, and on Intel processors every multiplication that reads a subnormal takes a
   * microcode assist of some 100 cycles, in the weight-gradient product (β·b) and in the update
   * alike: the 800 or so such entries in the first layer of the Fashion-MNIST MLP cost about 8 %
   * of its epochs there (docs/performance-log.md, "Issue 13, twenty-ninth session"). TensorFlow runs its CPU
   * kernels with subnormals flushed for the same reason; Java cannot set the processor's flag,
   * so the buffers are cleaned instead. Every step would cost a scalar pass over every
   * parameter (the select does not vectorize on Java 17); every 16th cuts the subnormals' lives
   * to at most 15 steps for a sixteenth of that pass. The values changed are below 2⁻¹²⁶, whose
   * product with any learning rate is far below a float weight's resolution.
   */
  static boolean flushesAt(long step) {
    return step % FLUSH_PERIOD == 0;
  }

  /** Sets each subnormal {@code x[j]} (0 &lt; |x[j]| &lt; 2⁻¹²⁶), j &lt; len, to zero. */
  static void flushSubnormals(float[] x, int len) {
    for (int j = 0; j < len; j++) {
      float v = x[j];
      x[j] = Math.abs(v) < Float.MIN_NORMAL ? 0f : v;
    }
  }

  /** One zero matrix shaped like each parameter's value. */
  static Matrix[] zerosLike(List<Parameter> parameters) {
    Matrix[] out = new Matrix[parameters.size()];
    for (int i = 0; i < out.length; i++) {
      Matrix v = parameters.get(i).value();
      out[i] = Matrix.zeros(v.rows(), v.cols());
    }
    return out;
  }

  /** {@code name/i → buffers[i]} for each named group, in order. */
  static Map<String, Matrix> named(Object... nameThenBuffers) {
    Map<String, Matrix> out = new LinkedHashMap<>();
    for (int g = 0; g < nameThenBuffers.length; g += 2) {
      String name = (String) nameThenBuffers[g];
      Matrix[] buffers = (Matrix[]) nameThenBuffers[g + 1];
      for (int i = 0; i < buffers.length; i++) {
        out.put(name + "/" + i, buffers[i]);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static void requireUnitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }

  static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
  }

  static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }
}
