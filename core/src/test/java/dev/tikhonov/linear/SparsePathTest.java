package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A sparse x ({@link SparseDesign}: compressed columns, centering and scaling implicit) gives
 * the dense path of the same matrix ({@link DenseDesign}) for every family, with and without
 * standardization, weights, offsets and an intercept, on all rows and on a fold's row subset:
 * the same λ and coefficients within {@link #TOL} of the largest, both fitted to a tolerance
 * (1e-12; 1e-10 for multinomial) where each is close to the exact solution. The data have columns with no
 * entry, a column stored full with one value (constant: excluded), a column with explicit zeros
 * and nonzero means, so the implicit centering matters.
 */
class SparsePathTest {
  static final double TOL = 1e-10;
  static final int N = 240;
  static final int P = 30;

  record Data(double[][] dense, SparseMatrix sparse, double[] gaussian, double[] binary,
      double[] counts, double[] classes, double[] weights, double[] offsets) {}

  static Data data(long seed) {
    Random random = new Random(seed);
    double[][] x = new double[N][P];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < P; j++) {
        if (j == 3) {
          x[i][j] = 2.5; // constant column, every entry stored
        } else if (j == 7) {
          x[i][j] = 0; // no entry at all
        } else if (random.nextDouble() < 0.15 + 0.01 * j) {
          x[i][j] = 1 + random.nextGaussian() * (1 + 0.1 * j);
        }
      }
    }
    // Build the sparse form with explicit zeros in column 11 (stored, value 0).
    SparseMatrix.Builder builder = SparseMatrix.rowsBuilder(P);
    for (int i = 0; i < N; i++) {
      List<Integer> idx = new ArrayList<>();
      List<Double> val = new ArrayList<>();
      for (int j = 0; j < P; j++) {
        if (x[i][j] != 0 || (j == 11 && i % 3 == 0)) {
          idx.add(j);
          val.add(x[i][j]);
        }
      }
      builder.addRow(idx.stream().mapToInt(Integer::intValue).toArray(),
          val.stream().mapToDouble(Double::doubleValue).toArray());
    }
    double[] beta = new double[P];
    for (int j = 0; j < 8; j++) {
      beta[(5 * j + 1) % P] = (j % 2 == 0 ? 1 : -1) * (0.5 + 0.25 * j);
    }
    double[] g = new double[N];
    double[] b = new double[N];
    double[] c = new double[N];
    double[] k = new double[N];
    double[] w = new double[N];
    double[] o = new double[N];
    for (int i = 0; i < N; i++) {
      double eta = 0;
      for (int j = 0; j < P; j++) {
        eta += x[i][j] * beta[j];
      }
      g[i] = 1 + eta + random.nextGaussian();
      b[i] = random.nextDouble() < 1 / (1 + Math.exp(-0.5 * eta)) ? 1 : 0;
      o[i] = 0.2 * random.nextGaussian();
      double mu = Math.exp(0.2 * eta + o[i]);
      // Poisson by inversion: a small count with mean mu.
      double u = random.nextDouble();
      double pk = Math.exp(-mu);
      double cdf = pk;
      int count = 0;
      while (u > cdf && count < 50) {
        count++;
        pk *= mu / count;
        cdf += pk;
      }
      c[i] = count;
      double noisy = 0.5 * eta + 1.5 * random.nextGaussian();
      k[i] = noisy > 0.8 ? 2 : noisy > -0.8 ? 1 : 0;
      w[i] = i % 10 == 0 ? 0 : 0.5 + random.nextDouble();
    }
    return new Data(x, builder.build(), g, b, c, k, w, o);
  }

  static final Data DATA = data(11);

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < P; j++) {
      names.add("x" + j);
    }
    return names;
  }

  static double[] target(Family family) {
    return switch (family) {
      case GAUSSIAN -> DATA.gaussian();
      case BINOMIAL -> DATA.binary();
      case POISSON -> DATA.counts();
      case MULTINOMIAL -> DATA.classes();
    };
  }

  private static void compare(String what, Family family, int[] rows, Observations observations,
      PathSettings settings, ElasticNetPath.Updates updates) {
    double[] y = target(family);
    PathSolution dense = ElasticNetPath.fit(family, DATA.dense(), y, rows, observations,
        settings, names(), List.of(), updates);
    PathSolution sparse = ElasticNetPath.fit(family, DATA.sparse(), y, rows, observations,
        settings, names(), List.of(), updates);
    assertEquals(dense.size(), sparse.size(), what + ": path length");
    assertTrue(dense.size() >= 5, what + ": a path of " + dense.size());
    assertTrue(sparse.allConverged(), what + ": " + sparse.warning().orElse(""));
    double worst = 0;
    for (int l = 0; l < dense.size(); l++) {
      assertEquals(dense.lambda(l), sparse.lambda(l), 1e-12 * dense.lambda(l),
          what + ": λ #" + l);
      double largest = 1e-300;
      for (int c = 0; c < dense.coefficients(l).length; c++) {
        largest = Math.max(largest, Math.abs(dense.intercept(l, c)));
        for (double v : dense.coefficients(l)[c]) {
          largest = Math.max(largest, Math.abs(v));
        }
      }
      for (int c = 0; c < dense.coefficients(l).length; c++) {
        worst = Math.max(worst, Math.abs(dense.intercept(l, c) - sparse.intercept(l, c))
            / largest);
        for (int j = 0; j < P; j++) {
          double d = Math.abs(dense.coefficient(l, c, j) - sparse.coefficient(l, c, j));
          worst = Math.max(worst, d / largest);
        }
      }
      // The constant column and the empty one are excluded in both.
      for (int c = 0; c < dense.coefficients(l).length; c++) {
        assertEquals(0.0, sparse.coefficient(l, c, 3), what);
        assertEquals(0.0, sparse.coefficient(l, c, 7), what);
      }
    }
    System.out.println(what + ": " + dense.size() + " λ, sparse vs dense " + worst);
    assertTrue(worst < TOL, what + ": sparse vs dense, relative difference " + worst);
  }

  private static int[] all() {
    return StandardizedDesign.allRows(N);
  }

  /** A cross-validation fold's training rows: every row but those ≡ 2 (mod 5). */
  private static int[] fold() {
    return java.util.stream.IntStream.range(0, N).filter(i -> i % 5 != 2).toArray();
  }

  private static PathSettings settings(double alpha, boolean standardize) {
    return PathSettings.of(alpha).withStandardize(standardize).withTolerance(1e-12);
  }

  @Test
  void gaussian_sparseEqualsDense_naiveAndCovarianceUpdates() {
    for (ElasticNetPath.Updates updates : List.of(ElasticNetPath.Updates.NAIVE,
        ElasticNetPath.Updates.COVARIANCE)) {
      for (boolean standardize : new boolean[] {true, false}) {
        for (boolean intercept : new boolean[] {true, false}) {
          PathSettings s = settings(1, standardize).withIntercept(intercept);
          String what = "gaussian " + updates + " std=" + standardize + " intercept=" + intercept;
          compare(what, Family.GAUSSIAN, all(), Observations.none(), s, updates);
          compare(what + " weights+offsets", Family.GAUSSIAN, all(),
              Observations.ofWeights(DATA.weights()).withOffsets(DATA.offsets()), s, updates);
          compare(what + " fold", Family.GAUSSIAN, fold(), Observations.none(),
              settings(0.5, standardize).withIntercept(intercept), updates);
        }
      }
    }
  }

  @Test
  void binomial_sparseEqualsDense() {
    for (boolean standardize : new boolean[] {true, false}) {
      String what = "binomial std=" + standardize;
      compare(what, Family.BINOMIAL, all(), Observations.none(), settings(1, standardize),
          ElasticNetPath.Updates.AUTOMATIC);
      compare(what + " weights+offsets", Family.BINOMIAL, all(),
          Observations.ofWeights(DATA.weights()).withOffsets(DATA.offsets()),
          settings(0.5, standardize), ElasticNetPath.Updates.AUTOMATIC);
      compare(what + " fold", Family.BINOMIAL, fold(), Observations.none(),
          settings(1, standardize), ElasticNetPath.Updates.AUTOMATIC);
    }
  }

  @Test
  void poisson_sparseEqualsDense() {
    for (boolean standardize : new boolean[] {true, false}) {
      String what = "poisson std=" + standardize;
      compare(what, Family.POISSON, all(), Observations.none(), settings(1, standardize),
          ElasticNetPath.Updates.AUTOMATIC);
      compare(what + " weights+offsets", Family.POISSON, all(),
          Observations.ofWeights(DATA.weights()).withOffsets(DATA.offsets()),
          settings(0.5, standardize), ElasticNetPath.Updates.AUTOMATIC);
    }
  }

  @Test
  void multinomial_sparseEqualsDense() {
    for (boolean standardize : new boolean[] {true, false}) {
      String what = "multinomial std=" + standardize;
      // 1e-10 down to λ_max/100: below that, and at 1e-12, the unstandardized multinomial
      // creeps and needs more than the default budget of passes.
      compare(what, Family.MULTINOMIAL, all(), Observations.none(),
          settings(1, standardize).withTolerance(1e-10).withLambdaMinRatio(0.01),
          ElasticNetPath.Updates.AUTOMATIC);
      compare(what + " weights", Family.MULTINOMIAL, all(),
          Observations.ofWeights(DATA.weights()),
          settings(0.5, standardize).withTolerance(1e-10).withLambdaMinRatio(0.01),
          ElasticNetPath.Updates.AUTOMATIC);
    }
  }

  /**
   * Without an intercept (glmnet's intercept = FALSE) the sparse design is not centered either:
   * binomial and Poisson (with weights and offsets, and on a fold) and both multinomials give the
   * dense path.
   */
  @Test
  void otherFamilies_withoutIntercept_sparseEqualsDense() {
    ElasticNetPath.Updates auto = ElasticNetPath.Updates.AUTOMATIC;
    Observations weighted = Observations.ofWeights(DATA.weights()).withOffsets(DATA.offsets());
    for (boolean standardize : new boolean[] {true, false}) {
      String what = " without intercept std=" + standardize;
      PathSettings s = settings(1, standardize).withIntercept(false);
      compare("binomial" + what, Family.BINOMIAL, all(), weighted, s, auto);
      compare("binomial fold" + what, Family.BINOMIAL, fold(), Observations.none(), s, auto);
      // down to λ_max/20: below, the uncentered Poisson's sweeps stall at 1.4e-10 (one λ of
      // 68 at 1e-12), and at 1e-10 the two differ by 3.5e-9 of the largest coefficient
      compare("poisson" + what, Family.POISSON, all(), weighted,
          settings(0.5, standardize).withIntercept(false).withLambdaMinRatio(0.05), auto);
      PathSettings multi = settings(1, standardize).withIntercept(false).withTolerance(1e-10)
          .withLambdaMinRatio(0.05).withMaxIterations(10_000_000);
      compare("multinomial" + what, Family.MULTINOMIAL, all(),
          Observations.ofWeights(DATA.weights()), multi, auto);
      compare("grouped multinomial" + what, Family.MULTINOMIAL, fold(), Observations.none(),
          multi.withL1Ratio(0.8).withMultinomialPenalty(MultinomialPenalty.GROUPED), auto);
    }
  }

  /**
   * The grouped multinomial's exact blocks on the sparse storage: gradients, blocks and moves
   * from the column's entries, the centering as one K-vector shift of every row's Δη.
   */
  @Test
  void groupedMultinomial_sparseEqualsDense() {
    for (boolean standardize : new boolean[] {true, false}) {
      PathSettings grouped = settings(0.8, standardize).withTolerance(1e-10)
          .withLambdaMinRatio(0.05).withMultinomialPenalty(MultinomialPenalty.GROUPED)
          .withMaxIterations(10_000_000);
      compare("grouped multinomial std=" + standardize, Family.MULTINOMIAL, all(),
          Observations.ofWeights(DATA.weights()), grouped, ElasticNetPath.Updates.AUTOMATIC);
      compare("grouped multinomial on a fold std=" + standardize, Family.MULTINOMIAL, fold(),
          Observations.ofWeights(DATA.weights()), grouped, ElasticNetPath.Updates.AUTOMATIC);
    }
  }

  @Test
  void sparseDesign_productsEqualTheDenseDesigns() {
    int[] rows = fold();
    double[] omega = new double[rows.length];
    double total = 0;
    for (int i = 0; i < rows.length; i++) {
      total += DATA.weights()[rows[i]];
    }
    for (int i = 0; i < rows.length; i++) {
      omega[i] = DATA.weights()[rows[i]] / total;
    }
    for (boolean scaleRows : new boolean[] {true, false}) {
      DenseDesign dense = DenseDesign.of(DATA.dense(), rows, omega, scaleRows, true, true);
      SparseDesign sparse = SparseDesign.of(DATA.sparse(), rows, omega, scaleRows, true, true);
      assertArrayEquals(dense.included, sparse.included);
      Random random = new Random(5);
      double[] v = new double[rows.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextGaussian();
      }
      double vc = sparse.centerDot(v);
      for (int j = 0; j < P; j++) {
        assertEquals(dense.mean[j], sparse.mean[j], 1e-13, "mean " + j);
        assertEquals(dense.scale[j], sparse.scale[j], 1e-13, "scale " + j);
        assertEquals(dense.variance[j], sparse.variance[j], 1e-13, "variance " + j);
        assertEquals(dense.dot(j, v), sparse.dot(j, v, vc), 1e-11, "dot " + j);
        for (int k = 0; k < P; k += 7) {
          assertEquals(dense.meanCross(j, k), sparse.meanCross(j, k), 1e-13, "cross " + j);
        }
        double[] a = new double[rows.length];
        double[] b = new double[rows.length];
        dense.addScaledColumn(j, 0.7, a);
        sparse.addScaledColumn(j, 0.7, b);
        assertArrayEquals(a, b, 1e-13, "column " + j);
      }
      int[] active = {4, 0, 11, 3, 7, 20, 29};
      double[] coefficients = new double[2 * P];
      for (int t = 0; t < active.length; t++) {
        coefficients[P + active[t]] = t % 3 == 0 ? 0.0 : 0.3 * t - 1;
      }
      double[] a = new double[rows.length];
      double[] b = new double[rows.length];
      dense.addColumns(coefficients, P, active, active.length, a);
      sparse.addColumns(coefficients, P, active, active.length, b);
      assertArrayEquals(a, b, 1e-12, "a linear predictor");
    }
  }

  @Test
  void sparseMatrix_badInput_namesColumnRowAndIndex() {
    InputException unsorted = assertThrows(InputException.class, () -> SparseMatrix.of(3, 2,
        new int[] {0, 2, 2}, new int[] {2, 1}, new double[] {1, 2}));
    assertEquals("sparse matrix: column index 0: row index 1 after 2; row indices must increase"
        + " within a column (sorted, no duplicates)", unsorted.getMessage());
    InputException range = assertThrows(InputException.class, () -> SparseMatrix.of(3, 2,
        new int[] {0, 1, 2}, new int[] {0, 3}, new double[] {1, 2}));
    assertEquals("sparse matrix: column index 1: row index 3 is outside 0..2", range.getMessage());
    InputException nan = assertThrows(InputException.class, () -> SparseMatrix.of(3, 2,
        new int[] {0, 1, 2}, new int[] {0, 1}, new double[] {1, Double.NaN}));
    assertEquals("sparse matrix: row index 1, column index 1: value NaN is not finite", nan.getMessage());
    // Pointers that run past the entries before coming back used to read beyond rowIndices.
    InputException pointers = assertThrows(InputException.class, () -> SparseMatrix.of(2, 2,
        new int[] {0, 3, 1}, new int[] {0}, new double[] {1}));
    assertEquals("sparse matrix: columnPointers decrease at index 2 (3 then 1); they must not"
        + " decrease from 0 to the number of entries (1)", pointers.getMessage());
    InputException duplicate = assertThrows(InputException.class,
        () -> SparseMatrix.rowsBuilder(4).addRow(new int[] {1, 1}, new double[] {1, 2}));
    assertEquals("sparse matrix: row index 0: column index 1 after 1; indices must increase"
        + " within a row (sorted, no duplicates)", duplicate.getMessage());
    // indices are said as given, from 0: the second row {7, 2} used to be "column index 3 after 8"
    InputException unsortedRow = assertThrows(InputException.class,
        () -> SparseMatrix.rowsBuilder(10).addRow(new int[] {1, 4}, new double[] {1, 1})
            .addRow(new int[] {7, 2}, new double[] {1, 2}));
    assertEquals("sparse matrix: row index 1: column index 2 after 7; indices must increase"
        + " within a row (sorted, no duplicates)", unsortedRow.getMessage());
    InputException beyond = assertThrows(InputException.class,
        () -> SparseMatrix.rowsBuilder(4).addRow(new int[] {4}, new double[] {1}));
    assertEquals("sparse matrix: row index 0: column index 4 is outside 0..3", beyond.getMessage());
  }

  @Test
  void sparseMatrix_rowsAndProducts_matchTheDenseMatrix() {
    int[] rows = {5, 0, 5, 17, 3};
    SparseMatrix sub = DATA.sparse().rows(rows);
    double[][] dense = sub.toDense();
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(DATA.dense()[rows[i]], dense[i], 0.0, "row " + i);
    }
    double[] b = new double[P];
    for (int j = 0; j < P; j++) {
      b[j] = 0.1 * j - 1;
    }
    double[] out = new double[N];
    DATA.sparse().multiply(0.5, b, out);
    for (int i = 0; i < N; i++) {
      double eta = 0.5;
      for (int j = 0; j < P; j++) {
        eta += DATA.dense()[i][j] * b[j];
      }
      assertEquals(eta, out[i], 1e-12, "row " + i);
    }
  }
}
