package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Allocation and naming of per-parameter state buffers, done once in {@code init}. */
final class StateBuffers {
  private StateBuffers() {}

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
