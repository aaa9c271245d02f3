package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SweepJob reads the files on the driver, runs the sweep and writes the experiment's table. */
class SweepJobTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** {@code d} as a CSV: columns px0..px(p−1) (each float32 pixel exactly), then label. */
  static Path writeCsv(Path file, Dataset d) throws IOException {
    StringBuilder s = new StringBuilder(String.join(",", d.featureNames())).append(",label\n");
    float[] x = d.features().toArray();
    int p = d.numFeatures();
    for (int i = 0; i < d.numRows(); i++) {
      for (int j = 0; j < p; j++) {
        float v = x[i * p + j];
        s.append(v == 0 ? "0" : Double.toString(v)).append(',');
      }
      s.append(d.classNames().get(d.label(i))).append('\n');
    }
    Files.writeString(file, s.toString());
    return file;
  }

  /** The first n training and m test digits as train.csv and test.csv in {@code dir}. */
  static Path[] digitFiles(Path dir, int n, int m) throws IOException {
    TrainTest digits = SparkSweepTest.digits(n, m);
    return new Path[] {writeCsv(dir.resolve("train.csv"), digits.train()),
        writeCsv(dir.resolve("test.csv"), digits.test())};
  }

  /** The grid's arguments: λ ∈ {0, 0.01} × dropout 0.2 × seeds {0, 1}, the tests' recipe. */
  static List<String> gridArgs() {
    return List.of("--target", "label", "--lambdas", "0,0.01", "--dropouts", "0.2", "--seeds",
        "0,1", "--hidden", "32,16", "--epochs", Integer.toString(SparkSweepTest.EPOCHS),
        "--batch-size", Integer.toString(SparkSweepTest.BATCH));
  }

  /**
   * runs.csv against each setting trained alone on the files (one thread, on one machine):
   * the same losses, accuracies and weights, bit for bit.
   */
  static void assertRunsAreAlone(Path out, Path[] files) throws IOException {
    Dataset train = Dataset.read(files[0], "label", TargetKind.CLASS);
    Dataset test = Dataset.read(files[1], "label", TargetKind.CLASS);
    List<String> lines = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(String.join(",", SweepResult.CSV_HEADER), lines.get(0));
    assertEquals(5, lines.size(), "four settings");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      SweepResult r = new SweepResult(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
          Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
          Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
          new double[0], Integer.parseInt(f[8]), 0, 0, f[11]);
      SparkSweepTest.assertSameAsAlone(r, train, test);
    }
    List<String> results = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(3, results.size(), "two rows of the experiment's table");
    assertTrue(results.get(2).startsWith("0.01,0.2,0.0,2,"), results.get(2));
  }

  private record Result(int code, String out, String err) {}

  private static Result run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SweepJob.run(args.toArray(new String[0]), spark,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void csvFiles_writeTheExperimentsTableAndEachRunAsAlone(@TempDir Path dir) throws IOException {
    Path[] files = digitFiles(dir, 300, 200);
    Path out = dir.resolve("out");
    Result r = run(with(gridArgs(), "--train", files[0].toString(), "--test",
        files[1].toString(), "--save-models", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("sweep of 4 settings on " + files[0] + ": 300 train / 200 test "
        + "rows, 784 features"), r.out());
    assertTrue(r.out().contains("test accuracy"), r.out());
    assertRunsAreAlone(out, files);
    assertTrue(Files.exists(out.resolve("models/lambda-0.01_dropout-0.2_seed-1.model")));
  }

  /**
   * A λ whose training diverges: with a fine λ beside it, a warning line names it and the job
   * exits 0; alone, the job exits 3 with one line (it used to end with Spark's aborted job,
   * exit 1).
   */
  @Test
  void divergingSettings_warnOrExit3(@TempDir Path dir) throws IOException {
    Path[] files = digitFiles(dir, 200, 100);
    List<String> data = List.of("--train", files[0].toString(), "--test", files[1].toString(),
        "--target", "label", "--hidden", "16", "--epochs", "1", "--batch-size", "32");
    Result some = run(with(data, "--lambdas", "0.01,1e6", "--out", dir.resolve("a").toString()));
    assertEquals(0, some.code(), some.err());
    assertTrue(some.err().startsWith("tikhonov-spark: warning: 1 of 2 settings diverged; their"
        + " (λ, dropout) have no row: "), some.err());
    assertEquals(2, Files.readAllLines(dir.resolve("a/results.csv")).size(), "one row");
    Result all = run(with(data, "--lambdas", "1e6", "--out", dir.resolve("b").toString()));
    assertEquals(3, all.code(), all.err());
    assertTrue(all.err().startsWith("tikhonov-spark: the only setting diverged; the first: "),
        all.err());
    assertEquals(1, all.err().lines().count(), all.err());
  }

  @Test
  void help_printsEveryFlag_andExitsZero_withoutData() {
    Result help = run(List.of("--lambdas", "0.1", "--help"));
    assertEquals(0, help.code(), help.err());
    assertEquals("", help.err());
    assertEquals(SweepJob.USAGE + System.lineSeparator(), help.out());
    for (String flag : List.of("--train", "--test", "--target", "--mnist", "--lambdas",
        "--dropouts", "--seeds", "--epochs", "--batch-size", "--hidden", "--learning-rate",
        "--momentum", "--threads-per-task", "--save-models", "--out", "--help")) {
      assertTrue(help.out().contains("  " + flag + " "), flag);
    }
  }

  /**
   * An unknown flag spelt as scikit-learn, Keras, PyTorch, MLlib or glmnet spell one of the
   * job's, or one of the job's in another case, is answered with the job's flag
   * (FlagSuggestions, with this job's flags: PathJob's --seed is --seeds here, glmnet's --nfolds
   * has nothing to point to); all before any data are read (there are none), and an unknown
   * flag last on the line is unknown, not short of a value.
   */
  @Test
  void unknownFlag_spelledAsAnotherTool_suggestsTheJobsFlag_beforeTheData() {
    java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("--lr", "; did you mean --learning-rate?");
    expected.put("--learning_rate_init", "; did you mean --learning-rate (scikit-learn's"
        + " learning_rate_init)?");
    expected.put("--dropout", "; did you mean --dropouts?");
    expected.put("--seed", "; did you mean --seeds?");
    expected.put("--hidden_layer_sizes", "; did you mean --hidden (scikit-learn's"
        + " hidden_layer_sizes)?");
    expected.put("--max_iter", "; did you mean --epochs (scikit-learn's max_iter counts"
        + " epochs)?");
    expected.put("--weight_decay", "; did you mean --lambdas (the L2 strength λ, PyTorch's"
        + " weight_decay)?");
    expected.put("--alpha", "; did you mean --lambdas (scikit-learn's alpha is λ)?");
    expected.put("--regParam", "; did you mean --lambdas (MLlib's regParam is λ)?");
    expected.put("--lambda", "; did you mean --lambdas?");
    expected.put("--Batch_Size", "; did you mean --batch-size?");
    expected.put("--labelCol", "; did you mean --target?");
    expected.put("--nfolds", " (see --help or docs/spark.md)");
    for (java.util.Map.Entry<String, String> e : expected.entrySet()) {
      Result r = run(List.of("--lambdas", "0.1", e.getKey(), "5"));
      assertEquals(2, r.code(), e.getKey() + ": " + r.err());
      assertEquals("tikhonov-spark: unknown flag " + e.getKey() + e.getValue(),
          r.err().strip());
    }
    Result attached = run(List.of("--lambdas", "0.1", "--epochs=5"));
    assertEquals(2, attached.code(), attached.err());
    assertEquals("tikhonov-spark: unknown flag --epochs=5; give the value as the next"
        + " argument: --epochs 5", attached.err().strip());
    Result last = run(List.of("--lambdas", "0.1", "--dropout"));
    assertEquals(2, last.code(), last.err());
    assertEquals("tikhonov-spark: unknown flag --dropout; did you mean --dropouts?",
        last.err().strip());
  }

  @Test
  void badInputAndFlags_exitWithCode2AndOneLine(@TempDir Path dir) throws IOException {
    Path[] files = digitFiles(dir, 20, 10);
    List<String> data = List.of("--train", files[0].toString(), "--test", files[1].toString(),
        "--target", "label", "--out", dir.resolve("o").toString());
    Object[][] cases = {
        {with(data, "--lambdas", "0.1", "--verbose", "1"),
            "unknown flag --verbose (see --help or docs/spark.md)"},
        {with(data, "--lambdas", "0.1,-1"),
            "--lambdas: each value must be a number finite and ≥ 0, got '-1'"},
        {with(data, "--lambdas", "0.1", "--dropouts", "1"),
            "--dropouts: each value must be a number in [0, 1), got '1'"},
        {with(data), "--lambdas L1,L2,... is required"},
        {List.of("--lambdas", "0.1", "--train", dir.resolve("nope.csv").toString(), "--test",
            files[1].toString(), "--target", "label"),
            dir.resolve("nope.csv") + ": no such file (expected a CSV/TSV or LIBSVM file)"},
        {List.of("--lambdas", "0.1", "--train", files[0].toString(), "--test",
            files[1].toString()),
            "--target COLUMN is needed to read the delimited file " + files[0]},
        {List.of("--lambdas", "0.1", "--mnist", "bundled", "--train", files[0].toString()),
            "give the data as --train FILE --test FILE, or as --mnist DIR|bundled"},
        {with(data, "--lambdas", "0.1", "--epochs", "0"),
            "--epochs must be a whole number ≥ 1, got '0'"},
        // a list was taken as its first value, exit 0, as if the grid swept the rate
        {with(data, "--lambdas", "0.1", "--learning-rate", "0.05,0.1"),
            "--learning-rate takes one number (the grid is --lambdas × --dropouts × --seeds),"
                + " got '0.05,0.1'"},
        {with(data, "--lambdas", "0.1", "--momentum", "0.9,0.5"),
            "--momentum takes one number (the grid is --lambdas × --dropouts × --seeds), got"
                + " '0.9,0.5'"},
        {List.of("--lambdas", "0.1", "--mnist", "bundled", "--out", files[0].toString()),
            "--out " + files[0] + ": is a file; the results go into a directory"},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Result r = run((List<String>) c[0]);
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertEquals("tikhonov-spark: " + c[1], r.err().strip(), c[0].toString());
      assertEquals(1, r.err().strip().lines().count(), "one line");
    }
    Path unreadable = dir.resolve("bad.csv");
    Files.writeString(unreadable, "px0,label\n0.5,1\nnot a number,2\n");
    Result bad = run(List.of("--lambdas", "0.1", "--train", unreadable.toString(), "--test",
        files[1].toString(), "--target", "label"));
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("tikhonov-spark: " + unreadable), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }

  /**
   * --out that cannot be made, or would replace an input: under a file it said only "DIR: Not
   * a directory"; empty, it wrote into the working directory; a --train file named runs.csv in
   * --out was replaced by the results (exit 0). Each is one line and code 2 before any work,
   * and the input stays.
   */
  @Test
  void outThatCannotBeMadeOrWouldReplaceAnInput_exitsWithCode2AndOneLine(@TempDir Path dir)
      throws IOException {
    Path[] files = digitFiles(dir, 20, 10);
    Path plain = Files.writeString(dir.resolve("plain"), "a file");
    Path runs = Files.copy(files[0], dir.resolve("runs.csv"));
    byte[] before = Files.readAllBytes(runs);
    Object[][] cases = {
        {List.of("--lambdas", "0.1", "--mnist", "bundled", "--out",
            plain.resolve("sub").toString()),
            "--out " + plain.resolve("sub") + ": " + plain + " is a file, not a directory; the"
                + " results cannot go there"},
        {List.of("--lambdas", "0.1", "--mnist", "bundled", "--out", ""),
            "--out needs a directory path, got ''"},
        {List.of("--lambdas", "0.1", "--train", runs.toString(), "--test", files[1].toString(),
            "--target", "label", "--out", dir.toString()),
            "--out " + dir + ": its runs.csv would replace the --train file " + runs
                + "; give another directory"},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Result r = run((List<String>) c[0]);
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertEquals("tikhonov-spark: " + c[1], r.err().strip(), c[0].toString());
    }
    assertArrayEquals(before, Files.readAllBytes(runs), "--train is unchanged");
  }
}
