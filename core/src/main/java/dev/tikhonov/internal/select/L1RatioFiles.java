package dev.tikhonov.internal.select;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.CvResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a path run that cross-validated several α writes besides the chosen α's path.json and
 * path.csv (docs/formats.md): path.json's {@code "l1_ratios"} object, {@code l1-ratios.csv} and
 * the printed summary. Each α is given with its cross-validation curve, all on the same folds;
 * {@code chosen} is the index of the α kept. Stateless and thread-safe.
 */
public final class L1RatioFiles {
  private L1RatioFiles() {}

  /**
   * path.json's {@code "l1_ratios"}: {@code "chosen"} (the α kept), {@code "rule"},
   * {@code "measure"} (the {@link dev.tikhonov.select.CvMeasure#id} every α's folds were scored
   * by, the curves' own, so the block says what its means are without the cv block) and
   * {@code "candidates"}, one object per α in the order given with its {@code l1_ratio},
   * {@code lambda_min}, {@code cv_mean_min} (the mean at λ_min, what the α are compared by),
   * {@code lambda_1se} and its whole curve: {@code lambda}, {@code cv_mean}, {@code cv_se}.
   */
  public static Map<String, Object> json(double[] l1Ratios, List<CvResult> curves, int chosen,
      String rule) {
    List<Object> candidates = new ArrayList<>();
    for (int i = 0; i < l1Ratios.length; i++) {
      CvResult cv = curves.get(i);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("l1_ratio", l1Ratios[i]);
      c.put("lambda_min", cv.lambdaMin());
      c.put("cv_mean_min", cv.mean(cv.indexMin()));
      c.put("lambda_1se", cv.lambda1se());
      c.put("lambda", cv.lambdas());
      c.put("cv_mean", cv.mean());
      c.put("cv_se", cv.standardError());
      candidates.add(c);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chosen", l1Ratios[chosen]);
    m.put("rule", rule);
    m.put("measure", curves.get(chosen).measure().id());
    m.put("candidates", candidates);
    return m;
  }

  /** l1-ratios.csv: l1_ratio, lambda, cv_mean, cv_se; every α's curve, α by α. */
  public static String csv(double[] l1Ratios, List<CvResult> curves) {
    CsvWriter csv = new CsvWriter().row(List.of("l1_ratio", "lambda", "cv_mean", "cv_se"));
    for (int i = 0; i < l1Ratios.length; i++) {
      CvResult cv = curves.get(i);
      for (int l = 0; l < cv.numLambdas(); l++) {
        csv.row(List.of(String.valueOf(l1Ratios[i]), String.valueOf(cv.lambda(l)),
            String.valueOf(cv.mean(l)), String.valueOf(cv.standardError(l))));
      }
    }
    return csv.toString();
  }

  /**
   * The printed table, one line per α: l1_ratio, lambda_min, cv_mean at it ± its se,
   * lambda_1se, the chosen α marked; then which pair was kept. Each λ in {@link Digits#few}
   * digits, as the path's table writes a λ it does not need more digits for: the λ of one row
   * are of another α's path than the next row's.
   */
  public static String summary(double[] l1Ratios, List<CvResult> curves, int chosen,
      String rule) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-9s %12s %12s %10s %12s%n",
        "l1_ratio", "lambda_min", "cv_mean", "cv_se", "lambda_1se"));
    for (int i = 0; i < l1Ratios.length; i++) {
      CvResult cv = curves.get(i);
      s.append(String.format(Locale.ROOT, "%-9s %12s %12.6g %10.4g %12s%s%n",
          alpha(l1Ratios[i]), Digits.few(cv.lambdaMin()), cv.mean(cv.indexMin()),
          cv.standardError(cv.indexMin()), Digits.few(cv.lambda1se()),
          i == chosen ? "  <- chosen" : ""));
    }
    CvResult best = curves.get(chosen);
    s.append(String.format(Locale.ROOT, "chosen: l1_ratio = %s (the best cv_mean at its"
        + " lambda_min, all α on the same folds), lambda = %s (lambda_%s); the path above"
        + " and path.json/path.csv are this α's%n", alpha(l1Ratios[chosen]),
        Digits.few("1se".equals(rule) ? best.lambda1se() : best.lambdaMin()), rule));
    return s.toString();
  }

  /** α as given: 1, not 1.0. */
  private static String alpha(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
