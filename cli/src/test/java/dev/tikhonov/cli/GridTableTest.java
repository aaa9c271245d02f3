package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grid's table of candidates: its first column is as wide as the longest candidate's settings.
 * A fixed 60 characters let a grid over λ, dropout, weight decay and learning rate push each
 * score to where its settings ended, out of line (the mlpuser trial's note).
 */
class GridTableTest {
  @TempDir Path dir;

  @Test
  void scores_lineUpUnderTheirHeader_whateverTheSettingsLength() {
    InProcess r = InProcess.run("grid", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--regression", "--standardize",
        "--standardize-target", "--model", "mlp:4", "--epochs", "1", "--lambdas", "0,0.1",
        "--dropouts", "0,0.25", "--weight-decays", "0,0.0001", "--cv-folds", "2", "--threads",
        "1", "--out", dir.resolve("g").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> lines = Arrays.asList(r.out().split("\n"));
    int header = lines.indexOf(lines.stream().filter(l -> l.contains("held-out loss ± SE"))
        .findFirst().orElseThrow(() -> new AssertionError(r.out())));
    int column = lines.get(header).indexOf("held-out loss");
    List<String> rows = lines.subList(header + 1, header + 9);
    assertTrue(rows.stream().anyMatch(l -> l.contains("weight_decay=1e-04")), r.out());
    for (String row : rows) {
      assertTrue(row.startsWith("  {lambda="), row);
      assertEquals(' ', row.charAt(column - 1), row);
      assertTrue(Character.isDigit(row.charAt(column)), "the score under its header: " + row);
    }
  }
}
