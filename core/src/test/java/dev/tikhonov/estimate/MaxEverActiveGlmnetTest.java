package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.AdaptivePenalty;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * glmnet's {@code pmax} ({@code maxEverActive}) against glmnet 4.1-6 (ref/make_pmax.R, thresh
 * 1e-14). glmnet counts a feature from the first coordinate update that makes it nonzero (its
 * {@code nin}), and ends the path before the λ whose fit exceeds the limit. For each case the
 * reference holds, for every limit k from 0 to p, how many λ glmnet returns: that sweep is
 * glmnet's whole count along the path, so matching it for every k shows that our solvers count
 * the same features at the same λ, transient ones included (diabetes, limit 7: the path ends
 * after λ #29 though the returned fits reach 8 features only at #43).
 */
class MaxEverActiveGlmnetTest {

  private static double[][] ref(String name) {
    try (InputStream in = MaxEverActiveGlmnetTest.class.getResourceAsStream("/ref/pmax/"
        + name)) {
      assertTrue(in != null, "missing test resource ref/pmax/" + name);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine();
      List<double[]> rows = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
          row[c] = Double.parseDouble(cells[c]);
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * For every limit k of CASE-lengths.csv: glmnet's number of λ, ended at the limit, wherever
   * the limit shortened glmnet's path (fewer λ than without a limit, the last row); the
   * refusal where glmnet returns an empty model; elsewhere no end at the limit before glmnet's
   * end. Returns the mismatches, one line each.
   */
  private static List<String> lengthMismatches(String name,
      IntFunction<RegularizationPath<?>> fit) {
    double[][] ref = ref(name + "-lengths.csv");
    int unlimited = (int) ref[ref.length - 1][1];
    List<String> wrong = new ArrayList<>();
    for (double[] row : ref) {
      int k = (int) row[0];
      int expected = (int) row[1];
      if (row[2] == 1) {
        try {
          RegularizationPath<?> path = fit.apply(k);
          wrong.add(name + " k=" + k + ": glmnet returns an empty model, we fitted "
              + path.size() + " λ");
        } catch (InputException e) {
          if (!e.setting().orElse("").equals("maxEverActive")) {
            wrong.add(name + " k=" + k + ": refused naming " + e.setting() + ": "
                + e.getMessage());
          }
        }
        continue;
      }
      RegularizationPath<?> path = fit.apply(k);
      PathSolution.Ending end = path.solution().end().reason();
      if (expected == unlimited) {
        // the limit did not cut glmnet's path: ours must not end at it before glmnet's end
        // (how long the path is otherwise is the other tests' business)
        if (end == PathSolution.Ending.EVER_ACTIVE_LIMIT && path.size() < expected) {
          wrong.add(name + " k=" + k + ": glmnet " + expected + " λ, we ended at the limit"
              + " after " + path.size());
        }
        continue;
      }
      if (path.size() != expected) {
        wrong.add(name + " k=" + k + ": glmnet " + expected + " λ, we " + path.size() + " ("
            + path.solution().end().message() + ")");
      } else if (end != PathSolution.Ending.EVER_ACTIVE_LIMIT) {
        wrong.add(name + " k=" + k + ": ended by " + end);
      }
    }
    return wrong;
  }

  private static Dataset diabetes() {
    return RealDataGlmnetTest.diabetes();
  }

  private static Dataset breastCancer() {
    return CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"), "diagnosis",
        TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
  }

  private static Dataset wine() {
    return Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
  }

  private static double[] userLambdas() {
    double[][] ref = ref("user-lambdas.csv");
    double[] lambdas = new double[ref.length];
    for (int l = 0; l < ref.length; l++) {
      lambdas[l] = ref[l][0];
    }
    return lambdas;
  }

  /** glmnet's number of λ for every limit: the gaussian lasso, user λ, unpenalized, ridge. */
  @Test
  void everyLimit_gaussian_endsWhereGlmnetsPmaxEndsIt() {
    Dataset d = diabetes();
    List<String> wrong = new ArrayList<>();
    // glmnet's covariance and naive updates give the same counts (make_pmax.R writes both)
    wrong.addAll(lengthMismatches("diabetes-lasso", k -> ElasticNet.gaussian().maxEverActive(k)
        .tolerance(1e-10).build().path(d)));
    wrong.addAll(lengthMismatches("diabetes-naive", k -> ElasticNet.gaussian().maxEverActive(k)
        .tolerance(1e-10).build().path(d)));
    // the same rows as a sparse matrix: the design-based route (SparseDesign) instead of the
    // sufficient statistics, the same solver and so the same count
    Dataset sparse = Dataset.sparse(dev.tikhonov.data.SparseMatrix.fromDense(d.featureRows(),
        d.numFeatures()), d.targets(), d.featureNames(), List.of(), "diabetes (sparse)");
    wrong.addAll(lengthMismatches("diabetes-lasso", k -> ElasticNet.gaussian().maxEverActive(k)
        .tolerance(1e-10).build().path(sparse)));
    // a sequence of your own is cut too, unlike with dfmax
    wrong.addAll(lengthMismatches("diabetes-user", k -> ElasticNet.gaussian().maxEverActive(k)
        .lambdas(userLambdas()).tolerance(1e-10).build().path(d)));
    // three unpenalized features are active from λ #1: a limit below 3 is glmnet's empty model
    wrong.addAll(lengthMismatches("diabetes-unpenalized", k -> ElasticNet.gaussian()
        .maxEverActive(k).penaltyFactors(0, 0, 0, 1, 1, 1, 1, 1, 1, 1).tolerance(1e-10).build()
        .path(d)));
    // ridge: every feature is in from λ #1, so any limit below p is an empty model
    wrong.addAll(lengthMismatches("diabetes-ridge", k -> ElasticNet.gaussian().l1Ratio(0)
        .maxEverActive(k).tolerance(1e-10).build().path(d)));
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /**
   * Binomial (where glmnet's count is 6 at λ #2 though two features are in the model there:
   * its first Newton steps let four more in and out again, and so do ours) and Poisson with an
   * offset: glmnet's number of λ for every limit.
   */
  @Test
  void everyLimit_binomialAndPoisson_endsWhereGlmnetsPmaxEndsIt() {
    Dataset b = breastCancer();
    List<String> wrong = new ArrayList<>(lengthMismatches("breast_cancer", k ->
        ElasticNet.binomial().maxEverActive(k).tolerance(1e-10).build().path(b)));
    Dataset g = RealDataGlmnetTest.cgd();
    wrong.addAll(lengthMismatches("cgd", k -> ElasticNet.poisson().maxEverActive(k)
        .offsetColumn("log_followup_years").tolerance(1e-10).build().path(g)));
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /**
   * Multinomial, ungrouped: glmnet's number of λ for every limit. Grouped: the same except at
   * the limit 5, where glmnet ends after λ #8 and we after #9. glmnet's grouped solver bounds
   * the Hessian by one scalar (a majorization, many small steps) and lets a sixth feature into
   * its active set and out again at λ #9 (df 5 there in its path, 6 from #10); our exact block
   * Newton steps (GroupedMultinomialSolver) do not, so our count reaches 6 at #10 with the
   * feature that enters glmnet's model there.
   */
  @Test
  void everyLimit_multinomial_endsWhereGlmnetsPmaxEndsIt_exceptGroupedAtFive() {
    Dataset w = wine();
    List<String> wrong = new ArrayList<>(lengthMismatches("wine", k -> ElasticNet.multinomial()
        .maxEverActive(k).tolerance(1e-10).build().path(w)));
    List<String> grouped = lengthMismatches("wine-grouped", k -> ElasticNet.multinomial()
        .multinomialPenalty(MultinomialPenalty.GROUPED).maxEverActive(k).tolerance(1e-10)
        .build().path(w));
    assertEquals(1, grouped.size(), String.join("\n", grouped));
    assertTrue(grouped.get(0).startsWith("wine-grouped k=5: glmnet 8 λ, we 9 "), grouped.get(0));
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  /** lambda, df, dev_ratio, a0 and the coefficients of glmnet's path at one limit. */
  private static void assertSamePath(String name, RegularizationPath<?> path,
      double coefficientTolerance) {
    double[][] ref = ref(name + ".csv");
    assertEquals(ref.length, path.size(), name + ": " + path.solution().end().message());
    double largest = 0;
    for (double[] row : ref) {
      for (int c = 3; c < row.length; c++) {
        largest = Math.max(largest, Math.abs(row[c]));
      }
    }
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][0], path.lambdas()[l], 1e-10 * ref[l][0], name + ": λ #" + (l + 1));
      assertEquals((int) ref[l][1], path.degreesOfFreedom()[l], name + ": df #" + (l + 1));
      assertEquals(ref[l][2], path.devianceRatio()[l], 1e-7, name + ": dev_ratio #" + (l + 1));
      double[] ours = RealDataGlmnetTest.row(path, l);
      for (int c = 3; c < ref[l].length; c++) {
        assertEquals(ref[l][c], ours[c - 3], coefficientTolerance * largest,
            name + ": λ #" + (l + 1) + ", column " + (c - 3));
      }
    }
    assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, path.solution().end().reason(), name);
  }

  /**
   * The λ, df, deviance ratios and coefficients of glmnet's paths at one limit, coefficients
   * within a few times the distance measured between our tolerance-1e-10 fits and glmnet's
   * thresh-1e-14 ones, relative to the largest: 3.5e-8 (diabetes), 1.0e-6 (breast cancer),
   * 1.3e-7 (cgd).
   */
  @Test
  void pathsAtALimit_haveGlmnetsLambdasAndCoefficients() {
    Dataset d = diabetes();
    for (int k : new int[] {2, 4, 7}) {
      assertSamePath("diabetes-lasso-" + k, ElasticNet.gaussian().maxEverActive(k)
          .tolerance(1e-10).build().path(d), 1e-7);
    }
    assertSamePath("diabetes-user-7", ElasticNet.gaussian().maxEverActive(7)
        .lambdas(userLambdas()).tolerance(1e-10).build().path(d), 1e-7);
    assertSamePath("breast_cancer-8", ElasticNet.binomial().maxEverActive(8).tolerance(1e-10)
        .build().path(breastCancer()), 5e-6);
    assertSamePath("cgd-5", ElasticNet.poisson().maxEverActive(5)
        .offsetColumn("log_followup_years").tolerance(1e-10).build()
        .path(RealDataGlmnetTest.cgd()), 5e-7);
    assertEquals("the limit of 7 features ever active along the path (glmnet's pmax) ended it"
        + " after 29 of 100 λ: the fit at λ #30 brought 8 features into the active set",
        ElasticNet.gaussian().maxEverActive(7).build().path(d).solution().end().message());
  }

  /** cv.glmnet passes pmax to its folds, which fit their own default sequences with it. */
  @Test
  void crossValidation_foldsFitWithTheLimit_asCvGlmnet() {
    Dataset d = diabetes();
    CrossValidatedPath<LinearModel> fit = ElasticNetCV.gaussian().maxEverActive(7)
        .tolerance(1e-10).foldIds(RealDataGlmnetTest.folds("diabetes", d.numRows())).build()
        .crossValidate(d);
    double[][] cv = ref("cv-diabetes-lasso-7.csv");
    assertEquals(cv.length, fit.path().size());
    for (int l = 0; l < cv.length; l++) {
      assertEquals(cv[l][0], fit.path().lambdas()[l], 1e-10 * cv[l][0], "λ #" + (l + 1));
      assertEquals(cv[l][1], fit.mean()[l], 1e-7 * cv[l][1], "CV mean at λ #" + (l + 1));
      assertEquals(cv[l][2], fit.standardError()[l], 1e-6 * cv[l][2], "CV SE at λ #" + (l + 1));
    }
    double[] select = ref("cv-diabetes-lasso-7-select.csv")[0];
    assertEquals(select[0], fit.lambdaMin(), 1e-10 * select[0], "λ_min");
    assertEquals(select[1], fit.lambda1se(), 1e-10 * select[1], "λ_1se");
  }

  /**
   * With a λ sequence of your own cv.glmnet's folds fit it with pmax too, each cut where its
   * own count exceeds the limit.
   */
  @Test
  void crossValidation_ownLambdas_foldsCutByTheLimit_asCvGlmnet() {
    Dataset d = diabetes();
    CrossValidatedPath<LinearModel> fit = ElasticNetCV.gaussian().maxEverActive(7)
        .lambdas(userLambdas()).tolerance(1e-10)
        .foldIds(RealDataGlmnetTest.folds("diabetes", d.numRows())).build().crossValidate(d);
    double[][] cv = ref("cv-diabetes-user-7.csv");
    assertEquals(cv.length, fit.path().size());
    for (int l = 0; l < cv.length; l++) {
      assertEquals(cv[l][0], fit.path().lambdas()[l], 1e-10 * cv[l][0], "λ #" + (l + 1));
      assertEquals(cv[l][1], fit.mean()[l], 1e-7 * cv[l][1], "CV mean at λ #" + (l + 1));
      assertEquals(cv[l][2], fit.standardError()[l], 1e-6 * cv[l][2], "CV SE at λ #" + (l + 1));
    }
  }

  /**
   * The limit is the adaptive lasso's, not its pilots': a ridge pilot has every feature active
   * at its first λ and was refused by any limit below p (the least-squares pilot, every
   * feature active at λ = 0, too).
   */
  @Test
  void adaptiveLasso_limitsItsPath_notItsPilot() {
    Dataset d = diabetes();
    for (AdaptivePenalty.Pilot pilot : AdaptivePenalty.Pilot.values()) {
      RegularizationPath<LinearModel> path = ElasticNet.gaussian().adaptive(pilot, 1.0)
          .maxEverActive(4).build().path(d);
      assertEquals(PathSolution.Ending.EVER_ACTIVE_LIMIT, path.solution().end().reason(),
          pilot + ": " + path.solution().end().message());
      for (int df : path.degreesOfFreedom()) {
        assertTrue(df <= 4, pilot + ": df " + df);
      }
    }
  }

  @Test
  void aNegativeLimit_isRefusedNamingTheSetting() {
    InputException e = assertThrows(InputException.class,
        () -> PathSettings.builder().maxEverActive(-1).build());
    assertEquals("maxEverActive must be at least 0, got -1", e.getMessage());
    assertEquals("maxEverActive", e.setting().orElseThrow());
    PathSettings limited = PathSettings.lasso().withMaxEverActive(3);
    assertEquals(3, limited.maxEverActive().getAsInt());
    assertTrue(!limited.equals(PathSettings.lasso()), "the limit is part of the settings");
    assertTrue(!limited.equals(PathSettings.lasso().withMaxFeatures(3)), "not dfmax");
    assertEquals(PathSettings.lasso(), limited.toBuilder().unlimitedEverActive().build());
    assertEquals(limited.hashCode(), PathSettings.lasso().withMaxEverActive(3).hashCode());
  }

  /** glmnet returns an empty model ("probably a convergence issue"); we say why instead. */
  @Test
  void aLimitTheFirstLambdaExceeds_isRefusedSayingWhy() {
    InputException e = assertThrows(InputException.class, () -> ElasticNet.gaussian()
        .maxEverActive(1).lambdas(5, 2, 1).build().path(diabetes()));
    assertEquals("maxEverActive", e.setting().orElseThrow());
    assertTrue(e.getMessage().startsWith("maxEverActive: the fit at the first λ (5.00000) already"
        + " has "), e.getMessage());
    assertTrue(e.getMessage().endsWith(", more than the limit of 1, so no λ would be left"
        + " (glmnet returns an empty model); raise the limit or start the λ sequence higher"),
        e.getMessage());
    InputException ridge = assertThrows(InputException.class, () -> ElasticNet.gaussian()
        .l1Ratio(0).maxEverActive(9).build().path(diabetes()));
    assertTrue(ridge.getMessage().contains("already has 10 features active, more than the"
        + " limit of 9") && ridge.getMessage().endsWith("every feature enters at a ridge path's"
        + " first λ: raise the limit to the number of features"), ridge.getMessage());
  }
}
