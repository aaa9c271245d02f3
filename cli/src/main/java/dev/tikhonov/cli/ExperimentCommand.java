package dev.tikhonov.cli;

import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.experiment.GdLinear;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.experiment.MnistSelect;
import dev.tikhonov.experiment.RidgeVsLasso;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.data.Repeats;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tikhonov experiment NAME}: the shipped, reproducible experiments.
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Run a named experiment and write its tables and files to --out.",
      "",
      "  mnist-l2        MLP 784-256-128-10 on the bundled real MNIST sample for",
      "                  λ ∈ {0} ∪ log grid 1e-5..1 (holds 0.01, 0.1, 1), dropout 0.2",
      "                  with and without L2, 3 seeds. Recipe of",
      "                  shared/peers/torch_mlp.py: SGD momentum 0.9, lr 0.05, batch",
      "                  128, 10 epochs. L2 = (λ/2)Σ‖W‖² on the weights = torch",
      "                  SGD(weight_decay=λ).",
      "  gd-linear       y = 3x + 2 + noise by full-batch gradient descent with",
      "                  (λ/2)w²: the slope shrinks towards 0 as λ grows, next to the",
      "                  closed form S_xy/(S_xx + λ).",
      "  ridge-vs-lasso  synthetic data (n=500, p=200, 10 informative), train/test",
      "                  split; ridge, lasso and elastic net (α=0.5), each at its λ_min",
      "                  by 10-fold CV: test MSE, nonzero coefficients.",
      "  mnist-select    λ for the MLP 784-256-128-10 by 5-fold CV over 13 λ (one-SE",
      "                  rule): the warm-started path against the cold grid (and",
      "                  glmnet's order) on the bundled digits and Fashion-MNIST when",
      "                  present: λ picked, test accuracy over 3 seeds, wall and CPU",
      "                  time, the evidence's λ.",
      "",
      "A mnist-l2 setting whose training diverges (e.g. a large --lambdas value) has",
      "no row: a warning, the table and the report name it (exit 0); when every setting",
      "diverges, exit 3. mnist-select stops at a divergence (exit 3): its path is",
      "warm-started.",
      ""})
public final class ExperimentCommand implements Callable<Integer>, Flags.Conditional {
  @Parameters(index = "0", paramLabel = "NAME",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Experiments.class,
      description = "mnist-l2, gd-linear, ridge-vs-lasso or mnist-select.")
  String name;

  @Option(names = "--quick",
      description = "A smaller run, seconds instead of minutes. mnist-l2: λ = 0, 0.01, 0.1 "
          + "and 1 and the two dropout rows, 2 seeds, 5 epochs; gd-linear: λ = 0, 0.3, 1 and "
          + "10, 1000 steps; ridge-vs-lasso: n=200, p=50, 5 informative; mnist-select: MLP "
          + "784-64-10 on the first 2000 digits, 7 λ, 3 folds, 4 epochs, warm and cold.")
  boolean quick;

  @Option(names = "--seeds", paramLabel = "SEED", split = ",",
      description = "Seeds to average over (mnist-l2; mnist-select: the refits at the chosen "
          + "λ; ridge-vs-lasso: one seed, of its data, split and folds; not gd-linear). "
          + "Default: 0,1,2 (--quick: 0,1; ridge-vs-lasso: 0).")
  List<Long> seeds;

  @Option(names = "--epochs", paramLabel = "N",
      description = "mnist-l2 and mnist-select only: epochs per run (mnist-select: the full "
          + "budget). Default: 10 (--quick: 5; mnist-select --quick: 4).")
  Integer epochs;

  @Option(names = "--lambdas", paramLabel = "λ", split = ",",
      description = "mnist-l2 only: λ values for the rows without dropout.")
  List<Double> lambdas;

  @Option(names = "--data", paramLabel = "DIR",
      description = "mnist-l2 only: a directory of MNIST-style IDX files instead of the bundled "
          + "sample (e.g. /usr/share/datasets/fashion-mnist).")
  Path data;

  @Option(names = "--datasets", paramLabel = "DATA", split = ",",
      description = "mnist-select only: the data sets, 'bundled' or a directory of MNIST-style "
          + "IDX files. Default: bundled, plus " + MnistSelectRun.FASHION + " when present "
          + "(--quick: bundled).")
  List<String> datasets;

  @Option(names = "--train-rows", paramLabel = "N",
      description = "mnist-select only: use the first N training rows of each data set (0 = "
          + "all; else at least 10 per fold). Default: 0 (--quick: 2000, or all of a data "
          + "set's rows when it has fewer).")
  Integer trainRows;

  @Option(names = "--methods", paramLabel = "METHOD", split = ",",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Methods.class,
      description = "mnist-select only: warm, cold, warm-decreasing. Default: all three "
          + "(--quick: warm,cold).")
  List<String> methods;

  @Mixin CommonOptions common = new CommonOptions();

  /** The experiments that use each flag; the flags not named here are for all four. */
  private static final Map<String, List<String>> USED_BY = new LinkedHashMap<>();

  static {
    USED_BY.put("--seeds", List.of("mnist-l2", "mnist-select", "ridge-vs-lasso"));
    USED_BY.put("--epochs", List.of("mnist-l2", "mnist-select"));
    USED_BY.put("--lambdas", List.of("mnist-l2"));
    USED_BY.put("--data", List.of("mnist-l2"));
    USED_BY.put("--datasets", List.of("mnist-select"));
    USED_BY.put("--train-rows", List.of("mnist-select"));
    USED_BY.put("--methods", List.of("mnist-select"));
  }

  /** The experiments' names, in the order the help lists them (and completion offers them). */
  static final List<String> NAMES = List.of("mnist-l2", "gd-linear", "ridge-vs-lasso",
      "mnist-select");

  private RunKind kind() {
    return kindOf(name);
  }

  /** The run kind of the experiment {@code name}, one of {@link #NAMES}. */
  static RunKind kindOf(String name) {
    return switch (name) {
      case "mnist-l2" -> RunKind.MNIST_L2;
      case "gd-linear" -> RunKind.GD_LINEAR;
      case "ridge-vs-lasso" -> RunKind.RIDGE_VS_LASSO;
      case "mnist-select" -> RunKind.MNIST_SELECT;
      default -> {
        List<String> close = FlagSuggestions.closest(name, NAMES);
        throw new IllegalArgumentException("unknown experiment '" + name
            + "': expected " + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or "
            + NAMES.get(NAMES.size() - 1)
            + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
      }
    };
  }

  @Override
  public void refuseIgnored(Flags.Given given) {
    kind();
    for (Map.Entry<String, List<String>> flag : USED_BY.entrySet()) {
      List<String> users = flag.getValue();
      String names = users.size() == 1 ? users.get(0)
          : String.join(", ", users.subList(0, users.size() - 1)) + " and "
              + users.get(users.size() - 1);
      given.requireApplies(flag.getKey(), users.contains(name), "to experiment " + names,
          "on " + name);
    }
    if (name.equals("ridge-vs-lasso") && seeds != null && seeds.size() > 1) {
      // One run on one seed; the others would be ignored, not averaged over.
      throw new IllegalArgumentException("--seeds: ridge-vs-lasso runs once, on one seed (of "
          + "its data, split and folds); give one seed, not " + seeds.size());
    }
  }

  @Override
  public Integer call() {
    common.applyThreads();
    RunKind kind = kind();
    if (data != null && !java.nio.file.Files.isDirectory(data)) {
      // DataOptions would read a file as CSV and ask for --target, which experiment has not.
      throw new IllegalArgumentException("--data " + data + ": experiment mnist-l2 takes a"
          + " directory of MNIST-style IDX files (train-images-idx3-ubyte[.gz] etc.), "
          + (java.nio.file.Files.exists(data) ? "not a file" : "and there is none"
              + dev.tikhonov.data.DataFiles.danglingLink(data)));
    }
    if (data != null) {
      // a folder without the IDX files (data/ for data/wine.csv) named a missing file
      DataOptions.requireIdxFolder("--data", data, "a folder");
    }
    if (epochs != null && epochs < 1) {
      // the experiments' settings refused it, after the run's header (data, recipe, seeds)
      throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
    }
    requireDistinct("--seeds", seeds, v -> v);
    // Compared as numbers: the Double -0.0 is not equal() to 0.0, but it is the same λ.
    requireDistinct("--lambdas", lambdas, v -> v + 0.0);
    requireMethods();
    requireDistinct("--methods", methods, v -> v);
    // A directory given twice (also as ./d and d, or through a link) is one data set.
    requireDistinct("--datasets", datasets, v -> v.equals("bundled") || v.isBlank() ? v
        : dev.tikhonov.internal.data.AtomicFiles.realPath(Path.of(v)).toString());
    RunWriter out = RunWriter.open(common.outDir(name), kind);
    Outputs.requireApart(out, Outputs.input("--data", data));
    Main.onInterrupt(() -> interruptHint(out));
    Instant start = Instant.now();
    return switch (kind) {
      case MNIST_L2 -> mnistL2(out, start);
      case GD_LINEAR -> gdLinear(out, start);
      case MNIST_SELECT -> new MnistSelectRun(this).run(out, start);
      default -> ridgeVsLasso(out, start);
    };
  }

  /**
   * The end of the line a stopped experiment prints ({@link Main#onInterrupt}): each experiment
   * writes results.json when its runs are done and the report after it, so a stop in between
   * (the report's charts take seconds) left results without a report and no word that
   * {@code tikhonov report DIR} makes it from them ({@link RunFiles#interruptHint}).
   */
  static String interruptHint(RunWriter out) {
    return RunFiles.interruptHint(out, "results.json", java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  /**
   * Refuses a --methods word that names no method, with the close one ("wram": warm); the
   * core's MnistSelect refuses it too, but knows no spelling, and only when the run starts.
   */
  private void requireMethods() {
    List<String> ids = java.util.Arrays.stream(MnistSelect.Method.values())
        .map(MnistSelect.Method::id).toList();
    for (String m : methods == null ? List.<String>of() : methods) {
      if (!ids.contains(m)) {
        throw new IllegalArgumentException(EnumeratedValue.refusal("--methods", ids, m));
      }
    }
  }

  /**
   * Refuses a value given twice: a row, seed, method or data set counted twice would be one
   * result shown (or averaged) as two, and two chart series of one name.
   */
  private static <T> void requireDistinct(String flag, List<T> values,
      java.util.function.Function<T, Object> key) {
    if (values == null) {
      return;
    }
    Repeats.first(values, key).ifPresent(twice -> {
      throw new IllegalArgumentException(flag + " must be distinct; " + twice);
    });
  }

  private int mnistL2(RunWriter out, Instant start) {
    MnistL2.Settings base = quick ? MnistL2.Settings.quick() : MnistL2.Settings.full();
    MnistL2.Settings s = new MnistL2.Settings(lambdas != null ? lambdas : base.lambdas(),
        base.dropout(), base.dropoutLambdas(), seeds != null ? seeds : base.seeds(),
        epochs != null ? base.recipe().toBuilder().epochs(epochs).build() : base.recipe());
    MnistL2.Recipe recipe = s.recipe();
    DataOptions dataOptions = new DataOptions();
    dataOptions.data = data;
    TrainTest d = dataOptions.load(TargetKind.CLASS, 0);
    var human = common.human();
    human.printf(Locale.ROOT, "experiment mnist-l2 on %s: %d train / %d test digits%n",
        dataOptions.describe(), d.train().numRows(), d.test().numRows());
    human.printf(Locale.ROOT, "  MLP 784-%s-10, ReLU, softmax cross-entropy; SGD momentum %s,"
            + " lr %s, batch %d, %d epochs; pixels/255; PyTorch default init%n",
        String.join("-", recipe.hidden().stream().map(String::valueOf).toList()),
        recipe.momentum(), recipe.learningRate(), recipe.batchSize(), recipe.epochs());
    human.printf(Locale.ROOT, "  objective: mean cross-entropy + (λ/2)Σ‖W‖² on the weights "
        + "(= torch SGD weight_decay=λ)%n");
    human.printf(Locale.ROOT, "  seeds %s, %d threads%n%n", s.seeds(), common.threads);
    long runs = (long) (s.lambdas().size() + s.dropoutLambdas().size()) * s.seeds().size();
    MnistL2.Results results;
    try (Progress progress = new Progress("mnist-l2", runs, true, common.quiet)) {
      results = MnistL2.run(d, s, out, progress);
    }
    List<MnistL2.Row> rows = results.rows();
    if (!results.diverged().isEmpty()) {
      // A setting that diverged is a failed row, not a failed experiment: say which.
      System.err.println("tikhonov: warning: " + results.diverged().size() + " of "
          + (s.lambdas().size() + s.dropoutLambdas().size()) + " settings diverged and have no"
          + " row: " + String.join("; ", results.diverged().stream().map(x -> x.label()
              + " (epoch " + x.epoch() + ")").toList()));
    }
    human.println();
    human.print(MnistL2.table(results));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("experiment", "mnist-l2");
    settings.put("quick", quick);
    settings.putAll(flatten(s));
    human.println();
    RunFiles.finish(out, "experiment mnist-l2", s.seeds().get(0), common.threads, dataOptions,
        start, settings, human);
    human.printf(Locale.ROOT, "wrote %s (%.0fs)%n", Main.shown(out.dir()),
        java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0);
    if (common.json) {
      StandardOutput.printJson(rows);
    }
    return 0;
  }

  /** A settings record as a flat map of its (JSON-named) fields, for run.json and the report. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> flatten(Object settingsRecord) {
    return Json.MAPPER.convertValue(settingsRecord, LinkedHashMap.class);
  }

  private int ridgeVsLasso(RunWriter out, Instant start) {
    RidgeVsLasso.Settings s = quick ? RidgeVsLasso.Settings.quick()
        : RidgeVsLasso.Settings.full();
    long seed = seeds != null && !seeds.isEmpty() ? seeds.get(0) : 0; // at most one: refuseIgnored
    var human = common.human();
    human.println("experiment ridge-vs-lasso: synthetic regression data, train/test split; ridge "
        + "(α=0), lasso (α=1) and elastic net (α=0.5), each with λ_min from CV");
    human.println("  objective: (1/2n) Σ (y − a₀ − xᵀb)² + λ Σⱼ [ (1−α)/2 bⱼ² + α |bⱼ| ]"
        + "   (standardized features, glmnet's path)");
    human.println();
    List<RidgeVsLasso.Row> rows = RidgeVsLasso.run(s, seed, common.threads, out, human);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("experiment", "ridge-vs-lasso");
    settings.put("quick", quick);
    settings.putAll(flatten(s));
    human.println();
    RunFiles.finish(out, "experiment ridge-vs-lasso", seed, common.threads, null, start,
        settings, human);
    human.printf(Locale.ROOT, "wrote %s%n", Main.shown(out.dir()));
    if (common.json) {
      StandardOutput.printJson(new ArrayList<>(rows));
    }
    return 0;
  }

  private int gdLinear(RunWriter out, Instant start) {
    GdLinear.Settings s = quick ? GdLinear.Settings.quick() : GdLinear.Settings.defaults();
    var human = common.human();
    human.printf(Locale.ROOT, "experiment gd-linear: y = 3x + 2 + N(0, %s²), n = %d, full-batch"
        + " gradient descent, lr %s, %d steps%n", s.noise(), s.n(), s.learningRate(), s.steps());
    human.println("  objective: (1/2n) Σ (y − w x − b)² + (λ/2) w²   (intercept b unpenalized)");
    human.println();
    List<GdLinear.Row> rows;
    try (Progress progress = new Progress("gd-linear",
        s.lambdas().size(), true, common.quiet)) {
      rows = GdLinear.run(s, out, progress);
    }
    human.print(GdLinear.table(rows));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("experiment", "gd-linear");
    settings.put("quick", quick);
    settings.putAll(flatten(s));
    human.println();
    RunFiles.finish(out, "experiment gd-linear", s.seed(), common.threads, null, start,
        settings, human);
    human.printf(Locale.ROOT, "wrote %s%n", Main.shown(out.dir()));
    if (common.json) {
      StandardOutput.printJson(new ArrayList<>(rows));
    }
    return 0;
  }
}
