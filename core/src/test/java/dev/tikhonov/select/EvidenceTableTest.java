package dev.tikhonov.select;

import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.linear.RidgeSvdPath;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import dev.tikhonov.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measured tables of docs/choosing-lambda.md: the evidence's λ next to 10-fold
 * cross-validation's λ_min and λ_1se (cv.glmnet's definitions, {@link CvResult}) on real data,
 * written to {@code core/target/evidence-table.md}; and, with
 * {@code -Dtikhonov.evidence.mlp=true}, the last-layer evidence of small MLPs on MNIST next to
 * the held-out loss, written to {@code core/target/evidence-mlp-table.md}.
 */
class EvidenceTableTest {
  private static final int FOLDS = 10;
  private static final long SEED = 1;

  @Test
  void linearModels_evidenceNextToCrossValidation() throws IOException {
    StringBuilder table = new StringBuilder();
    table.append("| data | model | n × p | evidence λ | CV λ_min | CV λ_1se | other |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- |\n");

    // Ridge on diabetes (unscaled and standardized features).
    EvidenceData.Table diabetes = EvidenceData.table("diabetes.csv");
    double[] y = diabetes.column(10);
    double[] ridgeGrid = decreasingGrid(1e3, 1e-7, 101);
    for (boolean standardized : new boolean[] {false, true}) {
      double[][] x = standardized ? featuresOnly(diabetes) : diabetes.columns(0, 10);
      double plugIn = RidgeEvidence.of(x, y).maximum().orElseThrow().lambda();
      double integrated = RidgeEvidence.of(x, y, RidgeEvidence.Intercept.INTEGRATED,
          RidgeEvidence.Hyperprior.none()).maximum().orElseThrow().lambda();
      CvResult cv = ridgeCrossValidation(x, y, ridgeGrid);
      RidgeSvdPath path = RidgeSvdPath.fit(x, y, ridgeGrid);
      row(table, "diabetes" + (standardized ? ", standardized" : ", raw"), "ridge",
          x.length + " × 10", plugIn, cv,
          String.format(Locale.ROOT, "integrated intercept %s; GCV %s; LOO %s",
              format(integrated), format(ridgeGrid[path.bestGcv()]),
              format(ridgeGrid[path.bestLoo()])));
      assertTrue(cv.lambda1se() >= cv.lambdaMin());
      assertTrue(plugIn > ridgeGrid[ridgeGrid.length - 1] && plugIn < ridgeGrid[0]);
    }

    // Logistic regression on breast cancer, softmax on wine's first four measurements.
    EvidenceData.Table cancer = EvidenceData.table("breast-cancer.csv");
    EvidenceData.Table wine = EvidenceData.table("wine.csv");
    double[] logisticGrid = decreasingGrid(1, 1e-5, 26);
    double[][] wineX = Arrays.stream(wine.standardizedFeatures())
        .map(r -> Arrays.copyOf(r, 4)).toArray(double[][]::new);
    Object[][] problems = {
        {"breast cancer, standardized", "logistic (binomial)", cancer.standardizedFeatures(),
            cancer.labels(), 2, Logits.BASELINE},
        {"wine, 4 standardized measurements", "softmax, 3 classes", wineX, wine.labels(), 3,
            Logits.SOFTMAX},
    };
    for (Object[] problem : problems) {
      double[][] x = (double[][]) problem[2];
      int[] labels = (int[]) problem[3];
      int k = (int) problem[4];
      Logits logits = (Logits) problem[5];
      LogisticEvidence.Fit best = LogisticEvidence.of(x, labels, k, logits)
          .maximize(logisticGrid).orElseThrow();
      CvResult cv = logisticCrossValidation(x, labels, k, logits, logisticGrid);
      row(table, (String) problem[0], (String) problem[1], x.length + " × " + x[0].length,
          best.lambda(), cv, String.format(Locale.ROOT, "log evidence %.2f at its λ",
              best.logEvidence()));
      assertTrue(cv.lambda1se() >= cv.lambdaMin());
    }
    Path out = Path.of("target", "evidence-table.md");
    Files.writeString(out, table.toString());
    System.out.print(table);
  }

  @Test
  @EnabledIfSystemProperty(named = "tikhonov.evidence.mlp", matches = "true")
  void mnistMlps_lastLayerEvidenceNextToHeldOutLoss() throws IOException {
    TrainTest mnist = Mnist.bundled();
    double[] grid = {1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 1};
    StringBuilder table = new StringBuilder();
    table.append("| train rows | model | λ | test loss | test accuracy | trained, full |"
        + " trained, Kronecker | trained, diagonal | MAP, full | MAP, Kronecker |"
        + " refit gain | seconds (train, evidence full) |\n");
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    int[][] configs = {{600, 16, 30}, {2000, 64, 20}};
    for (int[] config : configs) {
      Dataset train = mnist.train().subset(IntStream.range(0, config[0]).toArray());
      String model = "mlp:" + config[1];
      for (double lambda : grid) {
        long start = System.nanoTime();
        TrainConfig settings = new TrainConfig(config[2], 32, 0, Penalty.l2(lambda),
            Optimizers.sgd(0.05).momentum(0.9), 0);
        Training.Outcome outcome = Training.fit(ModelSpec.parse(model, 0, Family.MULTINOMIAL), train, null,
            mnist.test(), settings, TrainingListener.none(), null, null);
        long trained = System.nanoTime();
        Sequential network = outcome.model().network();
        LastLayerEvidence.Result full = LastLayerEvidence.evaluate(network, train, lambda,
            Curvature.FULL, LastLayerEvidence.Expansion.TRAINED_WEIGHTS);
        long evaluated = System.nanoTime();
        double[] values = new double[4];
        int v = 0;
        for (Curvature c : new Curvature[] {Curvature.KRONECKER, Curvature.DIAGONAL}) {
          values[v++] = LastLayerEvidence.evaluate(network, train, lambda, c,
              LastLayerEvidence.Expansion.TRAINED_WEIGHTS).logEvidence();
        }
        LastLayerEvidence.Result map = LastLayerEvidence.evaluate(network, train, lambda,
            Curvature.FULL, LastLayerEvidence.Expansion.LAST_LAYER_MAP);
        values[2] = map.logEvidence();
        values[3] = LastLayerEvidence.evaluate(network, train, lambda, Curvature.KRONECKER,
            LastLayerEvidence.Expansion.LAST_LAYER_MAP).logEvidence();
        table.append(String.format(Locale.ROOT,
            "| %d | %s | %s | %.4f | %.4f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f, %.2f |%n",
            config[0], model, format(lambda), outcome.test().loss(), outcome.test().accuracy(),
            full.logEvidence(), values[0], values[1], values[2], values[3], map.refitGain(),
            (trained - start) / 1e9, (evaluated - trained) / 1e9));
      }
    }
    Files.writeString(Path.of("target", "evidence-mlp-table.md"), table.toString());
    System.out.print(table);
  }

  private static void row(StringBuilder table, String data, String model, String shape,
      double evidence, CvResult cv, String other) {
    table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", data,
        model, shape, format(evidence), format(cv.lambdaMin()), format(cv.lambda1se()), other));
  }

  private static CvResult ridgeCrossValidation(double[][] x, double[] y, double[] grid) {
    KFold folds = KFold.random(x.length, FOLDS, SEED);
    double[][] loss = new double[FOLDS][];
    double[] weight = new double[FOLDS];
    for (int f = 1; f <= FOLDS; f++) {
      int[] train = folds.trainRows(f);
      int[] test = folds.testRows(f);
      RidgeSvdPath path = RidgeSvdPath.fit(select(x, train), select(y, train), grid);
      loss[f - 1] = new double[grid.length];
      for (int l = 0; l < grid.length; l++) {
        double s = 0;
        for (int i : test) {
          double e = y[i] - path.atIndex(l).predict(x[i]);
          s += e * e;
        }
        loss[f - 1][l] = s / test.length;
      }
      weight[f - 1] = test.length;
    }
    return CvResult.of(grid, loss, weight, java.util.Optional.empty(), CvMeasure.DEVIANCE);
  }

  /** Held-out deviance −2 log p(y), p clipped to [1e-5, 1 − 1e-5] as cv.glmnet. */
  private static CvResult logisticCrossValidation(double[][] x, int[] labels, int k,
      Logits logits, double[] grid) {
    KFold folds = KFold.random(x.length, FOLDS, SEED);
    double[][] loss = new double[FOLDS][];
    double[] weight = new double[FOLDS];
    for (int f = 1; f <= FOLDS; f++) {
      int[] train = folds.trainRows(f);
      int[] test = folds.testRows(f);
      LogisticEvidence evidence = LogisticEvidence.of(select(x, train),
          Arrays.stream(train).map(i -> labels[i]).toArray(), k, logits);
      loss[f - 1] = new double[grid.length];
      for (int l = 0; l < grid.length; l++) {
        LogisticEvidence.Fit fit = evidence.fit(grid[l]);
        double s = 0;
        for (int i : test) {
          double p = probability(x[i], labels[i], fit);
          p = Math.min(Math.max(p, dev.tikhonov.linear.PathSolution.PROBABILITY_CLAMP), 1 - dev.tikhonov.linear.PathSolution.PROBABILITY_CLAMP);
          s += -2 * Math.log(p);
        }
        loss[f - 1][l] = s / test.length;
      }
      weight[f - 1] = test.length;
    }
    return CvResult.of(grid, loss, weight, java.util.Optional.empty(), CvMeasure.DEVIANCE);
  }

  private static double probability(double[] x, int label, LogisticEvidence.Fit fit) {
    double[][] w = fit.coefficients();
    double[] b = fit.intercepts();
    double[] eta = new double[b.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b.length; c++) {
      eta[c] = b[c];
      for (int j = 0; j < x.length; j++) {
        eta[c] += w[c][j] * x[j];
      }
      max = Math.max(max, eta[c]);
    }
    double sum = 0;
    for (double e : eta) {
      sum += Math.exp(e - max);
    }
    return Math.exp(eta[label] - max) / sum;
  }

  private static double[][] featuresOnly(EvidenceData.Table table) {
    return table.standardizedFeatures();
  }

  private static double[][] select(double[][] x, int[] rows) {
    return Arrays.stream(rows).mapToObj(i -> x[i]).toArray(double[][]::new);
  }

  private static double[] select(double[] y, int[] rows) {
    return Arrays.stream(rows).mapToDouble(i -> y[i]).toArray();
  }

  /** count values from {@code from} down to {@code to}, equally spaced in log λ. */
  private static double[] decreasingGrid(double from, double to, int count) {
    double[] grid = new double[count];
    for (int l = 0; l < count; l++) {
      grid[l] = Math.exp(Math.log(from) + l * (Math.log(to) - Math.log(from)) / (count - 1));
    }
    return grid;
  }

  private static String format(double lambda) {
    return String.format(Locale.ROOT, "%.3g", lambda);
  }
}
