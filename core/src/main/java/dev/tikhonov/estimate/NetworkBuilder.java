package dev.tikhonov.estimate;

import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import java.util.List;
import java.util.OptionalInt;

/**
 * The named setters every network estimator's builder shares; each estimator's own builder adds
 * what is particular to it (hidden layers and dropout for the MLPs). Defaults: λ = 0, α = 0,
 * SGD with momentum 0.9 at learning rate 0.05 (PyTorch's recipe in docs/experiments.md), a
 * constant schedule, 10 epochs, batches of 128, seed 0, OpenBLAS's threads as they are, no
 * early stopping, no validation split (0.1 of the rows when early stopping is on), no
 * standardization. The initial weights are drawn from the seed as {@code torch.nn.Linear} draws
 * them: the MLPs' W and b ~ U(−1/√fan_in, 1/√fan_in) in every layer; the linear and logistic
 * models (no hidden layer) start from zero. Not thread-safe
 * (a builder is used by one thread); what it builds is immutable.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class NetworkBuilder<B extends NetworkBuilder<B>> {
  List<Integer> hiddenLayers = List.of();
  double dropout;
  double lambda;
  double l1Ratio;
  OptimizerConfig optimizer = Optimizers.sgd(0.05).momentum(0.9);
  double weightDecay;
  boolean weightDecaySet;
  EpochSchedule epochSchedule = EpochSchedule.constant();
  int epochs = 10;
  int batchSize = 128;
  long seed;
  OptionalInt threads = OptionalInt.empty();
  int patience;
  double validationFraction;
  boolean standardize;
  /** Set by the regressors' builders only ({@code standardizeTarget}). */
  boolean standardizeTarget;
  java.util.Optional<String> weightColumn = java.util.Optional.empty();

  NetworkBuilder() {}

  NetworkBuilder(NetworkSettings s) {
    hiddenLayers = s.hiddenLayers();
    dropout = s.dropout();
    lambda = s.lambda();
    l1Ratio = s.l1Ratio();
    optimizer = s.optimizer();
    epochSchedule = s.epochSchedule();
    epochs = s.epochs();
    batchSize = s.batchSize();
    seed = s.seed();
    threads = s.threads();
    patience = s.patience();
    validationFraction = s.validationFractionAsGiven();
    standardize = s.standardize();
    standardizeTarget = s.standardizeTarget();
    weightColumn = s.weightColumn();
  }

  abstract B self();

  /** Penalty strength λ ≥ 0 of docs/objective.md's objective (coupled: through the optimizer). */
  public B lambda(double value) {
    lambda = value;
    return self();
  }

  /** L1 share α ∈ [0, 1]: 0 = L2 (ridge, coupled weight decay), 1 = L1, between: elastic net. */
  public B l1Ratio(double value) {
    l1Ratio = value;
    return self();
  }

  /** The optimizer, e.g. {@code Optimizers.adamW(1e-3, 0.01)}. */
  public B optimizer(OptimizerConfig value) {
    optimizer = java.util.Objects.requireNonNull(value, "optimizer");
    return self();
  }

  /**
   * Decoupled weight decay d ≥ 0 on the weights ({@code w ← w − lr·d·w} after each step,
   * PyTorch AdamW's convention), outside the objective; overrides the optimizer's own setting.
   */
  public B weightDecay(double value) {
    weightDecay = value;
    weightDecaySet = true;
    return self();
  }

  /**
   * The learning-rate schedule in epochs, starting from the optimizer's learning rate (default
   * constant): {@code EpochSchedule.stepDecay(10, 0.1)}, {@code EpochSchedule.cosine()}. The
   * estimator turns it into optimizer steps when it knows the batches per epoch. It is the one
   * place for a schedule of a network estimator: a non-constant one with an optimizer that has
   * its own per-step {@code LearningRateSchedule} fails at {@code build()}.
   */
  public B epochSchedule(EpochSchedule value) {
    epochSchedule = java.util.Objects.requireNonNull(value, "epochSchedule");
    return self();
  }

  /** Passes over the training rows, ≥ 1 (default 10; checked at {@code build()}). */
  public B epochs(int value) {
    epochs = value;
    return self();
  }

  /** Rows per mini-batch, ≥ 1 (default 128; checked at {@code build()}). */
  public B batchSize(int value) {
    batchSize = value;
    return self();
  }

  /**
   * The seed of every random choice of the fit (initial weights, batch order, dropout masks, the
   * held-out validation rows); the same seed and data give the same model (default 0).
   */
  public B seed(long value) {
    seed = value;
    return self();
  }

  /**
   * Threads of this fit (its data-parallel step, its OpenBLAS products), whatever fits running
   * at once ask for: the model is the one this fit gives alone. Default: the process's count
   * ({@code Blas.setThreads}). OpenBLAS's process-wide worker count is restored afterwards.
   */
  public B threads(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + value);
    }
    threads = OptionalInt.of(value);
    return self();
  }

  /**
   * Early stopping after {@code epochs} epochs without a lower validation loss; 0 = off. The
   * fitted model then has the weights of the epoch with the lowest validation loss
   * (the {@code bestEpoch} of {@code training()}), not the last epoch's: scikit-learn's MLP with
   * {@code early_stopping=True}, Keras's {@code EarlyStopping(restore_best_weights=True)}. The
   * validation rows ({@link #validationFraction}, else 10 %, or a validation set given to
   * {@code fit}) are not trained on.
   */
  public B patience(int value) {
    patience = value;
    return self();
  }

  /**
   * Share f ∈ [0, 1) of the training rows held out (seeded, stratified for classes) and scored
   * after every epoch when no validation set is given; 0 = none, except that early stopping
   * then holds out 0.1, which the estimator's settings print ({@code validation_fraction=0.1})
   * and {@link NetworkSettings#validationFraction()} gives. The fitted model's provenance counts
   * the rows held out ({@code held_out_rows}).
   */
  public B validationFraction(double value) {
    validationFraction = value;
    return self();
  }

  /**
   * Standardize the features (fitted on the training rows, with their observation weights when
   * {@link #weightColumn} is given; kept in the model).
   */
  public B standardize(boolean value) {
    standardize = value;
    return self();
  }

  /**
   * The Dataset column holding observation weights wᵢ ≥ 0 (finite, not all 0), taken out of the
   * features, as {@code LinearBuilder.weightColumn}'s. The objective becomes
   *
   * <pre>  J(θ) = Σᵢ wᵢ ℓᵢ / Σᵢ wᵢ + λ Σⱼ vⱼ [(1−α)/2 wⱼ² + α|wⱼ|]</pre>
   *
   * so λ keeps its meaning (weights all equal are no weights). With the weights scaled to mean
   * 1 over the n rows trained on, w̃ᵢ = wᵢ·n / Σw, each mini-batch's data gradient is
   * (1/B) Σ_{i∈B} w̃ᵢ ∇ℓᵢ, an unbiased estimate of J's: Keras' {@code fit(sample_weight=)} with
   * the default {@code SUM_OVER_BATCH_SIZE} reduction on weights of mean 1 (PyTorch: the
   * per-sample losses ({@code reduction='none'}) times w̃, then {@code .mean()}). The training
   * history's losses, the constant-prediction loss, and the validation loss and accuracy
   * (held-out rows, or a validation set holding the column) are weighted means; early
   * stopping compares weighted validation losses. With {@code standardize(true)} (and a
   * regressor's {@code standardizeTarget}) the means and standard deviations are the weighted
   * ones, mean = Σwᵢxᵢ/Σwᵢ and sd = √(Σwᵢ(xᵢ − mean)²/Σwᵢ), as the linear estimators (glmnet)
   * standardize, so integer weights are the rows repeated there too. The model's provenance
   * records the column ({@code weight_column}); at prediction the column is not needed (named
   * data may hold it: it is ignored). The searches ({@code MlpGrid} through
   * {@code GridSearchCV}, {@code MlpPath}, {@code MlpPathCV}) fit with the column and score
   * their held-out rows weighted by it.
   */
  public B weightColumn(String column) {
    weightColumn = java.util.Optional.of(java.util.Objects.requireNonNull(column, "column"));
    return self();
  }

  NetworkSettings settings() {
    if (weightDecaySet && !(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got "
          + weightDecay);
    }
    OptimizerConfig o = weightDecaySet ? optimizer.weightDecay(weightDecay) : optimizer;
    return new NetworkSettings(hiddenLayers, dropout, lambda, l1Ratio, o, epochSchedule, epochs,
        batchSize, seed, threads, patience, validationFraction, standardize, standardizeTarget,
        weightColumn);
  }
}
