package dev.tikhonov.report;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.LayerWeights;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.io.CheckpointFile;
import dev.tikhonov.train.History;
import dev.tikhonov.train.TrainingListener;
import dev.tikhonov.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one writer of a run directory (docs/formats.md), shared by the CLI, the experiments and
 * Java users: it checks the directory before any work starts ({@link #open}), writes each
 * result file atomically as the run produces it, and ends with run.json (with its
 * {@code kind}) and, last, report.html, so that a chart can never cost a result file.
 *
 * <p>A directory whose run.json names an earlier run keeps that run's files until this run
 * ends: then {@link #finish} removes the ones this run did not rewrite (an out-of-fold.csv,
 * selection-cold.json, checkpoint, runs/ folder or chart of other options or another kind),
 * which this run's report or its user would read as this run's ({@link #removed()}). A run
 * that fails removes nothing, and files of no run kind (the user's) are never touched. Until
 * it ends, each file it writes is recorded in run.json.partial, so that the next run into the
 * directory removes the files of a run stopped before its end as it removes an earlier run's;
 * {@link #finish} removes the record.
 *
 * <p>An experiment ({@code mnist-l2}, {@code gd-linear}, {@code ridge-vs-lasso},
 * {@code mnist-select}: minutes of runs, each writing its history as it ends) into the folder
 * of an earlier finished run stages its files in {@value #STAGING} inside the directory and
 * moves them in (each a rename) when it ends, before run.json and the report: a run stopped or
 * failed before {@link #finish} leaves the earlier run exactly as it was (its run.json's sizes
 * and hashes still match), and its staged files are removed when the next run into the
 * directory writes its first file ({@link #staging()}). The other kinds write in place: a
 * {@code train} run's checkpoint is where {@code train --resume DIR} continues it, and path,
 * select and grid write their files at their end. Not thread-safe: one run, one writer (its
 * checkpoint listener runs on the thread of the fit).
 */
public final class RunWriter {
  /**
   * The folder, inside the run directory, where an experiment into the folder of an earlier
   * run writes its files until it ends: a reserved name, whose file or unmarked folder (the
   * user's) an experiment refuses and no run removes ({@link StagingFolder}).
   */
  public static final String STAGING = StagingFolder.NAME;
  /** The kinds that stage their files over an earlier run: the experiments. */
  private static final java.util.Set<RunKind> STAGED = java.util.EnumSet.of(RunKind.MNIST_L2,
      RunKind.GD_LINEAR, RunKind.RIDGE_VS_LASSO, RunKind.MNIST_SELECT);

  private final Path dir;
  private final RunKind kind;
  /**
   * Where the run's files go until {@link #finish} moves them in: {@link #STAGING}, when it
   * stages; empty once they are moved.
   */
  private Optional<StagingFolder> staging;
  /** The earlier runs in the directory, the files this run wrote, run.json.partial. */
  private final RunRecord record;
  /** {@link #finish} wrote the results and run.json, then failed to draw the report. */
  private boolean reportPending;

  private RunWriter(Path dir, RunKind kind) {
    this.dir = dir;
    this.kind = kind;
    this.record = new RunRecord(dir, kind);
    this.staging = STAGED.contains(kind) && record.hasEarlier()
        ? Optional.of(new StagingFolder(dir)) : Optional.empty();
  }

  /**
   * Checks that the run's files can be written in {@code dir}; an {@link InputException} names
   * the path and the problem (a file where a directory is needed, no permission, a folder where
   * a run file goes) before any training starts. Creates nothing: {@code dir} and its parents
   * appear with the run's first file, so a run that fails before writing leaves nothing behind.
   * Notes the files of an earlier run in {@code dir} as they are now, for {@link #finish}.
   */
  public static RunWriter open(Path dir, RunKind kind) {
    requireWritableDirectory(dir, "output directory");
    requireNothingInTheWay(dir, kind);
    return new RunWriter(dir, kind);
  }

  /**
   * A directory where the run writes one of its files (history.csv, report.html,
   * charts/loss-curves.svg, …), or a file where it writes its charts folder, would only stop the
   * run at its end, after the work: refused here, naming the path.
   */
  private static void requireNothingInTheWay(Path dir, RunKind kind) {
    Path charts = dir.resolve("charts");
    if (Files.exists(charts) && !Files.isDirectory(charts)) {
      throw new InputException(charts + ": is a file; the run writes its charts in a folder"
          + " of that name (move or remove the file, or choose another output directory)");
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    if (STAGED.contains(kind)) {
      StagingFolder.requireUsable(dir);
    }
    requireNoDirectoryNamedLikeAFile(dir, ".csv", ".json", ".html", ".safetensors",
        RunManifest.PARTIAL);
    if (Files.isDirectory(charts)) {
      requireNoDirectoryNamedLikeAFile(charts, ".svg", ".png");
    }
    requireSubfoldersWritable(dir.resolve("charts"), 0, "charts of the run");
    if (kind.mayHold(Path.of("runs"))) {
      requireSubfoldersWritable(dir.resolve("runs"), 2, "histories of the run");
    }
  }

  /**
   * The folders of an earlier run that this run writes into again (charts/, and runs/ with its
   * per-setting folders down to {@code depth} levels) must take new files, or the run would
   * fail after its work with its directory half rewritten.
   */
  private static void requireSubfoldersWritable(Path folder, int depth, String what) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    AtomicFiles.requireCanWriteIn(folder, folder, what);
    if (depth == 0) {
      return;
    }
    try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        requireSubfoldersWritable(p, depth - 1, what);
      }
    } catch (IOException e) {
      throw new InputException(folder + ": cannot list the folder ("
          + AtomicFiles.reason(e) + ")", e);
    }
  }

  private static void requireNoDirectoryNamedLikeAFile(Path dir, String... suffixes) {
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        for (String suffix : suffixes) {
          if (name.endsWith(suffix) && Files.isDirectory(p)) {
            throw new InputException(p + ": is a directory where the run writes a file (move or"
                + " remove it, or choose another output directory)");
          }
        }
      }
    } catch (IOException e) {
      // In words, as every refused read and write: it said "(AccessDeniedException: DIR)".
      throw new InputException(dir + ": cannot list the output directory ("
          + AtomicFiles.reason(e) + ")", e);
    }
  }

  /**
   * Whether {@code file}, a file a run wrote in its directory (a checkpoint, say), differs in
   * size or SHA-256 from what the directory records of it: run.json.partial's newest list that
   * names it (a run stopped before its end), else run.json's (docs/formats.md). Not proof of an
   * edit: a run stopped between replacing the file and recording it leaves a difference too.
   * False when no record names the file. Stateless.
   */
  public static boolean differsFromRecord(Path file) {
    return RunManifest.differsFromRecord(file);
  }

  /**
   * Checks, creating nothing, a directory for output: no part of its path is a file, and it
   * exists and takes new files or can be created ({@link AtomicFiles#requireCanWriteIn}). An
   * InputException names what is wrong.
   */
  public static void requireWritableDirectory(Path dir, String what) {
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new InputException(dir + ": " + (p.equals(dir.toAbsolutePath().normalize())
            ? "is a file" : p + " is a file") + "; the " + what + " must be a directory");
      }
    }
    AtomicFiles.requireCanWriteIn(dir, dir, what);
  }

  /**
   * Whether {@code file} is one of the files this run writes in its directory
   * ({@link RunKind#writes}), comparing real paths (links, "." and ".." resolved).
   */
  public boolean writes(Path file) {
    Path run = AtomicFiles.realPath(dir);
    Path target = AtomicFiles.realPath(file);
    return target.startsWith(run) && !target.equals(run) && kind.writes(run.relativize(target));
  }

  /**
   * Takes {@code file} (or a folder), a file of the earlier run in this directory, as this
   * run's own though it may not rewrite it, so that {@link #finish} keeps it: an input of this
   * run (an earlier run's history.csv as its data), the checkpoint that {@code train --resume}
   * continues (a finished run's is read, not written again). Nothing for a file elsewhere.
   */
  public void keep(Path file) {
    record.keep(file);
  }

  /**
   * Whether {@code name}, a file directly in the run directory (results.json, the checkpoint),
   * is there and was written since {@link #open}: an earlier run's file of that name, still as
   * it was, is not this run's (a run stopped before its results found the earlier run's
   * results.json and said its own were written).
   */
  public boolean wrote(String name) {
    return staging.isPresent() && staging.get().holds(name) || record.wrote(name);
  }

  /**
   * The folder where this run writes its files until it ends ({@link #STAGING} in the run
   * directory), when it is an experiment into the folder of an earlier run; empty when it
   * writes in the directory itself, and once {@link #finish} moved its files in.
   */
  public Optional<Path> staging() {
    return staging.map(StagingFolder::folder);
  }

  /** Where the run's files are written now: the staging folder or the run directory. */
  private Path target() {
    return staging.map(StagingFolder::target).orElse(dir);
  }

  /** The record of the run's files in the directory: nothing changes there while it stages. */
  private void update() {
    if (staging.isEmpty()) {
      record.update();
    }
  }

  /** {@link StagingFolder#moveIn}, when the run stages. */
  private void moveStagedIn() {
    if (staging.isPresent()) {
      staging.get().moveIn(record);
      staging = Optional.empty();
    }
  }

  /** The kind of the earlier run whose run.json was in the directory when this run opened it. */
  public Optional<RunKind> earlierKind() {
    return record.earlierKind();
  }

  /** The run directory the files are written into. */
  public Path dir() {
    return dir;
  }

  /** The kind of run written, as run.json records it. */
  public RunKind kind() {

    return kind;
  }

  /** history.csv and history.json: one row per epoch. */
  public void history(History history) {
    history.write(target());
    update();
  }

  /**
   * history.csv and history.json of one of an experiment's runs, in {@code folder}, a path
   * inside the run directory (runs/&lt;setting&gt;/seed-&lt;seed&gt;).
   *
   * @throws IllegalArgumentException when {@code folder} is absolute or leaves the directory
   */
  public void history(Path folder, History history) {
    if (folder.isAbsolute() || folder.normalize().startsWith("..")) {
      throw new IllegalArgumentException(folder + ": not a folder inside the run directory");
    }
    history.write(target().resolve(folder));
    update();
  }

  /**
   * A listener that writes the training's checkpoint, {@value CheckpointFile#FILE_NAME} in the
   * run directory, after every {@code every}-th epoch and after the last
   * ({@link CheckpointFile#every}: each atomically, through a temporary file and a rename, with
   * {@code settings} stored as they are), and records each in run.json.partial as it is
   * written: the checkpoint of a run stopped before its end is that run's file, which the next
   * run into the directory removes unless it continues it ({@link #keep}). Each write is hashed
   * once, when it is recorded.
   *
   * @throws IllegalArgumentException when {@code every} is below 1
   */
  public TrainingListener checkpoints(int every, Map<String, Object> settings) {
    Path file = target().resolve(CheckpointFile.FILE_NAME);
    TrainingListener write = CheckpointFile.every(every, file, settings);
    return new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingState state) {
        Optional<EarlierRun.Stamp> before = EarlierRun.Stamp.of(file);
        write.onEpochEnd(state);
        if (!EarlierRun.Stamp.of(file).equals(before)) { // written at this epoch's end
          update();
        }
      }
    };
  }

  /** metrics.json. */
  public void metrics(Map<String, Object> metrics) {
    json("metrics.json", metrics);
  }

  /** weights.json: per weight matrix its shape, norm and a 60-bin histogram. */
  public void weights(List<LayerWeights> layers) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LayerWeights w : layers) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("name", w.name() + ".weight");
      layer.put("rows", w.inputs());
      layer.put("cols", w.outputs());
      layer.put("norm", w.norm());
      Histogram h = Histogram.of(w.weight(), 60);
      layer.put("histogram", Json.object("edges", h.edges(), "counts", h.counts()));
      out.add(layer);
    }
    json("weights.json", Map.of("layers", out));
  }

  /** {@code name} (e.g. results.json, path.json) as JSON, atomically. */
  public void json(String name, Object value) {
    Json.write(target().resolve(name), value);
    update();
  }

  /** {@code name} (e.g. results.csv) as UTF-8 text, atomically. */
  public void text(String name, String content) {
    AtomicFiles.writeString(target().resolve(name), content);
    update();
  }

  /**
   * Ends the run: removes the earlier run's report.html (so that a run stopped on the way never
   * leaves it beside this run's results), then the earlier run's result files that this run did
   * not rewrite (the report would draw them as this run's), writes run.json from {@code info}
   * with the files written so far, then report.html (its charts under charts/), removes the
   * earlier run's charts that this report did not redraw, and last writes run.json again, now
   * listing the charts too (docs/formats.md): a run stopped on the way lists no file it did not
   * write.
   * Returns the report's path.
   *
   * @throws InputException naming an earlier run's file that cannot be removed
   */
  public Path finish(RunInfo info) {
    if (!kind.id().equals(info.kind())) {
      throw new IllegalArgumentException("run.json of kind " + info.kind() + " in a " + kind.id()
          + " directory");
    }
    moveStagedIn(); // (a staged run refused here leaves the earlier run whole, report and all)
    boolean removedEarlierReport = removeEarlierReport();
    Path charts = Path.of("charts");
    record.removeUnchanged(p -> !p.startsWith(charts));
    info.write(dir, record.files());
    // the earlier run's charts, which its run.json listed, are in the record until removed
    record.runJsonWritten();
    Path report;
    try {
      report = HtmlReport.draw(dir, new ArrayList<>());
    } catch (InputException e) {
      // a full disk while drawing a chart: the results and run.json are this run's now, and an
      // earlier run's report.html beside them would be read as theirs (redteam35 found it so):
      // removed above
      reportPending = true;
      throw new InputException(e.getMessage() + "; the run's results and run.json were"
          + " written, its report was not" + (removedEarlierReport ? " (the earlier run's"
          + " report.html, which would have been read as this run's, was removed)" : ""), e);
    }
    record.removeUnchanged(p -> p.startsWith(charts));
    record.noteLeftBehind(charts);
    info.write(dir, record.files());
    record.delete();
    // an experiment's staged files, stopped before its end: this run replaced the earlier one
    StagingFolder.removeLeftover(dir);
    return report;
  }

  /**
   * Removes the earlier run's report.html before this run's results and run.json come in: it
   * describes other results, and a run stopped at any point after (a SIGTERM while its charts
   * are drawn) left it beside them, to be read as this run's (redteam46). The stop's message
   * says {@code tikhonov report DIR} draws this run's. A report.html that cannot be removed is
   * left to {@link HtmlReport#draw}, which replaces it or fails with the reason. Returns whether
   * it removed one.
   */
  private boolean removeEarlierReport() {
    Path stale = dir.resolve("report.html");
    if (Files.isRegularFile(stale, LinkOption.NOFOLLOW_LINKS)) {
      try {
        return Files.deleteIfExists(stale);
      } catch (IOException ignored) {
        // drawing the report replaces it, or says why it cannot
      }
    }
    return false;
  }

  /**
   * Whether {@link #finish} wrote the run's results and run.json but failed to draw its report
   * (its exception says so): the directory holds a complete run whose report can be drawn
   * again, by {@link HtmlReport#write}, once the cause (a full disk, say) is fixed.
   */
  public boolean reportPending() {
    return reportPending;
  }

  /**
   * The files of the earlier run in this directory that {@link #finish} removed, as paths in
   * it (empty before finish, and when there was no earlier run or it left nothing stale).
   */
  public List<Path> removed() {
    return record.removed();
  }

  /**
   * One line for the user about {@link #removed()}, e.g. "removed 2 files of the earlier path
   * run in out/ that this run did not rewrite: out-of-fold.csv, charts/out-of-fold-roc.svg"
   * (many files are counted by folder: "96 files in runs/ (48 folders)"); it also names the
   * files an earlier run.json of an older tikhonov (no list of its files) left, which are not
   * removed, and the entries of the earlier list that are no file of that run in the directory
   * (a path outside it, through a link), which are left alone; and, in a part of its own, the
   * files of runs stopped before their end that it removed ("removed 2 files that a run stopped
   * before its end left in out (listed in its run.json.partial), which this run did not
   * rewrite: …"). Empty when there is nothing to say.
   */
  public Optional<String> removedMessage() {
    return record.removedMessage();
  }

  /** {@link RunRecord#summary}. */
  static String summary(List<Path> relative) {
    return RunRecord.summary(relative);
  }
}
