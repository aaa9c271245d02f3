package dev.tikhonov.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes of a file or an in-memory array, read without loading them all. */
interface ByteSource {
  /** Total length in bytes. */
  long size() throws IOException;

  /** Fills {@code out} from {@code position} on; fails if the source ends first. */
  void readFully(long position, ByteBuffer out) throws IOException;

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
