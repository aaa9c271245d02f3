package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files an earlier run left in a run directory, as they were when this run opened it: only
 * when the directory's run.json names a {@link RunKind} (a run directory tikhonov wrote), and
 * only the files its run.json lists ({@code "files"}, {@link RunManifest}) that are still as
 * that run left them (size and SHA-256), inside the directory, and of the names that kind writes
 * ({@link RunKind#writes}); any other file is the user's and is never listed. A run.json of an
 * older tikhonov lists no files: its files of the kind's names are found by name
 * ({@link #unlisted()}) and only named, never removed. Each file is kept with its identity (file
 * key, modification time, size): every run file is written by replacing it (a new file), so a
 * file still the same at the run's end is one this run did not rewrite, and would be read as
 * this run's. Not thread-safe.
 */
final class EarlierRun {
  private final Path dir;
  private final RunKind kind;
  /** Listed by run.json: removed at the end unless this run rewrote or kept them. */
  private final Map<Path, Stamp> files;
  /** run.json lists no files (an older tikhonov): the files of its kind by name, never removed. */
  private final boolean unlisted;
  /** Entries of run.json's list that are not a file of the run in the directory: left alone. */
  private final List<String> refused;
  /** Files this run took as its own ({@link #keep}), as they were at open. */
  private final Map<Path, Stamp> kept = new TreeMap<>();

  private EarlierRun(Path dir, RunKind kind, Map<Path, Stamp> files, boolean unlisted,
      List<String> refused) {
    this.dir = dir;
    this.kind = kind;
    this.files = files;
    this.unlisted = unlisted;
    this.refused = refused;
  }

  /** The earlier run in {@code dir}, or empty when it holds no run.json naming a kind. */
  static Optional<EarlierRun> in(Path dir) {
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson)) {
      return Optional.empty();
    }
    JsonNode json;
    Optional<RunKind> kind;
    try {
      json = JsonFiles.read(runJson);
      kind = RunKind.byId(json.path("kind").asText(""));
    } catch (InputException e) {
      // not a run.json this tikhonov wrote (or not readable): the folder is not known to be ours
      return Optional.empty();
    }
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    RunKind k = kind.get();
    if (!json.has(RunManifest.FIELD)) {
      Map<Path, Stamp> byName = ofKind(dir, k);
      // run.json and report.html are always rewritten
      byName.remove(Path.of("run.json"));
      byName.remove(Path.of("report.html"));
      return Optional.of(new EarlierRun(dir, k, byName, true, List.of()));
    }
    Path root = AtomicFiles.realPath(dir);
    Map<Path, Stamp> files = new TreeMap<>(); // in name order, for the message
    List<String> refused = new ArrayList<>();
    for (RunManifest.Entry e : RunManifest.parse(json.get(RunManifest.FIELD), refused)) {
      Optional<Path> relative = ownFile(root, k, e.path());
      if (relative.isEmpty()) {
        refused.add(e.path());
      } else if (e.matches(root.resolve(relative.get()))) {
        // changed since (edited or replaced by the user, or by a run stopped before its end):
        // not as the run left it, so not known to be the run's any more
        Stamp.of(root.resolve(relative.get())).ifPresent(s -> files.put(relative.get(), s));
      }
    }
    return Optional.of(new EarlierRun(dir, k, files, false, List.copyOf(refused)));
  }

  /**
   * {@code path} of a run.json's list as a path inside {@code root}, when it may be a file of
   * the run: relative, without "..", of a name {@code kind} writes (not run.json or
   * report.html, which every run rewrites), a regular file reached through no link, and in no
   * folder with a run.json of its own (another run's).
   */
  private static Optional<Path> ownFile(Path root, RunKind kind, String path) {
    Path relative;
    try {
      relative = Path.of(path);
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (path.isEmpty() || relative.isAbsolute() || !relative.normalize().equals(relative)
        || relative.startsWith("..") || path.contains("\\")
        || path.equals("run.json") || path.equals("report.html") || !kind.writes(relative)) {
      return Optional.empty();
    }
    Path p = root;
    for (int i = 0; i < relative.getNameCount(); i++) {
      p = p.resolve(relative.getName(i));
      boolean last = i == relative.getNameCount() - 1;
      if (Files.isSymbolicLink(p) || (last ? !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          : !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
          || Files.exists(p.resolve("run.json"), LinkOption.NOFOLLOW_LINKS))) {
        return Optional.empty();
      }
    }
    return Optional.of(relative);
  }

  /**
   * The files in {@code dir} of the names {@code kind} writes, with their identity now, by
   * relative path in name order: into charts/ and runs/ only, never into a folder of the
   * user's, nor one with a run.json of its own (another run's: runs/path-&lt;time&gt;, the
   * default --out), nor through a link (a walk from the real path of {@code dir}).
   */
  static Map<Path, Stamp> ofKind(Path dir, RunKind kind) {
    Map<Path, Stamp> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try {
      // from its real path: a walk does not enter an --out that is a link to the folder
      Path root = AtomicFiles.realPath(dir);
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
          return d.equals(root) || kind.mayHold(root.relativize(d))
              && !Files.exists(d.resolve("run.json"), LinkOption.NOFOLLOW_LINKS)
              ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          Path relative = root.relativize(f);
          if (a.isRegularFile() && kind.writes(relative)) {
            Stamp.of(f).ifPresent(s -> files.put(relative, s));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          return FileVisitResult.CONTINUE; // what cannot be read is left as it is
        }
      });
    } catch (IOException e) {
      throw new InputException(dir + ": cannot list the output directory ("
          + AtomicFiles.reason(e) + ")", e);
    }
    return files;
  }

  RunKind kind() {
    return kind;
  }

  /** Whether the earlier run.json lists no files (an older tikhonov wrote it). */
  boolean unlisted() {
    return unlisted;
  }

  /** The entries of the earlier run.json's list that name no file of the run: left alone. */
  List<String> refused() {
    return refused;
  }

  /**
   * Leaves {@code relative}, a file or a folder with all it holds, out of the files
   * {@link #removeUnchanged} may remove; this run takes them as its own ({@link #kept()}).
   */
  void keep(Path relative) {
    files.entrySet().removeIf(e -> {
      if (e.getKey().startsWith(relative)) {
        kept.put(e.getKey(), e.getValue());
        return true;
      }
      return false;
    });
  }

  /** The earlier run's files this run took as its own ({@link #keep}), as they were at open. */
  Map<Path, Stamp> kept() {
    return kept;
  }

  /**
   * Deletes the listed files whose relative path passes {@code which} and that are still as they
   * were (this run did not replace them), then the folders that leaves empty; returns them.
   * Nothing when the earlier run.json lists no files ({@link #unchanged} names them instead).
   */
  List<Path> removeUnchanged(Predicate<Path> which) {
    List<Path> removed = new ArrayList<>();
    if (unlisted) {
      return removed;
    }
    Path root = AtomicFiles.realPath(dir);
    for (Path relative : unchanged(which)) {
      Path file = dir.resolve(relative);
      if (ownFile(root, kind, relative.toString()).isEmpty()) {
        continue; // a folder on its way became a link, or another run's, since the run opened
      }
      try {
        Files.delete(file);
        removed.add(file);
        for (Path p = file.getParent(); !p.equals(dir); p = p.getParent()) {
          Files.delete(p);
        }
      } catch (DirectoryNotEmptyException | NoSuchFileException notEmptyOrGone) {
        // the folder holds other files (this run's): it stays
      } catch (IOException x) {
        throw new InputException(file + ": cannot remove this file of the earlier " + kind.id()
            + " run in the output directory, which this run did not rewrite ("
            + AtomicFiles.reason(x) + "); remove it by hand, or choose another output directory",
            x);
      }
    }
    return removed;
  }

  /**
   * The files (relative paths) whose path passes {@code which} and that are still as they were
   * when this run opened the directory: the ones this run did not rewrite.
   */
  List<Path> unchanged(Predicate<Path> which) {
    List<Path> out = new ArrayList<>();
    for (Map.Entry<Path, Stamp> e : files.entrySet()) {
      if (which.test(e.getKey())
          && Stamp.of(dir.resolve(e.getKey())).equals(Optional.of(e.getValue()))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** A file's identity: replaced (an atomic write) or rewritten, it changes. */
  record Stamp(Object key, FileTime modified, long size) {
    static Optional<Stamp> of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        return Optional.of(new Stamp(a.fileKey() == null ? a.creationTime() : a.fileKey(),
            a.lastModifiedTime(), a.size()));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }
}
