package dev.tikhonov.cli;

import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Datasets;
import dev.tikhonov.data.IdxArray;
import dev.tikhonov.data.IdxReader;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.io.ModelFile;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tikhonov predict}: a saved model's predictions for new rows, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Predict with a model saved by 'train --save FILE'.",
      "",
      "Input: a CSV file holding the model's feature columns by name (other columns are "
          + "ignored), an IDX images file (pixels scaled to [0, 1] as in training), or an "
          + "MNIST-style directory (its test images).",
      "Output CSV: for classifiers 'class' (the class name with the highest probability) and "
          + "one 'prob_<class>' column per class (softmax of the logits); for regression "
          + "'prediction' (or prediction_0.. for several targets).",
      ""})
public final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "Model file written by train --save.")
  Path model;

  @Option(names = "--data", paramLabel = "PATH", required = true,
      description = "CSV file, IDX images file (…-images-idx3-ubyte[.gz]) or MNIST directory.")
  Path data;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "CSV file to write (atomically).")
  Path out;

  @Option(names = "--threads", paramLabel = "T",
      description = "BLAS threads. The same thread count as in training reproduces its "
          + "numbers bit for bit. Default: ${DEFAULT-VALUE}.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    dev.tikhonov.tensor.Blas.setThreads(threads);
    Model m = ModelFile.load(model);
    Matrix x = features(m, data);
    Matrix outputs = m.predict(x);
    StringBuilder csv = new StringBuilder();
    if (m.spec().task() == Task.CLASSIFICATION) {
      csv.append("class");
      for (String c : m.classNames()) {
        csv.append(",prob_").append(quote(c));
      }
      csv.append('\n');
      double[] p = new double[outputs.cols()];
      for (int i = 0; i < outputs.rows(); i++) {
        int best = softmax(outputs, i, p);
        csv.append(quote(m.classNames().get(best)));
        for (double v : p) {
          csv.append(',').append((float) v);
        }
        csv.append('\n');
      }
    } else {
      int q = outputs.cols();
      for (int k = 0; k < q; k++) {
        csv.append(k == 0 ? "" : ",").append(q == 1 ? "prediction" : "prediction_" + k);
      }
      csv.append('\n');
      for (int i = 0; i < outputs.rows(); i++) {
        for (int k = 0; k < q; k++) {
          csv.append(k == 0 ? "" : ",").append(outputs.get(i, k));
        }
        csv.append('\n');
      }
    }
    AtomicFiles.writeString(out, csv.toString());
    System.err.printf("tikhonov predict: %d rows -> %s%n", outputs.rows(), out);
    return 0;
  }

  /**
   * Softmax of row i of the logits in double, max-subtracted so it cannot overflow, into
   * {@code out}; returns the arg-max class.
   */
  static int softmax(Matrix logits, int i, double[] out) {
    int k = logits.cols();
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (logits.get(i, c) > logits.get(i, best)) {
        best = c;
      }
    }
    double max = logits.get(i, best);
    double sum = 0;
    for (int c = 0; c < k; c++) {
      out[c] = Math.exp(logits.get(i, c) - max);
      sum += out[c];
    }
    for (int c = 0; c < k; c++) {
      out[c] /= sum;
    }
    return best;
  }

  /** The model's raw input columns from a CSV, an IDX images file or an MNIST directory. */
  static Matrix features(Model m, Path data) {
    if (!Files.exists(data)) {
      throw new InputException("--data " + data + ": no such file or directory");
    }
    int p = m.featureNames().size();
    Matrix x;
    if (Files.isDirectory(data)) {
      x = Mnist.load(data).test().features();
    } else if (isCsv(data)) {
      x = CsvReader.readFeatures(data, m.featureNames());
    } else {
      x = images(IdxReader.read(data), data);
    }
    if (x.cols() != p) {
      throw new InputException(data + ": rows have " + x.cols() + " features but the model "
          + "expects " + p);
    }
    Datasets.requireFinite(x, data.toString());
    return x;
  }

  static boolean isCsv(Path data) {
    String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv");
  }

  /** IDX images n×rows×cols → n×(rows·cols), pixel b → b/255 as {@link Mnist} does. */
  private static Matrix images(IdxArray images, Path file) {
    if (images.numDims() != 3) {
      throw new InputException(file + ": expected an IDX images file (count x rows x cols), "
          + "found shape " + images.shape());
    }
    IdxArray labels = new IdxArray(new int[] {images.count()}, new byte[images.count()]);
    Dataset d = Mnist.toDataset(images, labels, file.toString(), file.toString(),
        file.toString());
    return d.features();
  }

  private static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
