package dev.tikhonov.internal.io;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random-access bytes of a file or an in-memory array, read without loading them all. */
public interface ByteSource {
  /** Total length in bytes. */
  long size() throws IOException;

  /** Fills {@code out} from {@code position} on; fails if the source ends first. */
  void readFully(long position, ByteBuffer out) throws IOException;

  /** What a file format's reader does with the bytes. */
  interface Reader<T> {
    T read(ByteSource source) throws IOException;
  }

  /**
   * Opens {@code file} and reads it with {@code reader}.
   *
   * @throws InputException "file: {@code missing}" when there is no such file, "file: is a
   *     directory" or "file: not a regular file" (checked before opening: a named pipe without a
   *     writer would block the open forever, and a pipe or device reports a size of 0), "file:
   *     cannot read: …" for any other I/O failure
   */
  static <T> T readFile(Path file, String missing, Reader<T> reader) {
    dev.tikhonov.data.DataFiles.requireRegularFile(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return reader.read(of(channel));
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.openFailure(file, missing, e);
    }
  }

  static ByteSource of(FileChannel channel) {
    return new ByteSource() {
      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public void readFully(long position, ByteBuffer out) throws IOException {
        long p = position;
        while (out.hasRemaining()) {
          int n = channel.read(out, p);
          if (n < 0) {
            throw new java.io.EOFException("file ended at byte " + p);
          }
          p += n;
        }
      }
    };
  }

  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void readFully(long position, ByteBuffer out) throws IOException {
        if (position < 0 || position + out.remaining() > bytes.length) {
          throw new java.io.EOFException("data ended at byte " + bytes.length);
        }
        out.put(bytes, (int) position, out.remaining());
      }
    };
  }
}
