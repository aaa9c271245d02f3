package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path --relax} with {@code --weights} and {@code --offset}, end to end on cgd.csv with
 * the observation weights of ref/make_relax_weights.R: the (λ, γ) cross-validation chooses
 * glmnet's pairs, run.json names the two columns, the saved model at (λ_min, γ_min) predicts
 * with each row's offset, and the report builds; {@code path --adaptive} with the same columns.
 */
class RelaxWeightsOffsetCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REAL = Path.of("..", "core", "src", "test", "resources", "ref",
      "real");
  @TempDir Path dir;

  /**
   * cgd.csv with an "obs_weight" column from the reference (cgd has a feature "weight"), and
   * the log follow-up offset raised by {@code shift}.
   */
  private Path cgd(String name, double shift) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "cgd.csv"));
    List<String> weights = Files.readAllLines(REAL.resolve("cgd_weighted-relax-observations.csv"));
    int offset = List.of(lines.get(0).split(",")).indexOf("log_followup_years");
    int weight = List.of(weights.get(0).split(",")).indexOf("weight");
    List<String> out = new ArrayList<>(List.of(lines.get(0) + ",obs_weight"));
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      cells[offset] = Double.toString(Double.parseDouble(cells[offset]) + shift);
      out.add(String.join(",", cells) + "," + weights.get(i).split(",")[weight]);
    }
    return Files.write(dir.resolve(name), out);
  }

  private List<String[]> link(Path model, Path data) {
    InProcess r = InProcess.run(List.of("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", "-", "--link", "--ignore-columns", "id,followup_days"));
    assertEquals(0, r.exit(), r.err());
    return r.out().lines().map(l -> l.split(",")).toList();
  }

  @Test
  void relaxWithWeightsAndOffset_choosesGlmnetsPairs_andTheModelPredictsWithTheOffset()
      throws Exception {
    Path data = cgd("cgd_w.csv", 0);
    Path model = dir.resolve("m.model");
    InProcess r = InProcess.run(List.of("path", "--quiet", "--threads", "1", "--data",
        data.toString(), "--target", "infections", "--family", "poisson", "--relax",
        "--weights", "obs_weight", "--offset", "log_followup_years", "--ignore-columns",
        "id,followup_days", "--foldid", REAL.resolve("cgd-foldid.csv").toString(), "--tol",
        "1e-12", "--out", dir.resolve("r").toString(), "--save", model.toString()));
    assertEquals(0, r.exit(), r.err());
    JsonNode cv = JSON.readTree(dir.resolve("r/path.json").toFile()).get("relaxed").get("cv");
    List<String> select = Files.readAllLines(REAL.resolve("cgd_weighted-relax-cv-select.csv"));
    String[] header = select.get(0).split(",");
    String[] values = select.get(1).split(",");
    for (int c = 0; c < header.length; c++) {
      double expected = Double.parseDouble(values[c]);
      assertEquals(expected, cv.get(header[c]).asDouble(), 1e-9 * Math.max(1, expected),
          header[c]);
    }
    JsonNode settings = JSON.readTree(dir.resolve("r/run.json").toFile());
    assertTrue(settings.toString().contains("\"weight_column\":\"obs_weight\"")
        && settings.toString().contains("\"offset_column\":\"log_followup_years\""),
        settings.toString());

    // The saved model: η = offset + a₀ + x·b, so raising every offset by 1 raises η by 1.
    List<String[]> base = link(model, data);
    List<String[]> shifted = link(model, cgd("cgd_shifted.csv", 1));
    assertEquals(List.of("prediction", "link"), List.of(base.get(0)));
    assertEquals(129, base.size());
    for (int i = 1; i < base.size(); i++) {
      double eta = Double.parseDouble(base.get(i)[1]);
      assertEquals(Math.log(Double.parseDouble(base.get(i)[0])), eta, 1e-12, "row " + i);
      assertEquals(eta + 1, Double.parseDouble(shifted.get(i)[1]), 1e-9, "row " + i);
    }

    InProcess report = InProcess.run(List.of("report", dir.resolve("r").toString()));
    assertEquals(0, report.exit(), report.err());
    assertTrue(Files.exists(dir.resolve("r/report.html")));
  }

  /**
   * {@code path --adaptive --adaptive-pilot ols} with the same columns (center_europe_other
   * left out: with the other three center dummies it sums to the intercept's column, so the
   * least-squares pilot would not be unique): λ_min is that of the R recipe of
   * ref/make_adaptive_weights.R, and with {@code --relax} the CV mean per (λ, γ) its.
   */
  @Test
  void adaptiveWithWeightsAndOffset_andRelaxed_matchTheRecipeOfGlmnet() throws Exception {
    Path data = cgd("cgd_w.csv", 0);
    InProcess r = InProcess.run(List.of("path", "--quiet", "--threads", "1", "--data",
        data.toString(), "--target", "infections", "--family", "poisson", "--adaptive",
        "--adaptive-pilot", "ols", "--weights", "obs_weight", "--offset", "log_followup_years",
        "--ignore-columns", "id,followup_days,center_europe_other", "--foldid",
        REAL.resolve("cgd-foldid.csv").toString(), "--tol", "1e-12", "--out",
        dir.resolve("a").toString()));
    assertEquals(0, r.exit(), r.err());
    JsonNode cv = JSON.readTree(dir.resolve("a/path.json").toFile()).get("cv");
    List<String> rows = Files.readAllLines(REAL.resolve("cgd_weighted-adaptive-cv.csv"));
    double best = Double.POSITIVE_INFINITY;
    double lambdaMin = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      if (Double.parseDouble(cells[1]) < best) {
        best = Double.parseDouble(cells[1]);
        lambdaMin = Double.parseDouble(cells[0]);
      }
    }
    assertEquals(lambdaMin, cv.get("lambda_min").asDouble(), 1e-8 * lambdaMin);

    // --relax with it: the relaxed adaptive lasso, each fold its own pilot, path and refits
    InProcess relaxed = InProcess.run(List.of("path", "--quiet", "--threads", "1", "--data",
        data.toString(), "--target", "infections", "--family", "poisson", "--relax",
        "--adaptive", "--adaptive-pilot", "ols", "--weights", "obs_weight", "--offset",
        "log_followup_years", "--ignore-columns", "id,followup_days,center_europe_other",
        "--foldid", REAL.resolve("cgd-foldid.csv").toString(), "--tol", "1e-12", "--out",
        dir.resolve("ra").toString()));
    assertEquals(0, relaxed.exit(), relaxed.err());
    JsonNode rcv = JSON.readTree(dir.resolve("ra/path.json").toFile()).get("relaxed").get("cv");
    List<String> curves = Files.readAllLines(REAL.resolve("cgd_weighted-adaptive-relax-cv.csv"));
    List<String> header = List.of(curves.get(0).split(","));
    JsonNode gamma = rcv.get("gamma");
    for (int g = 0; g < gamma.size(); g++) {
      double value = gamma.get(g).asDouble();
      int column = header.indexOf("cvm_" + (value == (int) value ? Integer.toString((int) value)
          : Double.toString(value)));
      for (int l = 1; l < curves.size(); l++) {
        double theirs = Double.parseDouble(curves.get(l).split(",")[column]);
        assertEquals(theirs, rcv.get("mean").get(g).get(l - 1).asDouble(), 5e-5 * theirs,
            "γ " + value + ", λ #" + l);
      }
    }
    assertTrue(Files.readString(dir.resolve("ra/run.json")).contains("least_squares"));
  }
}
