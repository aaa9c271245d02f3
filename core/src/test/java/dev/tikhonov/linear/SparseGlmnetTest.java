package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.linear.ProximalNewtonRefData.Table;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sparse x against glmnet 4.1-6 on the same dgCMatrix (ref/make_sparse.R: glmnet's sparse
 * solvers, thresh 1e-14, KKT-certified): the same default λ sequence (λ_max and early stop
 * included) and coefficients within {@link #COEF_TOL} of the largest at each λ, for the
 * gaussian lasso (standardized and not), the binomial lasso and elastic net and the Poisson
 * lasso. The data have an empty column and a column stored full with one value.
 */
class SparseGlmnetTest {
  static final double COEF_TOL = 1e-5;
  static final int N = 500;
  static final int P = 60;

  static SparseMatrix x() {
    Table t = ProximalNewtonRefData.read("sparse-x.csv");
    int[] pointers = new int[P + 1];
    int[] rows = new int[t.rows().length];
    double[] values = new double[t.rows().length];
    for (int k = 0; k < rows.length; k++) {
      int j = (int) t.rows()[k][t.column("col")] - 1;
      pointers[j + 1]++;
      rows[k] = (int) t.rows()[k][t.column("row")] - 1;
      values[k] = t.rows()[k][t.column("value")];
    }
    for (int j = 0; j < P; j++) {
      pointers[j + 1] += pointers[j];
    }
    return SparseMatrix.of(N, P, pointers, rows, values);
  }

  static double[] y(String name) {
    Table t = ProximalNewtonRefData.read("sparse-y.csv");
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      y[i] = t.rows()[i][t.column(name)];
    }
    return y;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= P; j++) {
      names.add("x" + j);
    }
    return names;
  }

  private static void check(String reference, Family family, String target,
      PathSettings settings) {
    Table ref = ProximalNewtonRefData.read(reference);
    double[] lambdas = ProximalNewtonRefData.lambdas(ref);
    PathSolution own = ElasticNetPath.fit(family, x(), y(target), settings.withTolerance(1e-12),
        names(), List.of());
    assertEquals(lambdas.length, own.size(), reference + ": glmnet's path length; "
        + own.end().message());
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], own.lambda(l), 1e-9 * lambdas[l], reference + ": λ #" + l);
    }
    double err = BinomialGlmnetTest.maxRelativeError(own, ref, 1);
    System.out.println(reference + ": max relative coefficient error " + err);
    assertTrue(err < COEF_TOL, reference + ": max relative error " + err);
    assertTrue(own.allConverged(), own.warning().orElse(""));
    for (int l = 0; l < own.size(); l++) {
      assertEquals(0.0, own.coefficient(l, 0, 8), "the empty column 9");
      assertEquals(0.0, own.coefficient(l, 0, 16), "the constant column 17");
    }
  }

  @Test
  void gaussianLasso_standardized_matchesGlmnetOnADgCMatrix() {
    check("sparse-gauss-lasso-std.csv", Family.GAUSSIAN, "yg", PathSettings.of(1));
  }

  @Test
  void gaussianLasso_raw_matchesGlmnetOnADgCMatrix() {
    check("sparse-gauss-lasso-raw.csv", Family.GAUSSIAN, "yg",
        PathSettings.of(1).withStandardize(false));
  }

  @Test
  void binomialLasso_standardized_matchesGlmnetOnADgCMatrix() {
    check("sparse-binom-lasso-std.csv", Family.BINOMIAL, "yb", PathSettings.of(1));
  }

  @Test
  void binomialElasticNet_raw_matchesGlmnetOnADgCMatrix() {
    check("sparse-binom-enet05-raw.csv", Family.BINOMIAL, "yb",
        PathSettings.of(0.5).withStandardize(false));
  }

  @Test
  void poissonLasso_standardized_matchesGlmnetOnADgCMatrix() {
    check("sparse-pois-lasso-std.csv", Family.POISSON, "yc", PathSettings.of(1));
  }
}
