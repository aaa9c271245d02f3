package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.Family;
import dev.tikhonov.linear.ProximalNewtonRefData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ElasticNet.poisson() and ElasticNetCV.poisson() on glmnet's reference data (ref/make_glm.R):
 * the path is glmnet's, a model predicts the mean exp(η), and CV picks cv.glmnet's λ.
 */
class PoissonEstimatorsTest {
  @TempDir Path dir;

  static final Dataset DATA = load();

  static Dataset load() {
    ProximalNewtonRefData.Table t = ProximalNewtonRefData.read("pois.csv");
    int n = t.rows().length;
    double[][] x = new double[n][8];
    double[] y = new double[n];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 8; j++) {
      names.add("x" + (j + 1));
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(t.rows()[i], 0, x[i], 0, 8);
      y[i] = t.rows()[i][8];
    }
    return Dataset.of(x, y, names);
  }

  @Test
  void path_isGlmnetsPoissonPath() {
    RegularizationPath<LinearModel> path = ElasticNet.poisson().standardize(false)
        .tolerance(1e-12).build().path(DATA);
    ProximalNewtonRefData.Table ref = ProximalNewtonRefData.read("pois-lasso-raw.csv");
    assertEquals(ref.rows().length, path.size());
    for (int l = 0; l < path.size(); l++) {
      double scale = 0;
      for (int c = 1; c < ref.rows()[l].length; c++) {
        scale = Math.max(scale, Math.abs(ref.rows()[l][c]));
      }
      assertEquals(ref.rows()[l][1], path.intercepts()[l][0], 1e-5 * scale);
      for (int j = 0; j < 8; j++) {
        assertEquals(ref.rows()[l][2 + j], path.coefficients()[l][0][j], 1e-5 * scale,
            "λ index " + l + ", b" + (j + 1));
      }
    }
  }

  @Test
  void model_predictsTheMean_andEvaluatesThePoissonLoss() {
    LinearModel m = ElasticNet.poisson().l1Ratio(0.5).lambda(0.02).tolerance(1e-12).build()
        .fit(DATA);
    assertEquals(Family.POISSON, m.family());
    double[][] x = DATA.featureRows();
    double[] eta = m.linearPredictor(x);
    double[] mu = m.predict(x);
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double e = m.intercept();
      for (int j = 0; j < 8; j++) {
        e += m.coefficients()[j] * x[i][j];
      }
      assertEquals(e, eta[i], 1e-12);
      assertEquals(Math.exp(e), mu[i], 1e-12 * mu[i]);
      loss += (mu[i] - DATA.targets()[i] * e) / x.length;
    }
    assertEquals(loss, m.evaluate(DATA).loss(), 1e-12);
    Path file = dir.resolve("pois.model");
    m.save(file);
    Predictor back = Predictor.load(file);
    assertTrue(back instanceof LinearModel);
    assertArrayEquals(mu, back.predict(x));
  }

  @Test
  void crossValidation_picksCvGlmnetsLambdaMin() {
    int[] folds = new int[DATA.size()];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = i % 5 + 1;
    }
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.poisson().standardize(false)
        .tolerance(1e-13).foldIds(folds).build().crossValidate(DATA);
    double[] select = ProximalNewtonRefData.read("pois-cv-select.csv").rows()[0];
    assertEquals(select[0], cv.lambdaMin(), 1e-12 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-12 * select[1]);
    assertEquals(Family.POISSON, cv.atLambdaMin().family());
  }

  @Test
  void classLabels_orNegativeCounts_areClearErrors() {
    Dataset classes = Dataset.ofClasses(new double[][] {{1}, {2}, {3}}, new int[] {0, 1, 0});
    InputException e = assertThrows(InputException.class,
        () -> ElasticNet.poisson().build().path(classes));
    assertTrue(e.getMessage().contains("poisson family needs counts"), e.getMessage());
    Dataset negative = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {1, -2, 0});
    e = assertThrows(InputException.class, () -> ElasticNet.poisson().build().path(negative));
    assertEquals("row 2: count -2.0 is not a finite number ≥ 0 (the poisson family models"
        + " counts)", e.getMessage());
  }
}
