package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.FoldStatistics;
import dev.tikhonov.select.KFold;
import dev.tikhonov.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linear estimators against the core solvers they wrap, and against the objective. */
class LinearEstimatorsTest {
  @TempDir Path dir;

  static final Dataset DATA = Synthetic.regression().rows(200).features(12).informative(4)
      .noise(2.0).intercept(1.5).seed(3).build().data();

  /** Classes named by words come back as those words, in the rows' order. */
  @Test
  void predictClassNames_givesTheTrainingDatasNamesForEachRow() {
    double[][] x = {{0, 1}, {0.2, 1.1}, {1, 0}, {1.1, 0.1}, {0.1, 0.9}, {0.9, 0.2}};
    int[] labels = {0, 0, 1, 1, 0, 1};
    LinearClassifier m = ElasticNet.binomial().lambda(0.01).build().fit(Dataset.ofClasses(x,
        labels, List.of("setosa", "virginica"), Dataset.defaultNames(2)));
    assertEquals(List.of("virginica", "setosa"),
        m.predictClassNames(new double[][] {{1.2, 0}, {0, 1.2}}));
  }

  @Test
  void path_fromCsvFile_equalsPath_fromDoubleArrays_toTheLastBit() throws Exception {
    double[][] x = DATA.featureRows();
    double[] y = DATA.targets();
    List<String> header = new ArrayList<>(DATA.featureNames());
    header.add("y");
    CsvWriter csv = new CsvWriter().row(header);
    for (int i = 0; i < y.length; i++) {
      List<String> row = new ArrayList<>();
      for (double v : x[i]) {
        row.add(Double.toString(v));
      }
      row.add(Double.toString(y[i]));
      csv.row(row);
    }
    Path file = Files.writeString(dir.resolve("d.csv"), csv.toString());
    RegularizationPath<LinearModel> fromFile = ElasticNet.gaussian().l1Ratio(0.7).build()
        .path(Dataset.read(file, "y", TargetKind.REAL));
    RegularizationPath<LinearModel> fromArrays = ElasticNet.gaussian().l1Ratio(0.7).build()
        .path(Dataset.of(x, y, DATA.featureNames()));
    assertArrayEquals(fromArrays.lambdas(), fromFile.lambdas());
    for (int l = 0; l < fromFile.size(); l++) {
      assertArrayEquals(fromArrays.coefficients()[l][0], fromFile.coefficients()[l][0],
          "λ index " + l + ": the same bits");
      assertArrayEquals(fromArrays.intercepts()[l], fromFile.intercepts()[l]);
    }
  }

  @Test
  void elasticNetPath_isTheCoreDriversPath() {
    PathSolution core = ElasticNetPath.fit(Family.GAUSSIAN, DATA.featureRows(), DATA.targets(),
        PathSettings.of(0.5), DATA.featureNames(), List.of());
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(0.5).build().path(DATA);
    assertArrayEquals(core.lambdas(), path.lambdas());
    int last = path.size() - 1;
    assertArrayEquals(core.coefficients(last)[0], path.atIndex(last).coefficients());
    assertEquals(core.intercept(last, 0), path.atIndex(last).intercept());
  }

  @Test
  void elasticNetFit_atOneLambda_equalsThePathAtThatLambda() {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().tolerance(1e-12).build()
        .path(DATA);
    int l = path.size() / 2;
    double lambda = path.lambdas()[l];
    LinearModel one = ElasticNet.gaussian().tolerance(1e-12).lambda(lambda).build().fit(DATA);
    double[] a = path.atIndex(l).coefficients();
    double[] b = one.coefficients();
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], 1e-7 * scale, "coefficient " + j);
    }
    assertEquals(lambda, one.lambda());
  }

  /**
   * ElasticNet.lambda(λ).fit reaches λ through an internal warm-start sequence; its model's
   * provenance holds the user's settings plus λ (as the path's models do), not that sequence
   * as if the user had given 44 λ with num_lambdas = 100.
   */
  @Test
  void elasticNetFit_atOneLambda_recordsTheUsersSettings_notTheWarmStarts() {
    Dataset reg = Synthetic.regression().rows(100).features(3).informative(3).noise(1.0).seed(1)
        .build().data();
    for (ElasticNet.Builder<LinearModel> b : List.of(ElasticNet.gaussian(),
        ElasticNet.gaussian().adaptive(), ElasticNet.gaussian().numLambdas(20).l1Ratio(0.5))) {
      Map<String, Object> pathSettings = b.build().path(reg).provenance().settings();
      Map<String, Object> settings = b.lambda(0.1).build().fit(reg).provenance().settings();
      Map<String, Object> expected = new java.util.LinkedHashMap<>(pathSettings);
      expected.put("lambda", 0.1);
      assertEquals(expected, settings);
      assertEquals(null, settings.get("lambdas"));
    }
    // Sparse data take their own route to the same record.
    Dataset sparse = Dataset.sparse(dev.tikhonov.data.SparseMatrix.fromDense(reg.featureRows(), 3),
        reg.targets());
    Map<String, Object> settings = ElasticNet.gaussian().lambda(0.1).build().fit(sparse)
        .provenance().settings();
    assertEquals(null, settings.get("lambdas"), settings.toString());
    assertEquals(0.1, settings.get("lambda"));
  }

  /**
   * A model file written before that fix, whose provenance holds the warm-start sequence as
   * {@code lambdas}, still loads: the same model, its provenance as it was written.
   */
  @Test
  void modelFileWithTheWarmStartSequenceInItsProvenance_stillLoads() throws Exception {
    Path file = dir.resolve("old.model");
    try (var in = LinearEstimatorsTest.class.getResourceAsStream(
        "elasticnet-with-warm-start-lambdas.model")) {
      Files.copy(in, file);
    }
    LinearModel old = (LinearModel) Predictor.load(file);
    Dataset reg = Synthetic.regression().rows(100).features(3).informative(3).noise(1.0).seed(1)
        .build().data();
    LinearModel now = ElasticNet.gaussian().lambda(0.1).build().fit(reg);
    assertArrayEquals(now.coefficients(), old.coefficients(), 1e-12);
    assertEquals(now.intercept(), old.intercept(), 1e-12);
    List<?> lambdas = (List<?>) old.provenance().settings().get("lambdas");
    assertEquals(44, lambdas.size());
    assertEquals(0.1, lambdas.get(43));
    assertEquals(0.1, old.provenance().settings().get("lambda"));
  }

  /**
   * The loader takes exactly the keys linear model files have always had (offset_column only
   * when there is one): a damaged key, or a feature name twice (the model would read one column
   * twice and another never), is an InputException naming the file and the key or name.
   */
  @Test
  void modelFileWithADamagedKeyOrDuplicateNames_isRejectedNamingTheFileAndKey()
      throws Exception {
    String text = savedModelText();
    int names = text.indexOf("feature_names");
    Path key = dir.resolve("key.model");
    Files.write(key, (text.substring(0, names) + "feature_namez" + text.substring(names + 13))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputException e = assertThrows(InputException.class, () -> Predictor.load(key));
    assertTrue(e.getMessage().startsWith(key + ": model: unknown key \"feature_namez\"; "
        + "expected class_names, family, feature_names, l1_ratio, lambda, multinomial_penalty,"
        + " offset_column, provenance"), e.getMessage());
    int x1 = text.indexOf("x1", names);
    Path twice = dir.resolve("twice.model");
    Files.write(twice, (text.substring(0, x1) + "x0" + text.substring(x1 + 2))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    e = assertThrows(InputException.class, () -> Predictor.load(twice));
    assertEquals(twice + ": model.feature_names: \"x0\" appears twice (names 1 and 2); a model "
        + "finds its columns by name", e.getMessage());
  }

  /** The saved model elasticnet-with-warm-start-lambdas.model, one char per byte. */
  private static String savedModelText() throws java.io.IOException {
    try (var in = LinearEstimatorsTest.class.getResourceAsStream(
        "elasticnet-with-warm-start-lambdas.model")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * An l1_ratio out of [0, 1] in a linear model file is refused with the interval it must lie
   * in, as written: the message said "expected a number in [0.0, 1.0000000000000002)", the
   * open bound the check used for 1.
   */
  @Test
  void modelFileWithL1RatioAboveOne_isRejectedNamingTheClosedInterval() throws Exception {
    String text = savedModelText();
    Path seven = dir.resolve("seven.model");
    Files.write(seven, text.replaceFirst("l1_ratio\\\\\":1\\.0,", "l1_ratio\\\\\":7.0,")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputException e = assertThrows(InputException.class, () -> Predictor.load(seven));
    assertEquals(seven + ": model.l1_ratio: expected a number in [0.0, 1.0], found 7.0",
        e.getMessage());
  }

  /**
   * A linear model file whose format was edited away or changed is named as such: it was read as
   * a network's file and said "dtype \"F64\" is not supported; expected F32" (redteam35).
   */
  @Test
  void modelFileWithItsFormatChanged_saysTheFormat() throws Exception {
    String text = savedModelText();
    Path other = dir.resolve("other.model");
    Files.write(other, text.replaceFirst("\"format\":\"tikhonov-linear\"",
        "\"format\":\"tikhonov-lineaR\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    InputException e = assertThrows(InputException.class, () -> Predictor.load(other));
    assertEquals(other + ": not a tikhonov model file (safetensors metadata \"format\" is"
        + " \"tikhonov-lineaR\", expected \"tikhonov-linear\" or \"tikhonov-model\")",
        e.getMessage());
  }

  /**
   * The penalty a model reports is the one its fit minimized: loss + penalty on the training
   * rows is smallest at the solution, against small moves of any coefficient (with
   * standardization, where the penalty acts on sⱼbⱼ, and without).
   */
  @Test
  void evaluate_lossPlusPenalty_isMinimalAtTheFit() {
    for (boolean standardize : new boolean[] {true, false}) {
      LinearModel m = ElasticNet.gaussian().l1Ratio(0.4).lambda(0.3).standardize(standardize)
          .tolerance(1e-13).build().fit(DATA);
      double best = m.evaluate(DATA).objective();
      double[] b = m.coefficients();
      for (int j = 0; j < b.length; j++) {
        for (double step : new double[] {-1e-4, 1e-4}) {
          double[] moved = b.clone();
          moved[j] += step;
          LinearParameters p = m.parameters();
          LinearModel other = new LinearModel(new LinearParameters(p.family(), p.lambda(),
              p.l1Ratio(), p.intercepts(), new double[][] {moved}, p.penaltyFactors(),
              p.penaltyScales(), p.featureNames(), p.classNames()), m.provenance());
          assertTrue(other.evaluate(DATA).objective() >= best - 1e-12,
              "standardize=" + standardize + ": moving b" + j + " by " + step + " lowers J");
        }
      }
    }
  }

  @Test
  void elasticNetCV_isTheCoreCrossValidation_withTheSameFolds() {
    KFold folds = KFold.random(DATA.numRows(), 5, 9);
    CrossValidation.Fit core = CrossValidation.path(Family.GAUSSIAN, DATA.featureRows(),
        DATA.targets(), PathSettings.lasso(), DATA.featureNames(), List.of(), folds, 2);
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().numFolds(5).seed(9).build()
        .crossValidate(DATA);
    // n = 200 ≥ p = 12: ElasticNetCV takes the statistics route, bit for bit...
    assertTrue(ElasticNetCV.fromStatistics(Family.GAUSSIAN, 200, 12, 5, 2, 1L << 30));
    CrossValidation.Fit statistics = CrossValidation.gaussian(FoldStatistics.of(
        DATA.featureRows(), DATA.targets(), folds), PathSettings.lasso(), DATA.featureNames(),
        CrossValidation.Alignment.INTERPOLATE, 2);
    assertArrayEquals(statistics.cv().mean(), cv.mean());
    assertArrayEquals(statistics.cv().standardError(), cv.standardError());
    // ...which is the cross-validation on the rows up to rounding.
    assertArrayEquals(core.cv().mean(), cv.mean(), 1e-10 * core.cv().mean()[0]);
    assertArrayEquals(core.cv().standardError(), cv.standardError(),
        1e-10 * core.cv().standardError()[0]);
    assertEquals(core.cv().indexMin(), cv.indexMin(), "the same λ_min");
    assertEquals(core.cv().index1se(), cv.index1se(), "the same λ_1se");
    assertEquals(core.cv().lambdaMin(), cv.lambdaMin(), 1e-13 * cv.lambdaMin());
    assertTrue(cv.lambda1se() >= cv.lambdaMin());
    assertArrayEquals(core.path().coefficients(core.cv().index1se())[0],
        cv.atOneStandardError().coefficients(), 1e-10);
    CrossValidatedPath<LinearModel> given = ElasticNetCV.gaussian().foldIds(folds.foldIds())
        .build().crossValidate(DATA);
    assertArrayEquals(cv.mean(), given.mean(), "explicit fold ids = the same folds");
  }

  /** RidgeCV took a λ twice (two rows, one λ) while the paths and networks refused it. */
  @Test
  void ridgeCV_refusesTheLambdasThePathsRefuse() {
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> RidgeCV.builder().lambdas(1, 0.1, 1));
    assertEquals("lambdas must be distinct; 1.0 is given twice (values 1 and 3)",
        twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RidgeCV.builder().lambdas());
    assertThrows(IllegalArgumentException.class, () -> RidgeCV.builder().lambdas(-1));
    assertThrows(IllegalArgumentException.class,
        () -> RidgeCV.builder().lambdas(Double.POSITIVE_INFINITY));
  }

  @Test
  void crossValidatedPath_chosenIsWhatItsRuleNames() {
    for (SelectionRule rule : SelectionRule.values()) {
      CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().numFolds(5).seed(9)
          .rule(rule).build().crossValidate(DATA);
      assertTrue(cv.index1se() < cv.indexMin(), "the two rules differ on these data");
      int expected = rule == SelectionRule.MINIMUM ? cv.indexMin() : cv.index1se();
      assertEquals(rule, cv.rule());
      assertEquals(expected, cv.chosenIndex(), rule.id());
      assertEquals(cv.path().lambdas()[expected], cv.chosenLambda(), rule.id());
      LinearModel at = rule == SelectionRule.MINIMUM ? cv.atMinimum() : cv.atOneStandardError();
      assertArrayEquals(at.coefficients(), cv.chosenModel().coefficients(), rule.id());
      assertEquals(cv.chosenLambda(), cv.chosenModel().lambda(), rule.id());
    }
  }

  @Test
  void elasticNetCV_takesTheStatisticsRoute_onlyWhereItPays() {
    long heap = 1L << 32;
    assertTrue(ElasticNetCV.fromStatistics(Family.GAUSSIAN, 10_000, 1_000, 10, 2, heap));
    assertTrue(!ElasticNetCV.fromStatistics(Family.GAUSSIAN, 500, 1_000, 10, 2, heap),
        "n < p: residual updates on the rows");
    assertTrue(!ElasticNetCV.fromStatistics(Family.GAUSSIAN, 100_000, 5_000, 10, 2, heap),
        "p above the covariance route's ceiling");
    assertTrue(!ElasticNetCV.fromStatistics(Family.GAUSSIAN, 100_000, 4_000, 10, 2, 1L << 30),
        "(10 + 4)·4000²·8 bytes = 1.8 GB, more than a quarter of a 1 GiB heap");
    assertTrue(!ElasticNetCV.fromStatistics(Family.BINOMIAL, 10_000, 10, 10, 2, heap));
  }

  @Test
  void elasticNetCV_bothRoutes_agreeOnTheGlmnetReference() {
    // gauss.csv (n = 1000, p = 50) with cv.glmnet's fold ids: the statistics route against the
    // rows' route, and both against cv.glmnet's λ_min and λ_1se.
    double[][] rows = dev.tikhonov.linear.ReferenceData.rows("gauss");
    double[][] ids = dev.tikhonov.linear.ReferenceData.rows("gauss-foldid");
    int p = rows[0].length - 1;
    double[][] x = new double[rows.length][];
    double[] y = new double[rows.length];
    int[] foldIds = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = java.util.Arrays.copyOf(rows[i], p);
      y[i] = rows[i][p];
      foldIds[i] = (int) ids[i][0];
    }
    Dataset data = Dataset.of(x, y);
    CrossValidatedPath<LinearModel> cv = ElasticNetCV.gaussian().standardize(false)
        .tolerance(1e-14).foldIds(foldIds).threads(2).build().crossValidate(data);
    CrossValidation.Fit core = CrossValidation.path(Family.GAUSSIAN, x, y,
        PathSettings.lasso().withStandardize(false).withTolerance(1e-14),
        data.featureNames(), List.of(), KFold.of(foldIds), 2);
    for (int l = 0; l < cv.mean().length; l++) {
      assertEquals(core.cv().mean()[l], cv.mean()[l], 1e-10 * core.cv().mean()[l]);
      assertEquals(core.cv().standardError()[l], cv.standardError()[l],
          1e-10 * core.cv().standardError()[l]);
    }
    double[] select = dev.tikhonov.linear.ReferenceData.rows("gauss-cv-select")[0];
    assertEquals(select[0], cv.lambdaMin(), 1e-12 * select[0]);
    assertEquals(select[1], cv.lambda1se(), 1e-12 * select[1]);
    assertEquals(core.cv().indexMin(), cv.indexMin(), "the same λ_min");
    assertEquals(core.cv().index1se(), cv.index1se(), "the same λ_1se");
  }

  @Test
  void ridgeCV_selected_equalsClosedFormRidgeAtThatLambda() {
    for (boolean standardize : new boolean[] {false, true}) {
      RidgeCV.Validation v = RidgeCV.builder().standardize(standardize).build()
          .crossValidate(DATA);
      double[] gcv = v.gcv();
      for (double g : gcv) {
        assertTrue(gcv[v.chosenIndex()] <= g);
      }
      LinearModel cv = v.chosenModel();
      LinearModel closed = Ridge.builder().lambda(v.chosenLambda()).standardize(standardize)
          .build().fit(DATA);
      assertArrayEquals(closed.coefficients(), cv.coefficients(), 1e-9);
      assertEquals(closed.intercept(), cv.intercept(), 1e-9);
      assertEquals(closed.evaluate(DATA).penalty(), cv.evaluate(DATA).penalty(), 1e-9);
    }
  }

  /**
   * RidgeCV checks the data as Ridge does, before deriving its default λ grid from them: data
   * without rows (a 0×3 matrix) used to read "no feature is correlated with the target … give
   * lambdas" (so did data without feature columns and NaN values, which no public Dataset holds
   * any more).
   */
  /**
   * A subset without rows names its data, as the networks' "<source>: no rows to train on"
   * does: the linear estimators said only "no rows to fit", from the solvers.
   */
  @Test
  void anEmptySubset_isNamedByItsSource_asTheNetworksName() {
    Dataset none = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 7}}, new double[] {1, 2, 4})
        .withSource("train.csv").subset(new int[0]);
    List<org.junit.jupiter.api.function.Executable> fits = List.of(
        () -> ElasticNet.gaussian().lambda(0.1).build().fit(none),
        () -> ElasticNetCV.gaussian().build().fit(none),
        () -> Ridge.builder().lambda(0.1).build().fit(none),
        () -> RidgeCV.builder().build().fit(none),
        () -> MlpRegressor.builder().epochs(1).build().fit(none));
    for (var fit : fits) {
      String message = assertThrows(InputException.class, fit).getMessage();
      assertTrue(message.startsWith("train.csv: no rows to "), message);
    }
  }

  @Test
  void ridgeCV_badData_isNamedAsRidgeNamesIt() {
    Dataset noRows = new Dataset(dev.tikhonov.tensor.Matrix.zeros(0, 3),
        dev.tikhonov.tensor.Matrix.zeros(0, 1), List.of("a", "b", "c"), List.of(), "empty");
    Dataset noColumns = Dataset.of(new double[3][0], new double[] {1, 2, 3});
    for (Dataset d : List.of(noRows, noColumns)) {
      for (boolean standardize : new boolean[] {false, true}) {
        InputException ridge = assertThrows(InputException.class,
            () -> Ridge.builder().lambda(0.1).standardize(standardize).build().fit(d));
        InputException ridgeCv = assertThrows(InputException.class,
            () -> RidgeCV.builder().standardize(standardize).build().fit(d));
        assertEquals(ridge.getMessage(), ridgeCv.getMessage(), "standardize=" + standardize);
      }
    }
    assertEquals("empty: no rows to fit", assertThrows(InputException.class,
        () -> RidgeCV.builder().build().fit(noRows)).getMessage());
    // Good data whose target no feature explains: only then is the default grid the problem.
    Dataset orthogonal = Dataset.of(new double[][] {{1}, {0}, {-1}, {0}},
        new double[] {0, 1, 0, -1});
    InputException grid = assertThrows(InputException.class,
        () -> RidgeCV.builder().build().fit(orthogonal));
    assertTrue(grid.getMessage().startsWith("lambdas: none given, and no feature is correlated"
        + " with the target"), grid.getMessage());
    assertEquals(java.util.Optional.of("lambdas"), grid.setting());
  }

  @Test
  void ridgeCV_constantTarget_isRefusedAsThePathRefusesIt() {
    // 30 rows of 3.0: ȳ rounds away from 3.0, and the default grid came from that noise
    // (λ near 1e-13, GCV 0 at each λ); with lambdas given, every λ fitted y exactly.
    double[][] x = new double[30][2];
    double[] y = new double[30];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 30; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = random.nextGaussian();
      y[i] = 3.0;
    }
    Dataset constant = Dataset.of(x, y);
    for (RidgeCV cv : List.of(RidgeCV.builder().build(),
        RidgeCV.builder().lambdas(0.1, 1).build(),
        RidgeCV.builder().criterion(RidgeCV.Criterion.LEAVE_ONE_OUT).build())) {
      assertEquals("the target is constant (3.0): nothing to fit", assertThrows(
          dev.tikhonov.data.ConstantTargetException.class, () -> cv.fit(constant)).getMessage(),
          cv.toString());
    }
    // without an intercept, 3.0 is a fit like any other (b = 0 does not fit it); 0 is not
    RidgeCV.builder().intercept(false).build().fit(constant);
    Dataset zeros = Dataset.of(x, new double[30]);
    assertEquals("the target is constant (0.0): nothing to fit", assertThrows(
        dev.tikhonov.data.ConstantTargetException.class,
        () -> RidgeCV.builder().intercept(false).lambdas(0.1).build().fit(zeros)).getMessage());
  }

  /**
   * GCV and leave-one-out have no value with one row (1 − (1 + df)/n₊ and 1 − Hᵢᵢ are 0): one row
   * with lambdas 0.1 and no intercept was "chosen" with GCV NaN, with an intercept it was called
   * a constant target, and one row of positive weight among rows of weight 0 the same. The data's
   * source is named (the CLI's ridge did not name the file).
   */
  @Test
  void ridgeCV_fewerThanTwoRowsOfPositiveWeight_areRefusedAsSuch() {
    Dataset one = Dataset.of(new double[][] {{1, 2}}, new double[] {3});
    for (RidgeCV cv : List.of(RidgeCV.builder().lambdas(0.1).intercept(false).build(),
        RidgeCV.builder().lambdas(0.1).build(), RidgeCV.builder().build())) {
      assertEquals("double[][]: only 1 row to fit: GCV needs at least 2 rows to score λ",
          assertThrows(InputException.class, () -> cv.crossValidate(one)).getMessage(),
          cv.toString());
    }
    Dataset weighted = Dataset.of(new double[][] {{1, 2, 1}, {2, 1, 0}, {0, 5, 0}},
        new double[] {3, 4, 7}, List.of("a", "b", "w"));
    for (RidgeCV cv : List.of(RidgeCV.builder().weightColumn("w").build(),
        RidgeCV.builder().weightColumn("w").lambdas(0.1).intercept(false).build())) {
      assertEquals("double[][]: only 1 row of positive weight to fit: GCV needs at least 2 rows"
          + " to score λ",
          assertThrows(InputException.class, () -> cv.crossValidate(weighted)).getMessage(),
          cv.toString());
    }
  }

  /**
   * The refusal names the criterion asked for: k folds on one row were told that "GCV and
   * leave-one-out need at least 2 rows" (redteam42: ridge --criterion cv --folds 10).
   */
  @Test
  void ridgeCV_oneRow_namesTheCriterionAskedFor() {
    Dataset one = Dataset.of(new double[][] {{1, 2}}, new double[] {3});
    assertEquals("double[][]: only 1 row to fit: leave-one-out needs at least 2 rows to score λ",
        assertThrows(InputException.class, () -> RidgeCV.builder()
            .criterion(RidgeCV.Criterion.LEAVE_ONE_OUT).build().crossValidate(one))
            .getMessage());
    assertEquals("double[][]: only 1 row to fit: 10-fold cross-validation needs a row to train"
        + " on and one to hold out, so at least 2 rows to score λ",
        assertThrows(InputException.class, () -> RidgeCV.builder()
            .criterion(RidgeCV.Criterion.K_FOLD).build().crossValidate(one)).getMessage());
  }

  /**
   * Two rows with an intercept leave one centered direction: GCV and leave-one-out are
   * (y₁ − y₂)² at every λ, and each fold of two trains on one row, which the intercept fits. The
   * λ "chosen" was rounding noise (359.381 of the default grid on redteam42's two.csv), without
   * a word. Without an intercept two rows are scored as any.
   */
  @Test
  void ridgeCV_twoRowsWithAnIntercept_areRefused_asEveryLambdaScoresTheSame() {
    Dataset two = Dataset.of(new double[][] {{0.13, -0.13}, {0.10, -0.54}},
        new double[] {-0.54, -1.07});
    for (RidgeCV.Criterion criterion : RidgeCV.Criterion.values()) {
      RidgeCV cv = criterion == RidgeCV.Criterion.K_FOLD
          ? RidgeCV.builder().resampling(Resampling.kFold(2, 0)).build()
          : RidgeCV.builder().criterion(criterion).build();
      String name = criterion == RidgeCV.Criterion.GCV ? "GCV"
          : criterion == RidgeCV.Criterion.LEAVE_ONE_OUT ? "leave-one-out"
          : "2-fold cross-validation";
      assertEquals("double[][]: only 2 rows to fit: with an intercept, " + name + " scores"
          + " every λ the same (the two rows leave one direction to fit, and the intercept fits"
          + " one row exactly), so it would choose λ by rounding; it needs at least 3 rows, or a"
          + " fit without an intercept",
          assertThrows(InputException.class, () -> cv.crossValidate(two)).getMessage());
    }
    Dataset weighted = Dataset.of(new double[][] {{1, 2, 1}, {2, 1, 0}, {0, 5, 2}},
        new double[] {3, 4, 7}, List.of("a", "b", "w"));
    assertTrue(assertThrows(InputException.class, () -> RidgeCV.builder().weightColumn("w")
        .build().crossValidate(weighted)).getMessage().startsWith("double[][]: only 2 rows of"
        + " positive weight to fit: with an intercept, GCV scores every λ the same"));
    RidgeCV.builder().intercept(false).build().crossValidate(two);
  }

  /**
   * Ridge and RidgeCV have no family to change: class labels are refused with the classifier a
   * user can build instead. They used to advise "use the binomial or multinomial family", a
   * setting neither builder has. ElasticNet, which has the family, keeps that advice.
   */
  @Test
  void ridgeOnClassLabels_namesTheClassifierToUse_notAFamilyItHasNot() {
    Dataset classes = Synthetic.classification().rows(60).features(3).informative(2).classes(2)
        .seed(5).build();
    for (Estimator<?> ridge : List.<Estimator<?>>of(Ridge.builder().lambda(0.1).build(),
        RidgeCV.builder().build())) {
      String message = assertThrows(InputException.class, () -> ridge.fit(classes)).getMessage();
      assertEquals(classes.source() + ": " + ridge.name() + " fits a numeric target, but it holds"
          + " class labels; for classes with a ridge penalty use ElasticNet.binomial() or"
          + " ElasticNet.multinomial() with l1Ratio(0)", message);
    }
    String elasticNet = assertThrows(InputException.class,
        () -> ElasticNet.gaussian().lambda(0.1).build().fit(classes)).getMessage();
    assertTrue(elasticNet.endsWith("; use the binomial or multinomial family"), elasticNet);
  }

  @Test
  void ridgeStandardized_equalsElasticNetWithAlphaZero() {
    double lambda = 0.2;
    LinearModel ridge = Ridge.builder().lambda(lambda).standardize(true).build().fit(DATA);
    LinearModel enet = ElasticNet.gaussian().l1Ratio(0).lambda(lambda).tolerance(1e-13).build()
        .fit(DATA);
    // A duality gap g bounds the distance to the optimum by √(2g·dev₀/λ) (strong convexity λ):
    // about 1e-5 here; the closed form and coordinate descent agree far better than that.
    assertArrayEquals(ridge.coefficients(), enet.coefficients(), 1e-6);
    assertEquals(ridge.intercept(), enet.intercept(), 1e-6);
  }

  @Test
  void binomialProbabilities_areTheCoreSolutionsProbabilities() {
    Dataset two = Synthetic.classification().rows(240).features(5).informative(3).classes(2).seed(4)
        .build();
    RegularizationPath<LinearClassifier> path = ElasticNet.binomial().build().path(two);
    int l = path.size() / 2;
    double[][] expected = path.solution().probabilities(two.featureRows(), l);
    double[][] actual = path.atIndex(l).predictProba(two);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 1e-15, "row " + i);
    }
  }

  /**
   * A row the model gets confidently wrong (a training row scaled 10, 100, 1000 times, with the
   * label the model finds least likely): its cross-entropy is −log p(y|x) computed in high
   * precision from the exact η (BigDecimal, no underflow), and finite, where −log of the double
   * p was ∞ once p(y) fell below the smallest double (−log p &gt; 745) and made the whole test
   * loss infinite.
   */
  @Test
  void evaluate_confidentlyWrongRow_isFiniteAndEqualsAHighPrecisionMinusLogP() {
    Dataset two = Synthetic.classification().rows(200).features(3).informative(3).classes(2).seed(3)
        .build();
    Dataset three = Synthetic.classification().rows(300).features(3).informative(3).classes(3)
        .seed(3).build();
    List<LinearClassifier> models = List.of(
        ElasticNet.binomial().lambda(0.001).build().fit(two),
        ElasticNet.multinomial().lambda(0.001).build().fit(two),
        ElasticNet.multinomial().lambda(0.001).build().fit(three));
    for (LinearClassifier m : models) {
      double[] row = (m.classNames().size() == 2 ? two : three).featureRows()[0];
      for (double scale : new double[] {10, 100, 1000}) {
        double[] r = row.clone();
        for (int j = 0; j < r.length; j++) {
          r[j] *= scale;
        }
        double[] p = m.predictProba(new double[][] {r})[0];
        int worst = 0;
        for (int k = 1; k < p.length; k++) {
          worst = p[k] < p[worst] ? k : worst;
        }
        Dataset one = Dataset.ofClasses(new double[][] {r}, new int[] {worst}, m.classNames(),
            m.featureNames());
        double expected = minusLogProbability(m, r, worst);
        double loss = m.evaluate(one).loss();
        String what = m.family() + " with " + p.length + " classes, row x" + scale;
        assertTrue(Double.isFinite(loss), what + ": loss " + loss);
        assertEquals(expected, loss, 1e-12 * expected, what);
        if (scale == 1000) {
          assertTrue(expected > 745 && p[worst] == 0,
              what + ": p(y) is below the smallest double, −log p = " + expected);
        }
      }
    }
  }

  /**
   * −log p(y|x) of a linear classifier in high precision: η exact in BigDecimal from the
   * model's numbers, e^η as BigDecimal (no overflow or underflow), p = e^{η_y}/Σₖ e^{ηₖ} formed
   * directly, then −log p. The binomial η is the log-odds of class 1: logits (0, η).
   */
  static double minusLogProbability(LinearClassifier m, double[] x, int label) {
    java.math.MathContext mc = new java.math.MathContext(60);
    double[][] b = m.coefficients();
    double[] a = m.intercepts();
    int k = m.classNames().size();
    java.math.BigDecimal[] e = new java.math.BigDecimal[k];
    for (int c = 0; c < k; c++) {
      java.math.BigDecimal eta = java.math.BigDecimal.ZERO;
      if (a.length == k || c == 1) {
        int v = a.length == k ? c : 0;
        eta = new java.math.BigDecimal(a[v]);
        for (int j = 0; j < x.length; j++) {
          eta = eta.add(new java.math.BigDecimal(b[v][j]).multiply(new java.math.BigDecimal(x[j])));
        }
      }
      e[c] = bigExp(eta, mc);
    }
    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
    for (java.math.BigDecimal v : e) {
      sum = sum.add(v, mc);
    }
    return -bigLog(e[label].divide(sum, mc));
  }

  /** e^x = e^⌊x⌋ · e^{x − ⌊x⌋}: an integer power of e (60 digits) times a double's exp. */
  private static java.math.BigDecimal bigExp(java.math.BigDecimal x, java.math.MathContext mc) {
    java.math.BigDecimal e = new java.math.BigDecimal(
        "2.71828182845904523536028747135266249775724709369995957496696762772");
    java.math.BigDecimal whole = x.setScale(0, java.math.RoundingMode.FLOOR);
    double fraction = x.subtract(whole).doubleValue();
    return e.pow(whole.intValueExact(), mc).multiply(new java.math.BigDecimal(Math.exp(fraction)),
        mc);
  }

  /** log v = log(u) + k·log 10 for v = u·10^k, 1 ≤ u &lt; 10 (any positive v, no underflow). */
  private static double bigLog(java.math.BigDecimal v) {
    int k = v.precision() - v.scale() - 1;
    return Math.log(v.movePointLeft(k).doubleValue()) + k * Math.log(10);
  }

  /**
   * docs/java.md: invalid settings are an IllegalArgumentException naming the setting, whether
   * a setter refuses them or build() does (the path settings' checks throw InputException, which
   * is one): a caller's {@code catch (IllegalArgumentException e)} sees them all.
   */
  @Test
  void everyInvalidSetting_isAnIllegalArgumentException_namingTheSetting() {
    Map<String, Runnable> cases = new java.util.LinkedHashMap<>();
    cases.put("lambda", () -> ElasticNet.gaussian().lambda(-1));
    cases.put("l1Ratio", () -> ElasticNet.gaussian().l1Ratio(2).build());
    cases.put("numLambdas", () -> ElasticNet.gaussian().numLambdas(0).build());
    cases.put("tolerance", () -> ElasticNet.gaussian().tolerance(-1).build());
    cases.put("penaltyFactors", () -> ElasticNet.gaussian().penaltyFactors(-1, 1).build());
    cases.put("lowerLimits", () -> ElasticNet.gaussian().lowerLimits(1).build());
    cases.put("lambdaMinRatio", () -> ElasticNet.gaussian().lambdaMinRatio(0).build());
    cases.put("lambdas", () -> ElasticNetCV.gaussian().lambdas(Double.NaN).build());
    cases.put("adaptivePower", () -> ElasticNet.gaussian()
        .adaptive(dev.tikhonov.select.AdaptivePenalty.Pilot.RIDGE, 0).build());
    cases.put("numFolds", () -> ElasticNetCV.gaussian().numFolds(1).build());
    cases.put("gamma", () -> RelaxedLasso.gaussian().gammas(1.5).build());
    cases.put("lambda ", () -> Ridge.builder().lambda(-1).build());
    cases.put("numLambdas ", () -> RidgeCV.builder().numLambdas(0).build());
    cases.forEach((setting, build) -> {
      try {
        build.run();
        throw new AssertionError(setting + ": accepted");
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().startsWith(setting.strip()), setting + ": " + e.getMessage());
      }
    });
  }

  /**
   * RidgeCV's default grid is capped as the paths' are: numLambdas(2_000_000_000) was taken, and
   * the fit ran out of memory allocating the grid (ridge --nlambda 2000000000: exit 2 after it).
   */
  @Test
  void ridgeCV_numLambdas_isCappedAsThePathsAre() {
    assertEquals("numLambdas must be in 1..100000, got 2000000000",
        assertThrows(IllegalArgumentException.class,
            () -> RidgeCV.builder().numLambdas(2_000_000_000)).getMessage());
    assertEquals(100_000, dev.tikhonov.linear.PathSettings.MAX_NUM_LAMBDAS);
    RidgeCV.builder().numLambdas(100_000).build();
  }

  /** NaN is a bad λ, not a missing one (the builder's "unset" used to be NaN). */
  @Test
  void ridge_lambdaNaN_isRefusedAsNaN_andAMissingLambdaAsMissing() {
    assertEquals("lambda must be a finite number >= 0, got NaN",
        assertThrows(IllegalArgumentException.class,
            () -> Ridge.builder().lambda(Double.NaN).build()).getMessage());
    assertEquals("lambda must be set: Ridge solves at one λ (RidgeCV chooses one)",
        assertThrows(IllegalArgumentException.class, () -> Ridge.builder().build())
            .getMessage());
    assertEquals(0.0, Ridge.builder().lambda(0).build().lambda());
  }

  @Test
  void badSettingsAndData_areNamed() {
    assertThrows(IllegalArgumentException.class, () -> ElasticNet.gaussian().lambdas());
    assertThrows(IllegalArgumentException.class, () -> RidgeCV.builder().lambdas(1, -1));
    InputException noLambda = assertThrows(InputException.class,
        () -> ElasticNet.gaussian().build().fit(DATA));
    assertTrue(noLambda.getMessage().contains("lambda"), noLambda.getMessage());
    InputException folds = assertThrows(InputException.class,
        () -> ElasticNetCV.gaussian().numFolds(500).build().fit(DATA));
    assertTrue(folds.getMessage().startsWith("numFolds (500) is more than the 200 rows"),
        folds.getMessage());
    Dataset three = Synthetic.classification().rows(60).features(4).informative(2).classes(3)
        .seed(1).build();
    InputException binomial = assertThrows(InputException.class,
        () -> ElasticNet.binomial().lambda(0.1).build().fit(three));
    assertTrue(binomial.getMessage().contains("exactly 2 classes"), binomial.getMessage());
  }

  /**
   * Fold ids of one's own that cannot be folds are refused naming the setting, foldIds, on both
   * estimators that take them (they said "cross-validation needs at least 2 folds, got 0" for
   * 0-based ids, "row 1: fold id 0 is not in 1..2", "fold 2 of 1..3 has no rows").
   */
  @Test
  void foldIdsThatCannotBeFolds_areAnInputExceptionAboutFoldIds() {
    Dataset six = DATA.subset(new int[] {0, 1, 2, 3, 4, 5});
    Map<String, int[]> cases = new java.util.LinkedHashMap<>();
    // KFold.given's words (as --foldid's and --fold-column's); they had a wording of their own
    cases.put("foldIds: row 1 of the 6 rows has fold 0; fold numbers run from 1 to K",
        new int[6]);
    cases.put("foldIds: row 4 of the 6 rows has fold 0; fold numbers run from 1 to K",
        new int[] {1, 2, 1, 0, 2, 1});
    cases.put("foldIds: every fold number of the 6 rows is 1; cross-validation needs at least"
        + " 2 folds", new int[] {1, 1, 1, 1, 1, 1});
    cases.put("foldIds: fold 2 of 1..3 has no rows among the 6 rows; every fold number from 1"
        + " to K = 3 (the largest there) needs at least one row", new int[] {1, 3, 1, 3, 1, 3});
    cases.put("foldIds: 5 fold ids for 6 rows", new int[] {1, 2, 1, 2, 1});
    cases.forEach((message, ids) -> {
      for (Runnable fit : List.<Runnable>of(
          () -> ElasticNetCV.gaussian().foldIds(ids).build().fit(six),
          () -> RelaxedLasso.gaussian().foldIds(ids).build().fit(six))) {
        InputException e = assertThrows(InputException.class, fit::run);
        assertEquals(message, e.getMessage());
        assertEquals(java.util.Optional.of("foldIds"), e.setting());
      }
    });
  }

  @Test
  void multinomial_saveLoad_keepsEveryBit() {
    Rng rng = new Rng(1);
    Dataset d = Synthetic.classification().rows(150).features(6).informative(4).classes(4)
        .seed(rng.nextInt(1000)).build();
    LinearClassifier m = ElasticNet.multinomial().l1Ratio(0.5).lambda(0.01).build().fit(d);
    Path file = dir.resolve("m.model");
    m.save(file);
    LinearClassifier back = (LinearClassifier) Predictor.load(file);
    assertEquals(m, back, "double precision survives the file");
    assertArrayEquals(m.coefficients()[2], back.coefficients()[2]);
  }

  /**
   * One vocabulary for folds: the linear CV takes the networks' {@code Resampling.kFold(k, s)}
   * and fits exactly cv.glmnet's {@code numFolds(k).seed(s)} folds; repeated seeds, which only
   * random training needs, are refused by name.
   */
  @Test
  void resampling_kFold_isNumFoldsAndSeed_andRepeatedSeedsAreRefused() {
    Dataset data = Synthetic.regression().rows(120).features(6).informative(3).noise(1.0)
        .intercept(2.0).seed(4).build().data();
    CrossValidatedPath<LinearModel> named = ElasticNetCV.gaussian().numFolds(4).seed(9).build()
        .crossValidate(data);
    CrossValidatedPath<LinearModel> shared = ElasticNetCV.gaussian()
        .foldIds(new int[120]).resampling(Resampling.kFold(4, 9)).build().crossValidate(data);
    assertArrayEquals(named.cv().mean(), shared.cv().mean());
    assertArrayEquals(named.cv().standardError(), shared.cv().standardError());
    CrossValidatedPath<LinearModel> other = ElasticNetCV.gaussian()
        .resampling(Resampling.kFold(4, 10)).build().crossValidate(data);
    assertTrue(!java.util.Arrays.equals(named.cv().mean(), other.cv().mean()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ElasticNetCV.gaussian().resampling(Resampling.repeatedSeeds(0.2, 0, 1, 2)));
    assertTrue(e.getMessage().startsWith("resampling: a linear cross-validation fits k folds"),
        e.getMessage());
  }
}
