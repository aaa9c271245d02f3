package dev.tikhonov.cli;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.data.CloseNames;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.internal.data.DataFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the data comes from: the bundled MNIST sample, an IDX directory, CSV or LIBSVM. */
final class DataOptions implements Flags.Conditional {
  /** What --data names, as {@link #load} tells it from the path. */
  private enum Source { BUNDLED, IDX_DIRECTORY, CSV, LIBSVM }

  @Option(names = "--data", paramLabel = "PATH",
      description = "Training data: a directory of MNIST-style IDX files (train-images-idx3-ubyte"
          + "[.gz] etc.; e.g. /usr/share/datasets/fashion-mnist), a LIBSVM/svmlight file (.svm, "
          + ".libsvm, .svmlight, optionally .gz), or any other file as delimited text: CSV, TSV "
          + "(needs --target). The same rule in every command. Default: the bundled sample of "
          + "10,000 real MNIST digits (8,000 train / 2,000 test), pixels scaled to [0, 1].")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN",
      description = "CSV only (LIBSVM and MNIST data carry their own target): the column to "
          + "predict.")
  String target;

  @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
      converter = ColumnNames.Unquote.class,
      description = "CSV only: columns to leave out of the data, neither features nor the "
          + "target (an id, a date, free text; their cells need not be numbers), e.g. "
          + "--ignore-columns id,date. Each must be a column of the file, not the target. "
          + "A name with a comma goes in double quotes, as in CSV: --ignore-columns "
          + "'\"a,1\",id'.")
  List<String> ignoreColumns;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "CSV/LIBSVM only (MNIST data come split): share of rows held out as the "
          + "test set (seeded; stratified for classification). Default: ${DEFAULT-VALUE}.")
  double testFraction = 0.2;

  /**
   * A column of observation weights (train's and grid's --weights), checked on every row of
   * the file before the split ({@link #refuseBadWeights}); null for none. Not a flag of its own
   * here.
   */
  String weightsColumn;

  /**
   * --fold-column of a command that reads its data here (select, grid), whose cells are
   * checked on every row of the file before the split ({@link FoldColumn#checkCells}); null for
   * none. Not a flag of its own here.
   */
  FoldColumn foldColumn;

  /**
   * --test-fraction where it splits the data (CSV and LIBSVM); empty for MNIST, whose test set
   * comes apart.
   */
  java.util.OptionalDouble testFractionApplied() {
    Source source = source();
    return source == Source.CSV || source == Source.LIBSVM
        ? java.util.OptionalDouble.of(testFraction) : java.util.OptionalDouble.empty();
  }

  /**
   * By {@link DataFormat}'s rule, which path, predict and evaluate use too (train read .txt and
   * unknown names as LIBSVM, and evaluate then read the same file as CSV). One IDX array file
   * is not training data (it has no labels beside it): reported as delimited text, whose reader
   * then names the file.
   */
  private Source source() {
    if (data == null) {
      return Source.BUNDLED;
    }
    return switch (DataFormat.of(data)) {
      case IDX_DIRECTORY -> Source.IDX_DIRECTORY;
      case LIBSVM -> Source.LIBSVM;
      case DELIMITED, IDX_FILE -> Source.CSV;
    };
  }

  @Override
  public void refuseIgnored(Flags.Given given) {
    Source source = source();
    if (source == Source.IDX_DIRECTORY) {
      requireIdxFolder("--data", data);
    }
    String where = switch (source) {
      case BUNDLED -> "on the bundled MNIST sample, ";
      case IDX_DIRECTORY -> "on MNIST-style IDX data, ";
      case CSV -> "on CSV data, ";
      case LIBSVM -> "on LIBSVM data, ";
    };
    given.requireApplies("--target", source == Source.CSV, "to CSV data", where
        + switch (source) {
          case LIBSVM -> "whose first field on each line is the target";
          case BUNDLED -> "which holds its own labels";
          default -> "which hold their own labels";
        });
    given.requireApplies("--ignore-columns", source == Source.CSV, "to CSV data", where
        + "which has no named columns to leave out");
    given.requireApplies("--test-fraction", source == Source.CSV || source == Source.LIBSVM,
        "to CSV and LIBSVM data", where + "whose train/test split is fixed");
  }

  /**
   * {@link #refuseIgnoredObservationColumn} for this command's --ignore-columns and --target
   * (train's --weights).
   */
  void refuseObservationColumn(String flag, String column) {
    refuseIgnoredObservationColumn(flag, column, ignoreColumns, target);
  }

  /**
   * The --weights COLUMN of a command that reads its data here (train, grid): a column of CSV
   * data, not the --target nor one of --ignore-columns.
   */
  void refuseWeights(Flags.Given given, String weights) {
    // it names a column: LIBSVM lines and MNIST images have none to take
    given.requireApplies("--weights", data != null
        && DataFormat.of(data) != DataFormat.LIBSVM
        && DataFormat.of(data) != DataFormat.IDX_DIRECTORY,
        "to CSV data (it names a column)", data == null
            ? "on the bundled MNIST sample, whose images have no named columns"
            : DataFormat.of(data) == DataFormat.LIBSVM ? "on LIBSVM data, whose"
                + " lines hold only the target and the features"
            : "on MNIST-style IDX data, whose images have no named columns");
    refuseObservationColumn("--weights", weights);
  }

  /**
   * A test part whose --weights are all 0, refused before the training: the test scores,
   * weighted means, would have no value after it.
   */
  private void refuseUnweightedTest(Dataset test) {
    if (weightsColumn != null && test.featureNames().contains(weightsColumn)
        && java.util.Arrays.stream(test.column(weightsColumn)).sum() == 0) {
      throw new InputException("--weights \"" + weightsColumn + "\": every weight of the "
          + test.numRows() + " test rows of " + data + " is 0, so their weighted"
          + " scores would have no value; give some of them weight, or split otherwise"
          + " (--seed, --test-fraction)");
    }
  }

  /**
   * Refuses a folder given to {@code flag} (--data) that holds none of the MNIST IDX files,
   * naming the flag and what the folder holds: such
   * a folder (data/ instead of data/wine.csv) was called "MNIST-style IDX data" that "hold their
   * own labels" when --target was given, and a missing train-images file otherwise.
   */
  static void requireIdxFolder(String flag, Path folder) {
    requireIdxFolder(flag, folder, "a CSV or LIBSVM file, or a folder");
  }

  /**
   * {@link #requireIdxFolder(String, Path)} for a flag that takes {@code takes} (an
   * experiment's "a folder": it was "&lt;dir&gt;/train-images-idx3-ubyte.gz: file not found").
   */
  static void requireIdxFolder(String flag, Path folder, String takes) {
    if (Mnist.holdsIdxFiles(folder)) {
      return;
    }
    List<String> names;
    try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
      names = entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      names = List.of();
    }
    String holds = names.isEmpty() ? "it is empty"
        : "it holds " + String.join(", ", names.subList(0, Math.min(3, names.size())))
            + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
    throw new InputException(flag + " " + folder + " is a folder without MNIST IDX files ("
        + holds + "); expected " + takes + " holding "
        + Mnist.TRAIN_IMAGES + ", " + Mnist.TRAIN_LABELS + ", " + Mnist.TEST_IMAGES + ", "
        + Mnist.TEST_LABELS + " (each optionally .gz)");
  }

  /** Loads train and test sets; {@code kind} says whether the target is a class or a number. */
  TrainTest load(TargetKind kind, long seed) {
    return load(kind, seed, "read the target as numbers");
  }

  /**
   * The refusal of a target of text read as numbers, with the flags that fit a classifier:
   * {@code data/wine.csv:2:14 (column "cultivar"): expected a number, found "class_0"; the target
   * holds text, and a model that predicts numbers cannot fit it: if "cultivar" holds class
   * labels, drop --regression to fit a classifier}. It said only "expected a number".
   *
   * @param classifier the flags that fit a classifier, e.g. "drop --regression"
   */
  static InputException textTarget(dev.tikhonov.data.TextTargetException e, String classifier) {
    return new InputException(e.problem() + "; the target holds text, and a model that predicts"
        + " numbers cannot fit it: if \"" + e.column() + "\" holds class labels, " + classifier
        + " to fit a classifier", e);
  }

  /**
   * The refusal of a --data that is not there: a dangling link says where it points, and "-"
   * (a pipe into the command, as predict's --out - writes to one) says that standard input is
   * not read; it said "--data -: no such file or directory".
   */
  static InputException missing(Path data) {
    if (data.toString().equals("-")) {
      return new InputException("--data -: standard input cannot be the data: tikhonov reads a"
          + " file more than once or at random positions, so save it as a file first (a file"
          + " named \"-\" is ./-)");
    }
    return new InputException("--data " + data + ": no such file or directory"
        + dev.tikhonov.data.DataFiles.danglingLink(data));
  }

  /**
   * {@link #load(TargetKind, long)}, refusing a real-valued target read as classes
   * ({@link #refuseRealTarget}) and a target of text read as numbers ({@link #textTarget});
   * {@code instead} says which flags fit the other kind of model: a regression model for
   * {@link TargetKind#CLASS} ("add --regression"), a classifier for {@link TargetKind#REAL}
   * ("drop --regression").
   */
  TrainTest load(TargetKind kind, long seed, String instead) {
    return load(kind, seed, instead, Use.FIT);
  }

  /**
   * MNIST-style labels are classes, which a regression cannot fit. It was refused after the
   * run's header by the estimator, in library terms: "LinearRegression predicts numbers, but
   * the target holds class labels; use a classifier or read the target as a number", which no
   * flag can do for IDX data.
   */
  private static void refuseClassLabelsAsNumbers(TargetKind kind, String data, String instead) {
    if (kind == TargetKind.REAL) {
      throw new InputException(data + ": MNIST-style IDX data hold class labels (digits),"
          + " which a model that predicts numbers cannot fit; " + instead + " to fit a classifier");
    }
  }

  /** What the training part of {@link #load} is for, which decides what it cannot hold. */
  enum Use {
    /** Fitted (with its own validation part, perhaps). */
    FIT,
    /**
     * Searched on with k-fold cross-validation (grid, select): every fold split holds each
     * row out once, so a regression target that varies in one row only is refused too.
     */
    K_FOLDS
  }

  /** {@link #load(TargetKind, long, String)} for a training part used as {@code use} says. */
  TrainTest load(TargetKind kind, long seed, String instead, Use use) {
    if (data == null) {
      refuseClassLabelsAsNumbers(kind, "the bundled MNIST sample (no --data)", instead);
      return Mnist.bundled();
    }
    if (!Files.exists(data)) {
      throw DataOptions.missing(data);
    }
    if (source() == Source.IDX_DIRECTORY) {
      refuseClassLabelsAsNumbers(kind, "--data " + data, instead);
      return Mnist.load(data);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new InputException("--test-fraction must be in (0, 1), got " + testFraction);
    }
    Dataset all;
    if (source() == Source.CSV) {
      if (target == null) {
        throw new InputException("--data " + data + " is a CSV file: say which column to "
            + "predict with --target COLUMN");
      }
      try {
        all = CsvReader.read(data, target, kind, csvOptions(ignoreColumns, data));
      } catch (dev.tikhonov.data.TextTargetException e) {
        throw textTarget(e, instead);
      }
      IdentifierColumns.warning(all, data).ifPresent(System.err::println);
    } else {
      all = LibsvmReader.read(data, kind);
    }
    if (kind == TargetKind.CLASS) {
      refuseRealTarget(all, data, target, instead);
    }
    refuseBadWeights(all);
    if (foldColumn != null) {
      foldColumn.checkCells(all, data);
    }
    TrainTest split;
    try {
      split = kind == TargetKind.CLASS
          ? Splits.stratifiedTrainTest(all, testFraction, seed)
          : Splits.trainTest(all, testFraction, seed);
    } catch (InputException e) {
      // Either part would be empty (the split's one InputException for a fraction in (0, 1)):
      // the library says "test fraction 0.2", which named no flag.
      throw new InputException("--data " + data + ": " + tooFewToSplit(all.numRows()), e);
    }
    refuseUnweightedTraining(split.train(), seed);
    refuseUnweightedTest(split.test());
    if (kind == TargetKind.REAL) {
      refuseConstantTarget(all, split.train(), seed, use);
    } else {
      refuseOneWeightedValue(all, split.train(), seed);
      testOnlyClasses(all, split.train(), seed).forEach(System.err::println);
    }
    return split;
  }

  /**
   * A warning for each class of the file with no row among the training rows of the split: the
   * model never trains on it, and its test rows score a class it cannot predict. The stratified
   * split leaves every class a training row unless round(n·f) test rows exceed n minus the
   * classes (6 rows of 4 classes at 0.5); the run went on without a word (scikit-learn's
   * stratified split refuses a class of one row, glmnet warns of a class of fewer than 8).
   */
  private List<String> testOnlyClasses(Dataset all, Dataset train, long seed) {
    int[] inFile = classCounts(all);
    int[] inTrain = classCounts(train);
    List<String> warnings = new java.util.ArrayList<>();
    for (int c = 0; c < inFile.length; c++) {
      if (inFile[c] > 0 && inTrain[c] == 0) {
        warnings.add("tikhonov: warning: --data " + data + ": class \"" + all.classNames().get(c)
            + "\" has " + inFile[c] + " row" + (inFile[c] == 1 ? "" : "s") + ", all in the test"
            + " part of the split (--test-fraction " + testFraction + ", --seed " + seed
            + "): the model never trains on that class; give a smaller --test-fraction, or that"
            + " class more rows");
      }
    }
    return warnings;
  }

  /** Rows of each class of {@code d}. */
  private static int[] classCounts(Dataset d) {
    int[] counts = new int[d.numClasses()];
    for (int i = 0; i < d.size(); i++) {
      counts[d.label(i)]++;
    }
    return counts;
  }

  /**
   * A weight below 0 or weights all 0 in the --weights column, named by the file's row (as path
   * names it) before the split: the estimator sees the training part only, and numbered its
   * rows in the shuffled part ("row 40" for the file's row 50). A column the file lacks is
   * named in the estimator's words, but before the run prints its header.
   */
  private void refuseBadWeights(Dataset all) {
    if (weightsColumn == null) {
      return;
    }
    List<String> names = all.featureNames();
    if (!names.contains(weightsColumn)) {
      // the estimator's words, before the run's header and warnings rather than after them
      throw new InputException("--weights \"" + weightsColumn + "\": " + all.source()
          + " has no such column (its feature columns: " + (names.size() <= 8
              ? String.join(", ", names)
              : String.join(", ", names.subList(0, 8)) + ", … (" + names.size() + ")")
          + ")" + CloseNames.column(weightsColumn, names));
    }
    refuseBadWeight(all, data, weightsColumn);
    double[] w = all.column(weightsColumn);
    double sum = java.util.Arrays.stream(w).sum();
    if (sum == 0) {
      throw new InputException("--weights \"" + weightsColumn + "\": every weight of " + data
          + " is 0; nothing to fit");
    }
    long positive = java.util.Arrays.stream(w).filter(v -> v > 0).count();
    if (positive == 1) {
      // whatever the seed, the training or the test rows weigh 0 (--seed 1 and 2 each refused,
      // the one for the test rows, the other for the training rows)
      throw new InputException("--weights \"" + weightsColumn + "\": only row "
          + (java.util.stream.IntStream.range(0, w.length).filter(i -> w[i] > 0).findFirst()
              .getAsInt() + 1) + " of " + data + " has a weight above 0, and the training and"
          + " the test rows of the split each need one; give more rows weight");
    }
  }

  /**
   * Refuses a weight below 0 or not finite in the --weights {@code column} of {@code all}, the
   * rows of the CSV file {@code data}, at its cell as the readers refuse a bad one, in the same
   * words for every command that takes --weights (train, grid, path, ridge): "F:LINE:COL (column
   * "w"): weight -1.0; --weights must be finite and ≥ 0". Each command said it otherwise: the
   * row among the rows read, with or without the file or the column. A column the data lack is
   * left to the caller's own refusal.
   *
   * @param column --weights, null when not given
   */
  static void refuseBadWeight(Dataset all, Path data, String column) {
    if (column == null || !all.featureNames().contains(column)) {
      return;
    }
    double[] w = all.column(column);
    for (int i = 0; i < w.length; i++) {
      if (!Numbers.isWeight(w[i])) {
        // the library's words (Numbers.badWeight), with the flag for the setting
        throw PredictCommand.atCell(data, i + 1, java.util.Optional.of(column),
            Numbers.badWeight(w[i], "--weights"));
      }
    }
  }

  /**
   * Weights all 0 on the training rows of the split, the file's weight all in the test rows:
   * named as the split, as a target constant there is. The library, given the training rows,
   * said "every weight of FILE is 0", which the file's weights were not.
   */
  private void refuseUnweightedTraining(Dataset train, long seed) {
    if (weightsColumn != null && train.featureNames().contains(weightsColumn)
        && java.util.Arrays.stream(train.column(weightsColumn)).sum() == 0) {
      throw new InputException("--weights \"" + weightsColumn + "\": every weight of the "
          + train.numRows() + " training rows of the split (--test-fraction " + testFraction
          + ", --seed " + seed + ") is 0: nothing to fit; another --seed splits the rows"
          + " otherwise");
    }
  }

  /**
   * A regression target of one value leaves nothing to fit: the library refuses it (as path
   * does, and glmnet), here before any work and naming the file and --target. It was trained
   * anyway, and the network's rounding noise around the constant drew a warning to try a
   * smaller learning rate.
   */
  private void refuseConstantTarget(Dataset all, Dataset train, long seed, Use use) {
    String where = whereTarget();
    if (constant(all)) {
      throw new InputException(where + ": the target is constant (" + all.target(0)
          + "): nothing to fit");
    }
    // For k folds, a target that varies in one row of the file: no split and no folds get past
    // it (the split's refusal below advised another --seed, whose split the folds refused)
    java.util.Optional<double[]> lone = use == Use.K_FOLDS ? loneValue(all)
        : java.util.Optional.empty();
    if (lone.isPresent()) {
      throw new InputException(where + ": the target is " + lone.get()[0] + " on "
          + (all.numRows() - 1) + " of the " + all.numRows() + " rows and " + lone.get()[1]
          + " on one: whatever the split and the folds, the fold holding that row out trains on"
          + " one value; cross-validation needs a target that varies in at least two rows");
    }
    if (train.numRows() == 1) {
      throw new InputException(where + ": the split leaves 1 training row (--test-fraction "
          + testFraction + "), and a target of one value (" + train.target(0) + ") leaves"
          + " nothing to fit; give a smaller --test-fraction, or more rows");
    }
    if (constant(train)) {
      throw new InputException(where + ": the target is constant (" + train.target(0)
          + ") on the " + train.numRows() + " training rows of the split (--test-fraction "
          + testFraction + ", --seed " + seed + "): nothing to fit; another --seed splits the rows"
          + " otherwise");
    }
    refuseOneWeightedValue(all, train, seed);
    // the file's target varies in two rows or more, and the split left one of them to search on
    java.util.Optional<double[]> loneInTrain = use == Use.K_FOLDS ? loneValue(train)
        : java.util.Optional.empty();
    if (loneInTrain.isPresent()) {
      throw new InputException(where + ": the target is " + loneInTrain.get()[0] + " on "
          + (train.numRows() - 1) + " of the " + train.numRows() + " training rows of the split"
          + " (--test-fraction " + testFraction + ", --seed " + seed + ") and "
          + loneInTrain.get()[1] + " on one: whatever the folds, the one holding that row out"
          + " trains on one value; " + (train.numRows() == 2
              // any split's 2 rows that differ differ in one row: only more rows help
              ? "give a smaller --test-fraction, or more rows"
              : "another --seed splits the rows otherwise"));
    }
  }

  /** "FILE (--target y)", or for a LIBSVM file "FILE (its target, each line's first field)". */
  private String whereTarget() {
    return data + " (" + (target != null ? "--target " + target
        : "its target, each line's first field") + ")";
  }

  /**
   * --weights whose rows of positive weight hold one value of the target, in the file or in the
   * split's training rows: the library refused it after the run's header ("the target is
   * constant (5.0) on the rows of positive weight ("w")", for classes "the rows of positive
   * weight ("w") are all of class "a""), naming no file; here before it, in the unweighted
   * refusals' words.
   */
  private void refuseOneWeightedValue(Dataset all, Dataset train, long seed) {
    String weighed = "the rows of positive weight (--weights \"" + weightsColumn + "\")";
    java.util.OptionalDouble value = weightedValue(all);
    if (value.isPresent()) {
      throw new InputException(whereTarget() + ": " + oneValue(all, value.getAsDouble(),
          weighed));
    }
    value = weightedValue(train);
    // a classifier's one training row of weight is left to train, whose --validation-fraction
    // names the part it leaves without weight (TrainWeightsSplitTest; c17a159c)
    if (value.isPresent() && (!train.isClassification() || weighing(train) > 1)) {
      throw new InputException(whereTarget() + ": " + oneValue(train, value.getAsDouble(),
          weighed + " of the " + train.numRows() + " training rows of the split (--test-fraction "
          + testFraction + ", --seed " + seed + ")") + "; another --seed splits the rows"
          + " otherwise");
    }
  }

  /** The rows of {@code d} whose --weights are above 0. */
  private long weighing(Dataset d) {
    return java.util.Arrays.stream(d.column(weightsColumn)).filter(w -> w > 0).count();
  }

  /**
   * "the target is constant (5.0) on ROWS: nothing to fit", or for classes "ROWS are all of
   * class "a" (of the 2 declared): a classifier needs rows of two classes or more".
   */
  private static String oneValue(Dataset d, double value, String rows) {
    if (!d.isClassification()) {
      return "the target is constant (" + value + ") on " + rows + ": nothing to fit";
    }
    return rows + " are all of class \"" + d.classNames().get((int) value) + "\" (of the "
        + d.numClasses() + " declared): a classifier needs rows of two classes or more";
  }

  /**
   * {common value, lone value} when the target of {@code d} (2 rows or more) has one value on
   * all its rows but one, else empty.
   */
  private static java.util.Optional<double[]> loneValue(Dataset d) {
    int n = d.numRows();
    if (n < 2) {
      return java.util.Optional.empty();
    }
    // the common value is that of row 0 or, when row 0 is the lone one, that of row 1
    double common = d.target(0) == d.target(1) || n == 2 ? d.target(0)
        : d.target(0) == d.target(2) ? d.target(0) : d.target(1);
    int others = 0;
    double other = Double.NaN;
    for (int i = 0; i < n; i++) {
      if (d.target(i) != common) {
        others++;
        other = d.target(i);
      }
    }
    return others == 1 ? java.util.Optional.of(new double[] {common, other})
        : java.util.Optional.empty();
  }

  /**
   * The one value of the target on the rows of {@code d} whose --weights are above 0, when it
   * has one there; empty without --weights or when it varies there (weights all 0 are refused
   * before, {@link #refuseBadWeights}).
   */
  private java.util.OptionalDouble weightedValue(Dataset d) {
    if (weightsColumn == null) {
      return java.util.OptionalDouble.empty();
    }
    double[] w = d.column(weightsColumn);
    double value = Double.NaN;
    for (int i = 0; i < d.numRows(); i++) {
      if (w[i] > 0) {
        if (Double.isNaN(value)) {
          value = d.target(i);
        } else if (d.target(i) != value) {
          return java.util.OptionalDouble.empty();
        }
      }
    }
    return Double.isNaN(value) ? java.util.OptionalDouble.empty()
        : java.util.OptionalDouble.of(value);
  }

  private static boolean constant(Dataset d) {
    for (int i = 1; i < d.numRows(); i++) {
      if (d.target(i) != d.target(0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why {@code n} rows cannot be split at --test-fraction, and which fractions would split
   * them: the test part holds round(n·fraction) rows, which must be 1..n−1.
   */
  private String tooFewToSplit(int n) {
    String problem = n + " row" + (n == 1 ? "" : "s") + " cannot be split with --test-fraction "
        + testFraction + " into a training and a test part that both have rows (the test part"
        + " would have " + Math.round(n * testFraction) + ")";
    if (n < 2) {
      return problem + "; a split needs at least 2 rows";
    }
    // round(n·f) ≥ 1 from f = 0.5/n on, and ≤ n − 1 below f = (n − 0.5)/n
    return problem + "; give a --test-fraction from " + fourDigits(0.5 / n) + " to below "
        + fourDigits((n - 0.5) / n) + ", or more rows";
  }

  /** {@code x} to 4 significant digits without trailing zeros: 0.25, 0.0004167. */
  private static String fourDigits(double x) {
    return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros()
        .toPlainString();
  }

  /**
   * The reading options of --ignore-columns {@code names} (null when not given) for the file
   * {@code data}: a name given twice is refused here, naming the flag and the file; the
   * reader's own refusals (no such column, the target, no feature left) carry the setting
   * ignoredColumns, which {@link Flags#message} turns into the flag.
   */
  static CsvOptions csvOptions(List<String> names, Path data) {
    if (names == null) {
      return CsvOptions.defaults();
    }
    if (names.isEmpty()) { // "--ignore-columns ," splits into no names at all
      throw new InputException("--ignore-columns: no column name given; expected NAME[,NAME...]");
    }
    try {
      return CsvOptions.defaults().withIgnoredColumns(names.toArray(String[]::new));
    } catch (InputException e) {
      throw new InputException("--ignore-columns" + e.afterSetting() + " (--data " + data + ")",
          e);
    }
  }

  /**
   * The rows of path's and ridge's --data: a CSV file (its --target column, without the
   * --ignore-columns) or a LIBSVM file, each refusal naming the flag or the file. The caller
   * warns of identifier columns ({@link IdentifierColumns}) once it has checked the target.
   *
   * @param target --target, null when not given (a LIBSVM file needs none)
   * @param ignoreColumns --ignore-columns' names, null when not given
   * @param textInstead what fits a target of text instead, e.g. "use --family binomial …"
   */
  static Dataset readTable(Path data, String target, List<String> ignoreColumns, TargetKind kind,
      String textInstead) {
    dev.tikhonov.data.DataFiles.requireRegularFile(data);
    if (!Files.isRegularFile(data)) {
      throw new InputException("--data " + data + ": no such file"
          + dev.tikhonov.data.DataFiles.danglingLink(data));
    }
    if (DataFormat.of(data) == DataFormat.LIBSVM) {
      return Dataset.read(data, kind);
    }
    if (target == null) {
      throw new InputException("--data " + data + " is delimited text: say which column to "
          + "predict with --target COLUMN");
    }
    try {
      return CsvReader.read(data, target, kind, csvOptions(ignoreColumns, data));
    } catch (dev.tikhonov.data.TextTargetException e) {
      throw textTarget(e, textInstead);
    }
  }

  /**
   * Refuses, on a LIBSVM --data (path, ridge), the flags that name CSV columns: --target,
   * --ignore-columns and the {@code columnFlags} (--weights, --offset).
   */
  static void refuseCsvFlags(Flags.Given given, Path data, String... columnFlags) {
    boolean csv = DataFormat.of(data) != DataFormat.LIBSVM;
    given.requireApplies("--target", csv, "to CSV data",
        "on LIBSVM data, whose first field on each line is the target");
    given.requireApplies("--ignore-columns", csv, "to CSV data",
        "on LIBSVM data, which has no named columns to leave out");
    for (String flag : columnFlags) {
      // Before, the core's message on sparse data spoke of the Java API (Observations).
      given.requireApplies(flag, csv, "to CSV data (it names a column)",
          "on LIBSVM data, whose lines hold only the target and the features");
    }
  }

  /**
   * "F (--target y)", or for a LIBSVM file "F (its target, each line's first field)": where a
   * message about the target as a whole (constant, unexplained) points.
   */
  static String targetOf(Path data, String target) {
    return data + " (" + (target != null ? "--target " + target
        : "its target, each line's first field") + ")";
  }

  /**
   * A --weights or --offset column (path, ridge) that --ignore-columns also names, or that is
   * the --target: the reader leaves it out of the features, and the estimator then said the file
   * "has no such column", which it has.
   *
   * @param column the flag's column, null when the flag was not given
   * @param ignoreColumns --ignore-columns' names, null when not given
   * @param target the --target column, null when not given
   */
  static void refuseIgnoredObservationColumn(String flag, String column,
      List<String> ignoreColumns, String target) {
    if (column != null && ignoreColumns != null && ignoreColumns.contains(column)) {
      throw new InputException(flag + " \"" + column + "\" is also in --ignore-columns, which"
          + " leaves the column out of the data; a column is either ignored or the " + flag
          + " column: drop it from --ignore-columns");
    }
    // the reader takes the target out of the features: the estimator said "has no such column"
    if (column != null && column.equals(target)) {
      throw new InputException(flag + " \"" + column + "\" is the --target column, the one"
          + " predicted; " + flag + " takes another column of the file");
    }
  }

  /**
   * More distinct numeric labels than this, with fewer than {@link #MIN_ROWS_PER_CLASS} rows
   * each on average, are not classes.
   */
  static final int MAX_NUMERIC_CLASSES = 20;
  /**
   * Rows per distinct integer label below which more than {@link #MAX_NUMERIC_CLASSES} of them
   * are a real-valued target. It was 2 (more labels than half the rows), which passed
   * data/diabetes.csv's progression, 214 distinct integers in 442 rows: train, grid and select
   * fitted 214 classes, with test accuracy 0 and exit 0.
   */
  static final int MIN_ROWS_PER_CLASS = 5;

  /**
   * A classifier's target read from {@code data} must look like class labels. Refused when every
   * label is a number and either some label is not an integer (the library refuses that too,
   * as scikit-learn does a "continuous" target) or there are more than
   * {@value #MAX_NUMERIC_CLASSES} distinct labels with fewer than {@value #MIN_ROWS_PER_CLASS}
   * rows each on average: a real-valued target (prices, counts,
   * measurements) that would be fitted with one class per distinct value, most of them seen
   * once. String labels and integer labels such as 0..9 or −1/+1 pass; numbers that really are
   * class labels pass when written as text, which the message says.
   *
   * @param target the --target column, null for LIBSVM data (whose first field is the target)
   * @param instead the flags that fit a regression model instead, e.g. "add --regression"
   */
  static void refuseRealTarget(Dataset all, Path data, String target, String instead) {
    if (!all.isClassification()) {
      return;
    }
    int classes = all.numClasses();
    java.util.Optional<String> continuous = all.continuousLabel();
    boolean many = all.numericClassNames() && classes > MAX_NUMERIC_CLASSES
        && (long) classes * MIN_ROWS_PER_CLASS > all.numRows();
    if (continuous.isEmpty() && !many) {
      return;
    }
    String column = target != null ? "--target " + target
        : "its target (each line's first field)";
    String what = continuous.isPresent()
        ? classes + " distinct numbers, not all integers, e.g. " + continuous.get()
        : classes + " distinct integers in " + all.numRows() + " rows";
    // There is no flag to override this: labels written as text are always classes.
    String example = continuous.orElse(all.classNames().get(0));
    throw new InputException("--data " + data + ": " + column + " looks real-valued (" + what
        + "), but the model is a classifier, which would learn one class per distinct value;"
        + " for a real-valued target " + instead + "; if these numbers really are class labels,"
        + " write them as text (e.g. \"class_" + example + "\" for " + example + "): text"
        + " labels are always classes");
  }

  /** "bundled:mnist-10k" or the path given. */
  String describe() {
    return data == null ? "bundled:mnist-10k" : data.toString();
  }
}
