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
 * train --weights COLUMN: observation weights for every --model (the column is not a feature,
 * the data term is Σ wᵢℓᵢ / Σ wᵢ), CSV only, recorded in run.json and kept by --resume.
 */
class TrainWeightsTest {
  @TempDir Path dir;

  /** data/wine.csv with a weight column w = 1 + i mod 3 (and, for {@code bad}, row 5's −1). */
  private Path wine(boolean bad) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append(",w\n");
    for (int i = 1; i < lines.size(); i++) {
      csv.append(lines.get(i)).append(',').append(bad && i == 5 ? -1 : 1 + i % 3).append('\n');
    }
    return Files.writeString(dir.resolve(bad ? "bad.csv" : "wine_w.csv"), csv);
  }

  private InProcess train(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--epochs", "2", "--threads", "1",
        "--quiet", "--out", dir.resolve(out).toString()));
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  private JsonNode runJson(String out) throws Exception {
    return new ObjectMapper().readTree(dir.resolve(out).resolve("run.json").toFile());
  }

  @Test
  void everyModel_takesTheColumnOutOfTheFeatures_andRecordsIt() throws Exception {
    String data = wine(false).toString();
    String[][] models = {{"logistic"}, {"mlp:4"}, {"linear", "--target", "alcohol",
        "--ignore-columns", "cultivar"}, {"mlp:4", "--regression", "--target", "alcohol",
        "--ignore-columns", "cultivar"}};
    for (String[] m : models) {
      List<String> args = new ArrayList<>(List.of("--data", data, "--standardize",
          "--weights", "w", "--model", m[0]));
      if (m.length == 1) {
        args.addAll(List.of("--target", "cultivar"));
      } else {
        args.addAll(List.of(m).subList(1, m.length));
      }
      String out = m[0].replace(':', '_') + m.length;
      InProcess r = train(out, args.toArray(String[]::new));
      assertEquals(0, r.exit(), String.join(" ", m) + ": " + r.err());
      JsonNode settings = runJson(out).path("settings");
      assertEquals("w", settings.path("weight_column").asText(), settings.toString());
      assertTrue(r.out().contains(m.length == 1 ? "13 features" : "12 features"), r.out());
    }
  }

  @Test
  void resume_keepsTheStoredWeights_andRefusesTheFlag() throws Exception {
    String data = wine(false).toString();
    // Main.run: the checkpoint stores the arguments it was given (InProcess gives none)
    assertEquals(0, Main.run("train", "--epochs", "2", "--threads", "1", "--quiet", "--out",
        dir.resolve("c").toString(), "--data", data, "--target", "cultivar", "--model",
        "logistic", "--standardize", "--weights", "w", "--checkpoint-every", "1"));
    InProcess again = InProcess.run("train", "--resume", dir.resolve("c").toString(),
        "--weights", "alcohol");
    assertEquals(2, again.exit(), again.err());
    assertTrue(again.err().contains("--resume continues with the checkpoint's settings; drop"
        + " --weights"), again.err());
    InProcess resumed = InProcess.run("train", "--resume", dir.resolve("c").toString(),
        "--quiet");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals("w", runJson("c").path("settings").path("weight_column").asText());
  }

  @Test
  void badInput_namesTheFlag() throws Exception {
    String data = wine(false).toString();
    String[] base = {"--data", data, "--target", "cultivar", "--model", "logistic"};
    assertRefused("--weights \"nope\": " + data + " has no such column", base, "--weights",
        "nope");
    // the file's row, not the row of the shuffled training part the estimator sees
    assertRefused(dir.resolve("bad.csv") + ":6:15 (column \"w\"): weight -1.0; --weights must"
        + " be finite and ≥ 0", new String[] {"--data",
            wine(true).toString(), "--target", "cultivar"}, "--weights", "w");
    assertRefused("--weights \"cultivar\" is the --target column", base, "--weights",
        "cultivar");
    assertRefused("--weights \"w\" is also in --ignore-columns", base, "--weights", "w",
        "--ignore-columns", "w");
    assertRefused("--weights applies only to CSV data (it names a column); it has no effect on"
        + " LIBSVM data", new String[] {"--data", Path.of("..", "data", "breast_cancer.svm.gz")
            .toString()}, "--weights", "w");
    assertRefused("--weights applies only to CSV data (it names a column); it has no effect on"
        + " the bundled MNIST sample", new String[0], "--weights", "w");
  }

  /**
   * A --weights column the file lacks is refused before the run prints its header (which
   * counted the column's absence among the features) and its warnings, not after them.
   */
  @Test
  void aColumnTheFileLacks_isRefusedBeforeTheHeader() throws Exception {
    InProcess r = train("missing", "--data", wine(false).toString(), "--target", "cultivar",
        "--model", "logistic", "--weights", "W");
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("tikhonov: error: --weights \"W\": "), r.err());
    assertTrue(r.err().contains(" has no such column (its feature columns: alcohol, "),
        r.err());
    assertTrue(r.err().strip().endsWith("; did you mean \"w\"?"), r.err());
  }

  private void assertRefused(String message, String[] base, String... more) {
    List<String> args = new ArrayList<>(List.of(base));
    args.addAll(List.of(more));
    InProcess r = train("bad" + message.hashCode(), args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: error: " + message), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
