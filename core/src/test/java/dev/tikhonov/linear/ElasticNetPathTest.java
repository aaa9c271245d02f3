package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimality and edge cases of the gaussian elastic-net path. */
class ElasticNetPathTest {
  private static final ReferenceData.Regression DATA = ReferenceData.gauss();

  @Test
  void fit_everyLambda_satisfiesKktConditions() {
    // The relative gap is first order in the lasso's KKT violation and second order in the
    // ridge part's, so the same gap leaves larger violations (relative to λ·max(α, 10⁻³)) as α
    // falls: measured 7e-11, 7e-6 and 5e-4 at a gap of 1e-13.
    double[] alphas = {1.0, 0.5, 0.0};
    double[] bounds = {1e-9, 1e-4, 1e-2};
    for (int a = 0; a < alphas.length; a++) {
      double alpha = alphas[a];
      for (boolean standardize : new boolean[] {false, true}) {
        PathSettings config =
            PathSettings.of(alpha).withStandardize(standardize).withTolerance(1e-13);
        PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
        assertTrue(path.allConverged(), "α " + alpha + " std " + standardize);
        for (int l = 0; l < path.size(); l++) {
          double violation = Optimality.kktViolation(DATA.x(), DATA.y(), path, l, config);
          assertTrue(violation < bounds[a],
              "α " + alpha + " std " + standardize + " λ index " + l + ": KKT " + violation);
        }
      }
    }
  }

  @Test
  void fit_everyLambda_isCertifiedToTheTolerance() {
    for (double alpha : new double[] {1.0, 0.5, 0.0}) {
      for (double tolerance : new double[] {1e-3, 1e-8, 1e-13}) {
        PathSettings config =
            PathSettings.of(alpha).withStandardize(false).withTolerance(tolerance);
        PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
        for (int l = 0; l < path.size(); l++) {
          double gap = path.certificate(l);
          assertTrue(path.converged(l) && gap > -1e-15 && gap <= tolerance,
              "α " + alpha + " tolerance " + tolerance + " λ index " + l + ": gap " + gap);
        }
      }
    }
  }

  @Test
  void certificate_isTheRelativeDualityGapComputedFromScratch() {
    // P(b) − D(s·r/n) / dev₀ on the original data, with the text-book formulas.
    for (double alpha : new double[] {1.0, 0.5}) {
      PathSettings config = PathSettings.of(alpha).withStandardize(false).withNumLambdas(30);
      PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
      int n = DATA.y().length;
      double yMean = java.util.Arrays.stream(DATA.y()).sum() / n;
      double dev0 = 0;
      for (double v : DATA.y()) {
        dev0 += (v - yMean) * (v - yMean) / n;
      }
      assertEquals(dev0, path.nullDeviance(), 1e-12);
      for (int l = 1; l < path.size(); l++) {
        double lambda = path.lambda(l);
        double[] b = path.coefficients(l)[0];
        double[] r = new double[n];
        double rss = 0;
        for (int i = 0; i < n; i++) {
          r[i] = DATA.y()[i] - path.linearPredictor(DATA.x()[i], l, 0);
          rss += r[i] * r[i] / n;
        }
        double scale = 1;
        double[] g = new double[b.length];
        for (int j = 0; j < b.length; j++) {
          for (int i = 0; i < n; i++) {
            g[j] += DATA.x()[i][j] * r[i] / n;
          }
          if (alpha == 1 && Math.abs(g[j]) > lambda) {
            scale = Math.min(scale, lambda / Math.abs(g[j]));
          }
        }
        double primal = 0.5 * rss + penalty(b, lambda, alpha);
        double uy = 0;
        for (int i = 0; i < n; i++) {
          uy += scale * r[i] / n * (DATA.y()[i] - yMean);
        }
        double dual = uy - 0.5 * scale * scale * rss;
        for (double gj : g) {
          double excess = Math.abs(scale * gj) - lambda * alpha;
          if (alpha < 1 && excess > 0) {
            dual -= excess * excess / (2 * lambda * (1 - alpha));
          }
        }
        assertEquals((primal - dual) / dev0, path.certificate(l), 1e-10,
            "α " + alpha + " λ index " + l);
      }
    }
  }

  private static double penalty(double[] b, double lambda, double alpha) {
    double s = 0;
    for (double v : b) {
      s += alpha * Math.abs(v) + (1 - alpha) / 2 * v * v;
    }
    return lambda * s;
  }

  /**
   * glmnet drops the λ its maxit interrupts and returns the fits before it: the path ends with
   * the λ it completed, every one of them converged, and says which λ it dropped. It used to
   * keep the interrupted fit as its last λ, marked not converged (and a CV could choose it).
   */
  @Test
  void fit_whenTheIterationBudgetRunsOut_dropsTheLambdaItInterruptedAndSaysSo() {
    PathSettings settings = PathSettings.lasso().withTolerance(1e-13).withMaxIterations(60);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), settings, DATA.names());
    assertEquals(PathSolution.Ending.ITERATION_LIMIT, path.end().reason());
    assertTrue(path.size() < 100 && path.size() >= 1, "ends early: " + path.size());
    for (int l = 0; l < path.size(); l++) {
      assertTrue(path.converged(l), "λ index " + l + ": the interrupted fit is not kept");
    }
    assertFalse(path.allConverged(), "the path did not reach its sequence's end");
    int passes = java.util.Arrays.stream(path.passes()).sum();
    assertTrue(passes < 60, "the passes of the λ kept: " + passes);
    String message = path.warning().orElseThrow();
    assertEquals(path.end().message(), message);
    int dropped = path.size() + 1;
    assertTrue(message.startsWith("the budget of 60 coordinate passes over the path ran out"
        + " while fitting λ #" + dropped + " of 100 (λ = "), message);
    assertTrue(message.contains("the path ends at λ #" + path.size() + ", the last fit it"
        + " completed"), message);
    assertTrue(message.contains("raise maxIterations (now 60) or tolerance"),
        message);
    assertFalse(message.contains("--"), "no CLI flags in core messages: " + message);
    // the λ dropped is the sequence's next: the same path with a larger budget reaches it
    PathSolution longer = ElasticNetPath.fit(DATA.x(), DATA.y(),
        settings.withMaxIterations(PathSettings.DEFAULT_MAX_ITERATIONS), DATA.names());
    assertEquals(longer.lambda(path.size()), path.end().shortfall().orElseThrow().lambda());
    for (int l = 0; l < path.size(); l++) {
      assertEquals(longer.lambda(l), path.lambda(l));
    }
  }

  /** A budget that runs out before the first λ's fit is complete leaves no path: glmnet's none. */
  @Test
  void fit_whenTheIterationBudgetRunsOutAtTheFirstLambda_isAnErrorAboutMaxIterations() {
    InputException e = assertThrows(InputException.class, () -> ElasticNetPath.fit(DATA.x(),
        DATA.y(), PathSettings.lasso().withLambdas(new double[] {1e-3}).withTolerance(1e-13)
            .withMaxIterations(1), DATA.names()));
    assertEquals(java.util.Optional.of("maxIterations"), e.setting());
    assertTrue(e.getMessage().startsWith("maxIterations: the budget of 1 coordinate passes over"
        + " the path ran out while fitting the first λ (0.00100000), so the path has no fit"),
        e.getMessage());
  }

  @Test
  void fit_whenToleranceIsBelowDoublePrecision_marksLambdasNotConvergedWithoutSpendingTheBudget() {
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(),
        PathSettings.lasso().withStandardize(false).withTolerance(1e-300).withNumLambdas(10),
        DATA.names());
    assertEquals(PathSolution.Ending.ALL_LAMBDAS, path.end().reason());
    assertEquals(10, path.size());
    assertFalse(path.allConverged());
    int passes = java.util.Arrays.stream(path.passes()).sum();
    assertTrue(passes < PathSettings.DEFAULT_MAX_ITERATIONS / 4, "passes " + passes);
    assertTrue(path.warning().orElseThrow().contains("not certified to the tolerance"));
    for (int l = 1; l < path.size(); l++) {
      // Still as good as double precision makes it.
      assertTrue(path.certificate(l) < 1e-13, "λ index " + l + ": " + path.certificate(l));
    }
  }

  @Test
  void dualityGap_atDefaultTolerance_boundsTheSuboptimality() {
    // Weak duality: P(b) − P(b*) ≤ gap, with b* glmnet's path polished to the exact optimum.
    double[][] ref = ReferenceData.rows("gauss-enet05-raw");
    PathSettings config = PathSettings.of(0.5).withStandardize(false)
        .withLambdas(ReferenceData.lambdas(ref));
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    double nullDeviance = objective(ref[0][1], new double[DATA.features()], 0, 0.5) * 2;
    for (int l = 0; l < path.size(); l++) {
      double[] exact = java.util.Arrays.copyOfRange(ref[l], 2, ref[l].length);
      double suboptimality =
          objective(path.intercept(l, 0), path.coefficients(l)[0], ref[l][0], 0.5)
          - objective(ref[l][1], exact, ref[l][0], 0.5);
      double gap = path.certificate(l) * nullDeviance;
      assertTrue(gap >= -1e-15, "λ index " + l + ": gap " + gap);
      assertTrue(suboptimality <= gap + 1e-13,
          "λ index " + l + ": suboptimality " + suboptimality + " > gap " + gap);
    }
  }

  /** DESIGN.md's objective on the gauss data, all penalty factors 1. */
  private static double objective(double a0, double[] b, double lambda, double alpha) {
    double rss = 0;
    for (int i = 0; i < DATA.x().length; i++) {
      double eta = a0;
      for (int j = 0; j < b.length; j++) {
        eta += DATA.x()[i][j] * b[j];
      }
      rss += (DATA.y()[i] - eta) * (DATA.y()[i] - eta);
    }
    double penalty = 0;
    for (double v : b) {
      penalty += alpha * Math.abs(v) + (1 - alpha) / 2 * v * v;
    }
    return rss / (2 * DATA.x().length) + lambda * penalty;
  }

  @Test
  void fit_naiveAndCovarianceUpdates_agree() {
    PathSettings config = PathSettings.of(0.7).withTolerance(1e-14);
    PathSolution covariance = forced(DATA.x(), DATA.y(), config, DATA.names(),
        ElasticNetPath.Updates.COVARIANCE);
    PathSolution naive = forced(DATA.x(), DATA.y(), config, DATA.names(),
        ElasticNetPath.Updates.NAIVE);
    assertEquals(covariance.size(), naive.size());
    for (int l = 0; l < naive.size(); l++) {
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(covariance.coefficient(l, 0, j), naive.coefficient(l, 0, j), 1e-8);
      }
    }
  }

  @Test
  void fit_lassoOnOrthonormalDesign_isSoftThresholding() {
    int n = 200;
    int p = 10;
    double[][] x = orthonormalColumns(n, p, new Rng(3));
    Rng rng = new Rng(4);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 2 + 1.5 * x[i][0] - 0.7 * x[i][1] + 0.3 * x[i][2] + 0.5 * rng.nextGaussian();
    }
    double[] lambdas = {0.5, 0.2, 0.05, 0.01};
    PathSettings config = PathSettings.lasso().withStandardize(false).withTolerance(1e-14)
        .withLambdas(lambdas);
    PathSolution path = ElasticNetPath.fit(x, y, config, names(p));
    for (int l = 0; l < lambdas.length; l++) {
      for (int j = 0; j < p; j++) {
        double z = 0;
        for (int i = 0; i < n; i++) {
          z += x[i][j] * y[i] / n;
        }
        double expected = Math.signum(z) * Math.max(Math.abs(z) - lambdas[l], 0);
        assertEquals(expected, path.coefficient(l, 0, j), 1e-10, "λ " + lambdas[l] + " j " + j);
      }
    }
  }

  @Test
  void fit_whenLambdaAtOrAboveMax_returnsZeros() {
    PathSolution full = ElasticNetPath.fit(DATA.x(), DATA.y(), PathSettings.of(0.5)
        .withStandardize(false), DATA.names());
    double lambdaMax = full.lambda(0);
    PathSettings config = PathSettings.of(0.5).withStandardize(false).withTolerance(1e-14)
        .withLambdas(new double[] {10 * lambdaMax, lambdaMax * (1 + 1e-9), lambdaMax * 0.99});
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    double yMean = 0;
    for (double v : DATA.y()) {
      yMean += v / DATA.y().length;
    }
    for (int l = 0; l < 2; l++) {
      assertEquals(0, path.degreesOfFreedom(l), "λ index " + l);
      assertEquals(yMean, path.intercept(l, 0), 1e-12);
    }
    assertTrue(path.degreesOfFreedom(2) > 0, "just below λ_max a feature enters");
    assertEquals(0, full.degreesOfFreedom(0));
  }

  @Test
  void fit_alphaZero_agreesWithClosedFormRidge() {
    double[] lambdas = {1.0, 0.1, 0.01, 0.001};
    PathSettings config = PathSettings.of(0.0).withStandardize(false).withTolerance(1e-14)
        .withLambdas(lambdas);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    RidgeSvdPath svd = RidgeSvdPath.fit(DATA.x(), DATA.y(), lambdas);
    for (int l = 0; l < lambdas.length; l++) {
      RidgeSolution cholesky = RidgeSolver.fit(DATA.x(), DATA.y(), lambdas[l]);
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(cholesky.coefficients()[j], path.coefficient(l, 0, j), 1e-8,
            "λ " + lambdas[l]);
        assertEquals(cholesky.coefficients()[j], svd.coefficients()[l][j], 1e-10,
            "λ " + lambdas[l]);
      }
      assertEquals(cholesky.intercept(), path.intercept(l, 0), 1e-8);
    }
  }

  @Test
  void fit_constantColumn_getsZeroAndLeavesOthersUnchanged() {
    double[][] x = withExtraColumn(DATA.x(), i -> 3.0);
    List<String> names = new ArrayList<>(DATA.names());
    names.add("constant");
    PathSettings config = PathSettings.of(0.5).withTolerance(1e-14);
    PathSolution with = ElasticNetPath.fit(x, DATA.y(), config, names);
    PathSolution without = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    assertEquals(without.size(), with.size());
    for (int l = 0; l < with.size(); l++) {
      assertEquals(0.0, with.coefficient(l, 0, DATA.features()));
      assertTrue(Double.isFinite(with.intercept(l, 0)));
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(without.coefficient(l, 0, j), with.coefficient(l, 0, j), 1e-12);
      }
    }
  }

  @Test
  void fit_duplicatedColumn_lassoSplitsTheSameTotal() {
    double[][] x = withExtraColumn(DATA.x(), i -> DATA.x()[i][0]);
    List<String> names = new ArrayList<>(DATA.names());
    names.add("x1-copy");
    PathSettings config = PathSettings.lasso().withStandardize(false).withTolerance(1e-14);
    PathSolution with = ElasticNetPath.fit(x, DATA.y(), config, names);
    PathSolution without = ElasticNetPath.fit(DATA.x(), DATA.y(),
        config.withLambdas(with.lambdas()), DATA.names());
    for (int l = 0; l < with.size(); l++) {
      double total = with.coefficient(l, 0, 0) + with.coefficient(l, 0, DATA.features());
      assertEquals(without.coefficient(l, 0, 0), total, 1e-6);
      for (int j = 1; j < DATA.features(); j++) {
        assertEquals(without.coefficient(l, 0, j), with.coefficient(l, 0, j), 1e-6);
      }
    }
  }

  @Test
  void fit_duplicatedColumn_elasticNetSplitsEqually() {
    double[][] x = withExtraColumn(DATA.x(), i -> DATA.x()[i][0]);
    List<String> names = new ArrayList<>(DATA.names());
    names.add("x1-copy");
    PathSettings config = PathSettings.of(0.5).withStandardize(false).withTolerance(1e-14);
    PathSolution path = ElasticNetPath.fit(x, DATA.y(), config, names);
    for (int l = 0; l < path.size(); l++) {
      assertEquals(path.coefficient(l, 0, 0), path.coefficient(l, 0, DATA.features()),
          1e-6);
      assertTrue(Optimality.kktViolation(x, DATA.y(), path, l, config) < 1e-5);
    }
  }

  @Test
  void fit_moreFeaturesThanRows_givesFiniteOptimalPath() {
    int n = 40;
    int p = 120;
    Rng rng = new Rng(11);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = 2 * x[i][0] - x[i][1] + 0.1 * rng.nextGaussian();
    }
    for (double alpha : new double[] {1.0, 0.3}) {
      PathSettings config = PathSettings.of(alpha).withTolerance(1e-12);
      PathSolution path = ElasticNetPath.fit(x, y, config, names(p));
      double ratio = path.lambda(path.size() - 1) / path.lambda(0);
      assertTrue(path.size() == 100 ? Math.abs(ratio - 1e-2) < 1e-12 : ratio > 1e-2,
          "p > n uses λ_min = 0.01 λ_max; ratio " + ratio);
      for (int l = 0; l < path.size(); l++) {
        assertTrue(Optimality.kktViolation(x, y, path, l, config) < 1e-5, "λ index " + l);
      }
    }
  }

  @Test
  void fit_manyFeatures_usesNaiveUpdatesAndStaysOptimal() {
    int n = 60;
    int p = 600;
    Rng rng = new Rng(5);
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = x[i][3] - x[i][7] + 0.5 * rng.nextGaussian();
    }
    PathSettings config = PathSettings.lasso().withNumLambdas(30).withTolerance(1e-12);
    PathSolution path = ElasticNetPath.fit(x, y, config, names(p));
    PathSolution covariance = forced(x, y, config, names(p), ElasticNetPath.Updates.COVARIANCE);
    assertEquals(covariance.size(), path.size());
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Optimality.kktViolation(x, y, path, l, config) < 1e-5, "λ index " + l);
      for (int j = 0; j < p; j++) {
        assertEquals(covariance.coefficient(l, 0, j), path.coefficient(l, 0, j), 1e-6);
      }
    }
  }

  @Test
  void fit_unpenalizedFeature_isInFromTheFirstLambda() {
    double[] factors = new double[DATA.features()];
    java.util.Arrays.fill(factors, 1.0);
    factors[9] = 0.0;
    PathSettings config = PathSettings.lasso().withStandardize(false).withTolerance(1e-14)
        .withPenaltyFactors(factors);
    PathSolution path = ElasticNetPath.fit(DATA.x(), DATA.y(), config, DATA.names());
    assertNotEquals(0.0, path.coefficient(0, 0, 9));
    assertEquals(1, path.degreesOfFreedom(0));
    for (int l = 0; l < path.size(); l++) {
      assertTrue(Optimality.kktViolation(DATA.x(), DATA.y(), path, l, config) < 1e-7);
    }
  }

  /**
   * λ #1 of a default sequence is λ_max: the unpenalized features alone, every penalized
   * coefficient exactly 0, as glmnet fits it (λ = ∞). On diabetes with age, sex and bmi
   * unpenalized, at a tight tolerance, the tightening of λ #1 let s5 in with 1.3e-7.
   */
  @Test
  void fit_firstLambdaWithUnpenalizedFeatures_keepsThePenalizedAtZero_evenTightened() {
    dev.tikhonov.data.Dataset d = dev.tikhonov.data.Dataset.read(
        java.nio.file.Path.of("..", "data", "diabetes.csv"), "progression",
        dev.tikhonov.data.TargetKind.REAL);
    PathSettings config = PathSettings.lasso().withTolerance(1e-10)
        .withPenaltyFactors(0, 0, 0, 1, 1, 1, 1, 1, 1, 1);
    PathSolution path = ElasticNetPath.fit(d.featureRows(), d.targets(), config,
        d.featureNames());
    for (int j = 3; j < 10; j++) {
      assertEquals(0.0, path.coefficient(0, 0, j), d.featureNames().get(j));
    }
    assertEquals(3, path.degreesOfFreedom(0));
    assertTrue(path.converged(0), "λ #1 certified: " + path.certificate(0));
  }

  @Test
  void fit_constantTarget_isAClearError() {
    double[] y = new double[DATA.y().length];
    java.util.Arrays.fill(y, 4.0);
    InputException e = assertThrows(InputException.class,
        () -> ElasticNetPath.fit(DATA.x(), y, PathSettings.lasso(), DATA.names()));
    assertTrue(e.getMessage().contains("constant"), e.getMessage());
  }

  @Test
  void fit_defaultSequenceWithoutUsableFeature_asksForASequence() {
    double[][] x = new double[DATA.x().length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {2.0, -1.0};
    }
    InputException e = assertThrows(InputException.class,
        () -> ElasticNetPath.fit(x, DATA.y(), PathSettings.lasso(), List.of("a", "b")));
    assertTrue(e.getMessage().startsWith("lambdas must be given") && e.getMessage().contains(
        "λ_max, which is 0"), e.getMessage());
    PathSolution path = ElasticNetPath.fit(x, DATA.y(), PathSettings.lasso().withLambdas(0.1),
        List.of("a", "b"));
    assertEquals(0, path.degreesOfFreedom(0));
  }

  @Test
  void fit_badData_namesTheRowAndColumnOneBased() {
    double[][] x = DATA.x().clone();
    x[6] = x[6].clone();
    x[6][2] = Double.POSITIVE_INFINITY;
    InputException e = assertThrows(InputException.class,
        () -> ElasticNetPath.fit(x, DATA.y(), PathSettings.lasso(), DATA.names()));
    assertEquals("row 7, column 3: value Infinity is not finite", e.getMessage());
    double[] y = DATA.y().clone();
    y[0] = Double.NaN;
    e = assertThrows(InputException.class,
        () -> ElasticNetPath.fit(DATA.x(), y, PathSettings.lasso(), DATA.names()));
    assertEquals("target of row 1 is not finite: NaN", e.getMessage());
    double[][] ragged = DATA.x().clone();
    ragged[3] = new double[] {1, 2};
    e = assertThrows(InputException.class,
        () -> ElasticNetPath.fit(ragged, DATA.y(), PathSettings.lasso(), DATA.names()));
    assertEquals("row 4 has 2 features, expected " + DATA.features(), e.getMessage());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(DATA.x(),
        java.util.Arrays.copyOf(DATA.y(), 5), PathSettings.lasso(), DATA.names()));
    assertTrue(e.getMessage().contains("feature rows but 5 targets"), e.getMessage());
    e = assertThrows(InputException.class, () -> ElasticNetPath.fit(DATA.x(), DATA.y(),
        PathSettings.lasso().withPenaltyFactors(1, 2), DATA.names()));
    assertEquals("penaltyFactors: 2 values for " + DATA.features() + " features",
        e.getMessage());
  }

  @Test
  void fit_rowSubset_equalsTheFitOnThoseRowsAlone() {
    int[] rows = java.util.stream.IntStream.range(0, DATA.y().length).filter(i -> i % 3 != 0)
        .toArray();
    double[][] x = new double[rows.length][];
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = DATA.x()[rows[i]];
      y[i] = DATA.y()[rows[i]];
    }
    PathSettings settings = PathSettings.of(0.5).withNumLambdas(20);
    PathSolution subset = ElasticNetPath.fit(Family.GAUSSIAN, DATA.x(), DATA.y(), rows,
        settings, DATA.names(), List.of());
    PathSolution alone = ElasticNetPath.fit(x, y, settings, DATA.names());
    assertEquals(alone.size(), subset.size());
    for (int l = 0; l < alone.size(); l++) {
      assertEquals(alone.lambda(l), subset.lambda(l), 0.0);
      for (int j = 0; j < DATA.features(); j++) {
        assertEquals(alone.coefficient(l, 0, j), subset.coefficient(l, 0, j), 0.0);
      }
    }
  }

  /** The gaussian path with the gradient updates forced to one strategy. */
  static PathSolution forced(double[][] x, double[] y, PathSettings settings, List<String> names,
      ElasticNetPath.Updates updates) {
    return ElasticNetPath.fit(Family.GAUSSIAN, x, y, StandardizedDesign.allRows(x.length),
        settings, names, List.of(), updates);
  }

  static List<String> names(int p) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    return names;
  }

  private static double[][] withExtraColumn(
      double[][] x, java.util.function.IntToDoubleFunction column) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = java.util.Arrays.copyOf(x[i], x[i].length + 1);
      out[i][x[i].length] = column.applyAsDouble(i);
    }
    return out;
  }

  /** Centered columns with (1/n)XᵀX = I, by Gram–Schmidt on Gaussian columns. */
  private static double[][] orthonormalColumns(int n, int p, Rng rng) {
    double[][] q = new double[p][n];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        q[j][i] = rng.nextGaussian();
        mean += q[j][i] / n;
      }
      for (int i = 0; i < n; i++) {
        q[j][i] -= mean;
      }
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[j][i] * q[k][i];
        }
        for (int i = 0; i < n; i++) {
          q[j][i] -= dot * q[k][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[j][i] /= norm;
      }
    }
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = q[j][i] * Math.sqrt(n);
      }
    }
    return x;
  }
}
