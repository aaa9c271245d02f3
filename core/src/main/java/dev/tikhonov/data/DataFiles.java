package dev.tikhonov.data;

import dev.tikhonov.internal.data.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Opening data files (gzip or plain, one set of error messages) and checksums for data
 * provenance: SHA-256 as 64 lower-case hex digits. Stateless: each call uses its own stream,
 * digest and buffer, so its methods may be called from any thread.
 */
public final class DataFiles {
  private DataFiles() {}

  /**
   * Why {@code file}, a path that leads to no file, is a link: " (a symbolic link to T, which
   * does not exist)" for a dangling link (" to B → T" through a chain), " (a symbolic link loop:
   * a → b → a)" for links that lead back to themselves (or more than 40 deep, the kernel's
   * limit), else "": appended to "file not found", which said nothing of the link that
   * {@code ls} shows right there, and of a loop said "no such file" or the JDK's "Too many levels
   * of symbolic links or unable to access attributes of symbolic link".
   */
  public static String danglingLink(Path file) {
    if (!Files.isSymbolicLink(file) || Files.exists(file)) {
      return "";
    }
    java.util.List<String> chain = new java.util.ArrayList<>();
    java.util.Set<Path> seen = new java.util.HashSet<>();
    Path p = file;
    try {
      while (Files.isSymbolicLink(p)) {
        Path at = p.toAbsolutePath().normalize();
        if (!seen.add(at) || seen.size() > 40) {
          return " (a symbolic link loop: " + file + " → " + String.join(" → ", chain) + ")";
        }
        Path target = Files.readSymbolicLink(p);
        chain.add(target.toString());
        p = at.getParent().resolve(target);
      }
    } catch (IOException e) {
      return " (a symbolic link that cannot be followed)";
    }
    return " (a symbolic link to " + String.join(" → ", chain) + ", which does not exist)";
  }

  /**
   * The {@link InputException} for {@code e}, the failure to open {@code file}: "file:
   * {@code missing}" and {@link #danglingLink} when there is no file there (none, a dangling
   * link, a link loop), else {@link #cannotRead}.
   */
  public static InputException openFailure(Path file, String missing, IOException e) {
    if (e instanceof NoSuchFileException || !danglingLink(file).isEmpty()) {
      return new InputException(file + ": " + missing + danglingLink(file), e);
    }
    return cannotRead(file.toString(), e);
  }

  /**
   * Refuses, before it is opened, a {@code file} that exists but is no regular file: "file: is
   * a directory; expected a file", or "file: not a regular file (a named pipe, …)". A named
   * pipe without a writer blocks the open forever, and a pipe (a shell's {@code <(…)}) can be
   * read only once while the readers read a file again (its fingerprint, a row's line number)
   * or at random positions. A missing file passes, for the caller's own "not found".
   */
  public static void requireRegularFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a directory; expected a file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new InputException(file + ": not a regular file (a named pipe, a device or a"
          + " socket, e.g. a shell's <(...)); tikhonov reads a file more than once or at random"
          + " positions, so save it as a file first");
    }
  }

  /** SHA-256 of the file's bytes, read in a stream (the file is never held in memory). */
  public static String sha256(Path file) {
    requireRegularFile(file);
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int got;
      while ((got = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, got);
      }
    } catch (IOException e) {
      throw openFailure(file, "file not found", e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * {@code in} decompressed when it starts with gzip's magic bytes (1f 8b), else as it is: text
   * readers call this so that {@code data.csv.gz} and {@code data.svm.gz} read like their plain
   * versions, whatever the file is named.
   */
  public static InputStream decompressed(InputStream in) throws IOException {
    java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new Gunzipped(new java.util.zip.GZIPInputStream(buffered, 1 << 16));
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw Gunzipped.damaged(e);
      }
    }
    return buffered;
  }

  /**
   * Damaged gzip data, in words: zlib's {@link java.util.zip.ZipException} and the {@link
   * java.io.EOFException} of a cut file (whose message is often null) as one message that says
   * which, so that no reader shows a Java exception's name for them. {@link #cannotRead} gives
   * its message after the file's name.
   */
  static final class DamagedGzipException extends IOException {
    DamagedGzipException(String message, IOException cause) {
      super(message, cause);
    }
  }

  /** A gzip stream whose damage is reported as a {@link DamagedGzipException}. */
  private static final class Gunzipped extends java.io.FilterInputStream {
    Gunzipped(InputStream gzip) {
      super(gzip);
    }

    static DamagedGzipException damaged(IOException e) {
      if (e instanceof java.io.EOFException) {
        return new DamagedGzipException("truncated gzip data: the file ends inside the compressed"
            + " stream (an interrupted download or copy?)", e);
      }
      return new DamagedGzipException("corrupt gzip data: " + e.getMessage(), e);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw damaged(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw damaged(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        throw damaged(e);
      }
    }
  }

  /**
   * What a text reader does with a file's (decompressed) stream. {@link #read} calls it on the
   * caller's thread with a stream of its own, so an implementation need not be thread-safe
   * unless the caller shares it between threads.
   *
   * @param <T> what the reader makes of the stream
   */
  @FunctionalInterface
  public interface StreamReader<T> {
    /**
     * What the file holds, read from {@code in} (its decompressed bytes, from the start; the
     * caller closes it).
     */
    T read(InputStream in) throws IOException;

  }

  /**
   * {@code reader} applied to {@link #decompressed} contents of {@code file}, the stream closed
   * after; a missing file, damaged gzip data or a read error is an {@link InputException} that
   * names the file (the readers' one way of opening a file).
   *
   * @param <T> what the reader makes of the file
   */
  public static <T> T read(Path file, StreamReader<T> reader) {
    requireRegularFile(file);
    try (InputStream in = decompressed(Files.newInputStream(file))) {
      return reader.read(in);
    } catch (IOException e) {
      throw openFailure(file, "file not found", e);
    }
  }

  /**
   * The lines of the text file {@code file} (gzip or plain), decoded as the CSV and LIBSVM
   * readers decode: strict UTF-8, a byte that is not UTF-8 an {@link InputException} naming its
   * line and character ("file:2:5: not valid UTF-8 text (byte 0xE9 at character 5 …"), UTF-16
   * refused by name, a leading byte order mark dropped; lines end at LF, CRLF or CR, and the
   * ends are not kept. The whole text is held in memory: for small files such as fold ids.
   */
  public static java.util.List<String> readLines(Path file) {
    return read(file, in -> {
      java.util.List<String> lines = new java.util.ArrayList<>();
      try (java.io.BufferedReader reader =
          new java.io.BufferedReader(CsvReader.utf8(in, file.toString()))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
        }
      } catch (java.nio.charset.CharacterCodingException e) {
        throw CsvReader.notUtf8(file.toString(), e);
      }
      return lines;
    });
  }

  /**
   * The InputException for an I/O failure while reading {@code source}, in one line: "source:
   * cannot read: permission denied" when the operating system refused access (an
   * {@link java.nio.file.AccessDeniedException}, whose own message is only the file name),
   * "source: cannot read: REASON" for another file-system error (its reason, without repeating
   * the file), "source: corrupt gzip data: zlib's reason" or "source: truncated gzip data: …"
   * for damaged gzip data read through {@link #decompressed}, else "source: cannot read: TYPE:
   * MESSAGE", in the words of every refused write too. Every reader of data, model and checkpoint files reports a read failure through this.
   */
  public static InputException cannotRead(String source, IOException e) {
    if (e instanceof DamagedGzipException) {
      return new InputException(source + ": " + e.getMessage(), e);
    }
    return new InputException(source + ": cannot read: " + AtomicFiles.reason(e), e);
  }

  /** SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
