package dev.tikhonov.estimate;

import dev.tikhonov.optim.OptimizerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The settings every network estimator shares ({@link MlpClassifier}, {@link MlpRegressor},
 * {@link LinearRegression}, {@link LogisticRegression}); immutable and validated. The objective
 * is docs/objective.md's: the mean loss over the training rows (weighted, Σwᵢℓᵢ/Σwᵢ, with a
 * {@link #weightColumn()}) plus the coupled penalty
 * {@code λ Σⱼ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|]} on the weights (never the biases), minimized by
 * mini-batch {@code optimizer} steps; decoupled weight decay is the optimizer's. Made by the
 * estimators' builders (named setters such as {@code standardize(true)}); immutable, so
 * thread-safe.
 */
public final class NetworkSettings {
  private final List<Integer> hiddenLayers;
  private final double dropout;
  private final double lambda;
  private final double l1Ratio;
  private final OptimizerConfig optimizer;
  private final EpochSchedule epochSchedule;
  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final OptionalInt threads;
  private final int patience;
  private final double validationFraction;
  private final boolean standardize;
  private final boolean standardizeTarget;
  private final java.util.Optional<String> weightColumn;

  /** Validated; made by the estimators' builders and the {@code with…} copies only. */
  NetworkSettings(
      List<Integer> hiddenLayers,
      double dropout,
      double lambda,
      double l1Ratio,
      OptimizerConfig optimizer,
      EpochSchedule epochSchedule,
      int epochs,
      int batchSize,
      long seed,
      OptionalInt threads,
      int patience,
      double validationFraction,
      boolean standardize,
      boolean standardizeTarget,
      java.util.Optional<String> weightColumn) {
    hiddenLayers = List.copyOf(hiddenLayers);
    for (int h : hiddenLayers) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + h);
      }
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if (dropout > 0 && hiddenLayers.isEmpty()) {
      throw new IllegalArgumentException("dropout follows hidden layers; this model has none");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
    }
    if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
      throw new IllegalArgumentException("l1Ratio must be in [0, 1], got " + l1Ratio);
    }
    java.util.Objects.requireNonNull(optimizer, "optimizer");
    java.util.Objects.requireNonNull(epochSchedule, "epochSchedule");
    if (epochSchedule.kind() != EpochSchedule.Kind.CONSTANT
        && !optimizer.schedule().isConstant()) {
      throw new IllegalArgumentException("the learning rate has two schedules: epochSchedule "
          + epochSchedule.describe() + " and the optimizer's own per-step schedule; give one "
          + "(an optimizer with a constant learning rate and epochSchedule, or the optimizer's "
          + "schedule and the default constant epochSchedule)");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (threads.isPresent() && threads.getAsInt() < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads.getAsInt());
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in [0, 1), got "
          + validationFraction);
    }
    this.hiddenLayers = hiddenLayers;
    this.dropout = dropout;
    this.lambda = lambda;
    this.l1Ratio = l1Ratio;
    this.optimizer = optimizer;
    this.epochSchedule = epochSchedule;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.seed = seed;
    this.threads = threads;
    this.patience = patience;
    this.validationFraction = validationFraction;
    this.standardize = standardize;
    this.standardizeTarget = standardizeTarget;
    this.weightColumn = java.util.Objects.requireNonNull(weightColumn, "weightColumn");
  }

  /** Widths of the hidden ReLU layers (empty for linear and logistic regression). */
  public List<Integer> hiddenLayers() {
    return hiddenLayers;
  }

  /** Inverted dropout rate p ∈ [0, 1) after each hidden ReLU (needs hidden layers). */
  public double dropout() {
    return dropout;
  }

  /** λ ≥ 0, the penalty's strength (docs/objective.md's scaling). */
  public double lambda() {
    return lambda;
  }

  /** α ∈ [0, 1], the L1 share of the elastic-net penalty. */
  public double l1Ratio() {
    return l1Ratio;
  }

  /** The optimizer (with its decoupled weight decay and clipping). */
  public OptimizerConfig optimizer() {
    return optimizer;
  }

  /**
   * The learning-rate schedule in epochs (turned into steps at fit time), starting from the
   * optimizer's learning rate; a non-constant one needs an optimizer whose own (per-step)
   * schedule is constant, as one of the two would otherwise be dropped.
   */
  public EpochSchedule epochSchedule() {
    return epochSchedule;
  }

  /** Passes over the training rows (≥ 1). */
  public int epochs() {
    return epochs;
  }

  /** Rows per mini-batch (≥ 1). */
  public int batchSize() {
    return batchSize;
  }

  /** Seeds initialization, shuffling, dropout and the validation split. */
  public long seed() {
    return seed;
  }

  /**
   * OpenBLAS threads for the fit (process-wide while it runs, restored after); empty = leave
   * OpenBLAS as it is (all cores by default).
   */
  public OptionalInt threads() {
    return threads;
  }

  /**
   * Early stopping: stop after this many epochs without a lower validation loss and keep the
   * best weights; 0 = off.
   */
  public int patience() {
    return patience;
  }

  /**
   * Share of the training rows held out (seeded, stratified for classes) as the validation set
   * when no validation set is given to {@code fit}: the builder's {@code validationFraction},
   * or 0.1 for early stopping ({@link #patience()} &gt; 0) when that is 0, as the fit holds out
   * (and as the provenance and run files print it); 0 = none. Two settings that hold out 0.1,
   * one given it and one from patience's default, are not equal: a {@code toBuilder()} copy
   * with {@code patience(0)} holds out 0.1 of the one and nothing of the other, so
   * {@code toString()} tells them apart ("validation_fraction=0.1 (default for patience)"). A
   * fitted
   * model's provenance also says how many rows were held out: {@code held_out_rows} in its
   * settings, absent when none were.
   */
  public double validationFraction() {
    return validationFraction > 0 ? validationFraction : patience > 0 ? 0.1 : 0;
  }

  /**
   * The builder's setting as given (0 also with patience), which {@code toBuilder} copies, so
   * that {@code patience(0)} on the copy holds nothing out again; equals compares it.
   */
  double validationFractionAsGiven() {
    return validationFraction;
  }

  /**
   * Standardize features (mean 0, variance 1 with divisor n; with a weight column the weighted
   * mean and variance, divisor Σwᵢ) fitted on the training rows; the model applies the same
   * transform to new inputs and λ acts on the standardized scale.
   */
  public boolean standardize() {
    return standardize;
  }

  /**
   * A regressor's: fit the network to the standardized target z = (y − μ)/σ (μ and the 1/n
   * standard deviation σ of the training rows' targets, weighted as {@link #standardize()}'s
   * with a weight column, σ = 1 for a constant target), so that
   * the loss term is (1/n) Σ ½(zᵢ − f(xᵢ))² and λ means the same whatever the target's units;
   * the fitted model's output layer is then rescaled (weights ·σ, bias ·σ + μ) so that it
   * predicts y = σ·f(x) + μ. Always false for classifiers.
   */
  public boolean standardizeTarget() {
    return standardizeTarget;
  }

  /**
   * The Dataset column of observation weights wᵢ ≥ 0, taken out of the features; empty for
   * none. The data term is then Σ wᵢℓᵢ / Σ wᵢ (λ keeps its meaning), each mini-batch's data
   * gradient (1/B) Σ w̃ᵢ ∇ℓᵢ with w̃ᵢ = wᵢ·n / Σw ({@link NetworkBuilder#weightColumn}).
   */
  public java.util.Optional<String> weightColumn() {
    return weightColumn;
  }

  /** These settings with λ = {@code value} (validated). */
  NetworkSettings withLambda(double value) {
    return new NetworkSettings(hiddenLayers, dropout, value, l1Ratio, optimizer, epochSchedule,
        epochs, batchSize, seed, threads, patience, validationFraction, standardize,
        standardizeTarget, weightColumn);
  }

  /** These settings with another inverted dropout rate (validated). */
  NetworkSettings withDropout(double value) {
    return new NetworkSettings(hiddenLayers, value, lambda, l1Ratio, optimizer, epochSchedule,
        epochs, batchSize, seed, threads, patience, validationFraction, standardize,
        standardizeTarget, weightColumn);
  }

  /** These settings with another optimizer (its learning rate, decoupled weight decay). */
  NetworkSettings withOptimizer(OptimizerConfig value) {
    return new NetworkSettings(hiddenLayers, dropout, lambda, l1Ratio, value, epochSchedule, epochs,
        batchSize, seed, threads, patience, validationFraction, standardize,
        standardizeTarget, weightColumn);
  }

  /** These settings with {@code seed}. */
  NetworkSettings withSeed(long value) {
    return new NetworkSettings(hiddenLayers, dropout, lambda, l1Ratio, optimizer, epochSchedule,
        epochs, batchSize, value, threads, patience, validationFraction, standardize,
        standardizeTarget, weightColumn);
  }

  /**
   * These settings with an epoch budget, early stopping after {@code newPatience} epochs (0 =
   * off) and no validation split of their own (the caller passes the validation rows).
   */
  NetworkSettings withBudget(int newEpochs, int newPatience) {
    return new NetworkSettings(hiddenLayers, dropout, lambda, l1Ratio, optimizer, epochSchedule,
        newEpochs, batchSize, seed, threads, newPatience, 0, standardize, standardizeTarget,
        weightColumn);
  }

  /** These settings leaving OpenBLAS's threads as they are (for fits run side by side). */
  NetworkSettings withThreadsAsTheyAre() {
    return new NetworkSettings(hiddenLayers, dropout, lambda, l1Ratio, optimizer, epochSchedule,
        epochs, batchSize, seed, OptionalInt.empty(), patience, validationFraction, standardize,
        standardizeTarget, weightColumn);
  }

  /**
   * The settings by snake_case name, for provenance, run files and reports; no value is null
   * (an absent thread count is "auto"); {@code standardize_target} only when it is on (a fitted
   * regressor's provenance always has it).
   */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hidden_layers", hiddenLayers);
    m.put("dropout", dropout);
    m.put("lambda", lambda);
    m.put("l1_ratio", l1Ratio);
    m.put("optimizer", optimizer.kind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("learning_rate", optimizer.schedule().at(1));
    m.put("momentum", optimizer.momentum());
    m.put("weight_decay", optimizer.weightDecay());
    m.put("clip_norm", optimizer.clipNorm());
    m.put("schedule", epochSchedule.describe());
    m.put("epochs", epochs);
    m.put("batch_size", batchSize);
    m.put("seed", seed);
    // "auto": OpenBLAS's threads as they are (never null: toString and run files show it)
    m.put("threads", threads.isPresent() ? (Object) threads.getAsInt() : "auto");
    m.put("patience", patience);
    m.put("validation_fraction", validationFraction());  // what the fit holds out
    m.put("standardize", standardize);
    // (only when given: a model file written before the setting existed reads as none)
    weightColumn.ifPresent(c -> m.put("weight_column", c));
    if (standardizeTarget) {
      // (only when on: the setting is a regressor's, and a classifier's map would show it off)
      m.put("standardize_target", true);
    }
    return m;
  }

  /**
   * Every setting as given, as {@link #hashCode()}: the share held out too, so that patience's
   * default 0.1 is not a given 0.1 (which {@link #toString()} shows).
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkSettings o && hiddenLayers.equals(o.hiddenLayers)
        && Double.compare(dropout, o.dropout) == 0 && Double.compare(lambda, o.lambda) == 0
        && Double.compare(l1Ratio, o.l1Ratio) == 0 && optimizer.equals(o.optimizer)
        && epochSchedule.equals(o.epochSchedule) && epochs == o.epochs
        && batchSize == o.batchSize && seed == o.seed && threads.equals(o.threads)
        && patience == o.patience
        && Double.compare(validationFraction, o.validationFraction) == 0
        && standardize == o.standardize && standardizeTarget == o.standardizeTarget
        && weightColumn.equals(o.weightColumn);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(hiddenLayers, dropout, lambda, l1Ratio, optimizer,
        epochSchedule, epochs, batchSize, seed, threads, patience, validationFraction,
        standardize, standardizeTarget, weightColumn);
  }

  /**
   * "NetworkSettings{hidden_layers=[64], dropout=0.0, …}": {@link #toMap()}'s names and values,
   * with {@code standardize_target} always and, when the share held out is patience's default
   * rather than given, "validation_fraction=0.1 (default for patience)", so that settings that
   * {@link #equals} tells apart by it print differently too.
   */
  @Override
  public String toString() {
    Map<String, Object> m = toMap();
    if (validationFraction == 0 && patience > 0) {
      m.put("validation_fraction", validationFraction() + " (default for patience)");
    }
    m.put("standardize_target", standardizeTarget);
    return "NetworkSettings" + m;
  }
}
