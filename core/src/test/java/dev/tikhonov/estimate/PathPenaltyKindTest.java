package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path knows which multinomial penalty it minimized ({@link PathSolution#multinomialPenalty}),
 * so every model built from it reports that penalty: a grouped solution handed to
 * {@link RegularizationPath#ofClassification} (as a path fitted elsewhere is) gives models whose
 * {@code evaluate().penalty()} is glmnet's grouped penalty (ref/make_grouped_penalty.R), that
 * save and load as grouped, and path.json says which penalty the path minimized.
 */
class PathPenaltyKindTest {
  private static final double[] LAMBDAS = {0.1, 0.03, 0.01, 0.003};

  @TempDir Path dir;

  private static Dataset wine() {
    return Dataset.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS);
  }

  private static RegularizationPath<LinearClassifier> fitted(MultinomialPenalty grouping,
      double l1Ratio) {
    return ElasticNet.multinomial().multinomialPenalty(grouping).l1Ratio(l1Ratio)
        .lambdas(LAMBDAS).tolerance(1e-10).maxIterations(10_000_000).build().path(wine());
  }

  /** The estimator's path's solution, penalty factors and scales, through ofClassification. */
  private static RegularizationPath<LinearClassifier> rewrapped(
      RegularizationPath<LinearClassifier> path) {
    LinearParameters p = path.atIndex(0).parameters();
    return RegularizationPath.ofClassification(path.solution(), p.penaltyFactors(),
        p.penaltyScales(), path.provenance());
  }

  /**
   * glmnet 4.1-6's grouped penalty on wine at four λ and α ∈ {1, 0.5} (the reference
   * GroupedPenaltyTest checks the estimators' models against), within 10⁻⁵ (relative), for the
   * models of the solution handed to ofClassification; and bit for bit the estimator's own
   * models' penalty. Red before the solution carried its kind: ofClassification's models
   * summed the ungrouped penalty (0.5057 for glmnet's 0.3273 at λ = 0.1, α = 1).
   */
  @Test
  void ofClassification_groupedSolution_reportsTheGroupedPenalty() throws IOException {
    Dataset data = wine();
    List<String> lines = Files.readAllLines(
        Path.of("src", "test", "resources", "ref", "grouped", "wine-penalty.csv"));
    for (double l1Ratio : new double[] {1, 0.5}) {
      RegularizationPath<LinearClassifier> path = fitted(MultinomialPenalty.GROUPED, l1Ratio);
      RegularizationPath<LinearClassifier> wrapped = rewrapped(path);
      for (int l = 0; l < LAMBDAS.length; l++) {
        String at = "λ = " + LAMBDAS[l] + ", α = " + l1Ratio;
        LinearClassifier model = wrapped.atIndex(l);
        double penalty = model.evaluate(data).penalty();
        double reference = reference(lines, LAMBDAS[l], l1Ratio);
        assertEquals(reference, penalty, 1e-5 * reference, "glmnet's penalty at " + at);
        assertEquals(path.atIndex(l).evaluate(data).penalty(), penalty, "the estimator's at "
            + at);
        assertEquals(MultinomialPenalty.GROUPED, model.multinomialPenalty(), at);
      }
    }
  }

  /** An ungrouped solution's models keep the per-coefficient penalty (glmnet's "ungrouped"). */
  @Test
  void ofClassification_ungroupedSolution_reportsTheUngroupedPenalty() {
    Dataset data = wine();
    RegularizationPath<LinearClassifier> path = fitted(MultinomialPenalty.UNGROUPED, 1);
    RegularizationPath<LinearClassifier> wrapped = rewrapped(path);
    for (int l = 0; l < LAMBDAS.length; l++) {
      assertEquals(path.atIndex(l).evaluate(data).penalty(),
          wrapped.atIndex(l).evaluate(data).penalty());
      assertEquals(MultinomialPenalty.UNGROUPED, wrapped.atIndex(l).multinomialPenalty());
    }
  }

  /**
   * A model of a grouped solution handed to ofClassification, saved and loaded, is still
   * grouped with the same penalty; so is one between two λ of the path (atLambda interpolates a
   * new solution). Red before: saved as ungrouped.
   */
  @Test
  void save_modelOfGroupedSolution_loadsGrouped() {
    Dataset data = wine();
    RegularizationPath<LinearClassifier> wrapped =
        rewrapped(fitted(MultinomialPenalty.GROUPED, 1));
    for (LinearClassifier model : List.of(wrapped.atIndex(2), wrapped.atLambda(0.02))) {
      Path file = dir.resolve("grouped-" + model.lambda() + ".model");
      model.save(file);
      LinearClassifier loaded = (LinearClassifier) Predictor.load(file);
      assertEquals(MultinomialPenalty.GROUPED, loaded.multinomialPenalty());
      assertEquals(model.evaluate(data).penalty(), loaded.evaluate(data).penalty());
    }
  }

  /**
   * path.json (as every writer of a path makes it: the CLI's path, the Spark PathJob, the
   * experiments) says how a multinomial path penalized its classes; a binomial path has no such
   * key. Red before: only the CLI's path command added it, from its flag.
   */
  @Test
  void pathJson_saysWhichPenaltyThePathMinimized() {
    assertEquals("grouped", PathFiles.json(fitted(MultinomialPenalty.GROUPED, 1).solution())
        .get("multinomial_penalty"));
    assertEquals("ungrouped", PathFiles.json(fitted(MultinomialPenalty.UNGROUPED, 1)
        .solution()).get("multinomial_penalty"));
    Map<String, Object> binomial = PathFiles.json(ElasticNet.binomial().lambdas(0.1).build()
        .path(dev.tikhonov.data.Synthetic.classification().rows(60)
            .features(3).informative(2).classes(2).seed(1).build()).solution());
    assertFalse(binomial.containsKey("multinomial_penalty"));
  }

  private static double reference(List<String> lines, double lambda, double l1Ratio) {
    for (String line : lines.subList(1, lines.size())) {
      String[] r = line.split(",");
      if (Math.abs(Double.parseDouble(r[0]) - lambda) < 1e-12
          && Double.parseDouble(r[1]) == l1Ratio) {
        return Double.parseDouble(r[3]);
      }
    }
    throw new AssertionError("no reference row for λ = " + lambda + ", α = " + l1Ratio);
  }
}
