package dev.tikhonov.internal.select;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.InformationCriteria;
import dev.tikhonov.select.OutOfFoldPredictions;
import dev.tikhonov.select.RelaxedCvResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The files of a path run (docs/formats.md): {@code path.json}, {@code path.csv}, and the
 * printed summary. For gaussian and binomial, {@code intercept[i]} is a number and
 * {@code coef[i]} a list of p; for multinomial both carry one entry per class. NaN is written
 * as null. Stateless and thread-safe.
 */
public final class PathFiles {
  private PathFiles() {}

  /** path.json's content without cross-validation. */
  public static Map<String, Object> json(PathSolution path) {
    return json(path, Optional.empty());
  }

  /** path.json's content with the cross-validation curve. */
  public static Map<String, Object> json(PathSolution path, CvResult cv) {
    return json(path, Optional.of(cv));
  }

  /**
   * path.json's content, with the cross-validation curve when there is one; its
   * {@code cv.lambda_min_warning} names the path commands' flags ({@link #FLAGS_REMEDY}).
   */
  public static Map<String, Object> json(PathSolution path, Optional<CvResult> crossValidation) {
    return json(path, crossValidation, FLAGS_REMEDY);
  }

  /**
   * path.json's content as the path commands ({@code ./tikhonov path}, the Spark PathJob) write
   * it: {@link #json(PathSolution, Optional)}, then {@code "rows"}, the data rows the path was
   * fitted on (glmnet's nobs), when counted: one line each of their out-of-fold.csv, which the
   * report refuses with another number of rows.
   */
  public static Map<String, Object> json(PathSolution path, Optional<CvResult> crossValidation,
      OptionalInt rows) {
    Map<String, Object> m = json(path, crossValidation);
    rows.ifPresent(n -> m.put("rows", n));
    return m;
  }

  /**
   * path.json's content, with the cross-validation curve when there is one, its
   * {@code cv.lambda_min_warning} ending with {@code remedy} (empty: the warning states the fact
   * alone, for a run whose user sets no λ sequence, as an experiment's).
   */
  public static Map<String, Object> json(PathSolution path, Optional<CvResult> crossValidation,
      String remedy) {
    boolean multi = path.family() == Family.MULTINOMIAL;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", path.family().name().toLowerCase(Locale.ROOT));
    m.put("l1_ratio", path.l1Ratio());
    m.put("lambda", path.lambdas());
    List<Object> intercept = new ArrayList<>();
    List<Object> coef = new ArrayList<>();
    for (int l = 0; l < path.size(); l++) {
      intercept.add(multi ? path.intercepts(l) : path.intercept(l, 0));
      coef.add(multi ? path.coefficients(l) : path.coefficients(l)[0]);
    }
    m.put("intercept", intercept);
    m.put("coef", coef);
    m.put("df", path.degreesOfFreedom());
    m.put("dev_ratio", path.devianceRatio());
    // The certificate under its first name: gaussian paths wrote their duality gap here.
    m.put("duality_gap", nullForNaN(path.certificate()));
    m.put("certificate", nullForNaN(path.certificate()));
    m.put("converged", path.converged());
    m.put("passes", path.passes());
    m.put("tolerance", path.tolerance());
    m.put("end", path.end().reason().name().toLowerCase(Locale.ROOT));
    m.put("end_message", path.end().message());
    // The one warning a caller should hear (PathSolution.warning), null when every λ converged.
    m.put("warning", path.warning().orElse(null));
    m.put("feature_names", path.featureNames());
    if (!path.classNames().isEmpty()) {
      m.put("class_names", path.classNames());
    }
    if (crossValidation.isPresent()) {
      CvResult cv = crossValidation.get();
      Map<String, Object> c = cvJson(cv);
      c.put("lambda_min_warning", lambdaMinWarning(path, cv.indexMin(), cv.lambdaMin(), remedy,
          cv.measure()).orElse(null));
      m.put("cv", c);
    }
    if (multi) {
      // how the classes' coefficients were penalized (ungrouped, grouped): the path's objective
      m.put("multinomial_penalty", path.multinomialPenalty().name().toLowerCase(Locale.ROOT));
    }
    return m;
  }

  /**
   * path.json's "cv" object without its {@code lambda_min_warning}: measure, mean, se,
   * lambda_min, lambda_1se and the folds' warning (null when every fold converged); a new,
   * modifiable map.
   */
  public static Map<String, Object> cvJson(CvResult cv) {
    Map<String, Object> c = new LinkedHashMap<>();
    // what mean and se are of: cv.glmnet's type.measure ("auc": λ_min is the largest mean)
    c.put("measure", cv.measure().id());
    c.put("mean", cv.mean());
    c.put("se", cv.standardError());
    c.put("lambda_min", cv.lambdaMin());
    c.put("lambda_1se", cv.lambda1se());
    // a fold whose path did not converge (CvResult.warning), null when every fold converged
    c.put("warning", cv.warning().orElse(null));
    return c;
  }

  /**
   * What the path commands ({@code ./tikhonov path}, the Spark PathJob) tell a user whose λ_min
   * is the sequence's smallest λ: the flags that extend it.
   */
  public static final String FLAGS_REMEDY =
      "extend it with a smaller --lambda-min-ratio (the default sequence) or smaller values"
          + " in --lambdas";

  /**
   * The warning of the path commands, naming their flags ({@link #FLAGS_REMEDY}), when λ_min is
   * the smallest λ of a sequence fitted to its end ({@link PathSolution#lastOfFullSequence}):
   * path.json's {@code cv.lambda_min_warning}, and what they print on stderr; empty when the
   * minimum is not there.
   */
  public static Optional<String> lambdaMinWarning(PathSolution path, int indexMin,
      double lambdaMin) {
    return lambdaMinWarning(path, indexMin, lambdaMin, FLAGS_REMEDY);
  }

  /**
   * {@link #lambdaMinWarning(PathSolution, int, double)} of a cross-validation by
   * {@code measure}: for the AUC, whose largest mean is λ_min, the mean AUC was still rising.
   */
  public static Optional<String> lambdaMinWarning(PathSolution path, int indexMin,
      double lambdaMin, CvMeasure measure) {
    return lambdaMinWarning(path, indexMin, lambdaMin, FLAGS_REMEDY, measure);
  }

  /**
   * {@link #lambdaMinWarning(PathSolution, int, double)} ending with {@code remedy} instead of
   * the flags; an empty remedy states the fact alone.
   */
  public static Optional<String> lambdaMinWarning(PathSolution path, int indexMin,
      double lambdaMin, String remedy) {
    return lambdaMinWarning(path, indexMin, lambdaMin, remedy, CvMeasure.DEVIANCE);
  }

  private static Optional<String> lambdaMinWarning(PathSolution path, int indexMin,
      double lambdaMin, String remedy, CvMeasure measure) {
    if (!path.lastOfFullSequence(indexMin)) {
      return Optional.empty();
    }
    return Optional.of("lambda_min is the sequence's smallest lambda, "
        + Digits.row(path.lambdas(), lambdaMin)
        + (measure.largerIsBetter() ? ": the mean " + measure.label(path.family())
            + " was still rising" : ": the held-out loss was still falling")
        + " where the sequence ended, so a smaller lambda may predict better"
        + (remedy.isEmpty() ? "" : "; " + remedy));
  }

  /**
   * "cv_mean: the AUC averaged over the folds, largest at lambda_min": what the printed table's
   * CV column {@code column} holds and where its best is ({@code best}), by the measure's
   * {@link CvMeasure#label}.
   */
  static String measureLine(CvMeasure measure, Family family, String column, String best) {
    return column + ": the " + measure.label(family) + " averaged over the folds, "
        + (measure.largerIsBetter() ? "largest" : "smallest") + " at " + best;
  }

  /**
   * path.json's "ic" object: per λ "df" (effective), "aic", "bic", "ebic", and the λ each picks
   * ("lambda_aic", "lambda_bic", "lambda_ebic"), with "variance": how D was formed.
   */
  public static Map<String, Object> criteriaJson(PathSolution path, InformationCriteria ic) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("df", ic.degreesOfFreedom());
    c.put("aic", ic.aic());
    c.put("bic", ic.bic());
    c.put("ebic", ic.extendedBic());
    c.put("ebic_gamma", InformationCriteria.DEFAULT_GAMMA);
    c.put("lambda_aic", path.lambda(ic.bestAic()));
    c.put("lambda_bic", path.lambda(ic.bestBic()));
    c.put("lambda_ebic", path.lambda(ic.bestExtendedBic()));
    c.put("variance", variance(path));
    return c;
  }

  /** The variance estimate behind the criteria, in words. */
  static String variance(PathSolution path) {
    return path.family() == Family.GAUSSIAN
        ? "profiled out: sigma^2 = RSS/n at each lambda, D = n log(RSS/n)"
        : "none (no dispersion): D = n * mean deviance = -2 loglik + const";
  }

  /**
   * The summary line of the information criteria: the λ (and df) each picks, next to CV's
   * choice when the summary has one; each λ as the path's table writes it
   * ({@link Digits#column}). Empty for a path of one λ, where there is nothing to pick. EBIC
   * only for α &gt; 0 ({@link #EBIC_AT_ALPHA_ZERO} says why not at α = 0).
   */
  public static String criteriaSummary(PathSolution path, InformationCriteria ic) {
    if (path.lambdas().length < 2) {
      return "";
    }
    String[] lambda = Digits.column(path.lambdas());
    String ebic = path.l1Ratio() == 0 ? "; EBIC " + EBIC_AT_ALPHA_ZERO
        : String.format(Locale.ROOT, ", EBIC(gamma=%s) %s (df %.3g)",
            Digits.few(InformationCriteria.DEFAULT_GAMMA), lambda[ic.bestExtendedBic()],
            ic.degreesOfFreedom(ic.bestExtendedBic()));
    return String.format(Locale.ROOT, "AIC picks lambda = %s (df %.3g), BIC %s (df %.3g)%s;"
        + " variance: %s%n", lambda[ic.bestAic()], ic.degreesOfFreedom(ic.bestAic()),
        lambda[ic.bestBic()], ic.degreesOfFreedom(ic.bestBic()), ebic, variance(path));
  }

  /**
   * Why the summary names no EBIC choice for ridge (α = 0): Chen &amp; Chen's log C(P, df)
   * counts the models of df nonzero coefficients among P, and at α = 0 every λ keeps all P
   * nonzero, so the count is of no model space; with df → P as λ → 0, log C(P, df) → 0 and EBIC
   * favours the least penalized λ. path.json keeps its values.
   */
  static final String EBIC_AT_ALPHA_ZERO = "not for alpha = 0 (every lambda keeps all P"
      + " coefficients; its log C(P, df) falls to 0 as df nears P and favours the smallest"
      + " lambda)";

  /**
   * Writes DIR/path.json and DIR/path.csv, with the cross-validation curve when there is one and
   * the data rows when counted ({@link #json(PathSolution, Optional, OptionalInt)}).
   */
  public static void write(Path dir, PathSolution path, Optional<CvResult> crossValidation,
      OptionalInt rows) {
    Json.write(dir.resolve("path.json"), json(path, crossValidation, rows));
    AtomicFiles.writeString(dir.resolve("path.csv"), csv(path, crossValidation));
  }

  /**
   * path.csv: lambda, df, dev_ratio, intercept, features (+ cv_mean, cv_se when cross-validated).
   */
  public static String csv(PathSolution path, Optional<CvResult> crossValidation) {
    CvResult cv = crossValidation.orElse(null);
    boolean multi = path.family() == Family.MULTINOMIAL;
    List<String> header = new ArrayList<>(List.of("lambda", "df", "dev_ratio"));
    int k = path.numOutputs();
    for (int c = 0; c < k; c++) {
      header.add(multi ? "intercept_" + path.classNames().get(c) : "intercept");
    }
    for (int c = 0; c < k; c++) {
      for (String name : path.featureNames()) {
        header.add(multi ? name + "_" + path.classNames().get(c) : name);
      }
    }
    if (cv != null) {
      header.addAll(List.of("cv_mean", "cv_se"));
    }
    CsvWriter csv = new CsvWriter().row(header);
    for (int l = 0; l < path.size(); l++) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(path.lambda(l)),
          String.valueOf(path.degreesOfFreedom(l)), String.valueOf(path.devianceRatio(l))));
      for (int c = 0; c < k; c++) {
        row.add(String.valueOf(path.intercept(l, c)));
      }
      double[][] coefficients = path.coefficients(l);
      for (int c = 0; c < k; c++) {
        for (double b : coefficients[c]) {
          row.add(String.valueOf(b));
        }
      }
      if (cv != null) {
        row.add(String.valueOf(cv.mean(l)));
        row.add(String.valueOf(cv.standardError(l)));
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /**
   * Writes out-of-fold.csv (atomically): one row per data row, {@code row} (1-based, data
   * order), {@code fold}, {@code y} (the class name for classes, else the number), then the
   * row's out-of-fold η at each λ index l of path.csv, {@code s0} … (glmnet's fit.preval
   * column names); multinomial: {@code s<l>_<class>}, class by class as path.csv's
   * coefficients.
   *
   * @param targets the rows' targets (class indices for classes)
   * @param classNames the data's classes, empty for a real target
   */
  public static void writeOutOfFoldCsv(Path file, OutOfFoldPredictions oof, double[] targets,
      List<String> classNames) {
    // streamed: n·nλ·K numbers are far more text than is worth holding as one String
    AtomicFiles.write(file, out -> {
      java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
          java.nio.charset.StandardCharsets.UTF_8));
      csvRow(w, outOfFoldHeader(oof, false));
      for (int i = 0; i < oof.numRows(); i++) {
        csvRow(w, outOfFoldRow(oof, i, targets, classNames, Optional.empty()));
      }
      w.flush();
    });
  }

  /**
   * The relaxed lasso's out-of-fold.csv: as {@link #outOfFoldCsv} with a {@code gamma} column
   * after {@code y}, the n rows of each γ's blend one block after the other, γ increasing.
   *
   * @param perGamma the predictions of each γ of {@code gammas}
   */
  public static void writeRelaxedOutOfFoldCsv(Path file, List<OutOfFoldPredictions> perGamma,
      double[] gammas, double[] targets, List<String> classNames) {
    AtomicFiles.write(file, out -> {
      java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
          java.nio.charset.StandardCharsets.UTF_8));
      csvRow(w, outOfFoldHeader(perGamma.get(0), true));
      for (int g = 0; g < gammas.length; g++) {
        for (int i = 0; i < perGamma.get(g).numRows(); i++) {
          csvRow(w, outOfFoldRow(perGamma.get(g), i, targets, classNames,
              Optional.of(gammas[g])));
        }
      }
      w.flush();
    });
  }

  /** One CSV record, as {@link CsvWriter#row(List)} writes it. */
  private static void csvRow(java.io.Writer w, List<String> cells) throws java.io.IOException {
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        w.write(',');
      }
      w.write(CsvWriter.cell(cells.get(c)));
    }
    w.write('\n');
  }

  private static List<String> outOfFoldHeader(OutOfFoldPredictions oof, boolean gamma) {
    List<String> header = new ArrayList<>(List.of("row", "fold", "y"));
    if (gamma) {
      header.add("gamma");
    }
    for (int k = 0; k < oof.numOutputs(); k++) {
      for (int l = 0; l < oof.numLambdas(); l++) {
        header.add(oof.outputs().isEmpty() ? "s" + l : "s" + l + "_" + oof.outputs().get(k));
      }
    }
    return header;
  }

  private static List<String> outOfFoldRow(OutOfFoldPredictions oof, int i, double[] targets,
      List<String> classNames, Optional<Double> gamma) {
    int m = oof.numLambdas();
    List<String> row = new ArrayList<>(4 + oof.numOutputs() * m);
    row.add(String.valueOf(i + 1));
    row.add(String.valueOf(oof.foldId(i)));
    row.add(classNames.isEmpty() ? String.valueOf(targets[i])
        : classNames.get((int) targets[i]));
    gamma.ifPresent(g -> row.add(String.valueOf(g)));
    for (int k = 0; k < oof.numOutputs(); k++) {
      for (int l = 0; l < m; l++) {
        row.add(String.valueOf(oof.linearPredictor(i, k, l)));
      }
    }
    return row;
  }

  /**
   * {@code value}, or 0 when %.4f would print it as "-0.0000": the dev_ratio of λ_max, the null
   * model, is −9.7e-16 by rounding on diabetes, and its row read as a negative ratio.
   */
  static double notNegativeZero(double value) {
    return value < 0 && value > -0.00005 ? 0 : value;
  }

  /**
   * The printed table: λ, df, dev_ratio, passes and whether each λ converged ("no" marks a λ
   * whose certificate stayed above the tolerance) and, with CV, mean ± se marking λ_min and
   * λ_1se; λ in few digits, more when neighbouring λ need them ({@link Digits#column}). Of a
   * path of more than {@link LambdaRows#FULL_TABLE} λ the rows {@link LambdaRows#shown} (the
   * first, the last, λ_min, λ_1se and any λ that did not converge), "..." where λ are left out,
   * and a line naming {@code dir}'s path.csv and path.json, which have every λ. The path's
   * warning ({@link PathSolution#warning}) is not part of it: the caller says it once, in its
   * own terms (the CLI on standard error, naming the flag that fixes it).
   */
  public static String summary(PathSolution path, Optional<CvResult> crossValidation,
      Path dir) {
    CvResult cv = crossValidation.orElse(null);
    String[] lambda = Digits.column(path.lambdas());
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-12s %5s %9s %7s %4s", "lambda", "df", "dev_ratio",
        "passes", "conv"));
    if (cv != null) {
      s.append(String.format(Locale.ROOT, " %12s %10s", "cv_mean", "cv_se"));
    }
    s.append("\n");
    int shown = -1; // the last λ given a row
    for (int l = 0; l < path.size(); l++) {
      boolean marked = !path.converged(l)
          || cv != null && (l == cv.indexMin() || l == cv.index1se());
      if (!LambdaRows.shown(l, path.size(), marked)) {
        continue;
      }
      shown = leftOut(l, shown, s);
      s.append(String.format(Locale.ROOT, "%-12s %5d %9.4f %7d %4s", lambda[l],
          path.degreesOfFreedom(l), notNegativeZero(path.devianceRatio(l)), path.passes(l),
          path.converged(l) ? "yes" : "no"));
      if (cv != null) {
        s.append(String.format(Locale.ROOT, " %12.6g %10.4g", cv.mean(l),
            cv.standardError(l)));
        if (l == cv.indexMin()) {
          s.append("  <- lambda_min");
        }
        if (l == cv.index1se()) {
          s.append("  <- lambda_1se");
        }
      }
      s.append("\n");
    }
    everyLambda(path.size(), cv == null ? "the first, the last and any that did not converge"
        : "the first, the last, lambda_min, lambda_1se and any that did not converge", dir, s);
    if (cv != null) {
      s.append(String.format(Locale.ROOT, "lambda_min = %s (df %d), lambda_1se = %s (df %d);"
          + " %s%n", lambda[cv.indexMin()], path.degreesOfFreedom(cv.indexMin()),
          lambda[cv.index1se()],
          path.degreesOfFreedom(cv.index1se()),
          measureLine(cv.measure(), path.family(), "cv_mean", "lambda_min")));
    }
    return s.toString();
  }

  /**
   * path.json's "relaxed" object (docs/formats.md): the γ values; per λ the unpenalized refit's
   * "intercept" and "coef" (as the top level's), "dev_ratio", "refitted" and "converged"; the
   * refits' "warning" (null when none); with cross-validation, "cv": per γ "mean" and "se" (lists
   * over λ, in the order of "gamma"), the chosen "lambda_min", "gamma_min", "lambda_1se",
   * "gamma_1se" and the folds' "warning" (null when none). The blended coefficients at (λ, γ)
   * are γ·coef + (1 − γ)·relaxed coef.
   */
  public static Map<String, Object> relaxedJson(dev.tikhonov.linear.RelaxedFit fit,
      double[] gammas, Optional<RelaxedCvResult> crossValidation) {
    PathSolution r = fit.relaxed();
    boolean multi = r.family() == Family.MULTINOMIAL;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gamma", gammas);
    List<Object> intercept = new ArrayList<>();
    List<Object> coef = new ArrayList<>();
    for (int l = 0; l < r.size(); l++) {
      intercept.add(multi ? r.intercepts(l) : r.intercept(l, 0));
      coef.add(multi ? r.coefficients(l) : r.coefficients(l)[0]);
    }
    m.put("intercept", intercept);
    m.put("coef", coef);
    m.put("dev_ratio", r.devianceRatio());
    m.put("refitted", fit.refitted());
    m.put("converged", r.converged());
    m.put("warning", fit.warning().orElse(null));
    if (crossValidation.isPresent()) {
      RelaxedCvResult cv = crossValidation.get();
      Map<String, Object> c = new LinkedHashMap<>();
      List<double[]> mean = new ArrayList<>();
      List<double[]> se = new ArrayList<>();
      for (CvResult curve : cv.curves()) {
        mean.add(curve.mean());
        se.add(curve.standardError());
      }
      c.put("measure", cv.measure().id());
      c.put("gamma", cv.gammas());
      c.put("mean", mean);
      c.put("se", se);
      c.put("lambda_min", cv.lambdaMin());
      c.put("gamma_min", cv.gammaMin());
      c.put("lambda_1se", cv.lambda1se());
      c.put("gamma_1se", cv.gamma1se());
      // a fold whose lasso path did not converge (CvResult.warning), null when none
      c.put("warning", cv.curve(0).warning().orElse(null));
      c.put("lambda_min_warning", lambdaMinWarning(fit.lasso(), cv.indexMin(), cv.lambdaMin(),
          cv.measure()).orElse(null));
      m.put("cv", c);
    }
    return m;
  }

  /**
   * The printed table of a relaxed path: λ, df, the lasso's and the refit's dev_ratio and, with
   * cross-validation, the mean held-out score per γ (by its measure), marking (λ_min, γ_min) and
   * (λ_1se, γ_1se), then the choice in one line; λ and γ as {@link #summary} writes λ
   * ({@link Digits#column}: "cv(g=0)", not glmnet's "0.0"). A long path is shortened as
   * {@link #summary}'s table (the first, the last and the marked λ; {@code dir}'s files have
   * every one).
   */
  public static String relaxedSummary(dev.tikhonov.linear.RelaxedFit fit,
      Optional<RelaxedCvResult> crossValidation, Path dir) {
    PathSolution lasso = fit.lasso();
    RelaxedCvResult cv = crossValidation.orElse(null);
    String[] lambda = Digits.column(lasso.lambdas());
    String[] gamma = cv == null ? new String[0] : Digits.column(cv.gammas());
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-12s %5s %9s %9s", "lambda", "df", "dev_ratio",
        "relaxed"));
    for (String g : gamma) {
      s.append(String.format(Locale.ROOT, " %12s", "cv(g=" + g + ")"));
    }
    s.append("\n");
    int shown = -1; // the last λ given a row
    for (int l = 0; l < lasso.size(); l++) {
      boolean marked = cv != null && (l == cv.indexMin() || l == cv.index1se());
      if (!LambdaRows.shown(l, lasso.size(), marked)) {
        continue;
      }
      shown = leftOut(l, shown, s);
      s.append(String.format(Locale.ROOT, "%-12s %5d %9.4f %9.4f", lambda[l],
          lasso.degreesOfFreedom(l), lasso.devianceRatio(l),
          fit.relaxed().devianceRatio(l)));
      if (cv != null) {
        for (int g = 0; g < cv.numGammas(); g++) {
          s.append(String.format(Locale.ROOT, " %12.6g", cv.curve(g).mean(l)));
        }
        if (l == cv.indexMin()) {
          s.append("  <- min (gamma ").append(gamma[cv.gammaIndexMin()]).append(")");
        }
        if (l == cv.index1se()) {
          s.append("  <- 1se (gamma ").append(gamma[cv.gammaIndex1se()]).append(")");
        }
      }
      s.append("\n");
    }
    everyLambda(lasso.size(), cv == null ? "the first and the last"
        : "the first, the last, lambda_min and lambda_1se", dir, s);
    if (cv != null) {
      s.append(String.format(Locale.ROOT, "lambda_min = %s, gamma_min = %s (df %d);"
          + " lambda_1se = %s, gamma_1se = %s (df %d); %s%n", lambda[cv.indexMin()],
          gamma[cv.gammaIndexMin()], lasso.degreesOfFreedom(cv.indexMin()),
          lambda[cv.index1se()], gamma[cv.gammaIndex1se()],
          lasso.degreesOfFreedom(cv.index1se()), measureLine(cv.measure(), lasso.family(),
              "cv(g=...)", "(lambda_min, gamma_min)")));
    }
    return s.toString();
  }

  /**
   * A printed table's row "..." for the λ left out between λ number {@code shown} (the last
   * one given a row, -1 before the first) and λ number {@code l}, if any; returns {@code l}.
   */
  private static int leftOut(int l, int shown, StringBuilder out) {
    if (l > shown + 1) {
      out.append(String.format(Locale.ROOT, "%-12s (%d lambdas)%n", "...", l - shown - 1));
    }
    return l;
  }

  /**
   * Below a printed table of more than {@link LambdaRows#FULL_TABLE} λ, the line saying which
   * λ it shows ({@code shown}, in words) and which of {@code dir}'s files have every λ.
   */
  private static void everyLambda(int numLambdas, String shown, Path dir, StringBuilder out) {
    if (numLambdas > LambdaRows.FULL_TABLE) {
      out.append(String.format(Locale.ROOT, "of %d lambdas, %s; every lambda is in %s and"
          + " %s%n", numLambdas, shown,
          dir.resolve("path.csv"), dir.resolve("path.json")));
    }
  }

  private static Object[] nullForNaN(double[] values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.isFinite(values[i]) ? values[i] : null;
    }
    return out;
  }

}
