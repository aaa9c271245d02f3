package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Standard output as the process has it, for the outputs that programs read there (predict
 * --out -, --json) and the commands' summaries: closed (a shell's {@code >&-}), or a write to
 * it failed. System.out, a PrintStream, swallows a failed write and only remembers it; with
 * descriptor 1 closed, the JVM's first file (its own lib/modules, opened for reading) takes the
 * descriptor, so a failure named by where descriptor 1 goes named that file. Linux's /proc
 * tells; where there is none, nothing is claimed. Its one state is whether the last --json line
 * was lost, set and read on the command's thread.
 */
final class StandardOutput {
  private StandardOutput() {}

  /** What became of the last --json line: why it was lost, or empty. */
  private static volatile Optional<String> jsonLost = Optional.empty();

  /**
   * Whether descriptor 1 is closed: not open, or open for reading only (its access mode, flags
   * &amp; 3 in /proc/self/fdinfo/1, is O_RDONLY), which no output can be; false where there is
   * no /proc.
   */
  static boolean isClosed() {
    if (!Files.isDirectory(Path.of("/proc/self/fdinfo"))) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/1"))) {
        if (line.startsWith("flags:")) {
          return (Integer.parseInt(line.substring("flags:".length()).strip(), 8) & 3) == 0;
        }
      }
      return false;
    } catch (java.nio.file.NoSuchFileException e) {
      return true;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Refuses, before any work, an output to a closed standard output ({@code flag}, e.g.
   * "--out -", "--json").
   */
  static void requireOpen(String flag) {
    if (isClosed()) {
      throw new InputException(flag + ": standard output is closed (>&-); run with it open,"
          + " e.g. redirected to a file");
    }
  }

  /**
   * Why {@code what} (e.g. "all 442 rows of predictions") did not all reach standard output,
   * once a write to it failed: it is closed, or "standard output (/dev/full) did not take …".
   * Empty when the reader stopped early (a pipe or socket: a program that takes the first
   * lines, {@code | head -1}, has what it wanted) or where standard output goes cannot be told
   * (no /proc): a full disk is not claimed.
   */
  static Optional<String> lost(String what) {
    if (isClosed()) {
      return Optional.of("standard output is closed (>&-), so " + what + " went nowhere");
    }
    String target = target();
    if (target.isEmpty() || target.startsWith("pipe:") || target.startsWith("socket:")) {
      return Optional.empty();
    }
    return Optional.of("standard output (" + target + ") did not take " + what
        + " (a full disk?)");
  }

  /** Where standard output goes ("/dev/full", "pipe:[123]"), or "" where that is unknown. */
  private static String target() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  /**
   * Prints {@code value} as --json's one line; a line that standard output did not take is
   * remembered for {@link #takeJsonLost}, which the command line asks when the command ends
   * (the commands go on after it: path and ridge save their model).
   */
  static void printJson(Object value) {
    System.out.println(Json.oneLine(value));
    jsonLost = System.out.checkError() ? lost("the JSON line") : Optional.empty();
  }

  /**
   * Why the lines a command printed on standard output without --json ({@code what}: "the
   * command's summary", train's epochs, path's and ridge's tables, evaluate's scores; "the
   * help") did not all get there, as {@link #lost} says it; empty when every write went
   * through, or the reader stopped early. System.out remembers a failed write until the process
   * ends: one command per process.
   */
  static Optional<String> summaryLost(String what) {
    return System.out.checkError() ? lost(what) : Optional.empty();
  }

  /** Why the command's --json line was lost, or empty; forgets it (the next command's own). */
  static Optional<String> takeJsonLost() {
    Optional<String> lost = jsonLost;
    jsonLost = Optional.empty();
    return lost;
  }
}
