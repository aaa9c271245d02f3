package dev.tikhonov.spark;

import static org.apache.spark.sql.functions.col;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CvResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
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
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted gaussian or binomial elastic net at the λ that cross-validation selected: a Spark
 * ML {@code Model} whose {@code transform} adds the prediction, {@code ŷ = a₀ + x·b} for
 * gaussian and the probability of class 1, {@code σ(a₀ + x·b)}, for binomial (intercept plus
 * coefficients on the original feature scale; DESIGN.md's objective, see
 * {@link SparkElasticNetCV}). It keeps the whole fit: the path on all rows ({@link #path()},
 * the core's {@link PathSolution}) and its cross-validation ({@link #crossValidation()}, the
 * core's {@link CvResult}: mean held-out MSE (gaussian) or deviance (binomial) and its standard
 * error per λ, every fold's error, λ_min and λ_1se with cv.glmnet's definitions).
 *
 * <p>Saved with {@code write().save(path)} (Spark's {@code MLWritable}) and loaded with
 * {@link #load(String)}: {@code path/metadata} is Spark ML's JSON of the params,
 * {@code path/data} one Parquet row with the selection and the path's scalars, and
 * {@code path/path} one Parquet row per λ (λ, intercept, coefficients, degrees of freedom,
 * deviance ratio, certificate, passes, CV mean, SE and fold errors), all doubles stored exactly;
 * nothing is Java-serialized. A loaded model has bit-identical numbers and predictions.
 *
 * <p>Immutable numbers; thread-safe except while its params are being set.
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
      .add("dataPasses", DataTypes.IntegerType, false);

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
      .add("foldLoss", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  private final String uid;
  private final PathSolution path;
  private final CvResult crossValidation;
  private final int selectedIndex;
  private final int dataPasses;
  private final double intercept;
  private final double[] coefficients;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;

  /**
   * The model at λ #{@code selectedIndex} (0-based) of a gaussian or binomial path and its
   * cross-validation over the same λ, fitted with {@code dataPasses} distributed passes.
   */
  SparkElasticNetModel(String uid, PathSolution path, CvResult crossValidation,
      int selectedIndex, int dataPasses) {
    if (path.family() != Family.GAUSSIAN && path.family() != Family.BINOMIAL) {
      throw new IllegalArgumentException("a gaussian or binomial path is needed, got "
          + path.family());
    }
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
    this.intercept = path.intercepts()[selectedIndex][0];
    this.coefficients = path.coefficients()[selectedIndex][0].clone();
    featuresCol = new Param<>(this, "featuresCol", "features column: vectors");
    predictionCol = new Param<>(this, "predictionCol", "prediction column to add");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
  }

  SparkElasticNetModel(PathSolution path, CvResult crossValidation, int selectedIndex) {
    this(Identifiable.randomUID("tikhonovElasticNetModel"), path, crossValidation,
        selectedIndex, 1);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** a₀ at the selected λ. */
  public double intercept() {
    return intercept;
  }

  /** b at the selected λ, on the original scale of the features. */
  public Vector coefficients() {
    return Vectors.dense(coefficients.clone());
  }

  /** The largest λ with the smallest mean cross-validated error. */
  public double lambdaMin() {
    return crossValidation.lambdaMin();
  }

  /** The largest λ whose mean error is within one standard error of the smallest. */
  public double lambda1se() {
    return crossValidation.lambda1se();
  }

  /** The λ of {@link #intercept()} and {@link #coefficients()} (λ_min or λ_1se). */
  public double selectedLambda() {
    return path.lambdas()[selectedIndex];
  }

  /**
   * The distributed passes over the data the fit took: 1 for gaussian (the statistics pass);
   * for binomial the statistics pass, one per Newton step of all K + 1 fits together, and the
   * scoring pass of the cross-validation. Per λ of the full path: {@code path().passes()}.
   */
  public int dataPasses() {
    return dataPasses;
  }

  /** The model's family: gaussian or binomial. */
  public Family family() {
    return path.family();
  }

  /** The index (0-based) of {@link #selectedLambda()} in the path. */
  public int selectedIndex() {
    return selectedIndex;
  }

  /** The whole path on all rows (the core's type; coefficients on the original scale). */
  public PathSolution path() {
    return path;
  }

  /** The cross-validation curve over {@link #path()}'s λ, with λ_min and λ_1se. */
  public CvResult crossValidation() {
    return crossValidation;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public SparkElasticNetModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  public SparkElasticNetModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  public String getFeaturesCol() {
    return $(featuresCol);
  }

  public String getPredictionCol() {
    return $(predictionCol);
  }

  /**
   * The prediction for one feature vector of p elements: ŷ = a₀ + x·b (gaussian), or the
   * probability of class 1, σ(a₀ + x·b) (binomial).
   */
  public double predict(Vector features) {
    return predict(path.family() == Family.BINOMIAL, intercept, coefficients, features);
  }

  private static double predict(boolean binomial, double intercept, double[] b,
      Vector features) {
    double eta = linear(intercept, b, features);
    if (!binomial) {
      return eta;
    }
    return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  }

  private static double linear(double intercept, double[] b, Vector features) {
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

  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireVector(schema, getFeaturesCol());
    return Columns.withNewDouble(schema, getPredictionCol());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double a0 = intercept;
    double[] b = coefficients;
    boolean binomial = path.family() == Family.BINOMIAL;
    String column = getFeaturesCol();
    UserDefinedFunction predict = functions.udf((UDF1<Vector, Double>) features -> {
      if (features == null) {
        throw new InputException("features column '" + column + "' has a null row");
      }
      return predict(binomial, a0, b, features);
    }, DataTypes.DoubleType).asNonNullable();
    return dataset.withColumn(getPredictionCol(), predict.apply(col(column)));
  }

  @Override
  public SparkElasticNetModel copy(ParamMap extra) {
    SparkElasticNetModel copied = new SparkElasticNetModel(uid, path, crossValidation,
        selectedIndex, dataPasses);
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

  /** The model saved at {@code path} by {@code write().save(path)}. */
  public static SparkElasticNetModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "SparkElasticNetModel[uid=" + uid + ", p=" + coefficients.length + ", λ="
        + selectedLambda() + " (#" + (selectedIndex + 1) + " of " + path.size() + ")]";
  }

  private static final class Writer extends MLWriter {
    private final SparkElasticNetModel model;

    Writer(SparkElasticNetModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String dir) {
      DefaultParamsWriter.saveMetadata(model, dir, sparkSession());
      PathSolution path = model.path;
      CvResult cv = model.crossValidation;
      Row numbers = RowFactory.create(path.family().name().toLowerCase(Locale.ROOT),
          model.selectedIndex, cv.indexMin(), cv.index1se(), path.l1Ratio(),
          path.nullDeviance(), path.tolerance(), path.end().reason().name(),
          path.end().message(), path.featureNames().toArray(new String[0]), model.intercept,
          model.coefficients.clone(), model.dataPasses);
      sparkSession().createDataFrame(List.of(numbers), DATA_SCHEMA).repartition(1)
          .write().parquet(new Path(dir, "data").toString());
      List<Row> rows = new ArrayList<>();
      for (int l = 0; l < path.size(); l++) {
        double[] foldLoss = new double[cv.foldLoss().length];
        for (int f = 0; f < foldLoss.length; f++) {
          foldLoss[f] = cv.foldLoss()[f][l];
        }
        rows.add(RowFactory.create(l, path.lambdas()[l], path.intercepts()[l][0],
            path.coefficients()[l][0].clone(), path.degreesOfFreedom()[l],
            path.devianceRatio()[l], path.converged()[l], path.passes()[l],
            path.certificate()[l], cv.mean()[l], cv.standardError()[l], foldLoss));
      }
      sparkSession().createDataFrame(rows, PATH_SCHEMA).repartition(1)
          .write().parquet(new Path(dir, "path").toString());
    }
  }

  private static final class Reader extends MLReader<SparkElasticNetModel> {
    @Override
    public SparkElasticNetModel load(String dir) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(dir,
          sparkSession(), SparkElasticNetModel.class.getName());
      Row d = sparkSession().read().parquet(new Path(dir, "data").toString()).head();
      List<Row> rows = sparkSession().read().parquet(new Path(dir, "path").toString())
          .orderBy("index").collectAsList();
      int m = rows.size();
      int k = rows.get(0).<Double>getList(11).size();
      double[] lambdas = new double[m];
      double[][] intercepts = new double[m][1];
      double[][][] coefficients = new double[m][1][];
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
        intercepts[l][0] = r.getDouble(2);
        coefficients[l][0] = doubles(r.getList(3));
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
      PathSolution path = new PathSolution(family, d.getDouble(4), lambdas, intercepts,
          coefficients, df, devianceRatio, d.getDouble(5), d.getDouble(6), converged, passes,
          certificate, names, family == Family.BINOMIAL ? List.of("0", "1") : List.of(),
          new PathSolution.End(PathSolution.Ending.valueOf(d.getString(7)), d.getString(8)));
      CvResult cv = new CvResult(lambdas.clone(), mean, standardError, foldLoss, d.getInt(2),
          d.getInt(3));
      SparkElasticNetModel model = new SparkElasticNetModel(metadata.uid(), path, cv,
          d.getInt(1), Arrays.asList(d.schema().fieldNames()).contains("dataPasses")
              ? d.getInt(12) : 1);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }

    private static double[] doubles(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
