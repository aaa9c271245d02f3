package dev.tikhonov.cli;

import dev.tikhonov.estimate.SelectionRule;
import picocli.CommandLine.Option;

/**
 * --rule, one declaration for the commands that choose from cross-validation's mean ± standard
 * error (ridge --criterion cv; select and grid through {@link ResamplingOptions}, which list it
 * after --holdout). The description is select's and grid's; ridge's help gives its own ({@link
 * RidgeCommand.FoldHelp}). Not thread-safe: picocli fills its field.
 */
final class RuleOption {
  @Option(names = "--rule", paramLabel = "RULE",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Rules.class,
      description = "1se (the largest λ / simplest setting within one standard error of the "
          + "best; cv.glmnet's lambda.1se) or min (the best mean); select takes it only with "
          + "several λ. Default: 1se.")
  String rule = "1se";

  /** --rule as the core's rule. */
  SelectionRule rule() {
    return switch (rule) {
      case "1se" -> SelectionRule.ONE_STANDARD_ERROR;
      case "min" -> SelectionRule.MINIMUM;
      default -> throw new IllegalArgumentException("--rule " + rule + ": expected 1se or min");
    };
  }
}
