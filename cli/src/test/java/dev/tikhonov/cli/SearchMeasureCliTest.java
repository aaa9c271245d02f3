package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code select} and {@code grid} with {@code --cv-measure}: the choice follows the measure's
 * means as written in the run's files, the held-out loss is written beside them, and the table
 * names what it shows.
 */
class SearchMeasureCliTest {
  @TempDir Path dir;

  private static final String WINE = Path.of("..", "data", "wine.csv").toString();

  @Test
  void select_byErrorRate_choosesλFromTheErrorRates_andWritesTheLossBeside() throws Exception {
    Path out = dir.resolve("s");
    InProcess r = InProcess.run("select", "--data", WINE, "--target", "cultivar",
        "--standardize", "--model", "mlp:6", "--epochs", "6", "--lambdas", "1,0.1,0.01,0.001",
        "--cv-folds", "3", "--cv-measure", "class", "--rule", "min", "--threads", "1", "--out",
        out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode s = new ObjectMapper().readTree(out.resolve("selection.json").toFile());
    JsonNode cv = s.get("cv");
    assertEquals("class", cv.get("measure_id").asText());
    assertEquals("misclassification rate", cv.get("measure").asText());
    assertEquals("class", s.get("settings").get("measure").asText());
    assertEquals("class", new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
        .get("measure").asText(), "metrics.json says what chose λ");
    // λ_min is the largest λ of the smallest mean error rate, and those means are the
    // misclassification summary's; the loss is there too, and differs from them
    int min = 0;
    for (int l = 1; l < cv.get("mean").size(); l++) {
      min = cv.get("mean").get(l).asDouble() < cv.get("mean").get(min).asDouble() ? l : min;
      assertEquals(s.get("misclassification").get("mean").get(l).asDouble(),
          cv.get("mean").get(l).asDouble(), 1e-15);
    }
    assertEquals(min, cv.get("index_min").asInt());
    assertEquals(min, s.get("chosen").get("index").asInt());
    assertTrue(Math.abs(s.get("loss").get("mean").get(0).asDouble()
        - cv.get("mean").get(0).asDouble()) > 1e-3, s.get("loss").toString());
    List<String> csv = Files.readAllLines(out.resolve("selection.csv"));
    assertTrue(csv.get(0).endsWith(",chosen,loss_mean,loss_se"), csv.get(0));
    assertTrue(r.out().contains("held-out loss ± SE     error rate ± SE"), r.out());
  }

  @Test
  void grid_byMae_ranksByTheMaeColumn_andPrintsTheLossBeside() throws Exception {
    Path out = dir.resolve("g");
    InProcess r = InProcess.run("grid", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--regression", "--standardize",
        "--standardize-target", "--model", "mlp:4", "--epochs", "3", "--lambdas", "1,0.001",
        "--cv-folds", "3", "--cv-measure", "mae", "--rule", "min", "--threads", "1", "--out",
        out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode g = new ObjectMapper().readTree(out.resolve("grid.json").toFile());
    assertEquals("mae", g.get("measure_id").asText());
    assertEquals("mean absolute error", g.get("measure").asText());
    assertEquals("mae", new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
        .get("measure").asText(), "metrics.json says what chose the candidate");
    JsonNode c = g.get("candidates");
    int best = c.get(0).get("mean").asDouble() <= c.get(1).get("mean").asDouble() ? 0 : 1;
    assertEquals(best, g.get("best").asInt());
    assertEquals(best, g.get("chosen").asInt());
    for (JsonNode candidate : c) {
      // ½(y − ŷ)² of progression (about 5,000 s²) is far from |y − ŷ| (about 50)
      assertTrue(candidate.get("loss_mean").asDouble() > 10 * candidate.get("mean").asDouble(),
          candidate.toString());
    }
    assertTrue(r.out().contains("rule min by the held-out MAE, "), r.out());
    List<String> lines = List.of(r.out().split("\n"));
    String header = lines.stream().filter(l -> l.contains("held-out MAE ± SE")).findFirst()
        .orElseThrow(() -> new AssertionError(r.out()));
    int column = header.indexOf("held-out loss ± SE");
    assertTrue(column > header.indexOf("held-out MAE ± SE"), header);
    for (String row : lines.subList(lines.indexOf(header) + 1, lines.indexOf(header) + 3)) {
      assertEquals(' ', row.charAt(column - 1), row);
      assertTrue(Character.isDigit(row.charAt(column)), "the loss under its header: " + row);
    }
  }

  /** The error rate's header is longer than the column's 22 characters: the loss stays in line. */
  @Test
  void grid_byErrorRate_keepsTheLossColumnUnderItsHeader() {
    InProcess r = InProcess.run("grid", "--data", WINE, "--target", "cultivar", "--standardize",
        "--model", "mlp:4", "--epochs", "2", "--lambdas", "1,0.1", "--cv-folds", "2",
        "--cv-measure", "class", "--threads", "1", "--out", dir.resolve("e").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> lines = List.of(r.out().split("\n"));
    String header = lines.stream().filter(l -> l.contains("held-out error rate ± SE"))
        .findFirst().orElseThrow(() -> new AssertionError(r.out()));
    int column = header.indexOf("held-out loss ± SE");
    for (String row : lines.subList(lines.indexOf(header) + 1, lines.indexOf(header) + 3)) {
      assertEquals(' ', row.charAt(column - 1), row);
      assertTrue(Character.isDigit(row.charAt(column)), "the loss under its header: " + row);
    }
  }
}
