package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.linear.ProximalNewtonRefData;
import dev.tikhonov.loss.Family;
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

  /**
   * Every fitted linear model's toString names its family and its nonzero count: a gaussian one
   * printed its count but no family, a classifier its family but no count.
   */
  @Test
  void toString_namesTheFamilyAndTheNonzeros_forEveryFamily() {
    LinearModel counts = ElasticNet.poisson().lambda(0.05).build().fit(DATA);
    assertEquals("ElasticNet[poisson, λ=0.05, α=1, " + counts.nonzeroCoefficients() + " of "
        + counts.featureNames().size() + " coefficients nonzero]", counts.toString());
    LinearModel linear = Ridge.builder().lambda(0.05).build().fit(DATA);
    assertEquals("Ridge[gaussian, λ=0.05, α=0, " + linear.featureNames().size() + " of "
        + linear.featureNames().size() + " coefficients nonzero]", linear.toString());
    Dataset twoClasses = dev.tikhonov.data.Synthetic.classification().rows(80).features(5)
        .informative(2).classes(2).seed(3).build();
    LinearClassifier binomial = ElasticNet.binomial().lambda(0.05).build().fit(twoClasses);
    assertEquals("ElasticNet[binomial, λ=0.05, α=1, " + binomial.nonzeroCoefficients()
        + " of 5 coefficients nonzero, 2 classes]",
        binomial.toString());
    LinearClassifier multinomial = ElasticNet.multinomial().lambda(0.05).build()
        .fit(dev.tikhonov.data.Synthetic.classification().rows(90).features(5).informative(2)
            .classes(3).seed(3).build());
    assertEquals("ElasticNet[multinomial, λ=0.05, α=1, " + multinomial.nonzeroCoefficients()
        + " of 5 features with a nonzero coefficient, 3 classes]", multinomial.toString());
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

  /**
   * A row whose mean μ = e^η underflows to 0 (η ≈ −800): its loss μ − y·log μ is taken as
   * μ − y·η, finite (y·|η| for y &gt; 0, 0 for y = 0), not ∞ (y·log 0) or NaN (0·log 0).
   */
  @Test
  void evaluate_rowWhoseMeanUnderflows_costsYTimesMinusEta() {
    LinearModel m = ElasticNet.poisson().lambda(0.02).build().fit(DATA);
    double[] b = m.coefficients();
    int j = 0;
    for (int c = 1; c < b.length; c++) {
      j = Math.abs(b[c]) > Math.abs(b[j]) ? c : j;
    }
    double[] row = new double[b.length];
    row[j] = (-800 - m.intercept()) / b[j];
    double eta = m.linearPredictor(new double[][] {row})[0];
    assertEquals(0.0, m.predict(new double[][] {row})[0], "μ underflows");
    for (double y : new double[] {0, 3}) {
      Dataset one = Dataset.of(new double[][] {row}, new double[] {y}, DATA.featureNames());
      assertEquals(-y * eta, m.evaluate(one).loss(), 1e-12 * Math.abs(eta), "y = " + y);
    }
  }

  @Test
  void crossValidation_picksCvGlmnetsLambdaMin() {
    int[] folds = new int[DATA.numRows()];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = i % 5 + 1;
    }
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.poisson().standardize(false)
        .tolerance(1e-13).foldIds(folds).build().crossValidate(DATA);
    double[] select = ProximalNewtonRefData.read("pois-cv-select.csv").rows()[0];
    assertEquals(select[0], cv.lambdaMin(), 1e-12 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-12 * select[1]);
    assertEquals(Family.POISSON, cv.atMinimum().family());
  }

  /** pois.csv with every column as a feature: x1..x8, w, off (and the counts as target). */
  static Dataset withColumns() {
    ProximalNewtonRefData.Table t = ProximalNewtonRefData.read("pois.csv");
    int n = t.rows().length;
    double[][] x = new double[n][10];
    double[] y = new double[n];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 8; j++) {
      names.add("x" + (j + 1));
    }
    names.add("w");
    names.add("off");
    for (int i = 0; i < n; i++) {
      System.arraycopy(t.rows()[i], 0, x[i], 0, 8);
      y[i] = t.rows()[i][8];
      x[i][8] = t.rows()[i][9];
      x[i][9] = t.rows()[i][10];
    }
    return Dataset.of(x, y, names);
  }

  @Test
  void weightAndOffsetColumns_giveGlmnetsPath_andTheModelAsksForTheOffset() {
    Dataset data = withColumns();
    RegularizationPath<LinearModel> path = ElasticNet.poisson().weightColumn("w")
        .offsetColumn("off").tolerance(1e-12).build().path(data);
    ProximalNewtonRefData.Table ref =
        ProximalNewtonRefData.read("pois-lasso-std-weights-offset.csv");
    assertEquals(ref.rows().length, path.size());
    assertEquals(DATA.featureNames(), path.atIndex(0).featureNames(), "w and off are not features");
    for (int l = 0; l < path.size(); l++) {
      double scale = 0;
      for (int c = 1; c < ref.rows()[l].length; c++) {
        scale = Math.max(scale, Math.abs(ref.rows()[l][c]));
      }
      for (int j = 0; j < 8; j++) {
        assertEquals(ref.rows()[l][2 + j], path.coefficients()[l][0][j], 1e-5 * scale);
      }
    }
    LinearModel m = path.atIndex(path.size() - 1);
    assertEquals(java.util.Optional.of("off"), m.offsetColumn());
    double[][] x = DATA.featureRows();
    double[] off = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      off[i] = data.featureRows()[i][9];
    }
    double[] fromData = m.predict(data);
    double[] fromRows = m.predict(x, off);
    double[] eta = m.linearPredictor(x, off);
    for (int i = 0; i < x.length; i++) {
      assertEquals(Math.exp(eta[i]), fromRows[i], 1e-12 * fromRows[i]);
      assertEquals(fromRows[i], fromData[i], 1e-12 * fromRows[i]);
    }
    InputException e = assertThrows(InputException.class, () -> m.predict(x));
    assertTrue(e.getMessage().contains("offset column \"off\""), e.getMessage());
    e = assertThrows(InputException.class, () -> m.predict(DATA));
    assertTrue(e.getMessage().contains("\"off\""), e.getMessage());
    // an offset that is not finite: in the model's offset column, which the exception names
    off[4] = Double.NaN;
    dev.tikhonov.data.RowException nan = assertThrows(dev.tikhonov.data.RowException.class,
        () -> m.predict(x, off));
    assertEquals(5, nan.row());
    assertEquals(java.util.Optional.of("off"), nan.column());
    assertEquals(false, nan.inTarget());
    assertEquals("input row 5, column \"off\": offset NaN is not finite", nan.getMessage());
    Path file = dir.resolve("offset.model");
    m.save(file);
    LinearModel back = (LinearModel) Predictor.load(file);
    assertEquals(java.util.Optional.of("off"), back.offsetColumn());
    assertArrayEquals(fromData, back.predict(data));
  }

  /**
   * A model fitted without an offset column refuses offsets (it added them to η, predictions
   * of a model it never was; glmnet's predict drops such a newoffset silently), for the linear
   * predictor, the mean and a classifier's probabilities alike.
   */
  @Test
  void offsets_givenToAModelFittedWithoutAnOffsetColumn_areRefused() {
    LinearModel m = ElasticNet.poisson().lambda(0.01).build().fit(DATA);
    double[][] x = DATA.featureRows();
    double[] off = new double[x.length];
    String expected = "the model was fitted without an offset column, so its predictions take no"
        + " offsets; predict the rows alone (an offset needs a model fitted with offsetColumn)";
    assertEquals(expected, assertThrows(InputException.class, () -> m.predict(x, off))
        .getMessage());
    assertEquals(expected, assertThrows(InputException.class, () -> m.linearPredictor(x, off))
        .getMessage());
    double[] labels = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      labels[i] = DATA.target(i) > 0 ? 1 : 0;
    }
    LinearClassifier c = ElasticNet.binomial().lambda(0.01).build().fit(Dataset.ofClasses(x,
        java.util.Arrays.stream(labels).mapToInt(v -> (int) v).toArray()));
    assertEquals(expected, assertThrows(InputException.class, () -> c.predictProba(x, off))
        .getMessage());
    assertEquals(expected, assertThrows(InputException.class, () -> c.linearPredictor(x, off))
        .getMessage());
    assertEquals(x.length, m.predict(x).length);
  }

  @Test
  void badWeightAndOffsetColumns_areNamed() {
    Dataset data = withColumns();
    InputException e = assertThrows(InputException.class,
        () -> ElasticNet.poisson().weightColumn("weight").build().path(data));
    assertTrue(e.getMessage().startsWith("weightColumn \"weight\": "), e.getMessage());
    double[][] x = data.featureRows();
    x[3][8] = -2;
    Dataset negative = Dataset.of(x, data.targets(), data.featureNames());
    e = assertThrows(InputException.class,
        () -> ElasticNet.poisson().weightColumn("w").build().path(negative));
    assertEquals("weights: row 4: weight -2.0; weights must be finite and ≥ 0",
        e.getMessage());
  }

  /**
   * ElasticNetCV with weight and offset columns: cv.glmnet's curve and choices
   * (ref/pois-cv-weights-offset*.csv, fold ids (i − 1) mod 5 + 1), and the chosen model asks
   * for the offset column.
   */
  @Test
  void crossValidation_withWeightAndOffsetColumns_matchesCvGlmnet() {
    Dataset data = withColumns();
    int[] ids = new int[data.numRows()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i % 5 + 1;
    }
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.poisson().weightColumn("w")
        .offsetColumn("off").foldIds(ids).tolerance(1e-13).threads(2).build()
        .crossValidate(data);
    double[] select = ProximalNewtonRefData.read("pois-cv-weights-offset-select.csv")
        .rows()[0];
    assertEquals(select[0], cv.lambdaMin(), 1e-10 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-10 * select[1]);
    double[][] ref = ProximalNewtonRefData.read("pois-cv-weights-offset.csv").rows();
    for (int l = 0; l < ref.length; l++) {
      assertEquals(ref[l][1], cv.mean()[l], 1e-6 * ref[l][1], "λ index " + l);
    }
    assertEquals(java.util.Optional.of("off"), cv.atMinimum().offsetColumn());
    assertEquals(DATA.featureNames(), cv.atMinimum().featureNames());
  }

  @Test
  void classLabels_orNegativeCounts_areClearErrors() {
    Dataset classes = Dataset.ofClasses(new double[][] {{1}, {2}, {3}}, new int[] {0, 1, 0});
    InputException e = assertThrows(InputException.class,
        () -> ElasticNet.poisson().build().path(classes));
    assertTrue(e.getMessage().contains("poisson family needs counts"), e.getMessage());
    Dataset negative = Dataset.of(new double[][] {{1}, {2}, {3}}, new double[] {1, -2, 0});
    e = assertThrows(InputException.class, () -> ElasticNet.poisson().build().path(negative));
    assertEquals("input row 2: count -2.0 is not a finite number ≥ 0 (the poisson family models"
        + " counts)", e.getMessage());
  }

  /** evaluate refuses a negative count as the path does (it used to return a loss). */
  @Test
  void evaluate_negativeCount_isRefusedAsThePathRefusesIt() {
    LinearModel m = ElasticNet.poisson().lambda(0.02).build().fit(DATA);
    double[] y = DATA.targets().clone();
    y[2] = -3.5;
    Dataset negative = Dataset.of(DATA.featureRows(), y, DATA.featureNames());
    dev.tikhonov.data.RowException e = assertThrows(dev.tikhonov.data.RowException.class,
        () -> m.evaluate(negative));
    assertEquals(3, e.row());
    // in the target, whose column a Dataset does not name: a caller that read the rows names it
    assertTrue(e.inTarget());
    assertEquals(java.util.Optional.empty(), e.column());
    assertEquals("input row 3: count -3.5 is not a finite number ≥ 0 (the poisson family "
        + "models counts)", e.getMessage());
  }
}
