package dev.tikhonov.spark;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.data.DataFormat;
import dev.tikhonov.train.DivergenceException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit}'s entry point for a {@link SparkSweep}: one MLP per (λ, dropout, seed)
 * of the grid, one Spark task each, written as {@code experiment mnist-l2} writes its table.
 *
 * <pre>
 * spark-submit --class dev.tikhonov.spark.SweepJob tikhonov-spark.jar \
 *   (--train F --test F [--target COLUMN] | --mnist DIR|bundled)
 *   --lambdas 0,1e-4,1e-3 [--dropouts 0,0.2] [--seeds 0,1,2] [--epochs 10]
 *   [--batch-size 128] [--hidden 256,128] [--learning-rate 0.05] [--momentum 0.9]
 *   [--threads-per-task 1] [--save-models] [--out DIR]
 * </pre>
 *
 * <p>The data are read on the driver, from its file system: delimited text with a header
 * ({@code --target} names the class column) or LIBSVM files, as {@code ./tikhonov} reads them,
 * or a folder of MNIST-style IDX files ({@code bundled}: the 10,000-digit sample in the jar).
 * λ is DESIGN.md's ({@link SweepSetting}). Writes {@code DIR/results.csv} and
 * {@code results.json} (the experiment's table: mean ± std over seeds per (λ, dropout)),
 * {@code runs.csv} and {@code runs.json} (one row per setting) and, with
 * {@code --save-models}, {@code DIR/models/lambda-L_dropout-D_seed-S.model}. {@code --help}
 * prints the flags ({@link #USAGE}). Bad input or flags
 * print one line to stderr, beginning "tikhonov-spark: ", and exit with code 2; anything else
 * one line and code 1; never a stack trace. Stateless; {@link #run} is thread-safe as far as
 * Spark is (two runs given one {@code --out} write the same files).
 */
public final class SweepJob {
  private SweepJob() {}

  /** What {@code --help} prints. */
  static final String USAGE = String.join("\n",
      "Usage: spark-submit --class dev.tikhonov.spark.SweepJob tikhonov-spark.jar"
          + " (--train FILE --test FILE | --mnist DIR|bundled) --lambdas L1,L2,... [flags]",
      "One MLP per (lambda, dropout, seed), one Spark task each; writes experiment mnist-l2's"
          + " table.",
      "  --train FILE           training rows: CSV/TSV with a header (--target) or LIBSVM",
      "  --test FILE            test rows, in the same form",
      "  --target COLUMN        the class column of a delimited file",
      "  --mnist DIR|bundled    a folder of MNIST-style IDX files, or the bundled 10,000 digits",
      "  --lambdas L1,L2,...    the L2 strengths lambda >= 0 (required)",
      "  --dropouts D1,D2,...   inverted dropout rates in [0, 1) (default 0)",
      "  --seeds S1,S2,...      seeds (default 0)",
      "  --epochs N             (default 10)",
      "  --batch-size N         (default 128)",
      "  --hidden H1,H2,...     hidden layer widths (default 256,128)",
      "  --learning-rate R      SGD's learning rate (default 0.05)",
      "  --momentum M           in [0, 1) (default 0.9)",
      "  --threads-per-task T   (default 1: each result bit for bit the setting run alone)",
      "  --save-models          also write DIR/models/lambda-L_dropout-D_seed-S.model",
      "  --out DIR              where results.csv, results.json, runs.csv, runs.json and",
      "                         diverged.json go (default tikhonov-sweep)",
      "  --help                 print this and exit",
      "Bad input prints one line to stderr and exits with code 2; every setting diverged, 3."
          + " docs/spark.md has the rest.");

  /**
   * Runs the job on {@code SparkSession.builder().getOrCreate()} and exits (2: bad input; 3:
   * every setting diverged; 1 with one line on any other failure; {@link JobMain}).
   */
  public static void main(String[] args) {
    System.exit(JobMain.run("tikhonov SweepJob", args, SweepJob::run));
  }

  /**
   * Runs the job on {@code spark}: 0 when the files are written (a warning on {@code err}
   * names the settings whose training diverged, if any), 2 for bad input or flags, 3 when every
   * setting's training diverged (one line on {@code err}, beginning "tikhonov-spark: ").
   */
  public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      out.println(USAGE);
      return 0;
    }
    try {
      Options options = Options.parse(args);
      java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>();
      options.train.ifPresent(f -> inputs.put("--train", f));
      options.test.ifPresent(f -> inputs.put("--test", f));
      options.mnist.filter(m -> !m.equals("bundled")).ifPresent(m -> inputs.put("--mnist", m));
      Path dir = JobOutput.directory(options.out, "the results",
          List.of("results.csv", "results.json", "runs.csv", "runs.json", "diverged.json"),
          inputs);
      Dataset[] data = options.read();
      SparkSweep.Builder builder = SparkSweep.builder().lambdas(options.lambdas)
          .dropouts(options.dropouts).seeds(options.seeds).hiddenLayers(options.hidden)
          .epochs(options.epochs).batchSize(options.batchSize)
          .learningRate(options.learningRate).momentum(options.momentum)
          .threadsPerTask(options.threadsPerTask);
      if (options.saveModels) {
        builder.saveModels(dir.resolve("models"));
      }
      SparkSweep sweep;
      try {
        sweep = builder.build();
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      }
      out.printf("sweep of %d settings on %s: %d train / %d test rows, %d features%n",
          sweep.settings().size(), data[0].source(), data[0].numRows(), data[1].numRows(),
          data[0].numFeatures());
      SweepResults results = sweep.run(spark, data[0], data[1]);
      results.write(dir);
      out.print(results.summary());
      out.println("wrote " + dir.resolve("results.csv") + ", results.json, runs.csv, runs.json,"
          + " diverged.json" + (options.saveModels ? " and models/" : ""));
      if (!results.diverged().isEmpty()) {
        err.println("tikhonov-spark: warning: " + results.diverged().size() + " of "
            + sweep.settings().size() + " settings diverged; their (λ, dropout) have no row: "
            + String.join("; ", results.diverged().stream()
                .map(d -> d.label() + " (epoch " + d.epoch() + ")").toList()));
      }
      return 0;
    } catch (DivergenceException e) {
      err.println("tikhonov-spark: " + e.getMessage());
      return 3;
    } catch (InputException e) {
      err.println("tikhonov-spark: " + e.getMessage());
      return 2;
    } catch (java.io.UncheckedIOException e) {
      err.println("tikhonov-spark: " + e.getMessage());
      return 2;
    }
  }

  /** The flags, validated. */
  private static final class Options {
    Optional<String> train = Optional.empty();
    Optional<String> test = Optional.empty();
    Optional<String> target = Optional.empty();
    Optional<String> mnist = Optional.empty();
    double[] lambdas;
    double[] dropouts = {0};
    long[] seeds = {0};
    int epochs = 10;
    int batchSize = 128;
    int[] hidden = {256, 128};
    double learningRate = 0.05;
    double momentum = 0.9;
    int threadsPerTask = 1;
    boolean saveModels;
    String out = "tikhonov-sweep";

    /** The training and test sets (the sweep checks that they agree). */
    Dataset[] read() {
      if (mnist.isPresent()) {
        TrainTest d = mnist.get().equals("bundled") ? Mnist.bundled()
            : Mnist.load(Path.of(mnist.get()));
        return new Dataset[] {d.train(), d.test()};
      }
      return new Dataset[] {read(train.get()), read(test.get())};
    }

    private Dataset read(String file) {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new InputException(file + ": no such file (expected a CSV/TSV or LIBSVM file)");
      }
      if (DataFormat.of(path) == DataFormat.LIBSVM) {
        return Dataset.read(path, TargetKind.CLASS);
      }
      if (target.isEmpty()) {
        throw new InputException("--target COLUMN is needed to read the delimited file " + file);
      }
      return Dataset.read(path, target.get(), TargetKind.CLASS);
    }

    /** The flags that take a value. */
    private static final List<String> VALUE_FLAGS = List.of("--train", "--test", "--target",
        "--mnist", "--lambdas", "--dropouts", "--seeds", "--epochs", "--batch-size", "--hidden",
        "--learning-rate", "--momentum", "--threads-per-task", "--out");

    /** Every flag of the job's, for {@link FlagSuggestions}. */
    private static final java.util.Set<String> FLAGS = java.util.Set.copyOf(
        java.util.stream.Stream.concat(VALUE_FLAGS.stream(),
            java.util.stream.Stream.of("--save-models", "--help")).toList());

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (!VALUE_FLAGS.contains(flag) && !flag.equals("--save-models")) {
          // before taking a value: an unknown flag last on the line is not "needs a value"
          throw new InputException("unknown flag " + flag + FlagSuggestions.suggestion(flag,
              FLAGS).orElse(" (see --help or docs/spark.md)"));
        }
        if (flag.equals("--save-models")) {
          o.saveModels = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new InputException(flag + " needs a value");
        }
        String v = args[++i];
        switch (flag) {
          case "--train" -> o.train = Optional.of(v);
          case "--test" -> o.test = Optional.of(v);
          case "--target" -> o.target = Optional.of(v);
          case "--mnist" -> o.mnist = Optional.of(v);
          case "--lambdas" -> o.lambdas = numbers(flag, v, x -> x >= 0
              && x < Double.POSITIVE_INFINITY, "finite and ≥ 0");
          case "--dropouts" -> o.dropouts = numbers(flag, v, x -> x >= 0 && x < 1, "in [0, 1)");
          case "--seeds" -> o.seeds = Arrays.stream(numbers(flag, v, x -> x == Math.rint(x)
              && Math.abs(x) < 0x1p53, "a whole number")).mapToLong(x -> (long) x).toArray();
          case "--epochs" -> o.epochs = integer(flag, v);
          case "--batch-size" -> o.batchSize = integer(flag, v);
          case "--hidden" -> o.hidden = Arrays.stream(v.split(",", -1))
              .mapToInt(s -> integer(flag, s.trim())).toArray();
          case "--learning-rate" -> o.learningRate = number(flag, v, x -> x > 0
              && x < Double.POSITIVE_INFINITY, "positive");
          case "--momentum" -> o.momentum = number(flag, v, x -> x >= 0 && x < 1, "in [0, 1)");
          case "--threads-per-task" -> o.threadsPerTask = integer(flag, v);
          case "--out" -> o.out = v;
          default -> throw new InputException("unknown flag " + flag + " (see --help or "
              + "docs/spark.md)");
        }
      }
      boolean files = o.train.isPresent() || o.test.isPresent();
      if (o.mnist.isPresent() == files || (files && (o.train.isEmpty() || o.test.isEmpty()))) {
        throw new InputException("give the data as --train FILE --test FILE, or as --mnist "
            + "DIR|bundled");
      }
      if (o.lambdas == null) {
        throw new InputException("--lambdas L1,L2,... is required");
      }
      return o;
    }

    private static int integer(String flag, String v) {
      try {
        int value = Integer.parseInt(v);
        if (value >= 1) {
          return value;
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new InputException(flag + " must be a whole number ≥ 1, got '" + v + "'");
    }

    /**
     * One number: a list (--learning-rate 0.05,0.1) was taken as its first value without a
     * word, as if the sweep's grid had a learning-rate axis.
     */
    private static double number(String flag, String v, DoublePredicate valid, String what) {
      if (v.contains(",")) {
        throw new InputException(flag + " takes one number (the grid is --lambdas × --dropouts"
            + " × --seeds), got '" + v + "'");
      }
      return numbers(flag, v, valid, what)[0];
    }

    private static double[] numbers(String flag, String list, DoublePredicate valid,
        String what) {
      String[] parts = list.split(",", -1);
      double[] values = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        String v = parts[i].trim();
        try {
          values[i] = Double.parseDouble(v);
          if (valid.test(values[i])) {
            continue;
          }
        } catch (NumberFormatException e) {
          // named below
        }
        throw new InputException(flag + ": each value must be a number " + what + ", got '"
            + v + "'");
      }
      return values;
    }
  }
}
