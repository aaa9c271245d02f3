package dev.tikhonov.spark;

import static org.apache.spark.sql.functions.col;

import dev.tikhonov.data.InputException;
import java.util.List;
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
 * A fitted gaussian elastic net at the λ that cross-validation selected: a Spark ML
 * {@code Model} whose {@code transform} adds the prediction {@code ŷ = a₀ + x·b} (intercept
 * plus coefficients on the original feature scale; DESIGN.md's objective, see
 * {@link SparkElasticNetCV}).
 *
 * <p>Saved with {@code write().save(path)} (Spark's {@code MLWritable}) and loaded with
 * {@link #load(String)}: {@code path/metadata} is Spark ML's JSON of the params, and
 * {@code path/data} one Parquet row with the numbers as doubles (intercept, coefficients,
 * λ_min, λ_1se, the selected λ); nothing is Java-serialized.
 *
 * <p>Immutable numbers; thread-safe except while its params are being set.
 */
public final class SparkElasticNetModel extends Model<SparkElasticNetModel>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private static final StructType DATA_SCHEMA = new StructType()
      .add("intercept", DataTypes.DoubleType, false)
      .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("lambdaMin", DataTypes.DoubleType, false)
      .add("lambda1se", DataTypes.DoubleType, false)
      .add("selectedLambda", DataTypes.DoubleType, false);

  private final String uid;
  private final double intercept;
  private final double[] coefficients;
  private final double lambdaMin;
  private final double lambda1se;
  private final double selectedLambda;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;

  SparkElasticNetModel(String uid, double intercept, double[] coefficients, double lambdaMin,
      double lambda1se, double selectedLambda) {
    this.uid = uid;
    this.intercept = intercept;
    this.coefficients = coefficients.clone();
    this.lambdaMin = lambdaMin;
    this.lambda1se = lambda1se;
    this.selectedLambda = selectedLambda;
    featuresCol = new Param<>(this, "featuresCol", "features column: vectors");
    predictionCol = new Param<>(this, "predictionCol", "prediction column to add");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
  }

  SparkElasticNetModel(double intercept, double[] coefficients, double lambdaMin,
      double lambda1se, double selectedLambda) {
    this(Identifiable.randomUID("tikhonovElasticNetModel"), intercept, coefficients, lambdaMin,
        lambda1se, selectedLambda);
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
    return lambdaMin;
  }

  /** The largest λ whose mean error is within one standard error of the smallest. */
  public double lambda1se() {
    return lambda1se;
  }

  /** The λ of {@link #intercept()} and {@link #coefficients()} (λ_min or λ_1se). */
  public double selectedLambda() {
    return selectedLambda;
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

  /** ŷ = a₀ + x·b for one feature vector of p elements. */
  public double predict(Vector features) {
    return predict(intercept, coefficients, features);
  }

  private static double predict(double intercept, double[] b, Vector features) {
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
    String column = getFeaturesCol();
    UserDefinedFunction predict = functions.udf((UDF1<Vector, Double>) features -> {
      if (features == null) {
        throw new InputException("features column '" + column + "' has a null row");
      }
      return predict(a0, b, features);
    }, DataTypes.DoubleType).asNonNullable();
    return dataset.withColumn(getPredictionCol(), predict.apply(col(column)));
  }

  @Override
  public SparkElasticNetModel copy(ParamMap extra) {
    SparkElasticNetModel copied = new SparkElasticNetModel(uid, intercept, coefficients,
        lambdaMin, lambda1se, selectedLambda);
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
        + selectedLambda + "]";
  }

  private static final class Writer extends MLWriter {
    private final SparkElasticNetModel model;

    Writer(SparkElasticNetModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sparkSession());
      Row numbers = RowFactory.create(model.intercept, model.coefficients.clone(),
          model.lambdaMin, model.lambda1se, model.selectedLambda);
      sparkSession().createDataFrame(List.of(numbers), DATA_SCHEMA).repartition(1)
          .write().parquet(new Path(path, "data").toString());
    }
  }

  private static final class Reader extends MLReader<SparkElasticNetModel> {
    @Override
    public SparkElasticNetModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path,
          sparkSession(), SparkElasticNetModel.class.getName());
      Row numbers = sparkSession().read().parquet(new Path(path, "data").toString()).head();
      List<Double> b = numbers.getList(1);
      SparkElasticNetModel model = new SparkElasticNetModel(metadata.uid(), numbers.getDouble(0),
          b.stream().mapToDouble(Double::doubleValue).toArray(), numbers.getDouble(2),
          numbers.getDouble(3), numbers.getDouble(4));
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
