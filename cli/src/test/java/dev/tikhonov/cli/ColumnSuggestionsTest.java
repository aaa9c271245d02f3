package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column flag naming no column of the file (mistyped, or in another case) is refused with
 * the close column: --target, --ignore-columns, --weights and --offset, whichever command reads
 * the file, exit 2 and one line.
 */
class ColumnSuggestionsTest {
  @TempDir static Path dir;
  static String crops;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder csv = new StringBuilder("plot,rain,exposure,weight,cultivar\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(Math.sin(i)).append(',').append(1 + i % 3).append(',')
          .append(1 + i % 2).append(',').append(i % 5).append('\n');
    }
    crops = Files.writeString(dir.resolve("crops.csv"), csv).toString();
  }

  private static String refused(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--threads", "1", "--quiet", "--out", dir.resolve("r").toString()));
    InProcess r = InProcess.run(all.toArray(String[]::new));
    assertEquals(2, r.exit(), String.join(" ", all) + "\n" + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    return r.err().strip();
  }

  @Test
  void target_mistypedOrInAnotherCase_namesTheCloseColumn() {
    String columns = "available columns: \"plot\", \"rain\", \"exposure\", \"weight\","
        + " \"cultivar\"";
    assertEquals("tikhonov: error: " + crops + ": no target column \"CULTIVR\"; " + columns
        + "; did you mean \"cultivar\"?",
        refused("train", "--data", crops, "--target", "CULTIVR", "--model", "linear"));
    assertEquals("tikhonov: error: " + crops + ": no target column \"Cultivar\"; " + columns
        + "; did you mean \"cultivar\"?", refused("path", "--data", crops, "--target",
            "Cultivar"));
    assertEquals("tikhonov: error: " + crops + ": no target column \"yield\"; " + columns,
        refused("ridge", "--data", crops, "--target", "yield"));
  }

  @Test
  void ignoreColumns_mistyped_namesTheCloseColumn() {
    assertEquals("tikhonov: error: --ignore-columns: " + crops + ": no column \"Plott\" to"
        + " ignore; available columns: \"plot\", \"rain\", \"exposure\", \"weight\","
        + " \"cultivar\"; did you mean \"plot\"?", refused("ridge", "--data", crops,
            "--target", "cultivar", "--ignore-columns", "Plott"));
  }

  @Test
  void weightsAndOffset_mistyped_nameTheCloseColumn() {
    String features = " has no such column (its feature columns: plot, rain, exposure, weight)";
    assertEquals("tikhonov: error: --weights \"weigth\": " + crops + features
        + "; did you mean \"weight\"?", refused("path", "--data", crops, "--target",
            "cultivar", "--weights", "weigth", "--nlambda", "3"));
    assertEquals("tikhonov: error: --weights \"Weight\": " + crops + features
        + "; did you mean \"weight\"?", refused("ridge", "--data", crops, "--target",
            "cultivar", "--weights", "Weight"));
    assertEquals("tikhonov: error: --offset \"exposur\": " + crops + features
        + "; did you mean \"exposure\"?", refused("path", "--data", crops, "--target",
            "cultivar", "--family", "poisson", "--offset", "exposur", "--nlambda", "3"));
    assertEquals("tikhonov: error: --weights \"WEIGHT\": " + crops + features
        + "; did you mean \"weight\"?", refused("train", "--data", crops, "--target",
            "cultivar", "--model", "linear", "--standardize", "--weights", "WEIGHT"));
  }

  /**
   * path's per-feature flags (--penalty-factors, --lower-limits, --upper-limits) named the
   * features but not the close one, as every other column flag has since the thirty-eighth
   * session.
   */
  @Test
  void perFeatureFlags_mistyped_nameTheCloseFeature() {
    String features = " (features: plot, rain, exposure, weight)";
    assertEquals("tikhonov: error: --penalty-factors: no feature column 'Rain'" + features
        + "; did you mean \"rain\"?", refused("path", "--data", crops, "--target", "cultivar",
            "--penalty-factors", "plot=0,Rain=2", "--nlambda", "3"));
    assertEquals("tikhonov: error: --upper-limits: no feature column 'exposur'" + features
        + "; did you mean \"exposure\"?", refused("path", "--data", crops, "--target",
            "cultivar", "--upper-limits", "exposur=1", "--nlambda", "3"));
    // the target is no feature: not suggested
    assertEquals("tikhonov: error: --lower-limits: no feature column 'cultivr'" + features,
        refused("path", "--data", crops, "--target", "cultivar", "--lower-limits",
            "cultivr=-1", "--nlambda", "3"));
  }
}
