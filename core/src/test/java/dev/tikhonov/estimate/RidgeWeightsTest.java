package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Ridge}'s observation weights and {@code intercept(false)} against scikit-learn's
 * {@code Ridge(alpha, fit_intercept).fit(X, y, sample_weight)} (ref/make_ridge_sklearn.py, λ =
 * α/Σwᵢ) and against closed forms: integer weights are duplicated rows, equal weights are none.
 */
class RidgeWeightsTest {
  private static final double TOLERANCE = 1e-9;

  /** A ref CSV of ref/ridge/: its header and its rows as strings. */
  static List<String[]> read(String name) {
    String resource = "/ref/ridge/" + name;
    try (InputStream in = RidgeWeightsTest.class.getResourceAsStream(resource)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.split(",", -1));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data file as a Dataset whose features are x1..xp and w (named), target y. */
  private static Dataset data(String name) {
    return data(name, true);
  }

  /** The data file's x1..xp, and its w column when {@code withWeights}, as named features. */
  static Dataset data(String name, boolean withWeights) {
    List<String[]> rows = read(name);
    String[] header = rows.get(0);
    int columns = header.length - (withWeights ? 1 : 2);
    double[][] x = new double[rows.size() - 1][columns];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      String[] row = rows.get(i + 1);
      for (int j = 0; j < columns; j++) {
        x[i][j] = Double.parseDouble(row[j]);
      }
      y[i] = Double.parseDouble(row[header.length - 1]);
    }
    return Dataset.of(x, y, List.of(Arrays.copyOf(header, columns)));
  }

  static Stream<Arguments> sklearnCases() {
    List<String[]> rows = read("ridge.csv");
    return rows.subList(1, rows.size()).stream()
        .map(r -> Arguments.of(r[0] + " on " + r[1], r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sklearnCases")
  void fit_weightsAndNoIntercept_matchSklearn(String name, String[] reference) {
    String kind = reference[0];
    boolean weighted = kind.startsWith("weighted");
    Dataset data = data(reference[1], weighted);
    Ridge.Builder builder = Ridge.builder().lambda(Double.parseDouble(reference[3]))
        .intercept(!kind.contains("no-intercept"));
    if (weighted) {
      builder.weightColumn("w");
    }
    LinearModel model = builder.build().fit(data);
    double[] b = model.coefficients();
    assertEquals(Double.parseDouble(reference[4]), model.intercept(), TOLERANCE, "a0");
    for (int j = 0; j < b.length; j++) {
      assertEquals(Double.parseDouble(reference[5 + j]), b[j], TOLERANCE, "b" + (j + 1));
    }
    assertEquals(withoutWeights(data), model.featureNames());
  }

  private static List<String> withoutWeights(Dataset data) {
    return data.featureNames().stream().filter(n -> !n.equals("w")).toList();
  }

  @Test
  void fit_integerWeights_equalDuplicatedRows() {
    Dataset data = data("tall.csv", false);
    int n = data.numRows();
    double[][] x = data.featureRows();
    double[] y = data.targets();
    double[][] weighted = new double[n][];
    List<double[]> repeatedX = new ArrayList<>();
    List<Double> repeatedY = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int w = i % 3; // 0, 1 or 2 copies
      weighted[i] = Arrays.copyOf(x[i], 5);
      weighted[i][4] = w;
      for (int c = 0; c < w; c++) {
        repeatedX.add(x[i]);
        repeatedY.add(y[i]);
      }
    }
    for (boolean intercept : new boolean[] {true, false}) {
      for (boolean standardize : new boolean[] {false, true}) {
        Ridge.Builder b = Ridge.builder().lambda(0.3).intercept(intercept)
            .standardize(standardize);
        LinearModel withWeights = b.weightColumn("w").build().fit(Dataset.of(weighted, y,
            List.of("x1", "x2", "x3", "x4", "w")));
        LinearModel repeated = Ridge.builder().lambda(0.3).intercept(intercept)
            .standardize(standardize).build().fit(Dataset.of(
                repeatedX.toArray(new double[0][]),
                repeatedY.stream().mapToDouble(Double::doubleValue).toArray(),
                List.of("x1", "x2", "x3", "x4")));
        String name = "intercept " + intercept + ", standardize " + standardize;
        assertEquals(repeated.intercept(), withWeights.intercept(), 1e-10, name);
        assertArrayEquals(repeated.coefficients(), withWeights.coefficients(), 1e-10, name);
      }
    }
  }

  @Test
  void fit_equalWeights_areNoWeights() {
    Dataset data = data("wide.csv");
    double[][] x = data.featureRows();
    for (double[] row : x) {
      row[row.length - 1] = 2.5; // the w column
    }
    Dataset equal = Dataset.of(x, data.targets(), data.featureNames());
    LinearModel weighted = Ridge.builder().lambda(0.2).weightColumn("w").build().fit(equal);
    LinearModel plain = Ridge.builder().lambda(0.2).build().fit(data("wide.csv", false));
    assertEquals(plain.intercept(), weighted.intercept(), 1e-12);
    assertArrayEquals(plain.coefficients(), weighted.coefficients(), 1e-12);
  }

  @Test
  void fit_negativeWeight_refusedNamingRowAndWeights() {
    Dataset data = data("tall.csv");
    double[][] x = data.featureRows();
    x[2][4] = -1;
    InputException e = assertThrows(InputException.class, () -> Ridge.builder().lambda(0.1)
        .weightColumn("w").build().fit(Dataset.of(x, data.targets(), data.featureNames())));
    assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("weights"),
        e.getMessage());
  }

  @Test
  void toBuilder_keepsInterceptAndWeightColumn() {
    Ridge ridge = Ridge.builder().lambda(0.1).intercept(false).weightColumn("w").build();
    Ridge copy = ridge.toBuilder().build();
    assertEquals(false, copy.intercept());
    assertEquals("w", copy.weightColumn().orElseThrow());
    assertEquals("Ridge{lambda=0.1, standardize=false, intercept=false, weight_column=w}",
        copy.toString());
  }
}
