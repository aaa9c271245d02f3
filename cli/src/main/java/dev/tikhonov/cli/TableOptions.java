package dev.tikhonov.cli;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.internal.data.DataFormat;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * path's and ridge's data: --data (a CSV or LIBSVM file, required), --target and
 * --ignore-columns, one declaration so their help, labels and completion stay alike in both
 * commands. train, select and grid take {@link DataOptions} instead, whose --data is also a
 * folder of MNIST IDX files or the bundled sample; the checks behind the flags are that class's
 * too. Not thread-safe: picocli fills its fields.
 */
final class TableOptions {
  @Option(names = "--data", paramLabel = "FILE", required = true,
      description = "CSV file with a header (or a LIBSVM/svmlight file).")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN",
      description = "CSV only (a LIBSVM file carries its own target): the column to predict.")
  String target;

  @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
      converter = ColumnNames.Unquote.class,
      description = "CSV only: columns to leave out of the data, neither features nor the "
          + "target (an id, a date, free text; their cells need not be numbers), e.g. "
          + "--ignore-columns id,date. Each must be a column of the file, not the target. "
          + "A name with a comma goes in double quotes, as in CSV: --ignore-columns "
          + "'\"a,1\",id'.")
  List<String> ignoreColumns;

  /** Whether --data is a LIBSVM file (by {@link DataFormat}'s rule), whose target is its own. */
  boolean libsvm() {
    return DataFormat.of(data) == DataFormat.LIBSVM;
  }

  /** The rows of --data ({@link DataOptions#readTable}); {@code textInstead} as there. */
  Dataset read(TargetKind kind, String textInstead) {
    return DataOptions.readTable(data, target, ignoreColumns, kind, textInstead);
  }

  /** {@link DataOptions#refuseCsvFlags} for this --data. */
  void refuseCsvFlags(Flags.Given given, String... columnFlags) {
    DataOptions.refuseCsvFlags(given, data, columnFlags);
  }

  /** {@link DataOptions#refuseIgnoredObservationColumn} for this --ignore-columns and --target. */
  void refuseObservationColumn(String flag, String column) {
    DataOptions.refuseIgnoredObservationColumn(flag, column, ignoreColumns, target);
  }

  /** {@link DataOptions#targetOf} for this --data and --target. */
  String targetOf() {
    return DataOptions.targetOf(data, target);
  }

  /** --data and --target as {@link RunFiles#finish} records them in run.json. */
  DataOptions recorded() {
    DataOptions recorded = new DataOptions();
    recorded.data = data;
    recorded.target = target;
    return recorded;
  }
}
