package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The routes that fit from two-pass statistics instead of a standardized copy of x: the dense
 * gaussian path with n ≥ p ({@link ElasticNetPath}, Updates.AUTOMATIC) against the design-based
 * covariance route (Updates.COVARIANCE), and ridge by eigendecomposition against the SVD route.
 * Same solutions to rounding, with weights, offsets, box constraints and penalty factors; the
 * same messages for the same bad input.
 */
class StatisticsRouteTest {
  private static final int N = 150;
  private static final int P = 12;

  private static double[][] features(long seed) {
    Random r = new Random(seed);
    double[][] x = new double[N][P];
    for (double[] row : x) {
      for (int j = 0; j < P; j++) {
        row[j] = 3 + r.nextGaussian() * (1 + j % 3);
      }
      row[1] = 0.8 * row[0] + 0.2 * row[1]; // correlated columns, as the dense end needs
    }
    for (double[] row : x) {
      row[P - 1] = 2.5; // a constant column: left out by both routes
    }
    return x;
  }

  private static double[] target(double[][] x, long seed) {
    Random r = new Random(seed);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      y[i] = 1 + 2 * x[i][0] - x[i][3] + 0.5 * x[i][5] + r.nextGaussian();
    }
    return y;
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < P; j++) {
      names.add("x" + j);
    }
    return names;
  }

  private static PathSolution fit(double[][] x, double[] y, int[] rows, Observations o,
      PathSettings settings, ElasticNetPath.Updates updates) {
    return ElasticNetPath.fit(Family.GAUSSIAN, x, y, rows, o, settings, names(), List.of(),
        updates);
  }

  @Test
  void gaussianPath_weightsOffsetsBoxAndPenaltyFactors_matchTheDesignRoute() {
    double[][] x = features(1);
    double[] y = target(x, 2);
    Random r = new Random(3);
    double[] w = new double[N];
    double[] offsets = new double[N];
    for (int i = 0; i < N; i++) {
      w[i] = i % 10 == 0 ? 0 : 0.5 + r.nextDouble();
      offsets[i] = 0.3 * r.nextGaussian();
    }
    double[] factors = new double[P];
    java.util.Arrays.fill(factors, 1);
    factors[2] = 0;
    factors[4] = 2;
    double[] lower = new double[P];
    java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    lower[3] = -0.5;
    int[] rows = new int[N - 20];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i + 10;
    }
    for (boolean standardize : new boolean[] {true, false}) {
      PathSettings settings = PathSettings.of(0.6).withStandardize(standardize)
          .withPenaltyFactors(factors).withLowerLimits(lower).withTolerance(1e-12);
      Observations o = Observations.ofWeights(w).withOffsets(offsets);
      PathSolution statistics = fit(x, y, rows, o, settings, ElasticNetPath.Updates.AUTOMATIC);
      PathSolution design = fit(x, y, rows, o, settings, ElasticNetPath.Updates.COVARIANCE);
      assertEquals(design.size(), statistics.size());
      double worst = 0;
      double scale = 0;
      for (int l = 0; l < design.size(); l++) {
        assertEquals(design.lambda(l), statistics.lambda(l),
            1e-12 * design.lambda(0));
        worst = Math.max(worst, Math.abs(design.intercept(l, 0)
            - statistics.intercept(l, 0)));
        for (int j = 0; j < P; j++) {
          double b = design.coefficient(l, 0, j);
          scale = Math.max(scale, Math.abs(b));
          worst = Math.max(worst, Math.abs(b - statistics.coefficient(l, 0, j)));
        }
        assertEquals(0.0, statistics.coefficient(l, 0, P - 1), "the constant column");
        assertTrue(statistics.coefficient(l, 0, 3) >= -0.5 - 1e-12, "the box at λ " + l);
      }
      assertTrue(scale > 1, "a path that goes somewhere: " + scale);
      assertTrue(worst < 1e-8 * scale, "standardize " + standardize + ": " + worst);
    }
  }

  private static String message(Supplier<?> fit) {
    return assertThrows(InputException.class, fit::get).getMessage();
  }

  @Test
  void gaussianPath_badInput_sameMessagesAsTheDesignRoute() {
    PathSettings settings = PathSettings.lasso();
    int[] all = StandardizedDesign.allRows(N);
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    List<Observations> os = new ArrayList<>();
    double[][] nan = features(4);
    nan[7][3] = Double.NaN;
    xs.add(nan);
    ys.add(target(features(4), 5));
    os.add(Observations.none());
    double[][] ragged = features(4);
    ragged[9] = new double[P - 1];
    xs.add(ragged);
    ys.add(target(features(4), 5));
    os.add(Observations.none());
    double[] infinite = target(features(4), 5);
    infinite[11] = Double.POSITIVE_INFINITY;
    xs.add(features(4));
    ys.add(infinite);
    os.add(Observations.none());
    xs.add(features(4));
    ys.add(infinite);
    os.add(Observations.ofOffsets(new double[N]));
    double[] negative = new double[N];
    java.util.Arrays.fill(negative, 1);
    negative[5] = -1;
    xs.add(features(4));
    ys.add(target(features(4), 5));
    os.add(Observations.ofWeights(negative));
    double[] constant = new double[N];
    java.util.Arrays.fill(constant, 4.0);
    xs.add(features(4));
    ys.add(constant);
    os.add(Observations.none());
    // Two bad rows: the first one is named, on both routes.
    double[][] nanThenRagged = features(4);
    nanThenRagged[7][3] = Double.NaN;
    nanThenRagged[9] = new double[P + 2];
    xs.add(nanThenRagged);
    ys.add(target(features(4), 5));
    os.add(Observations.none());
    double[][] badZeroWeightRow = features(4);
    badZeroWeightRow[6][1] = Double.POSITIVE_INFINITY;
    badZeroWeightRow[12][0] = Double.NaN;
    double[] zeroAtSix = new double[N];
    java.util.Arrays.fill(zeroAtSix, 1);
    zeroAtSix[6] = 0;
    xs.add(badZeroWeightRow);
    ys.add(target(features(4), 5));
    os.add(Observations.ofWeights(zeroAtSix));
    for (int c = 0; c < xs.size(); c++) {
      double[][] x = xs.get(c);
      double[] y = ys.get(c);
      Observations o = os.get(c);
      String design = message(() -> fit(x, y, all, o, settings,
          ElasticNetPath.Updates.COVARIANCE));
      assertEquals(design, message(() -> fit(x, y, all, o, settings,
          ElasticNetPath.Updates.AUTOMATIC)), "case " + c);
    }
  }

  @Test
  void ridgeByEigendecomposition_matchesTheSvdRoute_andGivesItsMessages() {
    double[][] x = features(6);
    double[] y = target(x, 7);
    double[] lambdas = {10, 1, 0.1, 0.01, 0.001};
    RidgeSvdPath eigen = RidgeSvdPath.fit(x, y, lambdas, RidgeSvdPath.Decomposition.EIGEN);
    RidgeSvdPath svd = RidgeSvdPath.fit(x, y, lambdas, RidgeSvdPath.Decomposition.SVD);
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(svd.intercepts()[l], eigen.intercepts()[l], 1e-9);
      for (int j = 0; j < P; j++) {
        assertEquals(svd.coefficients()[l][j], eigen.coefficients()[l][j], 1e-9);
      }
      assertEquals(svd.degreesOfFreedom()[l], eigen.degreesOfFreedom()[l], 1e-9);
      assertEquals(svd.leaveOneOutMse()[l], eigen.leaveOneOutMse()[l],
          1e-9 * svd.leaveOneOutMse()[l]);
      assertEquals(svd.gcv()[l], eigen.gcv()[l], 1e-9 * svd.gcv()[l]);
      assertEquals(svd.trainingMse()[l], eigen.trainingMse()[l], 1e-9 * svd.trainingMse()[l]);
    }
    assertEquals(svd.nullMse(), eigen.nullMse(), 1e-12 * svd.nullMse());
    double[][] bad = features(6);
    bad[4][2] = Double.NEGATIVE_INFINITY;
    double[][] ragged = features(6);
    ragged[8] = new double[P + 1];
    double[] nanTarget = y.clone();
    nanTarget[3] = Double.NaN;
    for (Object[] c : new Object[][] {{bad, y}, {ragged, y}, {x, nanTarget}}) {
      double[][] cx = (double[][]) c[0];
      double[] cy = (double[]) c[1];
      assertEquals(message(() -> RidgeSvdPath.fit(cx, cy, lambdas,
              RidgeSvdPath.Decomposition.SVD)),
          message(() -> RidgeSvdPath.fit(cx, cy, lambdas, RidgeSvdPath.Decomposition.EIGEN)));
    }
  }
}
