package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One path.json (or ridge-vs-lasso path-&lt;model&gt;.json) of a run, parsed once for the whole
 * report: the tables and the charts are of the same parse, so a file replaced while the report
 * is drawn cannot give them two different paths. {@code root} is the parsed tree, which the
 * charts read beyond the path (the ridge criteria, l1_ratios, class_names, rows); the report
 * only reads it. Thread-safe for reading.
 *
 * @param file where it was read, for messages and the files beside it (out-of-fold.csv)
 * @param root its content as {@link JsonFiles#read} parsed it
 * @param path the path {@link PathJson#read(JsonNode, String)} read from {@code root}
 */
record PathFile(Path file, JsonNode root, PathData path) {

  /** Parses {@code file}; InputException naming it and the key when it is malformed. */
  static PathFile read(Path file) {
    JsonNode root = JsonFiles.read(file);
    return new PathFile(file, root, PathJson.read(root, file.toString()));
  }

  /**
   * The path files of a run in page order, each parsed: a path or ridge run's path.json,
   * ridge-vs-lasso's path-&lt;model&gt;.json ({@link ReportCharts#modelPaths}); none for the
   * other kinds. Read through {@link RunFiles#paths}, which parses them once per report.
   */
  static List<PathFile> of(RunFiles files) {
    return switch (files.run().kind()) {
      case PATH, RIDGE -> List.of(read(files.file("path.json")));
      case RIDGE_VS_LASSO -> ReportCharts.modelPaths(files).stream().map(PathFile::read)
          .toList();
      default -> List.of();
    };
  }
}
