package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.tensor.Blas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network searches with a weight column ({@link NetworkBuilder#weightColumn}): {@link MlpGrid}
 * through {@link GridSearchCV}, {@link MlpPath} and {@link MlpPathCV}. Each split's held-out
 * score is the weighted evaluation of the model fitted on its training rows, the splits weigh
 * by their held-out Σ wᵢ (cv.glmnet's {@code cvcompute}), the default λ grid's λ_max is that
 * of the rows repeated, and weights all equal search as no weights, bit for bit.
 */
class NetworkSearchWeightsTest {
  private static final int N = 60;
  private static final List<String> NAMES = List.of("x0", "x1", "x2");
  private static final List<String> WEIGHTED = List.of("x0", "w", "x1", "x2");

  private static double[][] x() {
    double[][] x = new double[N][3];
    for (int i = 0; i < N; i++) {
      x[i][0] = Math.sin(i * 0.7);
      x[i][1] = 3 + 2 * Math.cos(i * 1.3);
      x[i][2] = ((i * 37) % 11) / 11.0 - 0.5;
    }
    return x;
  }

  private static double[] y() {
    return NetworkWeightsTest.target(x());
  }

  private static int[] labels() {
    return NetworkWeightsTest.classes(y());
  }

  /** Counts 0..3: weight k is the row taken k times. */
  private static double[] counts() {
    double[] w = new double[N];
    for (int i = 0; i < N; i++) {
      w[i] = (i * 7 + 1) % 4;
    }
    return w;
  }

  private static double[][] withWeights(double[] w) {
    double[][] x = x();
    double[][] out = new double[N][];
    for (int i = 0; i < N; i++) {
      out[i] = new double[] {x[i][0], w[i], x[i][1], x[i][2]};
    }
    return out;
  }

  private static Dataset regression(double[] w) {
    return Dataset.of(withWeights(w), y(), WEIGHTED);
  }

  private static Dataset classes(double[] w) {
    return Dataset.ofClasses(withWeights(w), labels(), List.of("a", "b", "c"), WEIGHTED);
  }

  private static MlpRegressor.Builder regressor() {
    return MlpRegressor.builder().hiddenLayers(5).optimizer(Optimizers.adam(0.01)).batchSize(8)
        .epochs(6).seed(4).standardize(true).standardizeTarget(true).threads(1);
  }

  private static MlpClassifier.Builder classifier() {
    return MlpClassifier.builder().hiddenLayers(5).optimizer(Optimizers.adam(0.01)).batchSize(8)
        .epochs(6).seed(4).standardize(true).threads(1);
  }

  private static double sum(double[] w, int[] rows) {
    return Arrays.stream(rows).mapToDouble(i -> w[i]).sum();
  }

  /** Σ_k h_k e_k / Σ_k h_k. */
  private static double weightedMean(double[] e, double[] h) {
    double total = Arrays.stream(h).sum();
    double mean = 0;
    for (int s = 0; s < e.length; s++) {
      mean += h[s] * e[s] / total;
    }
    return mean;
  }

  @Test
  void weightedGrid_scoresEachSplitByTheWeightedEvaluationOfItsModel() {
    Dataset data = regression(counts());
    MlpGrid<NetworkRegressor> grid = MlpGrid.builder(regressor().weightColumn("w").build())
        .lambdas(0.1, 0.001).dropouts(0, 0.2).build();
    Resampling folds = Resampling.kFold(3, 2);
    GridSearchCV.Result<NetworkRegressor> result = GridSearchCV.builder(grid).resampling(folds)
        .measure(CvMeasure.MEAN_SQUARED_ERROR).threads(2).build().crossValidate(data);
    List<Resampling.Split> splits = folds.splits(data);
    double[] w = data.column("w");
    for (int c = 0; c < grid.size(); c++) {
      double[] e = new double[splits.size()];
      double[] heldOut = new double[splits.size()];
      for (int s = 0; s < splits.size(); s++) {
        Resampling.Split split = splits.get(s);
        NetworkRegressor m = grid.candidates().get(c).estimator()
            .fit(data.subset(split.trainRows()));
        // at one thread, as the search's lanes evaluate (a lane is the computation at one
        // thread); at the process's two threads the products go to OpenBLAS, not oneDNN
        e[s] = Blas.withThreads(1,
            () -> m.evaluate(data.subset(split.testRows()), "w").meanSquaredError());
        heldOut[s] = sum(w, split.testRows());
        assertEquals(e[s], result.scores().score(c, s), 0.0, "candidate " + c + ", split " + s);
      }
      assertEquals(weightedMean(e, heldOut), result.scores().mean(c), 1e-12);
    }
  }

  @Test
  void gridWithWeightsAllEqual_searchesAsTheUnweightedGrid_bitForBit() {
    double[] ones = new double[N];
    Arrays.fill(ones, 1);
    Dataset weighted = classes(ones);
    Dataset plain = Dataset.ofClasses(x(), labels(), List.of("a", "b", "c"), NAMES);
    Resampling folds = Resampling.kFold(3, 2);
    List<GridSearchCV.Result<NetworkClassifier>> results = new ArrayList<>();
    for (boolean w : new boolean[] {true, false}) {
      MlpClassifier.Builder base = classifier();
      if (w) {
        base.weightColumn("w");
      }
      results.add(GridSearchCV.builder(MlpGrid.builder(base.build()).lambdas(0.1, 0.001)
          .weightDecays(0, 0.01).build()).resampling(folds).threads(2).build()
          .crossValidate(w ? weighted : plain));
    }
    GridSearchCV.Result<NetworkClassifier> a = results.get(0);
    GridSearchCV.Result<NetworkClassifier> b = results.get(1);
    for (int c = 0; c < b.scores().scores().length; c++) {
      assertArrayEquals(b.scores().scores()[c], a.scores().scores()[c], 0.0);
      assertEquals(b.scores().mean(c), a.scores().mean(c), 0.0);
      assertEquals(b.scores().standardError(c), a.scores().standardError(c), 0.0);
    }
    assertEquals(b.chosenIndex(), a.chosenIndex());
    double[][] p = b.chosenModel().predictProba(plain);
    double[][] q = a.chosenModel().predictProba(weighted);
    for (int i = 0; i < N; i++) {
      assertArrayEquals(p[i], q[i], 0.0, "row " + i);
    }
  }

  /** Row i of {@code data} less its weight column, taken w[i] times. */
  private static Dataset repeated(Dataset data, double[] w) {
    List<double[]> x = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    double[][] features = data.featureRows();
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < (int) w[i]; k++) {
        double[] r = features[i];
        x.add(new double[] {r[0], r[2], r[3]});
        rows.add(i);
      }
    }
    double[][] xs = x.toArray(double[][]::new);
    if (data.isClassification()) {
      return Dataset.ofClasses(xs, rows.stream().mapToInt(data::label).toArray(),
          data.classNames(), NAMES);
    }
    return Dataset.of(xs, rows.stream().mapToDouble(data::target).toArray(), NAMES);
  }

  @Test
  void defaultGrid_integerWeights_haveTheLambdaMaxOfTheRowsRepeated() {
    double[] w = counts();
    Dataset reg = regression(w);
    Dataset cls = classes(w);
    double[] a = MlpPath.builder(regressor().weightColumn("w").build()).build().lambdas(reg);
    double[] b = MlpPath.builder(regressor().build()).build().lambdas(repeated(reg, w));
    assertArrayEquals(b, a, 1e-12 * b[0]);
    double[] c = MlpPath.builder(classifier().weightColumn("w").build()).build().lambdas(cls);
    double[] d = MlpPath.builder(classifier().build()).build().lambdas(repeated(cls, w));
    assertArrayEquals(d, c, 1e-12 * d[0]);
    MlpClassifier raw = classifier().standardize(false).weightColumn("w").build();
    assertArrayEquals(MlpPath.builder(classifier().standardize(false).build()).build()
        .lambdas(repeated(cls, w)), MlpPath.builder(raw).build().lambdas(cls), 1e-12 * d[0]);
  }

  @Test
  void weightedPathCV_scoresEachSplitByTheWeightedEvaluationOfItsPath() {
    Dataset data = classes(counts());
    MlpPath<NetworkClassifier> path = MlpPath.builder(classifier().weightColumn("w").build())
        .lambdas(0.1, 0.01, 0.001).patience(0).validationFraction(0).build();
    Resampling folds = Resampling.kFold(3, 5);
    MlpPathCV.Result<NetworkClassifier> result = MlpPathCV.builder(path).resampling(folds)
        .measure(CvMeasure.MISCLASSIFICATION).threads(2).build().crossValidate(data);
    List<Resampling.Split> splits = folds.splits(data);
    double[] w = data.column("w");
    double[] heldOut = new double[splits.size()];
    double[][] e = new double[3][splits.size()];
    double[][] loss = new double[3][splits.size()];
    for (int s = 0; s < splits.size(); s++) {
      Resampling.Split split = splits.get(s);
      heldOut[s] = sum(w, split.testRows());
      MlpPath.Fit<NetworkClassifier> fit = path.fit(data.subset(split.trainRows()));
      for (int l = 0; l < 3; l++) {
        ClassifierEvaluation ev = fit.atIndex(l).evaluate(data.subset(split.testRows()), "w");
        e[l][s] = 1 - ev.accuracy();
        assertEquals(e[l][s], result.cv().foldLoss(s, l), 0.0, "split " + s + ", λ " + l);
        loss[l][s] = ev.loss();
      }
    }
    for (int l = 0; l < 3; l++) {
      assertEquals(weightedMean(e[l], heldOut), result.cv().mean(l), 1e-12);
      assertEquals(weightedMean(loss[l], heldOut), result.loss().mean(l), 1e-12);
    }
  }

  @Test
  void pathCVWithWeightsAllEqual_searchesAsTheUnweightedPath_bitForBit() {
    double[] ones = new double[N];
    Arrays.fill(ones, 1);
    Dataset weighted = regression(ones);
    Dataset plain = Dataset.of(x(), y(), NAMES);
    Resampling folds = Resampling.kFold(3, 5);
    List<MlpPathCV.Result<NetworkRegressor>> results = new ArrayList<>();
    for (boolean w : new boolean[] {true, false}) {
      MlpRegressor.Builder base = regressor();
      if (w) {
        base.weightColumn("w");
      }
      MlpPath<NetworkRegressor> path = MlpPath.builder(base.build())
          .lambdas(LambdaGrid.fromData(4, 1e-4)).build();
      results.add(MlpPathCV.builder(path).resampling(folds).threads(2).build()
          .crossValidate(w ? weighted : plain));
    }
    MlpPathCV.Result<NetworkRegressor> a = results.get(0);
    MlpPathCV.Result<NetworkRegressor> b = results.get(1);
    assertArrayEquals(b.lambdas(), a.lambdas(), 0.0);
    assertArrayEquals(b.cv().mean(), a.cv().mean(), 0.0);
    assertArrayEquals(b.cv().standardError(), a.cv().standardError(), 0.0);
    assertEquals(b.chosenIndex(), a.chosenIndex());
    assertArrayEquals(b.chosenModel().predict(plain), a.chosenModel().predict(weighted), 0.0);
  }

  @Test
  void weightedPath_evidence_isRefusedNamingTheColumn() {
    MlpPath<NetworkClassifier> path = MlpPath.builder(classifier().weightColumn("w").build())
        .lambdas(0.1).patience(0).validationFraction(0).build();
    MlpPath.Fit<NetworkClassifier> fit = path.fit(classes(counts()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fit::evidence);
    assertEquals("the evidence is of unweighted fits; this path weights its rows by column"
        + " \"w\"", e.getMessage());
  }

  /** {@code w} with every row MlpPath's split (seed 4 + 1, fraction 0.1) holds out set to 0. */
  private static double[] heldOutZero(double[] w) {
    double[] index = new double[N];
    for (int i = 0; i < N; i++) {
      index[i] = i;
    }
    dev.tikhonov.data.TrainTest split = NetworkFit.validationSplit(regression(index), 0.1, 5);
    double[] out = w.clone();
    for (int i = 0; i < split.test().numRows(); i++) {
      out[(int) split.test().feature(i, 1)] = 0;
    }
    return out;
  }

  @Test
  void pathWhoseValidationDraw_leavesAPartWeightsAll0_isRefusedNamingThePart() {
    // drawn without regard to weight: the held-out rows, or the rows left to fit, may weigh 0
    MlpPath<NetworkRegressor> path = MlpPath.builder(regressor().epochs(1).weightColumn("w")
        .build()).lambdas(0.1, 0.01).build();
    double[] ones = new double[N];
    Arrays.fill(ones, 1);
    double[] validationZero = heldOutZero(ones);
    dev.tikhonov.data.InputException held = assertThrows(dev.tikhonov.data.InputException.class,
        () -> path.fit(regression(validationZero)));
    assertEquals("validationFraction 0.1 of the 60 training rows of double[][] holds out 6"
        + " rows for validation, whose weights (\"w\") are all 0: nothing to validate on,"
        + " their weighted loss would have no value; hold out another share, or split with"
        + " another seed", held.getMessage());
    assertEquals(java.util.Optional.of("validationFraction"), held.setting());
    double[] fittedZero = new double[N];
    for (int i = 0; i < N; i++) {
      fittedZero[i] = 1 - validationZero[i];
    }
    dev.tikhonov.data.InputException fitted = assertThrows(
        dev.tikhonov.data.InputException.class, () -> path.fit(regression(fittedZero)));
    assertEquals("validationFraction 0.1 of the 60 training rows of double[][] leaves 54 rows"
        + " to fit, whose weights (\"w\") are all 0: nothing to fit; hold out another share,"
        + " or split with another seed", fitted.getMessage());
    // another seed draws other rows: the same weights fit
    MlpPath.builder(regressor().epochs(1).seed(9).weightColumn("w").build()).lambdas(0.1)
        .build().fit(regression(validationZero));
  }

  @Test
  void pathWhoseTargetVariesOnlyOnRowsOfWeight0_saysTheTargetIsConstantThere() {
    double[] y = y();
    double[] w = counts();
    for (int i = 0; i < N; i++) {
      y[i] = w[i] > 0 ? 2.5 : y[i];
    }
    Dataset data = Dataset.of(withWeights(w), y, WEIGHTED);
    MlpPath<NetworkRegressor> path = MlpPath.builder(regressor().weightColumn("w").build())
        .build();
    dev.tikhonov.data.ConstantTargetException e = assertThrows(
        dev.tikhonov.data.ConstantTargetException.class, () -> path.lambdas(data));
    assertEquals("the target is constant (2.5) on the rows of positive weight (\"w\"): nothing"
        + " to fit", e.getMessage());
    int[] labels = labels();
    for (int i = 0; i < N; i++) {
      labels[i] = w[i] > 0 ? 1 : labels[i];
    }
    Dataset classes = Dataset.ofClasses(withWeights(w), labels, List.of("a", "b", "c"),
        WEIGHTED);
    dev.tikhonov.data.ConstantTargetException c = assertThrows(
        dev.tikhonov.data.ConstantTargetException.class, () -> MlpPath.builder(classifier()
            .weightColumn("w").build()).lambdas(0.1).build().lambdas(classes));
    assertEquals("the rows of positive weight (\"w\") are all of class \"b\" (of the 3"
        + " declared): a classifier needs rows of two classes or more", c.getMessage());
    // weights all 0: nothing to fit, as a single fit says
    dev.tikhonov.data.InputException none = assertThrows(dev.tikhonov.data.InputException.class,
        () -> path.lambdas(regression(new double[N])));
    assertEquals("weightColumn \"w\": every weight of double[][] is 0; nothing to fit",
        none.getMessage());
  }

  @Test
  void singleFitWhoseTargetVariesOnlyOnRowsOfWeight0_isRefusedAsThePathIs() {
    double[] y = y();
    double[] w = counts();
    for (int i = 0; i < N; i++) {
      y[i] = w[i] > 0 ? 2.5 : y[i];
    }
    Dataset data = Dataset.of(withWeights(w), y, WEIGHTED);
    dev.tikhonov.data.ConstantTargetException e = assertThrows(
        dev.tikhonov.data.ConstantTargetException.class,
        () -> regressor().weightColumn("w").build().fit(data));
    assertEquals("the target is constant (2.5) on the rows of positive weight (\"w\"): nothing"
        + " to fit", e.getMessage());
  }
}
