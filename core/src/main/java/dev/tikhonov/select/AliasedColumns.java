package dev.tikhonov.select;

import dev.tikhonov.linear.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first column of a design that is a linear combination of earlier ones over the rows
 * fitted (with the intercept's column of 1s when there is one): where the unpenalized fit is
 * not unique, as R's {@code lm}/{@code glm} report such a column "aliased" (coefficient NA).
 * Found by modified Gram–Schmidt on the columns √wᵢ·(xᵢⱼ − x̄ⱼ) (x̄ⱼ the weighted mean with an
 * intercept, else 0), in column order as R's pivoting keeps the earlier columns: column j is
 * aliased when what is left of it after the earlier ones is at most {@value #TOLERANCE} of the
 * norm of √wᵢ·xᵢⱼ, the column as given (lm.fit's {@code tol}, as dqrdc2 measures it). A
 * column that is 0 over the rows (constant, with an intercept) is not reported: the path
 * leaves it out anyway. Stateless and thread-safe.
 */
final class AliasedColumns {
  /** lm.fit's and glm.fit's default tolerance for a column to be linearly dependent. */
  static final double TOLERANCE = 1e-7;

  private AliasedColumns() {}

  /**
   * An aliased column and the earlier columns whose combination it is (0-based, increasing).
   */
  record Alias(int column, int[] combinationOf) {}

  /** The first aliased column over {@code rows}, if any. */
  static Optional<Alias> first(double[][] x, int[] rows, Observations observations,
      boolean intercept, int p) {
    int n = rows.length;
    double[] root = new double[n];
    double total = 0;
    for (int r = 0; r < n; r++) {
      double w = observations.weight(rows[r]);
      root[r] = Math.sqrt(w);
      total += w;
    }
    List<double[]> basis = new ArrayList<>(); // orthonormal q of the columns kept
    List<Integer> basisColumn = new ArrayList<>();
    List<double[]> r = new ArrayList<>(); // r[k][i]: q_i · (column k of the basis), i ≤ k
    for (int j = 0; j < p; j++) {
      double mean = 0;
      if (intercept && total > 0) {
        for (int i = 0; i < n; i++) {
          mean += observations.weight(rows[i]) * x[rows[i]][j] / total;
        }
      }
      double[] v = new double[n];
      double[] raw = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = root[i] * (x[rows[i]][j] - mean);
        raw[i] = root[i] * x[rows[i]][j];
      }
      if (norm(v) == 0) {
        continue;
      }
      // lm.fit's dqrdc2 measures what is left against the column as given, not centered: a
      // column with a mean far from 0 and a little noise over another was fitted (±10⁶)
      double norm = norm(raw);
      double[] coordinates = new double[basis.size()];
      for (int k = 0; k < basis.size(); k++) {
        double[] q = basis.get(k);
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[i] * v[i];
        }
        coordinates[k] = dot;
        for (int i = 0; i < n; i++) {
          v[i] -= dot * q[i];
        }
      }
      double left = norm(v);
      if (left <= TOLERANCE * norm) {
        return Optional.of(new Alias(j, combination(coordinates, r, basisColumn, norm)));
      }
      for (int i = 0; i < n; i++) {
        v[i] /= left;
      }
      double[] column = java.util.Arrays.copyOf(coordinates, coordinates.length + 1);
      column[coordinates.length] = left;
      r.add(column);
      basis.add(v);
      basisColumn.add(j);
    }
    return Optional.empty();
  }

  /**
   * The columns with a part in the combination: R c = coordinates solved backwards, each
   * column's share |c_k|·‖column k‖ above {@value #TOLERANCE} of the aliased column's norm.
   */
  private static int[] combination(double[] coordinates, List<double[]> r,
      List<Integer> basisColumn, double norm) {
    int m = coordinates.length;
    double[] c = new double[m];
    for (int k = m - 1; k >= 0; k--) {
      double s = coordinates[k];
      for (int l = k + 1; l < m; l++) {
        s -= r.get(l)[k] * c[l];
      }
      c[k] = s / r.get(k)[k];
    }
    List<Integer> part = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      if (Math.abs(c[k]) * norm(r.get(k)) > TOLERANCE * norm) {
        part.add(basisColumn.get(k));
      }
    }
    return part.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double a : v) {
      s += a * a;
    }
    return Math.sqrt(s);
  }
}
