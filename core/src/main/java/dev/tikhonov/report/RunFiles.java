package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The files of one run directory as one report reads them: each is read and parsed at most
 * once, when the page, the tables or the charts first ask for it, and every later request gets
 * that parse (a file that is not there stays not there). So a file replaced while the report is
 * drawn cannot give the tables one content and the charts another: selection.json, grid.json,
 * results.json, the history, run.json, experiment.json, … as path.json's {@link PathFile}.
 * Not thread-safe: one report, drawn on one thread.
 */
final class RunFiles {
  private final Path dir;
  private final Map<String, Object> parsed = new HashMap<>();
  /** Set once: by the constructor, or by {@link #detect} from these files. */
  private RunDirectory run;

  RunFiles(RunDirectory run) {
    this.dir = run.dir();
    this.run = run;
  }

  private RunFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * The files of {@code dir} and the kind of run they are ({@link RunDirectory#detect}), told
   * from the parses of run.json, experiment.json and results.json that the report then reads,
   * so that the kind told and the page drawn come from one content of each.
   */
  static RunFiles detect(Path dir) {
    RunFiles files = new RunFiles(dir);
    files.run = RunDirectory.detect(files);
    return files;
  }

  RunDirectory run() {
    return run;
  }

  Path dir() {
    return dir;
  }

  /** {@code name} in the run directory, for messages and the files beside it. */
  Path file(String name) {
    return dir.resolve(name);
  }

  /** The parsed JSON file {@code name}; empty when it is not there (no regular file). */
  Optional<JsonNode> optionalJson(String name) {
    return once("json " + name, () -> Files.isRegularFile(file(name))
        ? Optional.of(JsonFiles.read(file(name))) : Optional.empty());
  }

  /**
   * The parsed JSON file {@code name}, which the run writes; InputException naming it when it
   * is not there ({@link JsonFiles#read}'s words).
   */
  JsonNode json(String name) {
    return optionalJson(name).orElseGet(() -> JsonFiles.read(file(name)));
  }

  /** {@link #json} of a file of rows: InputException when it is not an array. */
  JsonNode array(String name) {
    return JsonFiles.requireArray(json(name), file(name));
  }

  /** The selection file {@code name} (selection.json, selection-cold.json, …). */
  SelectionData selection(String name) {
    return once("selection " + name, () -> SelectionData.read(json(name), file(name)));
  }

  /** grid.json. */
  GridData grid() {
    return once("grid", () -> GridData.read(json("grid.json"), file("grid.json")));
  }

  /** mnist-l2's results.json as rows. */
  List<LambdaRow> lambdaRows() {
    return once("lambda rows", () -> LambdaRow.read(array("results.json"),
        file("results.json")));
  }

  /**
   * A train run's history ({@link EpochRow#readHistory}: history.csv, else history.json); empty
   * when it has neither.
   */
  Optional<List<EpochRow>> history() {
    return once("history", () -> Files.isRegularFile(file("history.csv"))
        || Files.isRegularFile(file("history.json"))
        ? Optional.of(EpochRow.readHistory(dir())) : Optional.empty());
  }

  /** The run's path files, each parsed ({@link PathFile#of}). */
  List<PathFile> paths() {
    return once("paths", () -> PathFile.of(this));
  }

  /**
   * What {@code read} gives the first time {@code key} is asked for, and the same thereafter.
   * (Not Map.computeIfAbsent: a reader asks for the file it derives from, inside.)
   */
  @SuppressWarnings("unchecked")
  private <T> T once(String key, Supplier<T> read) {
    if (!parsed.containsKey(key)) {
      parsed.put(key, read.get());
    }
    return (T) parsed.get(key);
  }
}
