package dev.tikhonov.report;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder {@value #NAME} inside a run directory where an experiment into the folder of an
 * earlier run writes its files until it ends, for {@link RunWriter} (docs/formats.md): made,
 * emptied of a stopped run's files, at the run's first write; moved into the run directory
 * (each file a rename, replacing the earlier run's of that name) when it ends; removed by the
 * next run into the directory that ends when a run left it behind. The name is reserved: the
 * folder holds a marker file ({@value #MARKER}) written with it, and a file, a link or a folder
 * without the marker of that name is the user's, refused by an experiment ({@link
 * #requireUsable}) and never removed. Not thread-safe: one run, one staging folder.
 */
final class StagingFolder {
  /** The folder's name inside the run directory. */
  static final String NAME = ".tikhonov-staging";
  /** The file that marks the folder as one a run staged its files in: not one of them. */
  static final String MARKER = ".staged-by-tikhonov";

  private final Path dir;
  private final Path folder;
  /** The folder was emptied of a stopped run's files, at this run's first write. */
  private boolean ready;

  /** The staging folder of a run into {@code dir}; nothing is made before {@link #target}. */
  StagingFolder(Path dir) {
    this.dir = dir;
    this.folder = dir.resolve(NAME);
  }

  /** The folder, {@value #NAME} in the run directory. */
  Path folder() {
    return folder;
  }

  /**
   * Refuses, naming it, a {@value #NAME} in {@code dir} that is no staging folder of a run: a
   * file or a link, or a folder without the marker (the user's own, which staging would empty).
   */
  static void requireUsable(Path dir) {
    Path folder = dir.resolve(NAME);
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new InputException(folder + ": is not a folder; an experiment into the folder of"
          + " an earlier run stages its files in a folder of that name (move or remove it, or"
          + " choose another output directory)");
    }
    if (!ours(folder)) {
      throw new InputException(folder + ": a folder that no tikhonov run staged its files in"
          + " (it holds no " + MARKER + "); an experiment into the folder of an earlier run"
          + " stages its files in a folder of that name and empties it first (move or rename"
          + " the folder, or choose another output directory)");
    }
  }

  /** Whether {@code folder} is a staging folder a run made: a folder with the marker. */
  private static boolean ours(Path folder) {
    return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Where the run writes its files now: the folder, emptied of a stopped run's files and marked
   * at the first call.
   */
  Path target() {
    if (!ready) {
      deleteTree(folder);
      AtomicFiles.writeString(folder.resolve(MARKER), "The files of a tikhonov experiment into "
          + dir.toAbsolutePath().getFileName() + ", staged until it ends (docs/formats.md). The"
          + " next run into that folder removes this one.\n");
      ready = true;
    }
    return folder;
  }

  /** Whether {@code name}, a file directly in the folder, was staged by this run. */
  boolean holds(String name) {
    // (before its first write, the folder holds a stopped run's files, not this one's)
    return ready && Files.isRegularFile(folder.resolve(name), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Moves the staged files into the run directory (each a rename, replacing the earlier run's
   * file of that name), updates {@code record}, and removes the folder. A folder where one of
   * them goes is refused before any is moved: the earlier run stays whole.
   */
  void moveIn(RunRecord record) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> staged = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted().filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
          && !f.equals(folder.resolve(RunManifest.PARTIAL)) && !f.equals(folder.resolve(MARKER)))
          .forEach(staged::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException(folder + ": cannot list this run's staged files ("
          + e.getMessage() + "); the earlier run in " + dir + " is as it was", e);
    }
    for (Path f : staged) {
      Path to = dir.resolve(folder.relativize(f).toString());
      if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
        throw new InputException(to + ": is a directory where the run writes a file (move or"
            + " remove it, then run again, or choose another output directory); the earlier"
            + " run in " + dir + " is as it was");
      }
    }
    try {
      for (Path f : staged) {
        Path to = dir.resolve(folder.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.move(f, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      record.update(); // what was moved in is this run's, for the next run to remove
      throw new InputException(folder + ": cannot move this run's files into " + dir + " ("
          + AtomicFiles.reason(e) + "); the rest stay in " + folder, e);
    }
    record.update();
    deleteTree(folder);
  }

  /**
   * Removes the staging folder that a run stopped before its end left in {@code dir}, when it
   * is one (marked): a file, a link or an unmarked folder of that name is the user's and stays.
   */
  static void removeLeftover(Path dir) {
    Path folder = dir.resolve(NAME);
    if (ours(folder)) {
      deleteTree(folder);
    }
  }

  /**
   * Deletes {@code folder} with all it holds (links removed, never followed); nothing when it
   * is not there.
   */
  private static void deleteTree(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          Files.delete(f);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new InputException(folder + ": cannot remove this folder of the files a run staged"
          + " (" + AtomicFiles.reason(e) + "); remove it by hand", e);
    }
  }
}
