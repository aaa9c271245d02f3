package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Provenance;
import dev.tikhonov.internal.data.LibraryVersion;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.GaussianStatistics;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.FoldException;
import dev.tikhonov.select.FoldStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The elastic-net regularization path with K-fold cross-validation on a Spark
 * {@code Dataset}, as a Spark ML {@code Estimator} (usable in a {@code Pipeline}). At every λ of
 * the path it minimizes DESIGN.md's objective with weights,
 *
 * <pre>
 *   (1/2W) Σᵢ wᵢ (yᵢ − a₀ − xᵢ·b)² + λ Σⱼ [(1−α)/2 · bⱼ² + α · |bⱼ|],   W = Σᵢ wᵢ,
 * </pre>
 *
 * glmnet's gaussian objective with its weights normalized to sum 1, α = {@code l1Ratio}; with
 * {@code standardize} the penalty applies to the features scaled to unit variance (divisor W,
 * as glmnet) and the coefficients are reported on the original scale. λ is chosen by
 * cross-validation with cv.glmnet's definitions ({@code selection}: {@code min}, the λ of the
 * smallest mean held-out error, or {@code 1se}, the largest λ within one standard error of it).
 * docs/spark.md has the mapping to MLlib's {@code regParam}/{@code elasticNetParam}.
 *
 * <pre>{@code
 * // train: a "features" column of vectors and a "label" column of 0s and 1s
 * SparkElasticNetModel model = new SparkElasticNetCV()
 *     .setFamily("binomial").setL1Ratio(0.5).setNumFolds(10).setSelection("1se")
 *     .fit(train);
 * Dataset<Row> scored = model.setProbabilityCol("probability").transform(test);
 * System.out.println(model);                 // family, λ chosen, features, nonzeros
 * model.write().overwrite().save("model");   // SparkElasticNetModel.load("model")
 * }</pre>
 *
 * <p>How: one distributed pass ({@link #sufficientStatistics}) computes the weighted sufficient
 * statistics of every fold; the path and every fold's path then run on the driver from those
 * statistics alone (covariance-mode coordinate descent), so the data are read once for the whole
 * path and the whole cross-validation.
 *
 * <p>With {@code family} "binomial" (labels 0 and 1) it fits the two-class logistic elastic net,
 * Σᵢ ωᵢ [log(1 + e^ηᵢ) − yᵢηᵢ] + λ·penalty with ωᵢ = wᵢ/W, and with "poisson" (labels counts,
 * finite numbers ≥ 0) the Poisson elastic net with the log link, Σᵢ ωᵢ [e^ηᵢ − yᵢηᵢ] +
 * λ·penalty (glmnet's {@code fishnet}; the model predicts the mean count e^η), by distributed
 * proximal Newton (IRLS, {@link SingleResponseIrls}; Poisson steps that raise the objective are
 * halved, a pass each): after the statistics pass, each pass computes the weighted Gram
 * matrix, gradient and deviance of every fit still on its path (all rows, and each fold's
 * training rows) at its current coefficients, and the driver certifies (the core's KKT
 * residual) and takes the Newton step; a last pass scores the held-out folds. A few passes per
 * λ ({@link SparkElasticNetModel#dataPasses()}); cache the input. With "multinomial" (labels the
 * class indices 0..C−1) it fits glmnet's ungrouped multinomial (one coefficient vector and
 * intercept per class), Σᵢ ωᵢ [log Σ꜀ e^{ηᵢ꜀} − ηᵢ,yᵢ] + λ·Σ꜀ penalty(b꜀), by the same
 * distributed IRLS with all classes stepped from one pass ({@link MultinomialIrls}). The driver
 * holds K + 1 matrices of p×p doubles (multinomial: (K + 1)·C², the full Hessians), so p is
 * limited (4096 features, and (K + 1)·p²·8 bytes, times C² for multinomial, within half the
 * driver's heap; docs/spark.md).
 *
 * <p>Params (Spark-style, each with a setter and a getter): {@code featuresCol} ("features"),
 * {@code labelCol} ("label"), {@code weightCol} (optional), {@code foldCol} (optional fold ids
 * 1..K; else content-hashed random folds, {@link RandomFolds}), {@code predictionCol}
 * ("prediction"), {@code probabilityCol} (optional: class probabilities, a vector),
 * {@code rawPredictionCol} (optional: class margins, a vector, MLlib's), {@code family} ("gaussian"), {@code l1Ratio} (1.0), {@code lambdas}
 * (optional; else glmnet's sequence from the data), {@code numLambdas} (100),
 * {@code lambdaMinRatio} (optional; glmnet's default), {@code maxFeatures} (optional:
 * glmnet's {@code dfmax}, {@link #setMaxFeatures}), {@code maxEverActive} (optional:
 * glmnet's {@code pmax}, {@link #setMaxEverActive}), {@code standardize} (true),
 * {@code numFolds} (10), {@code seed} (0), {@code selection} ("min"), {@code measure}
 * ("deviance": what the folds are scored by, cv.glmnet's {@code type.measure}; "mse", "mae",
 * "class", "auc"; {@link #cvMeasure}), {@code tolerance}
 * (1e-3: the relative duality gap every λ is certified to, as the core's
 * {@code PathSettings}), {@code aggregationDepth} (2), {@code keepOutOfFold} (false: keep the
 * fold paths for the model's {@link SparkElasticNetModel#outOfFold}, every row's out-of-fold
 * linear predictor per λ, cv.glmnet's {@code keep = TRUE}).
 *
 * <p>Not thread-safe while its params are being set (Spark's Params); {@code fit} does not
 * modify it.
 */
public final class SparkElasticNetCV extends Estimator<SparkElasticNetModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> weightCol;
  private final Param<String> foldCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;
  private final Param<String> family;
  private final DoubleParam l1Ratio;
  private final DoubleArrayParam lambdas;
  private final IntParam numLambdas;
  private final BooleanParam standardize;
  private final IntParam numFolds;
  private final LongParam seed;
  private final Param<String> selection;
  private final Param<String> measure;
  private final DoubleParam tolerance;
  private final DoubleParam lambdaMinRatio;
  private final IntParam aggregationDepth;
  private final IntParam maxFeatures;
  private final IntParam maxEverActive;
  private final BooleanParam keepOutOfFold;

  /** An estimator with the default params (class javadoc) and a random uid. */
  public SparkElasticNetCV() {
    this(Identifiable.randomUID("tikhonovElasticNetCV"));
  }

  /**
   * An estimator with the default params and the uid {@code uid}, Spark's identity of a pipeline
   * stage (the constructor Spark's readers call).
   */
  public SparkElasticNetCV(String uid) {

    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features column: vectors");
    labelCol = new Param<>(this, "labelCol", "label column: numeric");
    weightCol = new Param<>(this, "weightCol",
        "row weight column: numeric ≥ 0 (unset: every row weighs 1)");
    foldCol = new Param<>(this, "foldCol", "fold id column: whole numbers 1..numFolds "
        + "(unset: seeded random folds from each row's content)");
    predictionCol = new Param<>(this, "predictionCol", "prediction column the model adds");
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column the model "
        + "adds, a vector (binomial: P(0), P(1); multinomial: one per class; unset: none)");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "raw prediction (margins) column "
        + "the model adds, a vector (binomial: −η, η with η = a₀ + x·b; multinomial: η꜀ per "
        + "class; unset: none)");
    family = new Param<>(this, "family", "loss: gaussian, binomial (labels 0 and 1), "
        + "multinomial (labels the class indices 0..C−1) or poisson (labels counts ≥ 0)",
        ParamValidators.inArray(List.of("gaussian", "binomial", "multinomial", "poisson")));
    l1Ratio = new DoubleParam(this, "l1Ratio", "α, the L1 share of the penalty, in [0, 1]: "
        + "1 lasso, 0 ridge", ParamValidators.inRange(0, 1));
    lambdas = new DoubleArrayParam(this, "lambdas", "λ values, at least one, finite and ≥ 0"
        + " (unset: glmnet's geometric sequence from λ_max)", new ValidLambdas());
    numLambdas = new IntParam(this, "numLambdas", "number of λ of the default sequence (≥ 1)",
        ParamValidators.gtEq(1));
    standardize = new BooleanParam(this, "standardize",
        "penalize the features scaled to unit variance (divisor W), as glmnet");
    numFolds = new IntParam(this, "numFolds", "K, the number of cross-validation folds (≥ 2)",
        ParamValidators.gtEq(2));
    seed = new LongParam(this, "seed", "seed of the random folds, hashed with each row's label "
        + "and features (not the core's seeded shuffle of the rows: set foldCol for its folds)");
    selection = new Param<>(this, "selection", "which λ the model uses: min (smallest mean "
        + "CV error) or 1se (largest λ within one standard error of it)",
        ParamValidators.inArray(List.of("min", "1se")));
    measure = new Param<>(this, "measure", "what the held-out folds are scored by (cv.glmnet's "
        + "type.measure): deviance, mse, mae (gaussian, poisson and the classes), class "
        + "(binomial, multinomial), auc (binomial; largest is best)",
        ParamValidators.inArray(CvMeasure.ids()));
    tolerance = new DoubleParam(this, "tolerance", "the certificate every λ of every path is "
        + "fitted to: the relative duality gap (> 0 and finite; as the core's PathSettings)",
        ParamValidators.inRange(0, Double.POSITIVE_INFINITY, false, false));
    lambdaMinRatio = new DoubleParam(this, "lambdaMinRatio", "smallest λ of the default "
        + "sequence as a fraction of λ_max, in (0, 1) (unset: glmnet's 1e-4 when n ≥ p, else "
        + "1e-2)",
        ParamValidators.inRange(0, 1, false, false));
    aggregationDepth = new IntParam(this, "aggregationDepth",
        "depth of the tree that merges the partitions' statistics (≥ 1)",
        ParamValidators.gtEq(1));
    maxFeatures = new IntParam(this, "maxFeatures", "glmnet's dfmax (≥ 0): the default λ"
        + " sequence ends after the first λ, from the fifth on, whose fit has more features with"
        + " a nonzero coefficient (in any class); that λ is kept (unset: no limit; a lambdas"
        + " sequence is fitted whole)", ParamValidators.gtEq(0));
    maxEverActive = new IntParam(this, "maxEverActive", "glmnet's pmax (≥ 0): the path ends"
        + " before the first λ whose fit brings more features into the active set (ever nonzero"
        + " along the path, even if back at 0 since); the λ before it is the last (unset: no"
        + " limit; any λ sequence, a lambdas one too; refused if the first λ exceeds it)",
        ParamValidators.gtEq(0));
    keepOutOfFold = new BooleanParam(this, "keepOutOfFold", "keep every fold's coefficients"
        + " at every λ, for the model's outOfFold(data): each row's held-out linear predictor"
        + " per λ (cv.glmnet's keep = TRUE); not saved with the model");
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(family, "gaussian");
    setDefault(l1Ratio, 1.0);
    setDefault(numLambdas, 100);
    setDefault(standardize, true);
    setDefault(numFolds, 10);
    setDefault(seed, 0L);
    setDefault(selection, "min");
    setDefault(measure, CvMeasure.DEVIANCE.id());
    setDefault(tolerance, PathSettings.DEFAULT_TOLERANCE);
    setDefault(aggregationDepth, 2);
    setDefault(keepOutOfFold, false);
  }

  /**
   * The {@code lambdas} param's validator, as Spark's {@code ParamValidators} are: checked by
   * every way of setting it ({@code set}, a {@code ParamMap} given to {@code fit} or
   * {@code copy}, a saved estimator's load), not only {@link #setLambdas}, whose own messages
   * say more. An empty array got past them and was fitted as "unset", glmnet's sequence.
   */
  private static final class ValidLambdas
      extends scala.runtime.AbstractFunction1<double[], Object> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(double[] values) {
      return values.length > 0 && java.util.Arrays.stream(values)
          .allMatch(v -> v >= 0 && v < Double.POSITIVE_INFINITY);
    }
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * The {@code featuresCol} param: the features column, vectors of p numbers (default "features").
   */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /**
   * The {@code labelCol} param: the label column, numeric: the target, 0/1 for binomial, class
   * indices 0..C−1 for multinomial, counts for poisson (default "label").
   */
  public Param<String> labelCol() {
    return labelCol;
  }

  /**
   * The {@code weightCol} param: the row weight column, numeric ≥ 0 (unset: every row weighs 1).
   */
  public Param<String> weightCol() {
    return weightCol;
  }

  /**
   * The {@code foldCol} param: the fold id column, whole numbers 1..numFolds (unset: seeded random
   * folds from each row's content).
   */
  public Param<String> foldCol() {
    return foldCol;
  }

  /**
   * The {@code predictionCol} param: the column of the predictions the model adds (default
   * "prediction").
   */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /**
   * The {@code probabilityCol} param: the class probabilities column the model adds, a vector
   * (unset: none).
   */
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  /**
   * The {@code rawPredictionCol} param: the class margins column the model adds, a vector (unset:
   * none).
   */
  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  /**
   * The {@code family} param: the loss: "gaussian" (default), "binomial", "multinomial" or
   * "poisson".
   */
  public Param<String> family() {
    return family;
  }

  /**
   * The {@code l1Ratio} param: α ∈ [0, 1], the L1 share of the penalty: 1 the lasso (default), 0
   * ridge.
   */
  public DoubleParam l1Ratio() {
    return l1Ratio;
  }

  /**
   * The {@code lambdas} param: the λ values (DESIGN.md's λ), finite and ≥ 0 (unset: glmnet's
   * sequence from λ_max).
   */
  public DoubleArrayParam lambdas() {
    return lambdas;
  }

  /** The {@code numLambdas} param: the number of λ of the default sequence, ≥ 1 (default 100). */
  public IntParam numLambdas() {
    return numLambdas;
  }

  /**
   * The {@code standardize} param: whether the penalty applies to the features scaled to unit
   * variance (default true).
   */
  public BooleanParam standardize() {
    return standardize;
  }

  /** The {@code numFolds} param: K, the number of cross-validation folds, ≥ 2 (default 10). */
  public IntParam numFolds() {
    return numFolds;
  }

  /** The {@code seed} param: the seed of the random folds (default 0). */
  public LongParam seed() {
    return seed;
  }

  /** The {@code selection} param: which λ the model uses: "min" (default) or "1se". */
  public Param<String> selection() {
    return selection;
  }

  /**
   * The {@code measure} param: what the held-out folds are scored by, cv.glmnet's type.measure
   * (default "deviance").
   */
  public Param<String> measure() {
    return measure;
  }

  /**
   * The {@code tolerance} param: the relative duality gap every λ is certified to, &gt; 0 (default
   * 1e-3).
   */
  public DoubleParam tolerance() {
    return tolerance;
  }

  /**
   * The {@code lambdaMinRatio} param: the smallest λ of the default sequence as a fraction of
   * λ_max, in (0, 1) (unset: glmnet's default).
   */
  public DoubleParam lambdaMinRatio() {
    return lambdaMinRatio;
  }

  /**
   * The {@code aggregationDepth} param: the depth of the tree that merges the partitions'
   * statistics, ≥ 1 (default 2).
   */
  public IntParam aggregationDepth() {
    return aggregationDepth;
  }

  /**
   * The {@code maxFeatures} param: glmnet's dfmax, ≥ 0 ({@link #setMaxFeatures}; unset: no limit).
   */
  public IntParam maxFeatures() {
    return maxFeatures;
  }

  /**
   * The {@code maxEverActive} param: glmnet's pmax, ≥ 0 ({@link #setMaxEverActive}; unset: no
   * limit).
   */
  public IntParam maxEverActive() {
    return maxEverActive;
  }

  /**
   * The {@code keepOutOfFold} param: whether the fit keeps the fold paths for out-of-fold
   * predictions (default false).
   */
  public BooleanParam keepOutOfFold() {
    return keepOutOfFold;
  }

  /** Sets {@code featuresCol}: the features column, vectors of p numbers (default "features"). */
  public SparkElasticNetCV setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * Sets {@code labelCol}: the label column, numeric: the target, 0/1 for binomial, class indices
   * 0..C−1 for multinomial, counts for poisson (default "label").
   */
  public SparkElasticNetCV setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /** Sets {@code weightCol}: the row weight column, numeric ≥ 0 (unset: every row weighs 1). */
  public SparkElasticNetCV setWeightCol(String value) {
    set(weightCol, value);
    return this;
  }

  /**
   * Sets {@code foldCol}: the fold id column, whole numbers 1..numFolds (unset: seeded random folds
   * from each row's content, {@link #setSeed}). The way to the core's numbers: the core's
   * {@code ElasticNetCV} given the same ids ({@code foldIds}, or the CLI's {@code --foldid})
   * fits the same folds, so the curve, λ_min and λ_1se agree to the path's tolerance. A column
   * from a row id, the same wherever the row is read:
   * {@code pmod(xxhash64(col("id"), lit(seed)), lit(K)).plus(1)}.
   */
  public SparkElasticNetCV setFoldCol(String value) {
    set(foldCol, value);
    return this;
  }

  /**
   * Sets {@code predictionCol}: the column of the predictions the model adds (default
   * "prediction").
   */
  public SparkElasticNetCV setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * Also add the class probabilities as a vector column (binomial and multinomial), as MLlib's
   * classifiers' {@code probabilityCol}.
   */
  public SparkElasticNetCV setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /**
   * Also add the class margins as a vector column (binomial and multinomial), as MLlib's
   * classifiers' {@code rawPredictionCol} ({@link SparkElasticNetModel#rawPrediction}).
   */
  public SparkElasticNetCV setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  /**
   * Sets {@code family}: the loss: "gaussian" (default), "binomial", "multinomial" or "poisson".
   */
  public SparkElasticNetCV setFamily(String value) {
    set(family, value);
    return this;
  }

  /**
   * Sets {@code l1Ratio}: α ∈ [0, 1], the L1 share of the penalty: 1 the lasso (default), 0 ridge.
   */
  public SparkElasticNetCV setL1Ratio(double value) {
    set(l1Ratio, value);
    return this;
  }

  /** λ values: finite, ≥ 0, at least one (used sorted decreasing, as glmnet). */
  public SparkElasticNetCV setLambdas(double... values) {
    if (values.length == 0) {
      throw new InputException("lambdas: the λ sequence is empty");
    }
    for (double v : values) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new InputException("lambdas: λ values must be finite and ≥ 0, got " + v);
      }
    }
    set(lambdas, values.clone());
    return this;
  }

  /**
   * glmnet's {@code dfmax}, ≥ 0: the default λ sequence ends after the first λ, from the fifth
   * on, whose fit has more than {@code value} features with a nonzero coefficient (in any
   * class); that λ is kept. A {@code lambdas} sequence is fitted whole. Each fold's path
   * follows the same rule on its own sequence (as the core's {@code ElasticNetCV}).
   */
  public SparkElasticNetCV setMaxFeatures(int value) {
    set(maxFeatures, value);
    return this;
  }

  /**
   * glmnet's {@code pmax}, ≥ 0: the path ends before the first λ whose fit brings more than
   * {@code value} features into the active set along the path (features ever nonzero, counted
   * even when they return to 0: glmnet's {@code nin}); the λ before it is the last. Any λ
   * sequence, a {@code lambdas} one too; the fit is refused (an {@code InputException}) when
   * the first λ already exceeds it. Each fold's path has the same limit (as the core's
   * {@code ElasticNetCV}, {@code PathSettings.maxEverActive}). Gaussian paths are the core's;
   * binomial, Poisson and multinomial count the features their Newton steps' coordinate descent
   * makes nonzero, the core's count except at some limits, where their steps let fewer
   * features through and the path ends later (docs/spark.md "Features ever active on Spark").
   */
  public SparkElasticNetCV setMaxEverActive(int value) {
    set(maxEverActive, value);
    return this;
  }

  /**
   * Keep every fold's path at every λ of the full path (K·m·C·(p + 1) doubles on the driver
   * and in the model), so that the model's {@link SparkElasticNetModel#outOfFold} gives every
   * row's out-of-fold linear predictor at every λ, cv.glmnet's {@code keep = TRUE}
   * ({@code fit.preval}). The fit itself is unchanged (the gaussian fit from the statistics
   * fits its K fold paths once more on the driver to keep them). Default false.
   */
  public SparkElasticNetCV setKeepOutOfFold(boolean value) {
    set(keepOutOfFold, value);
    return this;
  }

  /** Sets {@code numLambdas}: the number of λ of the default sequence, ≥ 1 (default 100). */
  public SparkElasticNetCV setNumLambdas(int value) {
    set(numLambdas, value);
    return this;
  }

  /**
   * Sets {@code standardize}: whether the penalty applies to the features scaled to unit variance
   * (default true).
   */
  public SparkElasticNetCV setStandardize(boolean value) {
    set(standardize, value);
    return this;
  }

  /**
   * Sets {@code numFolds}: K, the number of cross-validation folds, ≥ 2 (default 10). Without a
   * {@link #setFoldCol fold column}, a row's fold is a hash of (seed, K, its label and features),
   * so it does not depend on how the data are partitioned or ordered; these are not the folds of
   * the core's {@code ElasticNetCV.numFolds(K).seed(s)} (a seeded shuffle of the rows' order,
   * cv.glmnet's), so λ_min and λ_1se may differ from the core's with the same K and seed. For
   * the same folds in both, give both the same fold ids ({@link #setFoldCol}).
   */
  public SparkElasticNetCV setNumFolds(int value) {
    set(numFolds, value);
    return this;
  }

  /**
   * Sets {@code seed}: the seed of the random folds (default 0), hashed with each row's label
   * and features ({@link #setNumFolds}); not the core's seed of the same value, which shuffles
   * the rows' order. Unused with a {@link #setFoldCol fold column}.
   */
  public SparkElasticNetCV setSeed(long value) {
    set(seed, value);
    return this;
  }

  /** Sets {@code selection}: which λ the model uses: "min" (default) or "1se". */
  public SparkElasticNetCV setSelection(String value) {
    set(selection, value);
    return this;
  }

  /**
   * What the cross-validation scores the held-out folds by, cv.glmnet's {@code type.measure}:
   * "deviance" (the default; the MSE for gaussian), "mse", "mae", "class" (misclassification
   * rate, binomial and multinomial) or "auc" ({@link CvMeasure}, ignoring case). Whether the
   * family takes it is checked by {@link #fit}, as the family may be set after it
   * ({@link #cvMeasure}). The AUC takes a pass of its own, with a shuffle: it ranks each fold's
   * held-out rows at every λ ({@code NewtonPass.heldOutAuc}; n·m small records).
   *
   * @throws InputException naming "measure" for a value that is not a measure
   */
  public SparkElasticNetCV setMeasure(String value) {
    set(measure, CvMeasure.ofId(value).id());
    return this;
  }

  /**
   * Sets {@code tolerance}: the relative duality gap every λ is certified to, &gt; 0 (default
   * 1e-3).
   */
  public SparkElasticNetCV setTolerance(double value) {
    set(tolerance, value);
    return this;
  }

  /**
   * Sets {@code lambdaMinRatio}: the smallest λ of the default sequence as a fraction of λ_max, in
   * (0, 1) (unset: glmnet's default).
   */
  public SparkElasticNetCV setLambdaMinRatio(double value) {
    set(lambdaMinRatio, value);
    return this;
  }

  /**
   * Sets {@code aggregationDepth}: the depth of the tree that merges the partitions' statistics, ≥
   * 1 (default 2).
   */
  public SparkElasticNetCV setAggregationDepth(int value) {
    set(aggregationDepth, value);
    return this;
  }

  /**
   * The {@code featuresCol} value: the features column, vectors of p numbers (default "features").
   */
  public String getFeaturesCol() {
    return $(featuresCol);
  }

  /**
   * The {@code labelCol} value: the label column, numeric: the target, 0/1 for binomial, class
   * indices 0..C−1 for multinomial, counts for poisson (default "label").
   */
  public String getLabelCol() {
    return $(labelCol);
  }

  /** The weight column, if set. */
  public Optional<String> getWeightCol() {
    return isDefined(weightCol) ? Optional.of($(weightCol)) : Optional.empty();
  }

  /** The fold id column, if set. */
  public Optional<String> getFoldCol() {
    return isDefined(foldCol) ? Optional.of($(foldCol)) : Optional.empty();
  }

  /**
   * The {@code predictionCol} value: the column of the predictions the model adds (default
   * "prediction").
   */
  public String getPredictionCol() {
    return $(predictionCol);
  }

  /** The class probabilities column, if set. */
  public Optional<String> getProbabilityCol() {
    return isDefined(probabilityCol) ? Optional.of($(probabilityCol)) : Optional.empty();
  }

  /** The raw prediction (margins) column, if set. */
  public Optional<String> getRawPredictionCol() {
    return isDefined(rawPredictionCol) ? Optional.of($(rawPredictionCol)) : Optional.empty();
  }

  /**
   * The {@code family} value: the loss: "gaussian" (default), "binomial", "multinomial" or
   * "poisson".
   */
  public String getFamily() {
    return $(family);
  }

  /**
   * The {@code l1Ratio} value: α ∈ [0, 1], the L1 share of the penalty: 1 the lasso (default), 0
   * ridge.
   */
  public double getL1Ratio() {
    return (Double) $(l1Ratio);
  }

  /** The λ values, if set (a copy); else the fit uses glmnet's default sequence. */
  public Optional<double[]> getLambdas() {
    return isDefined(lambdas) ? Optional.of($(lambdas).clone()) : Optional.empty();
  }

  /** The {@code numLambdas} value: the number of λ of the default sequence, ≥ 1 (default 100). */
  public int getNumLambdas() {
    return (Integer) $(numLambdas);
  }

  /**
   * The {@code standardize} value: whether the penalty applies to the features scaled to unit
   * variance (default true).
   */
  public boolean getStandardize() {
    return (Boolean) $(standardize);
  }

  /** The {@code numFolds} value: K, the number of cross-validation folds, ≥ 2 (default 10). */
  public int getNumFolds() {
    return (Integer) $(numFolds);
  }

  /** The {@code seed} value: the seed of the random folds (default 0). */
  public long getSeed() {
    return (Long) $(seed);
  }

  /** The {@code selection} value: which λ the model uses: "min" (default) or "1se". */
  public String getSelection() {
    return $(selection);
  }

  /** The measure's id ("deviance" unless set). */
  public String getMeasure() {
    return $(measure);
  }

  /**
   * The measure {@link #fit} scores the folds by: the {@code measure} param, checked against the
   * family.
   *
   * @throws InputException naming "measure" when the family does not take it (class for
   *     gaussian or poisson, auc for any but binomial)
   */
  public CvMeasure cvMeasure() {
    Family f = Family.valueOf(getFamily().toUpperCase(Locale.ROOT));
    return CvMeasure.ofId(getMeasure()).requireAppliesTo(f);
  }
  /**
   * The settings that decide the fit, e.g. {@code SparkElasticNetCV: uid=tikhonovElasticNetCV_…,
   * family=binomial, l1Ratio=1.0, numFolds=10, selection=min, measure=deviance} (Spark's own
   * estimators print their uid only).
   */
  @Override
  public String toString() {
    return "SparkElasticNetCV: uid=" + uid + ", family=" + getFamily() + ", l1Ratio="
        + getL1Ratio() + ", numFolds=" + getNumFolds() + ", selection=" + getSelection()
        + ", measure=" + getMeasure();
  }


  /**
   * The {@code tolerance} value: the relative duality gap every λ is certified to, &gt; 0 (default
   * 1e-3).
   */
  public double getTolerance() {
    return (Double) $(tolerance);
  }

  /** The smallest λ of the default sequence relative to λ_max, if set. */
  public OptionalDouble getLambdaMinRatio() {
    return isDefined(lambdaMinRatio) ? OptionalDouble.of((Double) $(lambdaMinRatio))
        : OptionalDouble.empty();
  }

  /**
   * The core's path settings these params stand for (α, the λ sequence or its length and
   * ratio, standardization, the certificate tolerance, the limits on the features): what
   * {@link #fit} solves with.
   */
  public PathSettings pathSettings() {
    PathSettings.Builder b = PathSettings.builder().l1Ratio(getL1Ratio())
        .numLambdas(getNumLambdas()).standardize(getStandardize()).tolerance(getTolerance());
    getLambdas().ifPresent(b::lambdas);
    getLambdaMinRatio().ifPresent(b::lambdaMinRatio);
    getMaxFeatures().ifPresent(b::maxFeatures);
    getMaxEverActive().ifPresent(b::maxEverActive);
    return b.build();
  }

  /** glmnet's {@code pmax}, if set ({@link #setMaxEverActive}); else no limit. */
  public OptionalInt getMaxEverActive() {
    return isDefined(maxEverActive) ? OptionalInt.of((Integer) $(maxEverActive))
        : OptionalInt.empty();
  }

  /** glmnet's {@code dfmax}, if set ({@link #setMaxFeatures}); else no limit. */
  public OptionalInt getMaxFeatures() {
    return isDefined(maxFeatures) ? OptionalInt.of((Integer) $(maxFeatures))
        : OptionalInt.empty();
  }

  /**
   * The {@code aggregationDepth} value: the depth of the tree that merges the partitions'
   * statistics, ≥ 1 (default 2).
   */
  public int getAggregationDepth() {
    return (Integer) $(aggregationDepth);
  }

  /** Whether the fit keeps the fold paths for out-of-fold predictions. */
  public boolean getKeepOutOfFold() {
    return (Boolean) $(keepOutOfFold);
  }

  /**
   * Checks the input columns (features: vectors; label, weight, fold: numeric; the weight and
   * fold columns neither the label column nor each other) and returns the schema with the
   * prediction column the model adds (and the probability and raw prediction columns, if set).
   */
  @Override
  public StructType transformSchema(StructType schema) {
    getWeightCol().ifPresent(w -> requireOwnColumn("weightCol", w, "labelCol", getLabelCol()));
    getFoldCol().ifPresent(f -> requireOwnColumn("foldCol", f, "labelCol", getLabelCol()));
    getFoldCol().ifPresent(f -> getWeightCol().ifPresent(
        w -> requireOwnColumn("foldCol", f, "weightCol", w)));
    Columns.requireVector(schema, getFeaturesCol());
    Columns.requireNumeric(schema, getLabelCol(), "label");
    getWeightCol().ifPresent(c -> Columns.requireNumeric(schema, c, "weight"));
    getFoldCol().ifPresent(c -> Columns.requireNumeric(schema, c, "fold id"));
    StructType out = Columns.withNewDouble(schema, getPredictionCol());
    Family f = Family.valueOf(getFamily().toUpperCase(Locale.ROOT));
    if (getProbabilityCol().isPresent()) {
      out = Columns.withProbabilities(out, getProbabilityCol().get(), f);
    }
    if (getRawPredictionCol().isPresent()) {
      out = Columns.withRawPredictions(out, getRawPredictionCol().get(), f);
    }
    return out;
  }

  /** A column has one role: labels are not weights, nor fold ids. */
  private static void requireOwnColumn(String param, String column, String otherParam,
      String other) {
    if (column.equals(other)) {
      throw new InputException(param + " '" + column + "' is also the " + otherParam
          + "; a column has one role");
    }
  }

  /**
   * The fold, 1..numFolds, that {@link #fit} without a {@code foldCol} gives each row of
   * {@code data}, in its order: the hash of (seed, numFolds, the row's label and features) that
   * the fit computes on each executor, here of the core's data set of the same rows (its targets,
   * or for classes its class indices, as the label). So the core's cross-validation can run on
   * Spark's folds: {@code ElasticNetCV.gaussian().foldIds(cv.randomFolds(rows))} fits the folds
   * of {@code cv.fit} of a frame of those rows, and gives its curve, λ_min and λ_1se to the
   * path's tolerance. The core's own {@code numFolds(K).seed(s)} shuffles the rows' order
   * instead, which a distributed fit cannot; these ids depend on the rows' content only.
   *
   * @param data the rows, with a target
   * @throws InputException when {@code data} has no target, or fewer rows than numFolds
   */
  public int[] randomFolds(dev.tikhonov.data.Dataset data) {
    if (!data.hasTarget()) {
      throw new InputException("the data have no target; a row's random fold hashes its label"
          + " with its features");
    }
    int k = getNumFolds();
    if (data.numRows() < k) {
      throw InputException.about("numFolds", " (" + k + ") is more than the " + data.numRows()
          + " rows: every fold needs a row; use at most " + data.numRows());
    }
    double[] labels = data.targets();
    double[] row = new double[data.numFeatures()];
    int[] folds = new int[data.numRows()];
    for (int i = 0; i < folds.length; i++) {
      for (int j = 0; j < row.length; j++) {
        row[j] = data.feature(i, j);
      }
      folds[i] = RandomFolds.fold(getSeed(), k, labels[i], Vectors.dense(row));
    }
    return folds;
  }

  /**
   * The one distributed pass: the weighted sufficient statistics of every cross-validation fold
   * (one Spark job that reads the data once). Bit-identical for the same data partitioned the
   * same way, whatever the scheduling (docs/spark.md).
   */
  public FoldStatistics sufficientStatistics(Dataset<?> dataset) {
    return statisticsPass(dataset, Family.GAUSSIAN).statistics();
  }

  /**
   * The pass, with the family's label check when asked (binomial 0 or 1, multinomial class
   * indices, poisson counts ≥ 0), and the rows' fingerprint sums.
   */
  private StatisticsPass.Output statisticsPass(Dataset<?> dataset, Family labels) {
    return statistics(dataset, labels).pass(dataset);
  }

  /** The statistics pass of {@code labels}, after the checks of its input that need no pass. */
  private StatisticsPass statistics(Dataset<?> dataset, Family labels) {
    if (dataset.isStreaming()) {
      // Spark's own refusal comes from deep in the pass and speaks of writeStream.start().
      throw new InputException("the data are a streaming Dataset: a fit needs all its rows, a"
          + " batch Dataset (e.g. the rows so far: a foreachBatch, or the stream's sink read"
          + " back as a table); a fitted model's transform takes streaming data");
    }
    transformSchema(dataset.schema());
    int k = getNumFolds();
    int maxFeatures = DriverLimit.maxFeatures(k);
    OptionalInt size = Columns.vectorSize(dataset.schema(), getFeaturesCol());
    if (size.isPresent() && size.getAsInt() > maxFeatures) {
      throw new InputException(
          DriverLimit.message(getFeaturesCol(), size.getAsInt(), k, maxFeatures));
    }
    return new StatisticsPass(getFeaturesCol(), getLabelCol(), getWeightCol(), getFoldCol(), k,
        getSeed(), maxFeatures, getAggregationDepth(), labels);
  }

  /**
   * Fits the path and its cross-validation and returns the model at the selected λ: one pass
   * over the data ({@link #sufficientStatistics}), then on the driver, from the statistics
   * alone, the path on all rows and each fold's path on its training rows (its own default λ
   * sequence evaluated at the full path's λ by interpolation, as cv.glmnet; the same λ when
   * {@code lambdas} is set), each scored on its held-out fold, with cv.glmnet's mean, standard
   * error, λ_min and λ_1se ({@link CrossValidation#gaussian}, the same code as the
   * single-machine {@code ElasticNetCV}). The folds' paths run on the driver's cores. The folds
   * are scored by the {@code measure} param ({@link #cvMeasure}); the gaussian MAE takes one more
   * pass, scoring the held-out rows ({@link GaussianRowsCrossValidation}).
   *
   * @throws InputException for bad input, naming the column (docs/spark.md, "Bad input"), or
   *     the setting "measure" for a measure the family does not take; a
   *     fold's refusal ({@link FoldException}) unless the label varies in one row only or has
   *     a class of one row, which no folds get past and which is then said instead (one more
   *     small job over the label column, only after the refusal)
   */
  @Override
  public SparkElasticNetModel fit(Dataset<?> dataset) {
    try {
      return fitWithFolds(dataset);
    } catch (FoldException e) {
      throw FoldFeasibility.explain(dataset, getLabelCol(), getWeightCol(),
          getFamily().equals("binomial") || getFamily().equals("multinomial"), e);
    }
  }

  private SparkElasticNetModel fitWithFolds(Dataset<?> dataset) {
    PathSettings settings = pathSettings();
    // Before any pass: a measure the family does not take costs nothing.
    CvMeasure scoredBy = cvMeasure();
    if (getFamily().equals("binomial")) {
      return fitSingleResponse(dataset, settings, IrlsFamily.BINOMIAL, scoredBy);
    }
    if (getFamily().equals("poisson")) {
      return fitSingleResponse(dataset, settings, IrlsFamily.POISSON, scoredBy);
    }
    if (getFamily().equals("multinomial")) {
      return fitMultinomial(dataset, settings, scoredBy);
    }
    StatisticsPass.Output pass = statisticsPass(dataset, Family.GAUSSIAN);
    FoldStatistics statistics = pass.statistics();
    List<String> names = featureNames(dataset, statistics.numFeatures());
    int threads = Math.min(statistics.numFolds(), Runtime.getRuntime().availableProcessors());
    if (scoredBy == CvMeasure.DEVIANCE || scoredBy == CvMeasure.MEAN_SQUARED_ERROR) {
      CrossValidation.Fit fit = CrossValidation.gaussian(statistics, settings, names,
          CrossValidation.Alignment.INTERPOLATE, scoredBy, threads);
      // The fold paths are the core's, fitted again from the same statistics (deterministic,
      // so the very paths the curve scored) only when kept: CrossValidation.gaussian drops them.
      Optional<IrlsCrossValidation.FoldPoints> points = getKeepOutOfFold()
          ? Optional.of(GaussianRowsCrossValidation.foldPoints(statistics, settings, names,
              fit.path().lambdas(), threads))
          : Optional.empty();
      return model(fit.path(), fit.cv(), 1, statistics, fingerprint(pass, names), points);
    }
    // The MAE needs the rows: one more pass, scoring every fold's held-out rows at every λ.
    NewtonPass rows = newtonPass();
    GaussianRowsCrossValidation.Result fit = GaussianRowsCrossValidation.run(statistics,
        settings, names, rows, rows.rows(dataset), scoredBy, threads);
    return model(fit.fit().path(), fit.fit().cv(), 2, statistics, fingerprint(pass, names),
        Optional.of(fit.points()));
  }

  /**
   * The binomial or Poisson path and its cross-validation by distributed IRLS
   * ({@link SingleResponseIrls}): the statistics pass, then one pass per Newton step (or step
   * halving, Poisson) for all K + 1 fits (Poisson: the first at the null model), then one
   * scoring pass. The data are read once per pass: cache them ({@code dataset.cache()}) unless
   * reading them is cheap.
   */
  private SparkElasticNetModel fitSingleResponse(Dataset<?> dataset, PathSettings settings,
      IrlsFamily irls, CvMeasure scoredBy) {
    StatisticsPass.Output first = irlsStatistics(dataset, irls.family());
    FoldStatistics statistics = first.statistics();
    if (scoredBy == CvMeasure.AUC) {
      // from the first pass's per-fold label means, before any Newton pass
      IrlsCrossValidation.requireBothClasses(statistics);
    }
    List<String> names = featureNames(dataset, statistics.numFeatures());
    NewtonPass pass = newtonPass();
    SingleResponseIrls.Result fit = new SingleResponseIrls(pass, irls, settings, names)
        .run(dataset, statistics, scoredBy);
    return model(named(dataset, fit.path()), fit.cv(), fit.passes(), statistics,
        fingerprint(first, names), Optional.of(fit.points()));
  }

  /**
   * The binomial or Poisson path ({@code family}) on all rows without cross-validation: the
   * statistics pass, then one pass per Newton step or halving ({@link SingleResponseIrls}).
   */
  PathSolution singleResponsePath(Dataset<?> dataset) {
    return pathOnly(dataset).path();
  }

  /**
   * The path on all rows without cross-validation, with what a core model at one of its λ needs
   * ({@link FitRecord}), for {@link PathJob}: gaussian, the statistics pass and the path on the
   * driver from the statistics of all rows; binomial and Poisson as
   * {@link #singleResponsePath}, multinomial as {@link #multinomialPath}. The provenance's
   * settings are the path's (no folds, seed, rule or selected λ).
   *
   * @throws InputException for bad input, naming the column
   */
  PathFit pathOnly(Dataset<?> dataset) {
    Family family = Family.valueOf(getFamily().toUpperCase(Locale.ROOT));
    // No folds: the pass still sums the rows by fold (the same total, bit for bit, as a
    // cross-validation's), but a fold without rows is no one's concern here.
    StatisticsPass.Output first = family == Family.GAUSSIAN
        ? statistics(dataset, family).pathPass(dataset)
        : irlsStatistics(dataset, family, StatisticsPass::pathPass);
    GaussianStatistics total = first.total();
    List<String> names = featureNames(dataset, total.numFeatures());
    PathSolution path;
    if (family == Family.GAUSSIAN) {
      path = ElasticNetPath.fit(total, pathSettings(), names);
    } else if (family == Family.MULTINOMIAL) {
      MultinomialPass pass = multinomialPass();
      JavaRDD<Row> rows = pass.rows().rows(dataset);
      MultinomialPass.Classes classes = multinomialClasses(pass, rows, total.numFeatures());
      path = new MultinomialIrls(pass, pathSettings(), names, getLabelCol())
          .path(rows, total, classes);
    } else {
      path = new SingleResponseIrls(newtonPass(), IrlsFamily.valueOf(family.name()),
          pathSettings(), names).path(dataset, total);
    }
    return new PathFit(named(dataset, path), record(total, provenanceSettings(Optional.empty()),
        OptionalLong.empty(), fingerprint(first, names)));
  }

  /** A path without cross-validation and the record of its fit ({@link #pathOnly}). */
  record PathFit(PathSolution path, FitRecord record) {}

  /**
   * The fitted model at the λ the selection param picks, with this estimator's params and the
   * record a core model needs: the penalty's scales from the statistics of all rows the path
   * was fitted on, the factors, the provenance; with {@code keepOutOfFold}, the fold paths at
   * the full path's λ ({@code points}) for its out-of-fold predictions.
   */
  private SparkElasticNetModel model(PathSolution path, CvResult cv, int passes,
      FoldStatistics statistics, String fingerprint,
      Optional<IrlsCrossValidation.FoldPoints> points) {
    int selected = getSelection().equals("1se") ? cv.index1se() : cv.indexMin();
    FitRecord record = record(statistics.total(), provenanceSettings(Optional.of(cv)),
        getFoldCol().isPresent() ? OptionalLong.empty() : OptionalLong.of(getSeed()),
        fingerprint);
    Optional<OutOfFoldScorer> outOfFold = points.filter(p -> getKeepOutOfFold())
        .map(p -> OutOfFoldScorer.of(path.family(), getFeaturesCol(), getLabelCol(),
            getFoldCol(), getNumFolds(), getSeed(), p));
    SparkElasticNetModel model = new SparkElasticNetModel(uid, path, cv, selected, passes,
        Optional.of(record), outOfFold);
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  /**
   * The record of a fit on the rows of {@code total}: the penalty's scales from their
   * statistics, the factors, and the provenance with {@code settings}, the seed,
   * the data's fingerprint ({@link DataFingerprint}) and row count.
   */
  private FitRecord record(GaussianStatistics total, Map<String, Object> settings,
      OptionalLong seed, String fingerprint) {
    return new FitRecord(FitRecord.penaltyScales(total, getStandardize()),
        pathSettings().normalizedPenaltyFactors(total.numFeatures()),
        new Provenance("SparkElasticNetCV", settings, seed, FitRecord.DATA_SOURCE,
            Optional.of(fingerprint), FitRecord.rows(total.count()), LibraryVersion.current(),
            Optional.of(Instant.now().toString())));
  }

  /** The fingerprint of the rows the statistics pass read, with their column names. */
  private String fingerprint(StatisticsPass.Output pass, List<String> names) {
    return DataFingerprint.of(pass.fingerprintSums(), names, getLabelCol(),
        getWeightCol().orElse(""));
  }

  /**
   * The settings by the core's snake_case names (as {@code ElasticNetCV}'s provenance has
   * them, with the fold, weight and aggregation params of this one), plus the measure, λ_min
   * and λ_1se; without {@code cv} (a path alone, {@link #pathOnly}) none of the
   * cross-validation's (folds, seed, rule, measure, λ_min, λ_1se).
   */
  private Map<String, Object> provenanceSettings(Optional<CvResult> cv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", getFamily());
    m.put("l1_ratio", getL1Ratio());
    m.put("num_lambdas", getNumLambdas());
    m.put("lambda_min_ratio", getLambdaMinRatio().isPresent()
        ? getLambdaMinRatio().getAsDouble() : null);
    m.put("lambdas", getLambdas().orElse(null));
    m.put("standardize", getStandardize());
    m.put("tolerance", getTolerance());
    getMaxFeatures().ifPresent(limit -> m.put("max_features", limit));
    getMaxEverActive().ifPresent(limit -> m.put("max_ever_active", limit));
    if (cv.isPresent()) {
      m.put("num_folds", getNumFolds());
      m.put("fold_column", getFoldCol().orElse(null));
      m.put("seed", getSeed());
    }
    m.put("weight_column", getWeightCol().orElse(null));
    m.put("aggregation_depth", getAggregationDepth());
    if (cv.isPresent()) {
      m.put("rule", getSelection());
      m.put("measure", cv.get().measure().id());
      m.put("lambda_min", cv.get().lambdaMin());
      m.put("lambda_1se", cv.get().lambda1se());
    }
    return m;
  }

  /**
   * The statistics pass of an IRLS family, with the driver-memory limit of its Newton passes
   * checked before it when the features column's metadata gives p (binomial and Poisson:
   * (K + 1)·p²·8 bytes; multinomial: at least (K + 1)·4·p²·8, (K + 1)·C²·p²·8 with C ≥ 2 classes) and again
   * after it.
   */
  private StatisticsPass.Output irlsStatistics(Dataset<?> dataset, Family family) {
    return irlsStatistics(dataset, family, StatisticsPass::pass);
  }

  /** {@link #irlsStatistics(Dataset, Family)} by {@code run}: the pass or the path's pass. */
  private StatisticsPass.Output irlsStatistics(Dataset<?> dataset, Family family,
      BiFunction<StatisticsPass, Dataset<?>, StatisticsPass.Output> run) {
    transformSchema(dataset.schema());
    OptionalInt size = Columns.vectorSize(dataset.schema(), getFeaturesCol());
    String classes = family == Family.BINOMIAL ? "2 classes"
        : family == Family.POISSON ? "a count label" : "at least 2 classes";
    int perFit = family == Family.MULTINOMIAL ? 4 : 1;
    if (size.isPresent()) {
      requireIrlsLimit(size.getAsInt(), classes, perFit);
    }
    StatisticsPass.Output pass = run.apply(statistics(dataset, family), dataset);
    requireIrlsLimit(pass.total().numFeatures(), classes, perFit);
    return pass;
  }

  /** The driver-memory limit of the IRLS's Newton passes ({@link DriverLimit}). */
  private void requireIrlsLimit(int numFeatures, String classes, int matricesPerFit) {
    int k = getNumFolds();
    int max = DriverLimit.maxFeatures(k, matricesPerFit);
    if (numFeatures > max) {
      throw new InputException(DriverLimit.irlsMessage(getFeaturesCol(), numFeatures, k,
          classes, matricesPerFit, max));
    }
  }

  /**
   * The multinomial path and its cross-validation by distributed IRLS
   * ({@link MultinomialIrls}): the statistics pass, the class pass, one pass per Newton step (or
   * step halving) of all K + 1 fits, one scoring pass. Cache the input.
   */
  private SparkElasticNetModel fitMultinomial(Dataset<?> dataset, PathSettings settings,
      CvMeasure scoredBy) {
    StatisticsPass.Output first = irlsStatistics(dataset, Family.MULTINOMIAL);
    FoldStatistics statistics = first.statistics();
    List<String> names = featureNames(dataset, statistics.numFeatures());
    MultinomialPass pass = multinomialPass();
    JavaRDD<Row> rows = pass.rows().rows(dataset);
    MultinomialPass.Classes classes = multinomialClasses(pass, rows, statistics.numFeatures());
    MultinomialIrls.Result fit = new MultinomialIrls(pass, settings, names, getLabelCol())
        .run(rows, statistics, classes, scoredBy);
    return model(named(dataset, fit.path()), fit.cv(), fit.passes(), statistics,
        fingerprint(first, names), Optional.of(fit.points()));
  }

  /**
   * The multinomial path on all rows without cross-validation (for {@link PathJob}): the
   * statistics pass, the class pass, then one pass per Newton step or halving.
   */
  PathSolution multinomialPath(Dataset<?> dataset) {
    return pathOnly(dataset).path();
  }

  private MultinomialPass multinomialPass() {
    return new MultinomialPass(newtonPass());
  }

  /** The per-row Newton pass of the IRLS fits, with this estimator's columns and folds. */
  private NewtonPass newtonPass() {
    return new NewtonPass(getFeaturesCol(), getLabelCol(), getWeightCol(), getFoldCol(),
        getNumFolds(), getSeed(), getAggregationDepth());
  }

  /**
   * {@code path} with its classes named by the label column's nominal attribute
   * ({@link Columns#classNames}), when it has one that fits; else as fitted, "0".."C−1".
   */
  private PathSolution named(Dataset<?> dataset, PathSolution path) {
    List<String> names = Columns.classNames(dataset.schema(), getLabelCol(), path.classNames());
    if (names.equals(path.classNames())) {
      return path;
    }
    return new PathSolution(path.family(), path.l1Ratio(), path.multinomialPenalty(),
        path.lambdas(), path.intercepts(), path.coefficients(), path.degreesOfFreedom(),
        path.devianceRatio(), path.nullDeviance(), path.tolerance(), path.converged(),
        path.passes(), path.certificate(), path.featureNames(), names, path.end());
  }

  /** The p feature names of the features column ({@link Columns#featureNames}). */
  private List<String> featureNames(Dataset<?> dataset, int p) {
    return Columns.featureNames(dataset.schema(), getFeaturesCol(), p);
  }

  /** The class pass, then the limit with C known, before any Newton pass. */
  private MultinomialPass.Classes multinomialClasses(MultinomialPass pass, JavaRDD<Row> rows,
      int numFeatures) {
    MultinomialPass.Classes classes = pass.classes(rows);
    int c = classes.numClasses();
    if (c > 2) {
      requireIrlsLimit(numFeatures, c + " classes", c * c);
    }
    return classes;
  }

  @Override
  public SparkElasticNetCV copy(ParamMap extra) {
    return (SparkElasticNetCV) defaultCopy(extra);
  }

  /** Spark ML's reader of a saved estimator ({@code write().save(path)}). */
  public static MLReader<SparkElasticNetCV> read() {
    return new Reader();
  }

  /**
   * The estimator saved at {@code path} by {@code write().save(path)}.
   *
   * @throws InputException naming {@code path} when it is missing, a file, or another stage's
   *     save (a fitted {@link SparkElasticNetModel} loads with its own {@code load})
   */
  public static SparkElasticNetCV load(String path) {
    return read().load(path);
  }

  /**
   * Spark's {@code DefaultParamsReader}, after refusing what {@code write().save} does not
   * leave, naming the path: it instantiated whatever class the metadata named, so a fitted
   * model's directory failed with {@code NoSuchMethodException: SparkElasticNetModel.<init>
   * (java.lang.String)} and another stage's with a {@code ClassCastException}, and a missing
   * path was named as {@code path/metadata}.
   */
  private static final class Reader extends MLReader<SparkElasticNetCV> {
    @Override
    public SparkElasticNetCV load(String dir) {
      String expected = "expected a SparkElasticNetCV saved by write().save(path): a directory"
          + " with metadata/";
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
      try {
        org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(
            sparkSession().sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
          throw new InputException(dir + ": no such file or directory; " + expected);
        }
        if (!fs.getFileStatus(root).isDirectory()
            || !fs.exists(new org.apache.hadoop.fs.Path(root, "metadata"))) {
          throw new InputException(dir + ": " + (fs.getFileStatus(root).isDirectory()
              ? "has no metadata/" : "is a file") + "; " + expected);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(dir + ": cannot be read: " + e.getMessage(), e);
      }
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(dir,
          sparkSession(), "");
      if (!metadata.className().equals(SparkElasticNetCV.class.getName())) {
        throw new InputException(dir + ": holds a saved " + metadata.className() + ", not a "
            + SparkElasticNetCV.class.getName() + "; load it with that class's load");
      }
      SparkElasticNetCV estimator = new SparkElasticNetCV(metadata.uid());
      metadata.getAndSetParams(estimator, scala.Option.empty());
      return estimator;
    }
  }
}
