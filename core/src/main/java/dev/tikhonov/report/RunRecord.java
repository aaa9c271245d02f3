package dev.tikhonov.report;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The record of one run's files in its directory, for {@link RunWriter} (docs/formats.md, "A
 * run into the folder of an earlier run"): the earlier runs it found there when it opened it
 * (the one of run.json, and those stopped before their end that run.json.partial lists), the
 * files this run wrote since or took as its own, run.json.partial rewritten after each of them,
 * the earlier runs' files removed at the run's end, and the line that tells the user which.
 * Not thread-safe: one run, one record.
 */
final class RunRecord {
  private final Path dir;
  private final RunKind kind;
  private final Optional<EarlierRun> earlier;
  /** Runs stopped before their end whose files the directory's run.json.partial listed. */
  private final List<EarlierRun> stopped;
  /** The files of this kind in the directory, as they were when the run opened it. */
  private final Map<Path, EarlierRun.Stamp> atOpen;
  private final RunManifest manifest = new RunManifest();
  private final List<Path> removed = new ArrayList<>();
  /** Of {@link #removed}: the files of {@link #stopped} runs. */
  private final Set<Path> removedOfStopped = new HashSet<>();
  /** Of an earlier run.json that lists no files: its files this run did not rewrite, kept. */
  private final List<Path> leftBehind = new ArrayList<>();
  /** This run's run.json is written: the earlier run's list is gone with its own. */
  private boolean runJsonWritten;

  /** The record of a run of {@code kind} that opens {@code dir} now. */
  RunRecord(Path dir, RunKind kind) {
    this.dir = dir;
    this.kind = kind;
    this.earlier = Files.isDirectory(dir) ? EarlierRun.in(dir) : Optional.empty();
    this.stopped = Files.isDirectory(dir) ? EarlierRun.stopped(dir) : List.of();
    this.atOpen = EarlierRun.ofKind(dir, kind);
  }

  /** {@link RunWriter#keep}. */
  void keep(Path file) {
    Path run = AtomicFiles.realPath(dir);
    Path target = AtomicFiles.realPath(file);
    if (target.startsWith(run) && !target.equals(run)) {
      earlierRuns().forEach(e -> e.keep(run.relativize(target)));
    }
  }

  /** The earlier run of the directory's run.json, then the stopped runs of its record. */
  private List<EarlierRun> earlierRuns() {
    List<EarlierRun> all = new ArrayList<>();
    earlier.ifPresent(all::add);
    all.addAll(stopped);
    return all;
  }

  /** {@link RunWriter#wrote}. */
  boolean wrote(String name) {
    Optional<EarlierRun.Stamp> now = EarlierRun.Stamp.of(dir.resolve(name));
    return now.isPresent() && !now.equals(Optional.ofNullable(atOpen.get(Path.of(name))));
  }

  /** The kind of the earlier run whose run.json was in the directory when this run opened it. */
  Optional<RunKind> earlierKind() {
    return earlier.map(EarlierRun::kind);
  }

  /** Whether the directory held a run.json of a run kind when this run opened it. */
  boolean hasEarlier() {
    return earlier.isPresent();
  }

  /**
   * Writes run.json.partial (docs/formats.md): the files this run wrote so far, and those of
   * earlier runs that no run.json in the directory lists any more (stopped runs', and, once
   * this run's run.json replaced the earlier one, the earlier run's not yet removed), each
   * still as it was, so that the next run into the directory removes them should this run stop
   * before its end. Nothing while this run wrote no file. Each file is hashed once while it is
   * unchanged ({@link RunManifest#of}): a checkpoint rewritten every epoch once per write.
   */
  void update() {
    SortedSet<Path> mine = written();
    if (mine.isEmpty()) {
      return;
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    List<EarlierRun> carried = new ArrayList<>(stopped);
    if (runJsonWritten) {
      earlier.ifPresent(carried::add);
    }
    for (EarlierRun e : carried) {
      List<Map<String, Object>> entries = new ArrayList<>();
      e.unchangedEntries().forEach(x -> entries.add(x.toJson()));
      if (!entries.isEmpty()) {
        groups.add(RunManifest.group(e.kind(), entries));
      }
    }
    groups.add(RunManifest.group(kind, manifest.of(dir, mine)));
    RunManifest.writeRecord(dir, groups);
  }

  /**
   * Notes that this run's run.json is written, which replaced the earlier run's and its list,
   * and rewrites the record: it now carries the earlier run's files not yet removed.
   */
  void runJsonWritten() {
    runJsonWritten = true;
    update();
  }

  /** run.json's list of this run's files so far ({@link #written}), with size and SHA-256. */
  List<Map<String, Object>> files() {
    return manifest.of(dir, written());
  }

  /** Removes the record at the run's end: run.json lists all the run's files now. */
  void delete() {
    Path record = dir.resolve(RunManifest.PARTIAL);
    try {
      Files.deleteIfExists(record);
    } catch (IOException e) {
      throw new InputException(record + ": cannot remove this record of the files of a run in"
          + " progress (" + AtomicFiles.reason(e) + "); the run's files and run.json were"
          + " written: remove it by hand", e);
    }
  }

  /** Removes the earlier runs' files of {@code which} that this run did not rewrite. */
  void removeUnchanged(Predicate<Path> which) {
    earlier.ifPresent(e -> removed.addAll(e.removeUnchanged(which)));
    for (EarlierRun e : stopped) {
      List<Path> gone = e.removeUnchanged(which);
      removed.addAll(gone);
      removedOfStopped.addAll(gone);
    }
  }

  /**
   * Notes the files of the earlier run whose run.json lists none (an older tikhonov) that this
   * run did not rewrite, those outside {@code charts} first: they stay, and the line names them.
   */
  void noteLeftBehind(Path charts) {
    earlier.filter(EarlierRun::unlisted).ifPresent(e -> {
      leftBehind.addAll(e.named(p -> !p.startsWith(charts)));
      leftBehind.addAll(e.named(p -> p.startsWith(charts)));
    });
  }

  /**
   * The files of this run's kind that it wrote since it opened the directory (new or
   * replaced), and the earlier runs' it took as its own ({@link #keep}) still as they were,
   * those of a stopped run's record too (the checkpoint that {@code train --resume} continues
   * without rewriting it was in no list once this run ended); not run.json and report.html,
   * which every run rewrites. Relative paths, in name order.
   */
  private SortedSet<Path> written() {
    SortedSet<Path> files = new TreeSet<>();
    EarlierRun.ofKind(dir, kind).forEach((p, stamp) -> {
      if (!stamp.equals(atOpen.get(p))) {
        files.add(p);
      }
    });
    earlierRuns().forEach(e -> e.kept().forEach((p, stamp) -> {
      if (kind.writes(p) && Optional.of(stamp).equals(EarlierRun.Stamp.of(dir.resolve(p)))) {
        files.add(p);
      }
    }));
    files.remove(Path.of("run.json"));
    files.remove(Path.of("report.html"));
    files.remove(Path.of(RunManifest.PARTIAL));
    return files;
  }

  /** {@link RunWriter#removed()}. */
  List<Path> removed() {
    return List.copyOf(removed);
  }

  /** {@link RunWriter#removedMessage()}. */
  Optional<String> removedMessage() {
    List<String> parts = new ArrayList<>();
    earlier.ifPresent(e -> earlierMessage(e, parts));
    List<Path> ofStopped = new ArrayList<>();
    for (Path p : removed) {
      if (removedOfStopped.contains(p)) {
        ofStopped.add(dir.relativize(p));
      }
    }
    if (!ofStopped.isEmpty()) {
      parts.add("removed " + files(ofStopped.size()) + " that a run stopped before its end left"
          + " in " + dir + " (listed in its " + RunManifest.PARTIAL + "), which this run did not"
          + " rewrite: " + summary(ofStopped));
    }
    List<String> refused = new ArrayList<>();
    SortedSet<Path> rewritten = written();
    stopped.forEach(e -> refused.addAll(e.refused(rewritten::contains)));
    if (!refused.isEmpty()) {
      parts.add("its " + RunManifest.PARTIAL + " lists " + refusedPaths(refused));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
  }

  private void earlierMessage(EarlierRun e, List<String> parts) {
    String run = "the earlier " + e.kind().title() + " run in " + dir;
    List<Path> names = new ArrayList<>();
    for (Path p : removed) {
      if (!removedOfStopped.contains(p)) {
        names.add(dir.relativize(p));
      }
    }
    if (!names.isEmpty()) {
      parts.add("removed " + files(names.size()) + " of " + run
          + " that this run did not rewrite: " + summary(names));
    }
    if (!leftBehind.isEmpty()) {
      parts.add(run + " lists no files in its run.json (an older tikhonov wrote it), so none"
          + " was removed; " + files(leftBehind.size()) + " of its kind that this run did not"
          + " rewrite stay, remove them if they are not yours: " + summary(leftBehind));
    }
    List<String> refused = e.refused(written()::contains);
    if (!refused.isEmpty()) {
      parts.add((parts.isEmpty() ? "the run.json of " + run : "its run.json") + " lists "
          + refusedPaths(refused));
    }
  }

  /** "2 paths that are no files of that run in the folder, left alone: ../x, /y". */
  private static String refusedPaths(List<String> refused) {
    int shown = Math.min(refused.size(), 6);
    return (refused.size() == 1 ? "1 path that is no file" : refused.size()
        + " paths that are no files") + " of that run in the folder, left alone: "
        + String.join(", ", refused.subList(0, shown))
        + (refused.size() > shown ? " and " + (refused.size() - shown) + " more" : "");
  }

  private static String files(int n) {
    return n == 1 ? "1 file" : n + " files";
  }

  /**
   * The paths, "/"-separated: all of them when few; else the files directly in the directory
   * by name and those in each folder counted ("96 files in runs/ (48 folders)").
   */
  static String summary(List<Path> relative) {
    List<String> out = new ArrayList<>();
    if (relative.size() <= 8) {
      for (Path p : relative) {
        out.add(p.toString().replace('\\', '/'));
      }
      return String.join(", ", out);
    }
    Map<String, Set<Path>> byFolder = new HashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>(); // in the order of the paths
    for (Path p : relative) {
      if (p.getNameCount() == 1) {
        out.add(p.toString());
      } else {
        String top = p.getName(0) + "/";
        counts.merge(top, 1, Integer::sum);
        byFolder.computeIfAbsent(top, t -> new HashSet<>()).add(p.getParent());
      }
    }
    counts.forEach((top, n) -> {
      int folders = byFolder.get(top).size();
      out.add(files(n) + " in " + top + (folders > 1 ? " (" + folders + " folders)" : ""));
    });
    return String.join(", ", out);
  }
}
