package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's data read back from a run's files copy their arrays in and out: Histograms and
 * PathData (with its cross-validation, criteria and relaxed CV) called themselves immutable
 * while handing out their own arrays ("do not modify"). The index accessors read one value and
 * name an index out of range.
 */
class ReportDataCopyTest {
  @Test
  void histograms_copyTheirEdgesAndCountsInAndOut() {
    double[] edges = {-1, 0, 1};
    double[] counts = {3, 4};
    Histograms h = new Histograms(edges, List.of(new Histograms.Row(0.1, 0, counts)));
    edges[0] = 9;
    counts[0] = 9;
    h.edges()[1] = 8;
    h.rows().get(0).counts()[1] = 8;
    assertArrayEquals(new double[] {-1, 0, 1}, h.edges());
    assertArrayEquals(new double[] {3, 4}, h.find(0.1, 0).orElseThrow().counts());
  }

  @Test
  void pathData_copiesItsArraysInAndOut_andReadsOneValueByIndex() {
    double[] lambda = {1, 0.1};
    double[][][] coef = {{{0, 0}}, {{0.5, -1}}};
    double[] df = {0, 2};
    double[] devRatio = {0, 0.4};
    double[] mean = {3, 2};
    double[] se = {0.1, 0.2};
    double[] aic = {7, 5};
    double[] gamma = {0, 1};
    double[][] relaxedMean = {{3, 1.5}, {3, 2}};
    double[][][] refit = {{{0, 0}}, {{0.7, -1.2}}};
    PathData path = new PathData("gaussian", 1, lambda, coef, df, devRatio, List.of("a", "b"),
        Optional.of(new PathData.CrossValidation(mean, se, 0.1, 1)),
        Optional.of(new PathData.Criteria(df, aic, aic, aic, 0.1, 0.1, 0.1)),
        Optional.of(new PathData.RelaxedCv(gamma, relaxedMean, relaxedMean, 0.1, 0, 1, 1,
            dev.tikhonov.select.CvMeasure.DEVIANCE, refit)));
    lambda[0] = 9;
    coef[1][0][0] = 9;
    df[1] = 9;
    devRatio[1] = 9;
    mean[0] = 9;
    aic[0] = 9;
    gamma[0] = 9;
    relaxedMean[0][1] = 9;
    refit[1][0][0] = 9;
    path.lambda()[1] = 8;
    path.coef()[1][0][1] = 8;
    path.cv().orElseThrow().se()[0] = 8;
    path.criteria().orElseThrow().df()[0] = 8;
    path.relaxed().orElseThrow().mean()[1][0] = 8;
    path.relaxed().orElseThrow().refitCoef()[1][0][1] = 8;
    assertArrayEquals(new double[] {1, 0.1}, path.lambda());
    assertEquals(0.5, path.coef(1, 0, 0));
    assertEquals(-1, path.coef()[1][0][1]);
    assertEquals(2, path.df(1));
    assertEquals(0.4, path.devRatio(1));
    assertEquals(3, path.cv().orElseThrow().mean(0));
    assertEquals(0.1, path.cv().orElseThrow().se(0));
    assertEquals(0, path.criteria().orElseThrow().df(0));
    assertEquals(7, path.criteria().orElseThrow().aic(0));
    assertEquals(0, path.relaxed().orElseThrow().gamma(0));
    assertEquals(1.5, path.relaxed().orElseThrow().mean(0, 1));
    assertEquals(3, path.relaxed().orElseThrow().mean(1, 0));
    assertEquals(0.7, path.relaxed().orElseThrow().refitCoef(1, 0, 0));
    assertEquals(-1.2, path.relaxed().orElseThrow().refitCoef()[1][0][1]);
    // γ = 0: the refit alone
    assertEquals(0.7, path.coefficient(1, 0, 0, 0));
    assertEquals("λ index 2 of 2 λ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> path.lambda(2)).getMessage());
    assertEquals("γ index -1 of 2 γ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> path.relaxed().orElseThrow().mean(-1, 0)).getMessage());
  }

  /**
   * A path fitted without cross-validation, criteria or a relaxed fit reads back with those
   * parts empty, not null (the project's rule for what is absent), and a null in their place is
   * refused by name.
   */
  @Test
  void pathData_withoutCvCriteriaOrRelaxedFit_hasThemEmpty_andRefusesNull(@TempDir Path dir)
      throws java.io.IOException {
    Path file = dir.resolve("path.json");
    Files.writeString(file, "{\"family\": \"gaussian\", \"l1_ratio\": 1, \"lambda\": [1, 0.1],"
        + " \"coef\": [[0, 0], [0.5, -1]], \"feature_names\": [\"a\", \"b\"]}");
    PathData path = PathData.read(file);
    assertEquals(-1, path.coef(1, 0, 1));
    assertTrue(path.cv().isEmpty());
    assertTrue(path.criteria().isEmpty());
    assertTrue(path.relaxed().isEmpty());
    assertEquals(0.5, path.coefficient(1, 0, 0, 0), "without a relaxed fit, the lasso's own");
    NullPointerException e = assertThrows(NullPointerException.class, () -> new PathData(
        "gaussian", 1, new double[] {1}, new double[][][] {{{0}}}, new double[1], new double[1],
        List.of("a"), null, Optional.empty()));
    assertEquals("cv (Optional.empty() for none)", e.getMessage());
  }
}
