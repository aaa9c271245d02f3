package dev.tikhonov.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.LambdaGrid;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.MlpPath;
import dev.tikhonov.estimate.MlpPathCV;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.estimate.SearchListener;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.experiment.Stats;
import dev.tikhonov.internal.report.MeanStd;
import dev.tikhonov.internal.report.SelectionFiles;
import dev.tikhonov.report.RunInfo;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.Curvature;
import dev.tikhonov.select.EvidenceCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Choosing λ for an MLP the way glmnet chooses it for a linear model, against the way it is
 * usually done: on each data set, the warm-started path with K-fold cross-validation and the
 * one-SE rule ({@link MlpPathCV}, {@link MlpPath.Start#WARM}) next to the cold grid over the
 * same λ (every (fold, λ) a fresh fit with the full budget) and, to show why the direction
 * matters, the warm path in glmnet's order (from the largest λ down). For each: the λ picked
 * (λ_min, λ_1se, the rule's), the wall time of the whole selection including the final model,
 * and the test accuracy of the model at the chosen λ, refitted with several seeds (the spread
 * is the seed noise). The last-layer evidence along the warm all-rows path gives a third λ.
 * An untimed, shortened run of every method comes first, so that no method's time holds the
 * JVM's warm-up.
 *
 * <p>λ is docs/objective.md's: mean cross-entropy + (λ/2)Σ‖W‖² on the weights (α = 0), PyTorch's
 * {@code SGD(weight_decay=λ)}. The recipe is mnist-l2's: SGD with momentum, PyTorch's default
 * initialization, pixels in [0, 1]. Not for concurrent use: {@code run}'s fits run side by side
 * through ParallelRuns, one of which may run at a time per process (OpenBLAS's thread count is
 * process-wide). The listener's calls never overlap, but {@code runFinished} may come from the fit
 * threads.
 */
public final class MnistSelect {
  private MnistSelect() {}

  /** How a method searches the grid. Thread-safe, as enum constants are. */
  public enum Method {
    /** Warm starts from the smallest λ up. */
    WARM("warm", MlpPath.Start.WARM, MlpPath.Direction.INCREASING_LAMBDA),
    /** A fresh fit with the full budget at every (split, λ). */
    COLD("cold", MlpPath.Start.COLD, MlpPath.Direction.INCREASING_LAMBDA),
    /** Warm starts from the largest λ down (glmnet's order). */
    WARM_DECREASING("warm-decreasing", MlpPath.Start.WARM, MlpPath.Direction.DECREASING_LAMBDA);

    final String id;
    final MlpPath.Start start;
    final MlpPath.Direction direction;

    Method(String id, MlpPath.Start start, MlpPath.Direction direction) {
      this.id = id;
      this.start = start;
      this.direction = direction;
    }

    /** The name in settings, flags and results.json: "warm", "cold" or "warm-decreasing". */
    public String id() {
      return id;
    }

    /** The method whose {@link #id()} is {@code id}. */
    public static Method byId(String id) {
      for (Method m : values()) {
        if (m.id.equals(id)) {
          return m;
        }
      }
      throw new IllegalArgumentException("methods must be warm, cold or warm-decreasing, got '"
          + id + "'");
    }
  }

  /**
   * The experiment's settings: the training recipe of every fit ({@link MnistL2.Recipe}, with λ
   * the path's and no dropout; in JSON its fields sit beside the others), the λ grid, the
   * cross-validation and early stopping, the seeds of the refits and the methods. Made by
   * {@link #full()} or {@link #quick()} and changed by name through {@link #toBuilder()}.
   * Immutable (the lists are copied), so thread-safe.
   */
  @JsonPropertyOrder({"recipe", "warm_epochs", "num_lambdas", "min_lambda", "folds", "fold_seed",
      "patience", "validation_fraction", "rule", "seeds", "methods", "evidence", "train_rows"})
  public static final class Settings {
    /** The fewest training rows per fold a subset may leave ({@code trainRows}). */
    public static final int MIN_ROWS_PER_FOLD = 10;

    private final MnistL2.Recipe recipe;
    private final int warmEpochs;
    private final int numLambdas;
    private final double minLambda;
    private final int folds;
    private final long foldSeed;
    private final int patience;
    private final double validationFraction;
    private final String rule;
    private final List<Long> seeds;
    private final List<String> methods;
    private final boolean evidence;
    private final int trainRows;

    private Settings(Builder b) {
      recipe = java.util.Objects.requireNonNull(b.recipe, "recipe");
      warmEpochs = b.warmEpochs;
      numLambdas = b.numLambdas;
      minLambda = b.minLambda;
      folds = b.folds;
      foldSeed = b.foldSeed;
      patience = b.patience;
      validationFraction = b.validationFraction;
      rule = java.util.Objects.requireNonNull(b.rule, "rule");
      seeds = List.copyOf(b.seeds);
      methods = List.copyOf(b.methods);
      evidence = b.evidence;
      trainRows = b.trainRows;
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("seeds must hold at least one seed");
      }
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("methods must name at least one method");
      }
      methods.forEach(Method::byId);
      if (!rule.equals("1se") && !rule.equals("min")) {
        throw new IllegalArgumentException("rule must be 1se or min, got " + rule);
      }
      // each fold's training part holds out a validation split and should see every digit:
      // with fewer rows the fits fail deep inside with advice about settings this experiment
      // does not have
      if (trainRows < 0 || (trainRows > 0 && trainRows < MIN_ROWS_PER_FOLD * folds)) {
        throw new IllegalArgumentException("trainRows must be 0 (all rows) or at least "
            + MIN_ROWS_PER_FOLD + " per fold (" + MIN_ROWS_PER_FOLD * folds + " with " + folds
            + " folds), got " + trainRows);
      }
    }

    /**
     * MLP 784-256-128-10 with mnist-l2's standard recipe (10 epochs; 3 per warm λ), 13 λ from
     * λ_max to 1e-6, 5 folds, patience 2 on a 10 % split, the one-SE rule, seeds 0, 1, 2, all
     * three methods, the evidence.
     */
    public static Settings full() {
      Builder b = new Builder();
      b.recipe = MnistL2.Recipe.standard();
      b.warmEpochs = 3;
      b.numLambdas = 13;
      b.minLambda = 1e-6;
      b.folds = 5;
      b.foldSeed = 0;
      b.patience = 2;
      b.validationFraction = 0.1;
      b.rule = "1se";
      b.seeds = List.of(0L, 1L, 2L);
      b.methods = List.of("warm", "cold", "warm-decreasing");
      b.evidence = true;
      b.trainRows = 0;
      return b.build();
    }

    /** A minute's version: MLP 784-64-10, 4 epochs (2 warm), 7 λ, 3 folds, 2,000 rows. */
    public static Settings quick() {
      return full().toBuilder()
          .recipe(MnistL2.Recipe.standard().toBuilder().hiddenLayers(64).epochs(4).build())
          .warmEpochs(2).numLambdas(7).minLambda(1e-5).folds(3, 0).seeds(List.of(0L, 1L))
          .methods(List.of("warm", "cold")).trainRows(2000).build();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
      return new Builder(this);
    }

    /**
     * How each fit trains: hidden widths, the full budget of epochs (the first λ of a warm
     * path, every cold fit), batch size, SGD's learning rate and momentum.
     */
    @JsonUnwrapped
    public MnistL2.Recipe recipe() {
      return recipe;
    }

    /** The budget of each later λ of a warm path. */
    @JsonProperty("warm_epochs")
    public int warmEpochs() {
      return warmEpochs;
    }

    /** λ values, from λ_max down to {@link #minLambda()}. */
    @JsonProperty("num_lambdas")
    public int numLambdas() {
      return numLambdas;
    }

    /** The grid's smallest λ. */
    @JsonProperty("min_lambda")
    public double minLambda() {
      return minLambda;
    }

    /** K of the cross-validation. */
    @JsonProperty("folds")
    public int folds() {
      return folds;
    }

    /** The seed of the folds. */
    @JsonProperty("fold_seed")
    public long foldSeed() {
      return foldSeed;
    }

    /** Early stopping on the validation split after this many epochs without gain (0 = off). */
    @JsonProperty("patience")
    public int patience() {
      return patience;
    }

    /** Rows of each training part held out for early stopping. */
    @JsonProperty("validation_fraction")
    public double validationFraction() {
      return validationFraction;
    }

    /** The selection rule: "1se" or "min". */
    @JsonProperty("rule")
    public String rule() {
      return rule;
    }

    /** The chosen λ's model is refitted with each (the first is the selection's own). */
    @JsonProperty("seeds")
    public List<Long> seeds() {
      return seeds;
    }

    /** Which methods to run, in order ({@link Method#id()}s). */
    @JsonProperty("methods")
    public List<String> methods() {
      return methods;
    }

    /** Whether to compute the last-layer evidence along the warm all-rows path. */
    @JsonProperty("evidence")
    public boolean evidence() {
      return evidence;
    }

    /**
     * Use the first this many training rows of each data set (0 = all; else at least
     * {@link #MIN_ROWS_PER_FOLD} per fold).
     */
    @JsonProperty("train_rows")
    public int trainRows() {
      return trainRows;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Settings t && recipe.equals(t.recipe) && warmEpochs == t.warmEpochs
          && numLambdas == t.numLambdas && Double.compare(minLambda, t.minLambda) == 0
          && folds == t.folds && foldSeed == t.foldSeed && patience == t.patience
          && Double.compare(validationFraction, t.validationFraction) == 0
          && rule.equals(t.rule) && seeds.equals(t.seeds) && methods.equals(t.methods)
          && evidence == t.evidence && trainRows == t.trainRows;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(recipe, warmEpochs, numLambdas, minLambda, folds, foldSeed,
          patience, validationFraction, rule, seeds, methods, evidence, trainRows);
    }

    @Override
    public String toString() {
      return "Settings[recipe=" + recipe + ", warmEpochs=" + warmEpochs + ", numLambdas="
          + numLambdas + ", minLambda=" + minLambda + ", folds=" + folds + ", foldSeed="
          + foldSeed + ", patience=" + patience + ", validationFraction=" + validationFraction
          + ", rule=" + rule + ", seeds=" + seeds + ", methods=" + methods + ", evidence="
          + evidence + ", trainRows=" + trainRows + "]";
    }

    /** Named settings of {@link Settings}. Not thread-safe; what it builds is immutable. */
    public static final class Builder {
      private MnistL2.Recipe recipe;
      private int warmEpochs;
      private int numLambdas;
      private double minLambda;
      private int folds;
      private long foldSeed;
      private int patience;
      private double validationFraction;
      private String rule;
      private List<Long> seeds;
      private List<String> methods;
      private boolean evidence;
      private int trainRows;

      private Builder() {}

      private Builder(Settings from) {
        recipe = from.recipe;
        warmEpochs = from.warmEpochs;
        numLambdas = from.numLambdas;
        minLambda = from.minLambda;
        folds = from.folds;
        foldSeed = from.foldSeed;
        patience = from.patience;
        validationFraction = from.validationFraction;
        rule = from.rule;
        seeds = from.seeds;
        methods = from.methods;
        evidence = from.evidence;
        trainRows = from.trainRows;
      }

      /** How each fit trains (hidden widths, full epoch budget, batch, learning rate, momentum). */
      public Builder recipe(MnistL2.Recipe value) {
        recipe = value;
        return this;
      }

      /** The full budget: the first λ of a warm path and every cold fit (the recipe's epochs). */
      public Builder epochs(int value) {
        recipe = recipe.toBuilder().epochs(value).build();
        return this;
      }

      /** The budget of each later λ of a warm path. */
      public Builder warmEpochs(int value) {
        warmEpochs = value;
        return this;
      }

      /** λ values, from λ_max down to the smallest. */
      public Builder numLambdas(int value) {
        numLambdas = value;
        return this;
      }

      /** The grid's smallest λ. */
      public Builder minLambda(double value) {
        minLambda = value;
        return this;
      }

      /** K of the cross-validation, and the seed of its folds. */
      public Builder folds(int k, long seed) {
        folds = k;
        foldSeed = seed;
        return this;
      }

      /** Early stopping after {@code epochs} without improvement (0 = off) on this share. */
      public Builder earlyStopping(int epochs, double fraction) {
        patience = epochs;
        validationFraction = fraction;
        return this;
      }

      /** The selection rule: "1se" or "min". */
      public Builder rule(String value) {
        rule = value;
        return this;
      }

      /** Seeds of the refits at the chosen λ (the first is the selection's own). */
      public Builder seeds(List<Long> value) {
        seeds = value;
        return this;
      }

      /** Methods to run, in order ({@link Method#id()}s). */
      public Builder methods(List<String> value) {
        methods = value;
        return this;
      }

      /** Whether to compute the last-layer evidence along the warm all-rows path. */
      public Builder evidence(boolean value) {
        evidence = value;
        return this;
      }

      /** The first this many training rows of each data set (0 = all). */
      public Builder trainRows(int value) {
        trainRows = value;
        return this;
      }

      /** @throws IllegalArgumentException naming the first setting out of range */
      public Settings build() {
        return new Settings(this);
      }
    }

    SelectionRule selectionRule() {
      return rule.equals("min") ? SelectionRule.MINIMUM : SelectionRule.ONE_STANDARD_ERROR;
    }
  }

  /**
   * A data set of the experiment: its name in the files, its rows, where it came from.
   * Immutable, as its {@link TrainTest} is, so thread-safe.
   *
   * @param name its name in the result files and the selection files' names
   * @param data its training and test rows
   * @param source where it was read from, for experiment.json
   */
  public record DataSet(String name, TrainTest data, String source) {}

  /**
   * One row of results.json: a method on a data set (docs/formats.md). {@code testAccuracyStd}
   * is over the seeds with divisor seeds − 1, NaN (null in results.json, an empty cell in
   * results.csv) for one seed. Immutable, so thread-safe.
   *
   * @param data the data set's name
   * @param method the method's {@link Method#id()}
   * @param start "warm" or "cold" ({@link MlpPath.Start}, in lower case)
   * @param direction "increasing" or "decreasing" λ
   * @param rule the selection rule, "1se" or "min"
   * @param folds the number of cross-validation folds
   * @param numLambdas the number of λ of the grid
   * @param lambdaChosen the λ the rule chose (DESIGN.md's λ)
   * @param lambdaMin λ_min of the cross-validation
   * @param lambda1se λ_1se of the cross-validation
   * @param evidenceLambda the λ of the warm all-rows path's largest Laplace evidence, the same on
   *     each row of a data set; empty without the evidence (JSON null)
   * @param cvLoss the mean held-out loss at the chosen λ
   * @param cvSe its standard error
   * @param testAccuracy the test accuracy of the selection's own model, in [0, 1]
   * @param testLoss its test cross-entropy
   * @param testAccuracyMean the mean test accuracy over that model and the refits with the
   *     other seeds
   * @param testAccuracyStd its standard deviation over the seeds
   * @param testLossMean the mean test cross-entropy over the same models
   * @param seeds the number of those models (seeds)
   * @param selectionSeconds the selection's wall time, its final model included
   * @param cpuSeconds the selection's CPU time over all its threads
   * @param fits the number of fits of the selection (every split's λ and the all-rows fits)
   * @param epochs the number of epochs over all those fits
   * @param replicateSeconds the wall time of the test evaluations and the other seeds' refits
   * @param evidenceSeconds the wall time of the evidence curve, on the warm method's row; empty
   *     on the other rows and without the evidence (JSON null)
   */
  public record Row(

      String data,
      String method,
      String start,
      String direction,
      String rule,
      int folds,
      @JsonProperty("num_lambdas") int numLambdas,
      @JsonProperty("lambda_chosen") double lambdaChosen,
      @JsonProperty("lambda_min") double lambdaMin,
      @JsonProperty("lambda_1se") double lambda1se,
      @JsonProperty("evidence_lambda") OptionalDouble evidenceLambda,
      @JsonProperty("cv_loss") double cvLoss,
      @JsonProperty("cv_se") double cvSe,
      @JsonProperty("test_accuracy") double testAccuracy,
      @JsonProperty("test_loss") double testLoss,
      @JsonProperty("test_accuracy_mean") double testAccuracyMean,
      @JsonProperty("test_accuracy_std") @JsonSerialize(using = Json.NullForNaN.class)
      double testAccuracyStd,
      @JsonProperty("test_loss_mean") double testLossMean,
      int seeds,
      @JsonProperty("selection_seconds") double selectionSeconds,
      @JsonProperty("cpu_seconds") double cpuSeconds,
      int fits,
      int epochs,
      @JsonProperty("replicate_seconds") double replicateSeconds,
      @JsonProperty("evidence_seconds") OptionalDouble evidenceSeconds) {}

  /** The number of fits {@code settings} will run per data set (for progress). */
  public static int fits(Settings s) {
    int total = 0;
    for (String id : s.methods()) {
      Method m = Method.byId(id);
      total += s.folds() * s.numLambdas() + (m.start == MlpPath.Start.WARM ? s.numLambdas() : 1);
      total += s.seeds().size() - 1;
    }
    return total;
  }

  /**
   * Runs every method on every data set with {@code threads} fits at once, writes results.json,
   * results.csv, experiment.json and the selection files into {@code out}; returns the rows.
   */
  public static List<Row> run(List<DataSet> dataSets, Settings s, int threads, RunWriter out,
      ExperimentListener listener) {
    List<Row> rows = new ArrayList<>();
    int total = fits(s) * dataSets.size();
    int[] done = {0};
    SearchListener progress = (d, t, label) -> {
      synchronized (done) {
        done[0]++;
        listener.runFinished(done[0], total, label);
      }
    };
    if (!dataSets.isEmpty()) {
      warmUp(s, subset(dataSets.get(0).data(), s.trainRows()).train(), threads);
    }
    for (DataSet d : dataSets) {
      TrainTest data = subset(d.data(), s.trainRows());
      Optional<EvidenceCurve> evidence = Optional.empty();
      OptionalDouble evidenceSeconds = OptionalDouble.empty();
      List<Row> dataRows = new ArrayList<>();
      for (String id : s.methods()) {
        Method method = Method.byId(id);
        listener.runStarted(done[0] + 1, total, d.name() + ": " + method.id);
        MlpPathCV<NetworkClassifier> search = search(s, method, threads);
        MlpPathCV.Result<NetworkClassifier> r = search.crossValidate(data.train(), progress);
        Optional<EvidenceCurve> methodEvidence = Optional.empty();
        if (s.evidence() && method == Method.WARM) {
          long t0 = System.nanoTime();
          methodEvidence = Optional.of(r.fullPath().orElseThrow().evidence(
              evidenceCurvature(data.train().numRows())));
          evidenceSeconds = OptionalDouble.of((System.nanoTime() - t0) / 1e9);
          evidence = methodEvidence;
        }
        SelectionFiles.write(out, "selection-" + d.name() + "-" + method.id, search, r,
            methodEvidence);
        long t0 = System.nanoTime();
        List<ClassifierEvaluation> tests = new ArrayList<>();
        tests.add(r.chosenModel().evaluate(data.test()));
        for (long seed : s.seeds().subList(1, s.seeds().size())) {
          tests.add(replicate(s, method, r, seed, data.train()).evaluate(data.test()));
          synchronized (done) {
            done[0]++;
            listener.runFinished(done[0], total, d.name() + ": " + method.id + " refit, seed "
                + seed);
          }
        }
        double replicateSeconds = (System.nanoTime() - t0) / 1e9;
        Stats acc = Stats.of(tests.stream().map(ClassifierEvaluation::accuracy).toList());
        Stats loss = Stats.of(tests.stream().map(ClassifierEvaluation::loss).toList());
        int c = r.chosenIndex();
        dataRows.add(new Row(d.name(), method.id, method.start.name().toLowerCase(Locale.ROOT),
            method.direction == MlpPath.Direction.INCREASING_LAMBDA ? "increasing"
                : "decreasing", s.rule(), s.folds(), r.lambdas().length, r.chosenLambda(),
            r.lambdaMin(), r.lambda1se(), OptionalDouble.empty(), r.cv().mean(c), r.cv().standardError(c),
            tests.get(0).accuracy(), tests.get(0).loss(), acc.mean(), acc.std(),
            loss.mean(), tests.size(), r.seconds(), r.cpuSeconds(), fits(r), epochs(r),
            replicateSeconds,
            method == Method.WARM ? evidenceSeconds : OptionalDouble.empty()));
      }
      OptionalDouble best = evidence.isPresent()
          ? OptionalDouble.of(evidence.get().bestLambda()) : OptionalDouble.empty();
      for (Row row : dataRows) {
        rows.add(withEvidence(row, best));
      }
    }
    writeResults(out, s, dataSets, rows);
    return rows;
  }

  /** Training rows of the untimed warm-up ({@link #warmUp}). */
  static final int WARM_UP_ROWS = 1000;

  /**
   * One untimed, shortened run of every method on the first {@value #WARM_UP_ROWS} training
   * rows, before any timed selection. The first selection in a JVM paid for its just-in-time
   * compilation and class loading: with {@code --quick} the first method took 2.0 s of wall and
   * 0.7 s of CPU time, the same method run second 0.3 s and 0.25 s, so whichever method ran
   * first looked the slower (the warm path, first by default, took 7× the cold grid's wall
   * time). Its results are thrown away; every timed fit is seeded on its own, so the rows are
   * the same with it.
   */
  static void warmUp(Settings s, Dataset train, int threads) {
    int rows = Math.min(train.numRows(), Math.max(WARM_UP_ROWS,
        Settings.MIN_ROWS_PER_FOLD * s.folds()));
    Dataset part = train.subset(IntStream.range(0, rows).toArray());
    Settings small = s.toBuilder().epochs(Math.min(2, s.recipe().epochs()))
        .warmEpochs(1).numLambdas(Math.min(3, s.numLambdas())).build();
    for (String id : s.methods()) {
      try {
        search(small, Method.byId(id), threads).crossValidate(part, SearchListener.none());
      } catch (dev.tikhonov.train.DivergenceException e) {
        // the timed run meets the same divergence and reports it in its own terms (its λ, its
        // split), not in the warm-up's shortened grid
        return;
      }
    }
  }

  /**
   * The last layer's curvature for the evidence: the exact Hessian up to
   * {@value #FULL_CURVATURE_ROWS} training rows (13 s per λ on the 7,200 rows of the digits'
   * all-rows path, 784-256-128-10), Kronecker-factored above (its cost grows with n·h², not
   * n·K²·h²).
   */
  static Curvature evidenceCurvature(int rows) {
    return rows <= FULL_CURVATURE_ROWS ? Curvature.FULL : Curvature.KRONECKER;
  }

  /** Up to this many training rows the evidence uses the exact last-layer Hessian. */
  static final int FULL_CURVATURE_ROWS = 10_000;

  /** The cross-validation of one method. */
  static MlpPathCV<NetworkClassifier> search(Settings s, Method method, int threads) {
    MlpPath<NetworkClassifier> path = MlpPath.builder(estimator(s, s.seeds().get(0)))
        .lambdas(LambdaGrid.fromData(s.numLambdas(), s.minLambda())).start(method.start)
        .direction(method.direction).warmEpochs(s.warmEpochs()).patience(s.patience())
        .validationFraction(s.validationFraction()).build();
    return MlpPathCV.builder(path).resampling(Resampling.kFold(s.folds(), s.foldSeed()))
        .rule(s.selectionRule()).threads(threads).build();
  }

  /** The recipe's estimator without λ or dropout: the path sets λ. */
  static MlpClassifier estimator(Settings s, long seed) {
    return s.recipe().estimator(0, 0, seed);
  }

  /**
   * The model at the chosen λ fitted again on all rows with another seed, the way the method
   * fits it: the warm path's visits up to the chosen λ, or one cold fit.
   */
  static NetworkClassifier replicate(Settings s, Method method, MlpPathCV.Result<?> r,
      long seed, Dataset train) {
    double[] lambdas = r.lambdas();
    int c = r.chosenIndex();
    double[] visited = method.start == MlpPath.Start.COLD ? new double[] {lambdas[c]}
        : method.direction == MlpPath.Direction.INCREASING_LAMBDA
            ? Arrays.copyOfRange(lambdas, c, lambdas.length)
            : Arrays.copyOfRange(lambdas, 0, c + 1);
    MlpPath<NetworkClassifier> path = MlpPath.builder(estimator(s, seed))
        .lambdas(LambdaGrid.of(visited)).start(method.start).direction(method.direction)
        .warmEpochs(s.warmEpochs()).patience(s.patience())
        .validationFraction(s.validationFraction()).build();
    MlpPath.Fit<NetworkClassifier> fit = path.fit(train);
    // the chosen λ is the largest visited (increasing), the smallest (decreasing), or the one
    return method.direction == MlpPath.Direction.DECREASING_LAMBDA
        && method.start == MlpPath.Start.WARM ? fit.atIndex(fit.size() - 1) : fit.atIndex(0);
  }

  private static int fits(MlpPathCV.Result<?> r) {
    int n = r.splitPoints().stream().mapToInt(List::size).sum();
    return n + r.fullPath().map(MlpPath.Fit::size).orElse(1);
  }

  private static int epochs(MlpPathCV.Result<NetworkClassifier> r) {
    int n = r.splitPoints().stream().flatMap(List::stream).mapToInt(MlpPath.Point::epochs).sum();
    if (r.fullPath().isPresent()) {
      return n + r.fullPath().get().points().stream().mapToInt(MlpPath.Point::epochs).sum();
    }
    return n + r.chosenModel().training().orElseThrow().history().epochs().size();
  }

  private static Row withEvidence(Row r, OptionalDouble evidenceLambda) {
    return new Row(r.data(), r.method(), r.start(), r.direction(), r.rule(), r.folds(),
        r.numLambdas(), r.lambdaChosen(), r.lambdaMin(), r.lambda1se(), evidenceLambda,
        r.cvLoss(), r.cvSe(), r.testAccuracy(), r.testLoss(), r.testAccuracyMean(),
        r.testAccuracyStd(), r.testLossMean(), r.seeds(), r.selectionSeconds(), r.cpuSeconds(),
        r.fits(),
        r.epochs(), r.replicateSeconds(), r.evidenceSeconds());
  }

  static TrainTest subset(TrainTest data, int rows) {
    if (rows == 0 || rows >= data.train().numRows()) {
      return data;
    }
    return new TrainTest(data.train().subset(IntStream.range(0, rows).toArray()), data.test());
  }

  private static void writeResults(RunWriter out, Settings s, List<DataSet> dataSets,
      List<Row> rows) {
    Map<String, Object> experiment = new LinkedHashMap<>();
    experiment.put("name", "mnist-select");
    experiment.put("settings", s);
    experiment.put("objective", RunInfo.OBJECTIVE);
    MnistL2.Recipe r = s.recipe();
    experiment.put("recipe", "MLP 784-" + String.join("-", r.hidden().stream()
        .map(String::valueOf).toList()) + "-10, SGD momentum " + r.momentum()
        + ", learning rate " + r.learningRate() + ", batch " + r.batchSize() + ", "
        + r.epochs() + " epochs (" + s.warmEpochs() + " per warm-started λ), early stopping"
        + " after " + s.patience() + " epochs on " + s.validationFraction() + " of each"
        + " training part; L2 = (λ/2)Σ‖W‖² on weights only; " + s.folds() + "-fold CV, rule "
        + s.rule());
    List<Map<String, Object>> data = new ArrayList<>();
    for (DataSet d : dataSets) {
      TrainTest t = subset(d.data(), s.trainRows());
      data.add(Json.object("name", d.name(), "source", d.source(),
          "train_rows", t.train().numRows(), "test_rows", t.test().numRows()));
    }
    experiment.put("data", data);
    experiment.put("evidence", "last-layer Laplace evidence at the trained weights of the warm"
        + " all-rows path; exact last-layer Hessian up to " + FULL_CURVATURE_ROWS
        + " training rows, Kronecker-factored above");
    experiment.put("warm_up", "before the timed methods, one untimed run of each with at most 2"
        + " epochs, 3 λ and the first " + WARM_UP_ROWS + " training rows, so that no method's"
        + " time holds the JVM's just-in-time compilation");
    out.json("experiment.json", experiment);
    out.json("results.json", rows);
    out.text("results.csv", toCsv(rows));
  }

  static String toCsv(List<Row> rows) {
    dev.tikhonov.data.CsvWriter csv = new dev.tikhonov.data.CsvWriter().row("data", "method",
        "rule", "folds", "num_lambdas", "lambda_chosen", "lambda_min", "lambda_1se",
        "evidence_lambda", "cv_loss", "cv_se", "test_accuracy", "test_loss",
        "test_accuracy_mean", "test_accuracy_std", "seeds", "selection_seconds", "cpu_seconds",
        "fits", "epochs");
    for (Row r : rows) {
      csv.row(r.data(), r.method(), r.rule(), String.valueOf(r.folds()),
          String.valueOf(r.numLambdas()), String.valueOf(r.lambdaChosen()),
          String.valueOf(r.lambdaMin()), String.valueOf(r.lambda1se()),
          r.evidenceLambda().isEmpty() ? "" : String.valueOf(r.evidenceLambda().getAsDouble()),
          String.valueOf(r.cvLoss()), String.valueOf(r.cvSe()),
          String.valueOf(r.testAccuracy()), String.valueOf(r.testLoss()),
          String.valueOf(r.testAccuracyMean()), Stats.cell(r.testAccuracyStd()),
          String.valueOf(r.seeds()), String.valueOf(r.selectionSeconds()),
          String.valueOf(r.cpuSeconds()), String.valueOf(r.fits()),
          String.valueOf(r.epochs()));
    }
    return csv.toString();
  }

  /** The printed table: one line per data set and method. */
  public static String table(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "%-14s %-16s %-10s %-10s %-10s %-10s %-20s %-9s %-9s %s%n", "data", "method",
        "λ chosen", "λ_min", "λ_1se", "evidence", "test accuracy", "wall s", "CPU s",
        "epochs"));
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT,
          "%-14s %-16s %-10s %-10s %-10s %-10s %-20s %-9.1f %-9.1f %d%n",
          r.data(), r.method(), Digits.few(r.lambdaChosen()), Digits.few(r.lambdaMin()),
          Digits.few(r.lambda1se()),
          r.evidenceLambda().isEmpty() ? "–" : Digits.few(r.evidenceLambda().getAsDouble()),
          MeanStd.format(r.testAccuracyMean(), r.testAccuracyStd()),
          r.selectionSeconds(), r.cpuSeconds(), r.epochs()));
    }
    return sb.toString();
  }
}
