package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * glmnet's {@code dfmax} ({@code maxFeatures}) against glmnet 4.1-6 (ref/make_dfmax.R, thresh
 * 1e-14): the default sequence ends after the first λ, from the fifth on, with more features in
 * the model than the limit, and keeps it; the ridge path (every feature in from the start) and a
 * limit of 0 end at the fifth λ. The same λ (to 1e-10), the same number of them and the same df
 * at each, for the lasso of every family and the grouped multinomial; cv.glmnet's curve and
 * choice over the shortened sequence; a λ sequence of your own is fitted whole, as glmnet fits it.
 */
class MaxFeaturesGlmnetTest {

  /** lambda, df, dev_ratio of glmnet's path (or cv.glmnet's lambda, cvm, cvsd). */
  private static double[][] ref(String name) {
    try (InputStream in = MaxFeaturesGlmnetTest.class.getResourceAsStream("/ref/dfmax/" + name)) {
      assertTrue(in != null, "missing test resource ref/dfmax/" + name);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine();
      List<double[]> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
          row[c] = Double.parseDouble(cells[c]);
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertSamePath(String name, RegularizationPath<?> path,
      boolean sameLambdas) {
    double[][] ref = ref(name + ".csv");
    assertEquals(ref.length, path.size(), name + ": the path ends at glmnet's λ; "
        + path.solution().end().message());
    for (int l = 0; l < ref.length; l++) {
      if (sameLambdas) {
        assertEquals(ref[l][0], path.lambdas()[l], 1e-10 * ref[l][0], name + ": λ #" + (l + 1));
        assertEquals(ref[l][2], path.devianceRatio()[l], 1e-6, name + ": dev_ratio #" + (l + 1));
      }
      assertEquals((int) ref[l][1], path.degreesOfFreedom()[l], name + ": df at λ #" + (l + 1));
    }
    assertEquals(PathSolution.Ending.FEATURE_LIMIT, path.solution().end().reason(), name);
  }

  private static Dataset diabetes() {
    return RealDataGlmnetTest.diabetes();
  }

  private static Dataset breastCancer() {
    return CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"), "diagnosis",
        TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
  }

  private static Dataset wine() {
    return Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
  }

  @Test
  void lassoOfEveryFamily_endsWhereGlmnetsDfmaxEndsIt() {
    assertSamePath("diabetes-lasso-4", ElasticNet.gaussian().maxFeatures(4).tolerance(1e-10)
        .build().path(diabetes()), true);
    assertSamePath("breast_cancer-lasso-5", ElasticNet.binomial().maxFeatures(5)
        .tolerance(1e-10).build().path(breastCancer()), true);
    assertSamePath("wine-lasso-3", ElasticNet.multinomial().maxFeatures(3).tolerance(1e-10)
        .build().path(wine()), true);
    assertSamePath("wine-grouped-3", ElasticNet.multinomial().maxFeatures(3).tolerance(1e-10)
        .multinomialPenalty(MultinomialPenalty.GROUPED).build().path(wine()), true);
    // the limit is checked from the fifth λ on, as glmnet's other early stops: a limit of 0
    // still fits five λ
    assertSamePath("diabetes-lasso-0", ElasticNet.gaussian().maxFeatures(0).tolerance(1e-10)
        .build().path(diabetes()), true);
    assertEquals("the limit of 4 features in the model (glmnet's dfmax) stopped the default"
        + " sequence after 23 of 100 λ: λ #23 has 5", ElasticNet.gaussian().maxFeatures(4)
        .build().path(diabetes()).solution().end().message());
  }

  /**
   * The elastic net (binomial: glmnet's gaussian α &lt; 1 scales y inside the fit, so its λ
   * are not ours, docs/linear.md "glmnet conversion"), and ridge, whose every feature is in from
   * λ #1: it stops at the fifth (its λ_max is glmnet's α = 10⁻³ one, another comparison).
   */
  @Test
  void elasticNetAndRidge_endWhereGlmnetEndsThem() {
    assertSamePath("breast_cancer-enet05-8", ElasticNet.binomial().l1Ratio(0.5).maxFeatures(8)
        .tolerance(1e-10).build().path(breastCancer()), true);
    assertSamePath("diabetes-ridge-4", ElasticNet.gaussian().l1Ratio(0).maxFeatures(4)
        .tolerance(1e-10).build().path(diabetes()), false);
  }

  @Test
  void crossValidation_scoresTheShortenedSequence_asCvGlmnet() {
    Dataset data = breastCancer();
    CrossValidatedPath<LinearClassifier> fit = ElasticNetCV.binomial().maxFeatures(5)
        .tolerance(1e-10).foldIds(RealDataGlmnetTest.folds("breast_cancer", data.numRows()))
        .build().crossValidate(data);
    double[][] cv = ref("cv-breast_cancer-lasso-5.csv");
    assertEquals(cv.length, fit.path().size());
    for (int l = 0; l < cv.length; l++) {
      assertEquals(cv[l][0], fit.path().lambdas()[l], 1e-10 * cv[l][0], "λ #" + (l + 1));
      assertEquals(cv[l][1], fit.mean()[l], 1e-5 * cv[l][1], "CV mean at λ #" + (l + 1));
      assertEquals(cv[l][2], fit.standardError()[l], 1e-4 * cv[l][2], "CV SE at λ #" + (l + 1));
    }
    double[] select = ref("cv-breast_cancer-lasso-5-select.csv")[0];
    assertEquals(select[0], fit.lambdaMin(), 1e-10 * select[0], "λ_min");
    assertEquals(select[1], fit.lambda1se(), 1e-10 * select[1], "λ_1se");
  }

  /** glmnet fits a user λ sequence whole whatever dfmax says (make_dfmax.R checks it). */
  @Test
  void aLambdaSequenceOfYourOwn_isFittedWhole() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().maxFeatures(4)
        .lambdas(10, 5, 2, 1, 0.5, 0.1).build().path(diabetes());
    assertEquals(6, path.size());
    assertEquals(PathSolution.Ending.ALL_LAMBDAS, path.solution().end().reason());
    assertTrue(path.degreesOfFreedom()[5] > 4, "df " + path.degreesOfFreedom()[5]);
  }

  @Test
  void aNegativeLimit_isRefusedNamingTheSetting() {
    InputException e = assertThrows(InputException.class,
        () -> PathSettings.builder().maxFeatures(-1).build());
    assertEquals("maxFeatures must be at least 0, got -1", e.getMessage());
    assertEquals("maxFeatures", e.setting().orElseThrow());
    PathSettings limited = PathSettings.lasso().withMaxFeatures(3);
    assertEquals(3, limited.maxFeatures().getAsInt());
    assertTrue(!limited.equals(PathSettings.lasso()), "the limit is part of the settings");
    assertEquals(PathSettings.lasso(), limited.toBuilder().unlimitedFeatures().build());
    assertEquals(limited.hashCode(), PathSettings.lasso().withMaxFeatures(3).hashCode());
  }
}
