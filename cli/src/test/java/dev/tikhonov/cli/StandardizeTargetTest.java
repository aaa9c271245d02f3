package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --standardize-target: an MLP regression on data/diabetes.csv (progression 25..346, sd 77)
 * diverged at every learning rate a unit-scale target suits, and the error told the user to
 * rescale the target by hand. It warns before training, the divergence names the flag, and with
 * the flag the network trains and its files predict the progression itself.
 */
class StandardizeTargetTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();

  private InProcess run(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--data", DIABETES, "--target",
        "progression", "--regression", "--standardize", "--model", "mlp:16", "--threads", "1",
        "--quiet", "--out", dir.resolve(command + more.length).toString()));
    if (!command.equals("train")) {
      args.addAll(List.of("--lambdas", "0.001", "--folds", "2", "--epochs", "5"));
    }
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  private JsonNode metrics(String command, int more) throws Exception {
    return new ObjectMapper().readTree(dir.resolve(command + more).resolve("metrics.json")
        .toFile());
  }

  @Test
  void withoutIt_trainAndGridWarnAndTheirDivergenceNamesTheFlag() {
    for (String command : new String[] {"train", "grid"}) {
      InProcess r = run(command);
      assertEquals(3, r.exit(), command + ": " + r.err());
      assertTrue(r.err().startsWith("tikhonov: warning: the target's root mean square is 1")
          && r.err().contains(", standard deviation 77.") && r.err().contains(" and"
          + " --standardize-target is off"), r.err());
      // (train's rows have sd 77.56, the grid's first fold's 77.67)
      assertTrue(r.message().matches("(?s).*the target's scale: its root mean square is 1\\d\\d"
          + "\\.\\d \\(mean 1\\d\\d\\.\\d, standard deviation 77\\.\\d\\d\\), and a network's"
          + " squared-error gradients grow with it; add --standardize-target \\(or try a learning"
          + " rate smaller than 0\\.05, and check that the inputs are scaled, e\\.g\\."
          + " standardized\\)\\.\\s*"),
          r.message());
      assertFalse(r.err().contains("standardizeTarget"), "library words: " + r.err());
    }
  }

  /**
   * A target far from 0 but of small spread (the progression as 300 + p/100: 301.5 ± 0.78)
   * diverges as the raw progression does, and neither the warning nor the divergence's clause
   * named it: both looked at the standard deviation alone. They take the root mean square.
   */
  @Test
  void aTargetFarFromZeroWithASmallSpread_warnsAndTrainsWithTheFlag() throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(Path.of(DIABETES));
    int column = List.of(lines.get(0).split(",")).indexOf("progression");
    StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      cells[column] = String.valueOf(300 + Double.parseDouble(cells[column]) / 100);
      csv.append(String.join(",", cells)).append('\n');
    }
    Path shifted = java.nio.file.Files.writeString(dir.resolve("shifted.csv"), csv);
    List<String> args = new ArrayList<>(List.of("train", "--data", shifted.toString(),
        "--target", "progression", "--regression", "--standardize", "--model", "mlp:16",
        "--threads", "1", "--quiet", "--out", dir.resolve("shifted").toString()));
    InProcess r = InProcess.run(args.toArray(String[]::new));
    assertEquals(3, r.exit(), r.err());
    assertTrue(r.err().startsWith("tikhonov: warning: the target's root mean square is 301.5"
        + " (mean 301.5, standard deviation 0.7756) and --standardize-target is off"), r.err());
    assertTrue(r.message().contains("Likely cause: the target's scale: its root mean square is"
        + " 301.5 (mean 301.5, standard deviation 0.7756), and a network's squared-error"
        + " gradients grow with it; add --standardize-target (or try a learning rate smaller"
        + " than 0.05"), r.message());
    args.add("--standardize-target");
    args.set(args.indexOf("--out") + 1, dir.resolve("shifted2").toString());
    InProcess fixed = InProcess.run(args.toArray(String[]::new));
    assertEquals(0, fixed.exit(), fixed.err());
    assertFalse(fixed.err().contains("root mean square"), fixed.err());
  }

  @Test
  void withIt_theNetworkTrainsAndItsModelPredictsTheProgression() throws Exception {
    Path model = dir.resolve("m.tkh");
    InProcess train = run("train", "--standardize-target", "--save", model.toString());
    assertEquals(0, train.exit(), train.err());
    assertEquals("", train.err());
    String note = "Fitted to the standardized target z = (y − mean)/sd";
    assertTrue(java.nio.file.Files.readString(dir.resolve("train3").resolve("report.html"))
        .contains(note), "the report says its history is on z's scale");
    JsonNode m = metrics("train", 3);
    // a constant predicts at R² 0; the lasso by CV reaches about 0.45 on diabetes
    assertTrue(m.get("test_r2").asDouble() > 0.3, m.toString());
    Path predictions = dir.resolve("p.csv");
    InProcess predict = InProcess.run("predict", "--data", DIABETES, "--model",
        model.toString(), "--out", predictions.toString());
    assertEquals(0, predict.exit(), predict.err());
    List<String> lines = java.nio.file.Files.readAllLines(predictions);
    double sum = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      sum += Double.parseDouble(cells[cells.length - 1]);
    }
    double mean = sum / (lines.size() - 1);
    assertTrue(mean > 120 && mean < 185, "mean predicted progression " + mean);

    InProcess grid = run("grid", "--standardize-target");
    assertEquals(0, grid.exit(), grid.err());
    assertEquals("", grid.err());
    assertTrue(java.nio.file.Files.readString(dir.resolve("grid1").resolve("report.html"))
        .contains(note));
    InProcess linear = InProcess.run("train", "--data", DIABETES, "--target", "progression",
        "--model", "linear", "--standardize", "--threads", "1", "--quiet", "--out",
        dir.resolve("linear").toString());
    assertEquals(0, linear.exit(), linear.err());
    assertFalse(java.nio.file.Files.readString(dir.resolve("linear").resolve("report.html"))
        .contains(note), "without the flag");
    assertTrue(metrics("grid", 1).get("test_r2").asDouble() > 0.2, metrics("grid", 1)
        .toString());
  }

  /**
   * With the flag the losses train compares are on z's scale, where an all-zero output is the
   * training mean: "0.00163073 is above 0, the loss of a constant (all-zero) output" read as
   * y's scale on a constant target of 5 (refused now). One epoch at learning rate 10⁻⁶ leaves
   * the random start, whose outputs are further from z than z's mean 0 is.
   */
  @Test
  void worseThanAConstant_namesTheMeanAndTheScale() throws Exception {
    Path csv = dir.resolve("near5.csv");
    StringBuilder rows = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 50; i++) {
      rows.append(i % 7).append(',').append(i % 3).append(',').append(5 + (i * 37 % 11) / 10.0)
          .append('\n');
    }
    java.nio.file.Files.writeString(csv, rows.toString());
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "y",
        "--regression", "--model", "mlp:8", "--standardize", "--standardize-target", "--threads",
        "1", "--quiet", "--lr", "1e-6", "--epochs", "1", "--out", dir.resolve("near5").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("the loss of a constant output of the training rows' mean"
        + " (both on the standardized target's scale): the model predicts worse"), r.err());
  }

  /**
   * Without --standardize-target, a target in units of 10⁻³⁵ (below the standardizer's
   * {@code MIN_SCALE}) trains: the warning's check of the target's spread took it from
   * {@code Standardizer.fitTarget}, whose refusal ("the target varies by too little to
   * standardize … multiply the target by a power of ten") ended train, grid and select before
   * any work, for a standardization nobody asked for. A tiny spread is not a large one: no
   * warning either.
   */
  @Test
  void withoutIt_aTargetBelowTheStandardizersFloor_trainsWithoutAWarning() throws Exception {
    StringBuilder rows = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i % 7).append(',').append(i % 3).append(',').append((i % 7 + i % 3) + "e-35")
          .append('\n');
    }
    Path csv = java.nio.file.Files.writeString(dir.resolve("tiny.csv"), rows.toString());
    String[][] commands = {
        {"train", "--epochs", "1"},
        {"grid", "--lambdas", "0", "--folds", "2", "--epochs", "1"},
        {"select", "--nlambda", "2", "--folds", "2", "--epochs", "1"}};
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--data", csv.toString(), "--target", "y", "--regression",
          "--standardize", "--model", "mlp:4", "--threads", "1", "--quiet", "--out",
          dir.resolve("tiny-" + command[0]).toString()));
      InProcess r = InProcess.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), command[0] + ": " + r.err());
      assertFalse(r.err().contains("standard deviation"), command[0] + ": " + r.err());
    }
  }

  @Test
  void onAClassifier_isRefusedByName() {
    for (String command : new String[] {"train", "grid", "select"}) {
      List<String> args = new ArrayList<>(List.of(command, "--data", Path.of("..", "data",
          "wine.csv").toString(), "--target", "cultivar", "--standardize-target", "--out",
          dir.resolve("c" + command).toString()));
      if (command.equals("grid")) {
        args.addAll(List.of("--lambdas", "0.1"));
      }
      InProcess r = InProcess.run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), command + ": " + r.err());
      assertTrue(r.message().startsWith("--standardize-target applies only "),
          r.message());
      assertTrue(r.message().endsWith("it has no effect on a classifier"), r.message());
    }
  }

  /**
   * A target far from 0 for its spread (10⁶ + progression/1000: sd 0.078, float32 spacing
   * 0.0625 at 10⁶) is warned about before training, with or without the flag, since the
   * network's float32 output rounds its predictions; the diabetes progression is not.
   */
  @Test
  void aTargetFarFromZeroForItsSpread_isWarnedAbout() throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(Path.of(DIABETES));
    StringBuilder far = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      int cut = line.lastIndexOf(',');
      double y = Double.parseDouble(line.substring(cut + 1));
      far.append(line, 0, cut + 1).append(1e6 + y / 1000).append('\n');
    }
    Path file = dir.resolve("far.csv");
    java.nio.file.Files.writeString(file, far);
    for (String flag : new String[] {"--standardize-target", "--seed=1"}) {
      InProcess r = InProcess.run("train", "--data", file.toString(), "--target", "progression",
          "--model", "linear", "--standardize", flag, "--epochs", "1", "--threads", "1",
          "--quiet", "--out", dir.resolve("far" + flag.length()).toString());
      assertEquals(0, r.exit(), r.err());
      // (the training rows' moments: 1000000.15 and 0.0776 with seed 0's split)
      assertTrue(r.err().matches("(?s).*tikhonov: warning: the target's mean 1000000\\.1\\d*"
          + " is far from 0 for its standard deviation 0\\.07\\d+: a network computes in"
          + " float32, which rounds its predictions there by up to 0\\.0313; subtract an"
          + " offset from the target before fitting \\(e\\.g\\. 1000000\\).*"), r.err());
    }
    InProcess plain = run("train", "--standardize-target", "--epochs", "1");
    assertEquals(0, plain.exit(), plain.err());
    assertFalse(plain.err().contains("far from 0"), plain.err());
  }

  /** The warning's numbers: plain where they are readable so, with an exponent beyond. */
  @Test
  void warningNumbers_arePlainInARange_andScientificBeyond() {
    assertEquals("1000000.15", NetworkOptions.digits(1000000.1500004, 10));
    assertEquals("0.0313", NetworkOptions.digits(0.03125, 3));
    assertEquals("1000000", NetworkOptions.digits(1000000.15, 7));
    assertEquals("1.000000025E+30", NetworkOptions.digits(1.000000025e30, 10));
    assertEquals("4.33E-7", NetworkOptions.digits(4.33e-7, 3));
    assertEquals("0", NetworkOptions.digits(0, 3));
  }
}
