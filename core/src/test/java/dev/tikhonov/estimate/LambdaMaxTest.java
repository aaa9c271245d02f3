package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ElasticNetPath#lambdaMax}, which ElasticNet.fit starts its warm starts from: the default
 * path's first λ on the real data of data/ for every family (the gaussian path runs from the
 * statistics, λ_max here from the rows: equal to rounding), and 0 on features that do not vary,
 * where the default path is refused. Before it, fit found λ_max by fitting a one-λ default
 * path and catching that refusal.
 */
class LambdaMaxTest {
  static final Path DATA = Path.of("..", "data");

  private static void assertFirstLambda(String what, Family family, Dataset data,
      PathSettings settings, double first) {
    double lambdaMax = data.isSparse()
        ? ElasticNetPath.lambdaMax(family, data.sparseFeatures().orElseThrow(), data.targets(),
            settings, data.featureNames(), List.of())
        : ElasticNetPath.lambdaMax(family, data.featureRows(), data.targets(),
            Observations.none(), settings, data.featureNames(), List.of());
    assertTrue(first > 0, what);
    assertEquals(first, lambdaMax, 1e-12 * first, what);
  }

  @Test
  void lambdaMax_onRealData_isTheDefaultPathsFirstLambda() {
    Dataset diabetes = Dataset.read(DATA.resolve("diabetes.csv"), "progression",
        TargetKind.REAL);
    for (double alpha : new double[] {1, 0.5, 0}) {
      assertFirstLambda("diabetes α " + alpha, Family.GAUSSIAN, diabetes, PathSettings.of(alpha),
          ElasticNet.gaussian().l1Ratio(alpha).build().path(diabetes).lambdas()[0]);
    }
    Dataset cancer = Dataset.read(DATA.resolve("breast_cancer.svm.gz"), TargetKind.CLASS);
    assertFirstLambda("breast_cancer.svm.gz", Family.BINOMIAL, cancer, PathSettings.of(1),
        ElasticNet.binomial().build().path(cancer).lambdas()[0]);
    Dataset counts = CsvReader.read(DATA.resolve("cgd.csv"), "infections", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "followup_days", "log_followup_years"));
    assertFirstLambda("cgd", Family.POISSON, counts, PathSettings.of(0.5),
        ElasticNet.poisson().l1Ratio(0.5).build().path(counts).lambdas()[0]);
  }

  @Test
  void lambdaMax_onFeaturesThatDoNotVary_isZero_whereTheDefaultPathIsRefused() {
    double[][] x = {{1, 5}, {1, 5}, {1, 5}, {1, 5}};
    double[] y = {1, 2, 3, 4};
    assertEquals(0.0, ElasticNetPath.lambdaMax(Family.GAUSSIAN, x, y, Observations.none(),
        PathSettings.of(1), List.of("a", "b"), List.of()));
    assertThrows(InputException.class,
        () -> ElasticNet.gaussian().build().path(Dataset.of(x, y)));
  }
}
