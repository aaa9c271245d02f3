package dev.tikhonov.estimate;

import static dev.tikhonov.estimate.RealDataGlmnetTest.ref;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.estimate.RealDataGlmnetTest.Table;
import dev.tikhonov.select.CvMeasure;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RocCurve}: by hand on a small case with ties, against glmnet 4.1-6's roc.glmnet on
 * cv.glmnet's out-of-fold predictions (ref/make_out_of_fold.R), and its trapezoid area against
 * the AUC {@link Evaluation#auc()} reports.
 */
class RocCurveTest {

  /**
   * Scores 0.9 (second), 0.8 (second), 0.8 (first), 0.1 (first): thresholds ∞, 0.9, 0.8, 0.1;
   * at 0.8 one of two first-class rows and both second-class rows are called second, in one
   * straight step. Of the 4 (second, first) pairs 3 are ranked right and one tied (½): 3.5 / 4.
   */
  @Test
  void smallCaseWithATie_byHand() {
    RocCurve roc = RocCurve.of(new double[] {0.8, 0.1, 0.9, 0.8},
        new boolean[] {true, false, true, false});
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.9, 0.8, 0.1}, roc.thresholds());
    assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.falsePositiveRate(), 0.0);
    assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.truePositiveRate(), 0.0);
    assertEquals(3.5 / 4, roc.area(), 1e-15);
    assertEquals(4, roc.size());
  }

  @Test
  void area_isTheAuc_withManyTies_weightedOrNot() {
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      int n = 5 + random.nextInt(300);
      double[] score = new double[n];
      boolean[] second = new boolean[n];
      double[] weight = new double[n];
      for (int i = 0; i < n; i++) {
        score[i] = random.nextInt(1 + trial); // trial 0: every score tied
        second[i] = random.nextBoolean();
        weight[i] = random.nextInt(4);
      }
      second[0] = true;
      second[1] = false;
      weight[0] = 1;
      weight[1] = 1;
      double[] ones = new double[n];
      Arrays.fill(ones, 1);
      assertEquals(CvMeasure.areaUnderCurve(score, second, ones),
          RocCurve.of(score, second).area(), 1e-14, "trial " + trial);
      assertEquals(CvMeasure.areaUnderCurve(score, second, weight),
          RocCurve.of(score, second, weight).area(), 1e-14, "weighted trial " + trial);
      var e = Evaluation.ofTwoClasses(0, 0, 0, score, second);
      assertEquals(e.auc().getAsDouble(), e.roc().orElseThrow().area(), 1e-14);
    }
  }

  /**
   * roc.glmnet on fit.preval columns: the same points after (0, 0), computed from the same
   * 12-digit values glmnet's file holds (FPR and TPR are counts over class sizes, so equal to
   * the last bit).
   */
  @Test
  void breastCancerOutOfFold_isRocGlmnets() {
    Dataset data = CvMeasureGlmnetTest.breastCancer();
    boolean[] malignant = new boolean[data.numRows()];
    for (int i = 0; i < malignant.length; i++) {
      malignant[i] = data.classNames().get((int) data.targets()[i]).equals("malignant");
    }
    Table preval = ref("breast_cancer-out-of-fold-exact.csv.gz");
    Table roc = ref("breast_cancer-roc.csv");
    double[] column = roc.column(0);
    int compared = 0;
    for (int c : Arrays.stream(column).mapToInt(v -> (int) v).distinct().toArray()) {
      RocCurve ours = RocCurve.of(preval.column(1 + c), malignant);
      int[] rows = java.util.stream.IntStream.range(0, column.length)
          .filter(r -> column[r] == c).toArray();
      assertEquals(rows.length + 1, ours.size(), "column s" + c + ": points");
      assertEquals(Double.POSITIVE_INFINITY, ours.thresholds()[0]);
      assertEquals(0, ours.falsePositiveRate()[0]);
      for (int j = 0; j < rows.length; j++) {
        assertEquals(roc.rows()[rows[j]][1], ours.falsePositiveRate()[j + 1], 0.0,
            "s" + c + " FPR " + j);
        assertEquals(roc.rows()[rows[j]][2], ours.truePositiveRate()[j + 1], 0.0,
            "s" + c + " TPR " + j);
      }
      compared++;
    }
    assertEquals(4, compared);
  }

  @Test
  void oneClassOrNaN_refused_andEvaluationHasNoCurve() {
    assertThrows(IllegalArgumentException.class,
        () -> RocCurve.of(new double[] {1, 2}, new boolean[] {true, true}));
    assertThrows(IllegalArgumentException.class,
        () -> RocCurve.of(new double[] {1, Double.NaN}, new boolean[] {true, false}));
    var e = Evaluation.ofTwoClasses(0, 1, 0, new double[] {1, 2},
        new boolean[] {false, false});
    assertTrue(e.auc().isEmpty());
    assertTrue(e.roc().isEmpty());
  }
}
