package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.estimate.ClassifierEvaluation;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI is a thin layer: the same settings through the jar and through the Java API (as
 * docs/java.md writes them) give the same numbers, bit for bit at the same thread count.
 */
class JavaVsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void mlpOnTheBundledDigits_sameAccuracyAndLoss() throws Exception {
    Cli.Result r = Cli.run(dir, "train", "--model", "mlp:32", "--lambda", "1e-4", "--epochs",
        "2", "--seed", "3", "--threads", "1", "--out", "mlp", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode metrics = JSON.readTree(dir.resolve("mlp/metrics.json").toFile());
    TrainTest digits = Mnist.bundled();
    dev.tikhonov.tensor.Blas.setThreads(1); // as --threads 1 does for the whole command
    NetworkClassifier model = MlpClassifier.builder().hiddenLayers(32).lambda(1e-4).epochs(2)
        .seed(3).threads(1).build().fit(digits.train());
    ClassifierEvaluation test = model.evaluate(digits.test());
    assertEquals(metrics.get("test_accuracy").asDouble(), test.accuracy(), 0);
    assertEquals(metrics.get("test_loss").asDouble(), test.loss(), 0);
  }

  @Test
  void lassoWithTenFoldCv_sameLambdasAndCurve() throws Exception {
    StringBuilder s = new StringBuilder("a,b,c,d,y\n");
    for (int i = 0; i < 200; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      double c = Math.sin(5 * i + 1);
      double d = Math.cos(7 * i + 2);
      s.append(a).append(',').append(b).append(',').append(c).append(',').append(d).append(',')
          .append(2 * a - b + 0.3 * Math.sin(11 * i)).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("d.csv"), s.toString());
    Cli.Result r = Cli.run(dir, "path", "--data", csv.toString(), "--target", "y",
        "--cv-folds", "10", "--seed", "5", "--out", "lasso", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode cli = JSON.readTree(dir.resolve("lasso/path.json").toFile()).get("cv");
    CrossValidatedPath<LinearModel> java = ElasticNetCV.gaussian().l1Ratio(1).numFolds(10)
        .seed(5).build().crossValidate(Dataset.read(csv, "y", TargetKind.REAL));
    assertEquals(cli.get("lambda_min").asDouble(), java.lambdaMin(), 0);
    assertEquals(cli.get("lambda_1se").asDouble(), java.lambda1se(), 0);
    for (int l = 0; l < java.mean().length; l++) {
      assertEquals(cli.get("mean").get(l).asDouble(), java.mean()[l], 0, "λ index " + l);
    }
  }
}
