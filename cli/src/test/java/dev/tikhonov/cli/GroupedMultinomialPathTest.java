package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code path --multinomial-penalty grouped} in-process: on data/wine.csv with the fold ids of
 * core's ref/real/wine-foldid.csv it is cv.glmnet's {@code type.multinomial = "grouped"}
 * (core's ref/grouped, made by make_grouped.R at thresh 1e-14): the same λ, df, λ_min and
 * λ_1se, every feature in all classes or none; path.json says which penalty; the saved model
 * is an ordinary multinomial model for predict and evaluate that knows its penalty is grouped;
 * the flag is refused where it has no effect or cannot apply.
 */
class GroupedMultinomialPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref");
  private static final String WINE = Path.of("..", "data", "wine.csv").toString();
  @TempDir Path dir;

  private static List<double[]> rows(Path csv) throws Exception {
    List<double[]> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      double[] row = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        row[c] = Double.parseDouble(cells[c]);
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void grouped_cvOnWine_isCvGlmnetsGroupedAndSavesAModel() throws Exception {
    Path model = dir.resolve("wine.model");
    InProcess r = InProcess.run("path", "--data", WINE, "--target", "cultivar", "--family",
        "multinomial", "--multinomial-penalty", "grouped", "--tol", "1e-10",
        "--max-iterations", "10000000", "--foldid",
        REF.resolve("real/wine-foldid.csv").toString(), "--save", model.toString(), "--out",
        dir.resolve("g").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode path = JSON.readTree(dir.resolve("g/path.json").toFile());
    assertEquals("grouped", path.get("multinomial_penalty").asText());
    assertFalse(path.has("ic"), "no information criteria");
    assertTrue(path.get("ic_omitted").asText().contains("grouped"), path.toString());
    assertFalse(path.get("ic_omitted").asText().contains("--cv-folds"), "CV is on already");
    List<double[]> ref = rows(REF.resolve("grouped/wine-path.csv"));
    for (int l = 0; l < ref.size(); l++) {
      assertEquals(ref.get(l)[0], path.get("lambda").get(l).asDouble(), 1e-12 * ref.get(l)[0],
          "λ #" + (l + 1));
      assertEquals((int) ref.get(l)[2], path.get("df").get(l).asInt(), "df at λ #" + (l + 1));
    }
    for (JsonNode atLambda : path.get("coef")) {
      for (int j = 0; j < atLambda.get(0).size(); j++) {
        int zeros = 0;
        for (JsonNode klass : atLambda) {
          zeros += klass.get(j).asDouble() == 0 ? 1 : 0;
        }
        assertTrue(zeros == 0 || zeros == 3, "feature " + j + ": " + zeros + " classes zero");
      }
    }
    double[] select = rows(REF.resolve("grouped/wine-cv-select.csv")).get(0);
    JsonNode cv = path.get("cv");
    assertEquals(select[0], cv.get("lambda_min").asDouble(), 1e-10 * select[0], "λ_min");
    assertEquals(select[1], cv.get("lambda_1se").asDouble(), 1e-10 * select[1], "λ_1se");

    Path predictions = dir.resolve("p.csv");
    r = InProcess.run("predict", "--model", model.toString(), "--data", WINE, "--out",
        predictions.toString());
    assertEquals(0, r.exit(), r.err());
    List<String> lines = Files.readAllLines(predictions);
    assertEquals("class,prob_class_0,prob_class_1,prob_class_2", lines.get(0));
    assertEquals(179, lines.size());
    r = InProcess.run("evaluate", "--model", model.toString(), "--data", WINE, "--target",
        "cultivar");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("accuracy"), r.out());
    // The saved model knows its penalty, so evaluate's penalty is the one the path minimized.
    assertEquals(dev.tikhonov.linear.MultinomialPenalty.GROUPED,
        ((dev.tikhonov.estimate.LinearClassifier) dev.tikhonov.estimate.Predictor.load(model))
            .multinomialPenalty());
  }

  @Test
  void pathJson_saysWhichPenalty_andWhyAGroupedPathHasNoCriteria() throws Exception {
    InProcess r = InProcess.run("path", "--data", WINE, "--target", "cultivar", "--family",
        "multinomial", "--nlambda", "5", "--out", dir.resolve("u").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode path = JSON.readTree(dir.resolve("u/path.json").toFile());
    assertEquals("ungrouped", path.get("multinomial_penalty").asText());
    r = InProcess.run("path", "--data", WINE, "--target", "cultivar", "--family",
        "multinomial", "--multinomial-penalty", "ungrouped", "--nlambda", "5", "--out",
        dir.resolve("u2").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals(path.get("coef"),
        JSON.readTree(dir.resolve("u2/path.json").toFile()).get("coef"), "the default");
    r = InProcess.run("path", "--data", WINE, "--target", "cultivar", "--family",
        "multinomial", "--multinomial-penalty", "grouped", "--nlambda", "5", "--out",
        dir.resolve("g").toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode grouped = JSON.readTree(dir.resolve("g/path.json").toFile());
    assertEquals("grouped", grouped.get("multinomial_penalty").asText());
    String omitted = grouped.get("ic_omitted").asText();
    assertTrue(omitted.endsWith("choose λ by cross-validation (--cv-folds)"), omitted);
    assertTrue(r.out().contains("information criteria not computed: " + omitted), r.out());
  }

  @Test
  void grouped_isRefusedWhereItCannotApply() {
    String[][] cases = {
        {"--multinomial-penalty applies only with --family multinomial (it says how a feature's"
            + " class coefficients are penalized); it has no effect with --family gaussian,"
            + " which fits one coefficient per feature", "--target", "alcohol"},
        {"--multinomial-penalty must be grouped or ungrouped (any case), got 'pooled'", "--target",
            "cultivar", "--family", "multinomial"},
        {"--multinomial-penalty grouped does not take --lower-limits or --upper-limits (a"
            + " limit on one class coefficient does not fit a penalty on the group); leave the"
            + " limits out or use --multinomial-penalty ungrouped", "--target", "cultivar",
            "--family", "multinomial", "--upper-limits", "1"},
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("path", "--data", WINE, "--ignore-columns",
          c[2].equals("alcohol") ? "cultivar" : "alcohol", "--out",
          dir.resolve("x").toString(), "--quiet"));
      args.addAll(List.of(c).subList(1, c.length));
      args.addAll(List.of("--multinomial-penalty", c[0].contains("pooled") ? "pooled"
          : "grouped"));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), args + "\n" + r.err());
      assertEquals("tikhonov: error: " + c[0], r.err().strip(), args.toString());
      assertFalse(Files.exists(dir.resolve("x/path.json")), "nothing written");
    }
  }
}
