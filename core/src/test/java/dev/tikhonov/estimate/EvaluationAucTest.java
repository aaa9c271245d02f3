package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Evaluation#auc()}: a two-class model's area under the ROC curve, against a count over
 * every pair of rows, against glmnet's on a real path, and on networks.
 */
class EvaluationAucTest {

  /** The AUC by its definition: every (second-class, first-class) pair, ties ½. */
  private static double byPairs(double[] score, boolean[] second) {
    double right = 0;
    long pairs = 0;
    for (int i = 0; i < score.length; i++) {
      for (int j = 0; j < score.length; j++) {
        if (second[i] && !second[j]) {
          pairs++;
          right += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
        }
      }
    }
    return right / pairs;
  }

  @Test
  void ofTwoClasses_isTheShareOfPairsRankedRight_tiesCountingHalf() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      int n = 2 + random.nextInt(60);
      double[] score = new double[n];
      boolean[] second = new boolean[n];
      for (int i = 0; i < n; i++) {
        // few distinct values, so that ties within and across classes are common
        score[i] = random.nextInt(1 + random.nextInt(8)) - 3;
        second[i] = random.nextBoolean();
      }
      second[0] = true;
      second[1] = false;
      var e = Evaluation.ofTwoClasses(0.3, 0.8, 0.01, score, second);
      assertEquals(byPairs(score, second), e.auc().orElseThrow(), 1e-15, Arrays.toString(score));
      assertEquals(0.8, e.accuracy(), 0.0);
      assertEquals(n, e.rows());
    }
    // rows of one class have no AUC; a NaN score is refused, not ranked somewhere
    assertTrue(Evaluation.ofTwoClasses(0.3, 1, 0, new double[] {1, 2}, new boolean[] {true,
        true}).auc().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> Evaluation.ofTwoClasses(0.3, 1, 0,
        new double[] {1, Double.NaN}, new boolean[] {true, false}));
    assertTrue(Evaluation.ofClassifier(2, 0.3, 1, 0).auc().isEmpty());
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.ofTwoClasses(0.3, 1, 0, new double[] {1, 2}, new boolean[] {true}));
    assertEquals("2 scores but 1 labels", lengths.getMessage());
  }

  /**
   * Breast cancer's binomial lasso at each λ of glmnet's exact path (thresh 1e-14; here the same
   * sequence at tolerance 1e-10), scored on its training rows: the AUC equals glmnet's (survival's
   * concordance of η, which {@code assess.glmnet} matches wherever no two rows of both classes
   * share a probability; ref/make_evaluate_auc.R). Coefficients 1e-8 apart could still swap two
   * rows whose η nearly tie; one swapped pair moves the AUC by 1/(212·357) = 1.3e-5, so the bound
   * below admits none.
   */
  @Test
  void binomialModel_aucEqualsGlmnets_atEveryLambdaOfThePath() {
    Dataset data = CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"),
        "diagnosis", TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
    RealDataGlmnetTest.Table ref = RealDataGlmnetTest.ref("breast_cancer-auc.csv");
    double[] lambdas = ref.column(ref.column("lambda"));
    double[] expected = ref.column(ref.column("auc_link"));
    double[] assessed = ref.column(ref.column("auc_assess"));
    double[] ties = ref.column(ref.column("ties"));
    // the default sequence, glmnet's to rounding: the reference's λ are written to 15 digits,
    // and its first, given back, is below λ_max, where a coefficient of 7e-15 ranks the rows
    RegularizationPath<LinearClassifier> path = ElasticNet.binomial().tolerance(1e-10).build()
        .path(data);
    assertEquals(lambdas.length, path.lambdas().length);
    for (int l = 0; l < lambdas.length; l++) {
      assertEquals(lambdas[l], path.lambdas()[l], 1e-13 * lambdas[l]);
      double auc = path.atIndex(l).evaluate(data).auc().orElseThrow();
      assertEquals(expected[l], auc, 1e-12, "λ #" + (l + 1) + " = " + lambdas[l]);
      if (ties[l] == 0) {
        assertEquals(assessed[l], auc, 1e-12, "assess.glmnet at λ #" + (l + 1));
      }
    }
  }

  /**
   * A two-class network's AUC ranks its log-odds (the difference of its two logits): the same
   * as the pairs' count over its predicted probabilities of the second class where those do not
   * tie; a three-class network has none.
   */
  @Test
  void networks_twoClassesHaveTheAucOfTheirProbabilities_moreClassesNone() {
    Dataset data = CsvReader.read(RealDataGlmnetTest.DATA.resolve("breast_cancer.csv"),
        "diagnosis", TargetKind.CLASS, CsvOptions.defaults().withIgnoredColumns("id"));
    NetworkClassifier model = MlpClassifier.builder().hiddenLayers(4).epochs(2).standardize(true)
        .seed(3).build().fit(data);
    double[][] p = model.predictProba(data);
    double[] second = new double[p.length];
    boolean[] isSecond = new boolean[p.length];
    int[] labels = Features.labels(model.classNames(), data);
    for (int i = 0; i < p.length; i++) {
      second[i] = p[i][1];
      isSecond[i] = labels[i] == 1;
    }
    double auc = model.evaluate(data).auc().orElseThrow();
    assertEquals(byPairs(second, isSecond), auc, 1.0 / (212 * 357) + 1e-12);
    assertTrue(auc > 0.9, "two epochs rank most pairs right: " + auc);
    Dataset wine = CsvReader.read(RealDataGlmnetTest.DATA.resolve("wine.csv"), "cultivar",
        TargetKind.CLASS, CsvOptions.defaults());
    NetworkClassifier three = MlpClassifier.builder().hiddenLayers(4).epochs(1)
        .standardize(true).seed(3).build().fit(wine);
    assertTrue(three.evaluate(wine).auc().isEmpty());
  }
}
