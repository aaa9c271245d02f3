package dev.tikhonov.cli;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.IdxArray;
import dev.tikhonov.data.IdxReader;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.RowException;
import dev.tikhonov.estimate.Classifier;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.DataFormat;
import dev.tikhonov.internal.data.Numbers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov predict}: a saved model's predictions for new rows, as CSV.
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "predict",
    header = "Predict with a saved model (any --save: train, path, ridge, select, grid);"
        + " writes a CSV.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Predict with a model saved by --save (train, path, ridge, select, grid).",
      "",
      "Input: a CSV file holding the model's feature columns by name (other columns are "
          + "ignored), a LIBSVM file (labels ignored), an IDX images file (pixels scaled to "
          + "[0, 1] as in training), or an MNIST-style directory (its test images).",
      "Output CSV: for classifiers 'class' (the class name with the highest probability) and "
          + "one 'prob_<class>' column per class (softmax of the logits); for regression "
          + "'prediction'; with --link also the linear predictor η of a linear model. Names with "
          + "commas or quotes are quoted (RFC 4180). Output row i is input row i (the header "
          + "excluded, blank lines skipped), in order: with --keep-columns the input's own "
          + "columns (an id) come first on each row.",
      ""})
public final class PredictCommand implements Callable<Integer>, Flags.Conditional {
  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "Model file written by --save (train, path, ridge, select, grid).")
  Path model;

  @Option(names = "--data", paramLabel = "PATH", required = true,
      description = "CSV file, LIBSVM file, IDX images file (…-images-idx3-ubyte[.gz]) or "
          + "MNIST directory. A CSV's columns are found by the names in its header; LIBSVM "
          + "features and IDX pixels are taken by position, so images fit only a model "
          + "trained on images of their size (a model trained on named CSV columns needs a "
          + "CSV with them).")
  Path data;

  @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
      converter = ColumnNames.Unquote.class,
      description = "CSV only: columns the model must not take, as train's --ignore-columns "
          + "(e.g. an id); each must be a column of the file and not one of the model's "
          + "features. The same flag as in training can thus be given again. A "
          + "name with a comma goes in double quotes, as in CSV: --ignore-columns '\"a,1\",id'.")
  List<String> ignoreColumns;

  @Option(names = "--keep-columns", paramLabel = "NAME", split = ",",
      converter = ColumnNames.Unquote.class,
      description = "CSV only: input columns to copy into the output, first on each row and in "
          + "this order, their cells as they are (text too; re-quoted as CSV where they must "
          + "be), e.g. --keep-columns id to tell the rows apart. A column may be one of the "
          + "model's features; it may not share a name with an output column (class, prob_…, "
          + "prediction, link). A name with a comma goes in double quotes, as in CSV: "
          + "--keep-columns '\"a,1\",id'.")
  List<String> keepColumns;

  @Option(names = "--out", paramLabel = "FILE", converter = OutputFile.Csv.class, required = true,
      description = "CSV file to write (atomically; gzip'd when named ….gz), or '-' for "
          + "standard output (then nothing else goes there; the row count goes to stderr; a "
          + "file named '-' is ./-).")
  Path out;

  @Option(names = "--link",
      description = "Also write the linear predictor of a linear model (glmnet's predict type ="
          + " \"link\"): a column 'link' holding η = a₀ + x·b (+ the offset), which is the"
          + " prediction for gaussian, log μ for poisson and the log-odds of the second class"
          + " for binomial; one 'link_<class>' column per class for multinomial.")
  boolean link;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--threads", paramLabel = "T",
      description = "BLAS threads. The same thread count as in training reproduces its "
          + "numbers bit for bit. Default: ${DEFAULT-VALUE}.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public void refuseIgnored(Flags.Given given) {
    given.requireApplies("--ignore-columns", DataFormat.of(data) == DataFormat.DELIMITED,
        "to CSV data", "on " + (DataFormat.of(data) == DataFormat.LIBSVM ? "LIBSVM data"
            : "IDX images") + ", whose features are taken by position");
    given.requireApplies("--keep-columns", DataFormat.of(data) == DataFormat.DELIMITED,
        "to CSV data, whose columns have names", "on " + (DataFormat.of(data)
            == DataFormat.LIBSVM ? "LIBSVM data" : "IDX images") + " (--data " + data
            + "), which " + (DataFormat.of(data) == DataFormat.LIBSVM ? "has" : "have")
            + " no named columns to copy");
  }

  @Override
  public Integer call() {
    CommonOptions.applyThreads(threads);
    boolean toStdout = Outputs.isStandardOutput(out);
    if (toStdout) {
      StandardOutput.requireOpen("--out -");
    } else {
      AtomicFiles.requireWritable(out, "predictions file (--out)");
      Outputs.requireApart(out, "--out", Outputs.input("--model", model),
          Outputs.input("--data", data));
    }
    Predictor m = SavedFiles.model(model);
    java.util.Optional<String> offset = offsetColumn(m);
    CsvWriter csv = new CsvWriter();
    int rows;
    try {
      rows = write(m, offset, csv);
    } catch (RowException e) {
      throw atRow(data, e);
    }
    if (toStdout) {
      // picocli's out: System.out in the jar, the caller's writer when run in-process
      java.io.PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(csv.toString());
      stdout.flush();
      // picocli's writer wraps System.out; a full disk (> /dev/full, a quota) ended with exit 0
      // and the predictions cut short
      if (stdout.checkError() || System.out.checkError()) {
        java.util.Optional<String> lost =
            StandardOutput.lost("all " + rows + " rows of predictions");
        if (lost.isPresent()) {
          throw new InputException("--out -: " + lost.get());
        }
        return 0; // a reader that stopped early (| head -1) has all it wanted
      }
      System.err.printf(Locale.ROOT, "tikhonov predict: %d rows -> standard output%n", rows);
    } else {
      OutputFile.writeCsv(out, csv.toString());
      System.err.printf(Locale.ROOT, "tikhonov predict: %d rows -> %s%n", rows, out);
    }
    return 0;
  }

  /** Writes {@code m}'s predictions for --data into {@code csv}; returns the number of rows. */
  private int write(Predictor m, java.util.Optional<String> offset, CsvWriter csv) {
    if (link && !(m instanceof dev.tikhonov.estimate.LinearModel
        || m instanceof dev.tikhonov.estimate.LinearClassifier)) {
      throw new InputException("--link: " + model + " is a model trained by gradient descent"
          + " (train, select, grid); --link writes the linear predictor η = a₀ + x·b of the"
          + " linear models that path --save writes");
    }
    if (keepColumns != null) {
      requireKeepable();
    }
    List<String> header = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    double[][] eta = null;
    if (offset.isPresent()) {
      // The model adds an offset column to η (path --offset): read it by name beside the
      // features.
      if (!Files.exists(data) || DataFormat.of(data) != DataFormat.DELIMITED) {
        throw new InputException("--data " + data + ": the model was fitted with the offset"
            + " column \"" + offset.get() + "\"; give a CSV file holding it");
      }
      List<String> columns = new ArrayList<>(m.featureNames());
      columns.add(offset.get());
      double[][] all = CsvReader.readFeatures(data, columns,
          DataOptions.csvOptions(ignoreColumns, data));
      int p = m.featureNames().size();
      double[][] x = new double[all.length][];
      double[] offsets = new double[all.length];
      for (int i = 0; i < all.length; i++) {
        x[i] = java.util.Arrays.copyOf(all[i], p);
        offsets[i] = all[i][p];
      }
      if (m instanceof dev.tikhonov.estimate.LinearClassifier c) {
        classes(header, rows, c.classNames(), c.predictProba(x, offsets));
        eta = link ? c.linearPredictor(x, offsets) : null;
      } else {
        dev.tikhonov.estimate.LinearModel lm = (dev.tikhonov.estimate.LinearModel) m;
        header.add("prediction");
        for (double v : lm.predict(x, offsets)) {
          rows.add(new ArrayList<>(List.of(Double.toString(v))));
        }
        eta = link ? rowsOf(lm.linearPredictor(x, offsets)) : null;
      }
    } else if (m instanceof Classifier c) {
      CsvOptions options = DataOptions.csvOptions(ignoreColumns, data);
      classes(header, rows, c.classNames(), inputs(data, c::predictProba, c::predictProba,
          c.featureNames(), options));
      if (link && c instanceof dev.tikhonov.estimate.LinearClassifier lc) {
        eta = inputs(data, lc::linearPredictor, lc::linearPredictor, lc.featureNames(),
            options);
      }
    } else {
      CsvOptions options = DataOptions.csvOptions(ignoreColumns, data);
      double[] y = inputs(data, x -> column(m.predict(x)), d -> column(m.predict(d)),
          m.featureNames(), options)[0];
      header.add("prediction");
      // a network computes in float32: its shortest float text, not the widened double's
      // noise digits (2.647847, not 2.6478469371795654)
      boolean float32 = m instanceof dev.tikhonov.estimate.NetworkPredictor;
      for (double v : y) {
        rows.add(new ArrayList<>(List.of(float32 ? Float.toString((float) v)
            : Double.toString(v))));
      }
      if (link && m instanceof dev.tikhonov.estimate.LinearModel lm) {
        eta = rowsOf(inputs(data, x -> column(lm.linearPredictor(x)),
            d -> column(lm.linearPredictor(d)), lm.featureNames(), options)[0]);
      }
    }
    if (link) {
      if (m instanceof dev.tikhonov.estimate.LinearClassifier lc
          && lc.family() == dev.tikhonov.loss.Family.MULTINOMIAL) {
        lc.classNames().forEach(name -> header.add("link_" + name));
      } else {
        header.add("link");
      }
      for (int i = 0; i < rows.size(); i++) {
        for (double v : eta[i]) {
          rows.get(i).add(Double.toString(v));
        }
      }
    }
    if (keepColumns != null) {
      List<List<String>> kept = keptCells(header);
      if (kept.size() != rows.size()) { // the same reader's rows: a bug if ever
        throw new IllegalStateException(kept.size() + " rows of --keep-columns for "
            + rows.size() + " predictions");
      }
      for (int i = 0; i < rows.size(); i++) {
        rows.get(i).addAll(0, kept.get(i));
      }
      header.addAll(0, keepColumns);
    }
    csv.row(header);
    rows.forEach(csv::row);
    return rows.size();
  }

  /**
   * Checks each --keep-columns name before any row is read: given once and a column of --data
   * (else the names close to it).
   */
  private void requireKeepable() {
    if (keepColumns.isEmpty()) { // "--keep-columns ," splits into no names at all
      throw new InputException("--keep-columns: no column name given; expected NAME[,NAME...]");
    }
    if (!Files.exists(data)) {
      throw DataOptions.missing(data);
    }
    List<String> columns = CsvReader.columns(data, DataOptions.csvOptions(ignoreColumns, data));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : keepColumns) {
      String flag = "--keep-columns " + Numbers.quote(name);
      if (!seen.add(name)) {
        throw new InputException(flag + ": given twice; name each column once");
      }
      if (!columns.contains(name)) {
        throw new InputException(ColumnNames.typeableSuggestion(flag + ": " + data
            + " has no such column; its columns: " + String.join(", ", columns)
            + dev.tikhonov.internal.data.CloseNames.column(name, columns), "--keep-columns"));
      }
    }
  }

  /**
   * The --keep-columns cells of --data's rows, in the order the predictions were read, once
   * none of them is named as one of the {@code output} columns, which would be twice in the
   * header.
   */
  private List<List<String>> keptCells(List<String> output) {
    for (String name : keepColumns) {
      String flag = "--keep-columns " + Numbers.quote(name);
      if (output.contains(name)) {
        throw new InputException(flag + ": the output has a column of that name, the model's "
            + outputColumn(name) + "; a kept column would make it twice in the header; rename"
            + " it in " + data + " or leave it out");
      }
    }
    return CsvReader.readText(data, keepColumns, DataOptions.csvOptions(ignoreColumns, data));
  }

  /** What the output column {@code name} holds: "class (the predicted class)", …. */
  private static String outputColumn(String name) {
    return Numbers.quote(name) + switch (name) {
      case "class" -> " (the predicted class)";
      case "prediction" -> " (the prediction)";
      case "link" -> " (the linear predictor, --link)";
      default -> name.startsWith("prob_") ? " (a class's probability)"
          : " (a class's linear predictor, --link)";
    };
  }

  /** η of each row as a one-column matrix. */
  private static double[][] rowsOf(double[] eta) {
    double[][] out = new double[eta.length][];
    for (int i = 0; i < eta.length; i++) {
      out[i] = new double[] {eta[i]};
    }
    return out;
  }

  /**
   * A problem that the model found in one row of {@code data}, shown where that row is: at its
   * line ("F:LINE: …", header counted) in a CSV or LIBSVM file, and at its cell of a CSV file
   * ("F:LINE:COLUMN (column "y"): …") when the problem is in one column (the model's offset
   * column, or the target, named by {@code target}), at its label in a LIBSVM file
   * ("F:LINE:COLUMN: token 1 (the label): …") when it is the target, as its image number in
   * images, as other data errors are.
   *
   * @param data the --data path, or empty for the bundled MNIST sample
   * @param target the column of the rows' targets (--target), empty when none was read
   */
  static InputException atRow(java.util.Optional<Path> data, RowException e,
      java.util.Optional<String> target) {
    if (data.isEmpty()) {
      return new InputException("the bundled MNIST sample's test image " + e.row() + ": "
          + e.problem(), e);
    }
    if (e.inTarget() && DataFormat.of(data.get()) == DataFormat.LIBSVM) {
      // the label, as the reader names a bad one ("F:2:1: token 1: label …"): it named the
      // line only, and a line of a sparse file can be long
      java.util.OptionalLong line = LibsvmReader.lineOfRecord(data.get(), e.row());
      java.util.OptionalInt column = LibsvmReader.labelColumnOfRecord(data.get(), e.row());
      if (line.isPresent() && column.isPresent()) {
        return InputException.at(data.get().toString(), line.getAsLong(), column.getAsInt(),
            "token 1 (the label): " + e.problem());
      }
    }
    java.util.Optional<String> column = e.inTarget() ? target : e.column();
    return atCell(data.get(), e.row(), column, e.problem());
  }

  /**
   * A problem in the {@code row}-th row (1-based, among the rows read) of the file {@code data},
   * shown where it is, as the readers show a bad cell: "F:LINE:COLUMN (column "y"): PROBLEM" for
   * a {@code column} of a CSV file (counted from 1 among all of the file's columns), "F:LINE:
   * PROBLEM" for the row as a whole or a LIBSVM file, whose values have no names, and the image's
   * number in images.
   *
   * @param column the CSV column of the cell; empty when the problem is in the row as a whole
   */
  static InputException atCell(Path data, long row, java.util.Optional<String> column,
      String problem) {
    java.util.OptionalLong line = switch (DataFormat.of(data)) {
      case DELIMITED -> CsvReader.lineOfRecord(data, row, CsvOptions.defaults());
      case LIBSVM -> LibsvmReader.lineOfRecord(data, row);
      case IDX_FILE, IDX_DIRECTORY -> java.util.OptionalLong.empty();
    };
    if (line.isPresent() && column.isPresent() && DataFormat.of(data) == DataFormat.DELIMITED) {
      int index = CsvReader.columns(data, CsvOptions.defaults()).indexOf(column.get());
      if (index >= 0) {
        return new InputException(data + ":" + line.getAsLong() + ":" + (index + 1)
            + " (column " + Numbers.quote(column.get()) + "): " + problem);
      }
    }
    if (line.isPresent()) {
      return InputException.at(data.toString(), line.getAsLong(), 0, problem);
    }
    String image = DataFormat.of(data) == DataFormat.IDX_DIRECTORY ? "test image " : "image ";
    return new InputException(data + ": " + image + row + ": " + problem);
  }

  static InputException atRow(Path data, RowException e) {
    return atRow(java.util.Optional.of(data), e, java.util.Optional.empty());
  }

  /** The column a linear model fitted with an offset adds to η; empty for other models. */
  static java.util.Optional<String> offsetColumn(Predictor m) {
    return m instanceof dev.tikhonov.estimate.LinearModel lm ? lm.offsetColumn()
        : m instanceof dev.tikhonov.estimate.LinearClassifier lc ? lc.offsetColumn()
        : java.util.Optional.empty();
  }

  /** The class with the highest probability and one prob_ column per class. */
  private static void classes(List<String> header, List<List<String>> rows,
      List<String> classNames, double[][] proba) {
    header.add("class");
    classNames.forEach(name -> header.add("prob_" + name));
    for (double[] p : proba) {
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        best = p[k] > p[best] ? k : best;
      }
      List<String> row = new ArrayList<>(List.of(classNames.get(best)));
      for (double v : p) {
        row.add(Float.toString((float) v));
      }
      rows.add(row);
    }
  }

  private static double[][] column(double[] y) {
    return new double[][] {y};
  }

  /**
   * Runs {@code fromRows} on a CSV's (read with {@code csv}) or LIBSVM file's rows, or {@code fromData} on images (an
   * IDX file, or an MNIST-style directory's test images).
   */
  static double[][] inputs(Path data, Function<double[][], double[][]> fromRows,
      Function<Dataset, double[][]> fromData, List<String> features, CsvOptions csv) {
    if (!Files.exists(data)) {
      throw DataOptions.missing(data);
    }
    return switch (DataFormat.of(data)) {
      case IDX_DIRECTORY -> fromData.apply(requirePixelsFit(Mnist.loadTest(data), features,
          "--data " + data + ": its images", ""));
      case IDX_FILE -> fromData.apply(requirePixelsFit(images(IdxReader.read(data), data),
          features, "--data " + data + ": its images", ""));
      case LIBSVM -> {
        // Kept sparse: a linear model predicts by sparse dot products; a model that needs
        // dense rows densifies them with a size check. Columns by position, named as the model's.
        dev.tikhonov.data.SparseMatrix x = LibsvmReader.readSparseFeatures(data, features.size());
        narrowLibsvm(data, x).ifPresent(System.err::println);
        yield fromData.apply(Dataset.sparse(x, new double[x.numRows()], features, List.of(),
            data.toString()));
      }
      case DELIMITED -> fromRows.apply(CsvReader.readFeatures(data, features, csv));
    };
  }

  /**
   * The warning for LIBSVM data {@code x} read for a model of p = {@code x.numColumns()}
   * features in which no row holds an index above k < p, else empty. LIBSVM leaves zeros out,
   * so such a file is valid and its features k+1..p read as 0; but data made for a model of k
   * features (another model's, or a file cut before its widest rows) read that way too, and
   * predict and evaluate accepted them without a word.
   */
  static java.util.Optional<String> narrowLibsvm(Path data, dev.tikhonov.data.SparseMatrix x) {
    int[] pointers = x.sharedColumnPointers();
    int k = x.numColumns();
    while (k > 0 && pointers[k] == pointers[k - 1]) {
      k--;
    }
    if (k == x.numColumns() || x.numRows() == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("tikhonov: warning: " + data + ": no row holds a feature index"
        + " above " + k + ", but the model takes " + x.numColumns() + " features: "
        + (k + 1 == x.numColumns() ? "index " + x.numColumns() + " is"
            : "indices " + (k + 1) + ".." + x.numColumns() + " are")
        + " read as 0 on every row (LIBSVM leaves zeros"
        + " out); if these data were made for a model of " + k + " features, this model is not"
        + " theirs");
  }

  /**
   * {@code images} (IDX pixels, whose columns have no names) when they are as many as the
   * model's features, which the model then takes them as, by position; otherwise an
   * InputException that says what to give --data instead. The library's message for it speaks
   * of its API (unnamed Dataset columns, "give the columns names").
   *
   * @param what the start of the message, naming the images ("--data F: its images")
   * @param target what evaluate needs beside a CSV file (" and --target …"), or ""
   */
  static Dataset requirePixelsFit(Dataset images, List<String> features, String what,
      String target) {
    int p = features.size();
    if (images.numFeatures() != p) {
      throw new InputException(what + " have " + images.numFeatures() + " pixels each, which a"
          + " model takes as its features by position, but this model takes " + p + " feature"
          + (p == 1 ? "" : "s") + " (" + preview(features) + "); give --data a CSV file whose "
          + "header row names " + (p == 1 ? "that column" : "those columns") + target
          + " (or a LIBSVM file of " + p + " feature" + (p == 1 ? "" : "s") + ")");
    }
    return images;
  }

  private static String preview(List<String> names) {
    return names.size() <= 8 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 8)) + ", …";
  }

  /** IDX images n×rows×cols → pixels b/255 in float32, as {@link Mnist} reads them. */
  private static Dataset images(IdxArray images, Path file) {
    if (images.numDims() != 3) {
      throw new InputException(file + ": expected an IDX images file (count x rows x cols), "
          + "found shape " + images.shape());
    }
    IdxArray labels = new IdxArray(new int[] {images.count()}, new byte[images.count()]);
    return Mnist.toDataset(images, labels, file.toString(), file.toString(), file.toString());
  }
}
