package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.select.GridSearch;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.DivergenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link GridSearchCV} over an {@link MlpGrid}: scores, the rule, the refit, the order. */
class GridSearchCVTest {
  static final Dataset DIGITS = Mnist.bundled().train().subset(IntStream.range(0, 300).toArray());

  static MlpClassifier base() {
    return MlpClassifier.builder().hiddenLayers(12).epochs(4).batchSize(30).seed(1).build();
  }

  /** Diverges in epoch 1 on every split of {@code DIGITS}' 4 folds (seed 0). */
  static final double LEARNING_RATE_THAT_DIVERGES = 1e7;

  static MlpGrid<NetworkClassifier> grid() {
    return MlpGrid.builder(base()).lambdas(1e-4, 0.1).dropouts(0, 0.3)
        .learningRates(0.05, 0.02).build();
  }

  @Test
  void grid_listsTheMostRegularizedFirst() {
    MlpGrid<NetworkClassifier> g = MlpGrid.builder(base()).lambdas(1e-4, 0.1, 0.01)
        .dropouts(0, 0.3).weightDecays(0, 1e-3).learningRates(0.05, 0.02).build();
    assertEquals(24, g.size());
    List<Map<String, Object>> s = g.candidates().stream().map(GridSearchCV.Candidate::settings)
        .toList();
    assertEquals(Map.of("lambda", 0.1, "dropout", 0.3, "weight_decay", 1e-3,
        "learning_rate", 0.05), s.get(0));
    assertEquals(Map.of("lambda", 0.1, "dropout", 0.3, "weight_decay", 1e-3,
        "learning_rate", 0.02), s.get(1));
    assertEquals(Map.of("lambda", 0.1, "dropout", 0.3, "weight_decay", 0.0,
        "learning_rate", 0.05), s.get(2));
    assertEquals(Map.of("lambda", 1e-4, "dropout", 0.0, "weight_decay", 0.0,
        "learning_rate", 0.02), s.get(23));
    assertEquals(List.of(0.1, 0.01, 1e-4), g.axes().get("lambda"));
    MlpGrid<NetworkClassifier> alone = MlpGrid.builder(base()).build();
    assertEquals(1, alone.size(), "every axis defaults to the base's value");
    assertEquals(Map.of("lambda", 0.0, "dropout", 0.0, "weight_decay", 0.0,
        "learning_rate", 0.05), alone.candidates().get(0).settings());
  }

  @Test
  void search_scoresEveryCandidateOnEverySplit_asAFitAlone() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(grid())
        .resampling(Resampling.kFold(3, 2)).threads(2).build().crossValidate(DIGITS);
    GridSearch.Result<Map<String, Object>> scores = r.scores();
    assertEquals(8, scores.configs().size());
    assertEquals(3, scores.scores()[0].length);
    Resampling.Split split = Resampling.kFold(3, 2).splits(DIGITS).get(2);
    int before = Blas.threads();
    Blas.setThreads(1);
    try {
      // candidate 5: λ = 1e-4, dropout 0.3, learning rate 0.02
      NetworkClassifier alone = base().toBuilder().lambda(1e-4).dropout(0.3)
          .optimizer(Optimizers.sgd(0.02).momentum(0.9)).build()
          .fit(DIGITS.subset(split.trainRows()));
      assertEquals(Map.of("lambda", 1e-4, "dropout", 0.3, "weight_decay", 0.0,
          "learning_rate", 0.02), scores.configs().get(5));
      assertEquals(alone.evaluate(DIGITS.subset(split.testRows())).loss(),
          scores.scores()[5][2], 0.0);
    } finally {
      Blas.setThreads(before);
    }
    assertTrue(scores.index1se() <= scores.indexMin());
    assertEquals(scores.index1se(), r.chosenIndex());
    // λ = 0.1 underfits: candidates 0..3 are λ = 0.1 and 4..7 the same dropout and learning
    // rate at λ = 1e-4; each heavy one scores worse than its light twin, and none is the best.
    // (A fixed margin over the best, 0.5, failed by 0.011 once dropout masks became
    // counter-based: the dropout candidates moved, the λ effect did not.)
    for (int c = 0; c < 4; c++) {
      assertEquals(0.1, scores.configs().get(c).get("lambda"));
      assertEquals(scores.configs().get(c).get("dropout"),
          scores.configs().get(c + 4).get("dropout"));
      assertTrue(scores.mean()[c] > scores.mean()[c + 4] + 0.1,
          "λ = 0.1 underfits candidate " + c + ": " + scores.mean()[c] + " against "
              + scores.mean()[c + 4]);
    }
    assertTrue(scores.indexMin() >= 4, "the best candidate has λ = 1e-4");
  }

  @Test
  void search_refitsTheChosenCandidateOnAllRows_underItsOwnName() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(grid())
        .resampling(Resampling.kFold(3, 2)).rule(SelectionRule.MINIMUM).threads(2).build()
        .crossValidate(DIGITS);
    assertEquals(r.scores().indexMin(), r.chosenIndex());
    Map<String, Object> chosen = r.chosenSettings();
    NetworkClassifier expected = base().toBuilder()
        .lambda((Double) chosen.get("lambda")).dropout((Double) chosen.get("dropout"))
        .optimizer(Optimizers.sgd((Double) chosen.get("learning_rate")).momentum(0.9)).build()
        .fit(DIGITS);
    assertArrayEquals(expected.layers().get(0).weight(), r.chosenModel().layers().get(0).weight());
    assertEquals("GridSearchCV", r.chosenModel().provenance().estimator());
    assertEquals(chosen.get("lambda"), r.chosenModel().provenance().settings().get("lambda"));
    assertEquals("min", r.chosenModel().provenance().settings().get("rule"));
    assertEquals((Double) chosen.get("lambda"), r.chosenLambda().getAsDouble());
    int at = r.scored(r.chosenIndex()).orElseThrow().scoreIndex();
    assertTrue(r.misclassification().orElseThrow().mean()[at] < 0.5);
  }

  /**
   * A learning rate of 10⁶ diverges in the first epoch. It used to stop the whole search with a
   * DivergenceException, although the other candidates were fine; it is now a failed candidate:
   * its outcome says where it diverged, it has no score, and the others are scored, compared
   * and chosen from exactly as in a grid without it.
   */
  @Test
  void search_aCandidateThatDiverges_isLeftOut_theRestExactlyAsWithoutIt() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(MlpGrid.builder(base())
            .learningRates(1e6, 0.05, 0.02).build())
        .resampling(Resampling.kFold(2, 0)).rule(SelectionRule.MINIMUM).threads(2).build()
        .crossValidate(DIGITS);
    GridSearchCV.Result<NetworkClassifier> without = GridSearchCV.builder(
            MlpGrid.builder(base()).learningRates(0.05, 0.02).build())
        .resampling(Resampling.kFold(2, 0)).rule(SelectionRule.MINIMUM).threads(2).build()
        .crossValidate(DIGITS);

    assertEquals(3, r.outcomes().size());
    GridSearchCV.Diverged d = assertInstanceOf(GridSearchCV.Diverged.class, r.outcomes().get(0));
    assertEquals(1e6, d.settings().get("learning_rate"));
    assertEquals(List.of(d), r.diverged());
    // On these rows split 1 stays under the growth limit and split 2 does not: one diverged
    // split is enough to leave the candidate out.
    assertEquals(2, d.split(), "the first split where it diverged");
    assertEquals(1, d.epoch());
    assertTrue(d.message().startsWith("training diverged at epoch 1"), d.message());
    assertTrue(d.describe().startsWith("split 2 of 2, {lambda=0, dropout=0,"), d.describe());

    assertEquals(without.scores().configs(), r.scores().configs());
    assertArrayEquals(without.scores().mean(), r.scores().mean(), 0.0);
    assertArrayEquals(without.scores().standardError(), r.scores().standardError(), 0.0);
    assertArrayEquals(without.misclassification().orElseThrow().mean(),
        r.misclassification().orElseThrow().mean(), 0.0);
    // by the grid's index, the diverged candidate has no score; the others' are those of the
    // scores' one place lower
    assertEquals(Optional.empty(), r.scored(0));
    assertThrows(IndexOutOfBoundsException.class, () -> r.scored(3));
    for (int i = 1; i < 3; i++) {
      GridSearchCV.Scored s = assertInstanceOf(GridSearchCV.Scored.class, r.outcomes().get(i));
      assertEquals(s, r.scored(i).orElseThrow());
      assertEquals(without.scores().mean(i - 1), r.scored(i).orElseThrow().mean(), 0.0);
      assertEquals(i, r.candidateIndex(s.scoreIndex()));
      assertArrayEquals(without.scores().scores()[i - 1], s.splitLoss(), 0.0);
    }
    assertEquals(without.chosenIndex() + 1, r.chosenIndex(), "indices count all candidates");
    assertEquals(without.scores().indexMin() + 1, r.indexMin());
    assertEquals(without.chosenSettings(), r.chosenSettings());
    assertArrayEquals(without.chosenModel().layers().get(0).weight(),
        r.chosenModel().layers().get(0).weight());
  }

  /**
   * A candidate that diverged on a split used to go on training its other splits, wasted work
   * that can be most of a grid's time; a split is now skipped once a lower split of its
   * candidate is known to have diverged. The outcome is the one the search gave when it trained
   * every split (the candidate fitted split by split, the first divergence), with 1 thread and
   * with 2, and the fits of the diverging candidate are counted as they happen.
   */
  @Test
  void search_aCandidateThatDivergesOnASplit_trainsNoSplitAfterIt_sameOutcomeAtAnyThreads() {
    Resampling folds = Resampling.kFold(4, 0);
    List<GridSearchCV.Candidate<NetworkClassifier>> grid = MlpGrid.builder(base())
        .learningRates(LEARNING_RATE_THAT_DIVERGES, 0.05).build().candidates();
    GridSearchCV.Candidate<NetworkClassifier> diverging = grid.get(0);

    // What the search reported when it trained every split: the first split that diverged.
    List<Resampling.Split> splits = folds.splits(DIGITS);
    List<GridSearchCV.Diverged> everySplit = new ArrayList<>();
    int before = Blas.threads();
    Blas.setThreads(1); // each fit of a search runs at one thread
    try {
      for (int s = 0; s < splits.size(); s++) {
        try {
          diverging.estimator().fit(DIGITS.subset(splits.get(s).trainRows()));
        } catch (DivergenceException d) {
          everySplit.add(new GridSearchCV.Diverged(diverging.settings(), s + 1, splits.size(),
              d.epoch(), d.batch(), d.getMessage()));
        }
      }
    } finally {
      Blas.setThreads(before);
    }
    assertEquals(List.of(1, 2, 3, 4), everySplit.stream().map(GridSearchCV.Diverged::split)
        .toList(), "the test needs a candidate that diverges on every split");
    GridSearchCV.Diverged expected = everySplit.get(0);

    for (int threads : new int[] {1, 2}) {
      AtomicInteger trained = new AtomicInteger();
      GridSearchCV.Candidate<NetworkClassifier> counted = GridSearchCV.Candidate.of(
          diverging.settings(), train -> {
            trained.incrementAndGet();
            return diverging.estimator().fit(train);
          });
      List<String> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger reported = new AtomicInteger();
      GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(List.of(counted,
              grid.get(1))).resampling(folds).threads(threads).build()
          .crossValidate(DIGITS, (done, total, label) -> {
            reported.incrementAndGet();
            if (label.contains("(skipped")) {
              skipped.add(label);
            }
          });

      assertEquals(List.of(expected), r.diverged(), threads + " threads");
      assertEquals(2 * 4 + 1, reported.get(), "every fit reported, the skipped ones too");
      assertEquals(4 - trained.get(), skipped.size(), threads + " threads: " + skipped);
      // the settings as every progress line writes numbers (they were "learning_rate=1.0E7")
      String settings = "{lambda=0, dropout=0, weight_decay=0, learning_rate=1e+07}";
      if (threads == 1) {
        assertEquals(1, trained.get(), "one thread: split 1 alone is trained");
        assertEquals(List.of(2, 3, 4).stream().map(s -> "split " + s + " of 4, " + settings
            + " (skipped: split 1 diverged)").toList(), skipped);
      } else {
        // With two lanes at most one other fit runs when a split starts, so split s ≥ 3 starts
        // after split 1 or 2 has finished, and both diverge: only splits 1 and 2 can run.
        assertTrue(trained.get() <= 2, "two threads: " + trained.get() + " splits trained");
        for (String label : skipped) {
          assertTrue(label.matches("split [2-4] of 4, \\Q" + settings
              + "\\E \\(skipped: split [12] diverged\\)"), label);
        }
      }
      assertEquals(1, r.chosenIndex());
    }
  }

  @Test
  void search_whenEveryCandidateDiverges_throwsSayingSo() {
    GridSearchCV<NetworkClassifier> search = GridSearchCV.builder(MlpGrid.builder(base())
            .learningRates(1e6, 1e7).build())
        .resampling(Resampling.kFold(2, 0)).threads(2).build();
    DivergenceException e = assertThrows(DivergenceException.class, () -> search.crossValidate(DIGITS));
    assertTrue(e.getMessage().startsWith("all 2 candidates diverged, so there is nothing to"
        + " choose from; the first: split "), e.getMessage());
    assertTrue(e.getMessage().contains("training diverged at epoch 1"), e.getMessage());
    assertEquals(1, e.epoch());
  }

  /**
   * At learning rate 1000 both folds of 150 rows stay under the divergence check and the refit
   * on all 300 rows does not: the exception said only "training diverged at epoch …", as if a
   * fold's fit had; it now names the refit and the candidate.
   */
  @Test
  void search_whenTheChosenCandidateDivergesOnAllRows_throwsNamingTheRefit() {
    GridSearchCV<NetworkClassifier> search = GridSearchCV.builder(MlpGrid.builder(base())
            .learningRates(1000).build())
        .resampling(Resampling.kFold(2, 0)).threads(2).build();
    DivergenceException e = assertThrows(DivergenceException.class, () -> search.crossValidate(DIGITS));
    // the settings as the progress lines write them (it said "{lambda=0.0, …,
    // learning_rate=1000.0}"), and the trainer's numbers in a few digits
    assertTrue(e.getMessage().startsWith("all rows, {lambda=0, dropout=0, weight_decay=0,"
        + " learning_rate=1000}: training diverged at epoch "), e.getMessage());
    assertTrue(e.getMessage().contains("Likely cause: the learning rate 1000 "), e.getMessage());
  }

  @Test
  void repeatedSeeds_needCandidatesThatCanBeReseeded() {
    GridSearchCV.Result<NetworkClassifier> r = GridSearchCV.builder(
        MlpGrid.builder(base()).lambdas(1e-3, 1e-2).build())
        .resampling(Resampling.repeatedSeeds(0.3, 1, 5, 6)).threads(2).build().crossValidate(DIGITS);
    assertTrue(r.scores().scores()[0][0] != r.scores().scores()[0][1], "two seeds, two fits");
    GridSearchCV.Candidate<NetworkClassifier> plain =
        GridSearchCV.Candidate.of(Map.of("lambda", 0.01), base());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(List.of(plain))
            .resampling(Resampling.repeatedSeeds(0.3, 1, 5, 6)).build().crossValidate(DIGITS));
    assertTrue(e.getMessage().contains("cannot be reseeded"), e.getMessage());
    GridSearchCV.Result<NetworkClassifier> any = GridSearchCV.builder(List.of(plain))
        .resampling(Resampling.kFold(2, 0)).build().crossValidate(DIGITS);
    assertEquals(0, any.chosenIndex());
  }

  @Test
  void badSettings_areRefusedByName() {
    assertThrows(IllegalArgumentException.class, () -> MlpGrid.builder(base()).lambdas());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> MlpGrid.builder(base()).lambdas(0.1, -1));
    assertTrue(negative.getMessage().startsWith("lambdas must be"), negative.getMessage());
    IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
        () -> MlpGrid.builder(base()).dropouts(0, 1));
    assertTrue(dropout.getMessage().startsWith("dropouts must be in [0, 1)"),
        dropout.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MlpGrid.builder(base()).learningRates(0));
    assertThrows(IllegalArgumentException.class,
        () -> MlpGrid.builder(base()).weightDecays(0.1, 0.1));
    IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
        () -> GridSearchCV.builder(List.of(GridSearchCV.Candidate.of(Map.of(),
            base().toBuilder().threads(2).build()))));
    assertTrue(threads.getMessage().contains("sets threads"), threads.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GridSearchCV.builder(List.of()));
  }

  /**
   * A Scored outcome printed its split losses as an array's address ("[D@1b6d3586"), then a
   * "score" that did not say by what measure, nor whether weighted.
   */
  @Test
  void scored_printsItsScore_notAnArrayAddress() {
    GridSearchCV.Scored s = new GridSearchCV.Scored(Map.of("lambda", 0.001), 0,
        new double[] {0.25, 0.5, 0.75}, 0.5, 0.1443, dev.tikhonov.select.CvMeasure.DEVIANCE,
        java.util.Optional.empty());
    assertEquals("Scored[{lambda=1e-03}, loss 0.500000 ± 0.14 over 3 splits, unweighted]",
        s.toString());
    GridSearchCV.Scored w = new GridSearchCV.Scored(Map.of("lambda", 0.001), 0,
        new double[] {0.25, 0.5, 0.75}, 0.5, 0.1443,
        dev.tikhonov.select.CvMeasure.MISCLASSIFICATION, java.util.Optional.of("w"));
    assertEquals("Scored[{lambda=1e-03}, misclassification 0.500000 ± 0.14 over 3 splits,"
        + " weighted by column \"w\"]", w.toString());
  }

  /**
   * The outcomes are the immutable values their javadoc says: a candidate's settings map may be
   * its implementer's own (Candidate is an interface), and the split losses an array the caller
   * keeps; writing into either afterwards, or into what the accessors return, changes nothing.
   */
  @Test
  void outcomes_copyTheirSettingsAndSplitLosses_inAndOut() {
    Map<String, Object> settings = new java.util.LinkedHashMap<>(Map.of("lambda", 0.001));
    double[] losses = {0.25, 0.5, 0.75};
    GridSearchCV.Scored s = new GridSearchCV.Scored(settings, 0, losses, 0.5, 0.1443,
        dev.tikhonov.select.CvMeasure.DEVIANCE, java.util.Optional.empty());
    GridSearchCV.Diverged d = new GridSearchCV.Diverged(settings, 1, 5, 2, 3, "diverged");

    settings.put("lambda", 1.0);
    settings.put("dropout", 0.5);
    losses[0] = 9;
    s.splitLoss()[1] = 9;

    assertEquals(Map.of("lambda", 0.001), s.settings());
    assertEquals(Map.of("lambda", 0.001), d.settings());
    assertArrayEquals(new double[] {0.25, 0.5, 0.75}, s.splitLoss(), 0.0);
    assertThrows(UnsupportedOperationException.class, () -> d.settings().put("lambda", 2.0));
    assertThrows(UnsupportedOperationException.class, () -> s.settings().clear());
    assertEquals("split 1 of 5, {lambda=1e-03}: diverged", d.describe());
  }

  /**
   * A regression target that varies in one row only: the fold that holds that row out trains
   * on one value. Both searches refuse before any fit, naming the split (a FoldException the
   * CLI turns into its flags); the fit's own "the target is constant" named none.
   */
  @Test
  void searches_aSplitWithAConstantTarget_isAFoldExceptionNamingIt() {
    Resampling folds = Resampling.kFold(3, 0);
    // two rows of the first fold's held-out rows differ from the others' 5: its training rows
    // have one value, the other folds' do not
    int[] heldOut = folds.splits(almostConstant(new int[0])).get(0).testRows();
    Dataset data = almostConstant(new int[] {heldOut[0], heldOut[1]});
    assertSearchesRefuse(data, folds, dev.tikhonov.select.FoldException.class,
        "split 1 of 3 (its training rows): the target is constant (5.0): nothing to fit");
    dev.tikhonov.select.FoldException e = assertThrows(dev.tikhonov.select.FoldException.class,
        () -> GridSearchCV.builder(MlpGrid.builder(MlpRegressor.builder().hiddenLayers(3)
            .epochs(1).build()).lambdas(0, 0.1).build()).resampling(folds).threads(1).build()
            .crossValidate(data));
    assertEquals(1, e.fold());
    assertEquals(3, e.numFolds());
  }

  /**
   * A target that differs from the others' one value in a single row: every k-fold split holds
   * that row out once, so some split trains on one value whatever the seed or the number of
   * folds (leave-one-out included). The searches named that split and the CLI advised another
   * fold seed or more folds, neither of which can help; the refusal names the data instead.
   */
  @Test
  void searches_aTargetVaryingInOneRow_isRefusedWhateverTheFolds() {
    Dataset data = almostConstant(new int[] {4});
    for (Resampling folds : List.of(Resampling.kFold(3, 0), Resampling.kFold(3, 7),
        Resampling.kFold(12, 0))) {
      assertSearchesRefuse(data, folds, dev.tikhonov.data.InputException.class, data.source()
          + ": the target is 5.0 on 11 of the 12 rows to search on and 6.0 on one: whatever"
          + " the folds, the one holding that row out trains on one value; cross-validation"
          + " needs a target that varies in at least two rows");
    }
  }

  /**
   * Repeated seeds fit one split several times: its refusal said "split 1 of 3", as if two
   * other splits existed.
   */
  @Test
  void searches_repeatedSeedsOnAConstantSplit_nameTheOneSplit() {
    Resampling seeds = Resampling.repeatedSeeds(0.25, 0, 1, 2, 3);
    int[] heldOut = seeds.splits(almostConstant(new int[0])).get(0).testRows();
    assertSearchesRefuse(almostConstant(new int[] {heldOut[0], heldOut[1]}), seeds,
        dev.tikhonov.select.FoldException.class,
        "the split (its training rows): the target is constant (5.0): nothing to fit");
  }

  /**
   * Rows of one class leave a classifier nothing to tell apart: a single fit of either network
   * classifier and the λ path's grid refuse them as a constant target (they fitted them, and
   * with λ = 0 ended wherever the epochs did: LogisticRegression said 0.90 for its one class),
   * and both searches name a split whose training rows are of one class (its fit would have
   * refused it naming no split).
   */
  @Test
  void classifiers_rowsOfOneClass_areAConstantTarget_andASplitOfOneClassIsNamed() {
    Dataset one = twoDeclaredClasses(new int[0]);
    String problem = "the rows are all of class \"a\" (of the 2 declared): a classifier needs"
        + " rows of two classes or more";
    MlpClassifier mlp = MlpClassifier.builder().hiddenLayers(3).epochs(1).build();
    for (org.junit.jupiter.api.function.Executable fit : List.<org.junit.jupiter.api.function
        .Executable>of(() -> mlp.fit(one), () -> LogisticRegression.builder().epochs(1).build()
        .fit(one), () -> MlpPath.builder(mlp).build().lambdas(one))) {
      var e = assertThrows(dev.tikhonov.data.ConstantTargetException.class, fit);
      assertEquals(problem, e.getMessage());
    }
    assertClassifierSearchesRefuse(one, Resampling.kFold(3, 0),
        dev.tikhonov.data.ConstantTargetException.class, problem);

    Resampling folds = Resampling.kFold(3, 0);
    int[] heldOut = folds.splits(one).get(1).testRows();
    Dataset data = twoDeclaredClasses(new int[] {heldOut[0], heldOut[1]});
    assertClassifierSearchesRefuse(data, folds, dev.tikhonov.select.FoldException.class,
        "split 2 of 3 (its training rows): " + problem);
    // one class missing from a split's training rows, two left: fitted as before
    int[] labels = data.labels();
    for (int i = 0; i < labels.length; i += 2) {
      labels[i] = labels[i] == 0 ? 2 : labels[i];
    }
    Dataset three = Dataset.ofClasses(data.featureRows(), labels, List.of("a", "b", "c"),
        data.featureNames());
    assertEquals(3, MlpPathCV.builder(MlpPath.builder(mlp).lambdas(0.1).build())
        .resampling(folds).threads(1).build().crossValidate(three).splitPoints().size());
  }

  /**
   * Two classes, one of them in one row: whatever the folds, the one holding that row out
   * trains on one class. The searches named that split, and the CLI advised another fold seed
   * or more folds, neither of which can help; the refusal names the data, as for a regression
   * target that varies in one row.
   */
  @Test
  void searches_aClassInOneRowOfTwoClasses_isRefusedWhateverTheFolds() {
    Dataset data = twoDeclaredClasses(new int[] {4});
    for (Resampling folds : List.of(Resampling.kFold(3, 0), Resampling.kFold(3, 7),
        Resampling.kFold(12, 0))) {
      assertClassifierSearchesRefuse(data, folds, dev.tikhonov.data.InputException.class,
          data.source() + ": 11 of the 12 rows to search on are of class \"a\" and one of class"
          + " \"b\": whatever the folds, the one holding that row out trains on one class;"
          + " cross-validation needs two classes with at least two rows each");
    }
  }

  /** 12 rows of two features, classes "a" and "b" declared, of class "b" in {@code bs}. */
  private static Dataset twoDeclaredClasses(int[] bs) {
    double[][] x = new double[12][];
    int[] labels = new int[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i % 5, i % 3};
    }
    for (int i : bs) {
      labels[i] = 1;
    }
    return Dataset.ofClasses(x, labels, List.of("a", "b"), List.of("x1", "x2"));
  }

  /** {@link #assertSearchesRefuse} with a classifier. */
  private static void assertClassifierSearchesRefuse(Dataset data, Resampling resampling,
      Class<? extends RuntimeException> type, String message) {
    MlpClassifier classifier = MlpClassifier.builder().hiddenLayers(3).epochs(1).build();
    assertSearchesRefuse(MlpGrid.builder(classifier).lambdas(0, 0.1).build(),
        MlpPath.builder(classifier).lambdas(0.1, 0.01).build(), data, resampling, type, message);
  }

  /** 12 rows of two features whose target is 5 but 6, 7, … in {@code varying}'s rows. */
  private static Dataset almostConstant(int[] varying) {
    double[][] x = new double[12][];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i % 5, i % 3};
      y[i] = 5;
    }
    for (int k = 0; k < varying.length; k++) {
      y[varying[k]] = 6 + k;
    }
    return Dataset.of(x, y);
  }

  /**
   * Both network searches on {@code data} throw {@code type} with {@code message}, from
   * crossValidate and alike from validate, which fits nothing.
   */
  private static void assertSearchesRefuse(Dataset data, Resampling resampling,
      Class<? extends RuntimeException> type, String message) {
    MlpRegressor regressor = MlpRegressor.builder().hiddenLayers(3).epochs(1).build();
    assertSearchesRefuse(MlpGrid.builder(regressor).lambdas(0, 0.1).build(),
        MlpPath.builder(regressor).lambdas(0.1, 0.01).build(), data, resampling, type, message);
  }

  /** The grid and the path searched with {@code resampling} throw {@code type}, {@code message}. */
  private static <P extends Predictor> void assertSearchesRefuse(MlpGrid<P> candidates,
      MlpPath<P> lambdas, Dataset data, Resampling resampling,
      Class<? extends RuntimeException> type, String message) {
    GridSearchCV<P> grid = GridSearchCV.builder(candidates).resampling(resampling).threads(1)
        .build();
    MlpPathCV<P> path = MlpPathCV.builder(lambdas).resampling(resampling).threads(1).build();
    List<org.junit.jupiter.api.function.Executable> searches = List.of(
        () -> grid.crossValidate(data), () -> grid.validate(data),
        () -> path.crossValidate(data), () -> path.validate(data));
    for (org.junit.jupiter.api.function.Executable search : searches) {
      RuntimeException e = assertThrows(type, search);
      assertEquals(type, e.getClass());
      assertEquals(message, e.getMessage());
    }
  }

  /**
   * validate refuses more folds than rows as crossValidate does, naming the setting, and passes
   * data that crossValidate fits.
   */
  @Test
  void validate_refusesMoreFoldsThanRows_andPassesWhatTheSearchFits() {
    Dataset data = almostConstant(new int[] {0, 1, 2, 3, 4, 5});
    assertSearchesRefuse(data, Resampling.kFold(13, 0), dev.tikhonov.data.InputException.class,
        "numFolds (13) is more than the 12 rows to search on (" + data.source() + "): every"
            + " fold needs a row; use at most 12");
    MlpRegressor regressor = MlpRegressor.builder().hiddenLayers(3).epochs(1).build();
    GridSearchCV<NetworkRegressor> grid = GridSearchCV.builder(MlpGrid.builder(regressor)
        .lambdas(0, 0.1).build()).resampling(Resampling.kFold(3, 0)).threads(1).build();
    grid.validate(data);
    assertEquals(2, grid.crossValidate(data).outcomes().size());
  }

  /**
   * A regression target of one value on every row: the searches said "split 1 of 3 (its
   * training rows): the target is constant", a fault of the folds (whose remedy, other folds,
   * cannot help), and the λ path with its default grid "the targets do not vary with the
   * features (λ_max = 0.0) … give the λ values", after which it is refused anyway. Each is the
   * ConstantTargetException a single fit throws.
   */
  @Test
  void searches_aConstantTarget_isAConstantTargetException() {
    double[][] x = new double[12][];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i % 5, i % 3};
      y[i] = 5;
    }
    Dataset data = Dataset.of(x, y);
    MlpRegressor regressor = MlpRegressor.builder().hiddenLayers(3).epochs(1).build();
    Resampling folds = Resampling.kFold(3, 0);
    List<org.junit.jupiter.api.function.Executable> searches = List.of(
        () -> GridSearchCV.builder(MlpGrid.builder(regressor).lambdas(0, 0.1).build())
            .resampling(folds).threads(1).build().crossValidate(data),
        () -> MlpPathCV.builder(MlpPath.builder(regressor).lambdas(0.1, 0.01).build())
            .resampling(folds).threads(1).build().crossValidate(data),
        () -> MlpPathCV.builder(MlpPath.builder(regressor).build())
            .resampling(folds).threads(1).build().crossValidate(data),
        () -> MlpPath.builder(regressor).build().fit(data));
    for (org.junit.jupiter.api.function.Executable search : searches) {
      dev.tikhonov.data.ConstantTargetException e =
          assertThrows(dev.tikhonov.data.ConstantTargetException.class, search);
      assertEquals("the target is constant (5.0): nothing to fit", e.getMessage());
    }
  }

  /**
   * cross_val_score: each split's score is the estimator fitted on that split's training rows
   * and scored on its held-out rows, computed here split by split; the mean weights the splits
   * by their held-out rows; the same numbers as the one-candidate search's outcome; and only
   * the splits are fitted (the search fits once more, on all rows).
   */
  @Test
  void crossValScore_isEachSplitsHeldOutScore_withoutAFitOnAllRows() {
    Dataset data = dev.tikhonov.data.Synthetic.regression().rows(103).features(6).informative(3)
        .noise(1.0).seed(7).build().data();
    Resampling folds = Resampling.kFold(4, 2);
    AtomicInteger fits = new AtomicInteger();
    Ridge ridge = Ridge.builder().lambda(0.3).build();
    Estimator<LinearModel> counted = train -> {
      fits.incrementAndGet();
      return ridge.fit(train);
    };
    GridSearchCV.Scored score = GridSearchCV.crossValScore(counted, data, folds,
        dev.tikhonov.select.CvMeasure.MEAN_SQUARED_ERROR);
    assertEquals(4, fits.get(), "one fit per split, none on all rows");
    List<Resampling.Split> splits = folds.splits(data);
    double[] expected = new double[splits.size()];
    double weighted = 0;
    for (int s = 0; s < splits.size(); s++) {
      Dataset test = data.subset(splits.get(s).testRows());
      expected[s] = ridge.fit(data.subset(splits.get(s).trainRows())).evaluate(test)
          .meanSquaredError();
      weighted += expected[s] * test.numRows();
    }
    assertArrayEquals(expected, score.splitLoss(), 0);
    assertEquals(weighted / data.numRows(), score.mean(), 1e-12 * score.mean());
    assertTrue(score.standardError() > 0);
    assertEquals(Map.of(), score.settings());

    GridSearchCV.Outcome searched = GridSearchCV.builder(
            List.of(GridSearchCV.Candidate.of(Map.of(), ridge)))
        .resampling(folds).measure(dev.tikhonov.select.CvMeasure.MEAN_SQUARED_ERROR).build()
        .crossValidate(data).outcomes().get(0);
    assertEquals(searched.toString(), score.toString());
  }

  /**
   * cross_val_score's bad input is the search's: a measure the targets do not take, or more
   * folds than rows, refused before any fit, naming the setting.
   */
  @Test
  void crossValScore_aMeasureOrFoldsTheDataCannotTake_isRefusedBeforeAnyFit() {
    Dataset data = dev.tikhonov.data.Synthetic.regression().rows(12).features(3).informative(2)
        .noise(1.0).seed(7).build().data();
    AtomicInteger fits = new AtomicInteger();
    Ridge ridge = Ridge.builder().lambda(0.3).build();
    Estimator<LinearModel> counted = train -> {
      fits.incrementAndGet();
      return ridge.fit(train);
    };
    dev.tikhonov.data.InputException measure = assertThrows(
        dev.tikhonov.data.InputException.class, () -> GridSearchCV.crossValScore(counted, data,
            Resampling.kFold(3, 0), dev.tikhonov.select.CvMeasure.MISCLASSIFICATION));
    assertEquals(java.util.Optional.of("measure"), measure.setting(), measure.getMessage());
    assertTrue(measure.getMessage().contains("needs classes"), measure.getMessage());
    dev.tikhonov.data.InputException folds = assertThrows(
        dev.tikhonov.data.InputException.class, () -> GridSearchCV.crossValScore(counted, data,
            Resampling.kFold(20, 0), dev.tikhonov.select.CvMeasure.MEAN_SQUARED_ERROR));
    assertTrue(folds.getMessage().contains("20"), folds.getMessage());
    assertEquals(0, fits.get(), "nothing fitted");
  }
}
