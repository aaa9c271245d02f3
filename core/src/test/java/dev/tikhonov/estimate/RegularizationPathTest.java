package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RegularizationPath#ofRegression} and {@link RegularizationPath#ofClassification}: a path
 * fitted elsewhere becomes the same models the estimators make, and their files load.
 */
class RegularizationPathTest {
  @TempDir Path dir;

  private static final Provenance ELSEWHERE = new Provenance("Elsewhere",
      Map.of("l1_ratio", 0.5), OptionalLong.empty(), "test rows", Optional.empty(),
      OptionalInt.of(200), "development", Optional.empty());

  @Test
  void ofRegression_ofAnEstimatorsSolution_givesTheEstimatorsModels_whichSaveAndLoad() {
    RegularizationPath<LinearModel> fitted = ElasticNet.gaussian().l1Ratio(0.5)
        .penaltyFactors(1, 2, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1).build()
        .path(LinearEstimatorsTest.DATA);
    LinearParameters first = fitted.atIndex(0).parameters();
    RegularizationPath<LinearModel> wrapped = RegularizationPath.ofRegression(fitted.solution(),
        first.penaltyFactors(), first.penaltyScales(), fitted.provenance());
    assertEquals(fitted.size(), wrapped.size());
    for (int l = 0; l < fitted.size(); l++) {
      assertEquals(fitted.atIndex(l), wrapped.atIndex(l), "λ #" + l);
      assertEquals(fitted.atIndex(l).provenance(), wrapped.atIndex(l).provenance());
    }
    LinearModel model = wrapped.atIndex(fitted.size() / 2);
    Path file = dir.resolve("gaussian.safetensors");
    model.save(file);
    LinearModel back = (LinearModel) Predictor.load(file);
    assertEquals(model, back);
    assertArrayEquals(model.predict(LinearEstimatorsTest.DATA),
        back.predict(LinearEstimatorsTest.DATA), 0.0);
    assertEquals(model.evaluate(LinearEstimatorsTest.DATA), back.evaluate(
        LinearEstimatorsTest.DATA));
  }

  @Test
  void ofClassification_ofACoreSolution_predictsItsProbabilities_binomialAndMultinomial() {
    for (int classes : new int[] {2, 3}) {
      Dataset data = Synthetic.classification().rows(150).features(4).informative(3)
          .classes(classes).seed(7).build();
      Family family = classes == 2 ? Family.BINOMIAL : Family.MULTINOMIAL;
      PathSolution solution = ElasticNetPath.fit(family, data.featureRows(), data.targets(),
          PathSettings.of(1).withNumLambdas(8), data.featureNames(), data.classNames());
      double[] scales = {2, 0.5, 1, 3};
      RegularizationPath<LinearClassifier> path = RegularizationPath.ofClassification(solution,
          new double[] {1, 1, 1, 1}, scales, ELSEWHERE);
      int l = solution.size() - 1;
      LinearClassifier model = path.atIndex(l);
      assertEquals(solution.lambda(l), model.lambda());
      assertEquals(data.classNames(), model.classNames());
      assertEquals(solution.lambda(l), model.provenance().settings().get("lambda"));
      assertEquals("Elsewhere", model.provenance().estimator());
      double[][] expected = solution.probabilities(data.featureRows(), l);
      double[][] actual = model.predictProba(data);
      for (int i = 0; i < expected.length; i++) {
        assertArrayEquals(expected[i], actual[i], 1e-15, "row " + i);
      }
      Path file = dir.resolve(family + ".safetensors");
      model.save(file);
      LinearClassifier back = (LinearClassifier) Predictor.load(file);
      assertEquals(model, back);
      assertArrayEquals(scales, back.parameters().penaltyScales());
    }
  }

  @Test
  void wrongFamilyOrPenaltyOutOfRange_isAnIllegalArgument_namingIt() {
    Dataset two = Synthetic.classification().rows(100).features(3).informative(2).classes(2).seed(1)
        .build();
    PathSolution binomial = ElasticNetPath.fit(Family.BINOMIAL, two.featureRows(),
        two.targets(), PathSettings.of(1).withNumLambdas(3), two.featureNames(),
        two.classNames());
    double[] ones = {1, 1, 1};
    IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
        () -> RegularizationPath.ofRegression(binomial, ones, ones, ELSEWHERE));
    assertEquals("a binomial path: use ofClassification (this one takes the gaussian and "
        + "poisson families)", family.getMessage());
    PathSolution gaussian = ElasticNet.gaussian().build().path(LinearEstimatorsTest.DATA)
        .solution();
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> RegularizationPath.ofClassification(gaussian, ones, ones, ELSEWHERE));
    assertEquals("a gaussian path: use ofRegression (this one takes the binomial and "
        + "multinomial families)", other.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> RegularizationPath.ofClassification(binomial, ones, new double[] {1, 1},
            ELSEWHERE));
    assertEquals("3 penalty factors and 2 penalty scales for a path of 3 features",
        length.getMessage());
    IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
        () -> RegularizationPath.ofClassification(binomial, ones, new double[] {1, 0, 1},
            ELSEWHERE));
    assertEquals("penalty scale 2 (" + two.featureNames().get(1) + ") is 0.0; expected a "
        + "finite number > 0", scale.getMessage());
    IllegalArgumentException factor = assertThrows(IllegalArgumentException.class,
        () -> RegularizationPath.ofClassification(binomial, new double[] {1, 1, Double.NaN},
            ones, ELSEWHERE));
    assertEquals("penalty factor 3 (" + two.featureNames().get(2) + ") is NaN; expected a "
        + "finite number >= 0", factor.getMessage());
  }
}
