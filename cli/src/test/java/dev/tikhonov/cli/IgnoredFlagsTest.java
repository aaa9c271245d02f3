package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * No flag is silently ignored: a flag typed where it has no effect is one error line with exit
 * code 2 that names the flag and says where it applies, before any data are read or any output
 * is created ({@link Flags.Conditional}). Each case used to run, and succeed, without the flag
 * having any effect. The command lines run in this JVM through {@link Main#commandLine()}, the
 * parser and error handling of the jar; the data are tiny so that a case that is not refused
 * fails fast.
 */
class IgnoredFlagsTest {
  @TempDir static Path dir;

  /** A command line, the message it must give, and the --out directory it must not create. */
  record Case(String message, List<String> args) {
    @Override
    public String toString() {
      return String.join(" ", args);
    }
  }

  private static InProcess run(List<String> args) {
    return InProcess.run(args);
  }

  @BeforeAll
  static void files() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    StringBuilder svm = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      csv.append(a).append(',').append(b).append(',').append(2 * a - b).append('\n');
      svm.append(i % 2).append(" 1:").append(a).append(" 2:").append(b).append('\n');
    }
    Files.writeString(dir.resolve("d.csv"), csv);
    Files.writeString(dir.resolve("d.svm"), svm);
    InProcess r = run(List.of("train", "--data", dir.resolve("d.csv").toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--threads", "1", "--quiet", "--out",
        dir.resolve("model-run").toString(), "--save", dir.resolve("m.model").toString()));
    assertEquals(0, r.exit(), r.err());
    r = run(List.of("train", "--data", dir.resolve("d.svm").toString(), "--model", "logistic",
        "--epochs", "1", "--threads", "1", "--quiet", "--out", dir.resolve("svm-run").toString(),
        "--save", dir.resolve("svm.model").toString()));
    assertEquals(0, r.exit(), r.err());
  }

  static Case c(String message, String... args) {
    return new Case(message, List.of(args));
  }

  static Stream<Case> cases() {
    String csv = "CSV";
    String svm = "SVM";
    String[] train = {"train", "--data", csv, "--target", "y", "--model", "linear", "--epochs",
        "1"};
    String[] select = {"select", "--data", csv, "--target", "y", "--regression", "--model",
        "mlp:2", "--epochs", "1", "--cv-folds", "2", "--no-evidence"};
    String[] grid = {"grid", "--data", csv, "--target", "y", "--regression", "--model", "mlp:2",
        "--epochs", "1", "--cv-folds", "2", "--lambdas", "0.1"};
    String[] path = {"path", "--data", csv, "--target", "y", "--nlambda", "3"};
    return Stream.of(
        // OptimizerOptions (train, select, grid)
        c("--momentum applies only to --optimizer momentum and nesterov; it has no effect with "
            + "--optimizer adam", with(train, "--optimizer", "adam", "--momentum", "0.5")),
        c("--momentum applies only to --optimizer momentum and nesterov; it has no effect with "
            + "--optimizer sgd (plain SGD; PyTorch's SGD(momentum=μ) is --optimizer momentum"
            + " --momentum μ)", with(train, "--optimizer", "sgd", "--momentum", "0.5")),
        c("--momentum applies only to --optimizer momentum and nesterov; it has no effect with "
            + "--optimizer rmsprop", with(select, "--lambdas", "0.1", "--optimizer", "rmsprop",
            "--momentum", "0.5")),
        c("--step-epochs applies only with --schedule step; it has no effect with --schedule "
            + "constant", with(train, "--step-epochs", "3")),
        c("--step-epochs applies only with --schedule step; it has no effect with --schedule "
            + "cosine", with(grid, "--schedule", "cosine", "--step-epochs", "3")),
        // ResamplingOptions (select, grid)
        c("--holdout applies only with --repeat-seeds; it has no effect with k-fold "
            + "cross-validation (--cv-folds)", with(select, "--lambdas", "0.1", "--holdout",
            "0.3")),
        // named as typed: --folds is --cv-folds' other name
        c("--folds applies only without --repeat-seeds; it has no effect with --repeat-seeds, "
            + "which holds out one split (--holdout) instead of folds", "grid", "--data", csv,
            "--target", "y", "--regression", "--model", "mlp:2", "--epochs", "1", "--lambdas",
            "0.1", "--folds", "3", "--repeat-seeds", "0,1"),
        // DataOptions (train, select, grid), path, evaluate
        c("--target applies only to CSV data; it has no effect on LIBSVM data, whose first "
            + "field on each line is the target", "train", "--data", svm, "--target", "y",
            "--model", "logistic", "--epochs", "1"),
        // A file that does not exist: the refusal comes before the data are read.
        c("--target applies only to CSV data; it has no effect on LIBSVM data, whose first "
            + "field on each line is the target", "train", "--data", "no-such.svm", "--target",
            "y", "--model", "logistic", "--epochs", "1"),
        c("--target applies only to CSV data; it has no effect on the bundled MNIST sample, "
            + "which holds its own labels", "train", "--target", "y", "--model", "logistic",
            "--epochs", "1", "--batch-size", "1000"),
        c("--test-fraction applies only to CSV and LIBSVM data; it has no effect on the bundled "
            + "MNIST sample, whose train/test split is fixed", "train", "--test-fraction", "0.5",
            "--model", "logistic", "--epochs", "1", "--batch-size", "1000"),
        c("--target applies only to CSV data; it has no effect on LIBSVM data, whose first "
            + "field on each line is the target", "path", "--data", svm, "--target", "y",
            "--family", "binomial", "--nlambda", "3"),
        c("--weights applies only to CSV data (it names a column); it has no effect on LIBSVM "
            + "data, whose lines hold only the target and the features", "path", "--data", svm,
            "--weights", "w", "--family", "binomial", "--nlambda", "3"),
        c("--target applies only to CSV data; it has no effect on LIBSVM data, whose first "
            + "field on each line is the target", "evaluate", "--model", "SVM_MODEL", "--data",
            svm, "--target", "y"),
        // select
        c("--min-lambda applies only to the default λ grid; it has no effect with --lambdas, "
            + "which gives the grid", with(select, "--lambdas", "0.1,0.01", "--min-lambda",
            "1e-3")),
        c("--nlambda applies only to the default λ grid; it has no effect with --lambdas, which "
            + "gives the grid", with(select, "--lambdas", "0.1,0.01", "--nlambda", "5")),
        // select with one λ: one fit per split, no path (they used to run as if there were one)
        c("--warm-epochs applies only to a grid of several λ (the budget of each λ after the "
            + "first); it has no effect with one λ (--lambdas 0.1)", with(select, "--lambdas",
            "0.1", "--warm-epochs", "7")),
        c("--direction applies only to a grid of several λ (the order of their warm starts); it "
            + "has no effect with one λ (--lambdas 0.1)", with(select, "--lambdas", "0.1",
            "--direction", "decreasing")),
        c("--cold applies only to a grid of several λ; it has no effect with one λ (--lambdas "
            + "0.1), whose one fit per split already starts from the random initialization with "
            + "the full --epochs", with(select, "--lambdas", "0.1", "--cold")),
        c("--rule applies only to a grid of several λ; it has no effect with one λ (--lambdas "
            + "0.1), which both rules choose", with(select, "--lambdas", "0.1", "--rule", "min")),
        c("--warm-epochs applies only to a grid of several λ (the budget of each λ after the "
            + "first); it has no effect with one λ (--nlambda 1)", with(select, "--nlambda", "1",
            "--warm-epochs", "7")),
        c("--min-lambda applies only to a default grid of several λ; it has no effect with one "
            + "λ (--nlambda 1), which is λ_max", with(select, "--nlambda", "1", "--min-lambda",
            "1e-3")),
        c("--evidence applies only to classifiers with the L2 penalty (--l1-ratio 0); it has no "
            + "effect with --regression", "select", "--data", csv, "--target", "y",
            "--regression", "--model", "mlp:2", "--epochs", "1", "--cv-folds", "2", "--lambdas",
            "0.1", "--evidence"),
        // path
        c("--nlambda applies only to the default λ sequence; it has no effect with --lambdas, "
            + "which gives the sequence", "path", "--data", csv, "--target", "y", "--lambdas",
            "0.1,0.01", "--nlambda", "5"),
        c("--lambda-min-ratio applies only to the default λ sequence; it has no effect with "
            + "--lambdas, which gives the sequence", "path", "--data", csv, "--target", "y",
            "--lambdas", "0.1,0.01", "--lambda-min-ratio", "0.1"),
        c("--seed applies only with --cv-folds (it seeds the random folds); it has no effect "
            + "without cross-validation", with(path, "--seed", "3")),
        c("--multinomial-penalty applies only with --family multinomial (it says how a feature's"
            + " class coefficients are penalized); it has no effect with --family gaussian, which"
            + " fits one coefficient per feature", with(path, "--multinomial-penalty",
            "ungrouped")),
        // train
        c("--l1-ratio applies only with --lambda; it has no effect without it (λ = 0: there is "
            + "no penalty to split between L1 and L2)", with(train, "--l1-ratio", "1")),
        c("--validation-fraction 0 applies only without --patience; it has no effect with "
            + "--patience 2, which validates on 0.1 of the training rows",
            with(train, "--patience", "2", "--validation-fraction", "0")),
        // A linear or logistic model has no hidden layer; --dropout 0 used to be accepted.
        c("--dropout applies only to networks with hidden layers (--model mlp:...); it has no "
            + "effect with --model linear, which has none", with(train, "--dropout", "0")),
        c("--dropout applies only to networks with hidden layers (--model mlp:...); it has no "
            + "effect with --model logistic, which has none", "train", "--data", svm,
            "--model", "logistic", "--epochs", "1", "--dropout", "0.2"),
        // grid
        c("--dropout applies only without --dropouts; it has no effect with --dropouts, whose "
            + "values the grid searches", with(grid, "--dropout", "0.1", "--dropouts", "0,0.2")),
        c("--weight-decay applies only without --weight-decays; it has no effect with "
            + "--weight-decays, whose values the grid searches", with(grid, "--weight-decay",
            "0.1", "--weight-decays", "0,0.2")),
        c("--lr applies only without --learning-rates; it has no effect with --learning-rates, "
            + "whose values the grid searches", with(grid, "--lr", "0.1", "--learning-rates",
            "0.1,0.2")),
        c("--validation-fraction 0 applies only without --patience; it has no effect with "
            + "--patience 1, which holds out 0.1 of each fit's rows", with(grid, "--patience",
            "1", "--validation-fraction", "0")),
        c("--rule applies only to a grid of several candidates; it has no effect with one "
            + "candidate, which both rules choose", with(grid, "--rule", "min")),
        // experiment
        c("--epochs applies only to experiment mnist-l2 and mnist-select; it has no effect on "
            + "gd-linear", "experiment", "gd-linear", "--quick", "--epochs", "3"),
        c("--lambdas applies only to experiment mnist-l2; it has no effect on gd-linear",
            "experiment", "gd-linear", "--quick", "--lambdas", "0.5"),
        c("--seeds applies only to experiment mnist-l2, mnist-select and ridge-vs-lasso; it has "
            + "no effect on gd-linear", "experiment", "gd-linear", "--quick", "--seeds", "1"),
        c("--epochs applies only to experiment mnist-l2 and mnist-select; it has no effect on "
            + "ridge-vs-lasso", "experiment", "ridge-vs-lasso", "--quick", "--epochs", "3"),
        c("--lambdas applies only to experiment mnist-l2; it has no effect on ridge-vs-lasso",
            "experiment", "ridge-vs-lasso", "--quick", "--lambdas", "0.5"),
        c("--seeds: ridge-vs-lasso runs once, on one seed (of its data, split and folds); give "
            + "one seed, not 2", "experiment", "ridge-vs-lasso", "--quick", "--seeds", "1,2"),
        c("--lambdas applies only to experiment mnist-l2; it has no effect on mnist-select",
            "experiment", "mnist-select", "--quick", "--train-rows", "100", "--methods", "warm",
            "--seeds", "0", "--epochs", "1", "--lambdas", "0.5"),
        c("--datasets applies only to experiment mnist-select; it has no effect on mnist-l2",
            "experiment", "mnist-l2", "--quick", "--datasets", "bundled"),
        c("--data applies only to experiment mnist-l2; it has no effect on ridge-vs-lasso",
            "experiment", "ridge-vs-lasso", "--quick", "--data", "DIR"));
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void flagWithoutEffect_isOneErrorLine_exit2_beforeAnyOutput(Case c) {
    Path out = dir.resolve("out-" + Integer.toHexString(c.toString().hashCode()));
    List<String> args = new ArrayList<>();
    for (String a : c.args()) {
      args.add(switch (a) {
        case "CSV" -> dir.resolve("d.csv").toString();
        case "SVM" -> dir.resolve("d.svm").toString();
        case "SVM_MODEL" -> dir.resolve("svm.model").toString();
        case "DIR" -> dir.toString();
        default -> a;
      });
    }
    if (!args.get(0).equals("evaluate")) {
      args.addAll(List.of("--out", out.toString(), "--quiet", "--threads", "1"));
    }
    InProcess r = run(args);
    assertEquals(2, r.exit(), c + "\n" + r.err());
    assertEquals("tikhonov: error: " + c.message(), r.err().strip(), c.toString());
    assertFalse(Files.exists(out), "nothing is written: " + c);
  }

  /**
   * With --resume the settings are the checkpoint's: a flag beside it is refused as such, not
   * judged against this command line's defaults ("--target … has no effect on the bundled MNIST
   * sample" for a run on a CSV, "--l1-ratio applies only with --lambda" for one with a λ).
   */
  @Test
  void resume_withAConditionalFlag_saysDropIt() {
    String csv = dir.resolve("d.csv").toString();
    Path run = dir.resolve("resume-run");
    InProcess r = run(List.of("train", "--data", csv, "--target", "y", "--model", "linear",
        "--epochs", "1", "--lambda", "0.01", "--checkpoint-every", "1", "--threads", "1",
        "--quiet", "--out", run.toString()));
    assertEquals(0, r.exit(), r.err());
    for (List<String> flag : List.of(List.of("--target", "y"), List.of("--test-fraction", "0.3"),
        List.of("--l1-ratio", "0.5"), List.of("--optimizer", "adam", "--momentum", "0.5"),
        List.of("--step-epochs", "2"))) {
      List<String> args = new ArrayList<>(List.of("train", "--resume", run.toString()));
      args.addAll(flag);
      r = run(args);
      assertEquals(2, r.exit(), args + "\n" + r.err());
      assertEquals("tikhonov: error: --resume continues with the checkpoint's settings; drop "
          + flag.get(0), r.err().strip(), args.toString());
    }
  }

  /**
   * A gzipped TSV is delimited text with a target column, as the plain TSV and path take it:
   * train read data.tsv.gz as LIBSVM, so its --target was refused as having no effect there.
   */
  @Test
  void train_gzippedTsvWithTarget_runs() throws Exception {
    Path tsv = dir.resolve("d.tsv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tsv))) {
      out.write(Files.readString(dir.resolve("d.csv")).replace(',', '\t')
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    InProcess r = run(List.of("train", "--data", tsv.toString(), "--target", "y", "--model", "linear",
        "--epochs", "1", "--threads", "1", "--quiet", "--out", dir.resolve("tsv-run").toString()));
    assertEquals(0, r.exit(), r.err());
  }

  /**
   * train, select and grid tell formats apart by DataFormat's rule, as path, predict and
   * evaluate do: train read a .txt (or any unknown name) as LIBSVM, so a model trained on it
   * was then evaluated on the same file read as CSV. A .txt of delimited text is CSV everywhere.
   */
  @Test
  void train_txtOfDelimitedText_isReadAsEvaluateReadsIt() throws Exception {
    Path txt = Files.copy(dir.resolve("d.csv"), dir.resolve("d.txt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path model = dir.resolve("txt.model");
    InProcess r = run(List.of("train", "--data", txt.toString(), "--target", "y", "--model", "linear",
        "--epochs", "1", "--threads", "1", "--quiet", "--out", dir.resolve("txt-run").toString(),
        "--save", model.toString()));
    assertEquals(0, r.exit(), r.err());
    r = run(List.of("evaluate", "--model", model.toString(), "--data", txt.toString(),
        "--target", "y"));
    assertEquals(0, r.exit(), r.err());
  }

  /** The combinations where those flags do apply still run; help still wins over a refusal. */
  @Test
  void flagsWhereTheyApply_run() {
    String csv = dir.resolve("d.csv").toString();
    List<List<String>> ok = List.of(
        List.of("train", "--data", csv, "--target", "y", "--model", "linear", "--epochs", "2",
            "--optimizer", "nesterov", "--momentum", "0.5", "--schedule", "step",
            "--step-epochs", "1", "--lambda", "0.01", "--l1-ratio", "0.5", "--test-fraction",
            "0.3", "--patience", "1", "--validation-fraction", "0.2"),
        List.of("train", "--data", csv, "--target", "y", "--model", "linear", "--epochs", "1",
            "--momentum", "0.5"),
        List.of("train", "--data", csv, "--target", "y", "--model", "mlp:2", "--regression",
            "--epochs", "1", "--dropout", "0"),
        // A sweep over λ that includes 0 keeps its --l1-ratio.
        List.of("train", "--data", csv, "--target", "y", "--model", "linear", "--epochs", "1",
            "--lambda", "0", "--l1-ratio", "1"),
        List.of("select", "--data", csv, "--target", "y", "--regression", "--model", "mlp:2",
            "--epochs", "1", "--nlambda", "2", "--min-lambda", "0.01", "--repeat-seeds", "0,1",
            "--holdout", "0.3", "--no-evidence", "--warm-epochs", "1", "--direction",
            "decreasing", "--cold", "--rule", "min"),
        // One λ: cross-validated alone.
        List.of("select", "--data", csv, "--target", "y", "--regression", "--model", "mlp:2",
            "--epochs", "1", "--lambdas", "0.1", "--cv-folds", "2", "--no-evidence"),
        List.of("grid", "--data", csv, "--target", "y", "--regression", "--model", "mlp:2",
            "--epochs", "1", "--lambdas", "0.1", "--dropouts", "0,0.2", "--weight-decay", "0.01",
            "--lr", "0.05", "--cv-folds", "2", "--patience", "1", "--rule", "min"),
        List.of("path", "--data", csv, "--target", "y", "--nlambda", "3",
            "--lambda-min-ratio", "0.1", "--cv-folds", "2", "--seed", "3"),
        List.of("experiment", "ridge-vs-lasso", "--quick", "--seeds", "3"));
    for (int k = 0; k < ok.size(); k++) {
      List<String> args = new ArrayList<>(ok.get(k));
      args.addAll(List.of("--out", dir.resolve("ok-" + k).toString(), "--quiet", "--threads",
          "1"));
      InProcess r = run(args);
      assertEquals(0, r.exit(), args + "\n" + r.err());
    }
    InProcess r = run(List.of("evaluate", "--model", dir.resolve("m.model").toString(), "--data", csv,
        "--target", "y"));
    assertEquals(0, r.exit(), r.err());
    r = run(List.of("evaluate", "--model", dir.resolve("svm.model").toString(), "--data",
        dir.resolve("d.svm").toString()));
    assertEquals(0, r.exit(), r.err());
    r = run(List.of("train", "--optimizer", "adam", "--momentum", "0.5", "--help"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().isEmpty(), r.err());
  }
}
