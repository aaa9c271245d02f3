package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ridge, path, select and grid with --save on a disk that is full ({@link SmallDisk}) where
 * their model or their report goes. A model that did not fit said only "M: cannot write the
 * file: No space left on device", nothing of what was written; a report that did not fit after
 * the model was saved did not say the model was saved. Now both say so, as train does
 * ({@link TrainFullDiskTest}), through RunFiles.saveModel and RunFiles.finish.
 */
class SaveFullDiskTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();

  /** Each command's quick arguments (1 epoch for select and grid), and its results' names. */
  private static final Map<String, List<String>> ARGS = Map.of(
      "ridge", List.of(),
      "path", List.of(),
      "select", List.of("--nlambda", "2", "--regression", "--standardize",
          "--standardize-target", "--model", "mlp:2", "--epochs", "1", "--seed", "1"),
      "grid", List.of("--lambdas", "0", "--regression", "--standardize",
          "--standardize-target", "--model", "mlp:2", "--epochs", "1", "--seed", "1"));

  private static final Map<String, String> RESULTS = Map.of(
      "ridge", "path.json and path.csv",
      "path", "path.json and path.csv",
      "select", "selection.json, selection.csv and metrics.json",
      "grid", "grid.json, grid.csv and metrics.json");

  private static InProcess run(String command, Path out, Path model) {
    List<String> args = new ArrayList<>(List.of(command, "--data", DIABETES, "--target",
        "progression", "--quiet", "--threads", "1", "--save", model.toString(), "--out",
        out.toString()));
    args.addAll(ARGS.get(command));
    return InProcess.run(args.toArray(String[]::new));
  }

  @Test
  void selectAndGrid_whoseResultsDoNotFit_sayTheModelWasNotWritten() throws Exception {
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "64k")) {
      small.fill();
      for (String command : List.of("select", "grid")) {
        Path out = small.dir().resolve(command);
        Path model = dir.resolve(command + ".model");
        InProcess r = run(command, out, model);
        assertEquals(2, r.exit(), r.err());
        String first = command.equals("select") ? "selection.json" : "grid.json";
        assertEquals(out.resolve(first) + ": cannot write the file: No space left on device;"
            + " the model (--save " + model + ") was not written: once the cause is fixed, run"
            + " the command again", r.message(), command);
        assertFalse(Files.exists(model), command);
      }
    }
  }

  @Test
  void modelDoesNotFit_saysWhatWasWritten() throws Exception {
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "64k")) {
      small.fill();
      for (String command : List.of("ridge", "path", "select", "grid")) {
        Path out = dir.resolve(command);
        Path model = small.dir().resolve(command + ".model");
        InProcess r = run(command, out, model);
        assertEquals(2, r.exit(), r.err());
        assertEquals(model + ": cannot write the file: No space left on device; the model"
            + " (--save) was not written; the run's " + RESULTS.get(command) + " were written"
            + " in " + out + ", its run.json and report were not: once the cause is fixed, run"
            + " the command again", r.message(), command);
        assertFalse(Files.exists(model), command);
        assertFalse(Files.exists(out.resolve("run.json")), command);
      }
    }
  }

  /**
   * path --save writes path.json, path.csv, then the model, then path.json again with its
   * "saved" object (PathCommand.recordSaved). A disk with room for the first path.json but not
   * for a second beside it (written whole, then renamed over it) fails that rewrite with the
   * model saved: the line said only "D/path.json: cannot write the file: No space left on
   * device (the model was saved to M)", not that path.json lacks the model, nor that run.json
   * and the report were not written (failed before).
   */
  @Test
  void pathJsonRewrittenAfterTheModel_doesNotFit_saysTheModelWasSavedAndPathJsonNotUpdated()
      throws Exception {
    Path probe = dir.resolve("probe");
    InProcess first = run("path", probe, dir.resolve("probe.model"));
    assertEquals(0, first.exit(), first.err());
    long json = pages(probe.resolve("path.json"));
    long csv = pages(probe.resolve("path.csv"));
    assertTrue(json >= 4, "the case tested: path.json of " + json + " pages");
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "1m")) {
      // path.json, path.csv and the record of the run's files (one page, rewritten through a
      // temporary file: two) fit; a second path.json beside the first does not
      small.leave((json + csv + 2 + json / 2) * PAGE);
      Path out = small.dir().resolve("path");
      Path model = dir.resolve("path.model");
      InProcess r = run("path", out, model);
      assertEquals(2, r.exit(), r.err());
      assertEquals(out.resolve("path.json") + ": cannot write the file: No space left on"
          + " device; the model (--save) was saved to " + model + ", but path.json in " + out
          + " does not record it (its \"saved\"), and the run's run.json and report were not"
          + " written: once the cause is fixed, run the command again", r.message());
      assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
      assertTrue(Files.size(model) > 0);
      assertFalse(new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(out.resolve("path.json").toFile()).has("saved"), "path.json as first written");
      assertFalse(Files.exists(out.resolve("run.json")));
    }
  }

  private static final long PAGE = 4096;

  private static long pages(Path file) throws Exception {
    return (Files.size(file) + PAGE - 1) / PAGE;
  }

  @Test
  void reportDoesNotFit_saysTheModelWasSaved() throws Exception {
    for (String command : List.of("ridge", "path", "select", "grid")) {
      // the results and run.json fit, the report's charts do not (ridge's path.json: 84 KB)
      String size = command.equals("ridge") ? "200k" : "100k";
      try (SmallDisk small = SmallDisk.mount(dir.resolve("small-" + command), size)) {
        Path out = small.dir().resolve(command);
        Path model = dir.resolve(command + ".model");
        InProcess r = run(command, out, model);
        assertEquals(2, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("run.json")), command + ": the case tested");
        assertTrue(r.message().contains(": cannot write the file: No space left on device"),
            r.message());
        assertTrue(r.message().endsWith(": once the cause is fixed, tikhonov report " + out
            + " draws it (the model was saved to " + model + ")"), r.message());
        assertTrue(Files.exists(model), command);
      }
    }
  }
}
