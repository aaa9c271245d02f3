package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The select package's results copy their arrays in and out, as CvResult does
 * (ResultIndicesTest): CvSummary, RelaxedCvResult, InformationCriteria and GridSearch's Result
 * and Split called themselves immutable while handing out their own arrays ("do not modify").
 * Their index accessors read one value and name an index out of range.
 */
class SelectResultsCopyTest {

  @Test
  void cvSummary_copiesItsArraysInAndOut_andNamesACandidateOutOfRange() {
    double[] mean = {3, 2, 2.5};
    double[] se = {0.1, 0.2, 0.3};
    CvSummary s = new CvSummary(mean, se, 1, 0);
    mean[0] = 9;
    se[1] = 9;
    s.mean()[0] = 8;
    s.standardError()[1] = 8;
    assertArrayEquals(new double[] {3, 2, 2.5}, s.mean());
    assertArrayEquals(new double[] {0.1, 0.2, 0.3}, s.standardError());
    assertEquals(2.5, s.mean(2));
    assertEquals(0.2, s.standardError(1));
    assertEquals(3, s.numCandidates());
    for (int index : new int[] {-1, 3}) {
      assertEquals("candidate index " + index + " of 3 candidates (0-based)", assertThrows(
          IndexOutOfBoundsException.class, () -> s.mean(index)).getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> new CvSummary(new double[2], new double[3], 0, 0));
  }

  @Test
  void relaxedCvResult_copiesItsGammasInAndOut_andReadsOneGammaOrLambda() {
    double[] lambdas = {3, 2, 1};
    CvResult low = CvResult.of(lambdas, new double[][] {{2, 1, 3}, {2, 1, 3}},
        new double[] {1, 1});
    CvResult high = CvResult.of(lambdas, new double[][] {{4, 1.5, 1}, {4, 1.5, 1}},
        new double[] {1, 1});
    double[] gammas = {0, 1};
    RelaxedCvResult r = RelaxedCvResult.of(gammas, List.of(low, high));
    gammas[1] = 9;
    r.gammas()[0] = 8;
    assertArrayEquals(new double[] {0, 1}, r.gammas());
    double[] copy = {0, 1};
    RelaxedCvResult direct = new RelaxedCvResult(copy, List.of(low, high), 0, 0, 0, 0);
    copy[0] = 7;
    assertEquals(0, direct.gamma(0));
    assertEquals(2, r.numGammas());
    assertEquals(3, r.numLambdas());
    assertEquals(1, r.gamma(1));
    assertEquals(2, r.lambda(1));
    assertEquals(r.lambdas()[r.indexMin()], r.lambdaMin());
    assertEquals(r.gammas()[r.gammaIndexMin()], r.gammaMin());
    assertEquals("γ index 2 of 2 γ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> r.gamma(2)).getMessage());
    assertEquals("λ index 3 of 3 λ (0-based)", assertThrows(IndexOutOfBoundsException.class,
        () -> r.lambda(3)).getMessage());
  }

  @Test
  void informationCriteria_copiesItsArraysInAndOut_andNamesALambdaOutOfRange() {
    double[] df = {0, 1, 2};
    double[] rss = {9, 4, 3};
    double[] aic = {5, 3, 4};
    double[] bic = {5, 4, 6};
    double[] ebic = {5, 5, 8};
    InformationCriteria ic = new InformationCriteria(df, rss, aic, bic, ebic, 10);
    df[0] = 99;
    rss[0] = 99;
    aic[2] = -99;
    bic[0] = 99;
    ebic[0] = 99;
    ic.degreesOfFreedom()[1] = 99;
    ic.aic()[2] = -99;
    ic.extendedBic()[0] = -99;
    assertArrayEquals(new double[] {0, 1, 2}, ic.degreesOfFreedom());
    assertArrayEquals(new double[] {9, 4, 3}, ic.rss());
    assertArrayEquals(new double[] {5, 3, 4}, ic.aic());
    assertArrayEquals(new double[] {5, 4, 6}, ic.bic());
    assertArrayEquals(new double[] {5, 5, 8}, ic.extendedBic());
    assertEquals(1, ic.bestAic());
    assertEquals(0, ic.bestExtendedBic());
    assertEquals(2, ic.degreesOfFreedom(2));
    assertEquals(4, ic.rss(1));
    assertEquals(3, ic.aic(1));
    assertEquals(6, ic.bic(2));
    assertEquals(5, ic.extendedBic(1));
    assertEquals(3, ic.numLambdas());
    for (int index : new int[] {-1, 3}) {
      assertEquals("λ index " + index + " of 3 λ (0-based)", assertThrows(
          IndexOutOfBoundsException.class, () -> ic.aic(index)).getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new InformationCriteria(new double[2],
        new double[3], new double[3], new double[3], new double[3], 10));
  }

  @Test
  void gridSearchResult_copiesItsConfigsAndArraysInAndOut_andNamesAnIndexOutOfRange() {
    List<String> configs = new ArrayList<>(List.of("a", "b"));
    double[][] scores = {{1, 2}, {3, 5}};
    double[] mean = {1.5, 4};
    double[] se = {0.5, 1};
    GridSearch.Result<String> r = new GridSearch.Result<>(configs, scores, mean, se, 0, 0);
    configs.set(0, "z");
    scores[0][0] = 9;
    mean[0] = 9;
    se[0] = 9;
    r.scores()[1][1] = 9;
    r.mean()[1] = 9;
    r.standardError()[1] = 9;
    assertEquals(List.of("a", "b"), r.configs());
    assertArrayEquals(new double[] {1, 2}, r.scores()[0]);
    assertArrayEquals(new double[] {3, 5}, r.scores()[1]);
    assertArrayEquals(new double[] {1.5, 4}, r.mean());
    assertArrayEquals(new double[] {0.5, 1}, r.standardError());
    assertEquals(5, r.score(1, 1));
    assertEquals(4, r.mean(1));
    assertEquals(1, r.standardError(1));
    assertEquals(2, r.numConfigs());
    assertEquals(2, r.numSplits());
    assertEquals("config index 2 of 2 configs (0-based)", assertThrows(
        IndexOutOfBoundsException.class, () -> r.mean(2)).getMessage());
    assertEquals("split index -1 of 2 splits (0-based)", assertThrows(
        IndexOutOfBoundsException.class, () -> r.score(0, -1)).getMessage());
  }

  @Test
  void gridSearchSplit_copiesItsRowsInAndOut() {
    int[] train = {0, 1, 2};
    int[] validation = {3};
    GridSearch.Split split = new GridSearch.Split(train, validation);
    train[0] = 9;
    validation[0] = 9;
    split.trainRows()[1] = 9;
    split.validationRows()[0] = 8;
    assertArrayEquals(new int[] {0, 1, 2}, split.trainRows());
    assertArrayEquals(new int[] {3}, split.validationRows());
    assertEquals(3, split.numTrainRows());
    assertEquals(1, split.numValidationRows());
  }
}
