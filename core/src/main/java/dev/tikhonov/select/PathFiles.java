package dev.tikhonov.select;

import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.data.Json;
import dev.tikhonov.linear.Family;
import dev.tikhonov.linear.GlmPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a path run (docs/formats.md): {@code path.json}, {@code path.csv}, and the
 * printed summary. For gaussian and binomial, {@code intercept[i]} is a number and
 * {@code coef[i]} a list of p; for multinomial both carry one entry per class. NaN is written
 * as null.
 */
public final class PathFiles {
  private PathFiles() {}

  /** path.json's content; {@code cv} may be null. */
  public static Map<String, Object> json(GlmPath path, CvResult cv) {
    boolean multi = path.family() == Family.MULTINOMIAL;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", path.family().name().toLowerCase(Locale.ROOT));
    m.put("l1_ratio", path.l1Ratio());
    m.put("lambda", path.lambda());
    List<Object> intercept = new ArrayList<>();
    List<Object> coef = new ArrayList<>();
    for (int l = 0; l < path.size(); l++) {
      intercept.add(multi ? path.intercept()[l] : path.intercept()[l][0]);
      coef.add(multi ? path.coef()[l] : path.coef()[l][0]);
    }
    m.put("intercept", intercept);
    m.put("coef", coef);
    m.put("df", path.df());
    m.put("dev_ratio", path.devRatio());
    m.put("duality_gap", nullForNaN(path.dualityGap()));
    m.put("feature_names", path.featureNames());
    if (!path.classNames().isEmpty()) {
      m.put("class_names", path.classNames());
    }
    if (cv != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("mean", cv.mean());
      c.put("se", cv.standardError());
      c.put("lambda_min", cv.lambdaMin());
      c.put("lambda_1se", cv.lambda1se());
      m.put("cv", c);
    }
    return m;
  }

  /** Writes DIR/path.json and DIR/path.csv. */
  public static void write(Path dir, GlmPath path, CvResult cv) {
    Json.write(dir.resolve("path.json"), json(path, cv));
    AtomicFiles.writeString(dir.resolve("path.csv"), csv(path, cv));
  }

  /** path.csv: lambda, df, dev_ratio, intercept, features (+ cv_mean, cv_se). */
  public static String csv(GlmPath path, CvResult cv) {
    boolean multi = path.family() == Family.MULTINOMIAL;
    StringBuilder s = new StringBuilder("lambda,df,dev_ratio");
    int k = path.intercept()[0].length;
    for (int c = 0; c < k; c++) {
      s.append(",").append(multi ? "intercept_" + path.classNames().get(c) : "intercept");
    }
    for (int c = 0; c < k; c++) {
      for (String name : path.featureNames()) {
        s.append(",").append(csvCell(multi ? name + "_" + path.classNames().get(c) : name));
      }
    }
    if (cv != null) {
      s.append(",cv_mean,cv_se");
    }
    s.append("\n");
    for (int l = 0; l < path.size(); l++) {
      s.append(path.lambda()[l]).append(",").append(path.df()[l]).append(",")
          .append(path.devRatio()[l]);
      for (int c = 0; c < k; c++) {
        s.append(",").append(path.intercept()[l][c]);
      }
      for (int c = 0; c < k; c++) {
        for (double b : path.coef()[l][c]) {
          s.append(",").append(b);
        }
      }
      if (cv != null) {
        s.append(",").append(cv.mean()[l]).append(",").append(cv.standardError()[l]);
      }
      s.append("\n");
    }
    return s.toString();
  }

  /** The printed table: λ, df, dev_ratio and, with CV, mean ± se marking λ_min and λ_1se. */
  public static String summary(GlmPath path, CvResult cv) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-12s %5s %9s", "lambda", "df", "dev_ratio"));
    if (cv != null) {
      s.append(String.format(Locale.ROOT, " %12s %10s", "cv_mean", "cv_se"));
    }
    s.append("\n");
    for (int l = 0; l < path.size(); l++) {
      s.append(String.format(Locale.ROOT, "%-12.6g %5d %9.4f", path.lambda()[l], path.df()[l],
          path.devRatio()[l]));
      if (cv != null) {
        s.append(String.format(Locale.ROOT, " %12.6g %10.4g", cv.mean()[l],
            cv.standardError()[l]));
        if (l == cv.indexMin()) {
          s.append("  <- lambda_min");
        }
        if (l == cv.index1se()) {
          s.append("  <- lambda_1se");
        }
      }
      s.append("\n");
    }
    if (cv != null) {
      s.append(String.format(Locale.ROOT, "lambda_min = %.6g (df %d), lambda_1se = %.6g (df %d)%n",
          cv.lambdaMin(), path.df()[cv.indexMin()], cv.lambda1se(), path.df()[cv.index1se()]));
    }
    return s.toString();
  }

  private static Object[] nullForNaN(double[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.isFinite(values[i]) ? values[i] : null;
    }
    return out;
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
