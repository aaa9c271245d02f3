package dev.tikhonov.estimate;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.internal.train.RandomStreams;
import dev.tikhonov.loss.Family;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.ObservationWeights;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.TrainResult;
import dev.tikhonov.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one training driver behind every network estimator: checks the data against the family,
 * holds out the validation rows, standardizes on the training rows (the features, and a
 * regressor's target when asked; with their observation weights when given), builds the
 * network from the seed's streams ({@link RandomStreams}), trains it ({@link Trainer}) and
 * wraps the result.
 */
final class NetworkFit {
  /** Why validation rows of weight 0 are refused. */
  private static final String VALIDATION_WEIGHTLESS =
      "nothing to validate on, their weighted loss would have no value";

  private NetworkFit() {}

  /** Fits a classifier (softmax cross-entropy). */
  static NetworkClassifier classifier(String estimator, NetworkSettings s, Initializer init,
      Dataset train, FitOptions options) {
    Fitted f = fit(estimator, s, Family.MULTINOMIAL, init, train, options);
    return new NetworkClassifier(f.model, f.provenance, Optional.of(f.result), s.lambda(),
        s.l1Ratio());
  }

  /** Fits a regressor (squared error ½(y − ŷ)²). */
  static NetworkRegressor regressor(String estimator, NetworkSettings s, Initializer init,
      Dataset train, FitOptions options) {
    Fitted f = fit(estimator, s, Family.GAUSSIAN, init, train, options);
    return new NetworkRegressor(f.model, f.provenance, Optional.of(f.result), s.lambda(),
        s.l1Ratio());
  }

  private record Fitted(Model model, TrainResult result, Provenance provenance) {}

  private static Fitted fit(String estimator, NetworkSettings s, Family family, Initializer init,
      Dataset data, FitOptions options) {
    java.util.Objects.requireNonNull(data, "train");
    java.util.Objects.requireNonNull(options, "options");
    requireFamily(estimator, family, data);
    if (options.resumeFrom().isPresent() && !options.initialWeights().isEmpty()) {
      throw new IllegalArgumentException("a fit either resumes from a checkpoint or starts from"
          + " initial weights, not both");
    }
    requireRowsAndColumns(data);
    if (!s.standardize()) {
      requireFloatRange(data);
    }
    requireVaryingTarget(data);
    return s.threads().isPresent()
        ? Blas.withThreads(s.threads().getAsInt(),
            () -> train(estimator, s, family, init, data, options))
        : train(estimator, s, family, init, data, options);
  }

  /**
   * Refuses features that float32, in which a network computes, cannot hold: values the data
   * set holds in double beyond ±{@link Float#MAX_VALUE} become ±∞ in {@link Dataset#features()}
   * (the float32 copy training uses unstandardized). A network that standardizes does so in
   * double first ({@link Standardizer}), so it never rounds the raw values.
   */
  private static void requireFloatRange(Dataset data) {
    Matrix x = data.features();
    int p = x.cols();
    for (int k = 0, size = x.size(); k < size; k++) {
      if (!Float.isFinite(x.at(k))) {
        int i = k / p;
        int j = k % p;
        throw new InputException(data.source() + ": row " + (i + 1) + ", column " + (j + 1)
            + ": " + data.feature(i, j) + " is beyond float32's range (±" + Float.MAX_VALUE
            + "), in which a network computes; rescale the column, or standardize the features"
            + " (a network that standardizes does so in double first)");
      }
    }
  }

  /**
   * Refuses a feature of dense doubles (a Dataset built from {@code double[][]}, which the
   * readers' check does not see) whose float32 copy, the values a network trains on without
   * standardization, would be zeros or keep few digits: the readers' message
   * ({@link Numbers.Float32Column}), naming the data's source and the column.
   */
  private static void requireFloat32Columns(Dataset data) {
    if (!data.holdsDoubles() || data.isSparse()) {
      return;
    }
    for (int j = 0; j < data.numFeatures(); j++) {
      Numbers.Float32Column values = new Numbers.Float32Column();
      for (int i = 0; i < data.numRows(); i++) {
        values.add(data.feature(i, j));
      }
      String column = data.featureNames().get(j);
      values.problem().ifPresent(problem -> {
        throw new InputException(data.source() + " (column " + Numbers.quote(column) + "): "
            + problem);
      });
    }
  }

  /**
   * Refuses a target whose values are all equal, as the linear paths do (glmnet too): for a
   * regressor the one thing to learn is that value, and a network fitted to it ends at rounding
   * noise around it, worse than the constant (and with R² undefined); for a classifier, rows of
   * one class teach nothing about telling classes apart (with λ = 0 the loss has no minimum,
   * and the fit would stop wherever its epochs end; scikit-learn's and glmnet's classifiers
   * refuse it too). Also the searches' first check ({@link Resampling#requireVaryingTargets},
   * {@link MlpPath#lambdas(Dataset)}): all rows' one value is the data's fault, not a split's.
   * {@code data} has ≥ 1 row.
   */
  static void requireVaryingTarget(Dataset data) {
    java.util.OptionalDouble value =
        constantTarget(data, java.util.stream.IntStream.range(0, data.numRows()).toArray());
    if (value.isPresent()) {
      throw new ConstantTargetException(constantTargetProblem(data, value.getAsDouble()));
    }
  }

  /**
   * {@link #requireVaryingTarget(Dataset)} on the rows that weigh: a target of one value on the
   * rows of positive weight by {@code column} (the others are rows left out; {@code weights},
   * one per row of {@code data}, not all 0) is refused in the same words, saying which rows:
   * "the target is constant (5.0) on the rows of positive weight ("w"): nothing to fit". The
   * weighted λ grid's λ_max is 0 there, or the rounding of the weighted mean ȳ_w: a grid from
   * nothing.
   */
  static void requireVaryingTarget(Dataset data, double[] weights, String column) {
    int[] rows = java.util.stream.IntStream.range(0, data.numRows()).filter(i -> weights[i] > 0)
        .toArray();
    java.util.OptionalDouble value = constantTarget(data, rows);
    if (value.isPresent()) {
      throw new ConstantTargetException(constantTargetProblem(data, value.getAsDouble(),
          " of positive weight (\"" + column + "\")"));
    }
  }

  /**
   * What a target of one value leaves to fit: "the target is constant (5.0): nothing to fit",
   * or for classes "the rows are all of class "a" (of the 2 declared): a classifier needs rows
   * of two classes or more".
   */
  static String constantTargetProblem(Dataset data, double value) {
    return constantTargetProblem(data, value, "");
  }

  /** {@link #constantTargetProblem(Dataset, double)} of the rows {@code which} qualifies. */
  private static String constantTargetProblem(Dataset data, double value, String which) {
    if (!data.isClassification()) {
      return "the target is constant (" + value + ")" + (which.isEmpty() ? "" : " on the rows"
          + which) + ": nothing to fit";
    }
    return "the rows" + which + " are all of class \"" + data.classNames().get((int) value)
        + "\" (of the " + data.numClasses() + " declared): a classifier needs rows of two"
        + " classes or more";
  }

  /** The one target value of {@code rows} (≥ 1) of {@code data}; empty when they vary. */
  static java.util.OptionalDouble constantTarget(Dataset data, int[] rows) {
    double first = data.target(rows[0]);
    for (int i = 1; i < rows.length; i++) {
      if (data.target(rows[i]) != first) {
        return java.util.OptionalDouble.empty();
      }
    }
    return java.util.OptionalDouble.of(first);
  }

  /** The checked fit, at the thread count in force. */
  private static Fitted train(String estimator, NetworkSettings s, Family family,
      Initializer init, Dataset data, FitOptions options) {
    Dataset train = data;
    Dataset validation = options.validation().orElse(null);
    if (s.weightColumn().isPresent()) {
      // every row's weight, numbered as the data's rows, before any split
      ObservationColumns.weights(data, s.weightColumn().get(), "nothing to fit");
    }
    int heldOutRows = 0;
    if (validation != null) {
      requireSameColumns(train, validation);
    } else if (s.validationFraction() > 0) {
      TrainTest split = validationSplit(train, s.validationFraction(), s.seed() + 1);
      if (s.weightColumn().isPresent()) {
        requireWeightedParts(split, data, s.weightColumn().get(), s.validationFraction());
      }
      train = split.train();
      validation = split.test();
      heldOutRows = validation.numRows();
    }
    ObservationWeights weights = ObservationWeights.none();
    if (s.weightColumn().isPresent()) {
      String column = s.weightColumn().get();
      // (the parts of a split were checked by requireWeightedParts)
      ObservationColumns.Weighted t = ObservationColumns.weights(train, column,
          "nothing to fit");
      // a target of one value on the rows fitted that weigh leaves nothing to fit, as on all
      // rows (MlpPath's check); after the split's own checks, which name the part at fault
      requireVaryingTarget(t.data(), t.weights(), column);
      train = t.data();
      double[] validationWeights = new double[0];
      if (validation != null) {
        ObservationColumns.Weighted v = ObservationColumns.weights(validation, column,
            VALIDATION_WEIGHTLESS);
        validation = v.data();
        validationWeights = v.weights();
      }
      weights = new ObservationWeights(t.weights(), validationWeights);
    }
    Optional<Standardizer> standardizer = Optional.empty();
    if (s.standardize()) {
      // From the values as held (double for text and double[][]), rounded to float32 only
      // once standardized: a column like 10⁹ + u keeps its u (Standardizer's javadoc). With
      // observation weights, the weighted mean and 1/Σw sd, as the linear estimators' (glmnet's)
      Standardizer st = Standardizer.fit(train, weights.train());
      standardizer = Optional.of(st);
      train = train.withFeatures(st.transform(train));
      if (validation != null) {
        validation = validation.withFeatures(st.transform(validation));
      }
    } else {
      requireFloat32Columns(train);
    }
    TargetScale target = TargetScale.NONE;
    if (family == Family.GAUSSIAN && s.standardizeTarget()) {
      target = TargetScale.of(train, weights.train());
      train = target.standardize(train);
      if (validation != null) {
        validation = target.standardize(validation);
      }
    }
    int batch = Math.min(s.batchSize(), train.numRows());
    long batchesPerEpoch = (train.numRows() + batch - 1) / batch;
    OptimizerConfig optimizer = s.optimizer();
    if (s.epochSchedule().kind() != EpochSchedule.Kind.CONSTANT) {
      optimizer = optimizer.schedule(s.epochSchedule().inSteps(optimizer.schedule().at(1),
          batchesPerEpoch, s.epochs()));
    }
    TrainConfig config = new TrainConfig(s.epochs(), s.batchSize(), s.seed(),
        Penalty.elasticNet(s.lambda(), s.l1Ratio()), optimizer, s.patience());
    Architecture architecture = new Architecture(s.hiddenLayers(), s.dropout());
    ModelSpec spec = new ModelSpec(architecture, family, init);
    RandomStreams random = RandomStreams.of(s.seed());
    int outputs = family == Family.MULTINOMIAL ? train.numClasses() : 1;
    Sequential network = architecture.build(train.numFeatures(), outputs, init, random.init(),
        random.dropout());
    if (!options.initialWeights().isEmpty()) {
      startFrom(network, options.initialWeights());
      target.unfold(network);
    }
    TrainResult result = new Trainer(config, options.listener()).fit(network,
        family.networkLoss(), train, Optional.ofNullable(validation), random.shuffle(),
        options.resumeFrom(), weights);
    target.fold(network);
    Model model = new Model(spec, network, train.featureNames(), train.classNames(),
        standardizer);
    Map<String, Object> settings = s.toMap();
    if (s.hiddenLayers().isEmpty()) {
      settings.remove("hidden_layers");
      settings.remove("dropout");
    }
    if (family == Family.GAUSSIAN) {
      settings.put("standardize_target", s.standardizeTarget());
    }
    if (heldOutRows > 0) {
      // how many rows validation_fraction's share of these training rows came to
      settings.put("held_out_rows", heldOutRows);
    }
    Provenance provenance = Provenance.of(estimator, settings, OptionalLong.of(s.seed()),
        data);
    return new Fitted(model, result, provenance);
  }

  /**
   * A regressor's target standardization z = (y − mean)/scale ({@link
   * NetworkSettings#standardizeTarget()}): the training and validation targets are standardized
   * before training, and the output layer of the trained network is rescaled after it, so the
   * model predicts y = scale·f(x) + mean. {@link #NONE} (mean 0, scale 1) changes nothing.
   */
  record TargetScale(double mean, double scale) {
    static final TargetScale NONE = new TargetScale(0, 1);

    /**
     * The training rows' target mean and 1/n standard deviation, {@link
     * Standardizer#fitTarget}: in double from the targets as the data set holds them (a target
     * such as 10⁶ + 0.1·t keeps the variation that float32's spacing of 0.0625 at 10⁶ would
     * round away), scale 1 for a target constant up to rounding. With observation weights
     * ({@link #of(Dataset, double[])}) the weighted mean and the 1/Σw standard deviation.
     */
    static TargetScale of(Dataset train) {
      return of(train, new double[0]);
    }

    /** {@link #of(Dataset)} with observation weights; empty for none. */
    static TargetScale of(Dataset train, double[] weights) {
      Standardizer st = Standardizer.fitTarget(train, weights);
      return new TargetScale(st.mean()[0], st.scale()[0]);
    }

    /** The same rows with standardized targets (float32, as the network trains on them). */
    Dataset standardize(Dataset data) {
      Matrix z = Matrix.zeros(data.numRows(), 1);
      for (int i = 0; i < data.numRows(); i++) {
        z.put(i, (float) ((data.target(i) - mean) / scale));
      }
      return new Dataset(data.features(), z, data.featureNames(), data.classNames(),
          data.source());
    }

    /** The output layer from the standardized scale to y's: weights ·scale, bias ·scale + mean. */
    void fold(Sequential network) {
      if (this != NONE) {
        affine(output(network), scale, mean);
      }
    }

    /**
     * The inverse of {@link #fold}: initial weights, given as a model of y (a path's previous
     * fit, a caller's), brought to the standardized scale the network trains on.
     */
    void unfold(Sequential network) {
      if (this != NONE) {
        affine(output(network), 1 / scale, -mean / scale);
      }
    }

    /** w ← a·w, b ← a·b + c, in double, rounded to float32 once. */
    private static void affine(Dense layer, double a, double c) {
      Matrix w = layer.weight().value();
      for (int r = 0; r < w.rows(); r++) {
        for (int k = 0; k < w.cols(); k++) {
          w.set(r, k, (float) (a * w.get(r, k)));
        }
      }
      Matrix b = layer.bias().value();
      for (int r = 0; r < b.rows(); r++) {
        for (int k = 0; k < b.cols(); k++) {
          b.set(r, k, (float) (a * b.get(r, k) + c));
        }
      }
    }

    private static Dense output(Sequential network) {
      Dense last = null;
      for (Layer layer : network.layers()) {
        if (layer instanceof Dense d) {
          last = d;
        }
      }
      return last;
    }
  }

  /**
   * Copies {@code layers} into the dense layers of {@code network}, input side first (the random
   * initialization has already consumed its generator, so everything after it is as in a cold
   * fit). IllegalArgumentException when the count or a shape differs, or a value is not finite.
   */
  private static void startFrom(Sequential network, List<LayerWeights> layers) {
    List<Dense> dense = new ArrayList<>();
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense d) {
        dense.add(d);
      }
    }
    if (dense.size() != layers.size()) {
      throw new IllegalArgumentException("initial weights hold " + layers.size()
          + " dense layers, the network has " + dense.size());
    }
    for (int l = 0; l < dense.size(); l++) {
      Matrix w = dense.get(l).weight().value();
      Matrix b = dense.get(l).bias().value();
      LayerWeights from = layers.get(l);
      if (from.inputs() != w.rows() || from.outputs() != w.cols()) {
        throw new IllegalArgumentException("initial weights: dense layer " + (l + 1) + " is "
            + from.inputs() + "×" + from.outputs() + ", the network's is " + w.rows() + "×"
            + w.cols());
      }
      if (from.weight().length != w.size() || from.bias().length != b.size()) {
        throw new IllegalArgumentException("initial weights: dense layer " + (l + 1) + " holds "
            + from.weight().length + " weights and " + from.bias().length + " biases for "
            + w.rows() + "×" + w.cols() + " and " + b.size());
      }
      Matrix weight = Matrix.of(w.rows(), w.cols(), from.weight());
      Matrix bias = Matrix.of(b.rows(), b.cols(), from.bias());
      if (!weight.allFinite() || !bias.allFinite()) {
        throw new IllegalArgumentException("initial weights: dense layer " + (l + 1)
            + " holds a value that is not finite");
      }
      w.copyFrom(weight);
      b.copyFrom(bias);
    }
  }

  private static void requireFamily(String estimator, Family family, Dataset data) {
    Features.requireTarget(data);
    if (family == Family.MULTINOMIAL && !data.isClassification()) {
      throw new InputException(data.source() + ": " + estimator + " needs class labels, but "
          + "the target is a number; " + ClassLabels.howToGiveClasses(data));
    }
    if (family == Family.MULTINOMIAL) {
      Features.requireDiscreteLabels(estimator, data);
    }
    if (family == Family.GAUSSIAN && data.isClassification()) {
      throw new InputException(data.source() + ": " + estimator + " predicts numbers, but the "
          + "target holds class labels; use a classifier or read the target as a number");
    }
  }

  /** A network needs at least one row to train on and one feature column as its input. */
  static void requireRowsAndColumns(Dataset data) {
    if (data.numRows() == 0) {
      throw new InputException(data.source() + ": no rows to train on");
    }
    Features.requireFeatureColumns(data);
  }

  /**
   * Refuses a validation split that leaves the weights of either part all 0, in {@link
   * #validationSplit}'s words: {@code data}'s weights (checked before) are not, the split put
   * them all on one side. Nothing is fitted when the fitted rows weigh 0; when the held-out rows
   * do, their weighted loss (early stopping's measure) would be 0/0. {@link MlpPath}'s split
   * ({@link PathEngine#prepare}) is refused the same way.
   */
  static void requireWeightedParts(TrainTest split, Dataset data, String column,
      double fraction) {
    boolean fitted = weightless(split.train(), column);
    if (!fitted && !weightless(split.test(), column)) {
      return;
    }
    Dataset part = fitted ? split.train() : split.test();
    boolean one = java.util.Arrays.stream(data.column(column)).filter(w -> w > 0).count() == 1;
    throw InputException.about("validationFraction", " " + fraction + " of the " + data.numRows()
        + " training rows of " + data.source() + (fitted ? " leaves " + part.numRows()
            + " rows to fit" : " holds out " + part.numRows() + " rows for validation")
        + ", whose weights (\"" + column + "\") are all 0: " + (fitted ? "nothing to fit"
            : VALIDATION_WEIGHTLESS) + "; "
        + (one ? "one row has a weight above 0, and each part needs one; give more rows weight"
            : "hold out another share, or split with another seed"));
  }

  /** Whether the rows of {@code part} all weigh 0 by {@code column} (one of its columns). */
  static boolean weightless(Dataset part, String column) {
    return java.util.Arrays.stream(part.column(column)).sum() == 0;
  }

  /**
   * The validation data's columns are the training data's: the same names in the same order,
   * or, when the validation data's columns have no names, as many (matched by position, as
   * {@link Features} does at prediction).
   */
  private static void requireSameColumns(Dataset train, Dataset validation) {
    if (!validation.hasNamedFeatures()
        ? train.numFeatures() != validation.numFeatures()
        : !train.featureNames().equals(validation.featureNames())) {
      throw new InputException(validation.source() + ": the validation data's features differ "
          + "from the training data's");
    }
    if (!train.classNames().equals(validation.classNames())) {
      throw new InputException(validation.source() + ": the validation data's classes "
          + dev.tikhonov.internal.data.ClassLabels.listed(validation.classNames())
          + " differ from the training data's "
          + dev.tikhonov.internal.data.ClassLabels.listed(train.classNames()));
    }
  }

  /**
   * The training rows split into the part that is fitted and the validation part; when either
   * would be empty, an InputException that names the setting (validationFraction), not the
   * test fraction of the split underneath. So, too, when a regression target that varies is
   * constant on the part left to fit (the rows that vary all held out): a single fit trained
   * on that one value, and a search's part (MlpPath's, whose parts are split before their
   * fits) was refused as if the data's target were constant.
   */
  static TrainTest validationSplit(Dataset data, double fraction, long seed) {
    int n = data.numRows();
    long held = Math.round(n * fraction);
    if (held < 1 || held > n - 1) {
      throw InputException.about("validationFraction", " " + fraction + " of the " + n
          + " training rows of " + data.source() + " holds out " + held + "; the fitted and the"
          + " validation part each need at least one row");
    }
    if (data.isClassification()) {
      return Splits.stratifiedTrainTest(data, fraction, seed);
    }
    TrainTest split = Splits.trainTest(data, fraction, seed);
    java.util.OptionalDouble value = constantTarget(split.train(),
        java.util.stream.IntStream.range(0, split.train().numRows()).toArray());
    if (value.isPresent() && constantTarget(data,
        java.util.stream.IntStream.range(0, n).toArray()).isEmpty()) {
      // one row left: any seed leaves one row, whose target is one value
      boolean one = split.train().numRows() == 1;
      throw InputException.about("validationFraction", " " + fraction + " of the " + n
          + " training rows of " + data.source() + " leaves " + (one ? "1 row to fit, whose"
          + " target is one value (" : split.train().numRows() + " rows to fit, whose target is"
          + " constant (") + value.getAsDouble() + "): nothing to fit; hold out a smaller share,"
          + (one ? " or give more rows" : " or split with another seed"));
    }
    return split;
  }
}
