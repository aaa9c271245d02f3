package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fold setters of {@link LinearCvBuilder} (numFolds, seed, resampling, foldIds) follow one
 * rule, whatever the order they are called in: the last one decides. Before, numFolds and seed
 * after foldIds were silently ignored (resampling after foldIds was not), so a
 * {@code toBuilder()} of an estimator with fold ids kept them under {@code numFolds(5)}.
 */
class FoldSettersOrderTest {
  private static final Dataset DATA = Synthetic.regression().rows(40).features(3).informative(2)
      .noise(1.0).seed(3).build().data();
  /** Two folds: rows alternate. */
  private static final int[] IDS = java.util.stream.IntStream.range(0, 40).map(i -> 1 + i % 2)
      .toArray();

  /** The fold settings the fitted path's provenance records. */
  private static Map<String, Object> folds(ElasticNetCV.Builder<?> b) {
    ElasticNetCV<?> cv = b.numLambdas(5).threads(1).build();
    return cv.crossValidate(DATA).path().provenance().settings();
  }

  @Test
  void numFoldsOrSeed_afterFoldIds_giveRandomFolds() {
    Map<String, Object> k = folds(ElasticNetCV.gaussian().foldIds(IDS).numFolds(5));
    assertEquals(5, k.get("num_folds"), k.toString());
    assertFalse(k.containsKey("fold_ids"), k.toString());
    Map<String, Object> s = folds(ElasticNetCV.gaussian().numFolds(4).foldIds(IDS).seed(7));
    assertEquals(4, s.get("num_folds"), "seed keeps K: " + s);
    assertEquals(7L, ((Number) s.get("seed")).longValue());
    assertFalse(s.containsKey("fold_ids"), s.toString());
  }

  @Test
  void foldIds_afterNumFoldsSeedOrResampling_giveTheGivenFolds() {
    for (ElasticNetCV.Builder<?> b : java.util.List.of(
        ElasticNetCV.gaussian().numFolds(5).seed(3).foldIds(IDS),
        ElasticNetCV.gaussian().resampling(Resampling.kFold(5, 3)).foldIds(IDS))) {
      Map<String, Object> s = folds(b);
      assertEquals(2, s.get("num_folds"), s.toString());
      assertEquals("given", s.get("fold_ids"), s.toString());
    }
  }

  @Test
  void resamplingAndNumFolds_eachSetTheirPart_theLastDeciding() {
    Map<String, Object> last = folds(ElasticNetCV.gaussian().numFolds(5).seed(1)
        .resampling(Resampling.kFold(4, 7)));
    assertEquals(4, last.get("num_folds"));
    assertEquals(7L, ((Number) last.get("seed")).longValue());
    Map<String, Object> k = folds(ElasticNetCV.gaussian().resampling(Resampling.kFold(4, 7))
        .numFolds(5));
    assertEquals(5, k.get("num_folds"), "numFolds keeps the seed: " + k);
    assertEquals(7L, ((Number) k.get("seed")).longValue());
  }

  /** A variant of an estimator with fold ids, asked for 5 folds, gets 5 random folds. */
  @Test
  void toBuilder_numFolds_ofAnEstimatorWithFoldIds_givesRandomFolds() {
    ElasticNetCV<LinearModel> given = ElasticNetCV.gaussian().foldIds(IDS).numLambdas(5)
        .threads(1).build();
    assertTrue(given.toString().contains("fold_ids=given (2 folds)"), given.toString());
    ElasticNetCV<LinearModel> five = given.toBuilder().numFolds(5).build();
    assertTrue(five.toString().contains("num_folds=5, seed=0"), five.toString());
    Map<String, Object> s = five.crossValidate(DATA).path().provenance().settings();
    assertEquals(5, s.get("num_folds"), s.toString());
    assertFalse(s.containsKey("fold_ids"), s.toString());
    // RelaxedLasso shares the builder's rule
    RelaxedLasso<LinearModel> relaxed = RelaxedLasso.gaussian().foldIds(IDS).numFolds(3)
        .build();
    assertTrue(relaxed.toString().contains("num_folds=3"), relaxed.toString());
    assertFalse(relaxed.toString().contains("fold_ids"), relaxed.toString());
  }
}
