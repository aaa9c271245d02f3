package dev.tikhonov.cli;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.estimate.Classifier;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.ConfusionMatrix;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.RegressionEvaluation;
import dev.tikhonov.estimate.RocCurve;
import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.DataFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov evaluate}: a saved model's mean data loss and accuracy on labelled data (with
 * --confusion a classifier's confusion matrix too).
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "evaluate",
    header = "Score a saved model on labelled data: its mean data loss, accuracy, AUC or R².",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Evaluate a model saved by --save (train, path, ridge, select, grid) on labelled data: the",
      "mean data loss (1/n) Σ ℓ(yᵢ, f(xᵢ)) without the penalty (cross-entropy, ½(y − ŷ)² or",
      "the Poisson μ − y·log μ; JSON: loss) and, for classifiers, the accuracy, for two",
      "classes also the AUC (area under the ROC curve: the share of pairs of a second-class",
      "and a first-class row that the model ranks right, ties counting ½; JSON: auc); for",
      "regressors the mean squared error and R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)² (JSON: mse, r2).",
      "Poisson models are scored first by the mean Poisson deviance (1/n) Σ 2[y·log(y/μ) −",
      "(y − μ)] ≥ 0, 0 for exact counts (scikit-learn's mean_poisson_deviance, glmnet's",
      "type.measure = \"deviance\"; JSON: deviance), and D² = 1 − D/D₀, the fraction of",
      "deviance explained (d2); their loss μ − y·log μ, printed last, is not a deviance: it is",
      "the deviance/2 less a term of y alone, and negative where counts are large.",
      "R², D² and the AUC are \"undefined\" (JSON null) on rows whose target is constant",
      "(every count 0, every row of one class). Only the model's columns and the target are",
      "read (other columns",
      "are ignored, as predict ignores them). Class labels are matched to the model's classes",
      "by name, or by value when both are numbers (1 finds a class +1); data of one class are",
      "fine, a label the model does not know is an error. --roc FILE writes a two-class",
      "model's ROC curve as CSV (threshold, fpr, tpr; its trapezoid area is the AUC).",
      "--weights COLUMN weights row i by wᵢ (scikit-learn's sample_weight): every mean",
      "becomes Σ wᵢ(·)/Σ wᵢ, ȳ in R² and D² the weighted mean, the AUC and ROC curve count",
      "each pair wᵢwⱼ; the output says \"weighted by COLUMN\" (JSON: weights, weight_sum).",
      "--confusion adds a classifier's confusion matrix: rows the true class, columns the",
      "predicted one (JSON: confusion).",
      ""})
public final class EvaluateCommand implements Callable<Integer>, Flags.Conditional {
  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "Model file written by --save (train, path, ridge, select, grid).")
  Path model;

  @Option(names = "--data", paramLabel = "PATH",
      description = "A CSV file (with --target), a LIBSVM file, or an MNIST-style directory "
          + "(its test set; its pixels are taken by position, so only for a model trained on "
          + "images of their size). Default: the bundled MNIST sample's 2,000 test digits.")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN",
      description = "CSV only (LIBSVM and MNIST data carry their own labels): the label column.")
  String target;

  @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
      converter = ColumnNames.Unquote.class,
      description = "CSV only: columns the model must not take, as train's --ignore-columns "
          + "(e.g. an id); each must be a column of the file, neither the target nor one of "
          + "the model's features. The same flag as in training can thus be given again. A "
          + "name with a comma goes in double quotes, as in CSV: --ignore-columns '\"a,1\",id'.")
  List<String> ignoreColumns;

  @Option(names = "--weights", paramLabel = "COLUMN",
      description = "CSV only: the column of observation weights ≥ 0 (not a feature of the "
          + "model; train's and path's --weights column): every score becomes the weighted "
          + "one, Σ wᵢℓᵢ / Σ wᵢ, accuracy Σ wᵢ·1[ŷᵢ = yᵢ] / Σ wᵢ, R² with the weighted mean. "
          + "Weights all 1 give the unweighted scores. Default: every row counts once.")
  String weights;

  @Option(names = "--threads", paramLabel = "T",
      description = "BLAS threads. The same thread count as in training reproduces its "
          + "numbers bit for bit. Default: ${DEFAULT-VALUE}.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "Print the metrics as one JSON object on stdout.")
  boolean json;

  @Option(names = "--roc", paramLabel = "FILE", converter = OutputFile.Roc.class,
      description = "Two-class models: write the ROC curve of the second class's score (the "
          + "log-odds) as CSV: threshold, fpr, tpr, one row per distinct score from the "
          + "highest, after a first row inf, 0, 0 (glmnet's roc.glmnet; its trapezoid area is "
          + "the AUC; gzip'd when FILE is named ….gz). Refused when every row is of one class.")
  Path roc;

  @Option(names = "--confusion",
      description = "Classifiers: also print the confusion matrix below the scores, one row per "
          + "true class and one column per predicted class, labelled by the model's classes "
          + "(scikit-learn's confusion_matrix; glmnet's confusion.glmnet and caret's "
          + "confusionMatrix print its transpose), each cell a count of rows; with --weights "
          + "each cell is the Σ wᵢ of its rows. JSON: confusion: {labels, "
          + "counts[true][predicted], and with --weights weights}.")
  boolean confusion;

  @Override
  public void refuseIgnored(Flags.Given given) {
    DataFormat format = data == null ? null : DataFormat.of(data);
    if (format == DataFormat.IDX_DIRECTORY) {
      DataOptions.requireIdxFolder("--data", data);
    }
    // An IDX file holds no labels at all: labelled() says so, with or without --target.
    given.requireApplies("--target", format == DataFormat.DELIMITED
        || format == DataFormat.IDX_FILE, "to CSV data",
        format == null ? "on the bundled MNIST sample, which holds its own labels"
            : format == DataFormat.LIBSVM
                ? "on LIBSVM data, whose first field on each line is the target"
                : "on MNIST-style IDX data, which hold their own labels");
    given.requireApplies("--ignore-columns", format == DataFormat.DELIMITED, "to CSV data",
        format == null ? "on the bundled MNIST sample, whose pixels are taken by position"
            : "on " + (format == DataFormat.LIBSVM ? "LIBSVM data" : "IDX images")
                + ", whose features are taken by position");
    given.requireApplies("--weights", format == DataFormat.DELIMITED,
        "to CSV data (it names a column)", format == null
            ? "on the bundled MNIST sample, whose images have no named columns"
            : format == DataFormat.LIBSVM ? "on LIBSVM data, whose lines hold only the target"
                + " and the features" : "on MNIST-style IDX data, whose images have no named"
                + " columns");
    DataOptions.refuseIgnoredObservationColumn("--weights", weights, ignoreColumns, target);
  }

  @Override
  public Integer call() {
    CommonOptions.applyThreads(threads);
    if (json) {
      StandardOutput.requireOpen("--json");
    }
    if (roc != null) { // where the curve goes, before any work
      Outputs.refuseStandardOutput(roc, "--roc", "a CSV file beside the printed scores");
      AtomicFiles.requireWritable(roc, "ROC curve (--roc)");
      Outputs.requireApart(roc, "--roc", Outputs.input("--model", model),
          Outputs.input("--data", data));
    }
    Predictor m = SavedFiles.model(model);
    if (roc != null && !(m instanceof Classifier c && c.classNames().size() == 2)) {
      throw new InputException("--roc: --model " + model + " is " + (m instanceof Classifier c
          ? "a classifier of " + c.classNames().size() + " classes" : "a regressor")
          + "; the ROC curve is of a two-class model's scores; leave --roc out");
    }
    if (confusion && !(m instanceof Classifier)) {
      throw new InputException("--confusion: --model " + model + " is a regressor; a confusion"
          + " matrix counts a classifier's rows by true and predicted class; leave --confusion"
          + " out");
    }
    Dataset labelled = labelled(m);
    if (data != null) {
      DataOptions.refuseBadWeight(labelled, data, weights);
    }
    Evaluation e;
    try {
      e = weights == null ? m.evaluate(labelled) : m.evaluate(labelled, weights);
    } catch (dev.tikhonov.data.RowException problem) {
      throw PredictCommand.atRow(java.util.Optional.ofNullable(data), problem,
          java.util.Optional.ofNullable(target));
    }
    java.util.OptionalDouble none = java.util.OptionalDouble.empty();
    // the scores of the model's kind (a model file of either kind is evaluated here)
    java.util.Optional<ClassifierEvaluation> classes = e instanceof ClassifierEvaluation c
        ? java.util.Optional.of(c) : java.util.Optional.empty();
    // from the predictions the scores were computed from: the rows are predicted once
    java.util.Optional<ConfusionMatrix> matrix = confusion
        ? classes.flatMap(ClassifierEvaluation::confusionMatrix) : java.util.Optional.empty();
    java.util.OptionalDouble accuracy = classes.isPresent()
        ? java.util.OptionalDouble.of(classes.get().accuracy()) : none;
    java.util.Optional<RegressionEvaluation> values = e instanceof RegressionEvaluation r
        ? java.util.Optional.of(r) : java.util.Optional.empty();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("rows", e.rows());
    if (weights != null) {
      metrics.put("weights", weights);
      metrics.put("weight_sum", e.weightSum());
    }
    metrics.put("loss", e.loss());
    metrics.put("accuracy", accuracy.isPresent() ? accuracy.getAsDouble() : null);
    // the regression scores only for the models that have them, so a classifier's JSON is as before
    StringBuilder scores = new StringBuilder();
    score(metrics, scores, "accuracy", "accuracy", accuracy);
    // a two-class model's AUC; null, and said so, when every row given is of one class
    boolean twoClasses = m instanceof dev.tikhonov.estimate.Classifier c
        && c.classNames().size() == 2;
    score(metrics, scores, "auc", "AUC", classes.map(ClassifierEvaluation::auc).orElse(none),
        twoClasses, "every row is of one class");
    score(metrics, scores, "mse", "MSE", values.isPresent()
        ? java.util.OptionalDouble.of(values.get().meanSquaredError()) : none);
    // R² of a regressor and D² of a Poisson model have no value when every target is the same
    // (every count the same, e.g. 0): said so, in JSON as null, rather than left out as if the
    // model had none
    boolean regressor = values.isPresent();
    boolean poisson = m instanceof dev.tikhonov.estimate.LinearModel lm
        && lm.family() == dev.tikhonov.loss.Family.POISSON;
    score(metrics, scores, "r2", "R²", values.map(RegressionEvaluation::rSquared).orElse(none),
        regressor, "every target value is the same");
    if (poisson) {
      metrics.put("deviance", values.orElseThrow().meanPoissonDeviance().orElseThrow());
    }
    score(metrics, scores, "d2", "D² (deviance explained)",
        values.map(RegressionEvaluation::devianceExplained).orElse(none), poisson,
        "every count is the same");
    if (roc != null) {
      RocCurve curve = classes.flatMap(ClassifierEvaluation::roc).orElseThrow(() ->
          new InputException("--roc: every row of --data "
          + (data == null ? Mnist.BUNDLED_SOURCE : data) + " is of one class, so there is no"
          + " ROC curve (it needs rows of both); nothing written"));
      CsvWriter csv = new CsvWriter().row("threshold", "fpr", "tpr");
      double[] thresholds = curve.thresholds();
      double[] fpr = curve.falsePositiveRate();
      double[] tpr = curve.truePositiveRate();
      for (int j = 0; j < thresholds.length; j++) {
        double t = thresholds[j];
        csv.row(t == Double.POSITIVE_INFINITY ? "inf" : String.valueOf(t),
            String.valueOf(fpr[j]), String.valueOf(tpr[j]));
      }
      OutputFile.writeCsv(roc, csv.toString());
    }
    matrix.ifPresent(c -> metrics.put("confusion", confusionJson(c)));
    if (json) {
      StandardOutput.printJson(metrics);
    } else {
      // significant digits, not decimals: a model far off the data has a loss of 1e77, which
      // %.6f printed as 78 digits; four, as the scores beside it. A regressor's loss is named:
      // "loss 0.06713, MSE 0.1343" did not say why the loss was half the MSE. A Poisson
      // model's comes last, after its deviance: first, "loss (μ − y·log μ) -2.3" was read as
      // a deviance, which is never negative
      String loss = String.format(java.util.Locale.ROOT, "%s %.4g",
          TestScores.lossName(e, poisson), e.loss());
      String first = poisson ? String.format(java.util.Locale.ROOT,
          "mean Poisson deviance %.4g", values.orElseThrow().meanPoissonDeviance().orElseThrow())
          : loss;
      System.out.printf(java.util.Locale.ROOT, "%s on %s: %d rows%s, %s%s%s%n", model,
          data == null ? Mnist.BUNDLED_SOURCE : data, e.rows(), weights == null ? ""
              : " weighted by " + weights + " (Σw " + NetworkOptions.digits(e.weightSum(), 6)
                  + ")", first, scores, poisson ? ", " + loss : "");
      matrix.ifPresent(c -> System.out.println(confusionText(c)));
    }
    return 0;
  }

  /** JSON's {@code confusion}: labels, counts [true][predicted] and, with --weights, weights. */
  private Map<String, Object> confusionJson(ConfusionMatrix c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", c.classNames());
    out.put("counts", c.counts());
    if (weights != null) {
      out.put("weights", c.weights());
    }
    return out;
  }

  /**
   * A header line that says what the rows, the columns and the cells are, then the matrix's
   * aligned {@link ConfusionMatrix#table()} (the class names above each column and before each
   * row; with --weights the cells' Σ wᵢ).
   */
  private String confusionText(ConfusionMatrix c) {
    return "confusion matrix" + (weights == null ? "" : " weighted by " + weights)
        + ", rows: true class, columns: predicted class ("
        + (weights == null ? "counts of rows" : "each cell the Σw of its rows") + "):\n"
        + c.table();
  }

  /**
   * As {@link #score(Map, StringBuilder, String, String, java.util.OptionalDouble)}; when the
   * model has the score ({@code applies}) but these rows give it no value, JSON null and
   * ", label undefined (why)".
   */
  private static void score(Map<String, Object> metrics, StringBuilder text, String key,
      String label, java.util.OptionalDouble value, boolean applies, String why) {
    if (value.isEmpty() && applies) {
      metrics.put(key, null);
      text.append(", ").append(label).append(" undefined (").append(why).append(')');
      return;
    }
    score(metrics, text, key, label, value);
  }

  /** Puts a present score into the JSON metrics and appends ", label value" for the text line. */
  private static void score(Map<String, Object> metrics, StringBuilder text, String key,
      String label, java.util.OptionalDouble value) {
    if (value.isPresent()) {
      metrics.put(key, value.getAsDouble());
      text.append(String.format(java.util.Locale.ROOT, ", %s %.4g", label, value.getAsDouble()));
    }
  }

  /**
   * The data to evaluate {@code m} on: of a CSV only the model's columns (its features and
   * offset column) and the target, as predict reads them; labels matched to the model's classes
   * as the file is read, so one class of them is enough.
   */
  private Dataset labelled(Predictor m) {
    List<String> classes = m instanceof Classifier c ? c.classNames() : List.of();
    String withTarget = ", with --target naming its label column";
    if (data == null) {
      return PredictCommand.requirePixelsFit(Mnist.bundled().test(), m.featureNames(),
          "the bundled MNIST sample's images (the default --data)", withTarget);
    }
    if (!Files.exists(data)) {
      throw DataOptions.missing(data);
    }
    return switch (DataFormat.of(data)) {
      case IDX_DIRECTORY -> PredictCommand.requirePixelsFit(Mnist.loadTest(data),
          m.featureNames(), "--data " + data + ": its images", withTarget);
      case LIBSVM -> {
        Dataset read = LibsvmReader.readLabelled(data, m.featureNames().size(), classes);
        read.sparseFeatures().flatMap(x -> PredictCommand.narrowLibsvm(data, x))
            .ifPresent(System.err::println);
        yield read;
      }
      case IDX_FILE -> throw new InputException("--data " + data + ": an IDX file holds no "
          + "labels; give an MNIST-style directory, a CSV (with --target) or a LIBSVM file");
      case DELIMITED -> {
        if (target == null) {
          throw new InputException("--data " + data + " is a CSV file: name the label column "
              + "with --target COLUMN");
        }
        List<String> columns = new ArrayList<>(m.featureNames());
        PredictCommand.offsetColumn(m).ifPresent(columns::add);
        if (weights != null && !columns.contains(weights)) {
          // read beside the model's columns (one of them is refused by the library, by name);
          // a column the file lacks is named as --weights', not as one the model expects
          CsvOptions options = DataOptions.csvOptions(ignoreColumns, data);
          List<String> header = CsvReader.columns(data, options);
          if (!header.contains(weights)) {
            throw new InputException("--weights \"" + weights + "\": " + data + " has no such"
                + " column (its columns: " + String.join(", ", header) + ")");
          }
          columns.add(weights);
        }
        yield CsvReader.readLabelled(data, columns, target, classes,
            DataOptions.csvOptions(ignoreColumns, data));
      }
    };
  }
}
