package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's plain summary that standard output did not take: {@code > /dev/full} (Linux's
 * always-full device) or a closed descriptor 1 ({@code >&-}) ended with exit 0, though
 * coreutils fail there and --json's line has been an error since the thirty-eighth session.
 * A reader that stops early ({@code | head -1}) has what it wanted: exit 0, no word. Help
 * that standard output did not take fails alike ({@link HelpOutputTest}).
 * The command runs in a process of its own, the test classes' path, as a user's would.
 */
class SummaryOutputTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toAbsolutePath()
      .toString();

  private ProcessBuilder command(String... args) {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    line.addAll(List.of(args));
    return new ProcessBuilder(line).directory(dir.toFile());
  }

  private ProcessBuilder ridge(String out) {
    return command("ridge", "--data", DIABETES, "--target", "progression", "--threads", "1",
        "--out", dir.resolve(out).toString());
  }

  private static String finish(Process p, Path err) throws Exception {
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    return Files.readString(err).strip();
  }

  @Test
  void summaryToAFullDisk_isAnErrorNamingIt() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full) && Files.isDirectory(Path.of("/proc/self/fd")),
        "needs Linux's /dev/full and /proc");
    List<ProcessBuilder> commands = List.of(ridge("ridge"),
        command("path", "--data", DIABETES, "--target", "progression", "--nlambda", "3",
            "--threads", "1", "--out", dir.resolve("path").toString()),
        command("train", "--data", DIABETES, "--target", "progression", "--model", "linear",
            "--standardize", "--epochs", "1", "--threads", "1", "--out",
            dir.resolve("train").toString()));
    for (ProcessBuilder c : commands) {
      Path err = dir.resolve("err.txt");
      Process p = c.redirectOutput(full.toFile()).redirectError(err.toFile()).start();
      String said = finish(p, err);
      assertEquals(2, p.exitValue(), c.command() + ": " + said);
      // (train's epoch lines go to standard error first)
      List<String> lines = said.lines().toList();
      assertEquals("tikhonov: error: standard output (/dev/full) did not take the command's"
          + " summary (a full disk?)", lines.get(lines.size() - 1), c.command().toString());
    }
    // help alike, by either spelling: HelpOutputTest
  }

  @Test
  void summaryToAClosedStandardOutput_saysItIsClosed() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux's /proc");
    StringBuilder line = new StringBuilder("exec");
    for (String word : ridge("closed").command()) {
      line.append(' ').append(Flags.shellWord(word));
    }
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder("/bin/sh", "-c", line.append(" >&-").toString())
        .directory(dir.toFile()).redirectError(err.toFile()).start();
    String said = finish(p, err);
    assertEquals(2, p.exitValue(), said);
    assertEquals("tikhonov: error: standard output is closed (>&-), so the command's summary"
        + " went nowhere", said);
  }

  @Test
  void summaryToAReaderThatStopsAfterOneLine_isQuiet() throws Exception {
    Path err = dir.resolve("err.txt");
    Process p = ridge("head").redirectError(err.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    assertTrue(out.readLine() != null);
    p.getInputStream().close(); // as head -1 does
    String said = finish(p, err);
    assertEquals(0, p.exitValue(), said);
    assertEquals("", said);
  }
}
