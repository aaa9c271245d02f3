package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad inputs, flags and file-system states (docs/bad-input.md, issue 14), each run
 * through the real jar in its own JVM: every one ends with exit code 2 and one line on stderr
 * naming the flag, file, row or column, before any long work; none prints a Java stack trace.
 */
class BadInputCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path csv;
  static Path model;

  /** One command that must fail cleanly, and what its message must name. */
  record Case(String name, List<String> args, List<String> mentions) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void files() throws Exception {
    StringBuilder s = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 60; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      s.append(a).append(',').append(b).append(',').append(2 * a - b + 0.01 * Math.sin(7 * i))
          .append('\n');
    }
    csv = Files.writeString(dir.resolve("d.csv"), s.toString());
    Files.writeString(dir.resolve("a-file"), "not a directory");
    Files.createDirectories(dir.resolve("a-dir"));
    Files.createDirectories(dir.resolve("blocked-run/history.csv"));
    Files.createDirectories(dir.resolve("blocked-charts"));
    Files.writeString(dir.resolve("blocked-charts/charts"), "not a folder");
    Files.writeString(dir.resolve("folds-huge.csv"), "fold\n" + "1\n2\n".repeat(29)
        + "1\n2000000000\n");
    Files.write(dir.resolve("folds-latin1.csv"), new byte[] {'1', '\n', (byte) 0xE9, '\n'});
    // y ≈ 2a − b: the fitted weights turn (3e38, −3e38) into 9e38, beyond float32.
    Files.writeString(dir.resolve("huge.csv"), "a,b\n1,1\n3e38,-3e38\n");
    Files.writeString(dir.resolve("constant-features.csv"), "a,y\n1,1\n1,2\n1,4\n");
    Files.writeString(dir.resolve("garbage.model"), "{\"not\": \"a model\"}");
    model = dir.resolve("m.model");
    Cli.Result r = Cli.run(dir, "train", "--data", csv.toString(), "--target", "y", "--model",
        "linear", "--epochs", "300", "--save", model.toString(), "--out", "train-ok", "--quiet",
        "--checkpoint-every", "300");
    assertEquals(0, r.exitCode(), r.stderr());
  }

  static Case c(String name, String mentions, String... args) {
    return new Case(name, List.of(args), List.of(mentions.split("\\|")));
  }

  static Stream<Case> cases() {
    String d = "DATA";
    return Stream.of(
        c("train --out is a file", "a-file|is a file",
            "train", "--data", d, "--target", "y", "--model", "linear", "--out", "a-file"),
        c("train --out under a file", "a-file|is a file",
            "train", "--data", d, "--target", "y", "--model", "linear", "--out", "a-file/run"),
        c("train --save is a directory", "a-dir|is a directory",
            "train", "--data", d, "--target", "y", "--model", "linear", "--save", "a-dir"),
        c("predict --out is a directory", "a-dir|is a directory",
            "predict", "--model", "MODEL", "--data", d, "--out", "a-dir"),
        c("export --out under a file", "a-file",
            "export", "--model", "MODEL", "--out", "a-file/x.onnx"),
        c("experiment --out is a file", "a-file|is a file",
            "experiment", "gd-linear", "--quick", "--out", "a-file"),
        c("path --cv-folds 0", "--cv-folds",
            "path", "--data", d, "--target", "y", "--cv-folds", "0"),
        c("path --cv-folds above the rows", "--cv-folds|60 rows|at most 60",
            "path", "--data", d, "--target", "y", "--cv-folds", "61"),
        c("path without a usable feature and no --lambdas", "--lambdas|λ_max",
            "path", "--data", "constant-features.csv", "--target", "y"),
        c("train --out empty", "--out|empty",
            "train", "--data", d, "--target", "y", "--model", "linear", "--out", ""),
        c("predict --model empty", "--model|empty",
            "predict", "--model", "", "--data", d, "--out", "p.csv"),
        c("path --nlambda 2e9", "--nlambda",
            "path", "--data", d, "--target", "y", "--nlambda", "2000000000"),
        c("path --foldid with a huge id", "folds-huge.csv:61|2000000000",
            "path", "--data", d, "--target", "y", "--foldid", "folds-huge.csv"),
        c("path --foldid missing", "no-such-folds.csv|not found",
            "path", "--data", d, "--target", "y", "--foldid", "no-such-folds.csv"),
        c("path --foldid not UTF-8", "folds-latin1.csv|UTF-8",
            "path", "--data", d, "--target", "y", "--foldid", "folds-latin1.csv"),
        c("path --lambdas with a negative", "--lambdas",
            "path", "--data", d, "--target", "y", "--lambdas", "0.5,-1"),
        c("path --save-lambda 1se without CV", "--save-lambda|--cv-folds",
            "path", "--data", d, "--target", "y", "--save", "p.model", "--save-lambda", "1se"),
        c("predict huge inputs (its file and line, header counted)", "huge.csv:3:",
            "predict", "--model", "MODEL", "--data", "huge.csv", "--out", "p.csv"),
        c("predict a file that is not a model", "garbage.model",
            "predict", "--model", "garbage.model", "--data", d, "--out", "p.csv"),
        c("train --validation-fraction -0.5", "--validation-fraction",
            "train", "--data", d, "--target", "y", "--model", "linear",
            "--validation-fraction", "-0.5"),
        c("train --validation-fraction NaN", "--validation-fraction",
            "train", "--data", d, "--target", "y", "--model", "linear",
            "--validation-fraction", "NaN"),
        c("train --threads 0", "--threads", "train", "--threads", "0"),
        c("train --regression --model logistic", "--model logistic is a classifier",
            "train", "--data", d, "--target", "y", "--model", "logistic", "--regression"),
        c("train --model mlp:0", "--model", "train", "--model", "mlp:0"),
        c("train --epochs 0", "--epochs", "train", "--epochs", "0"),
        c("train --batch-size 0", "--batch-size", "train", "--batch-size", "0"),
        c("train --lr -1", "--lr", "train", "--lr", "-1"),
        c("train --l1-ratio 2", "--l1-ratio|[0, 1]", "train", "--lambda", "0.1", "--l1-ratio",
            "2"),
        c("train --dropout 1", "--dropout", "train", "--dropout", "1"),
        c("train --patience -1", "--patience", "train", "--patience", "-1"),
        c("train --weight-decay -1", "--weight-decay", "train", "--weight-decay", "-1"),
        c("train on a missing file", "no-such.csv", "train", "--data", "no-such.csv",
            "--target", "y"),
        c("train linear regression on class labels", "class labels", "train", "--model",
            "linear"),
        c("evaluate on a CSV without the model's columns", "missing column \"b\"",
            "evaluate", "--model", "MODEL", "--data", "constant-features.csv", "--target", "y"),
        c("evaluate with --target one of the model's columns",
            "target column \"b\" is one of the model's input columns",
            "evaluate", "--model", "MODEL", "--data", "huge.csv", "--target", "b"),
        c("report on a file", "a-file", "report", "a-file"),
        c("resume without a checkpoint", "a-dir", "train", "--resume", "a-dir"),
        c("unknown experiment", "nope", "experiment", "nope"),
        c("experiment mnist-l2 --data a CSV file", "--data|IDX|not a file",
            "experiment", "mnist-l2", "--quick", "--data", d),
        c("select --nlambda 2e9 (used to run out of heap)", "--nlambda|1..100000",
            "select", "--data", d, "--target", "y", "--regression", "--model", "mlp:4",
            "--nlambda", "2000000000"),
        c("train --validation-fraction that leaves no rows", "--validation-fraction 0.99",
            "train", "--data", d, "--target", "y", "--model", "linear", "--patience", "2",
            "--validation-fraction", "0.99"),
        c("select --validation-fraction that leaves no rows", "--validation-fraction 0.99",
            "select", "--data", d, "--target", "y", "--regression", "--model", "mlp:4",
            "--nlambda", "2", "--cv-folds", "2", "--validation-fraction", "0.99"),
        c("train --step-epochs 0", "--step-epochs", "train", "--data", d, "--target", "y",
            "--model", "linear", "--schedule", "step", "--step-epochs", "0"),
        c("train --momentum with adam (ignored; IgnoredFlagsTest has every such case)",
            "--momentum|--optimizer momentum and nesterov", "train", "--data", d, "--target", "y",
            "--model", "linear", "--optimizer", "adam", "--momentum", "0.5"),
        c("experiment gd-linear --epochs (ignored)", "--epochs|gd-linear",
            "experiment", "gd-linear", "--quick", "--epochs", "3"),
        c("experiment mnist-select --train-rows -1", "--train-rows",
            "experiment", "mnist-select", "--quick", "--train-rows", "-1"),
        c("experiment mnist-select --train-rows 5 (too few for 3 folds)",
            "--train-rows must be 0 (all rows) or at least 10 per fold (30 with 3 folds)",
            "experiment", "mnist-select", "--quick", "--train-rows", "5"),
        c("experiment mnist-select --methods misspelt", "--methods|bogus",
            "experiment", "mnist-select", "--quick", "--methods", "bogus"),
        c("experiment mnist-l2 --lambdas -1", "--lambdas",
            "experiment", "mnist-l2", "--quick", "--lambdas", "-1"),
        // Used to fail only at the end of the run, when writing history.csv or the charts.
        c("train --out holding a directory named history.csv", "history.csv|is a directory",
            "train", "--data", d, "--target", "y", "--model", "linear", "--out", "blocked-run"),
        c("path --out whose charts is a file", "charts|is a file",
            "path", "--data", d, "--target", "y", "--out", "blocked-charts"),
        c("predict with a checkpoint as the model", "checkpoint.safetensors|training checkpoint",
            "predict", "--model", "train-ok/checkpoint.safetensors", "--data", d, "--out",
            "p.csv"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void badInput_exitsTwoWithOneLineNamingIt(Case c) throws Exception {
    List<String> args = new ArrayList<>();
    for (String a : c.args()) {
      args.add(a.equals("DATA") ? csv.toString() : a.equals("MODEL") ? model.toString() : a);
    }
    Cli.Result r = Cli.run(dir, args.toArray(String[]::new));
    assertNoStackTrace(r);
    assertEquals(2, r.exitCode(), c.name() + ":\n" + r.stderr());
    List<String> lines = r.errorLines().stream()
        .filter(l -> l.startsWith("tikhonov: error:")).toList();
    assertEquals(1, lines.size(), c.name() + ": one error line\n" + r.stderr());
    for (String m : c.mentions()) {
      assertTrue(lines.get(0).contains(m), c.name() + ": the message names " + m + "\n"
          + lines.get(0));
    }
  }

  /** Siblings that must succeed: the chart's log axis with λ = 0, an unreachable tolerance. */
  @Test
  void lambdaZeroWithSave_andAnUnreachableTolerance_succeedWithAWarning() throws Exception {
    Cli.Result r = Cli.run(dir, "path", "--data", csv.toString(), "--target", "y",
        "--lambdas", "0.5,0", "--save", "zero.model", "--out", "zero", "--quiet");
    assertNoStackTrace(r);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(Files.exists(dir.resolve("zero.model")));
    assertTrue(Files.exists(dir.resolve("zero/report.html")));
    Path gauss = dir.resolve("gauss.csv");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(
        Path.of("..", "core", "src", "test", "resources", "ref", "gauss.csv.gz")))) {
      Files.copy(in, gauss, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    r = Cli.run(dir, "path", "--data", gauss.toString(), "--target", "y", "--tol", "1e-30",
        "--nlambda", "5", "--out", "tight", "--quiet");
    assertNoStackTrace(r);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains("warning") && r.stderr().contains("--tol"), r.stderr());
    assertFalse(JSON.readTree(dir.resolve("tight/path.json").toFile()).get("converged").get(4)
        .asBoolean(), "path.json says the λ is not certified");
  }

  @Test
  void goodFilesOfEveryKind_predict() throws Exception {
    Path svm = Files.writeString(dir.resolve("x.svm"),
        "\uFEFF0 1:0.5 2:0.25\n1 1:-1 2:2\n", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run(dir, "predict", "--model", model.toString(), "--data", svm.toString(),
        "--out", "svm-pred.csv");
    assertNoStackTrace(r);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(3, Files.readAllLines(dir.resolve("svm-pred.csv")).size(), "header + 2 rows");
  }

  /**
   * A misspelt measurement switch in TIKHONOV_JAVA_OPTS stops the command before it starts,
   * instead of running the default under the wrong name; a valid one runs.
   */
  @Test
  void misspeltSwitch_stopsBeforeTheCommand_validSwitchRuns() throws Exception {
    Cli.Result r = Cli.runWithJvmOptions(dir, List.of("-Dtikhonov.sgemm=OpenBLAS"), "train",
        "--data", csv.toString(), "--target", "y", "--model", "linear", "--epochs", "5",
        "--out", "switch-bad", "--quiet");
    assertNoStackTrace(r);
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(List.of("tikhonov: error: system property tikhonov.sgemm=OpenBLAS: expected "
        + "onednn or openblas (which library runs the products of one thread; oneDNN only when "
        + "it loads)"), r.errorLines());
    assertFalse(Files.exists(dir.resolve("switch-bad")), "nothing ran");
    r = Cli.runWithJvmOptions(dir, List.of("-Dtikhonov.sgemm=openblas"), "--version");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("SGEMM on one thread: OpenBLAS"), r.stdout());
  }

  /**
   * A run that stops on bad input leaves no output folder behind (it used to leave an empty
   * one): the folder appears with the run's first file. The default runs/ folder included.
   */
  @Test
  void aFailedRun_leavesNoOutputFolder() throws Exception {
    Path work = Files.createDirectories(dir.resolve("nothing-left"));
    List<List<String>> runs = List.of(
        List.of("train", "--data", csv.toString(), "--target", "y", "--model", "linear",
            "--save", dir.resolve("a-dir").toString(), "--out", "out/save-is-a-dir"),
        List.of("train", "--data", "no-such.csv", "--target", "y", "--out", "out/no-data"),
        List.of("path", "--data", csv.toString(), "--target", "y", "--cv-folds", "61",
            "--save", "m/p.model", "--out", "out/folds"),
        List.of("train", "--data", "no-such.csv", "--target", "y", "--save", "m/t.model"));
    for (List<String> args : runs) {
      Cli.Result r = Cli.run(work, args.toArray(String[]::new));
      assertNoStackTrace(r);
      assertEquals(2, r.exitCode(), r.stderr());
    }
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(), left.toList(), "nothing is created by runs that fail");
    }
  }

  /**
   * A misspelt --save-lambda, or min/1se without cross-validation, stops path before the fit:
   * it used to be reported only after the path and all its folds were computed.
   */
  @Test
  void pathSaveLambda_isCheckedBeforeTheFit() throws Exception {
    for (String[] c : List.of(new String[] {"foo", "--cv-folds", "3"},
        new String[] {"1se", "--nlambda", "5"})) {
      Path out = dir.resolve("save-lambda-" + c[0]);
      Cli.Result r = Cli.run(dir, "path", "--data", csv.toString(), "--target", "y", "--save",
          "sl.model", "--save-lambda", c[0], c[1], c[2], "--out", out.toString(), "--quiet");
      assertNoStackTrace(r);
      assertEquals(2, r.exitCode(), r.stderr());
      assertTrue(r.stderr().contains("--save-lambda"), r.stderr());
      assertFalse(Files.exists(out.resolve("path.json")), "no path was fitted: " + c[0]);
    }
  }

  /**
   * An --out or --save that names a device or a named pipe (/dev/null, /dev/stdout, a FIFO) is
   * written into, not replaced: the atomic rename used to put a regular file in its place, which
   * for root replaced /dev/null itself. A FIFO stands in for the device here.
   */
  @Test
  void outputToANamedPipe_isWrittenIntoAndStaysAPipe() throws Exception {
    for (String command : List.of("predict", "export", "train")) {
      Path fifo = dir.resolve("pipe-" + command);
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assertEquals(0, mkfifo.waitFor(), "mkfifo");
      Path received = dir.resolve("received-" + command);
      Process reader = new ProcessBuilder("cat", fifo.toString())
          .redirectOutput(received.toFile()).start();
      try {
        List<String> args = switch (command) {
          case "predict" -> List.of("predict", "--model", model.toString(), "--data",
              csv.toString(), "--out", fifo.toString());
          case "export" -> List.of("export", "--model", model.toString(), "--out",
              fifo.toString());
          default -> List.of("train", "--data", csv.toString(), "--target", "y", "--model",
              "linear", "--epochs", "2", "--save", fifo.toString(), "--out", "pipe-run",
              "--quiet");
        };
        Cli.Result r = Cli.run(dir, args.toArray(String[]::new));
        assertNoStackTrace(r);
        assertEquals(0, r.exitCode(), command + ":\n" + r.stderr());
        assertFalse(Files.isRegularFile(fifo), command + ": the pipe was replaced by a file");
        assertTrue(reader.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
            command + ": the reader got the end of the data");
        assertTrue(Files.size(received) > 0, command + ": the reader got the data");
      } finally {
        reader.destroyForcibly();
      }
    }
    assertTrue(Files.readString(dir.resolve("received-predict")).startsWith("prediction\n"));
  }

  static void assertNoStackTrace(Cli.Result r) {
    String all = r.stdout() + r.stderr();
    assertFalse(all.contains("Exception in thread") || all.contains("\tat ")
        || all.contains("Caused by:"), "no Java stack trace reaches a user:\n" + all);
  }
}
