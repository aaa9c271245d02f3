package dev.tikhonov.linear;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers for the binomial and multinomial paths: a small reader of the glmnet reference CSVs under
 * {@code src/test/resources/ref} (see ../shared/ref/README.md) and an independent KKT check.
 */
public final class ProximalNewtonRefData {

  private ProximalNewtonRefData() {}

  /** relax.csv (make_relax.R): features x1..x8, targets yg (gaussian) and yb (0/1). */
  public record Relax(double[][] x, double[] yg, double[] yb, List<String> names) {}

  /** Reads relax.csv. */
  public static Relax relax() {
    Table t = read("relax.csv");
    int n = t.rows().length;
    List<String> names = new ArrayList<>();
    for (String h : t.header()) {
      if (h.startsWith("x")) {
        names.add(h);
      }
    }
    double[][] x = new double[n][names.size()];
    double[] yg = new double[n];
    double[] yb = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < names.size(); j++) {
        x[i][j] = t.rows()[i][t.column(names.get(j))];
      }
      yg[i] = t.rows()[i][t.column("yg")];
      yb[i] = t.rows()[i][t.column("yb")];
    }
    return new Relax(x, yg, yb, names);
  }

  /** A numeric CSV with a header row. */
  public record Table(List<String> header, double[][] rows) {
    int column(String name) {
      int c = header.indexOf(name);
      if (c < 0) {
        throw new IllegalArgumentException("no column " + name + " in " + header);
      }
      return c;
    }
  }

  /** Data file: features x1..xp and the label y. */
  public record Data(double[][] x, double[] y, List<String> featureNames) {}

  public static Table read(String resource) {
    try (InputStream in = ProximalNewtonRefData.class.getResourceAsStream("/ref/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource ref/" + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = new ArrayList<>();
      for (String h : reader.readLine().split(",")) {
        header.add(h.replace("\"", "").trim());
      }
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        double[] row = new double[parts.length];
        for (int c = 0; c < parts.length; c++) {
          row[c] = Double.parseDouble(parts[c].replace("\"", "").trim());
        }
        rows.add(row);
      }
      return new Table(header, rows.toArray(new double[0][]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Data data(String resource) {
    Table t = read(resource);
    int yc = t.column("y");
    int p = t.header().size() - 1;
    double[][] x = new double[t.rows().length][p];
    double[] y = new double[t.rows().length];
    List<String> names = new ArrayList<>();
    for (int c = 0, j = 0; c < t.header().size(); c++) {
      if (c != yc) {
        names.add(t.header().get(c));
      }
    }
    for (int i = 0; i < t.rows().length; i++) {
      double[] row = t.rows()[i];
      for (int c = 0, j = 0; c < row.length; c++) {
        if (c == yc) {
          y[i] = row[c];
        } else {
          x[i][j++] = row[c];
        }
      }
    }
    return new Data(x, y, names);
  }

  /** Column l of a reference path: λ values. */
  static double[] lambdas(Table path) {
    double[] out = new double[path.rows().length];
    int c = path.column("lambda");
    for (int l = 0; l < out.length; l++) {
      out[l] = path.rows()[l][c];
    }
    return out;
  }

  /** Intercept of class k (0-based) at λ index l; binomial files have one, named a0. */
  static double intercept(Table path, int l, int k, int numVectors) {
    String name = numVectors == 1 ? "a0" : "a0_" + (k + 1);
    return path.rows()[l][path.column(name)];
  }

  /** Coefficient j (0-based) of class k at λ index l. */
  static double coef(Table path, int l, int j, int k, int numVectors) {
    String name = numVectors == 1 ? "b" + (j + 1) : "b" + (j + 1) + "_" + (k + 1);
    return path.rows()[l][path.column(name)];
  }

  /**
   * The largest KKT violation at λ index l, computed from scratch on the original data: with
   * standardization the penalty applies to bⱼ·sⱼ (sⱼ the 1/n standard deviation), so the
   * condition for bⱼ is ∇ⱼ + λ(1−α)vⱼsⱼ²bⱼ + λαvⱼsⱼ·sign(bⱼ) = 0 (|∇ⱼ| ≤ λαvⱼsⱼ at 0).
   * Returned relative to λ·max(α, 10⁻³)·max(1, maxⱼ sⱼ).
   *
   * @param v normalized penalty factors (summing to p)
   */
  static double kktViolation(
      PathSolution path, int l, double[][] x, double[] y, boolean standardize, double[] v) {
    int n = x.length;
    int p = x[0].length;
    double[][] prob = path.probabilities(x, l);
    int k = path.intercepts(l).length;
    double lambda = path.lambda(l);
    double alpha = path.l1Ratio();
    double[] s = new double[p];
    double maxS = 1;
    for (int j = 0; j < p; j++) {
      double m = 0;
      for (double[] row : x) {
        m += row[j] / n;
      }
      double ss = 0;
      for (double[] row : x) {
        ss += (row[j] - m) * (row[j] - m) / n;
      }
      s[j] = standardize ? Math.sqrt(ss) : 1;
      maxS = Math.max(maxS, s[j]);
    }
    double worst = 0;
    for (int c = 0; c < k; c++) {
      // Binomial: the vector models class 1; multinomial: class c.
      int klass = k == 1 ? 1 : c;
      double[] resid = new double[n];
      double interceptGrad = 0;
      for (int i = 0; i < n; i++) {
        resid[i] = prob[i][klass] - (y[i] == klass ? 1 : 0);
        interceptGrad += resid[i] / n;
      }
      worst = Math.max(worst, Math.abs(interceptGrad));
      for (int j = 0; j < p; j++) {
        if (s[j] == 0) {
          continue;
        }
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += resid[i] * x[i][j];
        }
        g /= n;
        double b = path.coefficient(l, c, j);
        double l1 = lambda * alpha * v[j] * s[j];
        double l2 = lambda * (1 - alpha) * v[j] * s[j] * s[j];
        double viol = b == 0 ? Math.max(0, Math.abs(g) - l1)
            : Math.abs(g + l2 * b + Math.copySign(l1, b));
        worst = Math.max(worst, viol);
      }
    }
    return worst / (lambda * Math.max(alpha, 1e-3) * maxS);
  }

  /** All-ones penalty factors. */
  static double[] ones(int p) {
    double[] v = new double[p];
    java.util.Arrays.fill(v, 1.0);
    return v;
  }
}
