package dev.tikhonov.spark;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.LayerWeights;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.TrainResult;
import dev.tikhonov.train.TrainingListener;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A sweep of tikhonov MLP classifiers over (λ, dropout, seed) settings on Spark: one Spark task
 * per setting, each training one network on one thread, when the training data fit one
 * executor. The data are broadcast once (float32 arrays, shared by the tasks of an executor);
 * the results come back as {@code experiment mnist-l2}'s table ({@link SweepResults#table()}).
 *
 * <pre>{@code
 * SweepResults results = SparkSweep.builder()
 *     .lambdas(0, 1e-4, 1e-3, 1e-2).dropouts(0, 0.2).seeds(0, 1, 2)
 *     .hiddenLayers(256, 128).epochs(10)
 *     .build().run(spark, Mnist.bundled().train(), Mnist.bundled().test());
 * results.write(Path.of("sweep"));   // results.csv/json as experiment mnist-l2, runs.csv/json
 * }</pre>
 *
 * <p><b>Objective.</b> Each setting trains the network of {@link MlpClassifier} (ReLU hidden
 * layers, inverted dropout p after each, softmax output, PyTorch's default initialization) on
 * DESIGN.md's objective with α = 0:
 *
 * <pre>    J(θ) = −(1/n) Σᵢ log p(yᵢ|xᵢ; θ) + (λ/2) Σ_layers ‖W‖²</pre>
 *
 * <p>the weights only, biases unpenalized: PyTorch's {@code SGD(weight_decay=λ)} on the weights;
 * scikit-learn's {@code MLPClassifier(alpha=a)} is λ = a/n. The recipe is the experiment's:
 * SGD with momentum (default learning rate 0.05, momentum 0.9), batches of 128, 10 epochs;
 * the test rows are scored after every epoch (they do not steer the training).
 *
 * <p><b>Reproducibility.</b> With one thread per task (the default) every task trains in a
 * lane of the core (OpenBLAS held at one thread in the executor while sweep tasks run), so each
 * result is bit for bit what the same setting gives alone on one machine at one thread,
 * {@code MlpClassifier.builder()...threads(1).build().fit(train, test, listener)} with its
 * evaluations at one thread too (OpenBLAS's sums follow its thread count), whichever executor
 * runs it and after retries. More threads per task ({@link Builder#threadsPerTask})
 * make such tasks run one at a time per executor (OpenBLAS's count is per process) and need
 * {@code spark.task.cpus} at least as large.
 *
 * <p><b>Size limit.</b> The broadcast holds (n_train + n_test)·(p + 1) float32 values; each
 * executor keeps it and one float32 copy of each set, so it must stay within a quarter of an
 * executor's heap ({@code spark.executor.memory}; in local mode the driver's heap) and 2 GiB;
 * above that {@link #run} throws an {@link InputException} naming the sizes before any job.
 *
 * <p>Immutable and thread-safe; {@link #run} starts Spark jobs on the caller's session.
 */
public final class SparkSweep {
  private final List<SweepSetting> settings;
  private final Recipe recipe;
  private final Optional<Path> modelDirectory;

  private SparkSweep(List<SweepSetting> settings, Recipe recipe, Optional<Path> modelDirectory) {
    this.settings = List.copyOf(settings);
    this.recipe = recipe;
    this.modelDirectory = modelDirectory;
  }

  /** A builder with the experiment's recipe and no settings yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings of the grid, in the order their results come back. */
  public List<SweepSetting> settings() {
    return settings;
  }

  /**
   * Trains every setting of the grid as one Spark task on {@code spark} and returns the
   * results in the grid's order.
   *
   * @throws InputException for data that are not classification data, train and test with
   *     different features or classes, or data beyond the size limit
   */
  public SweepResults run(SparkSession spark, Dataset train, Dataset test) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return run(context.parallelize(settings, settings.size()), train, test);
  }

  /**
   * Trains the settings of {@code settings} (the grid of the builder is not used): each
   * partition is one task that trains its settings one after the other. Results come back in
   * the RDD's order.
   */
  public SweepResults run(JavaRDD<SweepSetting> settings, Dataset train, Dataset test) {
    SparkContext context = settings.context();
    requireTaskCpus(context);
    modelDirectory.ifPresent(dir -> AtomicFiles.requireWritable(dir.resolve("sweep.model"),
        "the sweep's model files"));
    SweepData data = SweepData.of(train, test, maxBroadcastBytes(context),
        broadcastLimitReason(context));
    Broadcast<SweepData> shared = JavaSparkContext.fromSparkContext(context).broadcast(data);
    List<Outcome> outcomes;
    try {
      outcomes = SparkFailures.unwrap(() -> settings.map(new Train(shared, recipe)).collect());
    } finally {
      shared.destroy();
    }
    if (outcomes.isEmpty()) {
      throw new InputException("the sweep has no settings (an empty RDD of settings)");
    }
    List<SweepResult> results = new ArrayList<>();
    List<MnistL2.Diverged> diverged = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o instanceof Failed f) {
        diverged.add(f.diverged());
      } else if (o instanceof Trained t) {
        results.add(t.result());
        modelDirectory.ifPresent(dir -> AtomicFiles.write(
            dir.resolve(t.result().setting().label() + ".model"), out -> out.write(t.model())));
      }
    }
    if (results.isEmpty()) {
      throw MnistL2.allDiverged(diverged.size(), diverged.get(0));
    }
    return new SweepResults(results, diverged);
  }

  /** The broadcast's ceiling: a quarter of an executor's heap, and one matrix's 2 GiB. */
  static long maxBroadcastBytes(SparkContext context) {
    return Math.min(executorHeap(context) / 4, Integer.MAX_VALUE);
  }

  private static long executorHeap(SparkContext context) {
    return context.isLocal() ? Runtime.getRuntime().maxMemory()
        : context.executorMemory() * (1L << 20);
  }

  private static String broadcastLimitReason(SparkContext context) {
    return String.format(Locale.ROOT, "a quarter of the executor's %s heap%s, at most 2 GiB",
        DriverLimit.humanBytes(executorHeap(context)),
        context.isLocal() ? " (local mode: the driver's)" : ", spark.executor.memory");
  }

  private void requireTaskCpus(SparkContext context) {
    int taskCpus = context.getConf().getInt("spark.task.cpus", 1);
    if (recipe.threads() > taskCpus) {
      throw new InputException("threadsPerTask " + recipe.threads() + " needs "
          + "spark.task.cpus ≥ " + recipe.threads() + " (it is " + taskCpus + "), or Spark would "
          + "run more threads than the cores it counts");
    }
  }

  /**
   * What every task needs besides its setting: the experiment's recipe ({@link MnistL2.Recipe}),
   * the threads of a task, and whether to send the model back.
   */
  record Recipe(MnistL2.Recipe mlp, int threads, boolean saveModel) implements Serializable {
    MlpClassifier estimator(SweepSetting s) {
      MlpClassifier estimator = mlp.estimator(s.lambda(), s.dropout(), s.seed());
      return threads > 1 ? estimator.toBuilder().threads(threads).build() : estimator;
    }
  }

  /** One task's answer: {@link Trained} or {@link Failed}. */
  sealed interface Outcome extends Serializable permits Trained, Failed {}

  /** A setting trained: the result, and the model file's bytes when asked (else empty). */
  record Trained(SweepResult result, byte[] model) implements Outcome {}

  /** A setting whose training diverged: where, and the trainer's description. */
  record Failed(SweepSetting setting, int epoch, int batch, String message) implements Outcome {
    MnistL2.Diverged diverged() {
      return new MnistL2.Diverged(setting.lambda(), setting.dropout(), setting.seed(), epoch,
          batch, message);
    }
  }

  /** The task: trains one setting on the broadcast data. */
  private static final class Train implements Function<SweepSetting, Outcome> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SweepData> data;
    private final Recipe recipe;

    Train(Broadcast<SweepData> data, Recipe recipe) {
      this.data = data;
      this.recipe = recipe;
    }

    @Override
    public Outcome call(SweepSetting setting) {
      return train(recipe, setting, data.value().train(), data.value().test());
    }
  }

  /** Trains {@code setting} on {@code train} (scoring {@code test} after every epoch). */
  static Outcome train(Recipe recipe, SweepSetting setting, Dataset train, Dataset test) {
    MlpClassifier estimator = recipe.estimator(setting);
    return TaskThreads.run(recipe.threads(), () -> {
      NetworkClassifier model;
      try {
        model = estimator.fit(train, test, TrainingListener.none());
      } catch (DivergenceException e) {
        return new Failed(setting, e.epoch(), e.batch(), e.getMessage());
      }
      ClassifierEvaluation onTest = model.evaluate(test);
      ClassifierEvaluation onTrain = model.evaluate(train);
      TrainResult training = model.training().orElseThrow();
      List<LayerWeights> layers = model.layers();
      double[] layerNorms = layers.stream().mapToDouble(LayerWeights::norm).toArray();
      SweepResult result = new SweepResult(setting.lambda(), setting.dropout(), setting.seed(),
          onTrain.loss(), onTrain.accuracy(), onTest.loss(),
          onTest.accuracy(), model.weightNorm(), layerNorms,
          training.history().epochs().size(), training.seconds(),
          training.history().epochs().stream().mapToDouble(e -> e.seconds()).average()
              .orElse(0),
          sha256(layers));
      return new Trained(result, recipe.saveModel() ? modelBytes(model) : new byte[0]);
    });
  }

  /** SHA-256 of every weight and bias, layer by layer, as little-endian float32 bits. */
  static String sha256(List<LayerWeights> layers) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (LayerWeights layer : layers) {
        for (float[] values : List.of(layer.weight(), layer.bias())) {
          ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES)
              .order(ByteOrder.LITTLE_ENDIAN);
          bytes.asFloatBuffer().put(values);
          digest.update(bytes);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** The model file (the core's format, {@code NetworkClassifier.save}) as bytes. */
  private static byte[] modelBytes(NetworkClassifier model) {
    try {
      Path dir = Files.createTempDirectory("tikhonov-sweep");
      Path file = dir.resolve("network.model");
      try {
        model.save(file);
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the task's temporary model file: " + e.getMessage(), e);
    }
  }

  /**
   * Named settings of a {@link SparkSweep}. The grid is every combination of
   * {@link #lambdas}, {@link #dropouts} and {@link #seeds} (λ slowest, seed fastest), or the
   * list given to {@link #settings}. Not thread-safe; what it builds is immutable.
   */
  public static final class Builder {
    private double[] lambdas = {};
    private double[] dropouts = {0};
    private long[] seeds = {0};
    private Optional<List<SweepSetting>> explicit = Optional.empty();
    private final MnistL2.Recipe.Builder mlp = MnistL2.Recipe.standard().toBuilder();
    private int threadsPerTask = 1;
    private Optional<Path> modelDirectory = Optional.empty();

    private Builder() {}

    /** The λ values of the grid (DESIGN.md's, each ≥ 0); none by default. */
    public Builder lambdas(double... values) {
      lambdas = values.clone();
      return this;
    }

    /** The dropout rates of the grid, each in [0, 1) (default: 0 alone). */
    public Builder dropouts(double... values) {
      dropouts = values.clone();
      return this;
    }

    /** The seeds of the grid (default: 0 alone). */
    public Builder seeds(long... values) {
      seeds = values.clone();
      return this;
    }

    /** These settings instead of the grid of λ, dropout rates and seeds. */
    public Builder settings(List<SweepSetting> values) {
      explicit = Optional.of(List.copyOf(values));
      return this;
    }

    /** Widths of the hidden ReLU layers, input side first (default 256, 128). */
    public Builder hiddenLayers(int... widths) {
      mlp.hiddenLayers(widths);
      return this;
    }

    /** Epochs per setting (default 10). */
    public Builder epochs(int value) {
      mlp.epochs(value);
      return this;
    }

    /** Mini-batch size (default 128). */
    public Builder batchSize(int value) {
      mlp.batchSize(value);
      return this;
    }

    /** SGD's learning rate (default 0.05). */
    public Builder learningRate(double value) {
      mlp.learningRate(value);
      return this;
    }

    /** SGD's (heavy-ball) momentum (default 0.9). */
    public Builder momentum(double value) {
      mlp.momentum(value);
      return this;
    }

    /** Threads per task, ≥ 1 (default 1: see the class comment). */
    public Builder threadsPerTask(int value) {
      threadsPerTask = value;
      return this;
    }

    /**
     * Also save each setting's model, in the project's model format (docs/model-files.md), as
     * {@code directory/lambda-L_dropout-D_seed-S.model} on the driver's file system.
     */
    public Builder saveModels(Path directory) {
      modelDirectory = Optional.of(directory);
      return this;
    }

    /**
     * The sweep.
     *
     * @throws InputException when the grid is empty or a setting is out of range (named)
     * @throws IllegalArgumentException naming the first invalid recipe setting
     */
    public SparkSweep build() {
      List<SweepSetting> grid = new ArrayList<>();
      if (explicit.isPresent()) {
        grid.addAll(explicit.get());
      } else {
        for (double lambda : lambdas) {
          for (double dropout : dropouts) {
            for (long seed : seeds) {
              grid.add(new SweepSetting(lambda, dropout, seed));
            }
          }
        }
      }
      if (grid.isEmpty()) {
        throw new InputException("the sweep's grid is empty (" + lambdas.length + " λ, "
            + dropouts.length + " dropout rates, " + seeds.length + " seeds): give at least "
            + "one of each");
      }
      if (threadsPerTask < 1) {
        throw new IllegalArgumentException("threadsPerTask must be ≥ 1, got " + threadsPerTask);
      }
      Recipe recipe = new Recipe(mlp.build(), threadsPerTask, modelDirectory.isPresent());
      for (SweepSetting s : grid) {
        recipe.estimator(s); // the core validates the recipe with each setting
      }
      return new SparkSweep(grid, recipe, modelDirectory);
    }
  }

  @Override
  public String toString() {
    return "SparkSweep[" + settings.size() + " settings, hidden " + recipe.mlp().hidden() + ", "
        + recipe.mlp().epochs() + " epochs]";
  }
}
