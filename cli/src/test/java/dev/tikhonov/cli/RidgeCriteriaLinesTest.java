package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines beside ridge's and path's tables: EBIC left out at α = 0 (its log C(P, df) falls
 * to 0 as df nears P and picked the smallest λ given, df 15.0 where BIC picked 12.4), a
 * warning when AIC's or BIC's λ is an end of --lambdas, no criteria line for a single λ, and
 * every λ named as its table row prints it (they printed %.6g: 1.00000 for the row's 1).
 */
class RidgeCriteriaLinesTest {
  private static final String DATA = Path.of("..", "data", "diabetes.csv").toString();
  @TempDir Path dir;

  @Test
  void ridge_leavesEbicOut_withWhy() {
    InProcess r = InProcess.run("ridge", "--data", DATA, "--target", "progression",
        "--criterion", "loo", "--no-standardize", "--lambdas", "1,0.1,0.01,0.001,1e-4,1e-5",
        "--out", dir.resolve("r").toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("EBIC(gamma="), r.out());
    assertTrue(r.out().contains("; EBIC not for alpha = 0 (every lambda keeps all P"
        + " coefficients; its log C(P, df) falls to 0 as df nears P and favours the smallest"
        + " lambda); variance: "), r.out());
  }

  @Test
  void ridge_criteriaAtAnEndOfTheLambdas_warn_withTheRowsDigits() {
    InProcess r = InProcess.run("ridge", "--data", DATA, "--target", "progression",
        "--lambdas", "100,10,1", "--out", dir.resolve("r").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: warning: the chosen λ 1 is the smallest of"
        + " --lambdas: gcv may fall further below it; add smaller values to --lambdas"),
        r.err());
    assertTrue(r.err().contains("tikhonov: warning: the λ of AIC and BIC 1 is the smallest of"
        + " --lambdas: AIC and BIC may fall further below it; add smaller values to --lambdas"),
        r.err());
  }

  @Test
  void ridge_savedLine_namesLambdaAsItsRow() {
    Path model = dir.resolve("m.model");
    InProcess r = InProcess.run("ridge", "--data", DATA, "--target", "progression",
        "--lambdas", "100,10,1,0.1,0.01,0.001", "--save", model.toString(), "--out",
        dir.resolve("r").toString());
    assertEquals(0, r.exit(), r.err());
    Matcher chosen = Pattern.compile("\nGCV chooses lambda = (\\S+) ").matcher(r.out());
    assertTrue(chosen.find(), r.out());
    assertTrue(r.out().contains("saved the fit at λ = " + chosen.group(1) + " to " + model),
        r.out());
  }

  /** As ridge's: path said nothing when AIC's or BIC's λ was an end of --lambdas. */
  @Test
  void path_criteriaAtAnEndOfTheLambdas_warnInRidgesWords() {
    InProcess small = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", "10,5,2", "--out", dir.resolve("small").toString());
    assertEquals(0, small.exit(), small.err());
    assertTrue(small.err().contains("tikhonov: warning: the λ of AIC and BIC 2 is the smallest"
        + " of --lambdas: AIC and BIC may fall further below it; add smaller values to"
        + " --lambdas"), small.err());
    // at λ = 1 the lasso keeps 7 coefficients: a larger λ may do better
    InProcess large = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", "1,0.5,0.1,0.01,0.001", "--out", dir.resolve("large").toString());
    assertEquals(0, large.exit(), large.err());
    assertTrue(large.err().contains("tikhonov: warning: the λ of AIC and BIC 1 is the largest"
        + " of --lambdas: AIC and BIC may fall further above it; add larger values to"
        + " --lambdas"), large.err());
    InProcess none = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", "20,10,5,2,1,0.5,0.1", "--out", dir.resolve("none").toString());
    assertEquals(0, none.exit(), none.err());
    assertFalse(none.err().contains("of --lambdas"), none.err());
  }

  @Test
  void path_ofOneLambda_printsNoCriteriaLine() {
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", "0.5", "--out", dir.resolve("p").toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("AIC picks"), r.out());
    InProcess two = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", "0.5,0.1", "--out", dir.resolve("q").toString());
    assertTrue(two.out().contains("AIC picks lambda = "), two.out());
  }

  @Test
  void relaxedPath_savedLine_namesLambdaAndGammaAsTheTableDoes() {
    Path model = dir.resolve("r.model");
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression", "--relax",
        "--gammas", "0,0.5,1", "--cv-folds", "3", "--seed", "1", "--nlambda", "8", "--save",
        model.toString(), "--out", dir.resolve("relaxed").toString());
    assertEquals(0, r.exit(), r.err());
    Matcher min = Pattern.compile("\nlambda_min = (\\S+), gamma_min = (\\S+) ").matcher(r.out());
    assertTrue(min.find(), r.out());
    assertTrue(r.out().contains("saved the relaxed fit at λ = " + min.group(1) + ", γ = "
        + min.group(2) + " to " + model), r.out());
  }
}
