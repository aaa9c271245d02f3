package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs through the real jar, each in its own JVM: a few of {@link BadInputTest}'s corpus
 * (which runs all of it in-process), one of each kind, for the launcher's exit code and a stderr
 * without a Java stack trace; and what only a process shows (its JVM options, its working
 * directory, named pipes). Every one ends with exit code 2 and one line on stderr naming the
 * flag, file, row or column, before any long work.
 */
class BadInputCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path csv;
  static Path model;

  /**
   * The corpus's cases run here too, one of each kind: a folder where a file goes, a flag's
   * value, a reader's error at its line, a file that is not a model, the bundled data.
   */
  private static final Set<String> THROUGH_THE_JAR = Set.of("train --out is a file",
      "train --epochs 0", "path --foldid with a huge id", "predict a file that is not a model",
      "train linear regression on class labels");

  @BeforeAll
  static void files() throws Exception {
    csv = BadInputTest.files(dir);
    model = dir.resolve("m.model");
    Cli.Result r = Cli.run(dir, BadInputTest.train(csv, model, dir.resolve("train-ok"))
        .toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.stderr());
  }

  static Stream<BadInputTest.Case> cases() {
    List<BadInputTest.Case> cases = BadInputTest.cases()
        .filter(c -> THROUGH_THE_JAR.contains(c.name())).toList();
    assertEquals(THROUGH_THE_JAR.size(), cases.size(), "every name is a case of the corpus");
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void badInput_exitsTwoWithOneLineNamingIt(BadInputTest.Case c) throws Exception {
    Cli.Result r = Cli.run(dir, BadInputTest.args(c, csv, model, a -> a)
        .toArray(String[]::new));
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
    BadInputTest.assertNoStackTrace(r.stdout() + r.stderr());
  }
}
