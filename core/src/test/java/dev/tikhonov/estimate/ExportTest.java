package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported ONNX graphs, saved and loaded as the CLI does and run in ONNX Runtime, give what
 * {@code predict} gives on raw features around 1e8 (which float32 cannot hold) and 1e7 (which
 * a float32 mean cannot centre): linear models in float64 to 1e-12 of the size of their
 * terms |a₀| + Σⱼ|xⱼbⱼ| (two float64 sums of the same terms in different orders differ by a
 * few ulps of that, not of the result), networks to 1e-5 relative (float32 layers, different
 * GEMM kernels). Names with commas and quotes come back from the metadata as given.
 */
class ExportTest {
  private static final List<String> FEATURES = List.of("id,1e8", "count \"1e7\"", "z");
  private static final double LINEAR_TOLERANCE = 1e-12;
  private static final double NETWORK_TOLERANCE = 1e-5;
  private static final int N = 200;
  private static double[][] x;
  private static double[] y;
  private static int[] twoClasses;
  private static int[] threeClasses;
  @TempDir Path dir;

  @BeforeAll
  static void data() {
    Random r = new Random(11);
    x = new double[N][];
    y = new double[N];
    twoClasses = new int[N];
    threeClasses = new int[N];
    for (int i = 0; i < N; i++) {
      x[i] = new double[] {1e8 + i, 1e7 + r.nextInt(2000), r.nextGaussian()};
      y[i] = 0.02 * i - 0.002 * (x[i][1] - 1e7) + x[i][2] + 0.3 * r.nextGaussian();
      twoClasses[i] = y[i] + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
      threeClasses[i] = y[i] < -0.5 ? 0 : y[i] < 0.5 ? 1 : 2;
    }
  }

  private static Dataset regression() {
    return Dataset.of(x, y, FEATURES);
  }

  private static Dataset classes(int k) {
    return k == 2 ? Dataset.ofClasses(x, twoClasses, List.of("no,pos", "pos \"yes\""), FEATURES)
        : Dataset.ofClasses(x, threeClasses, List.of("a,b", "c\"d", "e"), FEATURES);
  }

  /** Outputs of the exported file of {@code model} (saved and loaded first) on {@link #x}. */
  private Map<String, double[][]> onnx(Predictor model, String... outputs) throws Exception {
    Path file = dir.resolve("m.safetensors");
    model.save(file);
    Path onnx = dir.resolve("m.onnx");
    Export.onnx(Predictor.load(file), onnx);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(Files.readAllBytes(onnx),
            new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, x);
        OrtSession.Result result = session.run(Map.of("input", input))) {
      Map<String, double[][]> out = new LinkedHashMap<>();
      for (String name : outputs) {
        out.put(name, doubles(result.get(name).orElseThrow()));
      }
      return out;
    }
  }

  private static double[][] doubles(OnnxValue value) throws Exception {
    Object v = value.getValue();
    if (v instanceof double[][] d) {
      return d;
    }
    float[][] f = (float[][]) v;
    double[][] d = new double[f.length][];
    for (int i = 0; i < f.length; i++) {
      d[i] = new double[f[i].length];
      for (int j = 0; j < f[i].length; j++) {
        d[i][j] = f[i][j];
      }
    }
    return d;
  }

  /** |a₀ₖ| + Σⱼ |xᵢⱼ bₖⱼ| for row i and class k: what a float64 η's rounding is relative to. */
  private static double termSize(LinearParameters p, int i, int k) {
    double s = Math.abs(p.intercepts()[k]);
    for (int j = 0; j < x[i].length; j++) {
      s += Math.abs(x[i][j] * p.coefficients()[k][j]);
    }
    return s;
  }

  @Test
  void onnx_gaussianPathWithHugeFeatures_agreesWithPredictInDouble() throws Exception {
    RegularizationPath<LinearModel> path = ElasticNet.gaussian().l1Ratio(0.5).build()
        .path(regression());
    for (int l : new int[] {path.size() / 2, path.size() - 1}) {
      LinearModel m = path.atIndex(l);
      double[][] got = onnx(m, "prediction").get("prediction");
      double[] want = m.predict(x);
      for (int i = 0; i < N; i++) {
        assertEquals(want[i], got[i][0], LINEAR_TOLERANCE * termSize(m.parameters(), i, 0),
            "λ index " + l + ", row " + i);
      }
    }
  }

  @Test
  void onnx_binomialAndMultinomialWithHugeFeatures_agreeWithPredictProbaInDouble()
      throws Exception {
    for (int k : new int[] {2, 3}) {
      Dataset d = classes(k);
      LinearClassifier m = (k == 2 ? ElasticNet.binomial() : ElasticNet.multinomial())
          .lambda(0.01).build().fit(d);
      Map<String, double[][]> got = onnx(m, "logits", "probabilities");
      double[][] want = m.predictProba(x);
      LinearParameters p = m.parameters();
      for (int i = 0; i < N; i++) {
        double size = 0;
        for (int c = 0; c < p.intercepts().length; c++) {
          double eta = p.linearPredictor(new double[][] {x[i]})[0][c];
          double logit = got.get("logits")[i][k == 2 ? 1 : c];
          double tolerance = LINEAR_TOLERANCE * termSize(p, i, c);
          assertEquals(eta, logit, tolerance, k + " classes, row " + i + ", logit " + c);
          size = Math.max(size, tolerance);
        }
        for (int c = 0; c < k; c++) {
          // dp/dη ≤ 1/4 per logit; 2 logits move each probability.
          assertEquals(want[i][c], got.get("probabilities")[i][c], 1e-15 + size,
              k + " classes, row " + i + ", class " + c);
        }
      }
    }
  }

  @Test
  void onnx_standardizedLinearNetworkWithHugeFeatures_agreesWithPredict() throws Exception {
    NetworkRegressor m = LinearRegression.builder().epochs(20).batchSize(20).seed(2)
        .standardize(true).build().fit(regression());
    assertNetworkPredictionsAgree(m, onnx(m, "prediction").get("prediction"));
  }

  @Test
  void onnx_standardizedMlpRegressorWithHugeFeatures_agreesWithPredict() throws Exception {
    NetworkRegressor m = MlpRegressor.builder().hiddenLayers(8).epochs(10).batchSize(20).seed(3)
        .standardize(true).build().fit(regression());
    assertNetworkPredictionsAgree(m, onnx(m, "prediction").get("prediction"));
  }

  /** The target's standardization is folded into the output layer: the file needs nothing more. */
  @Test
  void onnx_mlpRegressorOfAStandardizedTarget_predictsY() throws Exception {
    double[] large = new double[N];
    for (int i = 0; i < N; i++) {
      large[i] = 5000 + 1000 * y[i];
    }
    NetworkRegressor m = MlpRegressor.builder().hiddenLayers(8).epochs(10).batchSize(20).seed(3)
        .standardize(true).standardizeTarget(true).build().fit(Dataset.of(x, large, FEATURES));
    double[][] got = onnx(m, "prediction").get("prediction");
    assertNetworkPredictionsAgree(m, got);
    assertTrue(java.util.Arrays.stream(got).mapToDouble(r -> r[0]).average().orElseThrow() > 2000,
        "on y's scale");
  }

  @Test
  void onnx_standardizedMlpClassifierWithHugeFeatures_agreesWithPredictProba()
      throws Exception {
    NetworkClassifier m = MlpClassifier.builder().hiddenLayers(8).epochs(10).batchSize(20)
        .seed(4).standardize(true).build().fit(classes(3));
    double[][] got = onnx(m, "probabilities").get("probabilities");
    double[][] want = m.predictProba(x);
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(want[i][c], got[i][c], NETWORK_TOLERANCE, "row " + i + ", class " + c);
      }
    }
  }

  private static void assertNetworkPredictionsAgree(NetworkRegressor m, double[][] got) {
    double[] want = m.predict(x);
    for (int i = 0; i < N; i++) {
      assertEquals(want[i], got[i][0], NETWORK_TOLERANCE * Math.max(1, Math.abs(want[i])),
          "row " + i);
    }
  }

  @Test
  void onnx_namesWithCommasAndQuotes_roundTripThroughTheMetadataAsJsonArrays()
      throws Exception {
    LinearClassifier m = ElasticNet.binomial().lambda(0.01).build().fit(classes(2));
    Path onnx = dir.resolve("names.onnx");
    Export.onnx(m, onnx);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(Files.readAllBytes(onnx),
        new OrtSession.SessionOptions())) {
      Map<String, String> meta = session.getMetadata().getCustomMetadata();
      ObjectMapper json = new ObjectMapper();
      TypeReference<List<String>> strings = new TypeReference<>() {};
      assertEquals(FEATURES, json.readValue(meta.get("feature_names"), strings));
      assertEquals(List.of("no,pos", "pos \"yes\""),
          json.readValue(meta.get("class_names"), strings));
    }
  }

  @Test
  void onnx_poissonModel_isRefusedBeforeWriting() {
    LinearModel m = ElasticNet.poisson().lambda(0.01).build()
        .fit(Dataset.of(new double[][] {{1}, {2}, {3}, {4}, {5}},
            new double[] {0, 1, 1, 3, 4}));
    Path onnx = dir.resolve("p.onnx");
    InputException e = assertThrows(InputException.class, () -> Export.onnx(m, onnx));
    assertTrue(e.getMessage().startsWith("a poisson model cannot be exported to ONNX because"),
        e.getMessage());
    assertTrue(Files.notExists(onnx));
  }
}
