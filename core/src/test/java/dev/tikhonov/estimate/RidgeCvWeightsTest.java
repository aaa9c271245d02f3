package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RidgeCV}'s observation weights and {@code intercept(false)} against scikit-learn 1.2.1's
 * {@code RidgeCV(alphas, fit_intercept).fit(X, y, sample_weight)} (ref/make_ridgecv_sklearn.py,
 * the data of make_ridge_sklearn.py: n = 40, p = 4 and n = 8, p = 12): on the grid λ = α/Σwᵢ,
 * our leave-one-out MSE Σωᵢrᵢ² is scikit-learn's score (1/n)Σwᵢrᵢ² times n/Σwᵢ at every λ, the
 * λ chosen is its {@code alpha_}/Σwᵢ and the model its {@code coef_}, {@code intercept_}.
 * The reference-free checks (refits without each row, zero and duplicated weights, the two
 * decompositions) are {@code linear.RidgePathWeightsTest}'s.
 */
class RidgeCvWeightsTest {
  static Stream<Arguments> sklearnCases() {
    List<String[]> chosen = RidgeWeightsTest.read("ridgecv-chosen.csv");
    return chosen.subList(1, chosen.size()).stream()
        .map(r -> Arguments.of(r[0] + " on " + r[1], r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sklearnCases")
  void leaveOneOut_withWeightsAndWithoutIntercept_isSklearnsRidgeCv(String name,
      String[] reference) {
    String kind = reference[0];
    String file = reference[1];
    boolean weighted = kind.startsWith("weighted");
    Dataset data = RidgeWeightsTest.data(file, weighted);
    List<String[]> scores = RidgeWeightsTest.read("ridgecv.csv").stream()
        .filter(r -> r[0].equals(kind) && r[1].equals(file)).toList();
    double[] lambdas = scores.stream().mapToDouble(r -> Double.parseDouble(r[3])).toArray();
    RidgeCV.Builder builder = RidgeCV.builder().criterion(RidgeCV.Criterion.LEAVE_ONE_OUT)
        .lambdas(lambdas).intercept(!kind.contains("no-intercept"));
    if (weighted) {
      builder.weightColumn("w");
    }
    RidgeCV.Validation v = builder.build().crossValidate(data);

    double total = 0;
    for (double[] row : data.featureRows()) {
      total += weighted ? row[row.length - 1] : 1;
    }
    double toOurs = data.numRows() / total;
    for (int l = 0; l < lambdas.length; l++) {
      double expected = Double.parseDouble(scores.get(l)[4]) * toOurs;
      assertEquals(expected, v.leaveOneOutMse()[l], 1e-9 * expected, "λ " + lambdas[l]);
    }
    assertEquals(Double.parseDouble(reference[3]), v.chosenLambda(), 0.0, "λ chosen");
    LinearModel model = v.chosenModel();
    double largest = 0;
    for (int j = 5; j < reference.length && !reference[j].isEmpty(); j++) {
      largest = Math.max(largest, Math.abs(Double.parseDouble(reference[j])));
    }
    assertEquals(Double.parseDouble(reference[4]), model.intercept(), 1e-9 * largest, "a0");
    double[] b = model.coefficients();
    for (int j = 0; j < b.length; j++) {
      assertEquals(Double.parseDouble(reference[5 + j]), b[j], 1e-9 * largest, "b" + (j + 1));
    }
    assertEquals(data.featureNames().stream().filter(f -> !f.equals("w")).toList(),
        model.featureNames(), "the weight column is not a feature");
  }

  @Test
  void settings_areKeptByToBuilderAndSaidByToStringAndProvenance() {
    RidgeCV cv = RidgeCV.builder().intercept(false).weightColumn("w").build();
    RidgeCV copy = cv.toBuilder().build();
    assertEquals(false, copy.intercept());
    assertEquals("w", copy.weightColumn().orElseThrow());
    assertEquals("RidgeCV{criterion=gcv, num_lambdas=100, standardize=false, intercept=false, "
        + "weight_column=w}", copy.toString());
    LinearModel model = copy.fit(RidgeWeightsTest.data("tall.csv", true));
    assertEquals(false, model.provenance().settings().get("intercept"));
    assertEquals("w", model.provenance().settings().get("weight_column"));
    assertEquals(0.0, model.intercept(), 0.0);
  }

  @Test
  void badWeights_areRefusedNamingTheRowAndTheSetting() {
    Dataset data = RidgeWeightsTest.data("tall.csv", true);
    double[][] x = data.featureRows();
    x[2][4] = -1;
    Dataset negative = Dataset.of(x, data.targets(), data.featureNames());
    InputException e = assertThrows(InputException.class, () -> RidgeCV.builder()
        .weightColumn("w").build().crossValidate(negative));
    assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("weights"),
        e.getMessage());
    for (double[] row : x) {
      row[4] = 0;
    }
    Dataset zeros = Dataset.of(x, data.targets(), data.featureNames());
    InputException none = assertThrows(InputException.class, () -> RidgeCV.builder()
        .weightColumn("w").build().crossValidate(zeros));
    assertEquals("weights: every weight is 0; nothing to fit", none.getMessage());
    InputException missing = assertThrows(InputException.class, () -> RidgeCV.builder()
        .weightColumn("weight").build().crossValidate(data));
    assertTrue(missing.getMessage().contains("weightColumn"), missing.getMessage());
  }
}
