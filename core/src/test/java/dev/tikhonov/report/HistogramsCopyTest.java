package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Histograms copies its edges and each row's counts in and out: it called itself immutable while
 * handing out its own arrays ("do not modify").
 */
class HistogramsCopyTest {
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
}
