package dev.tikhonov.spark;

import dev.tikhonov.internal.data.CloseNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flag of a spark-submit job ({@link PathJob}, {@link SweepJob}: each passes its own flags)
 * to suggest for an unknown one typed as another tool spells it: glmnet's and cv.glmnet's
 * arguments ({@code --nfolds}, {@code --foldid}, {@code --thresh}, {@code --dfmax},
 * {@code --pmax}, {@code --lambda.min.ratio}, {@code --type.measure}, {@code --keep}), MLlib's
 * params ({@code --regParam}, {@code --elasticNetParam}, {@code --labelCol}), scikit-learn's
 * ({@code --alpha}, {@code --l1_ratio}, {@code --cv}, {@code --hidden_layer_sizes},
 * {@code --max_iter}) and the network trainers' ({@code --lr}, {@code --dropout},
 * {@code --weight_decay}), or a flag of the job's in another case, with "_" or "." for "-", or
 * with "=value" attached; {@code ./tikhonov path}'s {@code --ignore-columns} (and
 * {@code --exclude}, {@code --drop}), for which the job's way is {@code --features}, the columns
 * to fit on; and else the job's flags closest in spelling ({@code --featurs}: {@code --features};
 * CloseNames, the ranking of the CLI's suggestions). Only a flag the job has is suggested.
 * Suggestions in the error, never accepted aliases, as the CLI's.
 *
 * <p>Why a table of the Spark module's own rather than the CLI's {@code FlagSuggestions}: the
 * spark module does not depend on cli, the core speaks of settings, never of flags (so the
 * table cannot move there), and the job's flags differ from {@code ./tikhonov path}'s where a
 * suggestion matters most ({@code --fold-column} for the CLI's {@code --foldid}, glmnet's
 * {@code foldid}; no {@code --weights}, {@code --offset}, {@code --maxit}). Stateless.
 */
final class FlagSuggestions {
  private FlagSuggestions() {}

  /** A flag of the job's that an unknown one may mean, with a note in the job's words. */
  private record Candidate(String flag, String note) {}

  private static final String GLMNET_ALPHA = " (glmnet's alpha is α)";
  private static final String SKLEARN_ALPHA = " (scikit-learn's alpha is λ)";
  private static final String IGNORED = " (the job has no --ignore-columns: --features lists"
      + " the columns to fit on, every other one is left out)";

  /**
   * Other tools' names, normalized ({@link #normalized}), to the job's flags; only those the
   * job has are suggested. A name the normalization alone maps to a flag
   * ({@code --lambda.min.ratio}, {@code --l1_ratio}, {@code --CV-Folds}) needs no entry.
   */
  private static final Map<String, List<Candidate>> ALIASES = Map.ofEntries(
      // glmnet's and cv.glmnet's arguments (R spells them with '.', normalized to '-')
      Map.entry("--nfolds", List.of(new Candidate("--cv-folds", " (cv.glmnet's nfolds)"))),
      Map.entry("--foldid", List.of(new Candidate("--fold-column",
          " (cv.glmnet's foldid, here a column of the data)"))),
      Map.entry("--thresh", List.of(new Candidate("--tol", " (glmnet's thresh is where its"
          + " sweeps stop; --tol certifies each λ)"))),
      Map.entry("--dfmax", List.of(new Candidate("--max-features", " (glmnet's dfmax)"))),
      Map.entry("--pmax", List.of(new Candidate("--max-ever-active", " (glmnet's pmax)"))),
      Map.entry("--type-measure", List.of(new Candidate("--cv-measure",
          " (cv.glmnet's type.measure)"))),
      Map.entry("--keep", List.of(new Candidate("--out-of-fold",
          " (cv.glmnet's keep = TRUE)"))),
      Map.entry("--lambda", List.of(new Candidate("--lambdas", ""))),
      Map.entry("--weights", List.of(new Candidate("--weight", ""))),
      Map.entry("--standardize", List.of(new Candidate("--no-standardize", ""))),
      Map.entry("--y", List.of(new Candidate("--target", ""))),
      // ./tikhonov path's way to leave columns out; the job lists the columns to fit on
      Map.entry("--ignore-columns", List.of(new Candidate("--features", IGNORED))),
      Map.entry("--exclude", List.of(new Candidate("--features", IGNORED))),
      Map.entry("--drop", List.of(new Candidate("--features", IGNORED))),
      // MLlib's params (normalized: --regparam, --labelcol, ...)
      Map.entry("--regparam", List.of(new Candidate("--lambdas", " (MLlib's regParam is λ)"))),
      Map.entry("--elasticnetparam", List.of(new Candidate("--l1-ratio",
          " (MLlib's elasticNetParam is α)"))),
      Map.entry("--labelcol", List.of(new Candidate("--target", ""))),
      Map.entry("--label", List.of(new Candidate("--target", ""))),
      Map.entry("--featurescol", List.of(new Candidate("--features", ""))),
      Map.entry("--weightcol", List.of(new Candidate("--weight", ""))),
      Map.entry("--foldcol", List.of(new Candidate("--fold-column", ""))),
      Map.entry("--numfolds", List.of(new Candidate("--cv-folds", ""))),
      Map.entry("--num-folds", List.of(new Candidate("--cv-folds", ""))),
      Map.entry("--folds", List.of(new Candidate("--cv-folds", ""))),
      Map.entry("--cv", List.of(new Candidate("--cv-folds", ""))),
      Map.entry("--numlambdas", List.of(new Candidate("--nlambda", ""))),
      Map.entry("--num-lambdas", List.of(new Candidate("--nlambda", ""))),
      Map.entry("--lambdaminratio", List.of(new Candidate("--lambda-min-ratio", ""))),
      Map.entry("--tolerance", List.of(new Candidate("--tol", ""))),
      Map.entry("--measure", List.of(new Candidate("--cv-measure", ""))),
      Map.entry("--l1ratio", List.of(new Candidate("--l1-ratio", ""))),
      Map.entry("--random-state", List.of(new Candidate("--seed", ""))),
      Map.entry("--output", List.of(new Candidate("--out", ""))),
      // SweepJob's network flags as Keras, PyTorch and scikit-learn's MLPClassifier name them
      Map.entry("--lr", List.of(new Candidate("--learning-rate", ""))),
      Map.entry("--learning-rate-init", List.of(new Candidate("--learning-rate",
          " (scikit-learn's learning_rate_init)"))),
      Map.entry("--dropout", List.of(new Candidate("--dropouts", ""))),
      Map.entry("--seed", List.of(new Candidate("--seeds", ""))),
      Map.entry("--seeds", List.of(new Candidate("--seed", ""))),
      Map.entry("--epoch", List.of(new Candidate("--epochs", ""))),
      Map.entry("--max-iter", List.of(new Candidate("--epochs",
          " (scikit-learn's max_iter counts epochs)"))),
      Map.entry("--batchsize", List.of(new Candidate("--batch-size", ""))),
      Map.entry("--hidden-layer-sizes", List.of(new Candidate("--hidden",
          " (scikit-learn's hidden_layer_sizes)"))),
      Map.entry("--weight-decay", List.of(new Candidate("--lambdas",
          " (the L2 strength λ, PyTorch's weight_decay)"))),
      Map.entry("--threads", List.of(new Candidate("--threads-per-task", ""))),
      Map.entry("--save-model", List.of(new Candidate("--save-models", ""))),
      // scikit-learn's alpha is the strength, glmnet's the L1 share: both
      Map.entry("--alpha", List.of(new Candidate("--l1-ratio", GLMNET_ALPHA),
          new Candidate("--lambdas", SKLEARN_ALPHA))));

  /**
   * "; did you mean --cv-folds? (cv.glmnet's nfolds)" for an unknown flag {@code typed} that
   * another tool's name, another case or spelling of one of {@code flags}, or a flag with its
   * value attached by "=" explains, else the flags closest in spelling (at most three); empty
   * when none is.
   *
   * @param flags the job's flags
   */
  static Optional<String> suggestion(String typed, Set<String> flags) {
    if (!typed.startsWith("--")) {
      return Optional.empty();
    }
    int eq = typed.indexOf('=');
    if (eq > 0 && flags.contains(typed.substring(0, eq))) {
      return Optional.of("; give the value as the next argument: " + typed.substring(0, eq)
          + " " + typed.substring(eq + 1));
    }
    String normal = normalized(typed);
    for (String flag : flags) {
      if (normalized(flag).equals(normal)) {
        return Optional.of("; did you mean " + flag + "?");
      }
    }
    List<String> close = new ArrayList<>();
    for (Candidate c : ALIASES.getOrDefault(normal, List.of())) {
      if (flags.contains(c.flag())) {
        close.add(c.flag() + c.note());
      }
    }
    if (close.isEmpty()) {
      // a typo: --featurs, --cv-fold (the flags' order is a set's: the ranking's ties by name)
      close.addAll(CloseNames.closest(typed.substring(0, eq > 0 ? eq : typed.length()),
          flags.stream().sorted().toList()));
    }
    return close.isEmpty() ? Optional.empty()
        : Optional.of("; did you mean " + String.join(" or ", close) + "?");
  }

  /**
   * Lower case, "_" and "." (R's glmnet: lambda.min.ratio) as "-", without "=value":
   * --Lambda_Min_Ratio=0.1 is --lambda-min-ratio.
   */
  private static String normalized(String arg) {
    int eq = arg.indexOf('=');
    return (eq < 0 ? arg : arg.substring(0, eq)).toLowerCase(Locale.ROOT).replace('_', '-')
        .replace('.', '-');
  }
}
