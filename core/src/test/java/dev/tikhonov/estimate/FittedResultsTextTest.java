package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.train.TrainingListener;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The fitted results a user prints besides the cross-validations (whose text
 * {@link CrossValidationResultsTextTest} checks) say what they hold: {@code ElasticNet…path(data)}
 * printed "dev.tikhonov.estimate.RegularizationPath@14fc1f0", and so did a relaxed path, a
 * network path's fit, a sparse matrix and fit options.
 */
class FittedResultsTextTest {
  static final Dataset DATA = Synthetic.regression().rows(120).features(6).informative(3).noise(1.0)
      .seed(4).build().data();

  static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  static void assertReadable(String text) {
    assertFalse(text.contains("@"), text);
  }

  @Test
  void regularizationPath_toString_isItsSolutionsSummary() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().build().path(DATA);
    String text = path.toString();
    assertReadable(text);
    assertTrue(text.startsWith("RegularizationPath[gaussian, α = 1, " + path.size() + " λ from "
        + g(path.lambdas()[0]) + " to " + g(path.lambdas()[path.size() - 1]) + ", 6 features"),
        text);
    String solution = path.solution().toString();
    assertEquals(solution.substring(solution.indexOf('[')),
        text.substring(text.indexOf('[')), "the solution's words");
  }

  @Test
  void relaxedPath_toString_namesTheLassoAndItsRefits() {
    RelaxedPath<LinearModel> path = RelaxedLasso.gaussian().build().path(DATA);
    int refits = 0;
    for (boolean r : path.refitted()) {
      refits += r ? 1 : 0;
    }
    String text = path.toString();
    assertReadable(text);
    assertTrue(text.startsWith("RelaxedPath[gaussian, α = 1, " + path.size() + " λ from "),
        text);
    assertTrue(text.contains("; " + refits + " of " + path.size() + " λ refitted"), text);
    assertTrue(refits > 0 && refits <= path.size(), text);
  }

  @Test
  void mlpPathFit_toString_namesItsGridAndStart() {
    MlpPath.Fit<NetworkRegressor> fit = MlpPath.builder(MlpRegressor.builder().hiddenLayers(4)
        .epochs(2).standardize(true).seed(0).build()).lambdas(0.1, 1e-3).warmEpochs(1).build()
        .fit(DATA);
    String text = fit.toString();
    assertReadable(text);
    assertTrue(text.startsWith("MlpPath.Fit[2 λ from 0.1000 to 0.001000, warm start, "), text);
    assertTrue(text.endsWith(" s]"), text);
  }

  @Test
  void sparseMatrix_toString_givesItsShapeAndFill() {
    SparseMatrix x = SparseMatrix.rowsBuilder(3).addRow(new int[] {1}, new double[] {2})
        .addRow(new int[] {0, 2}, new double[] {1, 3}).build();
    assertEquals("SparseMatrix[2 × 3, 3 entries stored (50.00 %)]", x.toString());
    assertEquals("SparseMatrix[0 × 3, 0 entries stored]",
        SparseMatrix.rowsBuilder(3).build().toString());
  }

  /** A model's provenance printed "seed=OptionalLong.empty, dataFingerprint=Optional[…]". */
  @Test
  void provenance_toString_saysWhatIsKnown_withoutOptionalWrappers() {
    Provenance fitted = Ridge.builder().lambda(1).build().fit(DATA).provenance();
    assertEquals("Provenance[Ridge{lambda=1.0, l1_ratio=0.0, standardize=false, intercept=true}"
        + " on "
        + DATA.source() + " (120 rows, fingerprint " + DATA.fingerprint().substring(0, 12)
        + "…), no seed, tikhonov " + fitted.libraryVersion() + ", fitted "
        + fitted.fittedAt().orElseThrow() + "]", fitted.toString());
    Provenance bare = new Provenance("Mine", java.util.Map.of(), java.util.OptionalLong.of(7),
        "here", java.util.Optional.empty(), java.util.OptionalInt.empty(), "1.0",
        java.util.Optional.empty());
    assertEquals("Provenance[Mine{} on here, seed 7, tikhonov 1.0]", bare.toString());
  }

  @Test
  void fitOptions_toString_namesWhatIsGiven() {
    assertEquals("FitOptions[none]", FitOptions.none().toString());
    String text = FitOptions.none().withValidation(DATA).withListener(TrainingListener.none())
        .withInitialWeights(List.of()).toString();
    assertEquals("FitOptions[validation " + DATA + ", a listener]", text);
  }
}
