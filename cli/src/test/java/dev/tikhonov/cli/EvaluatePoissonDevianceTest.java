package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate scores a Poisson model first by its mean Poisson deviance (1/n) Σ 2[y log(y/μ) −
 * (y − μ)] ≥ 0, scikit-learn's {@code mean_poisson_deviance} (the library's number is checked
 * against scikit-learn's in core's WeightedEvaluationTest, ref/make_weighted_scores.py); here
 * it is the mean over predict's μ of the same rows. Before, evaluate printed only "loss (μ −
 * y·log μ)", which is negative where counts are large and was read as a deviance. The model is a
 * Poisson lasso path on data/cgd.csv with its counts ×10 (and its offset), which makes the
 * loss negative.
 */
class EvaluatePoissonDevianceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DATA = Path.of("..", "data", "cgd.csv");

  @TempDir Path dir;

  @Test
  void evaluate_poissonModel_printsTheMeanPoissonDevianceOfItsPredictions() throws Exception {
    // ten times the counts, fitted: μ well above 1, where the loss μ − y·log μ goes below 0;
    // the deviance cannot
    List<String> lines = new ArrayList<>(Files.readAllLines(DATA));
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      cells[1] = Integer.toString(10 * Integer.parseInt(cells[1]));
      lines.set(i, String.join(",", cells));
    }
    Path data = Files.write(dir.resolve("cgd10.csv"), lines);
    Path model = dir.resolve("cgd.model");
    InProcess fit = InProcess.run("path", "--quiet", "--threads", "1", "--data",
        data.toString(), "--target", "infections", "--family", "poisson", "--offset",
        "log_followup_years", "--ignore-columns", "id,followup_days", "--out",
        dir.resolve("run").toString(), "--save", model.toString());
    assertEquals(0, fit.exit(), fit.err());
    Path predictions = dir.resolve("mu.csv");
    InProcess p = InProcess.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--ignore-columns", "id,followup_days", "--keep-columns",
        "infections", "--out", predictions.toString());
    assertEquals(0, p.exit(), p.err());
    double sum = 0;
    List<List<String>> rows = CsvReader.readText(predictions,
        List.of("infections", "prediction"), CsvOptions.defaults());
    for (List<String> row : rows) {
      double y = Double.parseDouble(row.get(0));
      double mu = Double.parseDouble(row.get(1));
      sum += 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
    }
    double expected = sum / rows.size();

    List<String> args = List.of("evaluate", "--model", model.toString(), "--data",
        data.toString(), "--target", "infections", "--ignore-columns", "id,followup_days");
    InProcess json = InProcess.run(concat(args, "--json"));
    assertEquals(0, json.exit(), json.err());
    JsonNode m = JSON.readTree(json.out());
    assertEquals(expected, m.get("deviance").asDouble(), 1e-9 * expected);
    assertTrue(m.get("loss").asDouble() < 0, "the loss is negative here: " + m);
    InProcess text = InProcess.run(args);
    assertEquals(0, text.exit(), text.err());
    String line = text.out().strip();
    assertTrue(line.startsWith(model + " on " + data + ": 128 rows, mean Poisson deviance "
        + String.format(java.util.Locale.ROOT, "%.4g", expected) + ", MSE "), line);
    assertTrue(line.endsWith(String.format(java.util.Locale.ROOT,
        ", loss (μ − y·log μ, not a deviance) %.4g", m.get("loss").asDouble())), line);
  }

  private static List<String> concat(List<String> args, String more) {
    List<String> all = new ArrayList<>(args);
    all.add(more);
    return all;
  }
}
