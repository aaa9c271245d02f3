package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --out} directory of a spark-submit job ({@link PathJob}, {@link SweepJob}),
 * checked before any data are read: each failure is an {@link InputException} naming
 * {@code --out} and the reason. Stateless.
 */
final class JobOutput {
  private JobOutput() {}

  /**
   * The --out directory {@code out}, not created: the job's first file creates it (as the
   * CLI's runs do), so a run that fails on its data leaves no empty directory; after refusing
   * an empty path, a file,
   * a path under a file, a directory no file can be written in, a directory inside a folder
   * given as input (whose files are read as data), and one where a file the job writes
   * ({@code files}) would replace an input file.
   *
   * @param what the files it holds, e.g. "path.json and path.csv"
   * @param inputs each input flag (e.g. "--data") and its path as given
   */
  static Path directory(String out, String what, List<String> files,
      Map<String, String> inputs) {
    if (out.isBlank()) {
      throw new InputException("--out needs a directory path, got '" + out + "'");
    }
    Path dir;
    try {
      dir = Path.of(out);
    } catch (java.nio.file.InvalidPathException e) {
      throw new InputException("--out " + out + ": not a directory path (" + e.getReason()
          + ")", e);
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputException("--out " + out + ": is a file; " + what + " go into a"
          + " directory");
    }
    for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new InputException("--out " + out + ": " + p + " is a file, not a directory; "
            + what + " cannot go there");
      }
    }
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      Optional<Path> local = localPath(input.getValue());
      if (local.isEmpty()) {
        continue;
      }
      Path folder = AtomicFiles.realPath(local.get());
      if (Files.isDirectory(folder) && AtomicFiles.realPath(dir).startsWith(folder)) {
        throw new InputException("--out " + out + " is in the " + input.getKey() + " folder "
            + input.getValue() + ", whose files are read as data; give another directory");
      }
      for (String name : files) {
        if (AtomicFiles.sameFile(dir.resolve(name), local.get())) {
          throw new InputException("--out " + out + ": its " + name + " would replace the "
              + input.getKey() + " file " + input.getValue() + "; give another directory");
        }
      }
    }
    AtomicFiles.requireCanWriteIn(dir, dir, what + " (--out)");
    return dir;
  }

  /**
   * An input path on the driver's file system: a plain path or a {@code file:} URI; empty for
   * another file system (hdfs:, s3a:, ...), on which no output of the job can be.
   */
  static Optional<Path> localPath(String input) {
    try {
      java.net.URI uri = new org.apache.hadoop.fs.Path(input).toUri();
      if (uri.getScheme() == null || uri.getScheme().equals("file")) {
        return Optional.of(Path.of(uri.getPath()));
      }
    } catch (IllegalArgumentException e) {
      // not a path Spark could read either: the read names it
    }
    return Optional.empty();
  }
}
