package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.select.FoldException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What no K-fold split gets past, told as such after a fold refused it: every split holds each
 * row out once, so a label that differs from the others' one value in a single row (of positive
 * weight), or a class of a single row, leaves the fold holding that row out with one value (or
 * without the class) to train on, whatever the seed, the number of folds or the fold column.
 * The fold's own refusal ("fold 3 of 10 (its training rows): the target is constant") invites
 * another seed or more folds, which cannot help. The single-machine estimators check this
 * before any fold (the core's {@code FoldFeasibility}); here the check costs a Spark job, so it
 * runs only once a fold has refused, as aggregations over the label column: one grouped by
 * class, or for a number (as many values as rows, so not grouped) two plain ones. Stateless.
 */
final class FoldFeasibility {
  /** The count column of the aggregation; a name no label column is likely to have. */
  private static final String ROWS = "tikhonov_fold_feasibility_rows";

  private FoldFeasibility() {}

  /**
   * The refusal to throw for {@code refused}, a fold's: a message saying no folds can help when
   * the label is of that kind, {@code refused} itself when other folds might.
   *
   * @param classes whether the label holds classes (binomial, multinomial)
   */
  static InputException explain(Dataset<?> dataset, String labelCol, Optional<String> weightCol,
      boolean classes, FoldException refused) {
    Dataset<?> rows = dataset;
    if (weightCol.isPresent()) {
      rows = rows.where(Columns.column(weightCol.get()).gt(0));
    }
    Column label = Columns.column(labelCol).cast("double");
    String ofRows = weightCol.isPresent() ? " rows of positive weight" : " rows";
    if (classes) {
      List<Row> counts = rows.groupBy(label.alias("label")).agg(functions.count(
          functions.lit(1)).alias(ROWS)).collectAsList();
      long n = counts.stream().mapToLong(r -> r.getLong(1)).sum();
      for (Row r : counts) {
        if (r.getLong(1) == 1) {
          return new InputException("column '" + labelCol + "': class " + whole(r.getDouble(0))
              + " has one row of the " + n + ofRows + ": whatever the folds, the one holding"
              + " it out has no row of that class to train on; cross-validation needs at least"
              + " two rows of each class", refused);
        }
      }
      return refused;
    }
    // Two aggregations without a shuffle (a continuous label has as many values as rows): the
    // extremes, then how many rows hold each and how many lie between them.
    Row range = rows.agg(functions.min(label), functions.max(label)).first();
    if (range.isNullAt(0) || range.getDouble(0) == range.getDouble(1)) {
      return refused;
    }
    double lo = range.getDouble(0);
    double hi = range.getDouble(1);
    Row counts = rows.agg(rowsWhere(label.equalTo(lo)), rowsWhere(label.equalTo(hi)),
        rowsWhere(label.gt(lo).and(label.lt(hi)))).first();
    long atLo = counts.getLong(0);
    long atHi = counts.getLong(1);
    if (counts.getLong(2) > 0 || (atLo > 1 && atHi > 1)) {
      return refused;
    }
    boolean loneHi = atHi == 1;
    return new InputException("column '" + labelCol + "' is " + (loneHi ? lo : hi) + " on "
        + (loneHi ? atLo : atHi) + " of the " + (atLo + atHi) + ofRows + " and "
        + (loneHi ? hi : lo) + " on one: whatever the folds, the one holding that row out"
        + " trains on one value; cross-validation needs a label that varies in at least two"
        + " rows", refused);
  }

  /** How many rows satisfy {@code condition}. */
  private static Column rowsWhere(Column condition) {
    return functions.count(functions.when(condition, 1));
  }

  /** A class index as written in the label column: 2, not 2.0. */
  private static String whole(double label) {
    return label == Math.rint(label) && Math.abs(label) < 1e15
        ? Long.toString((long) label) : Double.toString(label);
  }
}
