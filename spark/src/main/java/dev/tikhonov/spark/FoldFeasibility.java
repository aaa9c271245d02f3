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
 * runs only once a fold has refused, as one small aggregation over the label column. Stateless.
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
    List<Row> values = rows.groupBy(label.alias("label")).agg(functions.count(functions.lit(1))
        .alias(ROWS)).limit(3).collectAsList();
    if (values.size() != 2 || (values.get(0).getLong(1) > 1 && values.get(1).getLong(1) > 1)) {
      return refused;
    }
    Row lone = values.get(0).getLong(1) == 1 ? values.get(0) : values.get(1);
    Row common = lone == values.get(0) ? values.get(1) : values.get(0);
    long n = common.getLong(1) + 1;
    return new InputException("column '" + labelCol + "' is " + common.getDouble(0) + " on "
        + common.getLong(1) + " of the " + n + ofRows + " and " + lone.getDouble(0) + " on"
        + " one: whatever the folds, the one holding that row out trains on one value;"
        + " cross-validation needs a label that varies in at least two rows", refused);
  }

  /** A class index as written in the label column: 2, not 2.0. */
  private static String whole(double label) {
    return label == Math.rint(label) && Math.abs(label) < 1e15
        ? Long.toString((long) label) : Double.toString(label);
  }
}
