package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path --data file.svm} keeps the LIBSVM rows sparse and gives the library's sparse path
 * (λ and coefficients), with cross-validation and a saved model that {@code predict} applies to
 * the LIBSVM file by sparse dot products; bad LIBSVM input exits 2 naming file, line and index.
 */
class SparseCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path svm() throws Exception {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      double y = random.nextGaussian();
      StringBuilder row = new StringBuilder();
      for (int j = 1; j <= 40; j++) {
        if (random.nextDouble() < 0.15) {
          double v = 0.5 + random.nextDouble();
          row.append(' ').append(j).append(':').append(v);
          y += j % 7 == 0 ? 2 * v : 0;
        }
      }
      text.append(y).append(row).append('\n');
    }
    return Files.writeString(dir.resolve("x.svm"), text.toString());
  }

  @Test
  void pathOnLibsvm_isTheSparsePath_andItsModelPredictsTheFile() throws Exception {
    Path data = svm();
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--l1-ratio", "1",
        "--cv-folds", "3", "--save", "sparse.model", "--out", "p", "--quiet");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode path = JSON.readTree(dir.resolve("p/path.json").toFile());
    var read = LibsvmReader.read(data, TargetKind.REAL);
    SparseMatrix x = read.sparseFeatures().orElseThrow();
    PathSolution own = ElasticNetPath.fit(Family.GAUSSIAN, x, read.targets(),
        PathSettings.of(1), read.featureNames(), List.of());
    assertEquals(own.size(), path.get("lambda").size());
    for (int l = 0; l < own.size(); l++) {
      assertEquals(own.lambda(l), path.get("lambda").get(l).asDouble(),
          1e-12 * own.lambda(0));
      for (int j = 0; j < x.numColumns(); j++) {
        assertEquals(own.coefficient(l, 0, j), path.get("coef").get(l).get(j).asDouble(),
            1e-9, "λ #" + l + ", feature " + j);
      }
    }
    assertTrue(path.get("cv").get("lambda_min").asDouble() > 0);
    Cli.Result p = Cli.run(dir, "predict", "--model", "sparse.model", "--data",
        data.toString(), "--out", "pred.csv");
    assertEquals(0, p.exitCode(), p.stderr());
    List<String> predictions = Files.readAllLines(dir.resolve("pred.csv"));
    assertEquals(x.numRows() + 1, predictions.size());
    double lambdaMin = path.get("cv").get("lambda_min").asDouble();
    int l = 0;
    while (path.get("lambda").get(l).asDouble() != lambdaMin) {
      l++;
    }
    double[] b = new double[x.numColumns()];
    for (int j = 0; j < b.length; j++) {
      b[j] = path.get("coef").get(l).get(j).asDouble();
    }
    double[] eta = new double[x.numRows()];
    x.multiply(path.get("intercept").get(l).asDouble(), b, eta);
    for (int i = 0; i < eta.length; i++) {
      assertEquals(eta[i], Double.parseDouble(predictions.get(i + 1).split(",")[0]),
          1e-5 * (1 + Math.abs(eta[i])), "row " + (i + 1));
    }
  }

  @Test
  void badLibsvm_exitsTwoNamingFileLineAndIndex() throws Exception {
    Path unsorted = Files.writeString(dir.resolve("u.svm"), "1 1:1 3:2\n2 4:1 2:1\n");
    Cli.Result r = Cli.run(dir, "path", "--data", unsorted.toString(), "--out", "u");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(unsorted + ":2:7: token 3: feature index 2 after 4;"
        + " indices must be strictly increasing"), r.stderr());
    Path zero = Files.writeString(dir.resolve("z.svm"), "1 0:1\n");
    r = Cli.run(dir, "path", "--data", zero.toString(), "--out", "z");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(zero + ":1:3: token 2: feature index \"0\" is not an integer"),
        r.stderr());
    Path inf = Files.writeString(dir.resolve("i.svm"), "1 1:1\n0 2:inf\n");
    r = Cli.run(dir, "path", "--data", inf.toString(), "--out", "i");
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(inf + ":2:3: token 2: value of feature 2:"), r.stderr());
  }
}
