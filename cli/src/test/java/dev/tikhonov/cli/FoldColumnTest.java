package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --fold-column NAME of path, ridge, select and grid: the folds from a column of the CSV data,
 * as Spark's PathJob takes them. Before, the four took only a --foldid file ("Unknown option:
 * '--fold-column'"), so a user with the folds in a column wrote them out to a file first. A run
 * with the column gives exactly the numbers of the same folds as --foldid with the column
 * ignored.
 */
class FoldColumnTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  /** {@code source} with a last column "fold" of the fold numbers {@code fold(i)}, row i. */
  private Path withFolds(Path source, String name, java.util.function.IntUnaryOperator fold)
      throws Exception {
    List<String> lines = Files.readAllLines(source);
    StringBuilder b = new StringBuilder(lines.get(0)).append(",fold\n");
    for (int i = 1; i < lines.size(); i++) {
      b.append(lines.get(i)).append(',').append(fold.applyAsInt(i - 1)).append('\n');
    }
    return Files.writeString(dir.resolve(name), b.toString());
  }

  /** The fold-id file of {@code ids}, with a header line. */
  private Path foldid(String name, double[] ids) throws Exception {
    return Files.writeString(dir.resolve(name), "foldid\n" + Arrays.stream(ids)
        .mapToObj(v -> Integer.toString((int) v)).collect(Collectors.joining("\n")) + "\n");
  }

  private Path diabetes() throws Exception {
    return withFolds(Path.of("..", "data", "diabetes.csv"), "diabetes.csv", i -> i * 7 % 5 + 1);
  }

  /** The same output but for the run's directory. */
  private void sameOutput(InProcess column, InProcess file, String columnOut, String fileOut) {
    assertEquals(0, column.exit(), column.err());
    assertEquals(0, file.exit(), file.err());
    assertEquals(file.out().replace(fileOut, columnOut), column.out());
  }

  @Test
  void path_foldColumn_givesTheNumbersOfTheSameFoldsAsFoldid() throws Exception {
    Path data = diabetes();
    Path file = foldid("foldid.csv", CsvReader.read(data, "progression", TargetKind.REAL,
        CsvOptions.defaults()).column("fold"));
    String c = dir.resolve("c").toString();
    String f = dir.resolve("f").toString();
    InProcess column = InProcess.run("path", "--data", data.toString(), "--target",
        "progression", "--fold-column", "fold", "--out", c);
    InProcess given = InProcess.run("path", "--data", data.toString(), "--target",
        "progression", "--ignore-columns", "fold", "--foldid", file.toString(), "--out", f);
    sameOutput(column, given, c, f);
    assertEquals(Files.readString(Path.of(f, "path.csv")), Files.readString(Path.of(c,
        "path.csv")));
    assertEquals("fold", JSON.readTree(Path.of(c, "run.json").toFile()).get("settings")
        .get("fold_column").asText());
  }

  @Test
  void ridge_foldColumn_givesTheNumbersOfTheSameFoldsAsFoldid() throws Exception {
    Path data = diabetes();
    Path file = foldid("foldid.csv", CsvReader.read(data, "progression", TargetKind.REAL,
        CsvOptions.defaults()).column("fold"));
    String c = dir.resolve("c").toString();
    String f = dir.resolve("f").toString();
    InProcess column = InProcess.run("ridge", "--data", data.toString(), "--target",
        "progression", "--criterion", "cv", "--fold-column", "fold", "--out", c);
    InProcess given = InProcess.run("ridge", "--data", data.toString(), "--target",
        "progression", "--criterion", "cv", "--ignore-columns", "fold", "--foldid",
        file.toString(), "--out", f);
    sameOutput(column, given, c, f);
    assertArrayEquals(RidgeCommandTest.numbers(JSON.readTree(Path.of(f, "path.json").toFile())
        .get("cv").get("mean")), RidgeCommandTest.numbers(JSON.readTree(Path.of(c, "path.json")
        .toFile()).get("cv").get("mean")));
  }

  private InProcess search(String command, Path data, String out, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--data", data.toString(), "--target",
        "cultivar", "--model", "mlp:4", "--epochs", "2", "--batch-size", "32", "--lambdas",
        "0.1,0.001", "--threads", "1", "--standardize", "--out", dir.resolve(out).toString()));
    if (command.equals("select")) {
      args.addAll(List.of("--warm-epochs", "1"));
    }
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  /** The column's folds are the training rows' (after the test split), as --foldid's are. */
  private void searchSameAsFoldid(String command) throws Exception {
    Path data = withFolds(Path.of("..", "data", "wine.csv"), "wine.csv", i -> i % 3 + 1);
    double[] trainFolds = Splits.stratifiedTrainTest(CsvReader.read(data, "cultivar",
        TargetKind.CLASS, CsvOptions.defaults()), 0.2, 0).train().column("fold");
    Path file = foldid("foldid.csv", trainFolds);
    InProcess column = search(command, data, "c", "--fold-column", "fold");
    InProcess given = search(command, data, "f", "--ignore-columns", "fold", "--foldid",
        file.toString());
    assertEquals(0, column.exit(), column.err());
    assertEquals(0, given.exit(), given.err());
    assertTrue(column.out().contains(", 3 given folds, "), column.out());
    assertEquals(withoutTimes(given.out().replace(dir.resolve("f").toString(),
        dir.resolve("c").toString())), withoutTimes(column.out()));
  }

  private static String withoutTimes(String out) {
    return out.replaceAll("\\([0-9.]+ s\\)", "(time)");
  }

  @Test
  void select_foldColumn_searchesAsFoldid() throws Exception {
    searchSameAsFoldid("select");
  }

  @Test
  void grid_foldColumn_searchesAsFoldid() throws Exception {
    searchSameAsFoldid("grid");
  }

  /** A cell that is no fold number is refused at its line and column, in --foldid's words. */
  @Test
  void badCells_areRefusedAtTheirCell() throws Exception {
    Path half = withFolds(Path.of("..", "data", "diabetes.csv"), "half.csv",
        i -> i == 2 ? 0 : i % 2 + 1);
    Files.writeString(half, Files.readString(half).replaceFirst(",0\n", ",2.5\n"));
    InProcess r = InProcess.run("path", "--data", half.toString(), "--target", "progression",
        "--fold-column", "fold", "--out", dir.resolve("a").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(half + ":4:12 (column \"fold\"): expected a whole fold number"
        + " 1..K, found \"2.5\""), r.err());
    Path zero = withFolds(Path.of("..", "data", "diabetes.csv"), "zero.csv",
        i -> i == 2 ? 0 : i % 2 + 1);
    r = InProcess.run("ridge", "--data", zero.toString(), "--target", "progression",
        "--criterion", "cv", "--fold-column", "fold", "--out", dir.resolve("b").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(zero + ":4:12 (column \"fold\"): fold 0 is out of range; fold"
        + " numbers run from 1 to K ≤ 442 (the number of data rows)"), r.err());
    Path gap = withFolds(Path.of("..", "data", "diabetes.csv"), "gap.csv", i -> i % 2 * 2 + 1);
    r = InProcess.run("path", "--data", gap.toString(), "--target", "progression",
        "--fold-column", "fold", "--out", dir.resolve("c").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-column \"fold\" of " + gap + ": fold 2 of 1..3 has no"
        + " rows among the 442 rows; every fold number from 1 to K = 3"), r.err());
    assertTrue(r.err().lines().noneMatch(l -> l.startsWith("\tat ")), r.err());
  }

  /** Every fold must hold a training row: the rows the test split leaves, as --foldid's. */
  @Test
  void search_foldWithOnlyTestRows_isRefusedNamingTheTrainingRows() throws Exception {
    Path data = withFolds(Path.of("..", "data", "wine.csv"), "one.csv", i -> 1);
    InProcess r = search("grid", data, "a", "--fold-column", "fold");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-column \"fold\" of " + data + ": every fold number of"
        + " the 142 training rows (those left after the test split) is 1; cross-validation"
        + " needs at least 2 folds"), r.err());
  }

  /** Flags that make or give other folds, and a column of another role, are refused. */
  @Test
  void otherFoldsOrRoles_areRefused() throws Exception {
    Path data = diabetes();
    String d = data.toString();
    String[][] runs = {
      {"path", "--foldid", d},
      {"path", "--cv-folds", "3"},
      {"path", "--fold-seed", "3"},
      {"path", "--weights", "fold"},
      {"path", "--ignore-columns", "fold"},
      {"ridge", "--criterion", "gcv"},
      {"ridge", "--criterion", "cv", "--cv-folds", "3"},
    };
    String[] messages = {
      "give either --foldid or --fold-column, not both",
      "give either --cv-folds or --fold-column, not both",
      "--fold-seed applies only with --cv-folds (it seeds the random folds); it has no effect"
          + " with --fold-column, which gives the folds",
      "--fold-column \"fold\" is also the --weights column; a column has one role",
      "--fold-column \"fold\" is also in --ignore-columns",
      "--fold-column applies only with --criterion cv (k-fold cross-validation); it has no"
          + " effect with --criterion gcv",
      "give either --cv-folds or --fold-column, not both",
    };
    for (int i = 0; i < runs.length; i++) {
      List<String> args = new ArrayList<>(List.of(runs[i][0], "--data", d, "--target",
          "progression", "--fold-column", "fold", "--out", dir.resolve("r" + i).toString()));
      args.addAll(List.of(runs[i]).subList(1, runs[i].length));
      InProcess r = InProcess.run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), args + ": " + r.err());
      assertTrue(r.err().contains(messages[i]), args + ": " + r.err());
    }
    InProcess r = search("select", withFolds(Path.of("..", "data", "wine.csv"), "w.csv",
        i -> i % 3 + 1), "s", "--fold-column", "fold", "--repeat-seeds", "1,2");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-column applies only without --repeat-seeds; it has no"
        + " effect with --repeat-seeds, which holds out one split (--holdout) instead of folds"),
        r.err());
  }

  /** LIBSVM lines have no named columns: the folds go in a --foldid file. */
  @Test
  void libsvm_foldColumn_isRefusedNamingFoldid() {
    InProcess r = InProcess.run("path", "--data", Path.of("..", "data",
        "breast_cancer.svm.gz").toString(), "--family", "binomial", "--fold-column", "fold",
        "--out", dir.resolve("a").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-column applies only to CSV data (it names a column);"
        + " it has no effect on LIBSVM data, whose lines hold only the target and the"
        + " features; give the folds in a file with --foldid"), r.err());
  }

  /** A column the file lacks is refused with its columns and the close name. */
  @Test
  void missingColumn_isRefusedWithTheCloseName() throws Exception {
    Path data = diabetes();
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "progression",
        "--fold-column", "folds", "--out", dir.resolve("a").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--fold-column \"folds\": " + data + " has no such column"),
        r.err());
    assertTrue(r.err().contains("did you mean \"fold\"?"), r.err());
  }
}
