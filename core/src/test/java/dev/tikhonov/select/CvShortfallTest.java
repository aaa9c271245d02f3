package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.Shortfall;
import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cross-validation says which folds fell short and why, as numbers ({@link CvShortfall}):
 * each fold's own path and, under an adaptive penalty, each fold's own pilot, whose shortfalls
 * were dropped before (only the all-rows pilot's was reported).
 */
class CvShortfallTest {
  private static final List<String> NAMES = AdaptivePenaltyTest.NAMES;
  private static final Shortfall.Remedy ECHO = s -> "remedy(" + s.kind() + ", "
      + s.maxIterations() + ")";
  /** A budget of passes too small for a tolerance this tight. */
  private static final PathSettings SHORT = PathSettings.lasso().withTolerance(1e-13)
      .withMaxIterations(37);

  @Test
  void foldsOutOfTheirBudget_areNamedWithTheirOwnPathsShortfalls() {
    AdaptivePenaltyTest.Data d = AdaptivePenaltyTest.zou(3, 200);
    KFold folds = KFold.random(200, 5, 1);
    CvResult cv = CrossValidation.path(Family.GAUSSIAN, d.x(), d.y(), SHORT, NAMES, List.of(),
        folds, 1).cv();
    CvShortfall s = cv.shortfall().orElseThrow();
    assertEquals(5, s.numFolds());
    // each fold's path fitted on its own says the same
    List<Integer> expected = new ArrayList<>();
    for (int f = 1; f <= 5; f++) {
      if (ElasticNetPath.fit(Family.GAUSSIAN, d.x(), d.y(), folds.trainRows(f), SHORT, NAMES,
          List.of()).shortfall().isPresent()) {
        expected.add(f);
      }
    }
    assertFalse(expected.isEmpty(), "the budget is too small for some fold");
    assertEquals(expected, s.pathFolds());
    assertEquals(List.of(), s.pilotFolds());
    for (CvShortfall.FoldShortfall fold : s.folds()) {
      assertEquals(Shortfall.Kind.PASS_BUDGET, fold.path().orElseThrow().kind());
      assertEquals(37, fold.path().orElseThrow().maxIterations());
    }
    // the library's sentence, and the same with another remedy
    assertEquals(s.pathMessage(), cv.warning());
    String own = s.pathMessage(ECHO).orElseThrow();
    assertTrue(own.startsWith("cross-validation fold " + expected.get(0) + " of 5"), own);
    assertTrue(own.endsWith(": remedy(PASS_BUDGET, 37)"), own);
    assertTrue(cv.warning().orElseThrow().endsWith("raise maxIterations (now 37) or tolerance"),
        cv.warning().orElseThrow());
    assertEquals(java.util.Optional.empty(), cv.adaptivePilotWarning());
  }

  @Test
  void adaptiveFoldsWhosePilotsFellShort_areNamedWithThePilotsShortfalls() {
    AdaptivePenaltyTest.Data d = AdaptivePenaltyTest.zou(3, 200);
    KFold folds = KFold.random(200, 5, 1);
    AdaptivePenalty.Settings ridge = AdaptivePenalty.Settings.defaults();
    AdaptivePenalty.Fit fit = AdaptivePenalty.crossValidate(Family.GAUSSIAN, d.x(), d.y(), SHORT,
        ridge, NAMES, List.of(), folds, 1);
    CvShortfall s = fit.cv().orElseThrow().shortfall().orElseThrow();
    // each fold's own pilot, computed on its training rows, says the same
    List<Integer> expected = new ArrayList<>();
    for (int f = 1; f <= 5; f++) {
      if (AdaptivePenalty.factors(Family.GAUSSIAN, d.x(), d.y(), folds.trainRows(f), SHORT,
          ridge, NAMES, List.of(), 1).pilotShortfall().isPresent()) {
        expected.add(f);
      }
    }
    assertFalse(expected.isEmpty(), "the budget is too small for some fold's pilot");
    assertEquals(expected, s.pilotFolds());
    PilotShortfall first = s.folds().stream().filter(f -> f.pilot().isPresent()).findFirst()
        .orElseThrow().pilot().orElseThrow();
    assertEquals(AdaptivePenalty.Pilot.RIDGE, first.pilot());
    String pilots = fit.cv().orElseThrow().adaptivePilotWarning().orElseThrow();
    assertTrue(pilots.startsWith("cross-validation fold " + expected.get(0) + " of 5"), pilots);
    assertTrue(pilots.contains("the adaptive lasso's ridge pilot"), pilots);
    assertTrue(pilots.contains("raise maxIterations (now 37) or tolerance"), pilots);
    String own = s.pilotMessage(ECHO).orElseThrow();
    assertTrue(own.contains("remedy(PASS_BUDGET, 37)") && !own.contains("maxIterations"), own);
    // the all-rows pilot's own shortfall is the factors', as before
    assertEquals(fit.factors().pilotShortfall().map(PilotShortfall::message),
        fit.factors().pilotWarning());
  }

  /**
   * A fold the budget cut short ends at its fit before the λ it interrupted (as glmnet drops
   * that λ), and the warning names that fit, its last.
   */
  @Test
  void pathMessage_namesTheFitThatStandsIn() {
    Shortfall budget = Shortfall.passBudget(6, 0.01, 8, 2e-7, 1e-12, 300, 0.5);
    CvShortfall cut = CvShortfall.of(List.of(java.util.Optional.empty(),
        java.util.Optional.of(budget)), List.of(java.util.Optional.empty(),
        java.util.Optional.empty())).orElseThrow();
    assertEquals("cross-validation fold 2 of 2 did not converge; its held-out losses at the λ"
        + " below its path's end are those of its last fit (λ #5 of its path): "
        + budget.message(), cut.pathMessage().orElseThrow());
    Shortfall nan = Shortfall.notFinite(6, 0.01, 8, Double.NaN, 1e-12, 300, Double.NaN);
    CvShortfall ended = CvShortfall.of(List.of(java.util.Optional.of(nan)),
        List.of(java.util.Optional.empty())).orElseThrow();
    assertEquals("cross-validation fold 1 of 1 did not converge; its held-out losses at the λ"
        + " below its path's end are those of its last fit (λ #5 of its path): "
        + nan.message(),
        ended.pathMessage().orElseThrow());
  }
}
