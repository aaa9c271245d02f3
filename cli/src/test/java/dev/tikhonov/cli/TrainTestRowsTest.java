package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train's run.json and report name the test rows beside the validation rows: the settings
 * showed {@code held_out_rows} (--validation-fraction's share of the training rows) but neither
 * --test-fraction nor how many rows the test scores are of, so a reader could not tell the one
 * from the other.
 */
class TrainTestRowsTest {
  @TempDir Path dir;

  @Test
  void train_ofACsv_recordsTestFractionAndTestRowsBesideHeldOutRows() throws Exception {
    Path data = Path.of("..", "data", "breast_cancer.csv");
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "diagnosis",
        "--ignore-columns", "id", "--model", "logistic", "--standardize", "--epochs", "1",
        "--test-fraction", "0.25", "--validation-fraction", "0.1", "--seed", "3",
        "--threads", "1", "--quiet", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    // the split train makes, from the library: a classifier's is stratified
    int testRows = Splits.stratifiedTrainTest(Dataset.read(data, "diagnosis", TargetKind.CLASS),
        0.25, 3).test().numRows();
    JsonNode settings = new ObjectMapper().readTree(out.resolve("run.json").toFile())
        .get("settings");
    assertEquals(0.25, settings.get("test_fraction").asDouble(), settings.toString());
    assertEquals(testRows, settings.get("test_rows").asInt(), settings.toString());
    assertTrue(settings.has("held_out_rows"), settings.toString());
    String report = Files.readString(out.resolve("report.html"));
    for (String key : new String[] {"test_fraction", "test_rows", "held_out_rows"}) {
      assertTrue(report.contains("<code>" + key + "</code>"), key);
    }
  }
}
