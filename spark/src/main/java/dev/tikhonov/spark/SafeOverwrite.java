package dev.tikhonov.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code write().overwrite().save(dir)} without losing the saved model when the new save
 * fails: Spark's {@code MLWriter} deletes {@code dir} first and then writes, so a save that
 * failed midway (a full disk, a lost executor, a stopped session) left neither model. Here the
 * new save is written into a hidden sibling directory, and only once it is whole is the old
 * directory moved aside, the new one renamed into its place and the old one deleted. A failed
 * save deletes its own sibling and leaves {@code dir} as it was. The two renames are not one
 * atomic step: a process killed between them leaves the old model in
 * {@code .NAME.old-UUID} beside {@code dir}. Stateless.
 */
final class SafeOverwrite {
  private SafeOverwrite() {}

  /** Saves into {@code dir} by {@code saveImpl} (given a directory path), replacing dir. */
  static void save(String dir, Configuration conf, Consumer<String> saveImpl) {
    try {
      Path target = new Path(dir);
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      Path parent = target.getParent();
      String id = UUID.randomUUID().toString();
      Path fresh = new Path(parent, "." + target.getName() + ".new-" + id);
      try {
        saveImpl.accept(fresh.toString());
      } catch (RuntimeException | Error e) {
        fs.delete(fresh, true);
        throw e;
      }
      if (fs.exists(target)) {
        Path old = new Path(parent, "." + target.getName() + ".old-" + id);
        rename(fs, target, old);
        rename(fs, fresh, target);
        fs.delete(old, true);
      } else {
        rename(fs, fresh, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot save the model there: " + e.getMessage(),
          e);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }
}
