package dev.tikhonov.cli;

import dev.tikhonov.internal.data.CloseNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flag to suggest for one typed as another tool spells it: {@code --learning-rate} (PyTorch,
 * Keras) for {@code --lr}, {@code --batch_size} for {@code --batch-size}, {@code --Lambda} for
 * {@code --lambda}, glmnet's {@code --lambda.min.ratio}, {@code --nfolds} and
 * {@code --type.measure} for {@code --lambda-min-ratio}, {@code --cv-folds} and
 * {@code --cv-measure}. picocli's own suggestions go by spelling
 * distance and found none of these.
 * They are suggestions in the error, never accepted aliases: one spelling per setting keeps
 * every command line, run.json and doc alike. Stateless.
 */
final class FlagSuggestions {
  private FlagSuggestions() {}

  /**
   * A flag of the command's that {@code typed} may mean, in its words (with a note), and where
   * to read more ({@code see}, said once after the suggestions).
   */
  private record Candidate(String flag, String note, String see) {
    /** A candidate whose note, if any, converts another library's setting. */
    Candidate(String flag, String note) {
      this(flag, note, note.isEmpty() ? "" : CONVERTS);
    }
  }

  private static final String CONVERTS =
      " docs/objective.md converts scikit-learn's and glmnet's settings";

  private static final String SKLEARN_ALPHA = " (scikit-learn's alpha is λ)";
  private static final String GLMNET_ALPHA = " (glmnet's alpha is α)";
  private static final String FEATURES = " (the columns to leave out: every other column but"
      + " --target's is a feature)";
  private static final String GLMNET_THRESH = " (glmnet's thresh is where its sweeps stop;"
      + " --tol certifies each λ)";

  /**
   * Other tools' names, normalized ({@link #normalized}), to this tool's flags; only those the
   * command has are suggested. A name the normalization alone maps to a flag (--batch_size,
   * --Weight-Decay) needs no entry.
   */
  private static final Map<String, List<Candidate>> ALIASES = Map.ofEntries(
      Map.entry("--learning-rate", List.of(new Candidate("--lr", ""))),
      Map.entry("--learningrate", List.of(new Candidate("--lr", ""))),
      Map.entry("--weightdecay", List.of(new Candidate("--weight-decay", ""))),
      Map.entry("--wd", List.of(new Candidate("--weight-decay", ""))),
      Map.entry("--batchsize", List.of(new Candidate("--batch-size", ""))),
      Map.entry("--l1ratio", List.of(new Candidate("--l1-ratio", ""))),
      Map.entry("--dropout-rate", List.of(new Candidate("--dropout", ""))),
      Map.entry("--num-epochs", List.of(new Candidate("--epochs", ""))),
      Map.entry("--n-epochs", List.of(new Candidate("--epochs", ""))),
      Map.entry("--max-iter", List.of(new Candidate("--epochs", ""),
          new Candidate("--max-iterations", ""))),
      Map.entry("--random-state", List.of(new Candidate("--seed", ""))),
      Map.entry("--n-jobs", List.of(new Candidate("--threads", ""))),
      Map.entry("--num-threads", List.of(new Candidate("--threads", ""))),
      // glmnet's and cv.glmnet's arguments (R spells them with '.', normalized to '-')
      Map.entry("--thresh", List.of(new Candidate("--tol", GLMNET_THRESH))),
      Map.entry("--maxit", List.of(new Candidate("--max-iterations", ""))),
      Map.entry("--nfolds", List.of(new Candidate("--cv-folds", ""))),
      Map.entry("--dfmax", List.of(new Candidate("--max-features", ""))),
      Map.entry("--pmax", List.of(new Candidate("--max-ever-active", ""))),
      Map.entry("--type-measure", List.of(new Candidate("--cv-measure", ""))),
      Map.entry("--alignment", List.of(new Candidate("--cv-alignment", ""))),
      Map.entry("--exclude", List.of(new Candidate("--ignore-columns", ""))),
      // Spark's PathJob picks the columns to fit on; the CLI fits on every other column
      Map.entry("--features", List.of(new Candidate("--ignore-columns", FEATURES, ""))),
      Map.entry("--intercept", List.of(new Candidate("--no-intercept", ""))),
      Map.entry("--standardize", List.of(new Candidate("--no-standardize", ""))),
      Map.entry("--penalty-factor", List.of(new Candidate("--penalty-factors", ""))),
      // sklearn's alpha is the strength, glmnet's the L1 share: both, and where they convert
      Map.entry("--alpha", List.of(new Candidate("--lambda", SKLEARN_ALPHA),
          new Candidate("--lambdas", SKLEARN_ALPHA), new Candidate("--l1-ratio", GLMNET_ALPHA))));

  /**
   * "; did you mean --lr?" for the first unknown flag among {@code unmatched} that another
   * tool's name or another case of one of {@code options} explains; empty when none does.
   *
   * @param unmatched the arguments picocli could not match, e.g. ["--learning-rate", "0.1"]
   * @param options the flags of the command they were given to
   */
  static Optional<String> suggestion(List<String> unmatched, Set<String> options) {
    for (String arg : unmatched) {
      if (!arg.startsWith("--")) {
        continue;
      }
      String typed = normalized(arg);
      for (String option : options) {
        if (normalized(option).equals(typed) && !option.equals(arg)) {
          return Optional.of("; did you mean " + option + "?");
        }
      }
      List<String> close = new ArrayList<>();
      String see = "";
      for (Candidate c : ALIASES.getOrDefault(typed, List.of())) {
        if (options.contains(c.flag())) {
          close.add(c.flag() + c.note());
          see = c.see().isEmpty() ? see : c.see();
        }
      }
      if (!close.isEmpty()) {
        return Optional.of("; did you mean " + String.join(" or ", close) + "?" + see);
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code names} close to {@code typed} in spelling, closest first (at most three):
   * "train" for "trian", "ridge-vs-lasso" for "ridge-vs-las" ({@link CloseNames#closest}, the
   * one ranking the core's column suggestions use too). picocli's own suggestions came in its
   * order and far ones included ("trian": grid or train or experiment).
   */
  static List<String> closest(String typed, java.util.Collection<String> names) {
    return CloseNames.closest(typed, names);
  }

  /**
   * Of {@link #closest}, those as close as the closest ({@link CloseNames#nearest}): a value's
   * words are few and often differ in a letter or two (increasing, decreasing), so the next
   * closest is another word rather than another reading of the typo.
   */
  static List<String> nearest(String typed, java.util.Collection<String> names) {
    return CloseNames.nearest(typed, names);
  }

  /**
   * Lower case, "_" and "." (R's glmnet: lambda.min.ratio) as "-", without "=value":
   * --Learning_Rate=0.1 is --learning-rate.
   */
  private static String normalized(String arg) {
    int eq = arg.indexOf('=');
    return (eq < 0 ? arg : arg.substring(0, eq)).toLowerCase(Locale.ROOT).replace('_', '-')
        .replace('.', '-');
  }
}
