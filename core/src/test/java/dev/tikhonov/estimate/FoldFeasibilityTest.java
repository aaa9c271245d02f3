package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.select.FoldException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A target that varies in one row, or a class of one row: every k-fold split holds that row out
 * once, so the fold holding it out trains on one value (or without the class) whatever the
 * folds. The linear paths' cross-validation refused it inside that fold ("fold 2 of 5 (its
 * training rows): the target is constant"), whose remedy in the CLI (another seed, more folds,
 * leave-one-out included) could not help; they refuse it first, naming the data.
 */
class FoldFeasibilityTest {
  private static final int N = 20;

  @Test
  void linearCrossValidation_aTargetVaryingInOneRow_isRefusedWhateverTheFolds() {
    for (Map.Entry<String, Function<Dataset, ?>> fit : Map.<String, Function<Dataset, ?>>of(
        "gaussian", d -> ElasticNetCV.gaussian().numFolds(5).build().fit(d),
        "leave-one-out", d -> ElasticNetCV.gaussian().numFolds(N).build().fit(d),
        "adaptive", d -> ElasticNetCV.gaussian().numFolds(4).adaptive().build().fit(d),
        "relaxed", d -> RelaxedLasso.gaussian().numFolds(5).build().fit(d),
        "sparse", d -> ElasticNetCV.gaussian().numFolds(5).build().fit(d)).entrySet()) {
      Dataset data = fit.getKey().equals("sparse") ? Dataset.sparse(SparseMatrix.fromDense(
          rows(), 2), varyingInOneRow(5, 6).targets()) : varyingInOneRow(5, 6);
      InputException e = assertThrows(InputException.class, () -> fit.getValue().apply(data),
          fit.getKey());
      assertEquals(InputException.class, e.getClass(), fit.getKey());
      assertEquals(data.source() + ": the target is 5.0 on 19 of the 20 rows"
          + " and 6.0 on one: whatever the folds, the one holding that row out trains on one"
          + " value; cross-validation needs a target that varies in at least two rows",
          e.getMessage(), fit.getKey());
    }
    InputException counts = assertThrows(InputException.class,
        () -> ElasticNetCV.poisson().numFolds(5).build().fit(varyingInOneRow(0, 3)));
    assertEquals(varyingInOneRow(0, 3).source() + ": the target is 0.0 on 19 of the 20 rows"
        + " and 3.0 on one: whatever the folds, the one holding that row out trains on one"
        + " value; cross-validation needs a target that varies in at least two rows",
        counts.getMessage());
  }

  @Test
  void linearCrossValidation_aClassOfOneRow_isRefusedWhateverTheFolds() {
    Dataset binary = classes(2);
    Dataset three = classes(3);
    for (Map.Entry<String, Function<Dataset, ?>> fit : Map.<String, Function<Dataset, ?>>of(
        "binomial", d -> ElasticNetCV.binomial().numFolds(5).build().fit(d),
        "multinomial", d -> ElasticNetCV.multinomial().numFolds(5).build().fit(three),
        "relaxed", d -> RelaxedLasso.binomial().numFolds(5).build().fit(d)).entrySet()) {
      Dataset data = fit.getKey().equals("multinomial") ? three : binary;
      InputException e = assertThrows(InputException.class, () -> fit.getValue().apply(data),
          fit.getKey());
      assertEquals(data.source() + ": class " + data.classNames().get(data.numClasses() - 1)
          + " has one row of the 20: whatever the folds, the one holding it out has no row of"
          + " that class to train on; cross-validation needs at least two rows of each class",
          e.getMessage(), fit.getKey());
    }
  }

  /**
   * Two rows that vary still go to the folds: a fold that holds out both is the fold's own
   * refusal, which other folds can avoid.
   */
  @Test
  void linearCrossValidation_aTargetVaryingInTwoRows_isLeftToTheFolds() {
    double[][] x = rows();
    double[] y = new double[N];
    java.util.Arrays.fill(y, 5);
    y[3] = 6;
    y[11] = 7;
    Dataset data = Dataset.of(x, y);
    for (long seed = 0; seed < 4; seed++) {
      try {
        ElasticNetCV.gaussian().numFolds(2).seed(seed).build().fit(data);
      } catch (FoldException e) {
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(
            "(its training rows): the target is constant (5.0)"), e.getMessage());
      }
    }
  }

  /**
   * Weights give a fold neither the class nor the second value it lacks, and offsets cannot make
   * counts that are all 0 fittable: the paths refuse these first with a weight or offset column
   * too. They skipped the check with either, and the fold's refusal advised other or more folds.
   */
  @Test
  void linearCrossValidation_withWeightsOrOffsets_refusesWhatNoFoldsGetPast() {
    List<String> names = List.of("x0", "x1", "w", "o");
    double[] lone = varyingInOneRow(5, 6).targets();
    Dataset gaussian = Dataset.of(withObservations(), lone, names);
    Dataset counts = Dataset.of(withObservations(), varyingInOneRow(0, 3).targets(), names);
    int[] labels = new int[N];
    labels[3] = 1;
    Dataset binary = Dataset.ofClasses(withObservations(), labels, List.of("a", "b"), names);
    for (Map.Entry<String, Function<Dataset, ?>> fit : Map.<String, Function<Dataset, ?>>of(
        "gaussian weights", d -> ElasticNetCV.gaussian().weightColumn("w")
            .numFolds(5).build().fit(gaussian),
        "poisson weights", d -> ElasticNetCV.poisson().weightColumn("w")
            .numFolds(5).build().fit(counts),
        "poisson offsets", d -> ElasticNetCV.poisson().offsetColumn("o")
            .numFolds(5).build().fit(counts),
        "binomial weights", d -> ElasticNetCV.binomial().weightColumn("w")
            .numFolds(5).build().fit(binary),
        "binomial offsets", d -> ElasticNetCV.binomial().offsetColumn("o")
            .numFolds(5).build().fit(binary)).entrySet()) {
      InputException e = assertThrows(InputException.class, () -> fit.getValue().apply(null),
          fit.getKey());
      assertEquals(InputException.class, e.getClass(), fit.getKey() + ": " + e.getMessage());
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(
          "whatever the folds, the one holding"), fit.getKey() + ": " + e.getMessage());
    }
    // sparse features take no weight or offset column: that is said first
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(rows(), 2), lone);
    InputException column = assertThrows(InputException.class, () -> ElasticNetCV.gaussian()
        .offsetColumn("x1").numFolds(5).build().fit(sparse));
    assertEquals(java.util.Optional.of("offsetColumn"), column.setting(), column.getMessage());
    // offsets vary what a constant target is fitted to: the folds are fitted
    ElasticNetCV.gaussian().offsetColumn("o").numFolds(5).build()
        .fit(gaussian);
  }

  /** rows() with a weight column w (1, 2, 1, 2, ...) and an offset column o (0.1·i). */
  private static double[][] withObservations() {
    double[][] x = rows();
    double[][] out = new double[N][];
    for (int i = 0; i < N; i++) {
      out[i] = new double[] {x[i][0], x[i][1], 1 + i % 2, 0.1 * i};
    }
    return out;
  }

  private static double[][] rows() {
    double[][] x = new double[N][];
    for (int i = 0; i < N; i++) {
      x[i] = new double[] {i % 5, (i * 7) % 3};
    }
    return x;
  }

  /** N rows whose target is {@code common} but {@code lone} in row 3. */
  private static Dataset varyingInOneRow(double common, double lone) {
    double[] y = new double[N];
    java.util.Arrays.fill(y, common);
    y[3] = lone;
    return Dataset.of(rows(), y);
  }

  /** N rows of {@code k} classes, the last of them on row 3 only. */
  private static Dataset classes(int k) {
    int[] labels = new int[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % (k - 1);
    }
    labels[3] = k - 1;
    return Dataset.ofClasses(rows(), labels);
  }
}
