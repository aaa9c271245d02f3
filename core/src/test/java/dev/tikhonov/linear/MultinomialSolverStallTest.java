package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * multinom46: MultinomialSolver.solve ends a solve whose rounds stop lowering the objective
 * (STALLED_ROUNDS rounds in a row), so that a cycling solve leaves the λ to the path's
 * certificate instead of spending the path's budget of passes. Only rounds whose Newton steps
 * promise a decrease above the objective's rounding count: near the solution at a tight
 * tolerance the steps still shrink the certificate while the objective no longer moves in its
 * last digit, and a rule that counted those rounds stopped data/wine.csv's λ #5 at tolerance
 * 1e-14 with a certificate of 5.6e-13 (not converged), where every λ is certified.
 */
class MultinomialSolverStallTest {

  @Test
  void tightTolerance_roundsBelowTheObjectivesRounding_areNoStall() {
    Dataset data = CsvReader.read(Path.of("..", "data", "wine.csv"), "cultivar",
        TargetKind.CLASS);
    PathSolution path = ElasticNetPath.fit(Family.MULTINOMIAL, data.featureRows(),
        data.targets(), PathSettings.lasso().withNumLambdas(5).withTolerance(1e-14),
        data.featureNames(), data.classNames());
    assertEquals(PathSolution.Ending.ALL_LAMBDAS, path.end().reason(), path.end().message());
    for (int l = 0; l < 5; l++) {
      assertTrue(path.converged(l) && path.certificate(l) <= 1e-14,
          "λ #" + (l + 1) + " certificate " + path.certificate(l));
    }
  }
}
