package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --out -} to a standard output that does not take the predictions: a full disk
 * ({@code > /dev/full}, Linux's always-full device) ended with exit 0, "569 rows -> standard
 * output" and the file cut short or empty; a reader that stops early ({@code | head -1}) is
 * the Unix way of taking the first lines and stays quiet.
 */
class StandardOutputFullCliIT {
  @TempDir static Path dir;
  private static Path data;
  private static Path model;

  @BeforeAll
  static void fit() throws Exception {
    // more rows than a pipe holds (64 kB), so that a reader closing it stops the writer
    data = CsvFiles.regression(dir.resolve("d.csv"), 20000, 0.1);
    model = dir.resolve("m.model");
    Cli.Result r = Cli.run(dir, "path", "--data", data.toString(), "--target", "y",
        "--nlambda", "3", "--quiet", "--out", "p", "--save", model.toString());
    assertEquals(0, r.exitCode(), r.stderr());
  }

  private static ProcessBuilder predict() {
    return new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Cli.jar().toString(), "predict", "--model", model.toString(), "--data", data.toString(),
        "--out", "-")).directory(dir.toFile());
  }

  @Test
  void predictToAFullDisk_isAnErrorNamingIt() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    Path err = dir.resolve("err.txt");
    Process p = predict().redirectOutput(full.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(2, p.exitValue(), Files.readString(err));
    assertEquals("tikhonov: error: --out -: standard output (/dev/full) did not take all 20000"
        + " rows of predictions (a full disk?)", Files.readString(err).strip());
  }

  /**
   * Standard output closed ({@code >&-}) is named so before the work: the JVM's own lib/modules
   * took descriptor 1, and the message named that file as where standard output went.
   */
  @Test
  void predictToAClosedStandardOutput_saysItIsClosed() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux's /proc");
    Path err = dir.resolve("err3.txt");
    Process p = closed(predict()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(2, p.exitValue(), Files.readString(err));
    assertEquals("tikhonov: error: --out -: standard output is closed (>&-); run with it open,"
        + " e.g. redirected to a file", Files.readString(err).strip());
  }

  /** --json whose line a full disk did not take ended with exit 0 and no JSON. */
  @Test
  void jsonToAFullDisk_isAnError() throws Exception {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    Path err = dir.resolve("err4.txt");
    Process p = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Cli.jar().toString(), "evaluate", "--model", model.toString(), "--data", data.toString(),
        "--target", "y", "--json")).directory(dir.toFile()).redirectOutput(full.toFile())
        .redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(2, p.exitValue(), Files.readString(err));
    assertEquals("tikhonov: error: --json: standard output (/dev/full) did not take the JSON"
        + " line (a full disk?)", Files.readString(err).strip());
  }

  /** {@code command} run by a shell with descriptor 1 closed, as {@code >&-} leaves it. */
  private static ProcessBuilder closed(ProcessBuilder command) {
    StringBuilder line = new StringBuilder("exec");
    for (String word : command.command()) {
      line.append(' ').append(Flags.shellWord(word));
    }
    return new ProcessBuilder("/bin/sh", "-c", line.append(" >&-").toString())
        .directory(command.directory());
  }

  @Test
  void predictToAReaderThatStopsAfterOneLine_isQuiet() throws Exception {
    Path err = dir.resolve("err2.txt");
    Process p = predict().redirectError(err.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    assertEquals("prediction", out.readLine());
    p.getInputStream().close(); // as head -1 does
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), Files.readString(err));
    assertEquals("", Files.readString(err).strip());
  }
}
