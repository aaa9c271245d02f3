package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Help that standard output did not take: {@code tikhonov help ridge > /dev/full} exited 2
 * (Main's check of a lost summary) and {@code tikhonov ridge --help > /dev/full} exited 0. Both
 * spellings of every command now fail alike, as coreutils do ({@code ls --help > /dev/full}:
 * exit 2): a file of help cut short by a full disk is the same failure as a summary. A reader
 * that stops early ({@code | head -1}) stays exit 0 ({@link SummaryOutputTest}). Each line runs
 * in a process of its own, the test classes' path, as a user's would.
 */
class HelpOutputTest {
  private static final Path FULL = Path.of("/dev/full");
  @TempDir Path dir;

  @Test
  void helpToAFullDisk_byEitherSpelling_isAnErrorForEveryCommand() throws Exception {
    assumeTrue(Files.isWritable(FULL) && Files.isDirectory(Path.of("/proc/self/fd")),
        "needs Linux's /dev/full and /proc");
    List<List<String>> lines = new ArrayList<>(List.of(List.of("help"), List.of("--help")));
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      lines.add(List.of("help", name));
      lines.add(List.of(name, "--help"));
    }
    for (List<String> args : lines) {
      assertEquals("tikhonov: error: standard output (/dev/full) did not take the help (a full"
          + " disk?)", toFullDisk(args), args.toString());
    }
    assertEquals("tikhonov: error: standard output (/dev/full) did not take the version (a full"
        + " disk?)", toFullDisk(List.of("--version")));
  }

  /** What {@code tikhonov ARGS > /dev/full} said on stderr, once it exited 2. */
  private String toFullDisk(List<String> args) throws Exception {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    line.addAll(args);
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(line).directory(dir.toFile()).redirectOutput(FULL.toFile())
        .redirectError(err.toFile()).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), args.toString());
    String said = Files.readString(err).strip();
    assertEquals(2, p.exitValue(), args + ": " + said);
    return said;
  }
}
