package dev.tikhonov.cli;

import dev.tikhonov.data.DataFiles;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.EpochSchedule;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.FitOptions;
import dev.tikhonov.estimate.LinearRegression;
import dev.tikhonov.estimate.LogisticRegression;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.MlpRegressor;
import dev.tikhonov.estimate.NetworkBuilder;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.estimate.NetworkRegressor;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.io.CheckpointFile;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.TrainResult;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov train}: one model, one setting; writes history, metrics and weights.
 *
 * <p>Not thread-safe: picocli fills its fields and {@code call} writes more; one command object
 * per invocation.
 */
@Command(name = "train",
    header = "Train one model (linear, logistic or an MLP) with L2, L1, elastic"
        + " net, weight decay or dropout.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Train one model and write history.csv/json, metrics.json and weights.json to --out.",
      "",
      "Objective (every λ in tikhonov means this):",
      "  J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [ (1−α)/2 wⱼ² + α |wⱼ| ]",
      "  ℓ = −log p(y|x) for classifiers, ½(y − ŷ)² for regression; only weights are "
          + "penalized.",
      "  --lambda 0.01 on a classifier equals PyTorch SGD(weight_decay=0.01) on the weights and",
      "  Keras l2(0.005); with squared error, whose PyTorch/Keras form has no ½, weight_decay=0.02",
      "  and l2(0.01) (docs/objective.md).",
      "",
      "Examples:",
      "  tikhonov train --lambda 1e-4                       (MLP 784-256-128-10 on bundled MNIST)",
      "  tikhonov train --model logistic --lambda 1e-3 --l1-ratio 0.5",
      "  tikhonov train --data data/diabetes.csv --target progression --model linear --standardize",
      ""})
public final class TrainCommand implements Callable<Integer>, Flags.Conditional {
  @Mixin DataOptions dataOptions = new DataOptions();

  @Option(names = "--model", paramLabel = "SPEC",
      converter = EnumeratedValue.class,
      description = "linear (squared error), logistic (softmax cross-entropy) or mlp:W1,W2,... "
          + "(ReLU hidden layers, softmax output). Default: ${DEFAULT-VALUE}.")
  String model = "mlp:256,128";

  @Option(names = "--lambda", paramLabel = "λ",
      description = "Penalty strength λ ≥ 0 (see the objective above). Default: 0.")
  double lambda = 0;

  @Option(names = "--l1-ratio", paramLabel = "α",
      description = "L1 share α ∈ [0, 1] of the penalty, so only with --lambda: 0 = L2 "
          + "(ridge, coupled weight decay), 1 = L1 (lasso), in between elastic net. Default: 0.")
  double l1Ratio = 0;

  @Option(names = "--dropout", paramLabel = "P",
      description = "Inverted dropout rate p ∈ [0, 1) after each hidden ReLU, so only with "
          + "--model mlp:... (refused with linear and logistic, even as 0). Default: 0.")
  double dropout = 0;

  @Mixin OptimizerOptions optimizer = new OptimizerOptions();

  @Option(names = "--epochs", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int epochs = 10;

  @Option(names = "--batch-size", paramLabel = "B",
      description = "Mini-batch size; the last batch of an epoch may be smaller. "
          + "Default: ${DEFAULT-VALUE}.")
  int batchSize = 128;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seeds initialization, shuffling, dropout and splits. Default: 0.")
  long seed = 0;

  @Option(names = "--patience", paramLabel = "K",
      description = "Early stopping: stop after K epochs without a lower validation loss and keep "
          + "the best weights (0 = off); validates on --validation-fraction of the training rows "
          + "(0.1 unless given). Default: 0.")
  int patience = 0;

  @Option(names = "--validation-fraction", paramLabel = "F",
      description = "Share of the training rows held out for validation each epoch (0 = none; "
          + "then the history's val_* columns are empty; not with --patience, which needs them). "
          + "Default: 0, or 0.1 with --patience.")
  Double validationFraction;

  @Option(names = "--standardize",
      description = "Standardize features (mean 0, variance 1 with 1/n) fitted on the training "
          + "part only. λ then acts on the standardized scale. Default: off.")
  boolean standardize;

  @Option(names = "--regression",
      description = "With an MLP: predict a real-valued target with squared error instead of "
          + "classes.")
  boolean regression;

  @Option(names = "--standardize-target",
      description = "With --model linear or an MLP with --regression: fit to the standardized "
          + "target (y − mean)/sd of the training part (sd with divisor n) and predict "
          + "sd·f(x) + mean (the saved model predicts y). Needed for an MLP when y is far from "
          + "unit scale (sd ≫ 1), where squared-error gradients grow with sd; λ then acts on "
          + "the unit-variance target. Default: off.")
  boolean standardizeTarget;

  @Option(names = "--weights", paramLabel = "COLUMN",
      description = "CSV only: the column of observation weights ≥ 0, not a feature: the data "
          + "term becomes Σ wᵢℓᵢ / Σ wᵢ, so λ keeps its meaning; each batch's gradient is "
          + "(1/B) Σ w̃ᵢ∇ℓᵢ with the weights scaled to mean 1 (Keras' sample_weight). The epochs' "
          + "training and validation losses, the test scores and the train loss are weighted "
          + "means (as evaluate --weights).")
  String weights;

  @Option(names = "--save", paramLabel = "FILE", converter = OutputFile.Model.class,
      description = "After training, write the model to FILE (safetensors layout with a JSON "
          + "header: architecture, objective settings, standardizer, classes, provenance; "
          + "docs/model-files.md). Use it with predict, evaluate and export.")
  Path save;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Every N epochs (and after the last), write --out/checkpoint.safetensors "
          + "atomically: weights, optimizer state, random generators, history. 0 = never. "
          + "Default: 0.")
  int checkpointEvery = 0;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run whose --out directory (or checkpoint file) is DIR, with "
          + "the settings stored in its checkpoint; the result equals an uninterrupted run's "
          + "(same seed and threads). Only --quiet, --json, --data (where the run's data are "
          + "now, when they moved; the same data) and --save (where the model goes; a copied "
          + "run saves into itself) may be given with it.")
  Path resume;

  @Mixin CommonOptions common = new CommonOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  /** Set when this command continues a checkpoint, with the file it was read from. */
  private CheckpointFile.Checkpoint resumeFrom;
  private Path resumeFile;
  /** The --save file once this run wrote it: a stop after it says so ({@link RunFiles}). */
  private java.util.Optional<Path> saved = java.util.Optional.empty();
  /** With --resume: --data was given, where the run's data are now. */
  private boolean resumeDataGiven;
  /** --data as the resumed run's stored flags give it, which its provenance records. */
  private String storedData;

  @Override
  public Integer call() {
    if (resume != null && resumeFrom == null) {
      return resumeRun();
    }
    if (resumeFrom == null) {
      rememberArgs();
    }
    java.time.Instant started = java.time.Instant.now();
    common.applyThreads();
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("--checkpoint-every must be >= 0, got "
          + checkpointEvery);
    }
    if (validationFraction != null && !(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("--validation-fraction must be in [0, 1), got "
          + validationFraction);
    }
    ModelOption modelOption = ModelOption.parse(model);
    if (modelOption.kind() != ModelOption.Kind.MLP && regression) {
      throw new IllegalArgumentException("--regression is for MLPs; " + (modelOption.kind()
          == ModelOption.Kind.LINEAR ? "--model linear already predicts numbers"
          : "--model " + model + " is a classifier (--model linear predicts numbers)"));
    }
    boolean classifier = modelOption.kind() == ModelOption.Kind.LOGISTIC
        || (modelOption.kind() == ModelOption.Kind.MLP && !regression);
    NetworkSettingsBuilder estimator = Flags.translate(() -> estimator(modelOption, classifier));
    // Every output location is checked before the data are read and the training starts.
    RunWriter writer = RunWriter.open(common.outDir("train"), RunKind.TRAIN);
    if (save != null) {
      Outputs.requireBinaryPlace(save, "--save", "a model file",
          java.util.Optional.of("train's summary (or --json's line)"));
      AtomicFiles.requireWritable(save, "model file (--save)");
    }
    Outputs.requireApart(writer, java.util.Optional.ofNullable(save), "--save",
        Outputs.input("--data", dataOptions.data));
    dataOptions.weightsColumn = weights;
    TrainTest data = dataOptions.load(classifier ? TargetKind.CLASS : TargetKind.REAL, seed,
        classifier ? "add --regression (an MLP) or use --model linear"
            : regression ? "drop --regression" : "use --model logistic");
    // The stored --data is read where it lies from here; the model records it as the run did.
    Dataset train = storedData == null ? data.train() : asStored(data.train());
    Dataset test = data.test();
    // grid's and select's warning for networks; a linear model's says why gradient descent
    // suffers (train --model logistic on data/wine.csv ended at accuracy 0.39 without a word)
    java.util.Optional<String> unscaled = modelOption.kind() == ModelOption.Kind.MLP
        ? NetworkOptions.unscaledWarning(standardize, train,
            java.util.Optional.ofNullable(weights))
        : NetworkOptions.unscaledLinearWarning(standardize, train,
            java.util.Optional.ofNullable(weights));
    unscaled.ifPresent(System.err::println);
    // (a linear model's stability does not depend on the target's scale)
    java.util.Optional<String> unscaledTarget = modelOption.kind() == ModelOption.Kind.MLP
        && regression ? NetworkOptions.unscaledTargetWarning(standardizeTarget, train)
        : java.util.Optional.empty();
    unscaledTarget.ifPresent(System.err::println);
    NetworkOptions.farTargetWarning(train).ifPresent(System.err::println);
    String dataSha256 = train.fingerprint();
    if (resumeFrom != null && !dataSha256.equals(resumeFrom.settings().get("train_data_sha256"))) {
      if (resumeDataGiven) {
        throw new InputException("--data " + dataOptions.data + ": not the data the checkpoint "
            + resumeFile + " was trained on (its settings.train_data_sha256 differs); give the"
            + " file the run was made with");
      }
      if (dataOptions.data == null) {
        // Not data that changed: flags without --data (edited away) name the bundled sample,
        // and "bundled:mnist-10k changed since" sent the user looking at a file tikhonov ships.
        throw new InputException(resumeFile + ": the train flags stored in the checkpoint"
            + " (settings.args) give no --data, so they name the bundled MNIST sample, but the"
            + " checkpoint was trained on other data (settings.train_data_sha256); an edited"
            + " checkpoint?");
      }
      throw new InputException("--resume: the training data differ from the checkpoint's ("
          + dataOptions.describe() + " changed since); cannot continue exactly");
    }
    Path checkpoint = writer.dir().resolve(CheckpointFile.FILE_NAME);
    if (resumeFile != null) {
      writer.keep(resumeFile); // continued, not an earlier run's: a finished run's is not rewritten
    }
    List<TrainingListener> extra = new ArrayList<>();
    if (checkpointEvery > 0) {
      Map<String, Object> cs = new LinkedHashMap<>();
      cs.put("args", storedArgs);
      cs.put("working_directory", workingDirectory);
      // where the run is made: a resume from elsewhere is of a copy (its --save, resumeRun)
      cs.put("out_directory", writer.dir().toAbsolutePath().normalize().toString());
      cs.put("threads", common.threads);
      cs.put("train_data_sha256", dataSha256);
      // through the run's record: a run stopped after a checkpoint leaves it listed as its own
      extra.add(writer.checkpoints(checkpointEvery, cs));
    }
    // this run's checkpoint, or the one it continues: an earlier run's in the folder is not
    // where this one resumes; once run.json is written, only the report is left to draw
    boolean resumed = resumeFile != null;
    Main.onInterrupt(() -> !writer.wrote("run.json") && (writer.wrote(CheckpointFile.FILE_NAME)
        || resumed && Files.exists(checkpoint)) ? resumeHint(writer.dir())
        : RunFiles.interruptHint(writer, "metrics.json",
            java.util.Optional.ofNullable(save), saved));
    if (System.getenv("TIKHONOV_TRACE_BATCHES") != null) {
      // Test aid (docs/model-files.md): one line per optimizer step, so a test can kill the
      // process in the middle of an epoch.
      extra.add(new TrainingListener() {
        @Override
        public void onBatch(int epoch, int batch, double loss) {
          System.err.println("batch " + epoch + " " + batch);
        }
      });
    }
    var human = common.human();
    OptimizerConfig optimizerConfig = optimizer.build();
    human.printf(Locale.ROOT, "tikhonov train: %s on %s (%d train / %d test rows, %d features)%n",
        modelOption.describe(), dataOptions.describe(), train.numRows(), test.numRows(),
        train.numFeatures() - (weights != null ? 1 : 0)); // (--weights is not a feature)
    // dropout only where it applies: a linear or logistic model has no hidden layer to drop
    human.printf(Locale.ROOT, "  λ=%s α=%s%s, %s, %d epochs, batch %d, seed %d, %d threads%n",
        Digits.few(lambda), Digits.few(l1Ratio),
        modelOption.kind() == ModelOption.Kind.MLP ? " dropout=" + Digits.few(dropout) : "",
        optimizerConfig.describe(), epochs, batchSize, seed, common.threads);
    if (weights != null) {
      human.println("  weighted by column " + weights + " (Σ wᵢℓᵢ / Σ wᵢ): the epochs' losses"
          + " and the test scores are weighted means");
    }
    if (standardizeTarget) {
      human.println("  fitted to the standardized target (y − mean)/sd: the epochs' losses are"
          + " on its scale, the model predicts y");
    }
    Predictor fitted;
    TrainResult result;
    try (Progress progress = new Progress("train", epochs, false, common.quiet)) {
      extra.add(0, progress);
      FitOptions options = FitOptions.none()
          .withListener(TrainingListener.all(extra.toArray(TrainingListener[]::new)));
      if (resumeFrom != null) {
        options = options.withResumeFrom(resumeFrom.state());
      }
      FitOptions fitOptions = options;
      try {
        fitted = estimator.fit(train, fitOptions);
      } catch (IllegalArgumentException e) {
        if (resumeFrom == null || e instanceof InputException) {
          throw e;
        }
        // The state does not fit the network its stored flags build (an edited checkpoint):
        // the core's words ("parameter dense0.weight has shape 3x8 in the checkpoint, …"),
        // which name no file.
        throw new InputException(resumeFile + ": its training state does not match the run"
            + " that its stored flags describe (an edited checkpoint?): " + e.getMessage(), e);
      }
      result = training(fitted);
    } catch (DivergenceException e) {
      System.err.println("tikhonov: error: " + Flags.divergence(e)
          + (checkpointEvery > 0 && java.nio.file.Files.exists(checkpoint)
              ? " The last good checkpoint is kept in " + checkpoint + "." : ""));
      return 3;
    }
    if (result.predictsWorseThanConstant()) {
      // on unscaled features a smaller learning rate is not the cure (data/wine.csv)
      System.err.printf(Locale.ROOT, "tikhonov: warning: the final epoch's mean training loss"
          + " %.6g is above %.6g, the loss of a constant %s: the model predicts"
          + " worse than a constant; %s%n", result.finalEpochLoss(),
          result.constantPredictionLoss(), standardizeTarget
              ? "output of the training rows' mean (both on the standardized target's scale)"
              : "(all-zero) output", unscaled.isPresent()
              ? "add --standardize (the features are not on a unit scale, as said above)"
              : unscaledTarget.isPresent()
                  ? "add --standardize-target (the target is not on a unit scale, as said above)"
              : "try a smaller learning rate (or, if the loss is still falling from its random"
                  + " start, more epochs)");
    }
    // weighted by the --weights column as the fit was (evaluate --weights' scores)
    Evaluation testEval = weights == null ? fitted.evaluate(test) : fitted.evaluate(test, weights);
    Evaluation trainEval = weights == null ? fitted.evaluate(train)
        : fitted.evaluate(train, weights);
    Map<String, Object> metrics = new LinkedHashMap<>();
    TestScores.put(metrics, "test_", testEval);
    metrics.put("train_loss", trainEval.loss());
    metrics.put("penalty", result.penalty());
    metrics.put("epochs", result.history().epochs().size());
    metrics.put("seconds", result.seconds());
    metrics.put("stopped_early", result.stoppedEarly());
    metrics.put("best_epoch", result.bestEpoch());
    try {
      writer.history(result.history());
      writer.metrics(metrics);
      writer.weights(fitted instanceof NetworkClassifier c ? c.layers()
          : ((NetworkRegressor) fitted).layers());
    } catch (InputException e) {
      // a full disk: said only "D/history.csv: cannot write the file: …", not that --save's
      // model, which comes after the results, was not written either
      throw RunFiles.modelNotWritten(e, java.util.Optional.ofNullable(save));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("model", modelOption.describe());
    settings.putAll(fitted.provenance().settings());
    // beside held_out_rows (the validation share of the training rows): the report's settings
    // did not tell those from the test rows, nor say how many these were
    dataOptions.testFractionApplied().ifPresent(f -> settings.put("test_fraction", f));
    settings.put("test_rows", test.numRows());
    if (save != null) {
      RunFiles.saveModel(fitted::save, save, writer,
          List.of("history.csv", "metrics.json", "weights.json"));
      saved = java.util.Optional.of(save);
      human.println("  saved model to " + Main.shown(save));
    }
    if (result.stoppedEarly()) {
      // The test and train scores below are the kept epoch's, not the last one's that the
      // progress lines ended with: say which epoch they come from.
      human.printf(Locale.ROOT, "  stopped early after epoch %d of %d (--patience %d: no lower"
          + " validation loss since epoch %d); the model keeps epoch %d's weights, validation"
          + " loss %.4g%s%n", result.history().epochs().size(), epochs, patience,
          result.bestEpoch(), result.bestEpoch(),
          result.history().epochs().get(result.bestEpoch() - 1).valLoss().orElseThrow(),
          // as the epochs' lines; the test scores below are on y's scale
          standardizeTarget ? " (the standardized target's scale)" : "");
    }
    // The test scores as metrics.json has them: accuracy for a classifier, MSE and R² for a
    // regression (it printed "test loss 1529.1234", a squared-error loss no user reads); the
    // train loss named and formatted as the test loss (a regression's "loss (½·MSE)", in
    // significant digits): it said "train loss" beside the test's "loss (½·MSE)".
    String trainLoss = testEval instanceof ClassifierEvaluation ? "%.4f" : "%.4g";
    human.printf(Locale.ROOT, "%n  test %s   train " + TestScores.lossName(trainEval, false)
        + " " + trainLoss + "   penalty %.4g   (%.1fs)%n", TestScores.describe(testEval),
        trainEval.loss(), result.penalty(), result.seconds());
    RunFiles.finish(writer, "train", OptionalLong.of(seed), common.threads, dataOptions,
        started, settings, human, saved);
    human.println("  wrote " + Main.shown(writer.dir()));
    if (common.json) {
      StandardOutput.printJson(metrics);
    }
    return 0;
  }

  @Override
  public void refuseIgnored(Flags.Given given) {
    // First: with --resume every other setting comes from the checkpoint, so the checks below
    // (which would judge the flags against this command line's defaults, e.g. "--target … has
    // no effect on the bundled MNIST sample" for a run on a CSV) do not apply.
    if (resume != null) {
      requireOnlyResumeFlags();
      return;
    }
    // Only when --lambda is absent: a sweep over λ that includes --lambda 0 keeps its α.
    given.requireApplies("--l1-ratio", given.has("--lambda"), "with --lambda",
        "without it (λ = 0: there is no penalty to split between L1 and L2)");
    // Whatever its value: --dropout 0 with a linear model would read as a setting it took.
    if (given.has("--dropout")) {
      given.requireApplies("--dropout", ModelOption.parse(model).kind() == ModelOption.Kind.MLP,
          "to networks with hidden layers (--model mlp:...)", "with --model " + model
              + ", which has none");
    }
    ModelOption.Kind kind = ModelOption.parse(model).kind();
    given.requireApplies("--standardize-target", kind == ModelOption.Kind.LINEAR
        || (kind == ModelOption.Kind.MLP && regression),
        "to regressions (--model linear, or an MLP with --regression)", "on a classifier");
    dataOptions.refuseWeights(given, weights);
    given.requireApplies("--validation-fraction 0",
        !(patience > 0 && validationFraction != null && validationFraction == 0),
        "without --patience", "with --patience " + patience
            + ", which validates on 0.1 of the training rows");
  }

  /** The estimator the flags describe. */
  private NetworkSettingsBuilder estimator(ModelOption m, boolean classifier) {
    OptimizerConfig o = optimizer.build();
    EpochSchedule s = optimizer.schedule();
    double vf = validationFraction != null ? validationFraction : 0;
    return switch (m.kind()) {
      case LINEAR -> NetworkSettingsBuilder.of(weighted(LinearRegression.builder()).lambda(lambda)
          .l1Ratio(l1Ratio).optimizer(o).epochSchedule(s).epochs(epochs).batchSize(batchSize)
          .seed(seed).patience(patience).validationFraction(vf).standardize(standardize)
          .standardizeTarget(standardizeTarget).build());
      case LOGISTIC -> NetworkSettingsBuilder.of(weighted(LogisticRegression.builder())
          .lambda(lambda)
          .l1Ratio(l1Ratio).optimizer(o).epochSchedule(s).epochs(epochs).batchSize(batchSize)
          .seed(seed).patience(patience).validationFraction(vf).standardize(standardize)
          .build());
      case MLP -> {
        int[] widths = m.hidden().stream().mapToInt(Integer::intValue).toArray();
        yield classifier
            ? NetworkSettingsBuilder.of(weighted(MlpClassifier.builder()).hiddenLayers(widths)
                .dropout(dropout).lambda(lambda).l1Ratio(l1Ratio).optimizer(o).epochSchedule(s)
                .epochs(epochs).batchSize(batchSize).seed(seed).patience(patience)
                .validationFraction(vf).standardize(standardize).build())
            : NetworkSettingsBuilder.of(weighted(MlpRegressor.builder()).hiddenLayers(widths)
                .dropout(dropout).lambda(lambda).l1Ratio(l1Ratio).optimizer(o).epochSchedule(s)
                .epochs(epochs).batchSize(batchSize).seed(seed).patience(patience)
                .validationFraction(vf).standardize(standardize)
                .standardizeTarget(standardizeTarget).build());
      }
    };
  }

  /** {@code builder} with the --weights column, when one is given. */
  private <B extends NetworkBuilder<B>> B weighted(B builder) {
    return weights == null ? builder : builder.weightColumn(weights);
  }

  /** One of the four network estimators behind a single fit call. */
  @FunctionalInterface
  private interface NetworkSettingsBuilder {
    Predictor fit(Dataset train, FitOptions options);

    static NetworkSettingsBuilder of(MlpClassifier e) {
      return e::fit;
    }

    static NetworkSettingsBuilder of(MlpRegressor e) {
      return e::fit;
    }

    static NetworkSettingsBuilder of(LinearRegression e) {
      return e::fit;
    }

    static NetworkSettingsBuilder of(LogisticRegression e) {
      return e::fit;
    }
  }

  private static TrainResult training(Predictor p) {
    return (p instanceof NetworkClassifier c ? c.training() : ((NetworkRegressor) p).training())
        .orElseThrow();
  }

  /** The arguments that rebuild this run (for checkpoints), and where they were given. */
  private List<String> storedArgs = List.of();
  /**
   * {@code d} named as the stored --data names it: a resumed run reads that path resolved
   * against the run's working directory, and its model's provenance.data was that absolute path
   * where the uninterrupted run's is the path as given.
   */
  private Dataset asStored(Dataset d) {
    String read = dataOptions.data.toString();
    return d.source().startsWith(read)
        ? d.withSource(storedData + d.source().substring(read.length())) : d;
  }

  private String workingDirectory = Path.of("").toAbsolutePath().toString();

  private void rememberArgs() {
    storedArgs = RunFiles.argsAfter("train", Main.lastArgs());
  }

  /**
   * With --resume, only --quiet, --json, --data (where the run's data are now) and --save
   * (where its model goes) may be given: the rest is the checkpoint's.
   */
  private void requireOnlyResumeFlags() {
    var parsed = commandSpec.commandLine().getParseResult();
    for (var option : parsed.matchedOptions()) {
      String name = option.longestName();
      if (!List.of("--resume", "--quiet", "--json", "--data", "--save").contains(name)) {
        throw new IllegalArgumentException("--resume continues with the checkpoint's settings; "
            + "drop " + name);
      }
    }
  }

  /**
   * {@code args} (train flags) with the value of {@code flag} ("--save X" or "--save=X")
   * replaced by {@code path}, or the flag added when they have none.
   */
  static List<String> withPath(List<String> args, String flag, Path path) {
    List<String> out = new ArrayList<>(args);
    boolean found = false;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).equals(flag) && i + 1 < out.size()) {
        out.set(i + 1, path.toString());
        found = true;
      } else if (out.get(i).startsWith(flag + "=")) {
        out.set(i, flag + "=" + path);
        found = true;
      }
    }
    if (!found) {
      out.addAll(List.of(flag, path.toString()));
    }
    return List.copyOf(out);
  }

  /**
   * Where a resumed run saves its model, which its stored flags save to {@code stored}: there
   * when it continues in the folder it was made in ({@code madeIn}); in a copy of that folder
   * ({@code dir}), a model of the folder goes to the same place in the copy and one from
   * outside it into the copy, said on stderr (both went to the stored path, over the original
   * run's model).
   */
  private static Path savedModel(Path stored, Path madeIn, Path dir) {
    Path now = dir.toAbsolutePath().normalize();
    if (sameFolder(madeIn, now)) {
      return stored;
    }
    if (stored.startsWith(madeIn)) {
      return now.resolve(madeIn.relativize(stored));
    }
    Path copied = now.resolve(stored.getFileName());
    System.err.println("tikhonov: warning: the run saved its model to " + stored + " (--save in"
        + " its stored flags), outside its folder " + madeIn + ", of which " + dir + " is a"
        + " copy: the resumed run saves it to " + copied + " instead, so that the original"
        + " run's model stays; give --save FILE next to --resume to choose the file");
    return copied;
  }

  /** Whether {@code a} and {@code b} are one folder (also through a link). */
  private static boolean sameFolder(Path a, Path b) {
    try {
      return a.equals(b) || Files.exists(a) && Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The end of a stopped run's line when a checkpoint of it (or the one it continues) stays. */
  private static String resumeHint(Path dir) {
    return "the last checkpoint stays: tikhonov train --resume " + dir + " continues";
  }

  /**
   * For {@code train --resume DIR} ({@code args} as given to main), the stop line's end from
   * the process's start: the command line is parsed first (a second or more on a busy
   * machine), and a stop then said nothing of the checkpoint, which nothing has touched yet.
   * Nothing for other commands, or a DIR that is no path.
   */
  static void onInterruptFromTheStart(String[] args) {
    if (args.length == 0 || !args[0].equals("train")) {
      return;
    }
    for (int i = 1; i < args.length; i++) {
      String dir = args[i].startsWith("--resume=") ? args[i].substring("--resume=".length())
          : args[i].equals("--resume") && i + 1 < args.length ? args[i + 1] : null;
      if (dir != null) {
        try {
          Path resume = Path.of(dir);
          Main.onInterrupt(() -> Files.exists(CheckpointFile.locate(resume))
              ? resumeHint(resume) : "");
        } catch (java.nio.file.InvalidPathException notAPath) {
          // refused as the run starts, with the flag's name
        }
        return;
      }
    }
  }

  /** --resume DIR: rebuild the command from the checkpoint's settings and continue. */
  private Integer resumeRun() {
    requireOnlyResumeFlags();
    // From here to the resumed run's first checkpoint the one it continues is untouched: a stop
    // while the data are read and checked (seconds on a large CSV) said only "no file was left
    // half-written"
    Main.onInterrupt(() -> Files.exists(CheckpointFile.locate(resume)) ? resumeHint(resume) : "");
    if (!Files.exists(resume)) {
      // It said "/typo: no checkpoint here", as of a folder that exists and holds none.
      throw new InputException("--resume " + resume + ": no such file or directory"
          + DataFiles.danglingLink(resume) + "; give the --out directory of a train run with"
          + " --checkpoint-every N (or its checkpoint.safetensors)");
    }
    Path file = CheckpointFile.locate(resume);
    if (!java.nio.file.Files.exists(file)) {
      throw new InputException(file + ": no checkpoint here (train with --checkpoint-every N to "
          + "write one)");
    }
    CheckpointFile.Checkpoint cp = SavedFiles.checkpoint(file);
    if (RunWriter.differsFromRecord(file)) {
      // A warning: a run stopped between replacing the checkpoint and recording it leaves a
      // difference too, and the checkpoint read as one of this run's settings and weights.
      System.err.println("tikhonov: warning: " + file + " differs from the size and SHA-256"
          + " that the run directory's run.json.partial (or run.json) records of it: edited"
          + " since the run stopped, or the run was stopped between writing it and recording"
          + " it; the run continues from the checkpoint as it is now");
    }
    Map<String, Object> s = cp.settings();
    if (!(s.get("args") instanceof List<?> args) || !(s.get("threads") instanceof Integer threads)
        || !(s.get("working_directory") instanceof String cwd)
        || !(s.get("train_data_sha256") instanceof String)) {
      throw new InputException(file + ": the checkpoint does not record the run's settings");
    }
    if (threads < 1) {
      // Checked here: applyThreads would name --threads, which --resume does not take.
      throw new InputException(file + ": settings.threads: expected an integer >= 1, found "
          + threads + " (an edited checkpoint?)");
    }
    TrainCommand again = new TrainCommand();
    try {
      new picocli.CommandLine(again).parseArgs(args.stream().map(String::valueOf)
          .toArray(String[]::new));
    } catch (picocli.CommandLine.ParameterException e) {
      // Not the user's command line: picocli's "Unknown option: '--bogus'" and "Try 'train
      // --help'" would send them looking for a flag they never typed.
      throw new InputException(file + ": the train flags stored in the checkpoint"
          + " (settings.args) do not parse (an edited checkpoint?): " + e.getMessage(), e);
    }
    Path base = Path.of(cwd);
    List<String> stored = args.stream().map(String::valueOf).toList();
    if (dataOptions.data != null && again.dataOptions.data == null) {
      throw new InputException("--data " + dataOptions.data + ": the run of " + file
          + " trained on the bundled MNIST sample (its stored flags give no --data), which"
          + " needs no path; drop --data");
    }
    if (dataOptions.data != null) {
      // The run directory copied to where its stored path does not reach (another machine):
      // the data where they are now, checked against the checkpoint's SHA-256 by call(); the
      // checkpoints of the resumed run store the new place.
      again.dataOptions.data = dataOptions.data.toAbsolutePath();
      again.resumeDataGiven = true;
      stored = withPath(stored, "--data", again.dataOptions.data);
    } else if (again.dataOptions.data != null) {
      again.storedData = again.dataOptions.data.toString();
      again.dataOptions.data = base.resolve(again.dataOptions.data);
      if (!Files.exists(again.dataOptions.data)) {
        // It said "--data /…/d.csv: no such file or directory", a flag the user did not give.
        throw new InputException(file + ": the run's training data " + again.dataOptions.data
            + " (--data in its stored flags) are not there: no such file or directory"
            + DataFiles.danglingLink(again.dataOptions.data) + "; where they are now, give them"
            + " as --data next to --resume (they must be the data the run was made with: their"
            + " SHA-256 is checked)");
      }
    }
    Path dir = Files.isDirectory(resume) ? resume : file.toAbsolutePath().getParent();
    Path madeIn = base.resolve(s.get("out_directory") instanceof String out ? Path.of(out)
        : again.common.out != null ? again.common.out
        // written before checkpoints recorded their folder, without --out: runs/<name> there
        : Path.of("runs").resolve(dir.toAbsolutePath().getFileName())).normalize();
    if (save != null) {
      again.save = save; // as given: "-" is refused as standard output by call()
      stored = withPath(stored, "--save", save.toAbsolutePath());
    } else if (again.save != null) {
      again.save = savedModel(base.resolve(again.save).normalize(), madeIn, dir);
      stored = withPath(stored, "--save", again.save);
    }
    again.common.out = dir;
    again.common.threads = threads;
    again.common.threadsOfCheckpoint = java.util.Optional.of(file);
    again.common.quiet = common.quiet || again.common.quiet;
    again.common.json = common.json || again.common.json;
    again.resumeFrom = cp;
    again.resumeFile = file;
    again.storedArgs = stored;
    again.workingDirectory = cwd;
    // A finished run trains nothing more; say so rather than "resuming" it (its files and
    // --save are written again, the same as the run's own).
    common.human().println("tikhonov train: resuming " + Main.shown(file) + " after epoch "
        + cp.state().epoch() + (cp.state().finished() ? " (the run had finished: nothing is left"
            + " to train; its files are written again from the checkpoint)" : ""));
    return again.call();
  }
}
