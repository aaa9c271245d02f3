package dev.tikhonov.estimate;

import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of one dense layer's parameters, y = x·W + b: {@code weight} is inputs×outputs
 * row-major ({@code weight[i·outputs + o]}), {@code bias} has one entry per output.
 * Immutable, so thread-safe: the arrays are copied in and out. Two are equal when their names,
 * shapes and floats are (by value, not by array identity).
 *
 * @param name the layer's name in model files ("dense0", "dense1", ...)
 * @param inputs rows of W
 * @param outputs columns of W
 * @param weight W, row-major, float32 as trained
 * @param bias b
 */
public record LayerWeights(String name, int inputs, int outputs, float[] weight, float[] bias) {
  /**
   * Copies the arrays in.
   *
   * @throws IllegalArgumentException when {@code weight} does not hold inputs·outputs values or
   *     {@code bias} outputs values
   */
  public LayerWeights {
    java.util.Objects.requireNonNull(name, "name");
    if (weight.length != (long) inputs * outputs) {
      throw new IllegalArgumentException("layer " + name + ": weight holds " + weight.length
          + " values for " + inputs + " inputs x " + outputs + " outputs, expected "
          + (long) inputs * outputs);
    }
    if (bias.length != outputs) {
      throw new IllegalArgumentException("layer " + name + ": bias holds " + bias.length
          + " values for " + outputs + " outputs");
    }
    weight = weight.clone();
    bias = bias.clone();
  }

  @Override
  public float[] weight() {
    return weight.clone();
  }

  @Override
  public float[] bias() {
    return bias.clone();
  }

  /** Equal when name, shape and every weight and bias are the same floats (bit patterns). */
  @Override
  public boolean equals(Object o) {
    return o instanceof LayerWeights l && name.equals(l.name) && inputs == l.inputs
        && outputs == l.outputs && java.util.Arrays.equals(weight, l.weight)
        && java.util.Arrays.equals(bias, l.bias);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, inputs, outputs, java.util.Arrays.hashCode(weight),
        java.util.Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "LayerWeights[" + name + ", " + inputs + "x" + outputs + "]";
  }

  /**
   * W[i][o], 0-based.
   *
   * @throws IndexOutOfBoundsException when (input, output) is outside the layer
   */
  public float weight(int input, int output) {
    if (input < 0 || input >= inputs || output < 0 || output >= outputs) {
      throw new IndexOutOfBoundsException("weight (input " + input + ", output " + output
          + ") of layer " + name + ", " + inputs + " inputs x " + outputs + " outputs (0-based)");
    }
    return weight[input * outputs + output];
  }

  /** ‖W‖₂ (Frobenius), accumulated in double; the bias is not included. */
  public double norm() {
    double s = 0;
    for (float v : weight) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  /** Copies of every dense layer of {@code network}, input side first. */
  static List<LayerWeights> of(Sequential network) {
    List<LayerWeights> out = new ArrayList<>();
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense d) {
        String name = d.weight().name();
        out.add(new LayerWeights(name.substring(0, name.indexOf('.')),
            d.weight().value().rows(), d.weight().value().cols(), d.weight().value().toArray(),
            d.bias().value().toArray()));
      }
    }
    return out;
  }
}
