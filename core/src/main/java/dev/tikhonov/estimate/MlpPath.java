package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.tensor.ArrayText;
import dev.tikhonov.select.Curvature;
import dev.tikhonov.select.EvidenceCurve;
import dev.tikhonov.select.LastLayerEvidence;
import dev.tikhonov.train.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A regularization path of a network: the base estimator ({@link MlpClassifier} or
 * {@link MlpRegressor}) fitted at each λ of a decreasing grid ({@link LambdaGrid}), minimizing
 * docs/objective.md's objective at each,
 *
 * <pre>
 *   θ_l ≈ argmin_θ (1/n) Σᵢ ℓ(yᵢ, f(xᵢ; θ)) + λ_l Σⱼ vⱼ [(1−α)/2 wⱼ² + α|wⱼ|],   λ_0 &gt; λ_1 &gt; …
 * </pre>
 *
 * by mini-batch SGD started ({@link Start}) from θ_{l−1} — a warm start, as glmnet does along
 * its path, for a shorter budget of {@code warmEpochs} epochs after the first λ — or from the
 * random initialization at every λ with the full budget (the cold grid, for comparison). A
 * share {@code validationFraction} of the rows (seeded by the estimator's seed + 1, stratified
 * for classes) is held out once and scores every epoch; early stopping ends a λ after
 * {@code patience} epochs without a lower validation loss and keeps its best weights, which the
 * next λ starts from.
 *
 * <p>Each λ's fit starts the optimizer afresh (momentum and Adam's moments at zero): its state
 * belongs to the previous objective (the momentum buffer holds the gradient of λ_{l−1}'s
 * penalty), and a fresh start makes each point of the path exactly the fit
 * {@code base.lambda(λ_l)} from θ_{l−1} ({@link FitOptions#withInitialWeights}).
 *
 * <p>The base estimator supplies the network, optimizer, batch size, epochs, seed,
 * standardization, dropout and α; its λ, patience and validation fraction are replaced by the
 * path's. A base with a weight column ({@link NetworkBuilder#weightColumn}) fits every λ with
 * it (the data term Σ wᵢℓᵢ / Σ wᵢ, validation losses weighted) and the default grid's λ_max is
 * the weighted one ({@link LambdaGrid}); {@link MlpPathCV} scores held-out rows weighted. Its
 * validation rows are drawn without regard to weight, and a draw that leaves either part
 * weights all 0 is refused before any fit, as a single fit's ({@link InputException} about
 * {@code validationFraction}: another share or seed draws otherwise).
 * Immutable and thread-safe; {@link #fit} runs the fits one after another, with the
 * base's OpenBLAS threads.
 *
 * <pre>{@code
 * MlpPath<NetworkClassifier> path = MlpPath.builder(MlpClassifier.builder()
 *         .hiddenLayers(256, 128).epochs(10).build())
 *     .lambdas(LambdaGrid.defaults()).warmEpochs(3).build();
 * MlpPath.Fit<NetworkClassifier> fit = path.fit(train);
 * }</pre>
 *
 * @param <P> the fitted model: {@link NetworkClassifier} or {@link NetworkRegressor}
 */
public final class MlpPath<P extends Predictor> {
  /** Where each λ's fit starts. Thread-safe, as enum constants are. */
  public enum Start {
    /** From the previous λ's weights, with the shorter budget (the first λ: full budget). */
    WARM,
    /** From the random initialization, with the full budget, at every λ (the cold grid). */
    COLD
  }

  /**
   * The order in which a warm-started path visits its λ grid. Thread-safe, as enum constants
   * are.
   */
  public enum Direction {
    /**
     * From the smallest λ up (the default): the first fit has the full budget at the weakest
     * penalty, and each larger λ starts from weights that only need to shrink.
     */
    INCREASING_LAMBDA,
    /**
     * From the largest λ down, as glmnet: the first fit collapses the weights near zero, and
     * each smaller λ must grow them again. For ReLU networks with two or more hidden layers
     * zero is a saddle point (every weight's gradient vanishes when the others are zero), so
     * the path can stay stuck there (docs/choosing-lambda.md).
     */
    DECREASING_LAMBDA
  }

  /**
   * One λ of a path. Immutable ({@code layerNorms} is copied in and out), so thread-safe.
   *
   * @param lambda λ
   * @param validationLoss mean data loss on the validation rows with the kept weights (empty
   *     without a validation split)
   * @param validationAccuracy the accuracy there (classifiers with a validation split)
   * @param trainLoss mean data loss over the kept epoch's mini-batches (dropout on, weights
   *     moving: the history's {@code train_loss})
   * @param penalty λ Σ vⱼ[(1−α)/2 wⱼ² + α|wⱼ|] of the kept weights
   * @param layerNorms ‖W_l‖_F of each weight matrix, input side first
   * @param epochs epochs run
   * @param bestEpoch the epoch whose weights were kept (the last without early stopping)
   * @param stoppedEarly whether early stopping ended the fit before its budget
   * @param seconds wall time of the fit (and of scoring its held-out rows, in a search)
   * @param cpuSeconds CPU time of the thread that ran it, over the same span: the fit's whole
   *     CPU time when it runs on one core, as in a search (with several OpenBLAS threads or a
   *     data-parallel step the other threads' time is not in it); NaN when the JVM cannot
   *     measure a thread's CPU time. Unlike wall time it does not grow when other processes
   *     share the cores.
   */
  public record Point(
      double lambda,
      OptionalDouble validationLoss,
      OptionalDouble validationAccuracy,
      double trainLoss,
      double penalty,
      double[] layerNorms,
      int epochs,
      int bestEpoch,
      boolean stoppedEarly,
      double seconds,
      double cpuSeconds) {
    /**
     * "Point[λ = 0.01, validation loss 0.3, train loss 0.2, 12 epochs (best 9), layer norms: …]".
     */
    @Override
    public String toString() {
      return "Point[λ = " + ArrayText.number(lambda)
          + (validationLoss.isPresent() ? ", validation loss "
              + ArrayText.number(validationLoss.getAsDouble()) : "")
          + ", train loss " + ArrayText.number(trainLoss) + ", " + epochs + " epochs (best "
          + bestEpoch + (stoppedEarly ? ", stopped early" : "") + "), layer norms: "
          + ArrayText.range(layerNorms) + "]";
    }

    public Point {
      layerNorms = layerNorms.clone();
    }

    @Override
    public double[] layerNorms() {
      return layerNorms.clone();
    }

    /** ‖w‖₂ over all weight matrices. */
    public double weightNorm() {
      double s = 0;
      for (double v : layerNorms) {
        s += v * v;
      }
      return Math.sqrt(s);
    }
  }

  /**
   * A fitted path: the points and the model at each λ, in the grid's order. Immutable and
   * thread-safe.
   *
   * @param <P> the fitted model
   */
  public static final class Fit<P extends Predictor> {
    private final NetworkKind<P> kind;
    private final double[] lambdas;
    private final List<Point> points;
    private final List<P> models;
    private final Dataset trainingRows;
    private final Start start;
    private final double l1Ratio;
    private final Optional<String> weightColumn;
    private final double seconds;

    Fit(NetworkKind<P> kind, double[] lambdas, List<Point> points, List<P> models,
        Dataset trainingRows, Start start, double l1Ratio, Optional<String> weightColumn,
        double seconds) {
      this.kind = kind;
      this.lambdas = lambdas.clone();
      this.points = List.copyOf(points);
      this.models = List.copyOf(models);
      this.trainingRows = trainingRows;
      this.start = start;
      this.l1Ratio = l1Ratio;
      this.weightColumn = weightColumn;
      this.seconds = seconds;
    }

    /** λ of each point, decreasing. */
    public double[] lambdas() {
      return lambdas.clone();
    }

    /** What each λ's fit did (epochs, validation loss, norms), one point per λ, in order. */
    public List<Point> points() {
      return points;
    }

    /** The number of λ fitted, the length of {@link #lambdas()}. */
    public int size() {
      return points.size();
    }

    /**
     * The model fitted at λ index {@code index} (0-based, as {@link #lambdas()}): the name
     * every path and cross-validation result of the API gives it
     * ({@link RegularizationPath#atIndex}, {@code RidgeCV.Validation.atIndex}).
     *
     * @throws IndexOutOfBoundsException naming the index and the path's size
     */
    public P atIndex(int index) {
      if (index < 0 || index >= models.size()) {
        throw new IndexOutOfBoundsException("λ index " + index + " of a path of "
            + models.size() + " λ (0-based)");
      }
      return models.get(index);
    }

    /**
     * The model fitted at λ index {@code index}.
     *
     * @deprecated the same as {@link #atIndex(int)}, the name every other path gives it
     */
    @Deprecated
    public P model(int index) {
      return atIndex(index);
    }

    /** The models, one per λ. */
    public List<P> models() {
      return models;
    }

    /** How the path was fitted: warm starts along λ, or a cold start at each λ. */
    public Start start() {
      return start;
    }

    /** Wall time of the whole path. */
    public double seconds() {
      return seconds;
    }

    /**
     * The rows the models were trained on (the data less the validation rows; with the weight
     * column, when the base has one).
     */
    public Dataset trainingRows() {
      return trainingRows;
    }

    /**
     * "MlpPath.Fit[5 λ from 0.1 to 0.0001, warm start, 3.2 s]": the grid and how it was
     * fitted; each of {@link #points()} prints its λ, losses and epochs.
     */
    @Override
    public String toString() {
      String grid = lambdas.length == 0 ? "no λ" : lambdas.length == 1
          ? "1 λ " + ArrayText.number(lambdas[0])
          : lambdas.length + " λ from " + ArrayText.number(lambdas[0]) + " to "
              + ArrayText.number(lambdas[lambdas.length - 1]);
      return "MlpPath.Fit[" + grid + ", " + start.name().toLowerCase(java.util.Locale.ROOT)
          + " start, " + String.format(java.util.Locale.ROOT, "%.1f s", seconds) + "]";
    }

    /**
     * The last-layer Laplace evidence at each λ &gt; 0 ({@link LastLayerEvidence}, at the
     * trained weights, curvature suited to the last layer's size), on the rows each model was
     * trained on: log p(y | λ, lower layers), to compare with cross-validation's choice
     * (docs/choosing-lambda.md). Classifiers fitted with α = 0 only.
     *
     * @throws InputException for a regression path, or when no λ is &gt; 0
     * @throws IllegalArgumentException when the path penalizes with α &gt; 0 (the evidence is
     *     for the Gaussian prior of L2), or weights its rows (the evidence's likelihood is the
     *     unweighted one)
     */
    public EvidenceCurve evidence() {
      return evidence(Optional.empty());
    }

    /**
     * {@link #evidence()} with the given curvature of the last layer's Hessian (FULL costs
     * O(n·K²·h²) per λ to form, KRONECKER O(n·h² + n·K²); docs/choosing-lambda.md).
     */
    public EvidenceCurve evidence(Curvature curvature) {
      return evidence(Optional.of(curvature));
    }

    private EvidenceCurve evidence(Optional<Curvature> curvature) {
      weightColumn.ifPresent(c -> {
        throw new IllegalArgumentException("the evidence is of unweighted fits; this path"
            + " weights its rows by column \"" + c + "\"");
      });
      List<Double> ls = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (int l = 0; l < size(); l++) {
        if (lambdas[l] <= 0) {
          continue;
        }
        P model = models.get(l);
        Model m = kind.model(model);
        if (m.spec().family() != dev.tikhonov.loss.Family.MULTINOMIAL) {
          throw new InputException(trainingRows.source() + ": the last-layer evidence is for"
              + " classifiers");
        }
        if (l1Ratio > 0) {
          throw new IllegalArgumentException("the evidence is for the L2 penalty (l1Ratio 0),"
              + " this path has l1Ratio " + l1Ratio);
        }
        Dataset seen = m.standardizer().isEmpty() ? trainingRows
            : trainingRows.withFeatures(m.standardizer().get().transform(trainingRows));
        ls.add(lambdas[l]);
        values.add((curvature.isPresent()
            ? LastLayerEvidence.evaluate(m.network(), seen, lambdas[l], curvature.get(),
                LastLayerEvidence.Expansion.TRAINED_WEIGHTS)
            : LastLayerEvidence.evaluate(m.network(), seen, lambdas[l])).logEvidence());
      }
      if (ls.isEmpty()) {
        throw new InputException("the evidence needs a λ > 0; this path has only λ = 0");
      }
      return new EvidenceCurve(ls.stream().mapToDouble(Double::doubleValue).toArray(),
          values.stream().mapToDouble(Double::doubleValue).toArray());
    }

  }

  private final NetworkKind<P> kind;
  private final NetworkSettings base;
  private final LambdaGrid grid;
  private final Start start;
  private final Direction direction;
  private final int warmEpochs;
  private final int patience;
  private final double validationFraction;

  private MlpPath(Builder<P> b) {
    this.kind = b.kind;
    this.base = b.base;
    this.grid = b.grid;
    this.start = b.start;
    this.direction = b.direction;
    this.warmEpochs = b.warmEpochs.orElse(Math.max(1, (b.base.epochs() + 2) / 3));
    this.patience = b.patience;
    this.validationFraction = b.validationFraction;
  }

  /** A path of classifiers with {@code base}'s settings. */
  public static Builder<NetworkClassifier> builder(MlpClassifier base) {
    return new Builder<>(NetworkKind.CLASSIFIER, base.settings());
  }

  /** A path of regressors with {@code base}'s settings. */
  public static Builder<NetworkRegressor> builder(MlpRegressor base) {
    return new Builder<>(NetworkKind.REGRESSOR, base.settings());
  }

  /** The same path with another start (warm or cold), e.g. for the comparison. */
  public MlpPath<P> withStart(Start newStart) {
    Builder<P> b = toBuilder();
    b.start(newStart);
    return b.build();
  }

  private Builder<P> toBuilder() {
    Builder<P> b = new Builder<>(kind, base);
    b.grid = grid;
    b.start = start;
    b.direction = direction;
    b.warmEpochs = OptionalInt.of(warmEpochs);
    b.patience = patience;
    b.validationFraction = validationFraction;
    return b;
  }

  /** The base settings (λ, patience and validation fraction are the path's). */
  public NetworkSettings baseSettings() {
    return base;
  }

  /** The λ grid the path visits (DESIGN.md's λ): given values, or a range from the data. */
  public LambdaGrid grid() {
    return grid;
  }

  /** Where each λ's fit starts: the previous λ's weights (warm, the default) or afresh. */
  public Start start() {
    return start;
  }

  /** The order a warm path visits the grid in. */
  public Direction direction() {
    return direction;
  }

  /** Epochs of each warm-started λ after the first. */
  public int warmEpochs() {
    return warmEpochs;
  }

  /** Early stopping after this many epochs without a lower validation loss; 0 = off. */
  public int patience() {
    return patience;
  }

  /** The share ∈ [0, 1) of rows held out once to score every epoch; 0 = none. */
  public double validationFraction() {
    return validationFraction;
  }


  /**
   * The λ values this path visits on {@code data}, decreasing.
   *
   * @throws dev.tikhonov.data.ConstantTargetException for a target of one value (rows of one
   *     class), which every fit of the path refuses; with the base's weight column, of one value
   *     on the rows of positive weight
   */
  public double[] lambdas(Dataset data) {
    // The first step of fit here and in MlpPathCV.
    java.util.Objects.requireNonNull(data, "train");
    Features.requireFeatureColumns(data);
    if (data.numRows() > 0) {
      // before the grid, whose λ_max of a constant target is 0 ("give the λ values")
      NetworkFit.requireVaryingTarget(data);
    }
    if (base.weightColumn().isPresent()) {
      // λ_max on the rows as the weighted fits see them: the column out, each row weighted
      ObservationColumns.Weighted w = ObservationColumns.weights(data, base.weightColumn().get(),
          "nothing to fit");
      // before the grid too: on a target that varies only on rows of weight 0, λ_max is 0 or
      // the rounding of ȳ_w
      NetworkFit.requireVaryingTarget(w.data(), w.weights(), base.weightColumn().get());
      return grid.lambdas(w.data(), w.weights(), base.standardize(), base.standardizeTarget());
    }
    return grid.lambdas(data, base.standardize(), base.standardizeTarget());
  }

  /** Fits the path on {@code train}. */
  public Fit<P> fit(Dataset train) {
    return fit(train, SearchListener.none());
  }

  /** Fits the path on {@code train}, reporting each λ's fit to {@code listener}. */
  public Fit<P> fit(Dataset train, SearchListener listener) {
    long t0 = System.nanoTime();
    double[] lambdas = lambdas(train);
    PathEngine<P> engine = new PathEngine<>(this);
    PathEngine.Part part = engine.prepare(train, Optional.empty(), OptionalLong.empty(),
        "all rows");
    List<PathEngine.Step<P>> steps = engine.run(part, lambdas, false, true,
        new FitCounter(lambdas.length, listener));
    return engine.fit(lambdas, part, steps, (System.nanoTime() - t0) / 1e9);
  }

  /** The settings of the path by snake_case name (base network, grid, start, budget). */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(base.toMap());
    m.remove("lambda");
    m.remove("patience");
    m.remove("validation_fraction");
    m.putAll(grid.toMap());
    m.put("start", start.name().toLowerCase(java.util.Locale.ROOT));
    m.put("direction", direction == Direction.INCREASING_LAMBDA ? "increasing" : "decreasing");
    m.put("warm_epochs", warmEpochs);
    m.put("patience", patience);
    m.put("validation_fraction", validationFraction);
    return m;
  }

  NetworkKind<P> kind() {
    return kind;
  }

  @Override
  public String toString() {
    return "MlpPath" + toMap();
  }

  /**
   * Named settings of a path. Defaults: {@link LambdaGrid#defaults()}, {@link Start#WARM},
   * warm epochs a third of the base's epochs, rounded up (4 of 10), patience 2, validation
   * fraction 0.1. Not thread-safe (one builder, one thread); what it builds is immutable.
   *
   * @param <P> the fitted model
   */
  public static final class Builder<P extends Predictor> {
    private final NetworkKind<P> kind;
    private final NetworkSettings base;
    private LambdaGrid grid = LambdaGrid.defaults();
    private Start start = Start.WARM;
    private Direction direction = Direction.INCREASING_LAMBDA;
    private OptionalInt warmEpochs = OptionalInt.empty();
    private int patience = 2;
    private double validationFraction = 0.1;

    Builder(NetworkKind<P> kind, NetworkSettings base) {
      this.kind = kind;
      this.base = base;
    }

    /** The λ grid (default {@link LambdaGrid#defaults()}). */
    public Builder<P> lambdas(LambdaGrid value) {
      grid = java.util.Objects.requireNonNull(value, "lambdas");
      return this;
    }

    /** Your λ values ({@link LambdaGrid#of}). */
    public Builder<P> lambdas(double... values) {
      grid = LambdaGrid.of(values);
      return this;
    }

    /** Warm (default) or cold starts. */
    public Builder<P> start(Start value) {
      start = java.util.Objects.requireNonNull(value, "start");
      return this;
    }

    /** The order a warm path visits the grid in (default from the smallest λ up). */
    public Builder<P> direction(Direction value) {
      direction = java.util.Objects.requireNonNull(value, "direction");
      return this;
    }

    /** Epochs of each warm-started λ after the first (≥ 1). */
    public Builder<P> warmEpochs(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("warmEpochs must be >= 1, got " + value);
      }
      warmEpochs = OptionalInt.of(value);
      return this;
    }

    /** Early stopping after this many epochs without a lower validation loss; 0 = off. */
    public Builder<P> patience(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("patience must be >= 0, got " + value);
      }
      patience = value;
      return this;
    }

    /** Share f ∈ [0, 1) of the rows held out for validation and early stopping; 0 = none. */
    public Builder<P> validationFraction(double value) {
      if (!(value >= 0 && value < 1)) {
        throw new IllegalArgumentException("validationFraction must be in [0, 1), got "
            + value);
      }
      validationFraction = value;
      return this;
    }

    /** The path; IllegalArgumentException naming the first invalid setting. */
    public MlpPath<P> build() {
      if (patience > 0 && validationFraction == 0) {
        throw new IllegalArgumentException("patience needs a validation split: a validation"
            + " fraction > 0, or patience 0");
      }
      return new MlpPath<>(this);
    }
  }
}
