package dev.tikhonov.cli;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.LambdaGrid;
import dev.tikhonov.estimate.MlpPath;
import dev.tikhonov.estimate.MlpPathCV;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.SearchListener;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.report.MeanStd;
import dev.tikhonov.internal.report.SelectionFiles;
import dev.tikhonov.internal.select.LambdaRows;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.EvidenceCurve;
import dev.tikhonov.train.DivergenceException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov select}: λ for an MLP by cross-validation over its warm-started path.
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "select",
    header = "Choose λ for an MLP by cross-validation along a warm-started λ path (λ_min, λ_1se).",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Choose λ for an MLP as cv.glmnet chooses it for a linear model: fit the",
      "network along a λ grid, each λ warm-started from the previous λ's weights for",
      "a shorter budget (--warm-epochs), with early stopping on a validation split,",
      "on every fold and on all rows; score each λ on the held-out fold; report mean",
      "± SE, λ_min and λ_1se, and keep the model at the chosen λ (--rule). Folds run",
      "side by side, one core each (--threads).",
      "",
      "Objective at each λ (every λ in tikhonov means this):",
      "  J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [ (1−α)/2 wⱼ² + α |wⱼ| ]",
      "",
      "Writes selection.json/csv (selection-cold.json/csv with --cold), metrics.json,",
      "run.json and report.html to --out (docs/choosing-lambda.md, docs/formats.md).",
      "",
      "Examples:",
      "  tikhonov select                      (784-256-128-10 on the bundled digits)",
      "  tikhonov select --model mlp:64 --cv-folds 10 --cold --save mlp.model",
      "  tikhonov select --lambdas 1e-2,1e-3,1e-4 --rule min --repeat-seeds 0,1,2",
      "  tikhonov select --data data/breast_cancer.csv --target diagnosis --ignore-columns id \\",
      "      --standardize --model mlp:16   (a CSV file, its columns standardized)",
      ""})
public final class SelectCommand implements Callable<Integer>, Flags.Conditional {
  @Mixin DataOptions dataOptions = new DataOptions();

  @Mixin NetworkOptions network = new NetworkOptions();

  @Option(names = "--lambdas", paramLabel = "λ", split = ",",
      description = "Your λ values (any order; visited from the smallest up). Default: "
          + "--nlambda values from λ_max = σ_max((1/n)Xᵀ(Y − 1ȳᵀ)), where the weights "
          + "collapse, down to --min-lambda, evenly in log λ. One λ (or --nlambda 1) is "
          + "cross-validated alone, with no path: --warm-epochs, --direction, --cold and "
          + "--rule are then refused.")
  List<Double> lambdas;

  @Option(names = {"--nlambda", "--num-lambdas"}, paramLabel = "M",
      description = "The number of λ of the default grid (not with --lambdas). "
          + "Default: ${DEFAULT-VALUE}.")
  int numLambdas = LambdaGrid.DEFAULT_COUNT;

  @Option(names = "--min-lambda", paramLabel = "λ",
      description = "The smallest λ of the default grid (not with --lambdas or --nlambda 1, "
          + "whose one λ is λ_max). Default: ${DEFAULT-VALUE}.")
  double minLambda = LambdaGrid.DEFAULT_SMALLEST;

  @Option(names = "--warm-epochs", paramLabel = "E",
      description = "Epochs of each warm-started λ after the first (which has --epochs); so "
          + "only with several λ. Default: a third of --epochs, rounded up (4 for 10).")
  Integer warmEpochs;

  @Option(names = "--direction", paramLabel = "D",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Directions.class,
      description = "increasing (from the smallest λ up) or decreasing (glmnet's order, from "
          + "λ_max down; deep ReLU networks can stay stuck at zero); only with several λ. "
          + "Default: ${DEFAULT-VALUE}.")
  String direction = "increasing";

  @Option(names = "--cold",
      description = "Also run the cold grid for comparison: every (fold, λ) a fresh fit with "
          + "the full --epochs (selection-cold.json, the report compares the two); only with "
          + "several λ (the one fit of a single λ is already cold).")
  boolean cold;

  @Option(names = "--patience", paramLabel = "K",
      description = "Early stopping at each λ after K epochs without a lower validation loss; "
          + "0 = off. Default: ${DEFAULT-VALUE}.")
  int patience = 2;

  @Option(names = "--validation-fraction", paramLabel = "F",
      description = "Share of each fit's training rows held out for early stopping. Default: "
          + "${DEFAULT-VALUE}.")
  double validationFraction = 0.1;

  @Mixin ResamplingOptions resampling = new ResamplingOptions();

  @Option(names = "--evidence", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Compute the last-layer Laplace evidence of the all-rows path's models "
          + "(classifiers with α = 0 only) and report its λ next to λ_min and λ_1se. "
          + "Default: on.")
  boolean evidence;

  @Option(names = "--save", paramLabel = "FILE", converter = OutputFile.Model.class,
      description = "Write the model at the chosen λ to FILE (docs/model-files.md).")
  Path save;

  /** The --save file once this run wrote it: a stop after it says so ({@link RunFiles}). */
  private java.util.Optional<Path> saved = java.util.Optional.empty();

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public void refuseIgnored(Flags.Given given) {
    for (String flag : new String[] {"--nlambda", "--min-lambda"}) {
      given.requireApplies(flag, lambdas == null, "to the default λ grid",
          "with --lambdas, which gives the grid");
    }
    // One λ is one fit per split: no warm start, no order, nothing for a rule to choose from.
    boolean oneLambda = lambdas != null ? lambdas.size() == 1 : numLambdas == 1;
    String one = "with one λ (" + (lambdas != null ? "--lambdas " + lambdas.get(0)
        : "--nlambda 1") + ")";
    given.requireApplies("--min-lambda", !oneLambda, "to a default grid of several λ",
        one + ", which is λ_max");
    given.requireApplies("--warm-epochs", !oneLambda,
        "to a grid of several λ (the budget of each λ after the first)", one);
    given.requireApplies("--direction", !oneLambda,
        "to a grid of several λ (the order of their warm starts)", one);
    given.requireApplies("--cold", !oneLambda, "to a grid of several λ", one
        + ", whose one fit per split already starts from the random initialization with the "
        + "full --epochs");
    given.requireApplies("--rule", !oneLambda, "to a grid of several λ", one
        + ", which both rules choose");
    // --no-evidence asks for what these runs do anyway; --evidence would be skipped.
    given.requireApplies("--evidence", !evidence || (!network.regression
        && network.l1Ratio == 0), "to classifiers with the L2 penalty (--l1-ratio 0)",
        network.regression ? "with --regression" : "with --l1-ratio " + network.l1Ratio);
    FoldColumn.refuseUnnamed(given, dataOptions.data);
    resampling.folds.column.refuseOtherRole(dataOptions.ignoreColumns, dataOptions.target);
  }

  @Override
  public Integer call() {
    Instant started = Instant.now();
    common.applyThreads();
    MlpPath.Direction dir = switch (direction) {
      case "increasing" -> MlpPath.Direction.INCREASING_LAMBDA;
      case "decreasing" -> MlpPath.Direction.DECREASING_LAMBDA;
      default -> throw new InputException(EnumeratedValue.refusal("--direction",
          List.of("increasing", "decreasing"), direction));
    };
    LambdaGrid grid = Flags.translate(() -> lambdas != null
        ? LambdaGrid.of(lambdas.stream().mapToDouble(Double::doubleValue).toArray())
        : LambdaGrid.fromData(numLambdas, minLambda));
    boolean classifier = !network.regression;
    MlpPath.Builder<?> builder = classifier
        ? MlpPath.builder(network.classifier("select"))
        : MlpPath.builder(network.regressor("select"));
    MlpPath<?> path = Flags.translate(() -> {
      builder.lambdas(grid).direction(dir).patience(patience)
          .validationFraction(validationFraction);
      if (warmEpochs != null) {
        builder.warmEpochs(warmEpochs);
      }
      return builder.build();
    });
    RunWriter writer = RunWriter.open(common.outDir("select"), RunKind.SELECT);
    RunFiles.onInterrupt(writer, "metrics.json", Optional.ofNullable(save), () -> saved);
    if (save != null) {
      Outputs.requireBinaryPlace(save, "--save", "a model file",
          java.util.Optional.of("select's summary (or --json's line)"));
      AtomicFiles.requireWritable(save, "model file (--save)");
    }
    Outputs.requireApart(writer, Optional.ofNullable(save), "--save",
        Outputs.input("--data", dataOptions.data),
        Outputs.input("--foldid", resampling.foldid().orElse(null)));
    dataOptions.foldColumn = resampling.folds.column;
    TrainTest data = resampling.folds.column.take(dataOptions.load(classifier ? TargetKind.CLASS
        : TargetKind.REAL, network.seed, classifier ? "add --regression" : "drop --regression",
        resampling.kFold() ? DataOptions.Use.K_FOLDS : DataOptions.Use.FIT), dataOptions.data);
    network.unscaledWarning(data.train(), java.util.Optional.empty())
        .ifPresent(System.err::println);
    resampling.loneClassWarning(data.train(), dataOptions.describe())
        .ifPresent(System.err::println);
    network.unscaledTargetWarning(data.train()).ifPresent(System.err::println);
    NetworkOptions.farTargetWarning(data.train()).ifPresent(System.err::println);
    return run(path, data, writer, started);
  }

  private <P extends Predictor> int run(MlpPath<P> path, TrainTest data, RunWriter writer,
      Instant started) {
    Dataset train = data.train();
    PrintStream human = common.human();
    MlpPathCV<P> search = Flags.translate(() -> MlpPathCV.builder(path)
        .resampling(resampling.resampling(train.numRows())).rule(resampling.rule())
        .measure(resampling.measure()).threads(common.threads)
        .build());
    int m = path.lambdas(train).length;
    int k = search.resampling().size();
    int total = k * m + m + (cold ? k * m + 1 : 0);
    // what the search refuses before its first fit, refused before the header that describes it
    resampling.validate(() -> search.validate(train), "--data " + dataOptions.describe());
    human.printf(Locale.ROOT, "tikhonov select: %s on %s (%d train / %d test rows, %d features)%n",
        network.describe(), dataOptions.describe(), train.numRows(), data.test().numRows(),
        train.numFeatures());
    human.printf(Locale.ROOT, "  %d λ from %s down to %s, %s, warm starts from the %s λ"
            + " (%d epochs, then %d per λ), patience %d on %s of each part, rule %s%s, %d fits at"
            + " once%n",
        m, Digits.few(path.lambdas(train)[0]), Digits.few(path.lambdas(train)[m - 1]),
        search.resampling().describe(),
        path.direction() == MlpPath.Direction.INCREASING_LAMBDA ? "smallest" : "largest",
        network.epochs, path.warmEpochs(), path.patience(), path.validationFraction(),
        search.rule().id(), byMeasure(search.measure()), common.threads);
    MlpPathCV.Result<P> r;
    Optional<MlpPathCV.Result<P>> coldResult = Optional.empty();
    MlpPathCV<P> coldSearch = null;
    try (Progress progress = new Progress("select", total, true, common.quiet)) {
      SearchListener listener = listener(progress, total);
      r = search.crossValidate(train, listener);
      if (cold) {
        coldSearch = MlpPathCV.builder(path.withStart(MlpPath.Start.COLD))
            .resampling(search.resampling()).rule(search.rule()).measure(search.measure())
            .threads(common.threads)
            .build();
        coldResult = Optional.of(coldSearch.crossValidate(train, listener));
      }
    } catch (DivergenceException e) {
      System.err.println("tikhonov: error: " + Flags.divergence(e));
      return 3;
    } catch (dev.tikhonov.select.FoldException e) {
      throw resampling.splitRefusal("--data " + dataOptions.describe(), e);
    }
    Optional<EvidenceCurve> curve = Optional.empty();
    if (evidence && !network.regression && network.l1Ratio == 0) {
      try {
        curve = Optional.of(r.fullPath().orElseThrow().evidence());
      } catch (InputException e) {
        human.println("  evidence skipped: " + e.getMessage());
      }
    } else if (evidence) {
      human.println("  evidence skipped: it is for classifiers with the L2 penalty (α = 0)");
    }
    try {
      SelectionFiles.write(writer, "selection", search, r, curve);
      if (coldResult.isPresent()) {
        SelectionFiles.write(writer, "selection-cold", coldSearch, coldResult.get(),
            Optional.empty());
      }
    } catch (InputException e) {
      throw RunFiles.modelNotWritten(e, Optional.ofNullable(save)); // a full disk
    }
    Evaluation test = r.chosenModel().evaluate(data.test());
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("lambda_chosen", r.chosenLambda());
    metrics.put("lambda_min", r.lambdaMin());
    metrics.put("lambda_1se", r.lambda1se());
    metrics.put("rule", r.rule().id());
    metrics.put("measure", r.cv().measure().id()); // what the rule chose by (--cv-measure)
    metrics.put("evidence_lambda", curve.map(EvidenceCurve::bestLambda).orElse(null));
    TestScores.put(metrics, "test_", test);
    metrics.put("seconds", r.seconds());
    Optional<Evaluation> coldTest = coldResult.map(c -> c.chosenModel().evaluate(data.test()));
    if (coldResult.isPresent()) {
      MlpPathCV.Result<P> c = coldResult.get();
      metrics.put("cold_lambda_chosen", c.chosenLambda());
      metrics.put("cold_lambda_min", c.lambdaMin());
      metrics.put("cold_lambda_1se", c.lambda1se());
      TestScores.put(metrics, "cold_test_", coldTest.orElseThrow());
      metrics.put("cold_seconds", c.seconds());
    }
    RunFiles.writeResults(Optional.ofNullable(save), () -> writer.metrics(metrics));
    print(human, r, curve, writer.dir());
    human.printf(Locale.ROOT, "%n  chosen (%s): λ = %s   test %s   (%.1f s)%n", r.rule().id(),
        Digits.few(r.chosenLambda()), TestScores.describe(test), r.seconds());
    if (coldResult.isPresent()) {
      // the test scores as the warm path's line gives them (a regression's "test loss 1529.1234"
      // was a squared-error loss, no MSE or R²)
      human.printf(Locale.ROOT, "  cold grid: λ = %s (λ_min %s, λ_1se %s), test %s, %.1f s"
              + " (%.2f× the warm path's time)%n", Digits.few(coldResult.get().chosenLambda()),
          Digits.few(coldResult.get().lambdaMin()), Digits.few(coldResult.get().lambda1se()),
          TestScores.describe(coldTest.orElseThrow()), coldResult.get().seconds(),
          coldResult.get().seconds() / r.seconds());
    }
    if (save != null) {
      RunFiles.saveModel(r.chosenModel()::save, save, writer, coldResult.isPresent()
          ? List.of("selection.json", "selection.csv", "selection-cold.json",
              "selection-cold.csv", "metrics.json")
          : List.of("selection.json", "selection.csv", "metrics.json"));
      saved = Optional.of(save);
      human.println("  saved the model at λ = " + Digits.few(r.chosenLambda()) + " to "
          + Main.shown(save));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("model", network.describe());
    settings.putAll(search.settings());
    resampling.foldid().ifPresent(f -> settings.put("foldid", f.toString()));
    if (resampling.folds.column.given()) {
      settings.put("fold_column", resampling.folds.column.name);
    }
    settings.put("cold", cold);
    RunFiles.finish(writer, "select", OptionalLong.of(network.seed), common.threads,
        dataOptions, started, settings, human, saved);
    human.println("  wrote " + Main.shown(writer.dir()));
    if (common.json) {
      StandardOutput.printJson(metrics);
    }
    return 0;
  }

  /** Progress over all fits; the searches call it from their worker threads. */
  static SearchListener listener(Progress progress, int total) {
    int[] done = {0};
    return (d, t, label) -> {
      synchronized (done) {
        done[0]++;
        progress.runFinished(Math.min(done[0], total), total, label);
      }
    };
  }

  /** " by the held-out error rate" (MSE, MAE) for the run's header; "" for the default. */
  static String byMeasure(CvMeasure measure) {
    return measure == CvMeasure.DEVIANCE ? "" : " by the held-out " + measureColumn(measure);
  }

  /** A column's name for what a search's held-out rows are scored by. */
  static String measureColumn(CvMeasure measure) {
    return switch (measure) {
      case MISCLASSIFICATION -> "error rate";
      case MEAN_SQUARED_ERROR -> "MSE";
      case MEAN_ABSOLUTE_ERROR -> "MAE";
      default -> "loss";
    };
  }

  /**
   * cv.glmnet's print: λ, the held-out loss and error rate (mean ± SE), the MSE or MAE when the
   * search scored by them, and where λ_min, λ_1se (by the search's measure) and the evidence
   * fall. Of a long grid the λ {@link LambdaRows#shown} (the first, the last and the marked
   * ones), "…" where λ are left out, and a line naming {@code dir}'s files that have every λ.
   */
  private static void print(PrintStream out, MlpPathCV.Result<?> r,
      Optional<EvidenceCurve> evidence, java.nio.file.Path dir) {
    double[] lambdas = r.lambdas();
    // as the path's and ridge's tables: few digits, more when neighbouring λ need them
    String[] lambdaText = Digits.column(lambdas);
    CvMeasure measure = r.cv().measure();
    boolean regression = measure == CvMeasure.MEAN_SQUARED_ERROR
        || measure == CvMeasure.MEAN_ABSOLUTE_ERROR;
    String third = r.misclassification().isPresent() ? "error rate ± SE"
        : regression ? measureColumn(measure) + " ± SE" : "";
    out.printf(Locale.ROOT, "%n  %-11s %-22s %-18s %-13s %s%n", "λ", "held-out loss ± SE",
        third, evidence.isPresent() ? "log evidence" : "", "");
    // the evidence curve's arrays copied out once, not once per λ
    double[] evidenceLambdas = evidence.map(EvidenceCurve::lambdas).orElse(new double[0]);
    double[] logEvidence = evidence.map(EvidenceCurve::logEvidence).orElse(new double[0]);
    double bestEvidenceLambda = evidence.map(EvidenceCurve::bestLambda).orElse(Double.NaN);
    int shown = -1; // the last λ printed
    for (int l = 0; l < lambdas.length; l++) {
      boolean marked = l == r.cv().indexMin() || l == r.cv().index1se()
          || bestEvidenceLambda == lambdas[l];
      if (!LambdaRows.shown(l, lambdas.length, marked)) {
        continue;
      }
      if (l > shown + 1) {
        out.printf(Locale.ROOT, "  %-11s (%d λ)%n", "…", l - shown - 1);
      }
      shown = l;
      String mark = (l == r.cv().indexMin() ? " λ_min" : "")
          + (l == r.cv().index1se() ? " λ_1se" : "")
          + (bestEvidenceLambda == lambdas[l] ? " evidence max" : "");
      int at = l;
      String error = r.misclassification().map(s -> MeanStd.format(s.mean(at),
          s.standardError(at))).orElse(regression ? MeanStd.format(r.cv().mean(at),
              r.cv().standardError(at)) : "");
      String ev = "";
      for (int e = 0; e < evidenceLambdas.length; e++) {
        if (evidenceLambdas[e] == lambdas[l]) {
          ev = String.format(Locale.ROOT, "%.2f", logEvidence[e]);
        }
      }
      out.printf(Locale.ROOT, "  %-11s %-22s %-18s %-13s%s%n", lambdaText[l],
          MeanStd.format(r.loss().mean(l), r.loss().standardError(l)), error, ev, mark);
    }
    if (lambdas.length > LambdaRows.FULL_TABLE) {
      out.printf(Locale.ROOT, "  of %d λ, the first, the last and the marked ones; every λ is in"
          + " %s and %s%n", lambdas.length, dir.resolve("selection.csv"),
          dir.resolve("selection.json"));
    }
  }
}
