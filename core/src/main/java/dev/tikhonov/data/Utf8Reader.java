package dev.tikhonov.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 text from a byte stream that knows where a byte that is not UTF-8 sits: line and
 * column (1-based, lines ending at '\n') and byte offset (0-based) in the stream. The column
 * counts characters as an editor shows them, Unicode code points: an emoji or a CJK character
 * outside the Basic Multilingual Plane is one column (two UTF-16 chars, four bytes), and a
 * byte order mark at the start of the stream is none. An {@code InputStreamReader} decodes ahead of its reader in
 * blocks and reports only "Input length = 1", so the readers' "not valid UTF-8 text" could not
 * say where, unlike their other messages. Not thread-safe (a reader).
 */
final class Utf8Reader extends Reader {
  private static final int BLOCK = 8192;

  /** A malformed or truncated UTF-8 sequence and where it starts. */
  static final class Malformed extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    final long line;
    final long column;
    final long offset;
    final int firstByte;

    Malformed(long line, long column, long offset, int firstByte) {
      this.line = line;
      this.column = column;
      this.offset = offset;
      this.firstByte = firstByte;
    }

    @Override
    public String getMessage() {
      return String.format("byte 0x%02X at line %d, column %d (offset %d) is not UTF-8", firstByte,
          line, column, offset);
    }
  }

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
  private final CharBuffer chars = CharBuffer.allocate(BLOCK);
  /** Offset in the stream of {@code bytes}' first byte. */
  private long bytesBefore;
  /** Line and column of the next character decoded. */
  private long line = 1;
  private long column = 1;
  /** True until the first character is decoded (a byte order mark there takes no column). */
  private boolean atStart = true;
  private boolean endOfInput;
  private boolean flushed;

  Utf8Reader(InputStream in) {
    this.in = in;
    bytes.flip();
    chars.flip();
  }

  @Override
  public int read(char[] out, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(length, chars.remaining());
    chars.get(out, offset, n);
    return n;
  }

  /** Decodes the next characters into {@code chars}; false at the end of the text. */
  private boolean fill() throws IOException {
    chars.clear();
    while (chars.position() == 0 && !flushed) {
      if (!endOfInput) {
        bytesBefore += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
          endOfInput = true;
        } else {
          bytes.position(bytes.position() + read);
        }
        bytes.flip();
      }
      int start = chars.position();
      CoderResult result = decoder.decode(bytes, chars, endOfInput);
      advance(start);
      if (result.isError()) {
        throw new Malformed(line, column, bytesBefore + bytes.position(),
            bytes.get(bytes.position()) & 0xFF);
      }
      if (endOfInput && result.isUnderflow()) {
        start = chars.position();
        flushed = decoder.flush(chars).isUnderflow();
        advance(start);
      }
    }
    chars.flip();
    return chars.hasRemaining();
  }

  /**
   * Moves the line and column over the characters decoded from {@code start} on, a surrogate
   * pair being one column (its low half is not counted) and a leading byte order mark none.
   */
  private void advance(int start) {
    for (int i = start; i < chars.position(); i++) {
      char c = chars.get(i);
      if (c == '\n') {
        line++;
        column = 1;
      } else if (!Character.isLowSurrogate(c) && !(c == '\uFEFF' && atStart)) {
        column++;
      }
      atStart = false;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
