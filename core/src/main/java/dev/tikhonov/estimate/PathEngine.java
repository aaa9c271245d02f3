package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.train.DivergenceException;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.TrainResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The fits of an {@link MlpPath}: split off the validation rows once, then λ by λ in the path's
 * direction, each from the previous λ's kept weights (warm) or from the random initialization
 * (cold), scoring held-out rows when a cross-validation asks. {@link MlpPath#fit} and
 * {@link MlpPathCV} share it. Stateless apart from the path's immutable settings; thread-safe.
 *
 * @param <P> the fitted model
 */
final class PathEngine<P extends Predictor> {
  private final MlpPath<P> path;
  private final NetworkKind<P> kind;
  private final CvMeasure measure;

  /** The engine of a path whose parts have no held-out rows to score. */
  PathEngine(MlpPath<P> path) {
    this(path, CvMeasure.DEVIANCE);
  }

  /** The engine of a cross-validation scoring its held-out rows by {@code measure}. */
  PathEngine(MlpPath<P> path, CvMeasure measure) {
    this.path = path;
    this.kind = path.kind();
    this.measure = measure;
  }

  /**
   * The rows one path is fitted and scored on: the training rows less the validation rows, the
   * validation rows, the held-out rows of a cross-validation split (if any), the seed.
   */
  record Part(Dataset fitRows, Optional<Dataset> validation, Optional<Dataset> heldOut,
      OptionalLong seed, String label) {}

  /** One λ's fit: its point, its model (when kept), its scores on the held-out rows. */
  record Step<P>(MlpPath.Point point, Optional<P> model, Optional<SearchMeasures.HeldOut> heldOut,
      List<LayerWeights> weights) {}

  /**
   * Splits off the validation rows of {@code data} (seeded by the fit's seed + 1). With the
   * base's weight column, an InputException about validationFraction when the split leaves
   * either part weights all 0 ({@link NetworkFit#requireWeightedParts}, a single fit's refusal):
   * rows of weight 0 are drawn as any others. Rows that weigh 0 all together are left to the
   * fits' own refusal.
   */
  Part prepare(Dataset data, Optional<Dataset> heldOut, OptionalLong seed, String label) {
    NetworkFit.requireRowsAndColumns(data);
    if (path.validationFraction() == 0) {
      return new Part(data, Optional.empty(), heldOut, seed, label);
    }
    long s = seed.orElse(path.baseSettings().seed());
    TrainTest split = NetworkFit.validationSplit(data, path.validationFraction(), s + 1);
    java.util.Optional<String> column = path.baseSettings().weightColumn();
    if (column.isPresent() && !NetworkFit.weightless(data, column.get())) {
      // drawn without regard to weight, as a single fit's split: either part may weigh 0
      NetworkFit.requireWeightedParts(split, data, column.get(), path.validationFraction());
    }
    return new Part(split.train(), Optional.of(split.test()), heldOut, seed, label);
  }

  /**
   * The fits of the whole grid on {@code part}, one after another in the path's direction (warm
   * starts chain them); the steps in the grid's (decreasing) order.
   *
   * @param sideBySide the fits run next to others: leave OpenBLAS's threads as they are
   * @param keepModels keep each λ's model in its step
   */
  List<Step<P>> run(Part part, double[] lambdas, boolean sideBySide, boolean keepModels,
      FitCounter counter) {
    int m = lambdas.length;
    List<Step<P>> steps = new ArrayList<>(java.util.Collections.nCopies(m, null));
    List<LayerWeights> previous = List.of();
    for (int visit = 0; visit < m; visit++) {
      int l = path.direction() == MlpPath.Direction.DECREASING_LAMBDA ? visit : m - 1 - visit;
      Step<P> step = fitAt(part, lambdas[l], visit, path.start() == MlpPath.Start.WARM ? previous : List.of(),
          sideBySide, keepModels);
      steps.set(l, step);
      previous = step.weights();
      counter.finished(part.label() + ", λ = " + Digits.few(lambdas[l]));
    }
    return steps;
  }

  /**
   * λ's fit on {@code part} as the {@code visit}-th of its path (the first has the full
   * budget), from {@code from} (empty: the random initialization).
   */
  Step<P> fitAt(Part part, double lambda, int visit, List<LayerWeights> from,
      boolean sideBySide, boolean keepModel) {
    NetworkSettings base = path.baseSettings();
    int epochs = path.start() == MlpPath.Start.WARM && visit > 0 ? path.warmEpochs()
        : base.epochs();
    NetworkSettings s = base.withLambda(lambda).withBudget(epochs, path.patience());
    if (part.seed().isPresent()) {
      s = s.withSeed(part.seed().getAsLong());
    }
    if (sideBySide) {
      s = s.withThreadsAsTheyAre();
    }
    FitOptions options = FitOptions.none();
    if (part.validation().isPresent()) {
      options = options.withValidation(part.validation().get());
    }
    if (!from.isEmpty()) {
      options = options.withInitialWeights(from);
    }
    long wall = System.nanoTime();
    long cpu = threadCpuNanos();
    P model;
    try {
      model = kind.fit(kind.estimatorName(), s, part.fitRows(), options);
    } catch (DivergenceException e) {
      throw new DivergenceException(part.label() + ", λ = " + Digits.few(lambda) + ": "
          + e.getMessage(), e.epoch(), e.batch());
    }
    List<LayerWeights> layers = kind.layers(model);
    // weighted by the base's column, as GridSearchCV scores a weighted candidate
    Optional<SearchMeasures.HeldOut> heldOut = part.heldOut().map(h -> SearchMeasures.HeldOut.of(
        measure, base.weightColumn().isPresent() ? model.evaluate(h, base.weightColumn().get())
            : model.evaluate(h)));
    long cpuEnd = threadCpuNanos();
    MlpPath.Point point = point(lambda, kind.training(model), layers, (System.nanoTime() - wall) / 1e9,
        cpu < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpu) / 1e9);
    return new Step<>(point, keepModel ? Optional.of(model) : Optional.empty(), heldOut, layers);
  }

  /** CPU time of the current thread in nanoseconds, −1 when the JVM cannot tell. */
  private static long threadCpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory
        .getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
  }

  MlpPath.Fit<P> fit(double[] lambdas, Part part, List<Step<P>> steps, double seconds) {
    List<MlpPath.Point> points = new ArrayList<>();
    List<P> models = new ArrayList<>();
    for (Step<P> step : steps) {
      points.add(step.point());
      step.model().ifPresent(models::add);
    }
    return new MlpPath.Fit<>(kind, lambdas, points, models, part.fitRows(), path.start(),
        path.baseSettings().l1Ratio(), path.baseSettings().weightColumn(), seconds);
  }

  private static MlpPath.Point point(double lambda, TrainResult result, List<LayerWeights> layers,
      double seconds, double cpuSeconds) {
    List<EpochRecord> epochs = result.history().epochs();
    EpochRecord kept = epochs.get(result.bestEpoch() - 1);
    double[] norms = new double[layers.size()];
    for (int l = 0; l < norms.length; l++) {
      norms[l] = layers.get(l).norm();
    }
    return new MlpPath.Point(lambda,
        kept.valLoss(), kept.valAccuracy(),
        kept.trainLoss(), result.penalty(), norms, epochs.size(), result.bestEpoch(),
        result.stoppedEarly(), seconds, cpuSeconds);
  }

}
