package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.select.CvMeasure;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a search cross-validates (select, grid): folds or repeated seeds, what the held-out rows
 * are scored by, and the rule.
 */
final class ResamplingOptions implements Flags.Conditional {
  @Option(names = {"--cv-folds", "--folds"}, paramLabel = "K",
      description = "K-fold cross-validation (random fold ids, seeded by --fold-seed); not "
          + "with --repeat-seeds. Default: ${DEFAULT-VALUE}.")
  int folds = 5;

  @Option(names = "--fold-seed", paramLabel = "S",
      description = "Seeds the random fold ids (with --repeat-seeds: the one split). "
          + "Default: ${DEFAULT-VALUE}.")
  long foldSeed = 0;

  @Option(names = "--repeat-seeds", paramLabel = "SEED", split = ",",
      description = "Instead of folds: one fixed split (--holdout of the rows held out), "
          + "fitted once per seed; the standard error then measures the seeds' noise.")
  List<Long> repeatSeeds;

  @Option(names = "--holdout", paramLabel = "F",
      description = "With --repeat-seeds: the share of rows held out. Default: "
          + "${DEFAULT-VALUE}.")
  double holdout = 0.2;

  @Option(names = "--rule", paramLabel = "RULE",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Rules.class,
      description = "1se (the largest λ / simplest setting within one standard error of the "
          + "best; cv.glmnet's lambda.1se) or min (the best mean); select takes it only with "
          + "several λ. Default: 1se.")
  String rule = "1se";

  @Option(names = "--cv-measure", paramLabel = "M",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.SearchMeasures.class,
      description = "What each split's held-out rows are scored by, for the choice: deviance "
          + "(the held-out loss: cross-entropy, or ½(y − ŷ)² for a regressor), class (the "
          + "misclassification rate; classifiers), mse or mae (regressors). Default: deviance.")
  String cvMeasure;

  /** Whether the search is k-fold cross-validation (not --repeat-seeds' one split). */
  boolean kFold() {
    return !repeated();
  }

  /** --repeat-seeds was given (with at least one seed): one split instead of folds. */
  private boolean repeated() {
    return repeatSeeds != null && !repeatSeeds.isEmpty();
  }

  @Override
  public void refuseIgnored(Flags.Given given) {
    given.requireApplies("--holdout", repeated(), "with --repeat-seeds",
        "with k-fold cross-validation (--cv-folds)");
    given.requireApplies("--cv-folds", !repeated(), "without --repeat-seeds",
        "with --repeat-seeds, which holds out one split (--holdout) instead of folds");
  }

  /**
   * A split's refusal ({@link dev.tikhonov.select.FoldException}: "split 2 of 5 (its training
   * rows): the target is constant …", "split 2 of 5: every one of its 12 held-out rows has
   * weight 0 …") with the data's flag in front and the flags that make other splits after it;
   * the library's message knows neither.
   */
  InputException splitRefusal(String data, dev.tikhonov.select.FoldException e) {
    // the library names the training side "(its training rows)"; otherwise the held-out rows
    // are at fault (all of weight 0), which more rows held out helps, not more rows to train on
    boolean training = e.getMessage().contains("(its training rows)");
    String remedy = repeated()
        ? "the split is random: another --fold-seed (now " + foldSeed + ") makes another one,"
            + (training ? " a smaller --holdout (now " + holdout + ") trains on more rows"
                : " a larger --holdout (now " + holdout + ") holds out more rows")
        : "the folds are random: another --fold-seed (now " + foldSeed + ") makes other ones,"
            + (training ? " more --cv-folds (now " + folds + ") trains each on more rows"
                : " fewer --cv-folds (now " + folds + ") hold out more rows each");
    return new InputException(data + ": " + e.getMessage() + "; " + remedy, e);
  }

  /**
   * Runs a search's {@code validate(train)} (what it refuses before its first fit), a split's
   * refusal worded as {@link #splitRefusal}; a setting's refusal names its flag in {@link
   * Main#report}.
   */
  void validate(Runnable searchValidate, String data) {
    try {
      searchValidate.run();
    } catch (dev.tikhonov.select.FoldException e) {
      throw splitRefusal(data, e);
    }
  }

  Resampling resampling() {
    if (repeated()) {
      long[] seeds = repeatSeeds.stream().mapToLong(Long::longValue).toArray();
      return Flags.translate(() -> Resampling.repeatedSeeds(holdout, foldSeed, seeds));
    }
    return Flags.translate(() -> Resampling.kFold(folds, foldSeed));
  }

  /**
   * --cv-measure as the core's measure (default: the deviance, the held-out loss); the AUC,
   * which a path's cross-validation takes, is refused here with the reason. Whether the measure
   * fits the target (class for classifiers, mse and mae for regressors) the search checks
   * before its first fit; another word is refused with the close one ("msa": mse).
   */
  CvMeasure measure() {
    if (cvMeasure == null) {
      return CvMeasure.DEVIANCE;
    }
    if (cvMeasure.equals(CvMeasure.AUC.id())) {
      throw new InputException("--cv-measure auc: expected deviance, class (classifiers), mse or"
          + " mae (regressors); the AUC ranks every held-out row's probability, which a search"
          + " does not keep (a linear path's cross-validation scores by it: path --cv-folds K"
          + " --cv-measure auc)");
    }
    List<String> searched = List.of("deviance", "class", "mse", "mae");
    if (!searched.contains(cvMeasure)) {
      throw new InputException(EnumeratedValue.refusal("--cv-measure", searched, cvMeasure));
    }
    return CvMeasure.ofId(cvMeasure);
  }

  SelectionRule rule() {
    return switch (rule) {
      case "1se" -> SelectionRule.ONE_STANDARD_ERROR;
      case "min" -> SelectionRule.MINIMUM;
      default -> throw new IllegalArgumentException("--rule " + rule + ": expected 1se or min");
    };
  }
}
