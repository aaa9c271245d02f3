package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.experiment.GdLinear;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.linear.RidgeSolution;
import dev.tikhonov.report.Histogram;
import dev.tikhonov.report.LambdaRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records whose arrays or lists are small (a linear model's p coefficients, one number per
 * layer or per bin, a few λ) are immutable as their javadoc says: they copy them in and out, so
 * writing into the array or list given to the constructor, or into one an accessor returned,
 * leaves them as they were.
 * (The records of a whole path or data set share theirs instead, and say so.)
 */
class RecordCopiesTest {
  @Test
  void ridgeSolution_copiesItsCoefficients() {
    double[] b = {1, -2, 3};
    RidgeSolution s = new RidgeSolution(0.1, 0.5, b, 2.5);
    b[0] = 99;
    s.coefficients()[1] = 99;
    assertArrayEquals(new double[] {1, -2, 3}, s.coefficients(), 0.0);
    assertEquals(0.5 + 1 - 2 * 2 + 3 * 3, s.predict(new double[] {1, 2, 3}), 0.0);
  }

  @Test
  void lambdaRow_copiesItsLayerNorms() {
    double[] norms = {1.5, 2.5};
    LambdaRow r = new LambdaRow(0.01, 0, 0, 3, 0.95, 0.01, 0.2, 0.01, 0.1, 4, norms, 0.3);
    norms[0] = 99;
    r.layerWeightNormsMean()[1] = 99;
    assertArrayEquals(new double[] {1.5, 2.5}, r.layerWeightNormsMean(), 0.0);
  }

  @Test
  void mnistL2Row_copiesItsLayerNorms() {
    double[] norms = {1.5, 2.5};
    MnistL2.Row r = new MnistL2.Row(0.01, 0, 0, 3, 0.95, 0.01, 0.2, 0.01, 0.1, 4, norms, 0.3);
    norms[0] = 99;
    r.layerWeightNormsMean()[1] = 99;
    assertArrayEquals(new double[] {1.5, 2.5}, r.layerWeightNormsMean(), 0.0);
  }

  @Test
  void gdLinearSettings_copiesItsLambdas() {
    List<Double> lambdas = new ArrayList<>(List.of(0.0, 1.0));
    GdLinear.Settings s = new GdLinear.Settings(200, 1.0, lambdas, 100, 0.05, 0);
    lambdas.set(0, 99.0);
    assertEquals(List.of(0.0, 1.0), s.lambdas());
    assertThrows(UnsupportedOperationException.class, () -> s.lambdas().add(2.0));
  }

  @Test
  void histogram_copiesItsEdgesAndCounts() {
    double[] edges = {-1, 0, 1};
    long[] counts = {4, 6};
    Histogram h = new Histogram(edges, counts);
    edges[0] = 99;
    counts[0] = 99;
    h.edges()[1] = 99;
    h.counts()[1] = 99;
    assertArrayEquals(new double[] {-1, 0, 1}, h.edges(), 0.0);
    assertArrayEquals(new long[] {4, 6}, h.counts());
  }
}
