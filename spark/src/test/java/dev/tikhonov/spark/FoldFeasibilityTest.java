package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.InputException;
import dev.tikhonov.select.FoldException;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A label that varies in one row only, or a class of one row, is said to be past any folds'
 * help once a fold refuses it; a fold's refusal that other folds might get past stays the
 * fold's. Every K-fold split holds each row out once, so the fold's refusal ("fold 4 of 5 (its
 * training rows): the target is constant") invited another seed or more folds in vain.
 */
class FoldFeasibilityTest {
  private static final int N = 40;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.session("local[2]");
  }

  /** N rows of two random features, label {@code y(i)}, weight {@code w(i)}, folds 1..5. */
  private static Dataset<Row> frame(IntToDoubleFunction y, IntToDoubleFunction w) {
    Random random = new Random(1);
    double[][] x = new double[N][];
    double[] labels = new double[N];
    double[] weights = new double[N];
    int[] folds = new int[N];
    for (int i = 0; i < N; i++) {
      x[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
      labels[i] = y.applyAsDouble(i);
      weights[i] = w.applyAsDouble(i);
      folds[i] = i % 5 + 1;
    }
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(SparkElasticNetFitTest.rows(x, labels, weights, folds), 2),
        SparkElasticNetFitTest.SCHEMA);
  }

  private static InputException refusal(String family, Dataset<Row> data,
      boolean weighted, boolean foldColumn) {
    SparkElasticNetCV cv = new SparkElasticNetCV().setFamily(family).setNumFolds(5)
        .setNumLambdas(5);
    if (weighted) {
      cv.setWeightCol("weight");
    }
    if (foldColumn) {
      cv.setFoldCol("fold");
    }
    return assertThrows(InputException.class, () -> cv.fit(data));
  }

  @Test
  void aLabelVaryingInOneRow_isRefusedAsSuch_gaussianAndPoisson() {
    InputException gaussian = refusal("gaussian", frame(i -> i == 7 ? 6 : 5, i -> 1), false,
        false);
    assertEquals("column 'label' is 5.0 on 39 of the 40 rows and 6.0 on one: whatever the"
        + " folds, the one holding that row out trains on one value; cross-validation needs a"
        + " label that varies in at least two rows", gaussian.getMessage());
    assertInstanceOf(FoldException.class, gaussian.getCause(), "the fold's refusal as cause");
    // One nonzero count of positive weight: another row's count is 2, but its weight is 0.
    InputException poisson = refusal("poisson",
        frame(i -> i == 7 ? 3 : i == 8 ? 2 : 0, i -> i == 8 ? 0 : 1), true, true);
    assertEquals("column 'label' is 0.0 on 38 of the 39 rows of positive weight and 3.0 on one:"
        + " whatever the folds, the one holding that row out trains on one value;"
        + " cross-validation needs a label that varies in at least two rows",
        poisson.getMessage());
  }

  @Test
  void aClassOfOneRow_isRefusedAsSuch_binomialAndMultinomial() {
    InputException binomial = refusal("binomial", frame(i -> i == 7 ? 1 : 0, i -> 1), false,
        false);
    assertEquals("column 'label': class 1 has one row of the 40 rows: whatever the folds, the"
        + " one holding it out has no row of that class to train on; cross-validation needs at"
        + " least two rows of each class", binomial.getMessage());
    InputException multinomial = refusal("multinomial", frame(i -> i == 7 ? 2 : i % 2, i -> 1),
        false, true);
    assertEquals("column 'label': class 2 has one row of the 40 rows: whatever the folds, the"
        + " one holding it out has no row of that class to train on; cross-validation needs at"
        + " least two rows of each class", multinomial.getMessage());
  }

  @Test
  void aLabelVaryingInTwoRowsOfOneFold_staysTheFoldsRefusal() {
    // Rows 2 and 7 are both in fold 3 (ids i % 5 + 1): other folds would split them.
    InputException e = refusal("gaussian", frame(i -> i == 2 || i == 7 ? 6 : 5, i -> 1), false,
        true);
    assertInstanceOf(FoldException.class, e);
    assertEquals("fold 3 of 5 (its training rows): the target is constant (5.0): nothing to fit",
        e.getMessage());
  }
}
