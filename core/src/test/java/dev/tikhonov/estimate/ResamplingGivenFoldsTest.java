package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.select.KFold;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resampling.givenFolds: cv.glmnet's foldid for RidgeCV (and every Resampling taker). */
class ResamplingGivenFoldsTest {
  private static final Dataset DATA = Synthetic.regression().rows(60).features(5)
      .informative(3).noise(1.0).seed(2).build().data();

  @Test
  void givenFolds_ofTheSeededFolds_areTheSeededFolds_andRidgeCvScoresThemAlike() {
    Resampling seeded = Resampling.kFold(4, 7);
    Resampling given = Resampling.givenFolds(KFold.random(60, 4, 7).foldIds());
    List<Resampling.Split> a = seeded.splits(DATA);
    List<Resampling.Split> b = given.splits(DATA);
    assertEquals(a.size(), b.size());
    for (int s = 0; s < a.size(); s++) {
      assertArrayEquals(a.get(s).testRows(), b.get(s).testRows(), "split " + s);
    }
    double[] mean = RidgeCV.builder().resampling(seeded).build().crossValidate(DATA).cv()
        .orElseThrow().mean();
    RidgeCV.Validation v = RidgeCV.builder().resampling(given).build().crossValidate(DATA);
    assertArrayEquals(mean, v.cv().orElseThrow().mean());
    assertEquals("given", v.chosenModel().provenance().settings().get("fold_ids"));
    assertEquals("4 given folds", given.describe());
  }

  @Test
  void givenFolds_refusesIdsThatAreNotFolds_andAnotherCountOfRows() {
    assertEquals("foldIds", assertThrows(InputException.class,
        () -> Resampling.givenFolds(0, 1, 2)).setting().orElseThrow());
    assertEquals("foldIds", assertThrows(InputException.class,
        () -> Resampling.givenFolds(1, 1, 1)).setting().orElseThrow());
    InputException e = assertThrows(InputException.class,
        () -> Resampling.givenFolds(1, 2, 1, 2).splits(DATA));
    assertEquals("foldIds: 4 fold ids for 60 rows", e.getMessage());
  }
}
