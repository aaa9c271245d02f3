package dev.tikhonov.internal.estimate;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.RidgeCV;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.InformationCriteria;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a closed-form ridge run ({@code tikhonov ridge}; docs/formats.md): path.json and
 * path.csv as a path run's, so that {@code report} draws its coefficient path and criteria, with
 * the ridge numbers per λ added, and the printed table. Per λ: the coefficients on the original
 * scale of the features ({@link RidgeCV.Validation#atIndex}), the effective degrees of freedom
 * df = Σ d²/(d² + nλ), dev_ratio = 1 − MSE/MSE₀, the training MSE, GCV and the leave-one-out
 * MSE (weighted with weights), and AIC, BIC and EBIC ({@link InformationCriteria#of(
 * dev.tikhonov.linear.RidgeSvdPath, int)}). Stateless and thread-safe.
 */
public final class RidgeFiles {
  private RidgeFiles() {}

  /**
   * path.json's content: a path run's fields (family, l1_ratio 0, lambda, intercept, coef, df,
   * dev_ratio, feature_names, ic) and the ridge run's own: criterion ("gcv", "loo" or "cv"),
   * gcv, loo, training_mse per λ, the chosen index and lambda_chosen; with k folds a path run's
   * "cv" object ({@link PathFiles#cvJson}: measure "mse", mean, se, lambda_min, lambda_1se) with
   * the folds' "resampling", "folds", "fold_seed" (random folds) or "fold_ids" ("given") and
   * the "rule" that chose.
   */
  public static Map<String, Object> json(RidgeCV.Validation v, RidgeCV.Criterion criterion,
      InformationCriteria ic) {
    int m = v.lambdas().length;
    List<Object> intercept = new ArrayList<>();
    List<Object> coef = new ArrayList<>();
    List<String> names = List.of();
    for (int l = 0; l < m; l++) {
      LinearModel model = v.atIndex(l);
      intercept.add(model.intercept());
      coef.add(model.coefficients());
      names = model.featureNames();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("family", "gaussian");
    json.put("l1_ratio", 0.0);
    json.put("lambda", v.lambdas());
    json.put("intercept", intercept);
    json.put("coef", coef);
    json.put("df", v.degreesOfFreedom());
    json.put("dev_ratio", devianceRatio(v));
    json.put("feature_names", names);
    json.put("criterion", id(criterion));
    json.put("training_mse", v.trainingMse());
    json.put("gcv", v.gcv());
    json.put("loo", v.leaveOneOutMse());
    json.put("chosen_index", v.chosenIndex());
    json.put("lambda_chosen", v.chosenLambda());
    json.put("ic", PathFiles.criteriaJson(solution(v), ic));
    v.cv().ifPresent(cv -> {
      Map<String, Object> c = PathFiles.cvJson(cv);
      Map<String, Object> settings = v.chosenModel().provenance().settings();
      for (String key : List.of("resampling", "folds", "fold_seed", "fold_ids", "rule")) {
        if (settings.containsKey(key)) { // fold_seed of random folds, fold_ids of given ones
          c.put(key, settings.get(key));
        }
      }
      json.put("cv", c);
    });
    return json;
  }

  /**
   * path.csv: lambda, df (effective), dev_ratio, training_mse, gcv, loo, aic, bic, intercept and
   * the coefficients of the features (then cv_mean and cv_se with k folds, as a path run's), one
   * row per λ in the order scored.
   */
  public static String csv(RidgeCV.Validation v, InformationCriteria ic) {
    List<String> header = new ArrayList<>(List.of("lambda", "df", "dev_ratio", "training_mse",
        "gcv", "loo", "aic", "bic", "intercept"));
    header.addAll(v.chosenModel().featureNames());
    java.util.Optional<CvResult> cv = v.cv();
    if (cv.isPresent()) {
      header.addAll(List.of("cv_mean", "cv_se"));
    }
    CsvWriter csv = new CsvWriter().row(header);
    double[] lambda = v.lambdas();
    double[] df = v.degreesOfFreedom();
    double[] ratio = devianceRatio(v);
    double[] mse = v.trainingMse();
    double[] gcv = v.gcv();
    double[] loo = v.leaveOneOutMse();
    for (int l = 0; l < lambda.length; l++) {
      LinearModel model = v.atIndex(l);
      List<String> row = new ArrayList<>();
      for (double value : new double[] {lambda[l], df[l], ratio[l], mse[l], gcv[l], loo[l],
          ic.aic(l), ic.bic(l), model.intercept()}) {
        row.add(String.valueOf(value));
      }
      for (double b : model.coefficients()) {
        row.add(String.valueOf(b));
      }
      if (cv.isPresent()) {
        row.add(String.valueOf(cv.get().mean(l)));
        row.add(String.valueOf(cv.get().standardError(l)));
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /**
   * The table: λ, df, the criterion, the training MSE, AIC and BIC per λ, the chosen λ marked;
   * then the choice and the λ that AIC, BIC and EBIC pick. With k folds the criterion is
   * cv_mean ± cv_se, λ_min and λ_1se marked too, and the choice names the folds and the rule.
   * λ as the path's table writes it: few digits, more when neighbouring λ need them
   * ({@link Digits#column}).
   */
  public static String summary(RidgeCV.Validation v, RidgeCV.Criterion criterion,
      InformationCriteria ic) {
    if (v.cv().isPresent()) {
      return foldsSummary(v, v.cv().get(), ic);
    }
    String[] lambda = Digits.column(v.lambdas());
    double[] df = v.degreesOfFreedom();
    double[] mse = v.trainingMse();
    double[] score = criterion == RidgeCV.Criterion.GCV ? v.gcv() : v.leaveOneOutMse();
    String name = id(criterion);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %7s %12s %12s %12s %12s%n", "lambda", "df", name, "train_mse", "aic", "bic"));
    for (int l = 0; l < lambda.length; l++) {
      s.append(String.format(Locale.ROOT, "%-12s %7.3f %12.6g %12.6g %12.6g %12.6g%s%n",
          lambda[l], df[l], score[l], mse[l], ic.aic(l), ic.bic(l),
          l == v.chosenIndex() ? "  <- chosen (smallest " + name + ")" : ""));
    }
    int best = v.chosenIndex();
    s.append(String.format(Locale.ROOT, "%s chooses lambda = %s (df %.3f, %s %.6g, row %d of"
        + " the %d above)%n", criterion == RidgeCV.Criterion.GCV ? "GCV" : "leave-one-out",
        lambda[best], df[best], name, score[best], best + 1, lambda.length));
    s.append(PathFiles.criteriaSummary(solution(v), ic));
    return s.toString();
  }

  private static String foldsSummary(RidgeCV.Validation v, CvResult cv,
      InformationCriteria ic) {
    String[] lambda = Digits.column(v.lambdas());
    double[] df = v.degreesOfFreedom();
    double[] mse = v.trainingMse();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %7s %12s %10s %12s %12s %12s%n", "lambda", "df", "cv_mean", "cv_se",
        "train_mse", "aic", "bic"));
    for (int l = 0; l < lambda.length; l++) {
      s.append(String.format(Locale.ROOT, "%-12s %7.3f %12.6g %10.4g %12.6g %12.6g %12.6g",
          lambda[l], df[l], cv.mean(l), cv.standardError(l), mse[l], ic.aic(l), ic.bic(l)));
      s.append(l == cv.indexMin() ? "  <- lambda_min" : "");
      s.append(l == cv.index1se() ? "  <- lambda_1se" : "");
      s.append(l == v.chosenIndex() ? "  (chosen)" : "");
      s.append('\n');
    }
    Map<String, Object> settings = v.chosenModel().provenance().settings();
    int best = v.chosenIndex();
    s.append(String.format(Locale.ROOT, "%d-fold cross-validation (%s; cv_mean the"
        + " held-out MSE) chooses lambda_%s = %s (df %.3f, cv_mean %.6g ± %.4g, row %d of the"
        + " %d above); lambda_min = %s, lambda_1se = %s%n", cv.numFolds(),
        settings.containsKey("fold_ids") ? "fold ids given"
            : "fold seed " + settings.get("fold_seed"), settings.get("rule"), lambda[best],
        df[best], cv.mean(best),
        cv.standardError(best), best + 1, lambda.length, lambda[cv.indexMin()],
        lambda[cv.index1se()]));
    s.append(PathFiles.criteriaSummary(solution(v), ic));
    return s.toString();
  }

  /** "gcv", "loo" or "cv": the criterion's name in the files, the table and --criterion. */
  public static String id(RidgeCV.Criterion criterion) {
    return switch (criterion) {
      case GCV -> "gcv";
      case LEAVE_ONE_OUT -> "loo";
      case K_FOLD -> "cv";
    };
  }

  /** 1 − MSE/MSE₀ per λ, MSE₀ the intercept-only model's (the model 0 without an intercept). */
  private static double[] devianceRatio(RidgeCV.Validation v) {
    double[] mse = v.trainingMse();
    double[] ratio = new double[mse.length];
    for (int l = 0; l < mse.length; l++) {
      ratio[l] = 1 - mse[l] / v.path().nullMse();
    }
    return ratio;
  }

  /** The path as PathFiles reads λ from it (its coefficients are not used there). */
  private static PathSolution solution(RidgeCV.Validation v) {
    return v.path().toPathSolution(v.chosenModel().featureNames());
  }
}
