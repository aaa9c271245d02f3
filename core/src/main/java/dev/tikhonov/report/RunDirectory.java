package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A directory a run left (docs/formats.md) and what kind of run it was: run.json's {@code kind}
 * says so. Directories written before run.json had a kind are recognized by their files:
 * history.csv/json or metrics.json → train; path.json → path; results.json → the experiment that
 * experiment.json names, or without one the experiment whose row fields it has (method:
 * mnist-select, test_accuracy_mean: mnist-l2, slope: gd-linear, model: ridge-vs-lasso).
 * Immutable, so thread-safe.
 *
 * @param dir the run directory
 * @param kind what kind of run left it
 */
public record RunDirectory(
Path dir, RunKind kind) {
  private static final Set<RunKind> EXPERIMENTS = Set.of(RunKind.MNIST_L2, RunKind.GD_LINEAR,
      RunKind.RIDGE_VS_LASSO, RunKind.MNIST_SELECT);

  /** Tells what kind of run {@code dir} holds; InputException when it holds none. */
  public static RunDirectory detect(Path dir) {
    return RunFiles.detect(dir).run();
  }

  /**
   * {@link #detect(Path)} of {@code files}' directory, from their parses of run.json,
   * experiment.json and results.json, which the report then reads.
   */
  static RunDirectory detect(RunFiles files) {
    Path dir = files.dir();
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + (Files.exists(dir) ? ": is a file, not a run directory"
          : ": no such directory" + dev.tikhonov.data.DataFiles.danglingLink(dir)));
    }
    Path runJson = dir.resolve("run.json");
    Optional<JsonNode> run = files.optionalJson("run.json");
    if (run.isPresent()) {
      JsonNode record = run.get();
      if (!record.isObject()) {
        // An array's missing "kind" and "command" read as "run.json names command \"\"".
        throw new InputException(runJson + ": expected a JSON object (the run's record), found "
            + switch (record.getNodeType()) {
              case ARRAY -> "an array";
              case NULL -> "null";
              default -> "a " + record.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            });
      }
      JsonNode kind = record.path("kind");
      if (kind.isTextual()) {
        RunKind named = RunKind.byId(kind.asText()).orElseThrow(
            () -> new InputException(runJson + ": kind \"" + kind.asText() + "\" is not one this"
                + " tikhonov knows (" + String.join(", ", java.util.Arrays.stream(
                    RunKind.values()).map(RunKind::id).toList()) + ")"));
        if (named == RunKind.TRAIN && !hasTrainFiles(dir)) {
          // The report was empty, exit 0, of a folder with nothing of a train run's to show.
          refuseCheckpointOnly(dir);
          throw new InputException(dir.resolve("history.csv") + ": file not found; " + runJson
              + " says this is a train run, whose report shows its history (history.csv) and"
              + " scores (metrics.json), and neither is here");
        }
        requireMainFile(dir, runJson, named);
        return new RunDirectory(dir, named);
      }
      if (!kind.isMissingNode()) {
        // {"kind": 3} was passed over silently, and the folder told by its files instead.
        throw new InputException(runJson + ": \"kind\" must be a string naming the run's"
            + " kind (" + String.join(", ", java.util.Arrays.stream(RunKind.values())
                .map(RunKind::id).toList()) + "), found "
            + kind.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (Files.isRegularFile(dir.resolve("results.json"))) {
      return new RunDirectory(dir, experimentKind(files));
    }
    if (Files.isRegularFile(dir.resolve("path.json"))) {
      return new RunDirectory(dir, RunKind.PATH);
    }
    if (hasTrainFiles(dir)) {
      return new RunDirectory(dir, RunKind.TRAIN);
    }
    if (run.isPresent()) {
      String command = run.get().path("command").asText("");
      if (command.equals("train")) {
        return new RunDirectory(dir, RunKind.TRAIN);
      }
      if (command.equals("path")) {
        return new RunDirectory(dir, RunKind.PATH);
      }
      throw new InputException(dir + ": run.json names command \"" + command
          + "\" but its files (results.json, history.csv or path.json) are missing");
    }
    refuseCheckpointOnly(dir);
    throw new InputException(dir + " is not a tikhonov run directory: no run.json, results.json,"
        + " history.csv or path.json");
  }

  /**
   * Refuses a folder without the file its kind's report is drawn from: run.json naming a grid
   * run in a path run's folder said only {@code grid.json: file not found}.
   */
  private static void requireMainFile(Path dir, Path runJson, RunKind kind) {
    String main = switch (kind) {
      case TRAIN -> null; // history or metrics, checked above
      case PATH, RIDGE -> "path.json";
      case SELECT -> "selection.json";
      case GRID -> "grid.json";
      case MNIST_L2, GD_LINEAR, RIDGE_VS_LASSO, MNIST_SELECT -> "results.json";
    };
    if (main != null && !Files.isRegularFile(dir.resolve(main))) {
      throw new InputException(dir.resolve(main) + ": file not found; " + runJson + " says this"
          + " is a" + (kind.title().startsWith("experiment") ? "n " : " ") + kind.title()
          + " run, whose report is drawn from " + main + ", and it is not here");
    }
  }

  /** Whether {@code dir} holds a file a train run's report shows: its history or metrics. */
  private static boolean hasTrainFiles(Path dir) {
    return Files.isRegularFile(dir.resolve("history.csv"))
        || Files.isRegularFile(dir.resolve("history.json"))
        || Files.isRegularFile(dir.resolve("metrics.json"));
  }

  /**
   * Refuses the folder of a train run stopped before its end, which holds its checkpoint (it was
   * "not a tikhonov run directory", of the folder of a run that is one, unfinished).
   */
  private static void refuseCheckpointOnly(Path dir) {
    if (Files.isRegularFile(dir.resolve("checkpoint.safetensors"))) {
      throw new InputException(dir + " holds only a training checkpoint: its train run was"
          + " stopped before the end, so it has no history or metrics to report yet; continue"
          + " it with train --resume " + dir + ", which writes them and the report");
    }
  }

  private static RunKind experimentKind(RunFiles files) {
    // experiment.json, written before results.json, names the experiment; the rows' fields
    // are the clue only without it. mnist-select's rows have test_accuracy_mean too, so its
    // folder without run.json (a run stopped before its report) read as mnist-l2's and failed
    // with "results.json: row 1: missing field "lambda"", of a results.json that was fine.
    Optional<RunKind> named = RunKind.byId(files.optionalJson("experiment.json")
        .map(experiment -> experiment.path("name").asText("")).orElse(""))
        .filter(EXPERIMENTS::contains);
    if (named.isPresent()) {
      return named.get();
    }
    Path results = files.file("results.json");
    JsonNode rows = files.array("results.json");
    JsonNode first = rows.size() > 0 ? rows.get(0) : null;
    if (first != null) {
      if (first.has("method")) {
        return RunKind.MNIST_SELECT;
      }
      if (first.has("test_accuracy_mean")) {
        return RunKind.MNIST_L2;
      }
      if (first.has("slope")) {
        return RunKind.GD_LINEAR;
      }
      if (first.has("model")) {
        return RunKind.RIDGE_VS_LASSO;
      }
    }
    throw new InputException(results + ": rows have none of method, test_accuracy_mean, slope,"
        + " model, and no experiment.json names the experiment; cannot tell which experiment"
        + " wrote them");
  }
}
