package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.select.FoldException;
import dev.tikhonov.select.KFold;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * K-fold cross-validation's flags, one declaration for every command that takes them (ridge
 * --criterion cv; select and grid through {@link ResamplingOptions}): the number of folds and
 * their seed, or a file of given folds (path's --foldid, cv.glmnet's foldid). The rule that
 * chooses from the folds' means is {@link RuleOption}'s. The descriptions are select's and
 * grid's; ridge's help gives its own ({@link RidgeCommand.FoldHelp}). Not thread-safe: picocli
 * fills its fields.
 */
final class FoldOptions implements Flags.Conditional {
  @Option(names = {"--cv-folds", "--folds"}, paramLabel = "K",
      description = "K-fold cross-validation (random fold ids, seeded by --fold-seed); not "
          + "with --repeat-seeds. Default: ${DEFAULT-VALUE}.")
  int folds = 5;

  @Option(names = "--fold-seed", paramLabel = "S",
      description = "Seeds the random fold ids (with --repeat-seeds: the one split). "
          + "Default: ${DEFAULT-VALUE}.")
  long foldSeed = 0;

  @Option(names = "--foldid", paramLabel = "FILE",
      description = "These folds instead of random ones, as path's --foldid (cv.glmnet's "
          + "foldid): one fold number 1..K per training row (the rows left after the test "
          + "split), in data order, optional header line; not with --cv-folds, --fold-seed or "
          + "--repeat-seeds.")
  Path foldid;

  /** --fold-column: the folds from a column of the data instead ({@link FoldColumn}). */
  @Mixin FoldColumn column = new FoldColumn();

  /** The folds are given (--foldid or --fold-column), not random. */
  boolean givenFolds() {
    return foldid != null || column.given();
  }

  /** The random folds' flags have no effect on given folds: refused, as path refuses them. */
  @Override
  public void refuseIgnored(Flags.Given given) {
    if (foldid != null && given.has("--cv-folds")) {
      throw new IllegalArgumentException("give either --cv-folds or --foldid, not both");
    }
    given.requireApplies("--fold-seed", foldid == null, "with random folds (--cv-folds)",
        "with --foldid, which gives the folds");
  }

  /** The k folds of --cv-folds and --fold-seed; a count below 2 names --cv-folds. */
  Resampling resampling() {
    return Flags.translate(() -> Resampling.kFold(folds, foldSeed));
  }

  /**
   * The folds of {@code rows} rows: --foldid's, read by path's reader ({@link KFold#read}: its
   * messages name the file, line and column), --fold-column's ({@link FoldColumn#take}, which
   * the caller called on these rows), or else {@link #resampling()}'s random ones.
   */
  Resampling resampling(int rows) {
    if (column.given()) {
      return Resampling.givenFolds(column.ids());
    }
    return foldid == null ? resampling()
        : Resampling.givenFolds(KFold.read(foldid, rows).foldIds());
  }

  /**
   * A fold's refusal ({@link FoldException}: "split 2 of 5 (its training rows): the target is
   * constant …", "split 2 of 5: every one of its 12 held-out rows has weight 0 …") with the
   * data's flag in front and the flags that make other folds after it; the library's message
   * knows neither. Given folds (--foldid, --fold-column) are the file's to change.
   */
  InputException splitRefusal(String data, FoldException e) {
    if (column.given()) {
      return refusal(data, e, "the folds are those of --fold-column \"" + column.name
          + "\": give folds that avoid this");
    }
    if (foldid != null) {
      return refusal(data, e, "the folds are those of --foldid " + foldid
          + ": give folds that avoid this");
    }
    boolean training = training(e);
    return refusal(data, e, "the folds are random: another --fold-seed (now " + foldSeed
        + ") makes other ones,"
        + (training ? " more --cv-folds (now " + folds + ") trains each on more rows"
            : " fewer --cv-folds (now " + folds + ") hold out more rows each"));
  }

  /**
   * Whether {@code e} faults a split's training rows: the library names them "(its training
   * rows)"; otherwise the held-out rows are at fault (all of weight 0), which more rows held out
   * helps, not more rows to train on.
   */
  static boolean training(FoldException e) {
    return e.getMessage().contains("(its training rows)");
  }

  /** "DATA: the library's message; REMEDY", an InputException caused by {@code e}. */
  static InputException refusal(String data, FoldException e, String remedy) {
    return new InputException(data + ": " + e.getMessage() + "; " + remedy, e);
  }
}
