package dev.tikhonov.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers never see it half-written: the bytes go to a temporary file in
 * the same directory, which is forced to disk and then renamed over the target. A crash leaves
 * either the old file or the new one, never a torn one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writer of the temporary file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  public static void write(Path target, Content content) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // Not Files.createTempFile: that makes the file owner-only (0600) instead of following
      // the umask, and the renamed file would keep those permissions.
      Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
          + "." + System.nanoTime() + ".tmp");
      try {
        try (var channel = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
            var out = new java.io.BufferedOutputStream(
                java.nio.channels.Channels.newOutputStream(channel))) {
          content.writeTo(out);
          out.flush();
          channel.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
