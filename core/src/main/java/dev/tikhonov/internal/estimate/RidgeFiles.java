package dev.tikhonov.internal.estimate;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.RidgeCV;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.PathSolution;
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
   * dev_ratio, feature_names, ic) and the ridge run's own: criterion ("gcv" or "loo"), gcv, loo,
   * training_mse per λ, the chosen index and lambda_chosen.
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
    return json;
  }

  /**
   * path.csv: lambda, df (effective), dev_ratio, training_mse, gcv, loo, aic, bic, intercept and
   * the coefficients of the features, one row per λ in the order scored.
   */
  public static String csv(RidgeCV.Validation v, InformationCriteria ic) {
    List<String> header = new ArrayList<>(List.of("lambda", "df", "dev_ratio", "training_mse",
        "gcv", "loo", "aic", "bic", "intercept"));
    header.addAll(v.chosenModel().featureNames());
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
      csv.row(row);
    }
    return csv.toString();
  }

  /**
   * The table: λ, df, the criterion, the training MSE, AIC and BIC per λ, the chosen λ marked;
   * then the choice and the λ that AIC, BIC and EBIC pick.
   */
  public static String summary(RidgeCV.Validation v, RidgeCV.Criterion criterion,
      InformationCriteria ic) {
    double[] lambda = v.lambdas();
    double[] df = v.degreesOfFreedom();
    double[] mse = v.trainingMse();
    double[] score = criterion == RidgeCV.Criterion.GCV ? v.gcv() : v.leaveOneOutMse();
    String name = id(criterion);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%-12s %7s %12s %12s %12s %12s%n", "lambda", "df", name, "train_mse", "aic", "bic"));
    for (int l = 0; l < lambda.length; l++) {
      s.append(String.format(Locale.ROOT, "%-12.6g %7.3f %12.6g %12.6g %12.6g %12.6g%s%n",
          lambda[l], df[l], score[l], mse[l], ic.aic(l), ic.bic(l),
          l == v.chosenIndex() ? "  <- chosen (smallest " + name + ")" : ""));
    }
    int best = v.chosenIndex();
    s.append(String.format(Locale.ROOT, "%s chooses lambda = %.6g (df %.3f, %s %.6g, row %d of"
        + " the %d above)%n", criterion == RidgeCV.Criterion.GCV ? "GCV" : "leave-one-out",
        lambda[best], df[best], name, score[best], best + 1, lambda.length));
    s.append(PathFiles.criteriaSummary(solution(v), ic));
    return s.toString();
  }

  /** "gcv" or "loo": the criterion's name in the files, the table and --criterion. */
  public static String id(RidgeCV.Criterion criterion) {
    return criterion == RidgeCV.Criterion.GCV ? "gcv" : "loo";
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
