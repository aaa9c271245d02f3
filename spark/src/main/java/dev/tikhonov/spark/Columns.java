package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import java.util.Arrays;
import java.util.OptionalInt;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
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

  /** The vector size recorded in the column's ML attributes (VectorAssembler writes it). */
  static OptionalInt vectorSize(StructType schema, String column) {
    int size = AttributeGroup.fromStructField(schema.apply(column)).size();
    return size >= 0 ? OptionalInt.of(size) : OptionalInt.empty();
  }
}
