package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads path.json (docs/formats.md) back into a {@link PathData}: each part of the file is
 * checked as it is read, and anything malformed or inconsistent (a key missing, a value of the
 * wrong type, an array with one entry too few for the λ) is an {@link InputException} naming the
 * file and the key, down to the index of the entry; so is a null where path writes a number
 * (its "NaN" reads as NaN). Stateless, so any thread may call it.
 */
final class PathJson {
  private PathJson() {}

  /** Reads path.json (or a ridge-vs-lasso path-&lt;model&gt;.json). */
  static PathData read(Path file) {
    return read(JsonFiles.read(file), file.toString());
  }

  /**
   * The path of {@code root}, path.json's content as {@link JsonFiles#read} parsed it, for a
   * reader that takes more from the file than the path; {@code where} names the file in
   * messages.
   */
  static PathData read(JsonNode root, String where) {
    double[] lambda = JsonFiles.lambdas(root, "lambda", where);
    double[][][] coef = coef(root, lambda.length, where);
    List<String> names = featureNames(root, coef.length == 0 ? 0 : coef[0][0].length, where);
    Optional<PathData.CrossValidation> cv = crossValidation(root.get("cv"), lambda.length,
        where);
    Optional<PathData.Criteria> criteria = criteria(root.get("ic"), lambda.length, where);
    Optional<PathData.RelaxedCv> relaxed = relaxedCv(root.get("relaxed"), coef, lambda.length,
        where);
    String family = family(root, where);
    double l1Ratio = JsonFiles.optionalNumber(root, "l1_ratio", where);
    double[] df = root.has("df") ? perLambda(root, "df", lambda.length, where)
        : new double[lambda.length];
    double[] devRatio = root.has("dev_ratio") ? perLambda(root, "dev_ratio", lambda.length, where)
        : new double[lambda.length];
    return new PathData(
        family,
        l1Ratio,
        lambda,
        coef,
        df,
        devRatio,
        names,
        cv,
        criteria,
        relaxed,
        grouped(root, where));
  }

  /**
   * Whether {@code root.multinomial_penalty} is "grouped": the penalty the path minimized
   * (missing or null, as in every file before the key and every non-multinomial path:
   * ungrouped).
   */
  private static boolean grouped(JsonNode root, String where) {
    JsonNode kind = root.get("multinomial_penalty");
    if (kind == null || kind.isNull()) {
      return false;
    }
    if (kind.isTextual() && List.of("grouped", "ungrouped").contains(kind.asText())) {
      return kind.asText().equals("grouped");
    }
    throw new InputException(where + ": \"multinomial_penalty\" must be \"ungrouped\" or"
        + " \"grouped\", found " + (kind.isTextual() ? "\"" + kind.asText() + "\""
            : kind.getNodeType().toString().toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code root.coef}, [λ index][class][feature]: one array of coefficients per λ, or per λ one
   * per class (multinomial); every λ with as many classes, every class with as many features.
   */
  private static double[][][] coef(JsonNode root, int m, String where) {
    JsonNode coefNode = root.get("coef");
    if (coefNode == null || !coefNode.isArray() || coefNode.size() != m) {
      throw new InputException(where + ": \"coef\" must be an array with one entry per λ (" + m
          + ")");
    }
    double[][][] coef = new double[m][][];
    for (int i = 0; i < m; i++) {
      JsonNode atLambda = coefNode.get(i);
      boolean perClass = atLambda.size() > 0 && atLambda.get(0).isArray();
      if (perClass) {
        coef[i] = new double[atLambda.size()][];
        for (int k = 0; k < atLambda.size(); k++) {
          coef[i][k] = row(atLambda.get(k), where + ": coef[" + i + "][" + k + "]");
        }
      } else {
        coef[i] = new double[][] {row(atLambda, where + ": coef[" + i + "]")};
      }
    }
    for (int i = 1; i < m; i++) {
      if (coef[i].length != coef[0].length) {
        throw new InputException(where + ": coef[" + i + "] holds " + coef[i].length
            + " classes, coef[0] " + coef[0].length + "; every λ needs the same");
      }
    }
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < coef[i].length; k++) {
        if (coef[i][k].length != coef[0][0].length) {
          throw new InputException(where + ": coef[" + i + "]" + (coef[i].length > 1 ? "[" + k
              + "]" : "") + " holds " + coef[i][k].length + " coefficients, coef[0] "
              + coef[0][0].length + "; every λ and class needs one per feature");
        }
      }
    }
    return coef;
  }

  /**
   * {@code root.family}, one of {@link Family}'s in lower case; gaussian when there is none
   * (files of old). A number or a misspelled name was drawn as gaussian without a word.
   */
  private static String family(JsonNode root, String where) {
    JsonNode family = root.get("family");
    if (family == null || family.isNull()) {
      return "gaussian";
    }
    List<String> known = Arrays.stream(Family.values())
        .map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    if (family.isTextual() && known.contains(family.asText())) {
      return family.asText();
    }
    throw new InputException(where + ": \"family\" must be one of " + String.join(", ", known)
        + ", found " + (family.isTextual() ? "\"" + family.asText() + "\""
            : family.getNodeType().toString().toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code root.feature_names}, one per feature of the {@code p}; "x<j>" for each when there is
   * none. A list of another length was padded (x8, x9) or cut without a word.
   */
  private static List<String> featureNames(JsonNode root, int p, String where) {
    List<String> names = new ArrayList<>();
    JsonNode namesNode = root.get("feature_names");
    if (namesNode != null && !namesNode.isNull()) {
      if (!namesNode.isArray()) {
        throw new InputException(where + ": \"feature_names\" must be an array of names, found "
            + namesNode.getNodeType().toString().toLowerCase(Locale.ROOT));
      }
      if (namesNode.size() != p) {
        throw new InputException(where + ": \"feature_names\" holds " + namesNode.size()
            + (namesNode.size() == 1 ? " name" : " names") + ", but \"coef\" holds " + p
            + " coefficients per λ; give one name per coefficient");
      }
    }
    for (int j = 0; j < p; j++) {
      names.add(namesNode != null && !namesNode.isNull() ? namesNode.get(j).asText() : "x" + j);
    }
    return names;
  }

  /** {@code root.cv}, one mean and SE per λ; empty when there is none (or it is null). */
  private static Optional<PathData.CrossValidation> crossValidation(JsonNode cvNode, int m,
      String where) {
    if (cvNode == null || cvNode.isNull()) {
      return Optional.empty();
    }
    requireObject(cvNode, "cv", "the cross-validation over λ", where);
    String w = where + ": cv";
    requireLambdas(m, w);
    PathData.CrossValidation read = new PathData.CrossValidation(
        JsonFiles.numbersWithoutNull(cvNode, "mean", w),
        JsonFiles.numbersWithoutNull(cvNode, "se", w),
        JsonFiles.lambda(cvNode, "lambda_min", w),
        JsonFiles.lambda(cvNode, "lambda_1se", w),
        measure(cvNode, w));
    if (read.mean().length != m || read.se().length != m) {
      throw new InputException(w + ": mean and se must have one entry per λ (" + m + ")");
    }
    return Optional.of(read);
  }

  /** {@code root.ic}, one df, AIC, BIC and EBIC per λ; empty when there is none (or null). */
  private static Optional<PathData.Criteria> criteria(JsonNode icNode, int m, String where) {
    if (icNode == null || icNode.isNull()) {
      return Optional.empty();
    }
    // an "ic" of another type was dropped without a word, and with it the criteria's table
    requireObject(icNode, "ic", "the information criteria per λ", where);
    String w = where + ": ic";
    PathData.Criteria read = new PathData.Criteria(
        JsonFiles.numbersWithoutNull(icNode, "df", w),
        JsonFiles.numbersWithoutNull(icNode, "aic", w),
        JsonFiles.numbersWithoutNull(icNode, "bic", w),
        JsonFiles.numbersWithoutNull(icNode, "ebic", w),
        JsonFiles.lambda(icNode, "lambda_aic", w),
        JsonFiles.lambda(icNode, "lambda_bic", w),
        JsonFiles.lambda(icNode, "lambda_ebic", w));
    if (read.aic().length != m || read.bic().length != m || read.ebic().length != m
        || read.df().length != m) {
      throw new InputException(w + ": df, aic, bic and ebic must have one entry per λ (" + m
          + ")");
    }
    return Optional.of(read);
  }

  /**
   * relaxed.cv with relaxed.coef; empty when there is no "relaxed" object or it has no "cv" (a
   * relaxed path fitted without cross-validation).
   */
  private static Optional<PathData.RelaxedCv> relaxedCv(JsonNode relaxed, double[][][] coef,
      int m, String where) {
    if (relaxed == null || relaxed.isNull()) {
      return Optional.empty();
    }
    requireObject(relaxed, "relaxed", "path --relax's fit", where);
    JsonNode cvNode = relaxed.get("cv");
    if (cvNode == null || cvNode.isNull()) {
      return Optional.empty();
    }
    if (!cvNode.isObject()) {
      throw new InputException(where + ": relaxed.cv must be an object (the cross-validation"
          + " over (γ, λ)), found " + cvNode.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String w = where + ": relaxed.cv";
    requireLambdas(m, w);
    double[] gamma = gammas(cvNode, w);
    double[][] mean = perGamma(cvNode, "mean", gamma.length, m, w);
    double[][] se = perGamma(cvNode, "se", gamma.length, m, w);
    double[][][] refit = refitCoef(relaxed.get("coef"), coef, where);
    double gammaMin = gammaOf(cvNode, "gamma_min", gamma, w);
    double gamma1se = gammaOf(cvNode, "gamma_1se", gamma, w);
    return Optional.of(new PathData.RelaxedCv(gamma, mean, se,
        JsonFiles.lambda(cvNode, "lambda_min", w), gammaMin,
        JsonFiles.lambda(cvNode, "lambda_1se", w), gamma1se, measure(cvNode, w), refit));
  }

  /** Refuses a {@code key} that is not an object, naming what it holds ({@code what}). */
  private static void requireObject(JsonNode node, String key, String what, String where) {
    if (!node.isObject()) {
      throw new InputException(where + ": \"" + key + "\" must be an object (" + what
          + "), found " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A cross-validation's λ_min and λ_1se are λ of the path: with no λ ("lambda": []) there is
   * nothing for them to be, nor a curve to draw (the charts failed on the missing curve).
   */
  private static void requireLambdas(int lambdas, String where) {
    if (lambdas == 0) {
      throw new InputException(where + ": a cross-validation needs the λ it chose among, but"
          + " \"lambda\" is empty");
    }
  }

  /** relaxed.cv.gamma: distinct blend weights, each in [0, 1]. */
  private static double[] gammas(JsonNode cv, String where) {
    double[] gamma = JsonFiles.numbers(cv, "gamma", where);
    for (int g = 0; g < gamma.length; g++) {
      // each γ weighs the lasso against the refit: outside [0, 1] the table's models and the
      // chart's curves would be extrapolations no path --relax fitted (its --gammas refuses them)
      if (!(gamma[g] >= 0 && gamma[g] <= 1)) {
        throw new InputException(where + ": gamma[" + g + "] must be in [0, 1], found "
            + gamma[g]);
      }
      for (int h = 0; h < g; h++) {
        if (gamma[h] == gamma[g]) {
          throw new InputException(where + ": gamma[" + g + "] repeats gamma[" + h + "] ("
              + gamma[g] + "); each γ needs one curve");
        }
      }
    }
    return gamma;
  }

  /** {@code cv.field}: one array of one number per λ for each γ. */
  private static double[][] perGamma(JsonNode cv, String field, int gammas, int m,
      String where) {
    JsonNode node = cv.get(field);
    if (node == null || !node.isArray() || node.size() != gammas) {
      throw new InputException(where + ": \"" + field + "\" must be an array with one entry per"
          + " γ (" + gammas + ")");
    }
    double[][] out = new double[gammas][];
    for (int g = 0; g < gammas; g++) {
      JsonNode curve = node.get(g);
      if (curve == null || !curve.isArray() || curve.size() != m) {
        throw new InputException(where + ": " + field + "[" + g + "] must have one entry per λ ("
            + m + ")");
      }
      out[g] = new double[m];
      for (int i = 0; i < m; i++) {
        out[g][i] = JsonFiles.toDoubleWithoutNull(curve.get(i), where + ": " + field + "[" + g
            + "][" + i + "]");
      }
    }
    return out;
  }

  /** relaxed.coef: the unpenalized refit of each λ, shaped as the path's {@code coef}. */
  private static double[][][] refitCoef(JsonNode coefNode, double[][][] coef, String where) {
    int m = coef.length;
    if (coefNode == null || !coefNode.isArray() || coefNode.size() != m) {
      throw new InputException(where + ": relaxed.coef must be an array with one entry per λ ("
          + m + ")");
    }
    double[][][] refit = new double[m][][];
    for (int i = 0; i < m; i++) {
      JsonNode atLambda = coefNode.get(i);
      refit[i] = new double[coef[i].length][];
      for (int k = 0; k < coef[i].length; k++) {
        String at = where + ": relaxed.coef[" + i + "]" + (coef[i].length > 1 ? "[" + k + "]"
            : "");
        refit[i][k] = row(coef[i].length > 1 ? atLambda.path(k) : atLambda, at);
        if (refit[i][k].length != coef[i][k].length) {
          throw new InputException(at + " holds " + refit[i][k].length
              + " coefficients, coef " + coef[i][k].length + "; the refit needs one per feature");
        }
      }
    }
    return refit;
  }

  /** {@code cv.field}: one of the γ of {@code gamma}. */
  private static double gammaOf(JsonNode cv, String field, double[] gamma, String where) {
    double value = JsonFiles.number(cv, field, where);
    for (double g : gamma) {
      if (g == value) {
        return value;
      }
    }
    throw new InputException(where + ": \"" + field + "\" must be one of the γ "
        + java.util.Arrays.toString(gamma) + ", found " + value);
  }

  /**
   * cv.measure (or l1_ratios.measure): a measure's id; absent or null (a file from before it)
   * is the deviance.
   */
  static CvMeasure measure(JsonNode cv, String where) {
    JsonNode node = cv.get("measure");
    if (node == null || node.isNull()) {
      return CvMeasure.DEVIANCE;
    }
    if (!node.isTextual()) {
      throw new InputException(where + ": \"measure\" must be one of " + String.join(", ",
          CvMeasure.ids()) + ", found " + node);
    }
    try {
      return CvMeasure.ofId(node.asText());
    } catch (InputException e) {
      throw new InputException(where + ": \"measure\"" + e.afterSetting(), e);
    }
  }

  /** The array {@code root.field} with one number per λ. */
  private static double[] perLambda(JsonNode root, String field, int count, String where) {
    double[] values = JsonFiles.numbersWithoutNull(root, field, where);
    if (values.length != count) {
      throw new InputException(where + ": \"" + field + "\" must have one entry per λ (" + count
          + "), found " + values.length);
    }
    return values;
  }

  private static double[] row(JsonNode array, String where) {
    if (!array.isArray()) {
      throw new InputException(where + ": expected an array of coefficients");
    }
    double[] out = new double[array.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = JsonFiles.toDoubleWithoutNull(array.get(j), where + "[" + j + "]");
    }
    return out;
  }
}
