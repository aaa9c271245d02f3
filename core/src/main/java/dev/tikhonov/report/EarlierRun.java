package dev.tikhonov.report;

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
 * only the files that kind writes ({@link RunKind#writes}); any other file is the user's and is
 * never listed. Each file is kept with its identity (file key, modification time, size): every
 * run file is written by replacing it (a new file), so a file still the same at the run's end
 * is one this run did not rewrite, and would be read as this run's. Not thread-safe.
 */
final class EarlierRun {
  private final Path dir;
  private final RunKind kind;
  private final Map<Path, Stamp> files;

  private EarlierRun(Path dir, RunKind kind, Map<Path, Stamp> files) {
    this.dir = dir;
    this.kind = kind;
    this.files = files;
  }

  /** The earlier run in {@code dir}, or empty when it holds no run.json naming a kind. */
  static Optional<EarlierRun> in(Path dir) {
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson)) {
      return Optional.empty();
    }
    Optional<RunKind> kind;
    try {
      kind = RunKind.byId(JsonFiles.read(runJson).path("kind").asText(""));
    } catch (InputException e) {
      // not a run.json this tikhonov wrote (or not readable): the folder is not known to be ours
      return Optional.empty();
    }
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Map<Path, Stamp> files = new TreeMap<>(); // in name order, for the message
    RunKind k = kind.get();
    try {
      // from its real path: a walk does not enter an --out that is a link to the folder
      Path root = AtomicFiles.realPath(dir);
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
          // into charts/ and runs/ only: a folder of the user's is not walked at all, nor one
          // with a run.json of its own, another run's (runs/path-<time>, the default --out)
          return d.equals(root) || k.mayHold(root.relativize(d))
              && !Files.exists(d.resolve("run.json"), LinkOption.NOFOLLOW_LINKS)
              ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          Path relative = root.relativize(f);
          String name = relative.toString();
          // run.json and report.html are always rewritten
          if (a.isRegularFile() && !name.equals("run.json") && !name.equals("report.html")
              && k.writes(relative)) {
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
    return Optional.of(new EarlierRun(dir, kind.get(), files));
  }

  RunKind kind() {
    return kind;
  }

  /**
   * Leaves {@code relative}, a file or a folder with all it holds, out of the files
   * {@link #removeUnchanged} may remove.
   */
  void keep(Path relative) {
    files.keySet().removeIf(p -> p.startsWith(relative));
  }

  /**
   * Deletes the listed files whose relative path passes {@code which} and that are still as they
   * were (this run did not replace them), then the folders that leaves empty; returns them.
   */
  List<Path> removeUnchanged(Predicate<Path> which) {
    List<Path> removed = new ArrayList<>();
    for (Map.Entry<Path, Stamp> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!which.test(e.getKey()) || !Stamp.of(file).equals(Optional.of(e.getValue()))) {
        continue;
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
