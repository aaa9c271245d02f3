package dev.tikhonov.spark;

import static org.apache.spark.sql.functions.lit;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The out-of-fold (pre-validated) linear predictors of a cross-validated fit on Spark, cv.glmnet's
 * {@code keep = TRUE} ({@code fit.preval}), as the core's {@code OutOfFoldPredictions} defines
 * them: for a row of fold f(i), output c and λ_l of the full path,
 *
 * <pre>
 *   η_{l,c}(i) = a₀_{l,c}^(−f(i)) + xᵢ·b_{l,c}^(−f(i))
 * </pre>
 *
 * where (a₀, b)^(−f) is fold f's path (fitted without fold f's rows) at λ_l as the
 * cross-validation scored it ({@link IrlsCrossValidation#atFullLambdas}: its own default
 * sequence interpolated linearly in λ, or the same λ when a sequence is given; a fold path that
 * ended early at its last λ). The link scale: the fitted value (gaussian), the log-odds of
 * class 1 (binomial), log μ (Poisson), one η per class (multinomial). A row's fold is the one
 * the fit gave it: its fold column's id, or {@link RandomFolds#fold} of its label and features
 * with the fit's seed and K.
 *
 * <p>Holds every fold's coefficients at every λ (K·m·C·(p + 1) doubles, a few MB at p = 1000,
 * K = 10, m = 100), not the predictions, which {@link #score} computes lazily, a column of the
 * data. Immutable (its arrays are never written after construction) and thread-safe; serialized
 * with the scoring function to the executors.
 *
 * @param family the path's family (multinomial: one output per class)
 * @param featuresCol the column of feature vectors the fit read
 * @param labelCol the label column the fit read (the random folds hash it)
 * @param foldCol the fold id column the fit read, "" for the fit's random folds
 * @param numFolds K
 * @param seed the random folds' seed
 * @param intercepts a₀ [fold − 1][λ][class]
 * @param coefficients b [fold − 1][λ][class][feature], original scale
 */
record OutOfFoldScorer(Family family, String featuresCol, String labelCol, String foldCol,
    int numFolds, long seed, double[][][] intercepts, double[][][][] coefficients)
    implements java.io.Serializable {

  /** The column {@link #score} adds. */
  static final String COLUMN = "outOfFold";

  OutOfFoldScorer {
    if (intercepts.length != numFolds || coefficients.length != numFolds) {
      throw new IllegalArgumentException(intercepts.length + " folds of coefficients for K = "
          + numFolds);
    }
  }

  /** The scorer of a fit's fold points ({@link IrlsCrossValidation#atFullLambdas}). */
  static OutOfFoldScorer of(Family family, String featuresCol, String labelCol,
      java.util.Optional<String> foldCol, int numFolds, long seed,
      IrlsCrossValidation.FoldPoints points) {
    return new OutOfFoldScorer(family, featuresCol, labelCol, foldCol.orElse(""), numFolds,
        seed, points.intercepts(), points.coefficients());
  }

  /** m, the λ of the full path. */
  int numLambdas() {
    return intercepts[0].length;
  }

  /** The type of the predictions: η per λ, or per λ an array of one η per class. */
  DataType predictionsType() {
    DataType perLambda = DataTypes.createArrayType(DataTypes.DoubleType, false);
    return family == Family.MULTINOMIAL
        ? DataTypes.createArrayType(perLambda, false) : perLambda;
  }

  /** The added column's struct: {@code fold} (1..K) and {@code linearPredictor}. */
  StructType columnType() {
    return new StructType().add("fold", DataTypes.IntegerType, false)
        .add("linearPredictor", predictionsType(), false);
  }

  /**
   * {@code data} with the column {@link #COLUMN}: a struct of the row's fold and its
   * out-of-fold linear predictors at every λ of the path, in the path's order (multinomial:
   * [λ][class]). Lazy: the predictions are computed where the result is used, one dot product
   * of p per λ and class per row.
   *
   * @throws InputException naming the column when {@code data} lacks one the fit read, has one
   *     of another type, or already has a column named {@value #COLUMN}; in the task, for a
   *     row whose fold id is not a whole number in 1..K, or whose features are null or of
   *     another size
   */
  Dataset<Row> score(Dataset<?> data) {
    StructType schema = data.schema();
    Columns.requireVector(schema, featuresCol);
    Columns.requireNumeric(schema, labelCol, "label");
    if (!foldCol.isEmpty()) {
      Columns.requireNumeric(schema, foldCol, "fold id");
    }
    if (java.util.Arrays.asList(schema.fieldNames()).contains(COLUMN)) {
      throw new InputException("the data already have a column '" + COLUMN + "', which the"
          + " out-of-fold predictions would replace; rename it");
    }
    OutOfFoldScorer scorer = this;
    UserDefinedFunction udf = functions.udf(
        (UDF3<Vector, Double, Double, Row>) scorer::row, columnType()).asNonNullable();
    Column fold = foldCol.isEmpty() ? lit(0.0) : Columns.column(foldCol).cast("double");
    return data.withColumn(COLUMN, udf.apply(Columns.column(featuresCol),
        Columns.column(labelCol).cast("double"), fold));
  }

  /** One row's struct: its fold and its η at every λ (and class). */
  private Row row(Vector features, Double label, Double foldId) {
    int p = coefficients[0][0][0].length;
    if (features == null || features.size() != p) {
      throw new InputException("column '" + featuresCol + "': " + (features == null
          ? "a null row" : "a vector of " + features.size() + " elements") + ", expected a"
          + " vector of the fit's " + p + " features");
    }
    int f = fold(features, label, foldId);
    double[][] a0 = intercepts[f - 1];
    double[][][] b = coefficients[f - 1];
    int m = a0.length;
    if (family != Family.MULTINOMIAL) {
      double[] eta = new double[m];
      for (int l = 0; l < m; l++) {
        eta[l] = SparkElasticNetModel.linear(a0[l][0], b[l][0], features);
      }
      return RowFactory.create(f, eta);
    }
    double[][] eta = new double[m][];
    for (int l = 0; l < m; l++) {
      eta[l] = new double[a0[l].length];
      for (int c = 0; c < eta[l].length; c++) {
        eta[l][c] = SparkElasticNetModel.linear(a0[l][c], b[l][c], features);
      }
    }
    return RowFactory.create(f, eta);
  }

  /** The row's fold, as the fit's passes give it (StatisticsPass, NewtonPass). */
  private int fold(Vector features, Double label, Double foldId) {
    if (foldCol.isEmpty()) {
      if (label == null) {
        throw new InputException("column '" + labelCol + "': a null label; the random folds"
            + " hash each row's label and features");
      }
      return RandomFolds.fold(seed, numFolds, label, features);
    }
    double id = foldId == null ? Double.NaN : foldId;
    if (!(id >= 1 && id <= numFolds && id == Math.rint(id))) {
      throw new InputException("column '" + foldCol + "': " + (foldId == null ? "null" : id)
          + ", expected a fold id in 1.." + numFolds + " (numFolds)");
    }
    return (int) id;
  }

  /** The row's out-of-fold η of one output at every λ, read from a scored row's struct. */
  static double[][] linearPredictors(Row outOfFold, Family family) {
    List<Object> perLambda = outOfFold.getList(1);
    double[][] out = new double[perLambda.size()][];
    for (int l = 0; l < out.length; l++) {
      Object v = perLambda.get(l);
      if (family == Family.MULTINOMIAL) {
        scala.collection.Seq<?> classes = (scala.collection.Seq<?>) v;
        out[l] = new double[classes.size()];
        for (int c = 0; c < out[l].length; c++) {
          out[l][c] = (Double) classes.apply(c);
        }
      } else {
        out[l] = new double[] {(Double) v};
      }
    }
    return out;
  }
}
