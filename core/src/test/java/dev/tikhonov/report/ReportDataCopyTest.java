package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

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
        new PathData.CrossValidation(mean, se, 0.1, 1),
        new PathData.Criteria(df, aic, aic, aic, 0.1, 0.1, 0.1),
        new PathData.RelaxedCv(gamma, relaxedMean, relaxedMean, 0.1, 0, 1, 1,
            dev.tikhonov.select.CvMeasure.DEVIANCE, refit));
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
    path.cv().se()[0] = 8;
    path.criteria().df()[0] = 8;
    path.relaxed().mean()[1][0] = 8;
    path.relaxed().refitCoef()[1][0][1] = 8;
    assertArrayEquals(new double[] {1, 0.1}, path.lambda());
    assertEquals(0.5, path.coef(1, 0, 0));
    assertEquals(-1, path.coef()[1][0][1]);
    assertEquals(2, path.df(1));
    assertEquals(0.4, path.devRatio(1));
    assertEquals(3, path.cv().mean(0));
    assertEquals(0.1, path.cv().se(0));
    assertEquals(0, path.criteria().df(0));
    assertEquals(7, path.criteria().aic(0));
    assertEquals(0, path.relaxed().gamma(0));
    assertEquals(1.5, path.relaxed().mean(0, 1));
    assertEquals(3, path.relaxed().mean(1, 0));
    assertEquals(0.7, path.relaxed().refitCoef(1, 0, 0));
    assertEquals(-1.2, path.relaxed().refitCoef()[1][0][1]);
    // γ = 0: the refit alone
    assertEquals(0.7, path.coefficient(1, 0, 0, 0));
    assertEquals("λ index 2 of 2 λ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> path.lambda(2)).getMessage());
    assertEquals("γ index -1 of 2 γ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> path.relaxed().mean(-1, 0)).getMessage());
  }
}
