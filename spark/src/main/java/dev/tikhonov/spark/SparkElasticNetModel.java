package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.LinearClassifier;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.RegularizationPath;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted gaussian, binomial, multinomial or Poisson elastic net at the λ that cross-validation
 * selected: a Spark ML {@code Model} whose {@code transform} adds the prediction,
 * {@code ŷ = a₀ + x·b} for gaussian, the mean count {@code μ = exp(a₀ + x·b)} for Poisson, and
 * for binomial and multinomial the most probable class's index as a double (binomial: 1.0 when
 * P(class 1) = σ(a₀ + x·b) exceeds P(class 0), else 0.0; multinomial: argmax꜀ of
 * softmax(a₀꜀ + x·b꜀)), the first class on ties, which is the core's
 * {@link LinearClassifier#predict} rule, bit for bit
 * (intercepts plus coefficients on the original feature scale; DESIGN.md's objective, see
 * {@link SparkElasticNetCV}; a multinomial model's per-class numbers are
 * {@link #interceptVector()} and {@link #coefficientMatrix()}). A classifier also adds, each
 * only when its column param is set (unset by default), as MLlib's
 * {@code LogisticRegressionModel} does: {@code probabilityCol}, the vector
 * {@link #probabilities}, and {@code rawPredictionCol}, the vector {@link #rawPrediction} of
 * margins, (−η, η) with η = a₀ + x·b for binomial, η꜀ = a₀꜀ + x·b꜀ per class for multinomial,
 * which {@code BinaryClassificationEvaluator} reads as MLlib's (its score is element 1, η).
 * A row of NaN or ±∞ features gets NaN or ±∞ by IEEE arithmetic, or the limit, never an
 * invented class ({@link #predict}); a null vector stops the job, naming the column.
 * Before the binomial prediction was the class, it was P(class 1) (docs/spark.md, "Changed");
 * a model saved then loads and predicts the class, as the meaning is in {@code transform}, not
 * in the saved numbers. It keeps the whole fit: the path on all rows ({@link #path()},
 * the core's {@link PathSolution}) and its cross-validation ({@link #cv()}, the
 * core's {@link CvResult}: the mean held-out score by the estimator's {@code measure}, by
 * default the MSE (gaussian) or deviance (the others; {@link CvResult#measure}, kept when
 * saved), and its standard error per λ, every fold's score, λ_min and λ_1se with cv.glmnet's
 * definitions),
 * both also as one small DataFrame to {@code show()} ({@link #pathFrame}). Fitted with
 * {@code keepOutOfFold}, it also gives every row's out-of-fold linear predictor at every λ
 * ({@link #outOfFold}, cv.glmnet's {@code fit.preval}; not saved).
 *
 * <pre>{@code
 * SparkElasticNetModel model = SparkElasticNetModel.load("model");
 * double lambda = model.selectedLambda();     // λ_min or λ_1se, as the estimator selected
 * Vector b = model.coefficients();            // at that λ, on the features' own scale
 * model.pathFrame(spark).show();              // lambda, df, dev_ratio, cv_mean, cv_se per λ
 * Dataset<Row> predicted = model.transform(test);                // + "prediction"
 * model.toLinearClassifier().save(Path.of("model.safetensors")); // binomial: no Spark needed
 * }</pre>
 *
 * <p>Saved with {@code write().save(path)} (Spark's {@code MLWritable}) and loaded with
 * {@link #load(String)}: {@code path/metadata} is Spark ML's JSON of the params,
 * {@code path/data} one Parquet row with the selection and the path's scalars, and
 * {@code path/path} one Parquet row per λ (λ, intercept, coefficients, degrees of freedom,
 * deviance ratio, certificate, passes, CV mean, SE and fold errors, and every class's intercepts
 * and coefficients, class c's at [c·p, c·p + p)), all doubles stored exactly;
 * nothing is Java-serialized. A loaded model has bit-identical numbers and predictions. The
 * data row also holds what a core model needs besides the path: the scales the penalty acted
 * on, the penalty factors and the fit's provenance (JSON); {@link #toLinearModel()} and
 * {@link #toLinearClassifier()} make that model, to save as a tikhonov model file. A model saved
 * before those columns existed loads and predicts, but does not convert.
 *
 * <p>Immutable numbers, as long as the arrays of {@link #path()} and {@link #cv()}
 * are not modified: those core results are the model's own, shared, not copied (no caller may
 * write into them), while the coefficient and intercept accessors return copies. Thread-safe
 * on those terms, except while its params are being set.
 */
public final class SparkElasticNetModel extends Model<SparkElasticNetModel>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private static final StructType DATA_SCHEMA = new StructType()
      .add("family", DataTypes.StringType, false)
      .add("selectedIndex", DataTypes.IntegerType, false)
      .add("indexMin", DataTypes.IntegerType, false)
      .add("index1se", DataTypes.IntegerType, false)
      .add("l1Ratio", DataTypes.DoubleType, false)
      .add("nullDeviance", DataTypes.DoubleType, false)
      .add("tolerance", DataTypes.DoubleType, false)
      .add("end", DataTypes.StringType, false)
      .add("endMessage", DataTypes.StringType, false)
      .add("featureNames", DataTypes.createArrayType(DataTypes.StringType, false), false)
      // The selected model again, for readers of the Parquet without this class.
      .add("intercept", DataTypes.DoubleType, false)
      .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("dataPasses", DataTypes.IntegerType, false)
      .add("classNames", DataTypes.createArrayType(DataTypes.StringType, false), false)
      // What the core's model needs besides the path (FitRecord): sⱼ, vⱼ and the provenance as
      // JSON; null in a model made without them (models saved before they were kept have no
      // such columns at all).
      .add("penaltyScales", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
      .add("penaltyFactors", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
      .add("provenance", DataTypes.StringType, true)
      // CvResult.warning: a fold whose path did not converge; null when every fold converged
      // (and absent from models saved before it was kept, which load without one).
      .add("cvWarning", DataTypes.StringType, true)
      // CvResult.measure's id; absent from models saved before it was kept, which were all
      // scored by the deviance.
      .add("cvMeasure", DataTypes.StringType, true);

  private static final StructType PATH_SCHEMA = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("lambda", DataTypes.DoubleType, false)
      .add("intercept", DataTypes.DoubleType, false)
      .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("degreesOfFreedom", DataTypes.IntegerType, false)
      .add("devianceRatio", DataTypes.DoubleType, false)
      .add("converged", DataTypes.BooleanType, false)
      .add("passes", DataTypes.IntegerType, false)
      .add("certificate", DataTypes.DoubleType, false)
      .add("cvMean", DataTypes.DoubleType, false)
      .add("cvStandardError", DataTypes.DoubleType, false)
      .add("foldLoss", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      // Every class's intercept and coefficients (class c's at [c·p, c·p + p)); for gaussian and
      // binomial the one vector again.
      .add("intercepts", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("classCoefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /** {@link #pathFrame}'s columns: path.csv's names (docs/formats.md). */
  private static final StructType PATH_FRAME_SCHEMA = new StructType()
      .add("lambda", DataTypes.DoubleType, false)
      .add("df", DataTypes.IntegerType, false)
      .add("dev_ratio", DataTypes.DoubleType, false)
      .add("cv_mean", DataTypes.DoubleType, false)
      .add("cv_se", DataTypes.DoubleType, false);

  private final String uid;
  private final PathSolution path;
  private final CvResult crossValidation;
  private final int selectedIndex;
  private final int dataPasses;
  private final double[] intercepts;
  private final double[][] classCoefficients;
  private final Optional<FitRecord> fitRecord;
  /** The fold paths for {@link #outOfFold}, when the fit kept them; never saved. */
  private final Optional<OutOfFoldScorer> outOfFoldScorer;
  private final BooleanParam keepOutOfFold;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;

  /**
   * The model at λ #{@code selectedIndex} (0-based) of a path (any family) and its cross-validation over the same λ, fitted with {@code dataPasses} distributed passes;
   * {@code fitRecord} holds the penalty's scales and factors and the provenance (empty for a
   * model saved before they were kept, which cannot become a core model).
   */
  SparkElasticNetModel(String uid, PathSolution path, CvResult crossValidation,
      int selectedIndex, int dataPasses, Optional<FitRecord> fitRecord) {
    this(uid, path, crossValidation, selectedIndex, dataPasses, fitRecord, Optional.empty());
  }

  /**
   * The model with, when the fit kept them ({@link SparkElasticNetCV#setKeepOutOfFold}), its
   * fold paths at the path's λ for {@link #outOfFold}.
   */
  SparkElasticNetModel(String uid, PathSolution path, CvResult crossValidation,
      int selectedIndex, int dataPasses, Optional<FitRecord> fitRecord,
      Optional<OutOfFoldScorer> outOfFoldScorer) {
    outOfFoldScorer.ifPresent(o -> {
      if (o.numLambdas() != path.size()) {
        throw new IllegalArgumentException("out-of-fold coefficients at " + o.numLambdas()
            + " λ for a path of " + path.size());
      }
    });
    this.outOfFoldScorer = outOfFoldScorer;
    if (!Arrays.equals(path.lambdas(), crossValidation.lambdas())) {
      throw new IllegalArgumentException("the cross-validation is not over the path's λ");
    }
    if (selectedIndex < 0 || selectedIndex >= path.size()) {
      throw new IllegalArgumentException("selected λ #" + selectedIndex + " of " + path.size());
    }
    this.uid = uid;
    this.path = path;
    this.crossValidation = crossValidation;
    this.selectedIndex = selectedIndex;
    this.dataPasses = dataPasses;
    fitRecord.ifPresent(r -> {
      if (r.penaltyScales().length != path.numFeatures()) {
        throw new IllegalArgumentException(r.penaltyScales().length + " penalty scales for "
            + path.numFeatures() + " features");
      }
    });
    this.fitRecord = fitRecord;
    this.intercepts = path.intercepts(selectedIndex);
    this.classCoefficients = path.coefficients(selectedIndex);
    featuresCol = new Param<>(this, "featuresCol", "features column: vectors");
    predictionCol = new Param<>(this, "predictionCol", "prediction column to add");
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column to add, "
        + "a vector (binomial: P(0), P(1); multinomial: one per class; unset: none)");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "raw prediction (margins) column "
        + "to add, a vector (binomial: −η, η with η = a₀ + x·b; multinomial: η꜀ per class; "
        + "unset: none)");
    keepOutOfFold = new BooleanParam(this, "keepOutOfFold", "whether the fit kept every"
        + " fold's coefficients for outOfFold(data) (they are not saved: a loaded model has"
        + " none)");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(keepOutOfFold, false);
  }

  /** A model without a fit record (as one saved before they were kept), one pass. */
  SparkElasticNetModel(PathSolution path, CvResult crossValidation, int selectedIndex) {
    this(Identifiable.randomUID("tikhonovElasticNetModel"), path, crossValidation,
        selectedIndex, 1, Optional.empty());
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * a₀ at the selected λ.
   *
   * @throws IllegalStateException for a multinomial model ({@link #interceptVector()})
   */
  public double intercept() {
    requireSingleVector("interceptVector()");
    return intercepts[0];
  }

  /**
   * b at the selected λ, on the original scale of the features.
   *
   * @throws IllegalStateException for a multinomial model ({@link #coefficientMatrix()})
   */
  public Vector coefficients() {
    requireSingleVector("coefficientMatrix()");
    return Vectors.dense(classCoefficients[0].clone());
  }

  /** The intercepts at the selected λ: one per class for multinomial (summing to 0), else a₀. */
  public Vector interceptVector() {
    return Vectors.dense(intercepts.clone());
  }

  /**
   * The coefficients at the selected λ on the original feature scale, C×p (row c is class c's,
   * multinomial), else 1×p.
   */
  public Matrix coefficientMatrix() {
    int rows = classCoefficients.length;
    int p = classCoefficients[0].length;
    double[] values = new double[rows * p];
    for (int c = 0; c < rows; c++) {
      for (int j = 0; j < p; j++) {
        values[c + j * rows] = classCoefficients[c][j];
      }
    }
    return Matrices.dense(rows, p, values);
  }

  /** The number of classes: C for multinomial, 2 for binomial, 0 for gaussian and Poisson. */
  public int numClasses() {
    return path.family().isClassification() ? Math.max(2, intercepts.length) : 0;
  }

  private void requireSingleVector(String instead) {
    if (path.family() == Family.MULTINOMIAL) {
      throw new IllegalStateException("a multinomial model has one intercept and coefficient "
          + "vector per class: use " + instead);
    }
  }

  /** The largest λ with the smallest mean cross-validated error. */
  public double lambdaMin() {
    return crossValidation.lambdaMin();
  }

  /** The largest λ whose mean error is within one standard error of the smallest. */
  public double lambda1se() {
    return crossValidation.lambda1se();
  }

  /**
   * True when {@link #lambdaMin()} is the last (smallest) λ of a path that fitted every λ of its
   * sequence: the held-out error was still falling where the sequence stopped, so a smaller λ
   * may do better; extend it with a smaller {@link SparkElasticNetCV#setLambdaMinRatio} or your
   * own {@link SparkElasticNetCV#setLambdas}. As the core's
   * {@code CrossValidatedPath.minimumAtPathEnd()}; false for a path cut short by glmnet's
   * deviance rule, below whose end the fit no longer changes.
   */
  public boolean minimumAtPathEnd() {
    return path.lastOfFullSequence(crossValidation.indexMin());
  }

  /** The λ of {@link #intercept()} and {@link #coefficients()} (λ_min or λ_1se). */
  public double selectedLambda() {
    return path.lambda(selectedIndex);
  }

  /**
   * The distributed passes over the data the fit took: 1 for gaussian (the statistics pass);
   * for binomial the statistics pass, one per Newton step of all K + 1 fits together, and the
   * scoring pass of the cross-validation; for Poisson also the pass at the null model and a pass
   * per step halving, if any; for multinomial also the class pass (and a pass per step halving,
   * if any). Per λ of the full path: {@code path().passes()}.
   */
  public int dataPasses() {
    return dataPasses;
  }

  /** The model's family: gaussian, binomial, multinomial or Poisson. */
  public Family family() {
    return path.family();
  }

  /** The index (0-based) of {@link #selectedLambda()} in the path. */
  public int selectedIndex() {
    return selectedIndex;
  }

  /**
   * The whole path on all rows (the core's type; coefficients on the original scale): the
   * model's own, not a copy; do not modify its arrays.
   */
  public PathSolution path() {
    return path;
  }

  /**
   * The cross-validation curve over {@link #path()}'s λ, with λ_min and λ_1se, and its
   * {@link CvResult#warning} when a fold's path did not converge (kept when the model is saved):
   * the core's {@code CrossValidatedPath.cv()} of the same fit. The model's own, not a copy; do
   * not modify its arrays.
   */
  public CvResult cv() {
    return crossValidation;
  }

  /**
   * The same as {@link #cv()}, under the name this model used before it took the core's.
   *
   * @deprecated use {@link #cv()}, the core's {@code CrossValidatedPath.cv()}'s name
   */
  @Deprecated
  public CvResult crossValidation() {
    return cv();
  }

  /**
   * The path and its cross-validation curve as a small local DataFrame to {@code show()},
   * filter or plot: one row per λ of {@link #path()}, in its order (λ decreasing), with the
   * columns of path.csv (docs/formats.md): {@code lambda}, {@code df} (nonzero coefficients;
   * multinomial: features with a nonzero coefficient in some class), {@code dev_ratio}
   * (1 − dev/dev₀), {@code cv_mean} and {@code cv_se} (the mean held-out score by the
   * {@code measure}, by default the MSE for gaussian and the deviance for the others, and its
   * standard error; the model is always cross-validated).
   * The numbers are those of {@link #path()} and {@link #cv()}, bit for bit. No job
   * runs until the frame is used; it holds the model's m rows in the plan, nothing more.
   *
   * @param spark the session to create the DataFrame in
   */
  public Dataset<Row> pathFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>(path.size());
    for (int l = 0; l < path.size(); l++) {
      rows.add(RowFactory.create(path.lambda(l), path.degreesOfFreedom(l),
          path.devianceRatio(l), crossValidation.mean(l),
          crossValidation.standardError(l)));
    }
    return spark.createDataFrame(rows, PATH_FRAME_SCHEMA);
  }

  /**
   * The selected gaussian or Poisson model as the core's {@link LinearModel}, ŷ = a₀ + x·b
   * (Poisson: μ = exp(a₀ + x·b), family poisson): the same λ, α,
   * intercept, coefficients (original scale) and feature names, bit for bit, so it predicts
   * what {@link #transform} and {@link #predict} do; its penalty
   * {@code λ Σⱼ vⱼ[(1−α)/2 (sⱼbⱼ)² + α|sⱼbⱼ|]} has the scales sⱼ the fit penalized (standard
   * deviations with divisor W when it standardized, else 1) and vⱼ = 1; its
   * {@link dev.tikhonov.estimate.Provenance} names {@code SparkElasticNetCV} with its settings,
   * λ_min, λ_1se, the rule and the chosen {@code lambda}, the training rows and the version.
   * Save it ({@code save(file)}, a tikhonov model file) to predict with
   * {@code Predictor.load} or {@code ./tikhonov predict} without Spark.
   *
   * @throws IllegalStateException for a binomial or multinomial model
   *     ({@link #toLinearClassifier()})
   * @throws InputException for a model saved before the scales were kept: fit it again
   */
  public LinearModel toLinearModel() {
    if (path.family().isClassification()) {
      throw new IllegalStateException("a " + familyName() + " model is a classifier: use "
          + "toLinearClassifier()");
    }
    FitRecord r = requireFitRecord();
    return RegularizationPath.ofRegression(path, r.penaltyFactors(), r.penaltyScales(),
        r.provenance()).atIndex(selectedIndex);
  }

  /**
   * The selected binomial or multinomial model as the core's {@link LinearClassifier}:
   * p(class 1 | x) = σ(a₀ + x·b), or softmax(a₀꜀ + x·b꜀) over the classes "0".."C−1", with the
   * same numbers as this model, bit for bit (its {@code predict} is the class
   * {@link #transform} adds, its {@code predictProba} {@link #probabilities}); penalty and
   * provenance as
   * {@link #toLinearModel()}'s.
   *
   * @throws IllegalStateException for a gaussian or Poisson model ({@link #toLinearModel()})
   * @throws InputException for a model saved before the scales were kept: fit it again
   */
  public LinearClassifier toLinearClassifier() {
    if (!path.family().isClassification()) {
      throw new IllegalStateException("a " + familyName() + " model is a regression: use "
          + "toLinearModel()");
    }
    FitRecord r = requireFitRecord();
    return RegularizationPath.ofClassification(path, r.penaltyFactors(), r.penaltyScales(),
        r.provenance()).atIndex(selectedIndex);
  }

  /**
   * The whole path as the core's path of models ({@link FitRecord#regularizationPath}), for a
   * model at any λ ({@code atLambda}, {@code atIndex}).
   *
   * @throws InputException for a model saved before the scales were kept: fit it again
   */
  RegularizationPath<? extends dev.tikhonov.estimate.Predictor> regularizationPath() {
    return requireFitRecord().regularizationPath(path);
  }

  private String familyName() {
    return path.family().name().toLowerCase(Locale.ROOT);
  }

  private FitRecord requireFitRecord() {
    return fitRecord.orElseThrow(() -> new InputException("this SparkElasticNetModel (" + uid
        + ") was saved before the model kept the scales its penalty acted on and its "
        + "provenance, which a core model needs; it still predicts, but to convert it, fit it "
        + "again with SparkElasticNetCV"));
  }

  /**
   * The {@code featuresCol} param: the features column, vectors of p numbers (default "features").
   */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** Whether the fit kept the fold paths ({@link SparkElasticNetCV#setKeepOutOfFold}). */
  public BooleanParam keepOutOfFold() {
    return keepOutOfFold;
  }

  /**
   * Whether the estimator was asked to keep the fold paths: saved with the model's params,
   * so a loaded model still says so, though it has no fold paths ({@link #outOfFold}).
   */
  public boolean getKeepOutOfFold() {
    return (Boolean) $(keepOutOfFold);
  }

  /**
   * Every row's out-of-fold (pre-validated) linear predictors, cv.glmnet's {@code keep = TRUE}
   * ({@code fit.preval}; the core's {@code OutOfFoldPredictions}): {@code data}, the data the
   * model was fitted on, with a column {@code outOfFold}, a struct of
   *
   * <ul>
   *   <li>{@code fold}, int: the fold 1..K that held the row out (its fold column's id, or the
   *       random fold the fit gave it: the fit's seed and K over its label and features);
   *   <li>{@code linearPredictor}: η_l = a₀_l^(−f) + x·b_l^(−f) at every λ_l of {@link #path()},
   *       in its order, from fold f's path (fitted without fold f's rows) at λ_l as the
   *       cross-validation scored it (its own sequence interpolated linearly in λ, or the same
   *       λ when the sequence was given; a fold path that ended early at its last λ): an
   *       array of m doubles, or for multinomial an array of m arrays of one η per class
   *       ([λ][class], the classes of {@link #path()}).
   * </ul>
   *
   * On the link scale, as cv.glmnet's: the fitted value (gaussian), the log-odds of class 1
   * (binomial: σ(η) is P(1)), log μ (Poisson: e^η is the mean count), one η per class
   * (multinomial: softmax them); weights change the fits, not the scale. E.g. the held-out
   * probabilities at λ_min of a binomial model:
   * {@code 1 / (1 + exp(-outOfFold.linearPredictor[selectedIndex()]))} in Spark SQL
   * ({@code element_at} is 1-based). The same row, fold and λ give the numbers the single-machine
   * cross-validation keeps on the same folds.
   *
   * <p>Lazy: the predictions are computed by whatever uses the result (one pass over
   * {@code data}, a dot product of p per λ and class per row; cache {@code data} if it is read
   * again). The model holds the fold paths, not the predictions, which are the size of the
   * data: neither is saved by {@code write()}, so a loaded model has none. Rows of other data
   * are scored by the fold their content (or fold id) falls in, which is not held-out for them.
   *
   * @throws IllegalStateException when the estimator did not keep the fold paths
   *     ({@link SparkElasticNetCV#setKeepOutOfFold}), or the model was loaded
   * @throws InputException naming the column when {@code data} lacks a column the fit read
   *     (features, label, fold ids), has one of another type, or already has a column
   *     {@code outOfFold}; when the result is used, for a row whose fold id is not in 1..K
   */
  public Dataset<Row> outOfFold(Dataset<?> data) {
    if (outOfFoldScorer.isEmpty()) {
      throw new IllegalStateException(getKeepOutOfFold()
          ? "this model was loaded: out-of-fold predictions are not saved with it (the fold"
              + " paths, like the predictions, are left out); fit it again with"
              + " keepOutOfFold true"
          : "the fit did not keep the fold paths: set SparkElasticNetCV.setKeepOutOfFold(true)"
              + " and fit again for out-of-fold predictions");
    }
    return outOfFoldScorer.get().score(data);
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

  /** Sets {@code featuresCol}: the features column, vectors of p numbers (default "features"). */
  public SparkElasticNetModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * Sets {@code predictionCol}: the column of the predictions the model adds (default
   * "prediction").
   */
  public SparkElasticNetModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * Also add {@link #probabilities} as a vector column (binomial and multinomial), as MLlib's
   * classifiers' {@code probabilityCol}.
   */
  public SparkElasticNetModel setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /**
   * Also add {@link #rawPrediction} as a vector column (binomial and multinomial), as MLlib's
   * classifiers' {@code rawPredictionCol}: what {@code BinaryClassificationEvaluator} scores.
   */
  public SparkElasticNetModel setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  /**
   * The {@code featuresCol} value: the features column, vectors of p numbers (default "features").
   */
  public String getFeaturesCol() {
    return $(featuresCol);
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
   * The prediction for one feature vector of p elements: ŷ = a₀ + x·b (gaussian), the mean
   * count exp(a₀ + x·b) (Poisson), or the index of the largest of {@link #probabilities}, the
   * first on ties (binomial and multinomial), as a double: the core's
   * {@link LinearClassifier#predict} rule on the same probabilities, so the two agree bit for
   * bit. For binomial that is 1.0 when σ(η) &gt; σ(−η), η = a₀ + x·b, else 0.0: at
   * P(class 1) = 0.5 exactly, class 0, as MLlib's {@code LogisticRegressionModel} at its default
   * threshold 0.5 (Spark 4.2.0, {@code ml/classification/LogisticRegression.scala}:
   * {@code predict} and {@code probability2prediction} give 1 when
   * {@code probability(1) > 0.5}); a tiny η &gt; 0 whose σ(η) rounds to 0.5 (|η| below about
   * 1e-16) also gives class 0 here and in the core, where MLlib's {@code raw2prediction}, which
   * tests the margin ({@code rawPrediction(1) > log(t/(1−t))} = 0), gives 1.
   *
   * <p>Features that are not finite go through IEEE arithmetic, every element of the vector
   * included (0·∞ is NaN): a NaN η gives NaN, never a class (MLlib's comparisons make it class
   * 0); ŷ and μ = e^η are ±∞ or 0 at η = ±∞ (MLlib's Poisson GLM clamps μ into
   * [1e-16, Double.MAX_VALUE]); a class is predicted at η = ±∞ where the probabilities have a
   * limit ({@link #probabilities}). The core's models refuse such rows instead
   * (docs/spark.md, "Rows that are not finite").
   */
  public double predict(Vector features) {
    return predict(path.family(), intercepts, classCoefficients, features);
  }

  /**
   * The class probabilities of one feature vector, softmax(a₀꜀ + x·b꜀) (multinomial), or
   * (σ(−η), σ(η)) with η = a₀ + x·b (binomial). An infinite margin gives the limit where
   * there is one: (1, 0) at η = −∞ and (0, 1) at +∞; for multinomial, 1 for the one class whose
   * η꜀ is +∞. Where there is none (a NaN margin; two margins at +∞; every margin −∞), every
   * probability is NaN.
   *
   * @throws IllegalStateException for a gaussian or Poisson model
   */
  public Vector probabilities(Vector features) {
    if (!path.family().isClassification()) {
      throw new IllegalStateException("a " + familyName() + " model predicts a mean, not "
          + "probabilities");
    }
    return probabilities(path.family(), intercepts, classCoefficients, features);
  }

  /**
   * The raw prediction of one feature vector, MLlib's {@code LogisticRegressionModel.predictRaw}:
   * the margins (−η, η) with η = a₀ + x·b (binomial), or η꜀ = a₀꜀ + x·b꜀ per class
   * (multinomial). MLlib's conventions (Spark 4.2.0): {@code predictRaw} in
   * {@code ml/classification/LogisticRegression.scala} returns {@code Vectors.dense(-m, m)} with
   * {@code m = BLAS.dot(features, coefficients) + intercept} for binomial and the margins
   * {@code interceptVector + coefficientMatrix · features} for multinomial; and
   * {@code ml/evaluation/BinaryClassificationEvaluator.scala} scores a vector column of length 2
   * by its element 1 ({@code rawPrediction(1)}), here η. The probabilities are σ(η) (binomial)
   * and softmax(η꜀) (multinomial), so each is monotone in its margin.
   *
   * @throws IllegalStateException for a gaussian or Poisson model
   */
  public Vector rawPrediction(Vector features) {
    if (!path.family().isClassification()) {
      throw new IllegalStateException("a " + familyName() + " model predicts a mean, not "
          + "class margins");
    }
    return rawPrediction(path.family(), intercepts, classCoefficients, features);
  }

  /** {@link #rawPrediction(Vector)} of a binomial or multinomial model's numbers. */
  private static Vector rawPrediction(Family family, double[] intercepts, double[][] b,
      Vector features) {
    if (family == Family.BINOMIAL) {
      double eta = linear(intercepts[0], b[0], features);
      return Vectors.dense(-eta, eta);
    }
    double[] eta = new double[intercepts.length];
    for (int c = 0; c < eta.length; c++) {
      eta[c] = linear(intercepts[c], b[c], features);
    }
    return Vectors.dense(eta);
  }

  /** {@link #probabilities(Vector)} of a binomial or multinomial model's numbers. */
  private static Vector probabilities(Family family, double[] intercepts, double[][] b,
      Vector features) {
    if (family == Family.BINOMIAL) {
      double eta = linear(intercepts[0], b[0], features);
      // p₀ = σ(−η) directly: 1 − σ(η) loses every digit of a small p₀ (η = 30 gives p₀ ≈ 9e-14
      // with a relative error near 1e-3). Both as the core's LinearClassifier computes them.
      double p0 = eta >= 0 ? Math.exp(-eta) / (1 + Math.exp(-eta)) : 1 / (1 + Math.exp(eta));
      return Vectors.dense(p0, sigmoid(eta));
    }
    int k = intercepts.length;
    double[] eta = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    int atPlusInfinity = 0;
    for (int c = 0; c < k; c++) {
      eta[c] = linear(intercepts[c], b[c], features);
      max = Math.max(max, eta[c]);   // NaN if any is NaN, and so every probability
      atPlusInfinity += eta[c] == Double.POSITIVE_INFINITY ? 1 : 0;
    }
    if (max == Double.POSITIVE_INFINITY && atPlusInfinity == 1) {
      // softmax's limit: 1 for the one class at +∞ (e^{η꜀ − max} is ∞ − ∞ = NaN), as the
      // binomial's σ(+∞) = 1. Two at +∞ or all at −∞ have no limit: NaN below.
      for (int c = 0; c < k; c++) {
        eta[c] = eta[c] == max ? 1 : 0;
      }
      return Vectors.dense(eta);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      eta[c] = Math.exp(eta[c] - max);
      sum += eta[c];
    }
    for (int c = 0; c < k; c++) {
      eta[c] /= sum;
    }
    return Vectors.dense(eta);
  }

  private static double predict(Family family, double[] intercepts, double[][] b,
      Vector features) {
    if (family.isClassification()) {
      return mostProbable(probabilities(family, intercepts, b, features).toArray());
    }
    double eta = linear(intercepts[0], b[0], features);
    return family == Family.POISSON ? Math.exp(eta) : eta;
  }

  /**
   * The index of the largest probability, the first on ties (the core's LinearClassifier
   * argmax: class k replaces the best only when strictly larger); NaN when one is NaN.
   */
  private static double mostProbable(double[] p) {
    int best = 0;
    for (int k = 0; k < p.length; k++) {
      if (Double.isNaN(p[k])) {
        return Double.NaN;
      }
      best = p[k] > p[best] ? k : best;
    }
    return best;
  }

  /** σ(η) = 1/(1 + e^−η), without overflow for either sign. */
  private static double sigmoid(double eta) {
    return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  }

  /**
   * a₀ + x·b in the order of the features (a sparse vector's nonzeros); an InputException when
   * the vector's size is not b's. The one dot product of the model's predictions and the
   * out-of-fold scorer's.
   */
  static double linear(double intercept, double[] b, Vector features) {
    if (features.size() != b.length) {
      throw new InputException("a feature vector of " + features.size() + " elements for a "
          + "model of " + b.length + " features");
    }
    double sum = intercept;
    if (features instanceof SparseVector sparse) {
      int[] indices = sparse.indices();
      double[] values = sparse.values();
      for (int i = 0; i < indices.length; i++) {
        sum += values[i] * b[indices[i]];
      }
    } else {
      double[] values = ((DenseVector) features).values();
      for (int j = 0; j < b.length; j++) {
        sum += values[j] * b[j];
      }
    }
    return sum;
  }

  /**
   * Checks the features column (vectors; of the model's p elements when its ML attributes give
   * the size, as a {@code VectorAssembler}'s do) and returns the schema with the prediction
   * column, and the probability and raw prediction columns when they are set (binomial and
   * multinomial only).
   */
  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireVector(schema, getFeaturesCol());
    OptionalInt size = Columns.vectorSize(schema, getFeaturesCol());
    if (size.isPresent() && size.getAsInt() != path.numFeatures()) {
      throw new InputException(sizeMessage(getFeaturesCol(), size.getAsInt(),
          path.numFeatures()) + " (the column's ML attributes say so)");
    }
    StructType out = Columns.withNewDouble(schema, getPredictionCol());
    if (getProbabilityCol().isPresent()) {
      out = Columns.withProbabilities(out, getProbabilityCol().get(), path.family());
    }
    if (getRawPredictionCol().isPresent()) {
      out = Columns.withRawPredictions(out, getRawPredictionCol().get(), path.family());
    }
    return out;
  }

  /** A row's features, checked in the task: a vector of p elements. */
  private static Vector requireRow(String column, int p, Vector features) {
    if (features == null) {
      throw new InputException("features column '" + column + "' has a null row (expected"
          + " a vector of " + p + " elements)");
    }
    if (features.size() != p) {
      throw new InputException(sizeMessage(column, features.size(), p));
    }
    return features;
  }

  /** A features column whose vectors have {@code size} elements, for a model of p features. */
  private static String sizeMessage(String column, int size, int p) {
    return "features column '" + column + "' holds vectors of " + size + " elements, expected "
        + p + ": the model was fitted on " + p + " features";
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double[] a0 = intercepts;
    double[][] b = classCoefficients;
    Family family = path.family();
    String column = getFeaturesCol();
    int p = path.numFeatures();
    UserDefinedFunction predict = functions.udf((UDF1<Vector, Double>) features ->
        predict(family, a0, b, requireRow(column, p, features)), DataTypes.DoubleType)
        .asNonNullable();
    Dataset<Row> out = dataset.withColumn(getPredictionCol(),
        predict.apply(Columns.column(column)));
    if (getProbabilityCol().isPresent()) {
      UserDefinedFunction probabilities = functions.udf((UDF1<Vector, Vector>) features ->
          probabilities(family, a0, b, requireRow(column, p, features)),
          SQLDataTypes.VectorType()).asNonNullable();
      out = out.withColumn(getProbabilityCol().get(),
          probabilities.apply(Columns.column(column)));
    }
    if (getRawPredictionCol().isPresent()) {
      UserDefinedFunction raw = functions.udf((UDF1<Vector, Vector>) features ->
          rawPrediction(family, a0, b, requireRow(column, p, features)),
          SQLDataTypes.VectorType()).asNonNullable();
      out = out.withColumn(getRawPredictionCol().get(), raw.apply(Columns.column(column)));
    }
    return out;
  }

  @Override
  public SparkElasticNetModel copy(ParamMap extra) {
    SparkElasticNetModel copied = new SparkElasticNetModel(uid, path, crossValidation,
        selectedIndex, dataPasses, fitRecord, outOfFoldScorer);
    return copyValues(copied, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Spark ML's reader of a saved model. */
  public static MLReader<SparkElasticNetModel> read() {
    return new Reader();
  }

  /**
   * The model saved at {@code path} by {@code write().save(path)}.
   *
   * @throws InputException naming {@code path} when it is missing, a file (a tikhonov model
   *     file loads with {@code Predictor.load}), another stage's save, or a save without all
   *     its parts
   */
  public static SparkElasticNetModel load(String path) {
    return read().load(path);
  }

  /**
   * What the model is, as MLlib's {@code LogisticRegressionModel} prints itself ("uid,
   * numClasses, numFeatures") and more: the family, the λ chosen and by which rule, and how many
   * coefficients are not zero, e.g. {@code SparkElasticNetModel: uid=tikhonovElasticNetCV_…,
   * family=binomial, numClasses=2, numFeatures=30, lambda=0.00912 (lambda_min, index 28 of 64),
   * nonzeros=14 of 30} (numClasses for the classifiers only; the index is
   * {@link #selectedIndex()}, 0-based, as the core's {@code CvResult} prints λ_min's). A
   * multinomial model counts every class's coefficients (C·p of them).
   */
  @Override
  public String toString() {
    int p = classCoefficients[0].length;
    int nonzeros = 0;
    for (double[] klass : classCoefficients) {
      for (double c : klass) {
        nonzeros += c != 0 ? 1 : 0;
      }
    }
    String rule = selectedIndex == crossValidation.indexMin() ? "lambda_min, "
        : selectedIndex == crossValidation.index1se() ? "lambda_1se, " : "";
    String classes = path.family().isClassification() ? ", numClasses=" + numClasses() : "";
    return "SparkElasticNetModel: uid=" + uid + ", family=" + familyName() + classes
        + ", numFeatures=" + p + ", lambda=" + selectedLambda() + " (" + rule + "index "
        + selectedIndex + " of " + path.size() + "), nonzeros=" + nonzeros + " of "
        + p * classCoefficients.length;
  }

  private static final class Writer extends MLWriter {
    private final SparkElasticNetModel model;

    Writer(SparkElasticNetModel model) {
      this.model = model;
    }

    /**
     * Spark's save, except that with {@code overwrite()} the new model is written beside the
     * old one and replaces it only once whole ({@link SafeOverwrite}): Spark's deletes the old
     * directory first, so a save that failed midway lost a good model.
     */
    @Override
    public void save(String dir) throws java.io.IOException {
      if (!shouldOverwrite()) {
        super.save(dir);
        return;
      }
      SafeOverwrite.save(dir, sparkSession().sparkContext().hadoopConfiguration(),
          this::saveImpl);
    }

    @Override
    public void saveImpl(String dir) {
      DefaultParamsWriter.saveMetadata(model, dir, sparkSession());
      PathSolution path = model.path;
      CvResult cv = model.crossValidation;
      Row numbers = RowFactory.create(path.family().name().toLowerCase(Locale.ROOT),
          model.selectedIndex, cv.indexMin(), cv.index1se(), path.l1Ratio(),
          path.nullDeviance(), path.tolerance(), path.end().reason().name(),
          path.end().message(), path.featureNames().toArray(new String[0]),
          model.intercepts[0], model.classCoefficients[0].clone(), model.dataPasses,
          path.classNames().toArray(new String[0]),
          model.fitRecord.map(FitRecord::penaltyScales).orElse(null),
          model.fitRecord.map(FitRecord::penaltyFactors).orElse(null),
          model.fitRecord.map(FitRecord::provenanceJson).orElse(null),
          cv.warning().orElse(null), cv.measure().id());
      sparkSession().createDataFrame(List.of(numbers), DATA_SCHEMA).repartition(1)
          .write().parquet(new Path(dir, "data").toString());
      List<Row> rows = new ArrayList<>();
      for (int l = 0; l < path.size(); l++) {
        double[] foldLoss = new double[cv.numFolds()];
        for (int f = 0; f < foldLoss.length; f++) {
          foldLoss[f] = cv.foldLoss(f, l);
        }
        double[][] coefficients = path.coefficients(l);
        rows.add(RowFactory.create(l, path.lambda(l), path.intercept(l, 0),
            coefficients[0], path.degreesOfFreedom(l),
            path.devianceRatio(l), path.converged(l), path.passes(l),
            path.certificate(l), cv.mean(l), cv.standardError(l), foldLoss,
            path.intercepts(l), flatten(coefficients)));
      }
      sparkSession().createDataFrame(rows, PATH_SCHEMA).repartition(1)
          .write().parquet(new Path(dir, "path").toString());
    }
  }

  /** Class c's coefficients at [c·p, c·p + p). */
  private static double[] flatten(double[][] b) {
    int p = b[0].length;
    double[] out = new double[b.length * p];
    for (int c = 0; c < b.length; c++) {
      System.arraycopy(b[c], 0, out, c * p, p);
    }
    return out;
  }

  private static final class Reader extends MLReader<SparkElasticNetModel> {
    @Override
    public SparkElasticNetModel load(String dir) {
      requireModelDirectory(dir);
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(dir,
          sparkSession(), "");
      if (!metadata.className().equals(SparkElasticNetModel.class.getName())) {
        throw new InputException(dir + ": holds a saved " + metadata.className() + ", not a "
            + SparkElasticNetModel.class.getName() + "; load it with that class's load");
      }
      List<Row> data = sparkSession().read().parquet(new Path(dir, "data").toString())
          .collectAsList();
      List<Row> rows = sparkSession().read().parquet(new Path(dir, "path").toString())
          .orderBy("index").collectAsList();
      if (data.size() != 1 || rows.isEmpty()) {
        throw new InputException(dir + ": " + (data.size() != 1 ? "data/ holds " + data.size()
            + " rows, expected 1" : "path/ holds no rows") + ": not a complete "
            + "SparkElasticNetModel (was its save stopped half way?)");
      }
      Row d = data.get(0);
      int m = rows.size();
      int k = rows.get(0).<Double>getList(11).size();
      double[] lambdas = new double[m];
      double[][] intercepts = new double[m][];
      double[][][] coefficients = new double[m][][];
      // Models saved before multinomial had one vector per λ only.
      boolean classes = Arrays.asList(rows.get(0).schema().fieldNames())
          .contains("classCoefficients");
      int[] df = new int[m];
      double[] devianceRatio = new double[m];
      boolean[] converged = new boolean[m];
      int[] passes = new int[m];
      double[] certificate = new double[m];
      double[] mean = new double[m];
      double[] standardError = new double[m];
      double[][] foldLoss = new double[k][m];
      for (int l = 0; l < m; l++) {
        Row r = rows.get(l);
        lambdas[l] = r.getDouble(1);
        if (classes) {
          intercepts[l] = doubles(r.getList(12));
          double[] flat = doubles(r.getList(13));
          int p = flat.length / intercepts[l].length;
          coefficients[l] = new double[intercepts[l].length][];
          for (int c = 0; c < intercepts[l].length; c++) {
            coefficients[l][c] = Arrays.copyOfRange(flat, c * p, c * p + p);
          }
        } else {
          intercepts[l] = new double[] {r.getDouble(2)};
          coefficients[l] = new double[][] {doubles(r.getList(3))};
        }
        df[l] = r.getInt(4);
        devianceRatio[l] = r.getDouble(5);
        converged[l] = r.getBoolean(6);
        passes[l] = r.getInt(7);
        certificate[l] = r.getDouble(8);
        mean[l] = r.getDouble(9);
        standardError[l] = r.getDouble(10);
        double[] losses = doubles(r.getList(11));
        for (int f = 0; f < k; f++) {
          foldLoss[f][l] = losses[f];
        }
      }
      List<String> names = d.getList(9);
      Family family = Family.valueOf(d.getString(0).toUpperCase(Locale.ROOT));
      List<String> classNames = Arrays.asList(d.schema().fieldNames()).contains("classNames")
          ? d.getList(13) : family == Family.BINOMIAL ? List.of("0", "1") : List.of();
      PathSolution path = new PathSolution(family, d.getDouble(4), lambdas, intercepts,
          coefficients, df, devianceRatio, d.getDouble(5), d.getDouble(6), converged, passes,
          certificate, names, classNames,
          new PathSolution.End(PathSolution.Ending.valueOf(d.getString(7)), d.getString(8)));
      boolean warned = Arrays.asList(d.schema().fieldNames()).contains("cvWarning")
          && !d.isNullAt(d.fieldIndex("cvWarning"));
      boolean measured = Arrays.asList(d.schema().fieldNames()).contains("cvMeasure")
          && !d.isNullAt(d.fieldIndex("cvMeasure"));
      CvResult cv = new CvResult(lambdas.clone(), mean, standardError, foldLoss, d.getInt(2),
          d.getInt(3), warned ? Optional.of(d.getString(d.fieldIndex("cvWarning")))
              : Optional.empty(), Optional.empty(),
          measured ? CvMeasure.ofId(d.getString(d.fieldIndex("cvMeasure")))
              : CvMeasure.DEVIANCE);
      SparkElasticNetModel model = new SparkElasticNetModel(metadata.uid(), path, cv,
          d.getInt(1), Arrays.asList(d.schema().fieldNames()).contains("dataPasses")
              ? d.getInt(12) : 1, fitRecord(d, dir));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }

    /**
     * Refuses, naming {@code dir}, what {@code write().save} does not leave: no such path, a
     * file (such as a tikhonov model file, which {@code Predictor.load} reads), or a directory
     * without one of metadata/, data/ and path/ (a save stopped half way, or another folder).
     * Spark's own failure named only the first path it missed ("Path does not exist:
     * DIR/metadata").
     */
    private void requireModelDirectory(String dir) {
      Path root = new Path(dir);
      String expected = "expected a SparkElasticNetModel saved by write().save(path): a"
          + " directory with metadata/, data/ and path/";
      try {
        org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(
            sparkSession().sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
          throw new InputException(dir + ": no such file or directory; " + expected);
        }
        if (!fs.getFileStatus(root).isDirectory()) {
          throw new InputException(dir + ": is a file; " + expected + " (a tikhonov model"
              + " file, from toLinearModel().save or PathJob --save, loads with"
              + " Predictor.load)");
        }
        for (String part : List.of("metadata", "data", "path")) {
          if (!fs.exists(new Path(root, part))) {
            throw new InputException(dir + ": has no " + part + "/; " + expected
                + " (a save stopped half way leaves one without its last parts)");
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(dir + ": cannot be read: " + e.getMessage(), e);
      }
    }

    /**
     * The fit record of the data row: empty when its columns are null (a model made without
     * one) or absent (saved before they were kept).
     */
    private static Optional<FitRecord> fitRecord(Row d, String dir) {
      List<String> fields = Arrays.asList(d.schema().fieldNames());
      if (!fields.contains("penaltyScales") || d.isNullAt(d.fieldIndex("penaltyScales"))
          || d.isNullAt(d.fieldIndex("penaltyFactors")) || d.isNullAt(d.fieldIndex("provenance"))) {
        return Optional.empty();
      }
      return Optional.of(FitRecord.read(doubles(d.getList(d.fieldIndex("penaltyScales"))),
          doubles(d.getList(d.fieldIndex("penaltyFactors"))),
          d.getString(d.fieldIndex("provenance")), dir));
    }

    private static double[] doubles(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
