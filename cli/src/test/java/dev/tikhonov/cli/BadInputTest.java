package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad inputs, flags and file-system states (docs/bad-input.md, issue 14), each run
 * in this JVM through the jar's parser and error handling ({@link InProcess}): every one ends
 * with exit code 2 and one line on stderr naming the flag, file, row or column, before any long
 * work; none prints a Java stack trace. {@link BadInputCliIT} runs a few of them through the
 * real jar, each in its own JVM, for what only a process shows (its exit code, its stderr).
 */
class BadInputTest {
  @TempDir static Path dir;
  static Path csv;
  static Path model;

  /** The flags whose value is a file or folder (--model too for predict, evaluate, export). */
  private static final Set<String> PATH_FLAGS =
      Set.of("--data", "--out", "--save", "--foldid", "--resume");

  /** One command that must fail cleanly, and what its message must name. */
  record Case(String name, List<String> args, List<String> mentions) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The files the cases name, written into {@code dir}; returns the data file. */
  static Path files(Path dir) throws IOException {
    StringBuilder s = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 60; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      s.append(a).append(',').append(b).append(',').append(2 * a - b + 0.01 * Math.sin(7 * i))
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("d.csv"), s.toString());
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
    return csv;
  }

  /**
   * The command that trains the model that the cases predict with, {@code model}, into the run
   * folder {@code out}, whose checkpoint a case gives as a model.
   */
  static List<String> train(Path csv, Path model, Path out) {
    return List.of("train", "--data", csv.toString(), "--target", "y", "--model", "linear",
        "--epochs", "300", "--save", model.toString(), "--out", out.toString(), "--quiet",
        "--checkpoint-every", "300");
  }

  /** The case's command line, with the data and model files and the given relative paths. */
  static List<String> args(Case c, Path csv, Path model, UnaryOperator<String> relative) {
    List<String> args = new ArrayList<>();
    for (String a : c.args()) {
      String previous = args.isEmpty() ? "" : c.args().get(args.size() - 1);
      boolean file = PATH_FLAGS.contains(previous) || previous.equals("report")
          || previous.equals("--model") && Set.of("predict", "evaluate", "export")
              .contains(c.args().get(0));
      args.add(a.equals("DATA") ? csv.toString() : a.equals("MODEL") ? model.toString()
          : file && !a.isEmpty() ? relative.apply(a) : a);
    }
    return args;
  }

  @BeforeAll
  static void setUp() throws Exception {
    csv = files(dir);
    model = dir.resolve("m.model");
    InProcess r = InProcess.run(train(csv, model, dir.resolve("train-ok")));
    assertEquals(0, r.exit(), r.err());
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
        // '' was "'' is not a long", 99999999999 "is not an int", as if it were no number;
        // a --train-rows above the digits' 8000 used them all without a word.
        c("experiment mnist-l2 --seeds ''", "--seeds|an empty value where a number belongs",
            "experiment", "mnist-l2", "--quick", "--seeds", ""),
        c("experiment mnist-l2 --epochs 99999999999",
            "--epochs|99999999999 is too large for an int: give at most 2147483647",
            "experiment", "mnist-l2", "--quick", "--epochs", "99999999999"),
        c("experiment mnist-select --train-rows 999999999", "--train-rows 999999999: digits has"
            + " 8000 training rows; give at most 8000, or 0 for all rows",
            "experiment", "mnist-select", "--quick", "--train-rows", "999999999"),
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
  void badInput_exitsTwoWithOneLineNamingIt(Case c) {
    InProcess r = InProcess.run(args(c, csv, model, a -> dir.resolve(a).toString()));
    assertNoStackTrace(r.out() + r.err());
    assertEquals(2, r.exit(), c.name() + ":\n" + r.err());
    List<String> lines = r.err().lines().filter(l -> l.startsWith("tikhonov: error:")).toList();
    assertEquals(1, lines.size(), c.name() + ": one error line\n" + r.err());
    for (String m : c.mentions()) {
      assertTrue(lines.get(0).contains(m), c.name() + ": the message names " + m + "\n"
          + lines.get(0));
    }
  }

  static void assertNoStackTrace(String all) {
    assertFalse(all.contains("Exception in thread") || all.contains("\tat ")
        || all.contains("Caused by:"), "no Java stack trace reaches a user:\n" + all);
  }
}
