package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.optim.LearningRateSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid of network settings the regularization articles search: λ × dropout × decoupled
 * weight decay × learning rate, every other setting the base estimator's; each point is a
 * {@link GridSearchCV.Candidate}. The candidates come from the most regularized to the least,
 * ordered by λ (largest first), then dropout (largest first), then weight decay (largest
 * first), then the learning rates in the order given (the learning rate has no regularizing
 * direction here): the order the one-standard-error rule reads as "simpler first".
 *
 * <p>An axis not set holds the base's value. λ is docs/objective.md's (coupled L2, α as the
 * base's); weight decay is decoupled ({@code w ← w − lr·d·w}); a learning rate replaces the base
 * optimizer's with a constant rate (the base's epoch schedule still applies). A base with a
 * weight column ({@link NetworkBuilder#weightColumn}) gives candidates that fit with it, which
 * {@link GridSearchCV} scores weighted (each split's weighted held-out score, the splits
 * weighted by their held-out Σ wᵢ). Immutable and thread-safe.
 *
 * @param <P> the fitted model
 */
public final class MlpGrid<P extends Predictor> {
  private final NetworkKind<P> kind;
  private final List<NetworkCandidate<P>> candidates;
  private final Map<String, List<Double>> axes;

  private MlpGrid(NetworkKind<P> kind, List<NetworkCandidate<P>> candidates,
      Map<String, List<Double>> axes) {
    this.kind = kind;
    this.candidates = candidates;
    this.axes = axes;
  }

  /** A grid around a classifier's settings. */
  public static Builder<NetworkClassifier> builder(MlpClassifier base) {
    return new Builder<>(NetworkKind.CLASSIFIER, base.settings());
  }

  /** A grid around a regressor's settings. */
  public static Builder<NetworkRegressor> builder(MlpRegressor base) {
    return new Builder<>(NetworkKind.REGRESSOR, base.settings());
  }

  /** The candidates, most regularized first. */
  public List<GridSearchCV.Candidate<P>> candidates() {
    return List.copyOf(candidates);
  }

  /** The number of candidates. */
  public int size() {

    return candidates.size();
  }

  NetworkKind<P> kind() {
    return kind;
  }

  /** The values of each axis ("lambda", "dropout", "weight_decay", "learning_rate"). */
  public Map<String, List<Double>> axes() {
    return axes;
  }

  @Override
  public String toString() {
    return "MlpGrid" + axes;
  }

  /** A candidate of the grid: network settings, fitted by this kind's estimator. */
  static final class NetworkCandidate<P extends Predictor> implements GridSearchCV.Candidate<P> {
    private final NetworkKind<P> kind;
    private final NetworkSettings settings;
    private final Map<String, Object> labels;

    NetworkCandidate(NetworkKind<P> kind, NetworkSettings settings, Map<String, Object> labels) {
      this.kind = kind;
      this.settings = settings;
      this.labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    @Override
    public Map<String, Object> settings() {
      return labels;
    }

    @Override
    public Estimator<P> estimator() {
      return new NetworkEstimator<>(kind, settings);
    }

    @Override
    public Estimator<P> estimator(long seed) {
      return new NetworkEstimator<>(kind, settings.withSeed(seed));
    }

    NetworkKind<P> kind() {
      return kind;
    }

    NetworkSettings networkSettings() {
      return settings;
    }
  }

  /** A network estimator of fixed settings ({@code MlpClassifier} or {@code MlpRegressor}). */
  static final class NetworkEstimator<P extends Predictor> implements Estimator<P> {
    private final NetworkKind<P> kind;
    private final NetworkSettings settings;

    NetworkEstimator(NetworkKind<P> kind, NetworkSettings settings) {
      this.kind = kind;
      this.settings = settings;
    }

    @Override
    public P fit(Dataset train) {
      return kind.fit(kind.estimatorName(), settings, train, FitOptions.none());
    }

    @Override
    public String name() {
      return kind.estimatorName();
    }

    NetworkSettings settings() {
      return settings;
    }
  }

  /**
   * The axes of a grid; each defaults to the base's single value. Not thread-safe; what it
   * builds is immutable.
   *
   * @param <P> the fitted model
   */
  public static final class Builder<P extends Predictor> {
    private final NetworkKind<P> kind;
    private final NetworkSettings base;
    private double[] lambdas;
    private double[] dropouts;
    private double[] weightDecays;
    private double[] learningRates;

    Builder(NetworkKind<P> kind, NetworkSettings base) {
      this.kind = kind;
      this.base = base.withThreadsAsTheyAre();
      lambdas = new double[] {base.lambda()};
      dropouts = new double[] {base.dropout()};
      weightDecays = new double[] {base.optimizer().weightDecay()};
      learningRates = new double[] {base.optimizer().schedule().at(1)};
    }

    /** λ values (finite, ≥ 0, distinct; {@link LambdaGrid#of}'s rules). */
    public Builder<P> lambdas(double... values) {
      lambdas = LambdaGrid.of(values).given().orElseThrow();
      return this;
    }

    /** Inverted dropout rates in [0, 1), distinct. */
    public Builder<P> dropouts(double... values) {
      dropouts = checked("dropouts", values, v -> v >= 0 && v < 1, "in [0, 1)");
      return this;
    }

    /** Decoupled weight decays, finite and ≥ 0, distinct. */
    public Builder<P> weightDecays(double... values) {
      weightDecays = checked("weightDecays", values, v -> v >= 0 && Double.isFinite(v),
          "finite numbers >= 0");
      return this;
    }

    /** Constant learning rates, finite and &gt; 0, distinct, in the order to try. */
    public Builder<P> learningRates(double... values) {
      learningRates = values.clone();
      checked("learningRates", values, v -> v > 0 && Double.isFinite(v), "finite numbers > 0");
      return this;
    }

    /** The grid, most regularized first; IllegalArgumentException naming an invalid axis. */
    public MlpGrid<P> build() {
      double[] l = sortedDescending(lambdas);
      double[] p = sortedDescending(dropouts);
      double[] d = sortedDescending(weightDecays);
      List<NetworkCandidate<P>> out = new ArrayList<>();
      for (double lambda : l) {
        for (double dropout : p) {
          for (double decay : d) {
            for (double rate : learningRates) {
              NetworkSettings s = base.withLambda(lambda).withDropout(dropout)
                  .withOptimizer(base.optimizer().weightDecay(decay)
                      .schedule(LearningRateSchedule.constant(rate)));
              Map<String, Object> labels = new LinkedHashMap<>();
              labels.put("lambda", lambda);
              labels.put("dropout", dropout);
              labels.put("weight_decay", decay);
              labels.put("learning_rate", rate);
              out.add(new NetworkCandidate<>(kind, s, labels));
            }
          }
        }
      }
      Map<String, List<Double>> axes = new LinkedHashMap<>();
      axes.put("lambda", boxed(l));
      axes.put("dropout", boxed(p));
      axes.put("weight_decay", boxed(d));
      axes.put("learning_rate", boxed(learningRates));
      return new MlpGrid<>(kind, List.copyOf(out), java.util.Collections.unmodifiableMap(axes));
    }

    private static double[] checked(String name, double[] values,
        java.util.function.DoublePredicate valid, String expected) {
      if (values.length == 0) {
        throw new IllegalArgumentException(name + " must hold at least one value");
      }
      for (int i = 0; i < values.length; i++) {
        if (!valid.test(values[i])) {
          throw new IllegalArgumentException(name + " must be " + expected + "; value "
              + (i + 1) + " of " + values.length + " is " + values[i]);
        }
      }
      dev.tikhonov.internal.data.Repeats.first(values).ifPresent(twice -> {
        throw new IllegalArgumentException(name + " must be distinct; " + twice);
      });
      return values.clone();
    }

    private static double[] sortedDescending(double[] values) {
      double[] s = values.clone();
      Arrays.sort(s);
      for (int i = 0; i < s.length / 2; i++) {
        double t = s[i];
        s[i] = s[s.length - 1 - i];
        s[s.length - 1 - i] = t;
      }
      return s;
    }

    private static List<Double> boxed(double[] values) {
      return Arrays.stream(values).boxed().toList();
    }
  }
}
