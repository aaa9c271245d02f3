package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact, KKT-certified solutions of DESIGN.md's objective at one λ, made independently of the
 * library's solvers ("active-set polish"): take the set A of nonzero coefficients and their
 * signs σ from a path, solve the optimality conditions restricted to A exactly (a linear system
 * for gaussian, Newton's method to machine precision for binomial and multinomial), then check
 * the conditions that make it the solution: every sign agrees with σ and every feature outside
 * A satisfies |∇ⱼ| ≤ λαvⱼsⱼ. If both hold, the polished point is the optimum up to rounding.
 *
 * <p>Everything is computed on the standardized scale of the data (column j centered and, when
 * standardizing, divided by its 1/n standard deviation sⱼ), as the penalty applies there, with
 * all penalty factors 1. Test helper; not thread-safe.
 */
final class ExactSolution {
  private ExactSolution() {}

  /** A certified solution on the original scale: K intercepts and K×p coefficients. */
  record Point(double[] intercepts, double[][] coefficients, double worstInactiveMargin) {}

  /** The data on the standardized scale. */
  private record Scaled(double[][] z, double[] mean, double[] scale) {
    static Scaled of(double[][] x, boolean standardize) {
      int n = x.length;
      int p = x[0].length;
      double[] mean = new double[p];
      double[] scale = new double[p];
      double[][] z = new double[n][p];
      for (int j = 0; j < p; j++) {
        double m = 0;
        for (double[] row : x) {
          m += row[j] / n;
        }
        double v = 0;
        for (double[] row : x) {
          v += (row[j] - m) * (row[j] - m) / n;
        }
        mean[j] = m;
        scale[j] = standardize ? Math.sqrt(v) : 1.0;
        for (int i = 0; i < n; i++) {
          z[i][j] = (x[i][j] - m) / scale[j];
        }
      }
      return new Scaled(z, mean, scale);
    }
  }

  /**
   * The gaussian elastic net at λ with the active set and signs of {@code path} at index l.
   *
   * @throws AssertionError when the polished point fails a sign or an inactive condition
   */
  static Point gaussian(double[][] x, double[] y, PathSolution path, int l, boolean standardize) {
    int n = x.length;
    int p = x[0].length;
    double lambda = path.lambda(l);
    double alpha = path.l1Ratio();
    Scaled s = Scaled.of(x, standardize);
    double yMean = Arrays.stream(y).sum() / n;
    int[] active = activeSet(path.coefficients(l)[0]);
    int a = active.length;
    double[][] system = new double[a][a + 1];
    for (int u = 0; u < a; u++) {
      int ju = active[u];
      double rhs = 0;
      for (int i = 0; i < n; i++) {
        rhs += s.z()[i][ju] * (y[i] - yMean) / n;
      }
      double sign = Math.signum(path.coefficient(l, 0, ju));
      system[u][a] = rhs - lambda * alpha * sign;
      for (int w = 0; w < a; w++) {
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += s.z()[i][ju] * s.z()[i][active[w]] / n;
        }
        system[u][w] = g;
      }
      system[u][u] += lambda * (1 - alpha);
    }
    double[] bActive = solve(system);
    double[] b = new double[p];
    for (int u = 0; u < a; u++) {
      b[active[u]] = bActive[u];
    }
    // Certify: signs, and the inactive conditions from the residual of the polished point.
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double eta = 0;
      for (int u = 0; u < a; u++) {
        eta += s.z()[i][active[u]] * bActive[u];
      }
      r[i] = y[i] - yMean - eta;
    }
    double margin = Double.POSITIVE_INFINITY;
    boolean[] in = new boolean[p];
    for (int u = 0; u < a; u++) {
      in[active[u]] = true;
      if (Math.signum(bActive[u]) != Math.signum(path.coefficient(l, 0, active[u]))) {
        throw new AssertionError("λ index " + l + ": feature " + active[u]
            + " changes sign in the polish");
      }
    }
    for (int j = 0; j < p; j++) {
      if (in[j] || s.scale()[j] == 0) {
        continue;
      }
      double g = 0;
      for (int i = 0; i < n; i++) {
        g += s.z()[i][j] * r[i] / n;
      }
      margin = Math.min(margin, lambda * alpha - Math.abs(g));
    }
    // At λ_max the largest gradient equals λα exactly: allow rounding.
    if (margin < -1e-12 * lambda * alpha) {
      throw new AssertionError("λ index " + l + ": an inactive feature violates KKT by "
          + (-margin));
    }
    double a0 = yMean;
    for (int j = 0; j < p; j++) {
      b[j] /= s.scale()[j];
      a0 -= s.mean()[j] * b[j];
    }
    return new Point(new double[] {a0}, new double[][] {b}, margin);
  }

  /**
   * The binomial (K = 1 vector) or multinomial (K classes) elastic net at λ with the active set
   * and signs of {@code path} at index l, by Newton's method on the smooth restricted problem
   * (the L1 term is linear there); multinomial intercepts and coefficients are centered as the
   * path centers them.
   *
   * @param y class index 0..K−1
   */
  static Point classification(double[][] x, double[] y, PathSolution path, int l,
      boolean standardize) {
    int n = x.length;
    int p = x[0].length;
    double lambda = path.lambda(l);
    double alpha = path.l1Ratio();
    Scaled s = Scaled.of(x, standardize);
    boolean binomial = path.family() == Family.BINOMIAL;
    int k = path.intercepts(l).length;
    int classes = binomial ? 2 : k;
    // Variables: intercepts of classes 0..k−2 (the last is the reference, fixed at its path
    // value for multinomial; binomial has one intercept), then the active (j, class) pairs.
    List<int[]> pairs = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < p; j++) {
        if (path.coefficient(l, c, j) != 0) {
          pairs.add(new int[] {j, c});
        }
      }
    }
    int free = binomial ? 1 : k - 1;
    int dim = free + pairs.size();
    double[] intercept = new double[k];
    double[][] b = new double[k][p];
    for (int c = 0; c < k; c++) {
      // Start from the path's point on the standardized scale.
      double shift = 0;
      for (int j = 0; j < p; j++) {
        b[c][j] = path.coefficient(l, c, j) * s.scale()[j];
        shift += path.coefficient(l, c, j) * s.mean()[j];
      }
      intercept[c] = path.intercept(l, c) + shift;
    }
    double[] sign = new double[pairs.size()];
    for (int q = 0; q < pairs.size(); q++) {
      sign[q] = Math.signum(b[pairs.get(q)[1]][pairs.get(q)[0]]);
    }
    for (int iteration = 0; iteration < 100; iteration++) {
      double[][] prob = probabilities(s.z(), intercept, b, binomial);
      double[] gradient = new double[dim];
      double[][] hessian = new double[dim][dim];
      // Per row: residual e_c = p_c − y_c, Hessian blocks W_cd = p_c(δ_cd − p_d) / n.
      for (int i = 0; i < n; i++) {
        double[] e = new double[k];
        for (int c = 0; c < k; c++) {
          int klass = binomial ? 1 : c;
          e[c] = (prob[i][klass] - (y[i] == klass ? 1 : 0)) / n;
        }
        double[] feature = new double[dim];
        int[] owner = new int[dim];
        for (int v = 0; v < free; v++) {
          feature[v] = 1;
          owner[v] = v;
        }
        for (int q = 0; q < pairs.size(); q++) {
          feature[free + q] = s.z()[i][pairs.get(q)[0]];
          owner[free + q] = pairs.get(q)[1];
        }
        for (int u = 0; u < dim; u++) {
          gradient[u] += e[owner[u]] * feature[u];
          int cu = binomial ? 1 : owner[u];
          for (int w = 0; w < dim; w++) {
            int cw = binomial ? 1 : owner[w];
            double weight = prob[i][cu] * ((cu == cw ? 1 : 0) - prob[i][cw]) / n;
            hessian[u][w] += weight * feature[u] * feature[w];
          }
        }
      }
      for (int q = 0; q < pairs.size(); q++) {
        int[] jc = pairs.get(q);
        gradient[free + q] += lambda * alpha * sign[q] + lambda * (1 - alpha) * b[jc[1]][jc[0]];
        hessian[free + q][free + q] += lambda * (1 - alpha);
      }
      double[][] system = new double[dim][dim + 1];
      for (int u = 0; u < dim; u++) {
        System.arraycopy(hessian[u], 0, system[u], 0, dim);
        system[u][dim] = -gradient[u];
      }
      double[] step = solve(system);
      double size = 0;
      for (int v = 0; v < free; v++) {
        intercept[v] += step[v];
        size = Math.max(size, Math.abs(step[v]));
      }
      for (int q = 0; q < pairs.size(); q++) {
        int[] jc = pairs.get(q);
        b[jc[1]][jc[0]] += step[free + q];
        size = Math.max(size, Math.abs(step[free + q]));
      }
      if (size < 1e-15) {
        break;
      }
    }
    for (int q = 0; q < pairs.size(); q++) {
      int[] jc = pairs.get(q);
      if (Math.signum(b[jc[1]][jc[0]]) != sign[q]) {
        throw new AssertionError("λ index " + l + ": coefficient " + Arrays.toString(jc)
            + " changes sign in the polish");
      }
    }
    double[][] prob = probabilities(s.z(), intercept, b, binomial);
    double margin = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      int klass = binomial ? 1 : c;
      for (int j = 0; j < p; j++) {
        if (b[c][j] != 0 || s.scale()[j] == 0) {
          continue;
        }
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += (prob[i][klass] - (y[i] == klass ? 1 : 0)) * s.z()[i][j] / n;
        }
        margin = Math.min(margin, lambda * alpha - Math.abs(g));
      }
    }
    if (margin < -1e-12 * lambda * alpha) {
      throw new AssertionError("λ index " + l + ": an inactive coefficient violates KKT by "
          + (-margin));
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < p; j++) {
        b[c][j] /= s.scale()[j];
        intercept[c] -= s.mean()[j] * b[c][j];
      }
    }
    if (!binomial) {
      double mean = Arrays.stream(intercept).sum() / k;
      for (int c = 0; c < k; c++) {
        intercept[c] -= mean;
      }
    }
    return new Point(intercept, b, margin);
  }

  /**
   * max over the K vectors of |a₀ − a₀*| and |b − b*|, divided by the largest |b*| (by
   * max(1, |a₀*|) where b* = 0).
   */
  static double relativeError(PathSolution path, int l, Point exact) {
    double scale = 0;
    double error = 0;
    for (int c = 0; c < exact.intercepts().length; c++) {
      error = Math.max(error, Math.abs(path.intercept(l, c) - exact.intercepts()[c]));
      for (int j = 0; j < exact.coefficients()[c].length; j++) {
        scale = Math.max(scale, Math.abs(exact.coefficients()[c][j]));
        error = Math.max(error,
            Math.abs(path.coefficient(l, c, j) - exact.coefficients()[c][j]));
      }
    }
    if (scale == 0) {
      scale = Math.max(1, Math.abs(exact.intercepts()[0]));
    }
    return error / scale;
  }

  private static double[][] probabilities(double[][] z, double[] intercept, double[][] b,
      boolean binomial) {
    int n = z.length;
    int k = intercept.length;
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] eta = new double[k];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        eta[c] = intercept[c];
        for (int j = 0; j < b[c].length; j++) {
          eta[c] += z[i][j] * b[c][j];
        }
        max = Math.max(max, eta[c]);
      }
      if (binomial) {
        double p1 = 1 / (1 + Math.exp(-eta[0]));
        out[i] = new double[] {1 - p1, p1};
        continue;
      }
      double sum = 0;
      out[i] = new double[k];
      for (int c = 0; c < k; c++) {
        out[i][c] = Math.exp(eta[c] - max);
        sum += out[i][c];
      }
      for (int c = 0; c < k; c++) {
        out[i][c] /= sum;
      }
    }
    return out;
  }

  private static int[] activeSet(double[] b) {
    return java.util.stream.IntStream.range(0, b.length).filter(j -> b[j] != 0).toArray();
  }

  /** Gaussian elimination with partial pivoting on an augmented m×(m+1) system. Modifies it. */
  private static double[] solve(double[][] system) {
    int m = system.length;
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int row = col + 1; row < m; row++) {
        if (Math.abs(system[row][col]) > Math.abs(system[pivot][col])) {
          pivot = row;
        }
      }
      double[] t = system[col];
      system[col] = system[pivot];
      system[pivot] = t;
      for (int row = col + 1; row < m; row++) {
        double f = system[row][col] / system[col][col];
        for (int c = col; c <= m; c++) {
          system[row][c] -= f * system[col][c];
        }
      }
    }
    double[] out = new double[m];
    for (int row = m - 1; row >= 0; row--) {
      double s = system[row][m];
      for (int c = row + 1; c < m; c++) {
        s -= system[row][c] * out[c];
      }
      out[row] = s / system[row][row];
    }
    return out;
  }
}
