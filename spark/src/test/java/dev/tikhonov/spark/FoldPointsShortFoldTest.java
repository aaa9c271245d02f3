package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Spark module scores a fold whose path the budget of passes cut short as the core's
 * cross-validation does (CvShortFoldGlmnetTest, ref/make_cv_short_fold.R: cv.glmnet 4.1-6 drops
 * the λ its maxit interrupts and scores the λ after with the fit before): fold 2 of the
 * reference, whose budget of 1000 passes runs out during its 7th of 8 λ, has 6 fits (the core's
 * path drops the 7th, as glmnet's) and is taken at its 6th for λ #7 and #8 with a λ sequence of
 * one's own, and at its last fit below it with the default sequence. These are the points the
 * MAE route scores and the out-of-fold predictions use. Driver code only: no Spark session.
 */
class FoldPointsShortFoldTest {
  private static final List<String> NAMES = List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7",
      "x8");

  private record Data(double[][] x, double[] y, int[] fold, double[] lambdas) {}

  private static Data data() throws IOException {
    double[][] rows = csv("gauss-short.csv");
    double[][] cv = csv("gauss-short-cv.csv");
    double[][] x = new double[rows.length][];
    double[] y = new double[rows.length];
    int[] fold = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = Arrays.copyOf(rows[i], 8);
      y[i] = rows[i][8];
      fold[i] = (int) rows[i][9];
    }
    return new Data(x, y, fold, Arrays.stream(cv).mapToDouble(r -> r[0]).toArray());
  }

  private static double[][] csv(String name) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        FoldPointsShortFoldTest.class.getResourceAsStream("/ref/cvshort/" + name),
        StandardCharsets.UTF_8))) {
      return in.lines().skip(1).map(line -> Arrays.stream(line.split(","))
          .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
    }
  }

  @Test
  void ownLambdas_foldCutByTheBudget_isTakenAtItsFitBeforeTheCut() throws IOException {
    Data d = data();
    PathSettings settings = PathSettings.lasso().withLambdas(d.lambdas()).withTolerance(1e-10)
        .withMaxIterations(1000);
    FoldStatistics statistics = FoldStatistics.of(d.x(), d.y(), KFold.of(d.fold()));
    PathSolution[] folds = CrossValidation.foldPaths(statistics, settings, NAMES, 1);
    assertEquals(PathSolution.Ending.ITERATION_LIMIT, folds[1].end().reason(),
        "the reference's fold 2 is cut by the budget");
    assertEquals(6, folds[1].size(), "fold 2: six fits, the seventh dropped");
    assertEquals(7, folds[1].end().shortfall().orElseThrow().lambdaNumber());
    IrlsCrossValidation.FoldPoints points = GaussianRowsCrossValidation.foldPoints(statistics,
        settings, NAMES, d.lambdas(), 1);
    for (int l = 6; l < 8; l++) {
      assertArrayEquals(folds[1].coefficients()[5][0], points.coefficients()[1][l][0],
          "fold 2 at λ #" + (l + 1) + ": its 6th fit");
      assertEquals(folds[1].intercepts()[5][0], points.intercepts()[1][l][0]);
    }
    for (int f : new int[] {0, 2}) {
      for (int l = 0; l < 8; l++) {
        assertArrayEquals(folds[f].coefficients()[l][0], points.coefficients()[f][l][0],
            "fold " + (f + 1) + " at λ #" + (l + 1));
      }
    }
  }

  @Test
  void defaultSequence_foldCutByTheBudget_isTakenAtItsLastFitBelowIt() throws IOException {
    Data d = data();
    PathSettings settings = PathSettings.lasso().withTolerance(1e-10).withMaxIterations(2000);
    FoldStatistics statistics = FoldStatistics.of(d.x(), d.y(), KFold.of(d.fold()));
    PathSolution[] folds = CrossValidation.foldPaths(statistics, settings, NAMES, 1);
    PathSolution cut = folds[1];
    assertEquals(PathSolution.Ending.ITERATION_LIMIT, cut.end().reason(),
        "fold 2's own path is cut by the budget");
    double[] full = dev.tikhonov.linear.ElasticNetPath.fit(statistics.total(), settings, NAMES)
        .lambdas();
    IrlsCrossValidation.FoldPoints points = GaussianRowsCrossValidation.foldPoints(statistics,
        settings, NAMES, full, 1);
    double floor = cut.lambdas()[cut.size() - 1];
    PathSolution before = cut.interpolate(new double[] {floor});
    assertNotEquals(Arrays.toString(before.coefficients()[0][0]), Arrays.toString(
        cut.interpolate(new double[] {cut.lambdas()[cut.size() - 2]}).coefficients()[0][0]),
        "its last two fits differ, so the one taken below it is told apart");
    for (int l = 0; l < full.length; l++) {
      if (full[l] <= floor) {
        assertArrayEquals(before.coefficients()[0][0], points.coefficients()[1][l][0],
            "fold 2 below its last fit, λ #" + (l + 1));
      }
    }
    assertEquals(true, full[full.length - 1] < floor, "the full path reaches below the cut");
  }
}
