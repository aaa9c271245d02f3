package dev.tikhonov.io;

import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.Standardizer;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import dev.tikhonov.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tikhonov.internal.io.ModelFile;

/**
 * Exported ONNX models run in ONNX Runtime (its Java API) and give our predictions within 1e-5
 * on real MNIST digits from the bundled sample.
 */
class OnnxExportTest {
  private static final double TOLERANCE = 1e-5;
  private static Dataset train;
  private static Matrix testRows;
  @TempDir Path dir;

  @BeforeAll
  static void data() {
    TrainTest mnist = Mnist.bundled();
    int[] first = java.util.stream.IntStream.range(0, 1500).toArray();
    train = mnist.train().subset(first);
    testRows = mnist.test().subset(java.util.stream.IntStream.range(0, 300).toArray())
        .features();
  }

  private static Model fit(String spec, double dropout, boolean standardize, Dataset data,
      boolean regression) {
    double[] mean = null;
    double[] scale = null;
    Dataset d = data;
    if (standardize) {
      Standardizer s = Standardizer.fit(data.features());
      mean = s.mean();
      scale = s.scale();
      d = data.withFeatures(s.transform(data.features()));
    }
    TrainConfig config = new TrainConfig(2, 64, 3, Penalty.l2(1e-4),
        Optimizers.sgd(0.01).momentum(0.9), 0);
    return Training.fit(ModelSpec.parse(spec, dropout, regression ? Family.GAUSSIAN : Family.MULTINOMIAL), d, null, null, config,
        TrainingListener.none(), mean, scale).model();
  }

  /** Runs the exported model through a model file round trip and ONNX Runtime. */
  private Map<String, float[][]> runOnnx(Model model, Matrix x, String... outputs)
      throws Exception {
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(model, file, Map.of());
    Path onnx = dir.resolve("m.onnx");
    OnnxExport.write(ModelFile.load(file), onnx);
    // The graph's input is float64 (its first node rounds a network's input to float32).
    double[][] rows = new double[x.rows()][x.cols()];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < x.cols(); j++) {
        rows[i][j] = x.get(i, j);
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(Files.readAllBytes(onnx),
            new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, rows);
        OrtSession.Result result = session.run(Map.of("input", input))) {
      Map<String, float[][]> out = new java.util.LinkedHashMap<>();
      for (String name : outputs) {
        out.put(name, (float[][]) result.get(name).orElseThrow().getValue());
      }
      return out;
    }
  }

  private static double maxDifference(Matrix expected, float[][] actual) {
    assertEquals(expected.rows(), actual.length);
    double worst = 0;
    for (int i = 0; i < expected.rows(); i++) {
      assertEquals(expected.cols(), actual[i].length);
      for (int j = 0; j < expected.cols(); j++) {
        double scale = Math.max(1, Math.abs(expected.get(i, j)));
        worst = Math.max(worst, Math.abs(expected.get(i, j) - actual[i][j]) / scale);
      }
    }
    return worst;
  }

  private static Matrix softmax(Matrix logits) {
    Matrix p = Matrix.zeros(logits.rows(), logits.cols());
    double[] row = new double[logits.cols()];
    for (int i = 0; i < logits.rows(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < row.length; j++) {
        max = Math.max(max, logits.get(i, j));
      }
      double sum = 0;
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.exp(logits.get(i, j) - max);
        sum += row[j];
      }
      for (int j = 0; j < row.length; j++) {
        p.set(i, j, (float) (row[j] / sum));
      }
    }
    return p;
  }

  /** An ONNX file is one protobuf message, at most 2 GiB: larger weights are refused up front. */
  @Test
  void export_weightsBeyondTwoGiB_areRefusedWithTheNumbers() {
    OnnxExport.requireExportable(OnnxExport.MAX_WEIGHT_BYTES);
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
        () -> OnnxExport.requireExportable(3_600_000_000L));
    assertEquals("cannot export to ONNX: the model's weights"
        + " take 3600000000 bytes but an ONNX file (one protobuf message) holds at most"
        + " 2147483647 bytes (2 GiB, which ONNX Runtime enforces); the exporter does not write"
        + " ONNX external data", e.getMessage());
  }

  @Test
  void export_mlpWithDropoutAndStandardizer_matchesOnnxRuntime() throws Exception {
    Model model = fit("mlp:64,32", 0.2, true, train, false);
    Map<String, float[][]> out = runOnnx(model, testRows, "logits", "probabilities");
    Matrix logits = model.predict(testRows);
    double dl = maxDifference(logits, out.get("logits"));
    double dp = maxDifference(softmax(logits), out.get("probabilities"));
    assertTrue(dl <= TOLERANCE, "logits differ by " + dl);
    assertTrue(dp <= TOLERANCE, "probabilities differ by " + dp);
  }

  @Test
  void export_logisticWithoutStandardizer_matchesOnnxRuntime() throws Exception {
    Model model = fit("logistic", 0, false, train, false);
    Map<String, float[][]> out = runOnnx(model, testRows, "logits", "probabilities");
    Matrix logits = model.predict(testRows);
    assertTrue(maxDifference(logits, out.get("logits")) <= TOLERANCE);
    assertTrue(maxDifference(softmax(logits), out.get("probabilities")) <= TOLERANCE);
    int agree = 0;
    int[] classes = model.predictClasses(testRows);
    float[][] p = out.get("probabilities");
    for (int i = 0; i < classes.length; i++) {
      int best = 0;
      for (int j = 1; j < p[i].length; j++) {
        best = p[i][j] > p[i][best] ? j : best;
      }
      agree += best == classes[i] ? 1 : 0;
    }
    assertEquals(classes.length, agree, "same predicted digit on every row");
  }

  @Test
  void export_linearRegression_matchesOnnxRuntime() throws Exception {
    Dataset data = Synthetic.regression().rows(200).features(6).informative(4).noise(0.5)
        .intercept(2.0).seed(7).build().data();
    Model model = fit("linear", 0, true, data, true);
    Map<String, float[][]> out = runOnnx(model, data.features(), "prediction");
    double d = maxDifference(model.predict(data.features()), out.get("prediction"));
    assertTrue(d <= TOLERANCE, "predictions differ by " + d);
  }
}
