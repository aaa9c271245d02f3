package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run.json's "files": a run lists the files it wrote, and the next run into its folder removes
 * only those, still as that run left them. The earlier runs' files used to be found by name, so
 * a user's charts/my-plot.svg, path-notes.json or selection-mine.csv went with them.
 */
class RunManifestTest {
  @TempDir Path dir;

  /** A file of {@code content}, and its entry in run.json's "files" under {@code path}. */
  static String file(Path dir, String path, String content) throws Exception {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return "{\"path\": \"" + path + "\", \"size\": " + bytes.length + ", \"sha256\": \"" + sha
        + "\"}";
  }

  /** An earlier run of {@code kind} in {@code dir} that wrote (and lists) {@code files}. */
  static void earlierRun(Path dir, RunKind kind, String... files) throws Exception {
    List<String> entries = new ArrayList<>();
    for (String f : files) {
      entries.add(file(dir, f, "earlier " + f));
    }
    runJson(dir, kind, entries);
  }

  private static void runJson(Path dir, RunKind kind, List<String> entries) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("run.json"), "{\"kind\": \"" + kind.id() + "\", \"files\": ["
        + String.join(", ", entries) + "]}");
  }

  static RunInfo info(RunKind kind) {
    return RunInfo.of(kind, kind.id(), List.of(), OptionalLong.of(0), 1, Optional.empty(),
        Instant.now(), Map.of());
  }

  /** A train run that writes metrics.json (and {@code more}, any text), into {@code dir}. */
  private static RunWriter trainRun(Path dir, String... more) {
    RunWriter run = RunWriter.open(dir, RunKind.TRAIN);
    run.metrics(Map.of("test_accuracy", 0.5));
    for (String f : more) {
      run.text(f, "this run's " + f);
    }
    run.finish(info(RunKind.TRAIN));
    return run;
  }

  private static List<String> listed(Path dir) {
    return listed(JsonFiles.read(dir.resolve("run.json")).path("files"));
  }

  /** The paths of a list of files (run.json's, or a group's of run.json.partial). */
  static List<String> listed(JsonNode list) {
    List<String> paths = new ArrayList<>();
    list.forEach(f -> paths.add(f.path("path").asText()));
    return paths;
  }

  /** The three files of the red-team pass: each beside an earlier run of its names' kind. */
  @Test
  void theUsersFilesOfARunsNames_stay() throws Exception {
    Path train = dir.resolve("train");
    earlierRun(train, RunKind.TRAIN, "history.csv", "charts/loss-curves.svg");
    Files.writeString(train.resolve("charts/my-plot.svg"), "<svg/>");
    Path ridge = dir.resolve("ridge");
    earlierRun(ridge, RunKind.RIDGE_VS_LASSO, "results.json", "path-lasso.json");
    Files.writeString(ridge.resolve("path-notes.json"), "{}");
    Path select = dir.resolve("select");
    earlierRun(select, RunKind.MNIST_SELECT, "results.json", "selection-digits-warm.csv");
    Files.writeString(select.resolve("selection-mine.csv"), "mine\n");

    assertEquals(List.of(train.resolve("history.csv"), train.resolve("charts/loss-curves.svg")),
        trainRun(train).removed());
    assertEquals(List.of(ridge.resolve("path-lasso.json"), ridge.resolve("results.json")),
        trainRun(ridge).removed());
    assertEquals(List.of(select.resolve("results.json"),
        select.resolve("selection-digits-warm.csv")), trainRun(select).removed());
    assertEquals("<svg/>", Files.readString(train.resolve("charts/my-plot.svg")));
    assertEquals("{}", Files.readString(ridge.resolve("path-notes.json")));
    assertEquals("mine\n", Files.readString(select.resolve("selection-mine.csv")));
  }

  /** A file of the earlier run the user changed since is theirs now: it stays. */
  @Test
  void anEarlierFileTheUserEdited_stays() throws Exception {
    Path run = dir.resolve("run");
    earlierRun(run, RunKind.PATH, "path.json", "out-of-fold.csv");
    Files.writeString(run.resolve("out-of-fold.csv"), "edited\n");
    RunWriter writer = trainRun(run);
    assertEquals(List.of(run.resolve("path.json")), writer.removed());
    assertEquals("edited\n", Files.readString(run.resolve("out-of-fold.csv")));
  }

  /**
   * A run lists what it wrote, the charts of its report too, and nothing else: not the user's
   * files, not run.json and report.html (every run rewrites them); and the next run removes by
   * that list what it does not rewrite.
   */
  @Test
  void aRunListsTheFilesItWrote_andTheNextRunRemovesByThatList() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("charts"));
    Files.writeString(run.resolve("notes.txt"), "mine");
    Files.writeString(run.resolve("charts/mine.svg"), "<svg/>");
    trainRun(run, "checkpoint.safetensors");
    List<String> first = listed(run);
    assertTrue(first.containsAll(List.of("checkpoint.safetensors", "metrics.json")), "" + first);
    for (String p : first) {
      assertTrue(p.equals("checkpoint.safetensors") || p.equals("metrics.json")
          || p.startsWith("charts/") && !p.equals("charts/mine.svg"), p);
    }
    JsonNode entry = JsonFiles.read(run.resolve("run.json")).path("files").get(0);
    assertEquals(Files.size(run.resolve(entry.path("path").asText())),
        entry.path("size").asLong());
    assertEquals(64, entry.path("sha256").asText().length());

    RunWriter second = trainRun(run);
    assertEquals(List.of(run.resolve("checkpoint.safetensors")), second.removed());
    assertFalse(listed(run).contains("checkpoint.safetensors"));
    assertTrue(Files.exists(run.resolve("notes.txt")));
    assertTrue(Files.exists(run.resolve("charts/mine.svg")));
    // what the report reads of run.json is as before
    assertEquals("train", RunInfo.read(run).kind());
  }

  /**
   * A run whose report fails has written run.json with its result files (the report reads it),
   * not with the charts it did not draw.
   */
  @Test
  void aRunWhoseReportFails_listsOnlyTheFilesItWrote() throws Exception {
    Path run = dir.resolve("run");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    writer.text("metrics.json", "{");
    assertThrows(InputException.class, () -> writer.finish(info(RunKind.TRAIN)));
    assertEquals(List.of("metrics.json"), listed(run));
  }

  /**
   * A hand-edited (or hostile) list: paths outside the folder, absolute, through a link out of
   * it, into another run's folder, of no name the run writes, malformed. Nothing of them is
   * removed, and the message names them.
   */
  @Test
  void aListNamingFilesOutsideTheRun_removesNoneOfThem() throws Exception {
    Path run = dir.resolve("run");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    List<String> entries = new ArrayList<>();
    entries.add(file(run, "results.json", "earlier"));
    entries.add(file(run, "../outside/results.json", "x"));
    entries.add(file(outside, "abs.json", "x").replace("abs.json",
        outside.resolve("abs.json").toString()));
    file(outside, "link/history.csv", "x");
    Files.createDirectories(run.resolve("runs"));
    Files.createSymbolicLink(run.resolve("runs/linked"), outside.resolve("link"));
    entries.add(file(run, "runs/linked/history.csv", "x"));
    file(outside, "chart.svg", "x");
    Files.createDirectories(run.resolve("charts"));
    Files.createSymbolicLink(run.resolve("charts/link.svg"), outside.resolve("chart.svg"));
    entries.add(file(outside, "chart.svg", "x").replace("chart.svg", "charts/link.svg"));
    file(run, "runs/path-20261206-110926/run.json", "{\"kind\": \"path\"}");
    entries.add(file(run, "runs/path-20261206-110926/history.csv", "x"));
    entries.add(file(run, "notes.txt", "x"));
    entries.add("{\"path\": 3}");
    runJson(run, RunKind.GD_LINEAR, entries);

    RunWriter writer = trainRun(run);
    assertEquals(List.of(run.resolve("results.json")), writer.removed());
    for (Path kept : List.of(outside.resolve("results.json"), outside.resolve("abs.json"),
        outside.resolve("link/history.csv"), outside.resolve("chart.svg"),
        run.resolve("runs/path-20261206-110926/history.csv"), run.resolve("notes.txt"))) {
      assertTrue(Files.exists(kept), kept.toString());
    }
    assertTrue(Files.isSymbolicLink(run.resolve("charts/link.svg")));
    assertEquals("removed 1 file of the earlier experiment gd-linear run in " + run
        + " that this run did not rewrite: results.json; its run.json lists 7 paths that are"
        + " no files of that run in the folder, left alone: {\"path\":3},"
        + " ../outside/results.json, " + outside.resolve("abs.json")
        + ", runs/linked/history.csv, charts/link.svg, runs/path-20261206-110926/history.csv"
        + " and 1 more",
        writer.removedMessage().orElseThrow());
  }

  /**
   * An entry that spells a file of the run another way ({@code ./metrics.json},
   * {@code x/../metrics.json} with x a folder in the run's) names that file: a later run that
   * rewrites it takes it as its own, and says nothing of the entry. It said "its run.json lists
   * 2 paths that are no files of that run in the folder, left alone: ./metrics.json,
   * x/../metrics.json" (failed before), though nothing was left alone.
   */
  @Test
  void anEntryInAnotherSpelling_ofAFileThisRunRewrites_isNotNamedLeftAlone() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("x"));
    String entry = file(run, "metrics.json", "earlier");
    runJson(run, RunKind.TRAIN, List.of(entry.replace("metrics.json", "./metrics.json"),
        entry.replace("metrics.json", "x/../metrics.json")));
    RunWriter writer = trainRun(run);
    assertEquals(Optional.empty(), writer.removedMessage());
    assertEquals(List.of(), writer.removed());
    assertTrue(Files.isDirectory(run.resolve("x")));
  }

  /**
   * Where the other spelling is not provably the file inside the folder (x/.. through a link x
   * is the parent of the link's target), or names a file this run did not rewrite, the entry is
   * left alone and named, as before, and no file is removed by it.
   */
  @Test
  void anEntryInAnotherSpelling_throughALinkOrOfAFileNotRewritten_isLeftAlone()
      throws Exception {
    Path run = dir.resolve("run");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(outside.resolve("sub"));
    Files.createDirectories(run);
    Files.createSymbolicLink(run.resolve("l"), outside.resolve("sub"));
    String there = file(outside, "metrics.json", "earlier");
    file(run, "metrics.json", "earlier");
    String checkpoint = file(run, "checkpoint.safetensors", "earlier");
    runJson(run, RunKind.TRAIN, List.of(there.replace("metrics.json", "l/../metrics.json"),
        checkpoint.replace("checkpoint.safetensors", "./checkpoint.safetensors")));
    RunWriter writer = trainRun(run);
    assertEquals("the run.json of the earlier train run in " + run + " lists 2 paths that are"
        + " no files of that run in the folder, left alone: l/../metrics.json,"
        + " ./checkpoint.safetensors", writer.removedMessage().orElseThrow());
    assertEquals("earlier", Files.readString(outside.resolve("metrics.json")));
    assertEquals("earlier", Files.readString(run.resolve("checkpoint.safetensors")));
  }

  /**
   * A run.json of an older tikhonov lists no files: nothing is removed (its files cannot be
   * told from the user's), and the message names what stays.
   */
  @Test
  void anEarlierRunJsonWithoutAList_removesNothing_andSaysWhatStays() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("charts"));
    Files.writeString(run.resolve("out-of-fold.csv"), "earlier");
    Files.writeString(run.resolve("charts/roc.svg"), "<svg/>");
    Files.writeString(run.resolve("notes.txt"), "mine");
    Files.writeString(run.resolve("run.json"), "{\"kind\": \"path\"}");
    RunWriter writer = trainRun(run);
    assertEquals(List.of(), writer.removed());
    assertTrue(Files.exists(run.resolve("out-of-fold.csv")));
    assertTrue(Files.exists(run.resolve("charts/roc.svg")));
    assertEquals("the earlier path run in " + run + " lists no files in its run.json (an older"
        + " tikhonov wrote it), so none was removed; 2 files of its kind that this run did not"
        + " rewrite stay, remove them if they are not yours: out-of-fold.csv, charts/roc.svg",
        writer.removedMessage().orElseThrow());
    // this run lists its own: the next one removes by the list
    assertEquals(List.of(), trainRun(run).removedMessage().map(List::of).orElse(List.of()));
  }

  /** Many files (an experiment's histories): counted by folder, on one line. */
  @Test
  void summary_countsManyFilesByFolder() {
    List<Path> files = new ArrayList<>();
    files.add(Path.of("results.csv"));
    for (int i = 0; i < 4; i++) {
      for (int seed = 0; seed < 2; seed++) {
        files.add(Path.of("runs", "lambda-" + i, "seed-" + seed, "history.csv"));
        files.add(Path.of("runs", "lambda-" + i, "seed-" + seed, "history.json"));
      }
    }
    files.add(Path.of("charts", "test-accuracy.svg"));
    assertEquals("results.csv, 16 files in runs/ (8 folders), 1 file in charts/",
        RunWriter.summary(files));
    assertEquals("results.csv, charts/test-accuracy.svg",
        RunWriter.summary(List.of(files.get(0), files.get(files.size() - 1))));
  }
}
