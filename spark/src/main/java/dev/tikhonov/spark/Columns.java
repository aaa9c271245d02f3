package dev.tikhonov.spark;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema checks shared by the estimator and the model: each failure is an
 * {@link InputException} whose message names the column, what it is and what was expected.
 * Stateless.
 */
final class Columns {
  private Columns() {}

  static StructField field(StructType schema, String column, String role) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new InputException("no " + role + " column '" + column + "' in the data (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
    return schema.apply(column);
  }

  /**
   * The column named {@code name}, taken literally: {@code functions.col} parses its argument,
   * so a name with a dot ({@code Sepal.Length}) would be a struct field, and one with a
   * backtick an error.
   */
  static Column column(String name) {
    return functions.col("`" + name.replace("`", "``") + "`");
  }

  /** A column of {@code org.apache.spark.ml.linalg.Vector}. */
  static void requireVector(StructType schema, String column) {
    DataType type = field(schema, column, "features").dataType();
    if (!type.equals(SQLDataTypes.VectorType())) {
      throw new InputException("features column '" + column + "' must hold vectors "
          + "(org.apache.spark.ml.linalg.Vector, e.g. from a VectorAssembler), got "
          + type.simpleString());
    }
  }

  /** A numeric column (any of Spark's numeric types; read as double). */
  static void requireNumeric(StructType schema, String column, String role) {
    DataType type = field(schema, column, role).dataType();
    if (!(type instanceof NumericType)) {
      throw new InputException(role + " column '" + column + "' must be numeric, got "
          + type.simpleString());
    }
  }

  /** The column must not exist yet (the model is about to add it). */
  static StructType withNewDouble(StructType schema, String column) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new InputException("prediction column '" + column + "' already exists in the data");
    }
    return schema.add(column, DataTypes.DoubleType, false);
  }

  /**
   * The schema with a vector column of class probabilities, which only a binomial or
   * multinomial model has.
   */
  static StructType withProbabilities(StructType schema, String column, Family family) {
    if (!family.isClassification()) {
      throw new InputException("probabilityCol '" + column + "': a "
          + family.name().toLowerCase(java.util.Locale.ROOT) + " model has no class "
          + "probabilities (binomial and multinomial have); unset it");
    }
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new InputException("probability column '" + column + "' already exists in the data");
    }
    return schema.add(column, SQLDataTypes.VectorType(), false);
  }

  /**
   * The schema with a vector column of raw predictions (MLlib's {@code rawPredictionCol}: the
   * binomial margins (−η, η), the multinomial ones η꜀), which only a binomial or multinomial
   * model has.
   */
  static StructType withRawPredictions(StructType schema, String column, Family family) {
    if (!family.isClassification()) {
      throw new InputException("rawPredictionCol '" + column + "': a "
          + family.name().toLowerCase(java.util.Locale.ROOT) + " model has no class margins "
          + "(binomial and multinomial have); unset it");
    }
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new InputException("raw prediction column '" + column
          + "' already exists in the data");
    }
    return schema.add(column, SQLDataTypes.VectorType(), false);
  }

  /** The vector size recorded in the column's ML attributes (VectorAssembler writes it). */
  static OptionalInt vectorSize(StructType schema, String column) {
    int size = AttributeGroup.fromStructField(schema.apply(column)).size();
    return size >= 0 ? OptionalInt.of(size) : OptionalInt.empty();
  }

  /**
   * The p feature names: those of the column's ML attributes when it names all p (a
   * {@code VectorAssembler} records its input columns), else the core's default names
   * {@code x0..x(p−1)}.
   */
  static List<String> featureNames(StructType schema, String column, int p) {
    AttributeGroup group = AttributeGroup.fromStructField(schema.apply(column));
    if (group.size() == p && group.attributes().isDefined()) {
      Attribute[] attributes = group.attributes().get();
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Attribute a : attributes) {
        if (a.name().isEmpty() || !seen.add(a.name().get())) {
          return Dataset.defaultNames(p);
        }
        names.add(a.name().get());
      }
      return names;
    }
    return Dataset.defaultNames(p);
  }
  /**
   * The class names of a classification path on {@code column}: the values of the column's
   * nominal attribute (as StringIndexer, or PathJob for a CSV file's text labels, writes
   * them: value k names class index k) when it has exactly as many distinct, non-empty values
   * as the path has classes; else {@code indices}, the indices "0".."C−1".
   */
  static List<String> classNames(StructType schema, String column, List<String> indices) {
    if (indices.isEmpty() || !Arrays.asList(schema.fieldNames()).contains(column)) {
      return indices;
    }
    Attribute attribute = Attribute.fromStructField(schema.apply(column));
    if (!(attribute instanceof org.apache.spark.ml.attribute.NominalAttribute nominal)
        || nominal.values().isEmpty()) {
      return indices;
    }
    List<String> values = Arrays.asList(nominal.values().get());
    if (values.size() != indices.size() || new HashSet<>(values).size() != values.size()
        || values.stream().anyMatch(v -> v == null || v.isEmpty())) {
      return indices;
    }
    return List.copyOf(values);
  }
}
