package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.internal.data.ClassCounts;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.FoldException;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a network search cross-validates (select, grid): k folds or repeated seeds on one split,
 * what the held-out rows are scored by, and the rule. ridge takes the folds and the rule alone
 * ({@link FoldOptions}, {@link RuleOption}): its fits are exact, scored by the held-out MSE. The
 * fields' order is the help's. Not thread-safe: picocli fills its fields.
 */
final class ResamplingOptions implements Flags.Conditional {
  @Mixin FoldOptions folds = new FoldOptions();

  @Option(names = "--repeat-seeds", paramLabel = "SEED", split = ",",
      description = "Instead of folds: one fixed split (--holdout of the rows held out), "
          + "fitted once per seed; the standard error then measures the seeds' noise.")
  List<Long> repeatSeeds;

  @Option(names = "--holdout", paramLabel = "F",
      description = "With --repeat-seeds: the share of rows held out. Default: "
          + "${DEFAULT-VALUE}.")
  double holdout = 0.2;

  @Mixin RuleOption rule = new RuleOption();

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
        "with k-fold cross-validation (" + (folds.foldid != null ? "--foldid"
            : folds.column.given() ? FoldColumn.FLAG : given.typed("--cv-folds")) + ")");
    given.requireApplies("--cv-folds", !repeated(), "without --repeat-seeds",
        "with --repeat-seeds, which holds out one split (--holdout) instead of folds");
    given.requireApplies("--foldid", !repeated(), "without --repeat-seeds",
        "with --repeat-seeds, which holds out one split (--holdout) instead of folds");
  }

  /**
   * A split's refusal ({@link FoldException}) worded as {@link FoldOptions#splitRefusal}, with
   * --repeat-seeds' remedies for its one split.
   */
  InputException splitRefusal(String data, FoldException e) {
    if (!repeated()) {
      return folds.splitRefusal(data, e);
    }
    return FoldOptions.refusal(data, e, "the split is random: another --fold-seed (now "
        + folds.foldSeed + ") makes another one,"
        + (FoldOptions.training(e) ? " a smaller --holdout (now " + holdout + ") trains on more"
            + " rows" : " a larger --holdout (now " + holdout + ") holds out more rows"));
  }

  /**
   * Runs a search's {@code validate(train)} (what it refuses before its first fit), a split's
   * refusal worded as {@link #splitRefusal}; a setting's refusal names its flag in {@link
   * Main#report}.
   */
  void validate(Runnable searchValidate, String data) {
    try {
      searchValidate.run();
    } catch (FoldException e) {
      throw splitRefusal(data, e);
    }
  }

  /**
   * A warning when a class has one row among the {@code train} rows that k folds divide
   * (select, grid): whatever the folds, the one holding that row out trains its networks
   * without the class, and scores the row by a class they never saw. The networks train all
   * the same, so the search runs; path's cross-validation, whose fits need every class,
   * refuses this in the same words. scikit-learn's StratifiedKFold warns too ("The least
   * populated class in y has only 1 members"). Empty for a regressor, for --repeat-seeds (the
   * split may leave the row in), for rows of two classes (whose fold would train on one class,
   * which the search refuses) and when every class has two rows or more.
   *
   * @param data the data as the run's header names them (its --data)
   */
  java.util.Optional<String> loneClassWarning(dev.tikhonov.data.Dataset train, String data) {
    if (!kFold() || !train.isClassification()) {
      return java.util.Optional.empty();
    }
    // counted as the library's refusal of a class of one row counts them (FoldFeasibility)
    int[] counts = ClassCounts.of(train);
    java.util.OptionalInt lone = ClassCounts.loneClass(counts);
    // of two classes, the fold would train on one: the search refuses that itself (validate)
    if (lone.isEmpty() || ClassCounts.present(counts) <= 2) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("tikhonov: warning: " + data + ": class "
        + train.classNames().get(lone.getAsInt()) + " has one row of the " + train.numRows()
        + " training rows: whatever the folds, the one holding it out has no row of that class"
        + " to train on, so its networks never see the class its held-out row is scored by;"
        + " give that class more rows, or leave its row out");
  }

  /**
   * The splits of {@code rows} training rows: --repeat-seeds' one split, or the folds ({@link
   * FoldOptions#resampling(int)}: --foldid's or random ones).
   */
  Resampling resampling(int rows) {
    if (repeated()) {
      long[] seeds = repeatSeeds.stream().mapToLong(Long::longValue).toArray();
      return Flags.translate(() -> Resampling.repeatedSeeds(holdout, folds.foldSeed, seeds));
    }
    return folds.resampling(rows);
  }

  /** --foldid's file, for the run's settings and the outputs' checks; empty for none. */
  java.util.Optional<java.nio.file.Path> foldid() {
    return java.util.Optional.ofNullable(folds.foldid);
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
    return rule.rule();
  }
}
