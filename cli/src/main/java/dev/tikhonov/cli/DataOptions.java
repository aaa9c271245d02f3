package dev.tikhonov.cli;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.DataFormat;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "CSV/LIBSVM only (MNIST data come split): share of rows held out as the "
          + "test set (seeded; stratified for classification). Default: ${DEFAULT-VALUE}.")
  double testFraction = 0.2;

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
    given.requireApplies("--test-fraction", source == Source.CSV || source == Source.LIBSVM,
        "to CSV and LIBSVM data", where + "whose train/test split is fixed");
  }

  /** Loads train and test sets; {@code kind} says whether the target is a class or a number. */
  TrainTest load(TargetKind kind, long seed) {
    if (data == null) {
      return Mnist.bundled();
    }
    if (!Files.exists(data)) {
      throw new InputException("--data " + data + ": no such file or directory");
    }
    if (source() == Source.IDX_DIRECTORY) {
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
      all = CsvReader.read(data, target, kind);
    } else {
      all = LibsvmReader.read(data, kind);
    }
    return Splits.trainTest(all, testFraction, seed, kind == TargetKind.CLASS);
  }

  /** "bundled:mnist-10k" or the path given. */
  String describe() {
    return data == null ? "bundled:mnist-10k" : data.toString();
  }
}
