package dev.tikhonov.train;

import dev.tikhonov.loss.Family;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import java.util.ArrayList;
import java.util.List;

/**
 * A model before training: its architecture, family (what it predicts: {@link Family#GAUSSIAN}
 * for real targets, {@link Family#MULTINOMIAL} for classes) and initialization.
 *
 * <ul>
 *   <li>{@code linear}: linear regression, ŷ = x·W + b, squared error;
 *   <li>{@code logistic}: logistic/softmax regression, p(y|x) = softmax(x·W + b), cross-entropy
 *       (two classes use two logits: the softmax form of logistic regression);
 *   <li>{@code mlp:256,128}: dense layers with ReLU, softmax cross-entropy (or squared error for
 *       the gaussian family).
 * </ul>
 *
 * <p>Immutable, so thread-safe, given an immutable initializer ({@code Initializer}'s factories
 * return such).
 *
 * @param architecture linear, or an MLP's hidden widths and dropout
 * @param family {@link Family#GAUSSIAN} (squared error) or {@link Family#MULTINOMIAL} (softmax
 *     cross-entropy); no other
 * @param initializer how the dense layers' weights and biases start
 */

public record ModelSpec(Architecture architecture, Family family, Initializer initializer) {

  /** Networks are gaussian (real targets) or multinomial (classes). */
  public ModelSpec {
    java.util.Objects.requireNonNull(architecture, "architecture");
    java.util.Objects.requireNonNull(initializer, "initializer");
    if (family != Family.GAUSSIAN && family != Family.MULTINOMIAL) {
      throw new IllegalArgumentException("a network's family is gaussian or multinomial, not "
          + family);
    }
  }

  /**
   * Parses the text form of a model ("linear", "logistic" or "mlp:W1,W2,...", as {@link
   * #describe()} writes it). {@code dropout} applies to MLPs; {@code family} to MLPs too
   * (linear is gaussian, logistic multinomial, whatever it says).
   */
  public static ModelSpec parse(String text, double dropout, Family family) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("linear")) {
      requireNoDropout(dropout, t);
      return new ModelSpec(Architecture.linear(), Family.GAUSSIAN, Initializer.zeros());
    }
    if (t.equals("logistic") || t.equals("softmax")) {
      requireNoDropout(dropout, t);
      return new ModelSpec(Architecture.linear(), Family.MULTINOMIAL, Initializer.zeros());
    }
    if (t.startsWith("mlp:") || t.equals("mlp")) {
      String widths = t.equals("mlp") ? "256,128" : t.substring(4);
      List<Integer> hidden = new ArrayList<>();
      for (String w : widths.split(",")) {
        try {
          hidden.add(Integer.parseInt(w.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("model " + text
              + ": expected mlp:W1,W2,... with positive integer widths, found '" + w + "'");
        }
      }
      return new ModelSpec(new Architecture(hidden, dropout),
          family, Initializer.pytorchDefault());
    }
    throw new IllegalArgumentException(
        "model " + text + ": expected linear, logistic or mlp:W1,W2,... (e.g. mlp:256,128)");
  }

  private static void requireNoDropout(double dropout, String model) {
    if (dropout > 0) {
      throw new IllegalArgumentException(
          "dropout needs hidden layers; model '" + model + "' has none (use mlp:...)");
    }
  }

  /** "linear", "logistic" or "mlp:256,128". */
  public String describe() {
    if (architecture.hidden().isEmpty()) {
      return family == Family.GAUSSIAN ? "linear" : "logistic";
    }
    return architecture.describe();
  }
}
