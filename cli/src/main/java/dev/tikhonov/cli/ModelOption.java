package dev.tikhonov.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --model} flag: "linear" (linear regression), "logistic" (softmax regression) or
 * "mlp:W1,W2,..." (ReLU hidden layers; a classifier, or a regressor with {@code --regression}).
 *
 * @param kind which estimator
 * @param hidden hidden widths of an MLP
 */
record ModelOption(Kind kind, List<Integer> hidden) {
  enum Kind { LINEAR, LOGISTIC, MLP }

  static ModelOption parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("linear")) {
      return new ModelOption(Kind.LINEAR, List.of());
    }
    if (t.equals("logistic") || t.equals("softmax")) {
      return new ModelOption(Kind.LOGISTIC, List.of());
    }
    if (t.startsWith("mlp:") || t.equals("mlp")) {
      String widths = t.equals("mlp") ? "256,128" : t.substring(4);
      List<Integer> hidden = new ArrayList<>();
      for (String w : widths.split(",", -1)) {
        int width;
        try {
          width = Integer.parseInt(w.trim());
        } catch (NumberFormatException e) {
          width = 0;
        }
        if (width < 1) {
          throw new IllegalArgumentException("--model " + text
              + ": expected mlp:W1,W2,... with positive integer widths, found '" + w + "'");
        }
        hidden.add(width);
      }
      return new ModelOption(Kind.MLP, hidden);
    }
    // the close word keeps what follows it: "mpl:64" is "did you mean mlp:64?"
    String word = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
    List<String> close = FlagSuggestions.nearest(word, List.of("linear", "logistic", "mlp"));
    throw new IllegalArgumentException("--model " + text + ": expected linear, logistic or"
        + " mlp:W1,W2,... (any case; e.g. mlp:256,128)" + (close.isEmpty() ? ""
            : "; did you mean " + String.join(" or ", close.stream()
                .map(c -> c + t.substring(word.length())).toList()) + "?"));
  }

  /** "linear", "logistic" or "mlp:256,128". */
  String describe() {
    return switch (kind) {
      case LINEAR -> "linear";
      case LOGISTIC -> "logistic";
      case MLP -> "mlp:" + String.join(",", hidden.stream().map(String::valueOf).toList());
    };
  }
}
