package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --link}: the linear predictor η of a saved path model beside its predictions,
 * glmnet's {@code predict(type = "link")}, checked against what the predictions are made of: a
 * Poisson model's prediction is exp(η) (η with the row's offset), a binomial model's probability
 * of its second class is σ(η), a multinomial model's probabilities are the softmax of its η.
 */
class PredictLinkTest {
  @TempDir Path dir;

  private List<String[]> predict(Path model, String data, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(),
        "--data", data, "--out", "-", "--link"));
    args.addAll(List.of(more));
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
    return r.out().lines().map(l -> l.split(",")).toList();
  }

  private Path path(String name, String... args) {
    Path model = dir.resolve(name + ".model");
    List<String> all = new java.util.ArrayList<>(List.of("path", "--quiet", "--threads", "1",
        "--out", dir.resolve(name).toString(), "--save", model.toString()));
    all.addAll(List.of(args));
    InProcess r = InProcess.run(all);
    assertEquals(0, r.exit(), r.err());
    return model;
  }

  @Test
  void poissonWithOffset_linkIsTheLogOfThePrediction() {
    Path model = path("cgd", "--data", "../data/cgd.csv", "--target", "infections",
        "--family", "poisson", "--offset", "log_followup_years", "--ignore-columns",
        "id,followup_days");
    List<String[]> rows = predict(model, "../data/cgd.csv", "--ignore-columns",
        "id,followup_days");
    assertEquals(List.of("prediction", "link"), List.of(rows.get(0)));
    assertEquals(129, rows.size());
    double spread = 0;
    for (String[] row : rows.subList(1, rows.size())) {
      double mu = Double.parseDouble(row[0]);
      double eta = Double.parseDouble(row[1]);
      assertEquals(Math.log(mu), eta, 1e-12, String.join(",", row));
      spread = Math.max(spread, Math.abs(eta - Double.parseDouble(rows.get(1)[1])));
    }
    assertTrue(spread > 0.1, "the offsets and features move η from row to row: " + spread);
  }

  @Test
  void binomial_linkIsTheLogOddsOfTheSecondClass() {
    Path model = path("bc", "--data", "../data/breast_cancer.csv", "--target", "diagnosis",
        "--family", "binomial", "--ignore-columns", "id");
    List<String[]> rows = predict(model, "../data/breast_cancer.csv", "--ignore-columns", "id");
    assertEquals(List.of("class", "prob_benign", "prob_malignant", "link"),
        List.of(rows.get(0)));
    for (String[] row : rows.subList(1, rows.size())) {
      double eta = Double.parseDouble(row[3]);
      // the probabilities are printed as float
      assertEquals(1 / (1 + Math.exp(-eta)), Double.parseDouble(row[2]), 1e-7);
      assertEquals(eta > 0 ? "malignant" : "benign", row[0]);
    }
  }

  @Test
  void multinomial_linkPerClass_isWhatTheSoftmaxTakes() {
    Path model = path("wine", "--data", "../data/wine.csv", "--target", "cultivar",
        "--family", "multinomial");
    List<String[]> rows = predict(model, "../data/wine.csv");
    assertEquals(List.of("class", "prob_class_0", "prob_class_1", "prob_class_2",
        "link_class_0", "link_class_1", "link_class_2"), List.of(rows.get(0)));
    for (String[] row : rows.subList(1, rows.size())) {
      double[] eta = {Double.parseDouble(row[4]), Double.parseDouble(row[5]),
          Double.parseDouble(row[6])};
      double max = Math.max(eta[0], Math.max(eta[1], eta[2]));
      double sum = 0;
      for (double e : eta) {
        sum += Math.exp(e - max);
      }
      for (int k = 0; k < 3; k++) {
        assertEquals(Math.exp(eta[k] - max) / sum, Double.parseDouble(row[1 + k]), 1e-7);
      }
    }
  }

  /**
   * The link is η = a₀ + x·b itself, from path.json's coefficients at the saved (last) λ, not
   * only something whose softmax is right: a multinomial η shifted by a constant per row (such
   * as η centered over the classes) has the same probabilities, and a gaussian model's
   * prediction is its η. Both checked on the file's raw columns.
   */
  @Test
  void link_isTheInterceptPlusTheFeaturesTimesTheCoefficients() throws Exception {
    for (String[] c : List.of(new String[] {"wine", "cultivar", "multinomial"},
        new String[] {"diabetes", "progression", "gaussian"})) {
      String data = "../data/" + c[0] + ".csv";
      Path model = path(c[0] + "-eta", "--data", data, "--target", c[1], "--family", c[2]);
      com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind
          .ObjectMapper().readTree(dir.resolve(c[0] + "-eta").resolve("path.json").toFile());
      int last = json.get("lambda").size() - 1;
      com.fasterxml.jackson.databind.JsonNode a0 = json.get("intercept").get(last);
      com.fasterxml.jackson.databind.JsonNode b = json.get("coef").get(last);
      boolean multinomial = c[2].equals("multinomial");
      List<String> header = List.of(Files.readAllLines(Path.of(data)).get(0).split(","));
      List<String[]> x = Files.readAllLines(Path.of(data)).stream().skip(1)
          .map(l -> l.split(",")).toList();
      List<String[]> rows = predict(model, data);
      int classes = multinomial ? a0.size() : 1;
      int first = rows.get(0).length - classes;
      assertEquals(x.size() + 1, rows.size());
      for (int i = 0; i < x.size(); i++) {
        for (int k = 0; k < classes; k++) {
          com.fasterxml.jackson.databind.JsonNode coef = multinomial ? b.get(k) : b;
          double eta = multinomial ? a0.get(k).asDouble() : a0.asDouble();
          for (int j = 0; j < coef.size(); j++) {
            String name = json.get("feature_names").get(j).asText();
            eta += coef.get(j).asDouble() * Double.parseDouble(x.get(i)[header.indexOf(name)]);
          }
          double link = Double.parseDouble(rows.get(i + 1)[first + k]);
          assertEquals(eta, link, 1e-9 * (1 + Math.abs(eta)), c[0] + " row " + (i + 1)
              + ", class " + k);
          if (!multinomial) {
            assertEquals(link, Double.parseDouble(rows.get(i + 1)[0]), 0.0, "η is the mean");
          }
        }
      }
    }
  }

  @Test
  void aNetworkModel_isRefusedNamingTheFlag() throws Exception {
    Path model = dir.resolve("net.model");
    InProcess trained = InProcess.run("train", "--data", "../data/diabetes.csv", "--target",
        "progression", "--model", "linear", "--standardize", "--epochs", "1", "--quiet",
        "--threads", "1", "--save", model.toString(), "--out", dir.resolve("t").toString());
    assertEquals(0, trained.exit(), trained.err());
    Path out = dir.resolve("p.csv");
    InProcess r = InProcess.run("predict", "--model", model.toString(), "--data",
        "../data/diabetes.csv", "--out", out.toString(), "--link");
    assertEquals(2, r.exit(), r.err());
    assertEquals("--link: " + model + " is a model trained by gradient descent (train, select,"
        + " grid); --link writes the linear predictor η = a₀ + x·b of the linear models that"
        + " path --save writes", r.message());
    assertTrue(!Files.exists(out), "nothing written");
  }
}
