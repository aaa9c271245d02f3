package dev.tikhonov.cli;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Datasets;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Json;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.io.ModelFile;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Evaluation;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tikhonov evaluate}: a saved model's mean data loss and accuracy on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Evaluate a model saved by 'train --save FILE' on labelled data: the mean data loss",
      "(1/n) Σ ℓ(yᵢ, f(xᵢ)) without the penalty (cross-entropy or ½(y − ŷ)²) and, for",
      "classifiers, the accuracy. Class labels are matched to the model's classes by name.",
      ""})
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "Model file written by train --save.")
  Path model;

  @Option(names = "--data", paramLabel = "PATH",
      description = "A CSV file (with --target), or an MNIST-style directory (its test set). "
          + "Default: the bundled MNIST sample's 2,000 test digits.")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN", description = "CSV only: the label column.")
  String target;

  @Option(names = "--threads", paramLabel = "T",
      description = "BLAS threads. The same thread count as in training reproduces its "
          + "numbers bit for bit. Default: ${DEFAULT-VALUE}.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "Print the metrics as one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    dev.tikhonov.tensor.Blas.setThreads(threads);
    Model m = ModelFile.load(model);
    Dataset raw = labelled(m);
    Datasets.requireFinite(raw);
    Dataset seen = raw.withFeatures(m.standardize(raw.features()));
    Evaluation e = Evaluation.of(m.network(), m.spec().task().loss(), seen);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("rows", raw.size());
    metrics.put("loss", e.loss());
    metrics.put("accuracy", Double.isNaN(e.accuracy()) ? null : e.accuracy());
    if (json) {
      System.out.println(Json.oneLine(metrics));
    } else {
      System.out.printf("%s on %s: %d rows, loss %.6f%s%n", model,
          data == null ? Mnist.BUNDLED_SOURCE : data, raw.size(), e.loss(),
          Double.isNaN(e.accuracy()) ? "" : String.format(", accuracy %.4f", e.accuracy()));
    }
    return 0;
  }

  private Dataset labelled(Model m) {
    boolean classifier = m.spec().task() == Task.CLASSIFICATION;
    Dataset d;
    if (data == null) {
      d = Mnist.bundled().test();
    } else if (!Files.exists(data)) {
      throw new InputException("--data " + data + ": no such file or directory");
    } else if (Files.isDirectory(data)) {
      d = Mnist.load(data).test();
    } else if (PredictCommand.isCsv(data)) {
      if (target == null) {
        throw new InputException("--data " + data + " is a CSV file: name the label column "
            + "with --target COLUMN");
      }
      d = CsvReader.read(data, target, classifier ? TargetKind.CLASS : TargetKind.REAL);
    } else {
      throw new InputException("--data " + data + ": expected a CSV file or an MNIST-style "
          + "directory");
    }
    if (classifier != d.isClassification()) {
      throw new InputException(data + ": the model is a " + (classifier ? "classifier" : 
          "regression model") + " but the data's target is " + (d.isClassification()
              ? "a class label" : "a number"));
    }
    return align(m, d);
  }

  /** The model's feature columns in its order, and labels as the model's class indices. */
  private static Dataset align(Model m, Dataset d) {
    List<String> wanted = m.featureNames();
    int[] column = new int[wanted.size()];
    for (int j = 0; j < column.length; j++) {
      column[j] = d.featureNames().indexOf(wanted.get(j));
      if (column[j] < 0) {
        throw new InputException(d.source() + ": missing feature column \"" + wanted.get(j)
            + "\" that the model expects");
      }
    }
    Matrix x = Matrix.zeros(d.size(), column.length);
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < column.length; j++) {
        x.set(i, j, d.features().get(i, column[j]));
      }
    }
    if (!d.isClassification()) {
      if (d.targets().cols() != m.network().outputSize()) {
        throw new InputException(d.source() + ": " + d.targets().cols() + " targets but the "
            + "model predicts " + m.network().outputSize());
      }
      return new Dataset(x, d.targets(), wanted, List.of(), d.source());
    }
    Matrix y = Matrix.zeros(d.size(), 1);
    for (int i = 0; i < d.size(); i++) {
      String label = d.classNames().get(d.label(i));
      int k = m.classNames().indexOf(label);
      if (k < 0) {
        throw new InputException(d.source() + ": row " + (i + 1) + ": label \"" + label
            + "\" is not one of the model's classes " + m.classNames());
      }
      y.put(i, k);
    }
    return new Dataset(x, y, wanted, m.classNames(), d.source());
  }
}
