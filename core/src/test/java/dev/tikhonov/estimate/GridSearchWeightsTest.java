package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.select.CvMeasure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link GridSearchCV} and {@link GridSearchCV#crossValScore} with candidates that weight their
 * rows: each split is scored by the weighted evaluation of its held-out rows and the splits'
 * mean and standard error weight each split by its held-out Σ wᵢ (cv.glmnet's
 * {@code cvcompute}); integer weights search as repeated rows do on the same splits.
 */
class GridSearchWeightsTest {
  private static final double[] LAMBDAS = {3, 0.3, 0.03, 0.003};

  private static List<GridSearchCV.Candidate<LinearModel>> ridges(boolean weighted) {
    List<GridSearchCV.Candidate<LinearModel>> out = new ArrayList<>();
    for (double lambda : LAMBDAS) {
      Ridge.Builder b = Ridge.builder().lambda(lambda).standardize(true);
      if (weighted) {
        b.weightColumn("w");
      }
      out.add(GridSearchCV.Candidate.of(Map.of("lambda", lambda), b.build()));
    }
    return out;
  }

  @Test
  void weightedRidgeGrid_scoresEachSplitByTheWeightedEvaluation() {
    Dataset data = RidgeWeightsTest.data("tall.csv", true); // w in [0, 3), row 7's 0
    Resampling folds = Resampling.kFold(4, 5);
    GridSearchCV.Result<LinearModel> result = GridSearchCV.builder(ridges(true))
        .resampling(folds).measure(CvMeasure.MEAN_SQUARED_ERROR).threads(2).build()
        .crossValidate(data);
    List<Resampling.Split> splits = folds.splits(data);
    double[] w = data.column("w");
    for (int c = 0; c < LAMBDAS.length; c++) {
      double[] e = new double[splits.size()];
      double[] heldOut = new double[splits.size()];
      for (int s = 0; s < splits.size(); s++) {
        Resampling.Split split = splits.get(s);
        LinearModel m = Ridge.builder().lambda(LAMBDAS[c]).standardize(true).weightColumn("w")
            .build().fit(data.subset(split.trainRows()));
        e[s] = m.evaluate(data.subset(split.testRows()), "w").meanSquaredError();
        heldOut[s] = Arrays.stream(split.testRows()).mapToDouble(i -> w[i]).sum();
        assertEquals(e[s], result.scores().score(c, s), 1e-15, "candidate " + c + ", split " + s);
      }
      double[] meanAndSe = meanAndStandardError(e, heldOut);
      assertEquals(meanAndSe[0], result.scores().mean(c), 1e-12);
      assertEquals(meanAndSe[1], result.scores().standardError(c), 1e-12);
    }
    GridSearchCV.Scored one = GridSearchCV.crossValScore(Ridge.builder().lambda(LAMBDAS[1])
        .standardize(true).weightColumn("w").build(), data, folds,
        CvMeasure.MEAN_SQUARED_ERROR);
    assertArrayEquals(result.scores().scores()[1], one.splitLoss(), 0.0);
    assertEquals(result.scores().mean(1), one.mean(), 0.0);
  }

  /**
   * cv.glmnet's {@code cvcompute} by hand: cvm = weighted.mean(cvraw, wisum), cvsd =
   * sqrt(weighted.mean((cvraw − cvm)², wisum) / (N − 1)), for split scores {@code e} and the
   * splits' held-out Σ wᵢ {@code heldOut}.
   */
  private static double[] meanAndStandardError(double[] e, double[] heldOut) {
    double total = Arrays.stream(heldOut).sum();
    double mean = 0;
    for (int s = 0; s < e.length; s++) {
      mean += heldOut[s] * e[s] / total;
    }
    double variance = 0;
    for (int s = 0; s < e.length; s++) {
      variance += heldOut[s] * (e[s] - mean) * (e[s] - mean) / total;
    }
    return new double[] {mean, Math.sqrt(variance / (e.length - 1))};
  }

  /** Row i of {@code data} (without its weight column w) repeated copies[i] times. */
  private static Dataset repeated(Dataset data, int[] copies, List<List<Integer>> at) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    double[][] rows = data.featureRows();
    int p = rows[0].length - 1;
    for (int i = 0; i < copies.length; i++) {
      List<Integer> mine = new ArrayList<>();
      for (int c = 0; c < copies[i]; c++) {
        mine.add(x.size());
        x.add(Arrays.copyOf(rows[i], p));
        y.add(data.targets()[i]);
      }
      at.add(mine);
    }
    return Dataset.of(x.toArray(double[][]::new), y.stream().mapToDouble(v -> v).toArray(),
        data.featureNames().subList(0, p));
  }

  /** The rows of {@code rows}' copies. */
  private static int[] copiesOf(int[] rows, List<List<Integer>> at) {
    return Arrays.stream(rows).flatMap(i -> at.get(i).stream().mapToInt(Integer::intValue))
        .toArray();
  }

  @Test
  void integerWeights_searchAsRepeatedRowsOnTheSameSplits() {
    Dataset plain = RidgeWeightsTest.data("tall.csv", false);
    double[][] x = plain.featureRows();
    int n = x.length;
    int[] copies = new int[n];
    double[][] withW = new double[n][];
    for (int i = 0; i < n; i++) {
      copies[i] = i % 4; // 0 to 3 copies
      withW[i] = Arrays.copyOf(x[i], x[i].length + 1);
      withW[i][x[i].length] = copies[i];
    }
    List<String> names = new ArrayList<>(plain.featureNames());
    names.add("w");
    Dataset weighted = Dataset.of(withW, plain.targets(), names);
    List<List<Integer>> at = new ArrayList<>();
    Dataset repeated = repeated(weighted, copies, at);
    List<Resampling.Split> splits = Resampling.kFold(5, 1).splits(weighted);
    List<Resampling.Split> same = splits.stream().map(s -> new Resampling.Split(
        copiesOf(s.trainRows(), at), copiesOf(s.testRows(), at), OptionalLong.empty()))
        .toList();
    for (CvMeasure measure : new CvMeasure[] {CvMeasure.DEVIANCE, CvMeasure.MEAN_ABSOLUTE_ERROR}) {
      GridSearchCV.Result<LinearModel> a = GridSearchCV.builder(ridges(true)).measure(measure)
          .threads(2).build().crossValidate(weighted, splits, SearchListener.none());
      GridSearchCV.Result<LinearModel> b = GridSearchCV.builder(ridges(false)).measure(measure)
          .threads(2).build().crossValidate(repeated, same, SearchListener.none());
      for (int c = 0; c < LAMBDAS.length; c++) {
        assertArrayEquals(b.scores().scores()[c], a.scores().scores()[c], 1e-10);
        assertEquals(b.scores().mean(c), a.scores().mean(c), 1e-10);
        assertEquals(b.scores().standardError(c), a.scores().standardError(c), 1e-10);
      }
      assertEquals(b.indexMin(), a.indexMin());
      assertEquals(b.chosenIndex(), a.chosenIndex());
      assertArrayEquals(b.chosenModel().coefficients(), a.chosenModel().coefficients(), 1e-10);
    }
  }

  @Test
  void candidatesWeightedDifferently_areRefused() {
    List<GridSearchCV.Candidate<LinearModel>> mixed = new ArrayList<>(ridges(true));
    mixed.add(GridSearchCV.Candidate.of(Map.of("lambda", 1e-4),
        Ridge.builder().lambda(1e-4).build()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(mixed));
    assertTrue(e.getMessage().startsWith("candidates {lambda=3} and {lambda=1e-04} weight"
        + " their rows differently (weight column \"w\", unweighted)"), e.getMessage());
  }

  /** tall.csv with its w column 0 on the held-out rows of {@code split} (0-based) of 4 folds. */
  private static Dataset heldOutRowsWeighingNothing(int split) {
    Dataset data = RidgeWeightsTest.data("tall.csv", true);
    double[] w = data.column("w");
    for (int i : Resampling.kFold(4, 5).splits(data).get(split).testRows()) {
      w[i] = 0;
    }
    return data.withoutColumns("w").withColumn("w", w).withSource("tall.csv");
  }

  @Test
  void aSplitWhoseHeldOutRowsAllWeighNothing_isAFoldException_namingIt_beforeAnyFit() {
    Dataset data = heldOutRowsWeighingNothing(2);
    int rows = Resampling.kFold(4, 5).splits(data).get(2).testRows().length;
    GridSearchCV<LinearModel> search = GridSearchCV.builder(ridges(true))
        .resampling(Resampling.kFold(4, 5)).threads(1).build();
    // it was the evaluation's InputException after two splits' fits, naming no split and
    // false of the data: 'weightColumn "w": every weight of tall.csv is 0; nothing to score'
    String expected = "split 3 of 4: every one of its " + rows + " held-out rows has weight 0"
        + " (weight column \"w\"), so the split cannot be scored";
    dev.tikhonov.select.FoldException validated =
        assertThrows(dev.tikhonov.select.FoldException.class, () -> search.validate(data));
    assertEquals(expected, validated.getMessage());
    assertEquals(3, validated.fold());
    assertEquals(4, validated.numFolds());
    List<String> fitted = new ArrayList<>();
    dev.tikhonov.select.FoldException searched =
        assertThrows(dev.tikhonov.select.FoldException.class,
            () -> search.crossValidate(data, (done, total, label) -> fitted.add(label)));
    assertEquals(expected, searched.getMessage());
    assertEquals(List.of(), fitted);
    dev.tikhonov.select.FoldException scored =
        assertThrows(dev.tikhonov.select.FoldException.class,
            () -> GridSearchCV.crossValScore(Ridge.builder().lambda(0.3).weightColumn("w")
                .build(), data, Resampling.kFold(4, 5), CvMeasure.MEAN_SQUARED_ERROR));
    assertEquals(expected, scored.getMessage());
  }

  @Test
  void aSplitWhoseTrainingRowsAllWeighNothing_isAFoldException_namingIt() {
    Dataset data = RidgeWeightsTest.data("tall.csv", true);
    List<Resampling.Split> splits = Resampling.kFold(4, 5).splits(data);
    double[] w = new double[data.numRows()];
    for (int i : splits.get(0).testRows()) {
      w[i] = 1; // only split 1's held-out rows weigh anything: its training rows nothing
    }
    Dataset weighted = data.withoutColumns("w").withColumn("w", w);
    dev.tikhonov.select.FoldException e = assertThrows(dev.tikhonov.select.FoldException.class,
        () -> GridSearchCV.builder(ridges(true)).resampling(Resampling.kFold(4, 5)).build()
            .validate(weighted));
    assertEquals("split 1 of 4 (its training rows): every one of its "
        + splits.get(0).trainRows().length + " rows has weight 0 (weight column \"w\"):"
        + " nothing to fit", e.getMessage());
  }

  /** Ridge with a weight column fitted through an estimator of the user's own. */
  private static List<GridSearchCV.Candidate<LinearModel>> ownRidges() {
    List<GridSearchCV.Candidate<LinearModel>> out = new ArrayList<>();
    for (double lambda : LAMBDAS) {
      Ridge ridge = Ridge.builder().lambda(lambda).standardize(true).weightColumn("w").build();
      Estimator<LinearModel> own = train -> ridge.fit(train); // the search cannot see its column
      out.add(GridSearchCV.Candidate.of(Map.of("lambda", lambda), own));
    }
    return out;
  }

  @Test
  void weightColumn_weightsCandidatesOfYourOwn_asThePackagesWeightedOnes() {
    Dataset data = RidgeWeightsTest.data("tall.csv", true);
    Resampling folds = Resampling.kFold(4, 5);
    GridSearchCV<LinearModel> own = GridSearchCV.builder(ownRidges()).weightColumn("w")
        .resampling(folds).measure(CvMeasure.MEAN_SQUARED_ERROR).threads(2).build();
    GridSearchCV.Result<LinearModel> told = own.crossValidate(data);
    GridSearchCV.Result<LinearModel> seen = GridSearchCV.builder(ridges(true)).resampling(folds)
        .measure(CvMeasure.MEAN_SQUARED_ERROR).threads(2).build().crossValidate(data);
    for (int c = 0; c < LAMBDAS.length; c++) {
      assertArrayEquals(seen.scores().scores()[c], told.scores().scores()[c], 0.0);
      assertEquals(seen.scores().mean(c), told.scores().mean(c), 0.0);
      assertEquals(seen.scores().standardError(c), told.scores().standardError(c), 0.0);
    }
    assertEquals(java.util.Optional.of("w"), own.weightColumn());
    assertEquals(java.util.Optional.of("w"), own.toBuilder().build().weightColumn());
    // without it, the same candidates' held-out rows each count once: other scores
    GridSearchCV.Result<LinearModel> untold = GridSearchCV.builder(ownRidges()).resampling(folds)
        .measure(CvMeasure.MEAN_SQUARED_ERROR).threads(2).build().crossValidate(data);
    assertTrue(Math.abs(untold.scores().mean(1) - seen.scores().mean(1)) > 1e-6);
  }

  @Test
  void weightColumn_thatAPackageCandidateContradicts_isRefusedByBuild() {
    IllegalArgumentException unweighted = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(ridges(false)).weightColumn("w").build());
    assertEquals("candidate {lambda=3} is unweighted, but the search's weightColumn is \"w\";"
        + " a search scores every candidate on the same held-out rows, so all must weight by the"
        + " same column or none", unweighted.getMessage());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(ridges(true)).weightColumn("v").build());
    assertTrue(other.getMessage().startsWith("candidate {lambda=3} is weighted by column \"w\","
        + " but the search's weightColumn is \"v\""), other.getMessage());
    // a weighted Ridge beside a candidate of your own, not told: mixed, as before
    List<GridSearchCV.Candidate<LinearModel>> mixed = new ArrayList<>(ridges(true));
    mixed.addAll(ownRidges());
    IllegalArgumentException untold = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(mixed).build());
    assertTrue(untold.getMessage().contains("weight their rows differently (weight column"
        + " \"w\", unweighted)"), untold.getMessage());
    assertEquals(java.util.Optional.of("w"),
        GridSearchCV.builder(mixed).weightColumn("w").build().weightColumn());
    // a search of weighted candidates, as a candidate, is seen weighted (it was unweighted)
    GridSearchCV<LinearModel> inner = GridSearchCV.builder(ridges(true)).build();
    assertEquals(java.util.Optional.of("w"), GridSearchCV.builder(
        List.of(GridSearchCV.Candidate.of(Map.of(), inner))).build().weightColumn());
    IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
        () -> MlpPathCV.builder(MlpPathCVTest.path(MlpPath.Start.COLD)).weightColumn("w")
            .build());
    assertTrue(path.getMessage().startsWith("the path's base is unweighted, but the search's"
        + " weightColumn is \"w\""), path.getMessage());
  }

  /**
   * crossValScore's weighted form scores an estimator of your own as the search told its weight
   * column does: against the weighted mean over the folds computed here by hand, each split's
   * Σ wᵢ(yᵢ − ŷᵢ)² / Σ wᵢ over its held-out rows from the fit's predictions, the mean and
   * standard error weighting split k by its held-out Σ wᵢ (cv.glmnet's {@code cvcompute}).
   * Without the column, the same estimator's held-out rows count once each (other numbers).
   */
  @Test
  void crossValScore_withAWeightColumn_scoresYourOwnEstimatorWeighted() {
    Dataset data = RidgeWeightsTest.data("tall.csv", true);
    Resampling folds = Resampling.kFold(4, 5);
    Ridge ridge = Ridge.builder().lambda(0.3).standardize(true).weightColumn("w").build();
    Estimator<LinearModel> own = train -> ridge.fit(train); // the search cannot see its column
    GridSearchCV.Scored scored = GridSearchCV.crossValScore(own, data, folds,
        CvMeasure.MEAN_SQUARED_ERROR, "w");
    List<Resampling.Split> splits = folds.splits(data);
    double[] w = data.column("w");
    double[] y = data.targets();
    int k = splits.size();
    double[] e = new double[k];
    double[] heldOut = new double[k];
    for (int s = 0; s < k; s++) {
      Resampling.Split split = splits.get(s);
      LinearModel m = ridge.fit(data.subset(split.trainRows()));
      double[] predicted = m.predict(data.subset(split.testRows()).withoutColumns("w"));
      double sum = 0;
      for (int j = 0; j < predicted.length; j++) {
        int i = split.testRows()[j];
        sum += w[i] * (y[i] - predicted[j]) * (y[i] - predicted[j]);
        heldOut[s] += w[i];
      }
      e[s] = sum / heldOut[s];
    }
    double[] meanAndSe = meanAndStandardError(e, heldOut);
    assertArrayEquals(e, scored.splitLoss(), 1e-12);
    assertEquals(meanAndSe[0], scored.mean(), 1e-12);
    assertEquals(meanAndSe[1], scored.standardError(), 1e-12);
    assertEquals(java.util.Optional.of("w"), scored.weightColumn());
    assertEquals(CvMeasure.MEAN_SQUARED_ERROR, scored.measure());
    // the package's weighted Ridge, seen by the search, gives the same numbers
    GridSearchCV.Scored seen = GridSearchCV.crossValScore(ridge, data, folds,
        CvMeasure.MEAN_SQUARED_ERROR);
    assertArrayEquals(seen.splitLoss(), scored.splitLoss(), 0.0);
    GridSearchCV.Scored told = GridSearchCV.crossValScore(ridge, data, folds,
        CvMeasure.MEAN_SQUARED_ERROR, "w");
    assertArrayEquals(seen.splitLoss(), told.splitLoss(), 0.0);
    assertEquals(seen.toString(), told.toString());
    GridSearchCV.Scored untold = GridSearchCV.crossValScore(own, data, folds,
        CvMeasure.MEAN_SQUARED_ERROR);
    assertTrue(Math.abs(untold.mean() - meanAndSe[0]) > 1e-6, untold + " vs " + scored);
  }

  /**
   * The weighted form refuses what the search told a weight column refuses: a split whose
   * held-out rows all weigh nothing (a FoldException naming it, before any fit), a column the
   * data lacks, and a package estimator weighted otherwise.
   */
  @Test
  void crossValScore_withAWeightColumn_refusesAWeightlessSplit_namingIt_beforeAnyFit() {
    Dataset data = heldOutRowsWeighingNothing(2);
    int rows = Resampling.kFold(4, 5).splits(data).get(2).testRows().length;
    java.util.concurrent.atomic.AtomicInteger fits =
        new java.util.concurrent.atomic.AtomicInteger();
    Ridge ridge = Ridge.builder().lambda(0.3).weightColumn("w").build();
    Estimator<LinearModel> own = train -> {
      fits.incrementAndGet();
      return ridge.fit(train);
    };
    dev.tikhonov.select.FoldException e = assertThrows(dev.tikhonov.select.FoldException.class,
        () -> GridSearchCV.crossValScore(own, data, Resampling.kFold(4, 5),
            CvMeasure.MEAN_SQUARED_ERROR, "w"));
    assertEquals("split 3 of 4: every one of its " + rows + " held-out rows has weight 0"
        + " (weight column \"w\"), so the split cannot be scored", e.getMessage());
    assertEquals(3, e.fold());
    assertEquals(0, fits.get(), "nothing fitted");
    dev.tikhonov.data.InputException missing = assertThrows(
        dev.tikhonov.data.InputException.class, () -> GridSearchCV.crossValScore(own, data,
            Resampling.kFold(4, 5), CvMeasure.MEAN_SQUARED_ERROR, "v"));
    assertEquals(java.util.Optional.of("weightColumn"), missing.setting(), missing.getMessage());
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.crossValScore(ridge, data, Resampling.kFold(4, 5),
            CvMeasure.MEAN_SQUARED_ERROR, "v"));
    assertTrue(other.getMessage().contains("weighted by column \"w\", but the search's"
        + " weightColumn is \"v\""), other.getMessage());
    assertEquals(0, fits.get(), "nothing fitted");
  }
}
