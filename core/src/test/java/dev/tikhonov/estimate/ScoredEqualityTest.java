package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tikhonov.select.CvMeasure;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link GridSearchCV.Scored} is a value: two made from the same inputs are equal and hash
 * alike (a record's generated equals compared its split scores' array by identity), and its
 * array is copied on the way in and out.
 */
class ScoredEqualityTest {
  private static GridSearchCV.Scored scored(double[] splitLoss) {
    return new GridSearchCV.Scored(Map.of("lambda", 0.1), 0, splitLoss, 1.5, 0.5,
        CvMeasure.MEAN_SQUARED_ERROR, Optional.of("w"));
  }

  @Test
  void scoredFromTheSameInputs_areEqual_andHashAlike() {
    GridSearchCV.Scored a = scored(new double[] {1, 2});
    GridSearchCV.Scored b = scored(new double[] {1, 2});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, scored(new double[] {1, 2.5}));
    assertNotEquals(a, new GridSearchCV.Scored(Map.of("lambda", 0.1), 0, new double[] {1, 2},
        1.5, 0.5, CvMeasure.MEAN_SQUARED_ERROR, Optional.empty()));
    // what a search gives twice for the same estimator and folds
    Ridge ridge = Ridge.builder().lambda(0.3).build();
    dev.tikhonov.data.Dataset data = RidgeWeightsTest.data("tall.csv", false);
    assertEquals(GridSearchCV.crossValScore(ridge, data, Resampling.kFold(4, 5),
            CvMeasure.MEAN_SQUARED_ERROR),
        GridSearchCV.crossValScore(ridge, data, Resampling.kFold(4, 5),
            CvMeasure.MEAN_SQUARED_ERROR));
  }

  @Test
  void scored_copiesItsSplitScoresInAndOut() {
    double[] given = {1, 2};
    GridSearchCV.Scored s = scored(given);
    given[0] = 9;
    assertArrayEquals(new double[] {1, 2}, s.splitLoss(), 0.0);
    s.splitLoss()[1] = 9;
    assertArrayEquals(new double[] {1, 2}, s.splitLoss(), 0.0);
    assertEquals(scored(new double[] {1, 2}), s);
  }
}
