package dev.tikhonov.cli;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.estimate.MlpGrid;
import dev.tikhonov.estimate.NetworkBuilder;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.report.GridFiles;
import dev.tikhonov.internal.report.MeanStd;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.CvMeasure;
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
 * {@code tikhonov grid}: a grid search over network settings by cross-validation.
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "grid",
    header = "Search a grid of MLP settings (λ, dropout, weight decay, learning"
        + " rate) by cross-validation.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Search a grid of MLP settings by cross-validation: every combination of",
      "--lambdas, --dropouts, --weight-decays and --learning-rates, fitted from",
      "scratch on every fold and scored by the held-out loss; mean ± SE per",
      "candidate. --rule 1se takes the most regularized candidate within one standard",
      "error of the best (candidates ordered by λ, then dropout, then weight decay,",
      "larger first); it is refitted on all rows. Fits run side by side, one core",
      "each (--threads).",
      "",
      "Objective of each candidate (weight decay decoupled: w ← w − lr·d·w):",
      "  J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [ (1−α)/2 wⱼ² + α |wⱼ| ]",
      "",
      "A candidate whose training diverges on a fold is left out: its row says",
      "where, it has no score, the rest are compared and chosen from as if it had",
      "not been in the grid, and a warning names it (exit 0); when every candidate",
      "diverges, exit 3.",
      "",
      "Writes grid.json, grid.csv, metrics.json, run.json and report.html to --out.",
      "",
      "Examples:",
      "  tikhonov grid --model mlp:64 --lambdas 1e-4,1e-3,1e-2 --dropouts 0,0.2",
      "  tikhonov grid --data data/wine.csv --target cultivar --standardize \\",
      "      --model mlp:16 --lambdas 1e-3,1e-2,1e-1   (a CSV file, its columns standardized)",
      ""})
public final class GridCommand implements Callable<Integer>, Flags.Conditional {
  @Mixin DataOptions dataOptions = new DataOptions();

  @Mixin NetworkOptions network = new NetworkOptions();

  @Option(names = "--lambdas", paramLabel = "λ", split = ",", required = true,
      description = "λ values of the grid.")
  List<Double> lambdas;

  @Option(names = "--dropouts", paramLabel = "P", split = ",",
      description = "Dropout rates of the grid, instead of --dropout. Default: --dropout.")
  List<Double> dropouts;

  @Option(names = "--weight-decays", paramLabel = "D", split = ",",
      description = "Decoupled weight decays of the grid, instead of --weight-decay. Default: "
          + "--weight-decay.")
  List<Double> weightDecays;

  @Option(names = "--learning-rates", paramLabel = "RATE", split = ",",
      description = "Constant learning rates of the grid, instead of --lr (--schedule still "
          + "applies). Default: --lr.")
  List<Double> learningRates;

  @Option(names = "--patience", paramLabel = "K",
      description = "Early stopping in every fit after K epochs without a lower validation "
          + "loss on --validation-fraction of its rows; 0 = off. Default: ${DEFAULT-VALUE}.")
  int patience = 0;

  @Option(names = "--validation-fraction", paramLabel = "F",
      description = "Rows each fit holds out for early stopping (0.1 when --patience is on; "
          + "0 is refused then). Default: 0.")
  double validationFraction = 0;

  @Option(names = "--weights", paramLabel = "COLUMN",
      description = "CSV only: the column of observation weights ≥ 0, not a feature: the data "
          + "term of every fit becomes Σ wᵢℓᵢ / Σ wᵢ, so λ keeps its meaning; each batch's "
          + "gradient is (1/B) Σ w̃ᵢ∇ℓᵢ with the weights scaled to mean 1 (Keras' "
          + "sample_weight). The held-out scores are weighted means, each split weighing by its "
          + "held-out Σ wᵢ (cv.glmnet's), and so are the test scores (as evaluate --weights).")
  String weights;

  @Mixin ResamplingOptions resampling = new ResamplingOptions();

  @Option(names = "--save", paramLabel = "FILE", converter = OutputFile.Model.class,
      description = "Write the chosen candidate's model (fitted on all rows) to FILE.")
  Path save;

  /** The --save file once this run wrote it: a stop after it says so ({@link RunFiles}). */
  private java.util.Optional<Path> saved = java.util.Optional.empty();

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public void refuseIgnored(Flags.Given given) {
    String[][] axes = {{"--dropout", "--dropouts"}, {"--weight-decay", "--weight-decays"},
        {"--lr", "--learning-rates"}};
    for (String[] axis : axes) {
      given.requireApplies(axis[0], !given.has(axis[1]), "without " + axis[1],
          "with " + axis[1] + ", whose values the grid searches");
    }
    given.requireApplies("--validation-fraction 0", !(patience > 0 && validationFraction == 0),
        "without --patience", "with --patience " + patience
            + ", which holds out 0.1 of each fit's rows");
    long candidates = (long) size(lambdas) * size(dropouts) * size(weightDecays)
        * size(learningRates);
    given.requireApplies("--rule", candidates != 1, "to a grid of several candidates",
        "with one candidate, which both rules choose");
    dataOptions.refuseWeights(given, weights);
    FoldColumn.refuseUnnamed(given, dataOptions.data);
    resampling.folds.column.refuseOtherRole(dataOptions.ignoreColumns, dataOptions.target,
        "--weights", weights);
  }

  /** How many values an axis gives the grid: its list's, or 1 for its single-value flag. */
  private static int size(List<Double> axis) {
    return axis == null ? 1 : axis.size();
  }

  @Override
  public Integer call() {
    Instant started = Instant.now();
    common.applyThreads();
    boolean classifier = !network.regression;
    MlpGrid<?> grid = classifier ? Flags.translate(() -> axes(MlpGrid.builder(
            weighted(network.classifier("grid").toBuilder()).patience(patience)
                .validationFraction(validationFraction).build())))
        : Flags.translate(() -> axes(MlpGrid.builder(weighted(network.regressor("grid")
            .toBuilder()).patience(patience).validationFraction(validationFraction).build())));
    RunWriter writer = RunWriter.open(common.outDir("grid"), RunKind.GRID);
    RunFiles.onInterrupt(writer, "metrics.json", java.util.Optional.ofNullable(save),
        () -> saved);
    if (save != null) {
      Outputs.requireBinaryPlace(save, "--save", "a model file",
          java.util.Optional.of("grid's summary (or --json's line)"));
      AtomicFiles.requireWritable(save, "model file (--save)");
    }
    Outputs.requireApart(writer, java.util.Optional.ofNullable(save), "--save",
        Outputs.input("--data", dataOptions.data),
        Outputs.input("--foldid", resampling.foldid().orElse(null)));
    dataOptions.weightsColumn = weights;
    dataOptions.foldColumn = resampling.folds.column;
    TrainTest data = resampling.folds.column.take(dataOptions.load(classifier ? TargetKind.CLASS
        : TargetKind.REAL, network.seed, classifier ? "add --regression" : "drop --regression",
        resampling.kFold() ? DataOptions.Use.K_FOLDS : DataOptions.Use.FIT), dataOptions.data);
    network.unscaledWarning(data.train(), java.util.Optional.ofNullable(weights))
        .ifPresent(System.err::println);
    resampling.loneClassWarning(data.train(), dataOptions.describe())
        .ifPresent(System.err::println);
    network.unscaledTargetWarning(data.train()).ifPresent(System.err::println);
    NetworkOptions.farTargetWarning(data.train()).ifPresent(System.err::println);
    return run(grid, data, writer, started);
  }

  /** {@code builder} with the --weights column, when one is given. */
  private <B extends NetworkBuilder<B>> B weighted(B builder) {
    return weights == null ? builder : builder.weightColumn(weights);
  }

  private <P extends Predictor> MlpGrid<P> axes(MlpGrid.Builder<P> b) {
    b.lambdas(doubles(lambdas));
    if (dropouts != null) {
      b.dropouts(doubles(dropouts));
    }
    if (weightDecays != null) {
      b.weightDecays(doubles(weightDecays));
    }
    if (learningRates != null) {
      b.learningRates(doubles(learningRates));
    }
    return b.build();
  }

  private static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private <P extends Predictor> int run(MlpGrid<P> grid, TrainTest data, RunWriter writer,
      Instant started) {
    Dataset train = data.train();
    PrintStream human = common.human();
    GridSearchCV<P> search = Flags.translate(() -> GridSearchCV.builder(grid)
        .resampling(resampling.resampling(train.numRows())).rule(resampling.rule())
        .measure(resampling.measure()).threads(common.threads)
        .build());
    int k = search.resampling().size();
    int total = grid.size() * k + 1;
    // what the search refuses before its first fit, refused before the header that describes it
    resampling.validate(() -> search.validate(train), "--data " + dataOptions.describe());
    human.printf(Locale.ROOT, "tikhonov grid: %s on %s (%d train / %d test rows, %d features)%n",
        network.describe(), dataOptions.describe(), train.numRows(), data.test().numRows(),
        train.numFeatures() - (weights != null ? 1 : 0)); // (--weights is not a feature)
    // it said "1 candidates" for a grid of one setting, "1 fits at once" with --threads 1
    human.printf(Locale.ROOT, "  %d candidate%s (%s), %s, rule %s%s, %d fit%s at once%n",
        grid.size(), grid.size() == 1 ? "" : "s", Digits.settings(grid.axes()),
        search.resampling().describe(), search.rule().id(),
        SelectCommand.byMeasure(search.measure()), common.threads,
        common.threads == 1 ? "" : "s");
    if (weights != null) {
      human.println("  weighted by column " + weights + " (Σ wᵢℓᵢ / Σ wᵢ): the held-out and"
          + " the test scores are weighted means");
    }
    GridSearchCV.Result<P> r;
    try (Progress progress = new Progress("grid", total, true, common.quiet)) {
      r = search.crossValidate(train, SelectCommand.listener(progress, total));
    } catch (DivergenceException e) {
      System.err.println("tikhonov: error: " + Flags.divergence(e));
      return 3;
    } catch (dev.tikhonov.select.FoldException e) {
      if (e.getCause() instanceof InputException fit
          && fit.setting().equals(Optional.of("validationFraction"))) {
        // a fit's own validation split of the split's rows, which other folds do not change:
        // the split's name ("split 1 of 3 (its training rows): "), then the fit's refusal
        String split = e.getMessage().substring(0, e.getMessage().length()
            - fit.getMessage().length());
        throw new InputException("--data " + dataOptions.describe() + ": " + split
            + Flags.message(fit) + " (each fit of --patience holds out --validation-fraction"
            + " of its split's training rows, drawn with --seed, now " + network.seed + ")", e);
      }
      throw resampling.splitRefusal("--data " + dataOptions.describe(), e);
    }
    if (!r.diverged().isEmpty()) {
      // A candidate that diverged is a failed candidate, not a failed search: say which.
      System.err.println("tikhonov: warning: " + r.diverged().size() + " of " + grid.size()
          + " candidates diverged and were left out of the selection: " + String.join("; ",
              r.diverged().stream().map(d -> Digits.settings(d.settings()) + " (split "
                  + d.split() + ", epoch " + d.epoch() + ")").toList()));
    }
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("model", network.describe());
    base.put("epochs", network.epochs);
    base.put("batch_size", network.batchSize);
    base.put("seed", network.seed);
    base.put("l1_ratio", network.l1Ratio);
    base.put("optimizer", network.optimizer.build().describe());
    base.put("patience", patience);
    base.put("validation_fraction", validationFraction);
    base.put("standardize", network.standardize);
    if (network.regression) {
      base.put("standardize_target", network.standardizeTarget);
    }
    if (weights != null) {
      base.put("weight_column", weights); // train's key
    }
    RunFiles.writeResults(Optional.ofNullable(save), () -> GridFiles.write(writer, search, r,
        base));
    // weighted by the --weights column as the search was (evaluate --weights' scores)
    Evaluation test = weights == null ? r.chosenModel().evaluate(data.test())
        : r.chosenModel().evaluate(data.test(), weights);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("chosen", r.chosenSettings());
    metrics.put("rule", r.rule().id());
    metrics.put("measure", r.measure().id()); // what the rule chose by (--cv-measure)
    metrics.put("best", r.scores().configMin());
    TestScores.put(metrics, "test_", test);
    metrics.put("seconds", r.seconds());
    RunFiles.writeResults(Optional.ofNullable(save), () -> writer.metrics(metrics));
    print(human, r);
    human.printf(Locale.ROOT, "%n  chosen (%s): %s   test %s   (%.1f s)%n", r.rule().id(),
        Digits.settings(r.chosenSettings()), TestScores.describe(test), r.seconds());
    if (save != null) {
      RunFiles.saveModel(r.chosenModel()::save, save, writer,
          List.of("grid.json", "grid.csv", "metrics.json"));
      saved = java.util.Optional.of(save);
      human.println("  saved the chosen model to " + Main.shown(save));
    }
    Map<String, Object> settings = new LinkedHashMap<>(base);
    settings.putAll(search.settings());
    resampling.foldid().ifPresent(f -> settings.put("foldid", f.toString()));
    if (resampling.folds.column.given()) {
      settings.put("fold_column", resampling.folds.column.name);
    }
    settings.put("axes", grid.axes());
    RunFiles.finish(writer, "grid", OptionalLong.of(network.seed), common.threads,
        dataOptions, started, settings, human, saved);
    human.println("  wrote " + Main.shown(writer.dir()));
    if (common.json) {
      StandardOutput.printJson(metrics);
    }
    return 0;
  }

  /**
   * The candidates' table, its first column as wide as the longest candidate's settings (a
   * fixed 60 characters let a grid over four settings push its scores out of line).
   */
  private static void print(PrintStream out, GridSearchCV.Result<?> r) {
    int width = "candidate".length();
    for (GridSearchCV.Outcome outcome : r.outcomes()) {
      width = Math.max(width, Digits.settings(outcome.settings()).length());
    }
    // the scores the rule chose by; beside them the loss, when the measure is another one
    boolean loss = r.measure() != CvMeasure.DEVIANCE;
    String header = "held-out " + SelectCommand.measureColumn(r.measure()) + " ± SE";
    String row = "  %-" + width + "s " + (loss ? "%-" + Math.max(22, header.length()) + "s "
        : "") + "%s%n";
    out.printf(Locale.ROOT, "%n" + row, loss
        ? new Object[] {"candidate", header, "held-out loss ± SE"}
        : new Object[] {"candidate", header});
    for (int i = 0; i < r.outcomes().size(); i++) {
      GridSearchCV.Outcome outcome = r.outcomes().get(i);
      if (outcome instanceof GridSearchCV.Diverged d) {
        String what = String.format(Locale.ROOT, "diverged (split %d, epoch %d)", d.split(),
            d.epoch());
        String settings = Digits.settings(d.settings());
        out.printf(Locale.ROOT, row, loss ? new Object[] {settings, what, ""}
            : new Object[] {settings, what});
      } else if (outcome instanceof GridSearchCV.Scored s) {
        String mark = (i == r.indexMin() ? " best" : "")
            + (i == r.index1se() ? " one-SE" : "");
        String score = MeanStd.format(s.mean(), s.standardError());
        int at = s.scoreIndex();
        out.printf(Locale.ROOT, row, loss
            ? new Object[] {Digits.settings(s.settings()), score,
                MeanStd.format(r.loss().mean(at), r.loss().standardError(at)) + mark}
            : new Object[] {Digits.settings(s.settings()), score + mark});
      }
    }
  }
}
