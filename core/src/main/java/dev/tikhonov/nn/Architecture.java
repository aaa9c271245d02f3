package dev.tikhonov.nn;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.DirectMemory;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a model: {@code linear} (one dense layer: linear regression, or logistic/softmax
 * regression with cross-entropy), or an MLP with the given hidden widths, ReLU after each hidden
 * layer and optional inverted dropout after each ReLU.
 *
 * <p>Building checks memory first, from the widths alone: every weight matrix must fit one
 * direct buffer (2 GiB) and all parameters with their gradients the JVM's free direct memory
 * ({@link DirectMemory}); otherwise an {@link InputException} names the layer sizes, the bytes
 * they need and what is available, instead of an OutOfMemoryError. Immutable; thread-safe.
 *
 * @param hidden hidden layer widths; empty for a linear model
 * @param dropout dropout rate p after each hidden ReLU (0 = none)
 */
public record Architecture(List<Integer> hidden, double dropout) {
  public Architecture {
    hidden = List.copyOf(hidden);
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + h);
      }
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if (hidden.isEmpty() && dropout > 0) {
      throw new IllegalArgumentException("dropout needs hidden layers (it follows each ReLU)");
    }
  }

  /** One dense layer, no hidden layer: a linear model (linear, logistic or softmax regression). */
  public static Architecture linear() {
    return new Architecture(List.of(), 0);
  }

  /**
   * An MLP with hidden layers of the widths {@code hidden} (each ≥ 1), ReLU after each and
   * inverted dropout with rate {@code dropout} ∈ [0, 1) after each ReLU (0 = none).
   */
  public static Architecture mlp(double dropout, int... hidden) {

    List<Integer> h = new ArrayList<>();
    for (int w : hidden) {
      h.add(w);
    }
    return new Architecture(h, dropout);
  }

  /**
   * Builds the network. Initialization draws from {@code initRng}; dropout masks from
   * {@code dropoutRng} (one split per dropout layer). Before allocating anything it checks that
   * the parameters fit ({@link #requireMemory}); an allocation that fails all the same (another
   * thread took the memory) gives the same {@link InputException}.
   */
  public Sequential build(int inputs, int outputs, Initializer init, Rng initRng, Rng dropoutRng) {
    requireMemory(inputs, outputs);
    try {
      return allocate(inputs, outputs, init, initRng, dropoutRng);
    } catch (OutOfMemoryError e) {
      throw new InputException(memoryMessage(inputs, outputs, DirectMemory.available())
          + " (allocation failed: " + e.getMessage() + ")", e);
    }
  }

  /**
   * Bytes of direct memory the parameters of this architecture take: value and gradient of
   * every weight and bias, {@code Σ_layers 2·4·(a·b + b)} for a dense layer a→b. Training adds
   * the optimizer's buffers (momentum one copy, Adam two), activations of one mini-batch and,
   * data-parallel, one gradient copy per worker.
   */
  public long parameterBytes(int inputs, int outputs) {
    long bytes = 0;
    int[] widths = widths(inputs, outputs);
    for (int l = 0; l + 1 < widths.length; l++) {
      bytes += 8L * ((long) widths[l] * widths[l + 1] + widths[l + 1]);
    }
    return bytes;
  }

  /**
   * An {@link InputException} naming the layer sizes, the memory they need and what is
   * available when a weight matrix exceeds what one matrix holds (2 GiB) or the parameters
   * exceed the free direct memory ({@link DirectMemory#available()}).
   */
  public void requireMemory(int inputs, int outputs) {
    int[] widths = widths(inputs, outputs);
    long available = DirectMemory.available();
    for (int l = 0; l + 1 < widths.length; l++) {
      long bytes = 4L * widths[l] * widths[l + 1];
      if (bytes > DirectMemory.MAX_MATRIX_BYTES) {
        throw new InputException("model " + shape(widths) + ": layer " + (l + 1) + " ("
            + widths[l] + "x" + widths[l + 1] + " weights) needs " + bytes + " bytes ("
            + DirectMemory.format(bytes) + ") in one float32 matrix; a matrix holds at most "
            + DirectMemory.MAX_MATRIX_BYTES + " bytes (2 GiB, a direct buffer's limit). All"
            + " parameters with their gradients would need "
            + DirectMemory.format(parameterBytes(inputs, outputs)) + "; "
            + DirectMemory.format(available) + " of direct memory are available");
      }
    }
    if (parameterBytes(inputs, outputs) > available) {
      throw new InputException(memoryMessage(inputs, outputs, available));
    }
  }

  private String memoryMessage(int inputs, int outputs, long available) {
    int[] widths = widths(inputs, outputs);
    long need = parameterBytes(inputs, outputs);
    long limit = DirectMemory.limit();
    return "model " + shape(widths) + " needs " + need + " bytes (" + DirectMemory.format(need)
        + ") of direct memory for its weights, biases and their gradients, but "
        + DirectMemory.format(available) + " are available (the JVM's direct-memory limit is "
        + DirectMemory.format(limit) + ", -XX:MaxDirectMemorySize, by default the heap limit"
        + " -Xmx; " + DirectMemory.format(DirectMemory.reserved()) + " in use; physical memory "
        + DirectMemory.format(DirectMemory.physical()) + ")";
  }

  private int[] widths(int inputs, int outputs) {
    int[] widths = new int[hidden.size() + 2];
    widths[0] = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      widths[i + 1] = hidden.get(i);
    }
    widths[widths.length - 1] = outputs;
    return widths;
  }

  private static String shape(int[] widths) {
    StringBuilder s = new StringBuilder();
    for (int w : widths) {
      s.append(s.length() == 0 ? "" : "-").append(w);
    }
    return s.toString();
  }

  private Sequential allocate(int inputs, int outputs, Initializer init, Rng initRng,
      Rng dropoutRng) {
    List<Layer> layers = new ArrayList<>();
    int width = inputs;
    int index = 0;
    for (int h : hidden) {
      layers.add(new Dense("dense" + index++, width, h, init, initRng));
      layers.add(new ReLU());
      if (dropout > 0) {
        layers.add(new Dropout(dropout, dropoutRng.split()));
      }
      width = h;
    }
    layers.add(new Dense("dense" + index, width, outputs, init, initRng));
    return new Sequential(inputs, layers);
  }

  /** "linear" or "mlp:256,128". */
  public String describe() {
    if (hidden.isEmpty()) {
      return "linear";
    }
    return "mlp:" + String.join(",", hidden.stream().map(String::valueOf).toList());
  }
}
