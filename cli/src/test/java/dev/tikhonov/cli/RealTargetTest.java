package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-valued target given to a classifier is one error line with exit code 2 that names the
 * file and --target and says which flags fit a regression model, before any output is created.
 * train --model mlp:8 (and logistic, grid, select) on a real-valued y used to fit one class per
 * distinct value: about 240 classes, accuracy 0, exit 0, and predict then wrote columns named
 * prob_-6.606…. Integer labels 0..9 and string labels are still classes.
 */
class RealTargetTest {
  @TempDir static Path dir;

  private static InProcess run(String... args) {
    return InProcess.run(args);
  }

  /**
   * 60 rows of features a, b and a target y, one file per kind of target: real.csv (y real),
   * digit.csv (0..9), word.csv (pos/neg), count.csv (60 distinct integers), real.svm.
   */
  @BeforeAll
  static void files() throws Exception {
    String[] kinds = {"real", "digit", "word", "count"};
    StringBuilder svm = new StringBuilder();
    for (String kind : kinds) {
      StringBuilder csv = new StringBuilder("a,b,y\n");
      for (int i = 0; i < 60; i++) {
        double a = Math.sin(i);
        double b = Math.cos(3 * i);
        double y = 2 * a - b;
        String target = switch (kind) {
          case "real" -> Double.toString(y);
          case "digit" -> Integer.toString(i % 10);
          case "word" -> a > 0 ? "pos" : "neg";
          default -> Integer.toString(1000 + 7 * i);
        };
        csv.append(a).append(',').append(b).append(',').append(target).append('\n');
        if (kind.equals("real")) {
          svm.append(y).append(" 1:").append(a).append(" 2:").append(b).append('\n');
        }
      }
      Files.writeString(dir.resolve(kind + ".csv"), csv);
    }
    Files.writeString(dir.resolve("real.svm"), svm);
  }

  private static String[] args(String out, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--threads", "1", "--quiet", "--out", dir.resolve(out).toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void classifiers_onARealValuedTarget_areRefusedWithExit2() {
    String csv = dir.resolve("real.csv").toString();
    String svm = dir.resolve("real.svm").toString();
    String real = "tikhonov: error: --data " + csv + ": --target y looks real-valued (60 distinct"
        + " numbers, not all integers, e.g. ";
    String tail = "), but the model is a classifier, which would learn one class per distinct"
        + " value; for a real-valued target ";
    String[][] cases = {
        args("t1", "train", "--data", csv, "--target", "y", "--model", "mlp:4", "--epochs", "1"),
        args("t2", "train", "--data", csv, "--target", "y", "--model", "logistic", "--epochs",
            "1"),
        args("t3", "grid", "--data", csv, "--target", "y", "--model", "mlp:4", "--epochs", "1",
            "--lambdas", "0.1", "--folds", "2"),
        args("t4", "select", "--data", csv, "--target", "y", "--model", "mlp:4", "--epochs", "1",
            "--lambdas", "0.1", "--folds", "2", "--no-evidence"),
        args("t5", "path", "--data", csv, "--target", "y", "--family", "binomial", "--nlambda",
            "3"),
    };
    String[] instead = {"add --regression (an MLP) or use --model linear",
        "add --regression (an MLP) or use --model linear", "add --regression",
        "add --regression", "use --family gaussian (poisson for counts)"};
    for (int i = 0; i < cases.length; i++) {
      InProcess r = run(cases[i]);
      String line = String.join(" ", cases[i]) + "\n" + r.err();
      assertEquals(2, r.exit(), line);
      assertEquals(1, r.err().lines().count(), line);
      assertEquals(true, r.err().startsWith(real) && r.err().contains(tail + instead[i]
          + "; if these numbers really are class labels, write them as text (e.g. \"class_")
          && r.err().endsWith("): text labels are always classes"), line);
      assertFalse(Files.exists(dir.resolve("t" + (i + 1))), "no output: " + line);
    }
    String count = dir.resolve("count.csv").toString();
    InProcess counts = run(args("t6", "train", "--data", count, "--target", "y", "--model", "mlp:4",
        "--epochs", "1"));
    assertEquals(2, counts.exit(), counts.err());
    assertEquals("tikhonov: error: --data " + count + ": --target y looks real-valued (60"
        + " distinct integers in 60 rows" + tail
        + "add --regression (an MLP) or use --model linear; if these numbers really are class"
        + " labels, write them as text (e.g. \"class_1000\" for 1000): text labels are always"
        + " classes", counts.err());
    // data/diabetes.csv's progression: 214 distinct integers in 442 rows, about 2 rows each,
    // fewer than half the rows, so they passed as 214 classes (test accuracy 0, exit 0)
    Path diabetes = Path.of("..", "data", "diabetes.csv");
    for (String command : new String[] {"train", "grid", "select"}) {
      InProcess r = run(args("t-" + command, command.equals("train")
          ? new String[] {"train", "--data", diabetes.toString(), "--target", "progression",
              "--model", "mlp:4", "--epochs", "1"}
          : new String[] {command, "--data", diabetes.toString(), "--target", "progression",
              "--model", "mlp:4", "--epochs", "1", "--lambdas", "0.1", "--folds", "2"}));
      assertEquals(2, r.exit(), command + ": " + r.err());
      assertEquals(true, r.err().startsWith("tikhonov: error: --data " + diabetes + ": --target"
          + " progression looks real-valued (214 distinct integers in 442 rows), but the model is"
          + " a classifier"), command + ": " + r.err());
      assertFalse(Files.exists(dir.resolve("t-" + command)), "no output: " + command);
    }
    InProcess libsvm = run(args("t7", "train", "--data", svm, "--model", "logistic", "--epochs", "1"));
    assertEquals(2, libsvm.exit(), libsvm.err());
    assertEquals(true, libsvm.err().startsWith("tikhonov: error: --data " + svm + ": its target"
        + " (each line's first field) looks real-valued (60 distinct numbers"), libsvm.err());
  }

  /**
   * The converse: a target of text given to a model that predicts numbers names the cell and
   * says which flags fit a classifier. train --regression on data/wine.csv's cultivar said only
   * "expected a number, found "class_0"".
   */
  @Test
  void regressions_onATargetOfText_nameTheCellAndTheFlagsOfAClassifier() {
    String csv = dir.resolve("word.csv").toString();
    String[][] cases = {
        args("x1", "train", "--data", csv, "--target", "y", "--model", "mlp:4", "--regression",
            "--epochs", "1"),
        args("x2", "train", "--data", csv, "--target", "y", "--model", "linear", "--epochs", "1"),
        args("x3", "grid", "--data", csv, "--target", "y", "--model", "mlp:4", "--regression",
            "--epochs", "1", "--lambdas", "0.1", "--folds", "2"),
        args("x4", "select", "--data", csv, "--target", "y", "--model", "mlp:4", "--regression",
            "--epochs", "1", "--lambdas", "0.1", "--folds", "2", "--no-evidence"),
        args("x5", "path", "--data", csv, "--target", "y", "--nlambda", "3"),
    };
    String[] classifier = {"drop --regression", "use --model logistic", "drop --regression",
        "drop --regression", "use --family binomial (two classes) or multinomial"};
    for (int i = 0; i < cases.length; i++) {
      InProcess r = run(cases[i]);
      String line = String.join(" ", cases[i]) + "\n" + r.err();
      assertEquals(2, r.exit(), line);
      // row 1 of the data is line 2, a = sin 0 = 0: "neg"; y is column 3
      assertEquals("tikhonov: error: " + csv + ":2:3 (column \"y\"): expected a number, found"
          + " \"neg\"; the target holds text, and a model that predicts numbers cannot fit it: if"
          + " \"y\" holds class labels, " + classifier[i] + " to fit a classifier", r.err(), line);
      assertFalse(Files.exists(dir.resolve("x" + (i + 1)).resolve("run.json")), line);
    }
  }

  /** What the refusal advises for integers that really are classes works: text labels train. */
  @Test
  void classifiers_onManyIntegerLabelsWrittenAsText_train() throws Exception {
    String csv = Files.readString(dir.resolve("count.csv"))
        .replaceAll(",(\\d+)\n", ",class_$1\n");
    Path text = Files.writeString(dir.resolve("count-text.csv"), csv);
    InProcess r = run(args("ok-text", "train", "--data", text.toString(), "--target", "y",
        "--model", "logistic", "--epochs", "1"));
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void classifiers_onIntegerOrStringLabels_stillTrain() {
    for (String kind : new String[] {"digit", "word"}) {
      InProcess r = run(args("ok-" + kind, "train", "--data", dir.resolve(kind + ".csv").toString(),
          "--target", "y", "--model", "logistic", "--epochs", "1"));
      assertEquals(0, r.exit(), kind + ": " + r.err());
    }
    InProcess grid = run(args("ok-grid", "grid", "--data", dir.resolve("digit.csv").toString(),
        "--target", "y", "--model",
        "mlp:4", "--epochs", "1", "--lambdas", "0.1", "--folds", "2"));
    assertEquals(0, grid.exit(), grid.err());
  }
}
