package dev.tikhonov.report;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.LayerWeights;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one writer of a run directory (docs/formats.md), shared by the CLI, the experiments and
 * Java users: it checks the directory before any work starts ({@link #open}), writes each
 * result file atomically as the run produces it, and ends with run.json (with its
 * {@code kind}) and, last, report.html, so that a chart can never cost a result file.
 * Not thread-safe: one run, one writer.
 */
public final class RunWriter {
  private final Path dir;
  private final RunKind kind;

  private RunWriter(Path dir, RunKind kind) {
    this.dir = dir;
    this.kind = kind;
  }

  /**
   * Checks that the run's files can be written in {@code dir}; an {@link InputException} names
   * the path and the problem (a file where a directory is needed, no permission, a folder where
   * a run file goes) before any training starts. Creates nothing: {@code dir} and its parents
   * appear with the run's first file, so a run that fails before writing leaves nothing behind.
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
    requireNoDirectoryNamedLikeAFile(dir, ".csv", ".json", ".html", ".safetensors");
    if (Files.isDirectory(charts)) {
      requireNoDirectoryNamedLikeAFile(charts, ".svg", ".png");
    }
    requireSubfoldersWritable(dir.resolve("charts"), 0, "charts of the run");
    if (kind.writes(Path.of("runs", "x"))) {
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

  public Path dir() {
    return dir;
  }

  public RunKind kind() {
    return kind;
  }

  /** history.csv and history.json: one row per epoch. */
  public void history(History history) {
    history.write(dir);
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
    Json.write(dir.resolve(name), value);
  }

  /** {@code name} (e.g. results.csv) as UTF-8 text, atomically. */
  public void text(String name, String content) {
    AtomicFiles.writeString(dir.resolve(name), content);
  }

  /**
   * Ends the run: run.json from {@code info}, then report.html (its charts under charts/).
   * Returns the report's path.
   */
  public Path finish(RunInfo info) {
    if (!kind.id().equals(info.kind())) {
      throw new IllegalArgumentException("run.json of kind " + info.kind() + " in a " + kind.id()
          + " directory");
    }
    info.write(dir);
    return HtmlReport.write(dir);
  }
}
