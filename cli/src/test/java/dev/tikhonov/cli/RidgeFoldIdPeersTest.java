package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ridge --criterion cv --foldid FILE against the peers on the same folds
 * (core/src/test/resources/ref/make_ridge_foldid_sklearn.py and make_ridge_foldid_glmnet.R):
 * path.json's cv mean, standard error, lambda_min and lambda_1se against cv.glmnet(alpha = 0,
 * foldid) 4.1-6 on 4 unequal folds, and its mean and lambda_min against scikit-learn 1.2.1's
 * GridSearchCV(Ridge(alpha = λ·n_train), cv = PredefinedSplit) on 5 equal folds, with
 * --no-standardize (Ridge, standardize = FALSE) and without (StandardScaler, standardize = TRUE).
 */
class RidgeFoldIdPeersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref",
      "ridge");
  /** cv.glmnet's coordinate descent at thresh 1e-14 (RidgeGivenFoldsTest's tolerances). */
  private static final double GLMNET_TOL = 1e-8;
  private static final double GLMNET_SD_TOL = 1e-7;
  /** scikit-learn's svd solver: rounding only. */
  private static final double SKLEARN_TOL = 1e-10;
  @TempDir Path dir;

  private static List<String[]> rows(String file, String kind) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(REF.resolve(file)).subList(1,
        Files.readAllLines(REF.resolve(file)).size())) {
      String[] r = line.split(",");
      if (r[0].equals(kind)) {
        out.add(r);
      }
    }
    return out;
  }

  private JsonNode ridge(String kind, String foldid, List<String> lambdas) throws Exception {
    List<String> args = new ArrayList<>(List.of("ridge", "--data",
        REF.resolve("foldid-data.csv").toString(), "--target", "y", "--criterion", "cv",
        "--foldid", REF.resolve(foldid).toString(), "--lambdas", String.join(",", lambdas),
        "--out", dir.resolve(kind).toString(), "--quiet"));
    if (kind.equals("raw")) {
      args.add("--no-standardize");
    }
    InProcess r = InProcess.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return JSON.readTree(dir.resolve(kind).resolve("path.json").toFile()).get("cv");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raw", "standardized"})
  void foldidOfUnequalFolds_isCvGlmnetsFoldid(String kind) throws Exception {
    List<String[]> ref = rows("foldid-glmnet.csv", kind);
    JsonNode cv = ridge(kind, "foldid-unequal.csv",
        ref.stream().map(r -> r[1]).collect(Collectors.toList()));
    assertEquals(4, cv.get("folds").asInt());
    for (int l = 0; l < ref.size(); l++) {
      double cvm = Double.parseDouble(ref.get(l)[2]);
      double cvsd = Double.parseDouble(ref.get(l)[3]);
      assertEquals(cvm, cv.get("mean").get(l).asDouble(), GLMNET_TOL * cvm,
          kind + ": cvm at λ " + ref.get(l)[1]);
      assertEquals(cvsd, cv.get("se").get(l).asDouble(), GLMNET_SD_TOL * cvsd,
          kind + ": cvsd at λ " + ref.get(l)[1]);
    }
    String[] chosen = rows("foldid-glmnet-chosen.csv", kind).get(0);
    assertEquals(Double.parseDouble(chosen[1]), cv.get("lambda_min").asDouble(), 0.0);
    assertEquals(Double.parseDouble(chosen[2]), cv.get("lambda_1se").asDouble(), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"raw", "standardized"})
  void foldidOfEqualFolds_isSklearnsPredefinedSplit(String kind) throws Exception {
    List<String[]> ref = rows("foldid-sklearn.csv", kind);
    List<String> lambdas = ref.stream().filter(r -> r[1].equals("1")).map(r -> r[2])
        .collect(Collectors.toList());
    JsonNode cv = ridge(kind, "foldid-equal.csv", lambdas);
    assertEquals(5, cv.get("folds").asInt());
    double[] mean = new double[lambdas.size()];
    for (String[] r : ref) {
      mean[lambdas.indexOf(r[2])] += Double.parseDouble(r[4]) / 5;
    }
    for (int l = 0; l < mean.length; l++) {
      assertEquals(mean[l], cv.get("mean").get(l).asDouble(), SKLEARN_TOL * mean[l],
          kind + ": mean_test_score at λ " + lambdas.get(l));
    }
    String[] chosen = rows("foldid-sklearn-chosen.csv", kind).get(0);
    assertEquals(Double.parseDouble(chosen[1]), cv.get("lambda_min").asDouble(), 0.0,
        "best alpha / n_train");
  }
}
