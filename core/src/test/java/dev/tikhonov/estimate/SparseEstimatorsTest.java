package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimators on a sparse {@link Dataset} ({@link Dataset#sparse}) give what they give on the
 * same values held dense: ElasticNet's path, ElasticNetCV's curve and λ_min (same fold ids),
 * a model's predictions by sparse dot products, and a saved model read back.
 */
class SparseEstimatorsTest {
  @TempDir Path dir;

  static final int N = 200;
  static final int P = 25;

  static double[][] dense() {
    Random random = new Random(3);
    double[][] x = new double[N][P];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        if (random.nextDouble() < 0.2) {
          x[i][j] = 0.5 + random.nextDouble() * (1 + j % 4);
        }
      }
    }
    return x;
  }

  static double[] target(double[][] x, boolean classes) {
    Random random = new Random(4);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double eta = 2 * x[i][1] - 1.5 * x[i][4] + x[i][9] - 0.5 * x[i][17];
      y[i] = classes ? (eta + random.nextGaussian() > 0 ? 1 : 0) : eta + random.nextGaussian();
    }
    return y;
  }

  private static void assertClose(double[][][] a, double[][][] b, double tolerance) {
    assertEquals(a.length, b.length, "path length");
    for (int l = 0; l < a.length; l++) {
      for (int c = 0; c < a[l].length; c++) {
        assertArrayEquals(a[l][c], b[l][c], tolerance, "λ #" + l);
      }
    }
  }

  @Test
  void elasticNetPath_onSparseData_equalsTheDensePath() {
    double[][] x = dense();
    double[] y = target(x, false);
    Dataset dense = Dataset.of(x, y);
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, P), y);
    assertTrue(sparse.isSparse());
    ElasticNet<LinearModel> estimator = ElasticNet.gaussian().l1Ratio(0.8).tolerance(1e-13)
        .build();
    RegularizationPath<LinearModel> a = estimator.path(dense);
    RegularizationPath<LinearModel> b = estimator.path(sparse);
    assertArrayEquals(a.lambdas(), b.lambdas(), 1e-12 * a.lambdas()[0]);
    assertClose(a.coefficients(), b.coefficients(), 1e-10);
    LinearModel m = b.atIndex(b.size() / 2);
    assertArrayEquals(a.atIndex(a.size() / 2).predict(dense), m.predict(sparse), 1e-10);
    double[] direct = m.predict(x);
    assertArrayEquals(direct, m.predict(sparse), 1e-12, "sparse dot products = dense rows");
  }

  @Test
  void elasticNetCV_onSparseData_equalsTheDenseCrossValidation() throws Exception {
    double[][] x = dense();
    double[] y = target(x, true);
    Dataset dense = Dataset.ofClasses(x, java.util.Arrays.stream(y).mapToInt(v -> (int) v)
        .toArray());
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, P), y, dense.featureNames(),
        dense.classNames(), "sparse");
    int[] folds = new int[N];
    for (int i = 0; i < N; i++) {
      folds[i] = i % 4 + 1;
    }
    ElasticNetCV<LinearClassifier> cv = ElasticNetCV.binomial().tolerance(1e-12).foldIds(folds)
        .build();
    CrossValidatedPath<LinearClassifier> a = cv.crossValidate(dense);
    CrossValidatedPath<LinearClassifier> b = cv.crossValidate(sparse);
    assertArrayEquals(a.mean(), b.mean(), 1e-9);
    assertArrayEquals(a.standardError(), b.standardError(), 1e-9);
    assertEquals(a.lambdaMin(), b.lambdaMin(), 1e-12 * a.lambdaMin());
    LinearClassifier model = b.atMinimum();
    double[][] p = model.predictProba(sparse);
    double[][] q = a.atMinimum().predictProba(dense);
    for (int i = 0; i < N; i++) {
      assertArrayEquals(q[i], p[i], 1e-9);
    }
    Path file = dir.resolve("sparse.model");
    model.save(file);
    Classifier back = (Classifier) Predictor.load(file);
    double[][] r = back.predictProba(sparse);
    for (int i = 0; i < N; i++) {
      assertArrayEquals(p[i], r[i], 1e-12);
    }
  }

  @Test
  void weightColumn_onSparseData_isRefusedWithTheReason() {
    double[][] x = dense();
    Dataset sparse = Dataset.sparse(SparseMatrix.fromDense(x, P), target(x, false));
    InputException e = assertThrows(InputException.class,
        () -> ElasticNet.gaussian().weightColumn("x3").build().path(sparse));
    assertTrue(e.getMessage().startsWith("weightColumn: sparse matrix holds sparse features"),
        e.getMessage());
    InputException cv = assertThrows(InputException.class,
        () -> ElasticNetCV.gaussian().offsetColumn("x3").build().crossValidate(sparse));
    assertTrue(cv.getMessage().startsWith("offsetColumn: sparse matrix holds sparse features"),
        cv.getMessage());
    for (var fit : List.<org.junit.jupiter.api.function.Executable>of(
        () -> ElasticNet.gaussian().adaptive().build().path(sparse),
        () -> ElasticNetCV.gaussian().adaptive().build().crossValidate(sparse))) {
      InputException a = assertThrows(InputException.class, fit);
      assertTrue(a.getMessage().startsWith("adaptive: the adaptive lasso's pilot fit needs dense"
          + " features"), a.getMessage());
    }
  }

  /** Each sparseClasses overload holds what the ofClasses overload of the same arguments does. */
  @Test
  void sparseClasses_holdWhatOfClassesHolds_andFitAsTheDenseData() {
    double[][] x = dense();
    int[] labels = Arrays.stream(target(x, true)).mapToInt(v -> (int) v).toArray();
    List<String> text = Arrays.stream(labels).mapToObj(k -> k == 1 ? "spam" : "ham").toList();
    List<String> names = IntStream.range(0, P).mapToObj(j -> "word" + j).toList();
    List<String> classes = List.of("no", "yes");
    SparseMatrix m = SparseMatrix.fromDense(x, P);
    Dataset[][] pairs = {
        {Dataset.ofClasses(x, labels), Dataset.sparseClasses(m, labels)},
        {Dataset.ofClasses(x, labels, classes, names),
            Dataset.sparseClasses(m, labels, classes, names)},
        {Dataset.ofClasses(x, text), Dataset.sparseClasses(m, text)},
        {Dataset.ofClasses(x, text, names), Dataset.sparseClasses(m, text, names)}};
    for (Dataset[] pair : pairs) {
      assertTrue(pair[1].isSparse());
      assertEquals(pair[0].classNames(), pair[1].classNames());
      assertEquals(pair[0].featureNames(), pair[1].featureNames());
      assertArrayEquals(pair[0].targets(), pair[1].targets());
    }
    assertEquals(List.of("ham", "spam"), pairs[2][1].classNames());
    ElasticNet<LinearClassifier> lasso = ElasticNet.binomial().tolerance(1e-13).build();
    assertClose(lasso.path(pairs[3][0]).coefficients(), lasso.path(pairs[3][1]).coefficients(),
        1e-9);
    InputException e = assertThrows(InputException.class,
        () -> Dataset.sparseClasses(m, labels, List.of("a"), names));
    assertTrue(e.getMessage().matches("labels: row \\d+: label 1 has no name among the 1 class"
        + " name given \\[a\\]; .*"), e.getMessage());
  }

  /** A numeric target refused by a classifier names the call that gives the data classes. */
  @Test
  void binomialPath_onNumericTargets_namesTheCallThatMakesClasses() {
    double[][] x = dense();
    double[] y = target(x, true);
    ElasticNet<LinearClassifier> lasso = ElasticNet.binomial().build();
    InputException sparse = assertThrows(InputException.class,
        () -> lasso.path(Dataset.sparse(SparseMatrix.fromDense(x, P), y)));
    assertEquals("sparse matrix: the binomial family needs class labels; build it with"
        + " Dataset.sparseClasses(x, labels) or read it with TargetKind.CLASS",
        sparse.getMessage());
    InputException dense = assertThrows(InputException.class,
        () -> lasso.path(Dataset.of(x, y)));
    assertEquals("double[][]: the binomial family needs class labels; build it with"
        + " Dataset.ofClasses(x, labels) or read it with TargetKind.CLASS", dense.getMessage());
  }

  @Test
  void sparseDataset_validatesItsTargets() {
    SparseMatrix x = SparseMatrix.fromDense(new double[][] {{1, 0}, {0, 2}}, 2);
    assertThrows(InputException.class, () -> Dataset.sparse(x, new double[] {1}));
    assertThrows(InputException.class, () -> Dataset.sparse(x, new double[] {1, Double.NaN}));
    assertEquals(List.of("x0", "x1"), Dataset.sparse(x, new double[] {1, 2}).featureNames());
  }
}
