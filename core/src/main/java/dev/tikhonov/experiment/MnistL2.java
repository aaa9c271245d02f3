package dev.tikhonov.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.LayerWeights;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.experiment.Stats;
import dev.tikhonov.internal.report.MeanStd;
import dev.tikhonov.internal.report.TextColumns;
import dev.tikhonov.internal.tensor.ArrayText;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.report.Histogram;
import dev.tikhonov.report.RunInfo;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.ParallelRuns;
import dev.tikhonov.train.TrainResult;
import dev.tikhonov.train.TrainingListener;
import dev.tikhonov.train.TrainingState;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment that motivates the project: an MLP 784-256-128-10 (ReLU, softmax
 * cross-entropy) on real MNIST digits, trained with L2 strength λ over a grid, and with dropout
 * with and without L2, over several seeds; mean ± std of test accuracy and loss per row.
 *
 * <p>λ is docs/objective.md's: the penalty {@code (λ/2)Σ‖W‖²} on the three weight matrices is added
 * to the mean cross-entropy, which is exactly PyTorch's {@code SGD(weight_decay=λ)} on the weights
 * as in {@code shared/peers/torch_mlp.py}. The default recipe is that script's: SGD, momentum 0.9,
 * learning rate 0.05, batch 128, 10 epochs, PyTorch's default initialization, pixels in [0, 1]. Not
 * for concurrent use: {@code run} trains its runs side by side through ParallelRuns, one of which
 * may run at a time per process (OpenBLAS's thread count is process-wide); the listener's calls
 * never overlap.
 */
public final class MnistL2 {
  private MnistL2() {}

  /**
   * The training recipe of one network of the experiment, λ, dropout and seed aside: an MLP
   * with ReLU hidden layers of widths {@code hidden} and a softmax output, PyTorch's default
   * initialization, trained by SGD with heavy-ball momentum on mini-batches for {@code epochs}
   * epochs, on docs/objective.md's objective with α = 0,
   *
   * <pre>    J(θ) = −(1/n) Σᵢ log p(yᵢ|xᵢ; θ) + (λ/2) Σ_layers ‖W‖²</pre>
   *
   * <p>(the weights only: PyTorch's {@code SGD(weight_decay=λ)} on the weights). The Spark sweep
   * trains with it too. Immutable (the list is copied) and serializable, so thread-safe; the
   * settings are checked when {@link #estimator} builds an estimator from them.
   *
   * @param epochs passes over the training rows
   * @param batchSize rows per mini-batch
   * @param learningRate SGD's learning rate
   * @param momentum SGD's heavy-ball momentum
   * @param hidden the hidden layers' widths, input side first
   */
  public record Recipe(
      int epochs,
      @JsonProperty("batch_size") int batchSize,
      @JsonProperty("learning_rate") double learningRate,
      double momentum,
      List<Integer> hidden) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Recipe {
      hidden = List.copyOf(hidden);
    }

    /**
     * {@code shared/peers/torch_mlp.py}'s: hidden layers 256 and 128, SGD with learning rate
     * 0.05 and momentum 0.9, batches of 128, 10 epochs.
     */
    public static Recipe standard() {
      return new Recipe(10, 128, 0.05, 0.9, List.of(256, 128));
    }

    /**
     * One run's estimator: this recipe with L2 strength {@code lambda}, inverted dropout
     * {@code dropout} after each hidden layer, and {@code seed}.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public MlpClassifier estimator(double lambda, double dropout, long seed) {
      return MlpClassifier.builder()
          .hiddenLayers(hidden.stream().mapToInt(Integer::intValue).toArray())
          .dropout(dropout)
          .lambda(lambda)
          .optimizer(Optimizers.sgd(learningRate).momentum(momentum))
          .epochs(epochs)
          .batchSize(batchSize)
          .seed(seed)
          .build();
    }

    /** A builder that starts from this recipe. */
    public Builder toBuilder() {
      return new Builder(this);
    }

    /** Named settings of a {@link Recipe}. Not thread-safe; what it builds is immutable. */
    public static final class Builder {
      private int epochs;
      private int batchSize;
      private double learningRate;
      private double momentum;
      private List<Integer> hidden;

      private Builder(Recipe from) {
        epochs = from.epochs;
        batchSize = from.batchSize;
        learningRate = from.learningRate;
        momentum = from.momentum;
        hidden = from.hidden;
      }

      /** Passes over the training rows. */
      public Builder epochs(int value) {
        epochs = value;
        return this;
      }

      /** Rows per mini-batch. */
      public Builder batchSize(int value) {
        batchSize = value;
        return this;
      }

      /** SGD's learning rate. */
      public Builder learningRate(double value) {
        learningRate = value;
        return this;
      }

      /** SGD's heavy-ball momentum. */
      public Builder momentum(double value) {
        momentum = value;
        return this;
      }

      /** Widths of the hidden ReLU layers, input side first. */
      public Builder hiddenLayers(int... widths) {
        hidden = java.util.Arrays.stream(widths).boxed().toList();
        return this;
      }

      /** The recipe it started from ({@link Recipe#toBuilder()}) with the settings changed. */
      public Recipe build() {
        return new Recipe(epochs, batchSize, learningRate, momentum, hidden);
      }
    }
  }

  /**
   * The experiment's settings: its grid of rows and seeds, and the {@link Recipe} every run
   * trains with (in JSON, the recipe's fields sit beside the grid's). Immutable (the lists are
   * copied), so thread-safe.
   *
   * @param lambdas λ values for the rows without dropout
   * @param dropout dropout rate of the dropout rows
   * @param dropoutLambdas λ values for the dropout rows (0 = dropout alone)
   * @param seeds one run per seed per row
   * @param recipe how each run trains its network
   */
  public record Settings(
      List<Double> lambdas,
      double dropout,
      @JsonProperty("dropout_lambdas") List<Double> dropoutLambdas,
      List<Long> seeds,
      @JsonUnwrapped Recipe recipe) {
    public Settings {
      lambdas = List.copyOf(lambdas);
      dropoutLambdas = List.copyOf(dropoutLambdas);
      seeds = List.copyOf(seeds);
      java.util.Objects.requireNonNull(recipe, "recipe");
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("at least one seed is needed");
      }
      for (double l : lambdas) {
        if (!(l >= 0) || Double.isInfinite(l)) {
          throw new IllegalArgumentException("lambdas must be finite numbers >= 0, got " + l);
        }
      }
      // A value twice is one row (or seed) shown, or averaged, as two.
      requireDistinct("lambdas", lambdas);
      requireDistinct("dropout_lambdas", dropoutLambdas);
      requireDistinct("seeds", seeds);
    }

    private static void requireDistinct(String name, List<?> values) {
      // Numbers compared as numbers: the Double -0.0 is not equal() to 0.0, but the same λ.
      dev.tikhonov.internal.data.Repeats.first(values, v -> v instanceof Double d ? d + 0.0 : v)
          .ifPresent(twice -> {
            throw new IllegalArgumentException(name + " must be distinct; " + twice);
          });
    }

    /**
     * λ ∈ {0} ∪ {1e-5, 3e-5, 1e-4, …, 0.1, 0.3, 1} (which holds 0.01, 0.1 and 1), dropout 0.2
     * alone and with λ = 1e-4, seeds 0, 1, 2, the standard recipe (10 epochs).
     */
    public static Settings full() {
      List<Double> lambdas = new ArrayList<>(List.of(0.0));
      for (int e = -5; e <= 0; e++) {
        lambdas.add(Math.pow(10, e));
        if (e < 0) {
          lambdas.add(Double.parseDouble(String.format(Locale.ROOT, "%.0e", 3 * Math.pow(10, e))));
        }
      }
      return new Settings(lambdas, 0.2, List.of(0.0, 1e-4), List.of(0L, 1L, 2L),
          Recipe.standard());
    }

    /**
     * λ ∈ {0, 0.01, 0.1, 1}, dropout 0.2 alone and with λ = 1e-4, two seeds, the standard
     * recipe with 5 epochs.
     */
    public static Settings quick() {
      return new Settings(List.of(0.0, 0.01, 0.1, 1.0), 0.2, List.of(0.0, 1e-4),
          List.of(0L, 1L), Recipe.standard().toBuilder().epochs(5).build());
    }

    int runs() {
      return (lambdas.size() + dropoutLambdas.size()) * seeds.size();
    }
  }

  /**
   * One row of the results table (docs/formats.md). Immutable ({@code layerWeightNormsMean},
   * one number per layer, is copied in and out), so thread-safe.
   * {@code epochSecondsMean} is the mean over the seeds of each run's median epoch wall time
   * (the median leaves out the JVM's warm-up in the first runs' first epochs). The standard
   * deviations are over the seeds with divisor seeds − 1, NaN (null in results.json, an empty
   * cell in results.csv) for one seed.
   *
   * @param lambda λ of the coupled L2 penalty (DESIGN.md's objective, α = 0)
   * @param dropout the dropout probability after each hidden ReLU (0 = none)
   * @param weightDecay the decoupled weight decay d (0 = none)
   * @param seeds the number of seeds (runs) the row aggregates
   * @param testAccuracyMean the mean test accuracy, in [0, 1]
   * @param testAccuracyStd its standard deviation over the seeds
   * @param testLossMean the mean test cross-entropy (mean over rows, no penalty)
   * @param testLossStd its standard deviation over the seeds
   * @param trainLossMean the mean training cross-entropy of the final weights (no penalty)
   * @param weightNormMean the mean ‖w‖₂ over all weight matrices (biases excluded)
   * @param layerWeightNormsMean the mean ‖W_l‖_F of each weight matrix, first layer first
   * @param epochSecondsMean the mean over the seeds of each run's median epoch wall time, s
   */
  public record Row(
      double lambda,
      double dropout,
      @JsonProperty("weight_decay") double weightDecay,
      int seeds,
      @JsonProperty("test_accuracy_mean") double testAccuracyMean,
      @JsonProperty("test_accuracy_std") @JsonSerialize(using = Json.NullForNaN.class)
      double testAccuracyStd,
      @JsonProperty("test_loss_mean") double testLossMean,
      @JsonProperty("test_loss_std") @JsonSerialize(using = Json.NullForNaN.class)
      double testLossStd,
      @JsonProperty("train_loss_mean") double trainLossMean,
      @JsonProperty("weight_norm_mean") double weightNormMean,
      @JsonProperty("layer_weight_norms_mean") double[] layerWeightNormsMean,
      @JsonProperty("epoch_seconds_mean") double epochSecondsMean) {
    public Row {
      layerWeightNormsMean = layerWeightNormsMean.clone();
    }

    /** Mean ‖W_l‖_F of each weight matrix, first layer first; a new array. */
    @Override
    @JsonProperty("layer_weight_norms_mean")
    public double[] layerWeightNormsMean() {
      return layerWeightNormsMean.clone();
    }

    /**
     * "Row[λ = 0.01, dropout 0, decay 0, 3 seeds, test accuracy 0.9500 ± 0.002000, test loss …,
     * layer weight norms: 3 values from … to …]".
     */
    @Override
    public String toString() {
      return "Row[λ = " + ArrayText.number(lambda) + ", dropout " + ArrayText.number(dropout)
          + ", decay " + ArrayText.number(weightDecay) + ", " + seeds + " seeds, test accuracy "
          + ArrayText.number(testAccuracyMean) + " ± " + ArrayText.number(testAccuracyStd)
          + ", test loss " + ArrayText.number(testLossMean) + " ± "
          + ArrayText.number(testLossStd) + ", layer weight norms: "
          + ArrayText.range(layerWeightNormsMean) + "]";
    }

    String label() {
      return (dropout > 0 ? "dropout=" + dropout + "," : "") + "lambda=" + lambda;
    }
  }

  /** One run of the experiment: 1-based index in the printed order, its row and seed. */
  private record RunSpec(int index, double lambda, double dropout, long seed) {
    String label() {
      return (dropout > 0 ? "dropout " + Digits.few(dropout) + ", " : "") + "λ="
          + Digits.few(lambda) + ", seed " + seed;
    }

    String directory() {
      return dev.tikhonov.report.LambdaRow.runDirectory(lambda, dropout);
    }
  }

  /**
   * A setting (row) whose training diverged ({@link DivergenceException}) on one of its seeds: it
   * has no row, as a mean over the seeds that did not diverge would not be the same row. The first
   * seed, in the order given, that diverged. An immutable value; thread-safe.
   *
   * @param lambda the row's λ
   * @param dropout its dropout rate
   * @param seed the seed whose run diverged
   * @param epoch the epoch at which it diverged, 1-based
   * @param batch the batch of that epoch, 1-based
   * @param message the trainer's description ("training diverged at epoch …")
   */
  public record Diverged(double lambda, double dropout, long seed, int epoch, int batch,
      String message) {
    /** "dropout 0.2, λ=1e+06, seed 0". */
    public String label() {
      return new RunSpec(0, lambda, dropout, seed).label();
    }
  }

  /**
   * What a sweep of {@code settings} settings throws when every one diverged (there is no row
   * to show): "the only setting diverged" or "all N settings diverged", then the first's label
   * and message, at its epoch and batch.
   */
  public static DivergenceException allDiverged(int settings, Diverged first) {
    return new DivergenceException((settings == 1 ? "the only setting diverged"
        : "all " + settings + " settings diverged") + "; the first: " + first.label() + ": "
        + first.message(), first.epoch(), first.batch());
  }

  /**
   * What the experiment found: the rows of the settings whose runs all finished, in the settings'
   * order, and the settings that diverged. Immutable (the lists are copied); thread-safe.
   *
   * @param rows one per setting that did not diverge, mean ± std over its seeds
   * @param diverged one per setting that diverged on some seed; empty when none did
   */
  public record Results(List<Row> rows, List<Diverged> diverged) {
    public Results {
      rows = List.copyOf(rows);
      diverged = List.copyOf(diverged);
    }
  }

  /** One run: what it measured, or the divergence that stopped it. */
  private record RunResult(Optional<RunOutcome> outcome,
      Optional<DivergenceException> divergence) {}

  /**
   * A run's typical epoch time: the median of its epochs' wall times. The first runs of a
   * process carry the JVM's warm-up (class loading, the JIT's compilations) in their first one
   * or two epochs, which made the first settings' mean up to half again as long as the same
   * settings run later (λ = 0: 0.067 s against 0.045) though nothing about λ costs time; the
   * median is the steady epoch. 0 for a run without epochs.
   */
  static double typicalEpochSeconds(double[] epochSeconds) {
    if (epochSeconds.length == 0) {
      return 0;
    }
    double[] sorted = epochSeconds.clone();
    java.util.Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  /** What the table and the files need from one run (the model itself is not kept). */
  private record RunOutcome(double testAccuracy, double testLoss, double trainLoss,
      double weightNorm, double epochSeconds, double[] layerNorms, float[] firstLayer,
      TrainResult result) {}

  /**
   * Runs every row and seed, writes the result files into {@code out}, returns the rows.
   *
   * <p>The runs are independent, so they run side by side, one per thread
   * ({@link ParallelRuns}, {@link Blas#threads()} at a time), each on one thread: every run is
   * bit for bit the same run alone at one thread, so the results do not depend on the thread
   * count (docs/performance.md has why this beats splitting each run's small batches between
   * the cores). {@code listener}'s calls never overlap; its per-epoch calls follow one run at a
   * time.
   *
   * <p>A setting whose training diverges on some seed ({@link DivergenceException}) is a failed
   * setting, not a failed experiment: the other runs go on, it gets no row and is listed in
   * {@link Results#diverged()} (and in experiment.json), and the other rows are exactly what
   * they are without it. Only when every setting diverges does {@code run} throw a
   * {@link DivergenceException}, saying so.
   */
  public static Results run(TrainTest data, Settings settings, RunWriter out,
      ExperimentListener listener) {
    List<double[]> configs = new ArrayList<>();
    for (double l : settings.lambdas()) {
      configs.add(new double[] {l, 0});
    }
    for (double l : settings.dropoutLambdas()) {
      configs.add(new double[] {l, settings.dropout()});
    }
    List<RunSpec> runs = new ArrayList<>();
    for (double[] config : configs) {
      for (long seed : settings.seeds()) {
        runs.add(new RunSpec(runs.size() + 1, config[0], config[1], seed));
      }
    }
    int total = runs.size();
    OneAtATime progress = new OneAtATime(listener);
    List<RunResult> results = ParallelRuns.map(runs,
        r -> runOne(data, settings, r, total, progress), Blas.threads());

    List<Row> rows = new ArrayList<>();
    List<Diverged> diverged = new ArrayList<>();
    List<float[]> firstLayers = new ArrayList<>();
    int seeds = settings.seeds().size();
    for (int c = 0; c < configs.size(); c++) {
      List<RunResult> own = results.subList(c * seeds, (c + 1) * seeds);
      Optional<Diverged> failed = Optional.empty();
      for (int k = 0; k < seeds && failed.isEmpty(); k++) {
        RunSpec r = runs.get(c * seeds + k);
        failed = own.get(k).divergence().map(d -> new Diverged(r.lambda(), r.dropout(),
            r.seed(), d.epoch(), d.batch(), d.getMessage()));
      }
      if (failed.isPresent()) {
        diverged.add(failed.get());
        continue;
      }
      List<RunOutcome> mine = own.stream().map(x -> x.outcome().orElseThrow()).toList();
      double[] layerNorms = new double[mine.get(0).layerNorms().length];
      for (RunOutcome o : mine) {
        for (int w = 0; w < layerNorms.length; w++) {
          layerNorms[w] += o.layerNorms()[w] / seeds;
        }
      }
      for (int k = 0; k < seeds; k++) {
        RunSpec r = runs.get(c * seeds + k);
        out.history(Path.of("runs", r.directory(), "seed-" + r.seed()),
            mine.get(k).result().history());
      }
      Stats a = Stats.of(mine.stream().map(RunOutcome::testAccuracy).toList());
      Stats l = Stats.of(mine.stream().map(RunOutcome::testLoss).toList());
      rows.add(new Row(configs.get(c)[0], configs.get(c)[1], 0, seeds, a.mean(), a.std(),
          l.mean(), l.std(), Stats.of(mine.stream().map(RunOutcome::trainLoss).toList()).mean(),
          Stats.of(mine.stream().map(RunOutcome::weightNorm).toList()).mean(), layerNorms,
          Stats.of(mine.stream().map(RunOutcome::epochSeconds).toList()).mean()));
      firstLayers.add(mine.get(0).firstLayer());
    }
    if (rows.isEmpty()) {
      throw allDiverged(configs.size(), diverged.get(0));
    }
    writeResults(out, settings, rows, diverged, firstLayers);
    return new Results(rows, diverged);
  }

  private static RunResult runOne(TrainTest data, Settings settings, RunSpec r, int total,
      OneAtATime progress) {
    String label = r.label();
    TrainingListener training = progress.started(r.index(), total, label);
    try {
      NetworkClassifier model = settings.recipe().estimator(r.lambda(), r.dropout(), r.seed())
          .fit(data.train(), data.test(), training);
      ClassifierEvaluation test = model.evaluate(data.test());
      double trainLoss = model.evaluate(data.train()).loss();
      TrainResult result = model.training().orElseThrow();
      double epochSeconds = typicalEpochSeconds(result.history().epochs().stream()
          .mapToDouble(e -> e.seconds()).toArray());
      List<LayerWeights> layers = model.layers();
      double[] layerNorms = new double[layers.size()];
      for (int w = 0; w < layers.size(); w++) {
        layerNorms[w] = layers.get(w).norm();
      }
      // only the first seed's first layer goes into the histograms
      float[] firstLayer = r.seed() == settings.seeds().get(0) ? layers.get(0).weight() : null;
      progress.finished(r.index(), total, String.format(Locale.ROOT,
          "%s: test accuracy %.4f, test loss %.4f", label, test.accuracy(),
          test.loss()));
      return new RunResult(Optional.of(new RunOutcome(test.accuracy(), test.loss(),
          trainLoss, model.weightNorm(), epochSeconds, layerNorms, firstLayer, result)),
          Optional.empty());
    } catch (DivergenceException e) {
      progress.finished(r.index(), total, label + ": diverged at epoch " + e.epoch());
      return new RunResult(Optional.empty(), Optional.of(e));
    } finally {
      progress.release(r.index());
    }
  }

  /**
   * The experiment's listener for runs that go side by side: calls never overlap, and the
   * per-epoch calls of one run at a time reach it (the first run to start while no other is
   * shown), so a progress bar follows one run instead of mixing several.
   */
  private static final class OneAtATime {
    private final ExperimentListener listener;
    private int shown = -1;

    OneAtATime(ExperimentListener listener) {
      this.listener = listener;
    }

    synchronized TrainingListener started(int index, int total, String label) {
      listener.runStarted(index, total, label);
      if (shown >= 0) {
        return TrainingListener.none();
      }
      shown = index;
      TrainingListener inner = listener.training();
      return new TrainingListener() {
        @Override
        public void onStart(int epochs, int batchesPerEpoch) {
          synchronized (OneAtATime.this) {
            inner.onStart(epochs, batchesPerEpoch);
          }
        }

        @Override
        public void onBatch(int epoch, int batch, double loss) {
          synchronized (OneAtATime.this) {
            inner.onBatch(epoch, batch, loss);
          }
        }

        @Override
        public void onEpoch(EpochRecord record) {
          synchronized (OneAtATime.this) {
            inner.onEpoch(record);
          }
        }

        @Override
        public void onEpochEnd(TrainingState state) {
          synchronized (OneAtATime.this) {
            inner.onEpochEnd(state);
          }
        }
      };
    }

    synchronized void finished(int index, int total, String summary) {
      listener.runFinished(index, total, summary);
    }

    synchronized void release(int index) {
      if (shown == index) {
        shown = -1;
      }
    }
  }

  private static void writeResults(RunWriter out, Settings settings, List<Row> rows,
      List<Diverged> diverged, List<float[]> firstLayers) {
    Map<String, Object> experiment = new LinkedHashMap<>();
    experiment.put("name", "mnist-l2");
    experiment.put("settings", settings);
    experiment.put("objective", RunInfo.OBJECTIVE);
    Recipe recipe = settings.recipe();
    experiment.put("recipe", "SGD, momentum " + recipe.momentum() + ", learning rate "
        + recipe.learningRate() + ", batch " + recipe.batchSize() + ", "
        + recipe.epochs() + " epochs, PyTorch default init, pixels/255; L2 = (λ/2)Σ‖W‖² on"
        + " weights only (= torch SGD weight_decay=λ on the weights)");
    experiment.put("diverged", diverged);
    out.json("experiment.json", experiment);
    out.json("results.json", rows);
    out.text("results.csv", resultsCsv(rows));
    double bound = 1e-12;
    for (float[] w : firstLayers) {
      for (float v : w) {
        bound = Math.max(bound, Math.abs(v));
      }
    }
    double[] edges = Histogram.symmetricEdges(bound, 60);
    List<Map<String, Object>> hist = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("lambda", rows.get(r).lambda());
      h.put("dropout", rows.get(r).dropout());
      h.put("counts", Histogram.count(firstLayers.get(r), edges));
      hist.add(h);
    }
    out.json("histograms.json", Json.object("edges", edges, "rows", hist));
  }

  /**
   * The experiment's results.csv (docs/formats.md): a header, then one record per row with the
   * columns of {@link Row} but the layer norms, RFC 4180 through {@link CsvWriter}; the Spark
   * sweep writes its table with it too.
   */
  public static String resultsCsv(List<Row> rows) {
    CsvWriter csv = new CsvWriter().row("lambda", "dropout",
        "weight_decay", "seeds", "test_accuracy_mean", "test_accuracy_std", "test_loss_mean",
        "test_loss_std", "train_loss_mean", "weight_norm_mean", "epoch_seconds_mean");
    for (Row r : rows) {
      csv.row(String.valueOf(r.lambda()), String.valueOf(r.dropout()),
          String.valueOf(r.weightDecay()), String.valueOf(r.seeds()),
          String.valueOf(r.testAccuracyMean()), Stats.cell(r.testAccuracyStd()),
          String.valueOf(r.testLossMean()), Stats.cell(r.testLossStd()),
          String.valueOf(r.trainLossMean()), String.valueOf(r.weightNormMean()),
          String.valueOf(r.epochSecondsMean()));
    }
    return csv.toString();
  }

  /**
   * The printed table: one line per row, mean ± std over seeds, then one line per setting that
   * diverged ("diverged (seed 0, epoch 1)"). Each column is as wide as its widest entry.
   */
  public static String table(Results results) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(List.of("lambda", "dropout", "seeds", "test accuracy", "test loss", "train loss",
        "‖w‖₂"));
    for (Row r : results.rows()) {
      // Rounded as the HTML report rounds them (MeanStd), so the two show the same digits.
      lines.add(List.of(Digits.few(r.lambda()), Digits.few(r.dropout()),
          String.valueOf(r.seeds()), MeanStd.format(r.testAccuracyMean(), r.testAccuracyStd()),
          MeanStd.format(r.testLossMean(), r.testLossStd()),
          String.format(Locale.ROOT, "%.4f", r.trainLossMean()),
          String.format(Locale.ROOT, "%.2f", r.weightNormMean())));
    }
    for (Diverged d : results.diverged()) {
      lines.add(List.of(Digits.few(d.lambda()), Digits.few(d.dropout()), String.format(
          Locale.ROOT, "diverged (seed %d, epoch %d)", d.seed(), d.epoch())));
    }
    return TextColumns.format(new int[] {8, 8, 6, 18, 18, 10}, lines);
  }

  /** The printed table: one line per row, mean ± std over seeds. */
  public static String table(List<Row> rows) {
    return table(new Results(rows, List.of()));
  }
}
