package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.MultinomialPenalty;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The default path's first λ is λ_max, where the fit is the intercept-only model: its deviance
 * is the null deviance, so its deviance ratio is exactly 0, not a rounding residue of two ways
 * of computing the same deviance (before: −5.0e-15 on breast_cancer, 1.0e-15 on wine,
 * −2.2e-16 on cgd with its offset, in path.csv and the report).
 */
class FirstLambdaDevianceRatioTest {
  static final Path DATA = Path.of("..", "data");

  static void assertInterceptOnlyAtFirstLambda(String what, RegularizationPath<?> path) {
    assertEquals(0, path.degreesOfFreedom()[0], what + ": features active at λ_max");
    assertEquals(0.0, path.devianceRatio()[0], what + ": deviance ratio at λ_max");
  }

  @Test
  void firstLambda_gaussianDiabetes_devianceRatioIsExactlyZero() {
    Dataset data = Dataset.read(DATA.resolve("diabetes.csv"), "progression", TargetKind.REAL);
    for (double alpha : new double[] {1, 0.5}) {
      assertInterceptOnlyAtFirstLambda("diabetes α " + alpha,
          ElasticNet.gaussian().l1Ratio(alpha).build().path(data));
    }
  }

  @Test
  void firstLambda_binomialBreastCancer_devianceRatioIsExactlyZero() {
    Dataset data = CsvReader.read(DATA.resolve("breast_cancer.csv"), "diagnosis",
        TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
    Dataset sparse = Dataset.read(DATA.resolve("breast_cancer.svm.gz"), TargetKind.CLASS);
    for (double alpha : new double[] {1, 0.5}) {
      assertInterceptOnlyAtFirstLambda("breast_cancer α " + alpha,
          ElasticNet.binomial().l1Ratio(alpha).build().path(data));
      assertInterceptOnlyAtFirstLambda("breast_cancer.svm.gz α " + alpha,
          ElasticNet.binomial().l1Ratio(alpha).build().path(sparse));
    }
  }

  @Test
  void firstLambda_multinomialWine_devianceRatioIsExactlyZero() {
    Dataset data = Dataset.read(DATA.resolve("wine.csv"), "cultivar", TargetKind.CLASS);
    for (MultinomialPenalty penalty : MultinomialPenalty.values()) {
      assertInterceptOnlyAtFirstLambda("wine " + penalty,
          ElasticNet.multinomial().multinomialPenalty(penalty).build().path(data));
    }
  }

  @Test
  void firstLambda_poissonCgd_devianceRatioIsExactlyZero() {
    Dataset data = CsvReader.read(DATA.resolve("cgd.csv"), "infections", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "followup_days"));
    assertInterceptOnlyAtFirstLambda("cgd with its offset", ElasticNet.poisson()
        .offsetColumn("log_followup_years").build().path(data));
    Dataset counts = CsvReader.read(DATA.resolve("cgd.csv"), "infections", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "followup_days", "log_followup_years"));
    assertInterceptOnlyAtFirstLambda("cgd without an offset",
        ElasticNet.poisson().build().path(counts));
  }
}
