package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --keep-columns}: input columns (an id) copied, cell for cell, before the
 * predictions of the same row. Before it, predict wrote only the predictions, and nothing tied
 * output row i to input row i but their order. The model is a binomial lasso path on
 * data/breast_cancer.csv, its patient id left out of the features.
 */
class PredictKeepColumnsTest {
  private static final Path DATA = Path.of("..", "data", "breast_cancer.csv");

  @TempDir static Path shared;
  @TempDir Path dir;
  private static Path model;

  @BeforeAll
  static void fit() {
    model = shared.resolve("bc.model");
    InProcess r = InProcess.run("path", "--quiet", "--threads", "1", "--data", DATA.toString(),
        "--target", "diagnosis", "--family", "binomial", "--ignore-columns", "id", "--out",
        shared.resolve("bc").toString(), "--save", model.toString());
    assertEquals(0, r.exit(), r.err());
  }

  private static InProcess predict(Path data, String out, String... more) {
    List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(),
        "--data", data.toString(), "--out", out, "--ignore-columns", "id"));
    args.addAll(List.of(more));
    return InProcess.run(args);
  }

  private static List<List<String>> read(Path csv, String... columns) {
    return CsvReader.readText(csv, List.of(columns), CsvOptions.defaults());
  }

  @Test
  void keepId_realFile_idsFirstInTheInputsOrder_predictionsUnchanged() throws Exception {
    InProcess plain = predict(DATA, "-");
    InProcess kept = predict(DATA, "-", "--keep-columns", "id,mean_radius");
    assertEquals(0, kept.exit(), kept.err());
    List<String> lines = kept.out().lines().toList();
    List<String> without = plain.out().lines().toList();
    assertEquals("id,mean_radius," + without.get(0), lines.get(0));
    // the input's cells as they stand in the file (a feature's too: 17.99, not 17.99000…)
    List<List<String>> input = read(DATA, "id", "mean_radius");
    assertEquals(input.size() + 1, lines.size());
    for (int i = 0; i < input.size(); i++) {
      assertEquals(String.join(",", input.get(i)) + "," + without.get(i + 1), lines.get(i + 1),
          "row " + (i + 1));
    }
    assertTrue(kept.err().contains("569 rows -> standard output"), kept.err());
  }

  /** Ids with commas, quotes, spaces and a line break; a blank line; gzip'd output. */
  @Test
  void keepId_quotedIdsAndBlankLine_gzipOutput_roundTripExactly() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(DATA));
    String[] ids = {"P-1, left", "say \"hi\"", " lead", "two\nlines", "", "0042"};
    for (int i = 0; i < ids.length; i++) {
      String row = lines.get(i + 1);
      lines.set(i + 1, "\"" + ids[i].replace("\"", "\"\"") + "\"" + row.substring(
          row.indexOf(',')));
    }
    lines.add(4, "");
    Path data = Files.write(dir.resolve("quoted.csv"), lines);
    Path out = dir.resolve("p.csv.gz");
    InProcess r = predict(data, out.toString(), "--keep-columns", "id");
    assertEquals(0, r.exit(), r.err());
    List<List<String>> written = read(out, "id", "class");
    List<List<String>> input = read(data, "id");
    assertEquals(569, written.size());
    for (int i = 0; i < ids.length; i++) {
      assertEquals(ids[i], written.get(i).get(0), "row " + (i + 1));
    }
    for (int i = 0; i < input.size(); i++) {
      assertEquals(input.get(i).get(0), written.get(i).get(0), "row " + (i + 1));
    }
    List<List<String>> plain = read(Path.of(predictToFile(data)), "class");
    for (int i = 0; i < plain.size(); i++) {
      assertEquals(plain.get(i).get(0), written.get(i).get(1), "row " + (i + 1));
    }
  }

  private String predictToFile(Path data) {
    Path out = dir.resolve("plain.csv");
    InProcess r = predict(data, out.toString());
    assertEquals(0, r.exit(), r.err());
    return out.toString();
  }

  private static void assertRefused(InProcess r, String message) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(message, r.message().strip());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals("", r.out());
  }

  @Test
  void keepColumns_unknownColumn_namesFlagFileAndTheCloseName() {
    assertRefused(predict(DATA, "-", "--keep-columns", "idd"), "--keep-columns \"idd\": "
        + DATA + " has no such column; its columns: " + String.join(", ",
            CsvReader.columns(DATA, CsvOptions.defaults())) + "; did you mean \"id\"?");
  }

  @Test
  void keepColumns_emptyOrTwice_refused() {
    assertRefused(predict(DATA, "-", "--keep-columns", ","),
        "--keep-columns: no column name given; expected NAME[,NAME...]");
    assertRefused(predict(DATA, "-", "--keep-columns", "id,id"),
        "--keep-columns \"id\": given twice; name each column once");
  }

  @Test
  void keepColumns_nameOfAnOutputColumn_saysWhichColumn() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(DATA));
    lines.set(0, lines.get(0).replaceFirst("^id,", "prob_benign,"));
    Path data = Files.write(dir.resolve("clash.csv"), lines);
    List<String> args = List.of("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", "-", "--ignore-columns", "prob_benign", "--keep-columns",
        "prob_benign");
    assertRefused(InProcess.run(args), "--keep-columns \"prob_benign\": the output has a column"
        + " of that name, the model's \"prob_benign\" (a class's probability); a kept column"
        + " would make it twice in the header; rename it in " + data + " or leave it out");
    lines.set(0, lines.get(0).replaceFirst("^prob_benign,", "class,"));
    Files.write(data, lines);
    List<String> classArgs = new ArrayList<>(args);
    classArgs.set(classArgs.size() - 3, "class");
    classArgs.set(classArgs.size() - 1, "class");
    assertRefused(InProcess.run(classArgs), "--keep-columns \"class\": the output has a column"
        + " of that name, the model's \"class\" (the predicted class); a kept column would make"
        + " it twice in the header; rename it in " + data + " or leave it out");
  }

  @Test
  void keepColumns_libsvmData_refusedNamingTheFile() {
    Path svm = Path.of("..", "data", "breast_cancer.svm.gz");
    InProcess r = InProcess.run("predict", "--model", model.toString(), "--data",
        svm.toString(), "--out", "-", "--keep-columns", "id");
    assertRefused(r, "--keep-columns applies only to CSV data, whose columns have names; it has"
        + " no effect on LIBSVM data (--data " + svm + "), which has no named columns to copy");
  }
}
