package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --out /dev/stdout} (or /dev/fd/1, /dev/stderr) as a user runs it, in a process
 * of its own whose standard output the test redirects as a shell does. Before, the link
 * /dev/stdout → /proc/self/fd/1 was followed to the text of the descriptor's link: under
 * {@code >> log.txt} the log was replaced by a new file of the predictions alone (its earlier
 * lines lost, exit 0), and to a pipe ({@code | head}) the path was refused ("/proc/self/fd: no
 * file can be created in it"). Now the descriptor's open file is written in place: after the
 * log's lines under {@code >>}, from the start under {@code >}, into the pipe.
 */
class OutToDescriptorTest {
  @TempDir Path dir;

  private Path model;
  private String expected;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toAbsolutePath()
      .toString();

  @BeforeEach
  void fitAndPredictToAFile() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    model = dir.resolve("r.model");
    InProcess fit = InProcess.run("ridge", "--data", DIABETES, "--target", "progression",
        "--quiet", "--threads", "1", "--save", model.toString(), "--out",
        dir.resolve("r").toString());
    assertEquals(0, fit.exit(), fit.err());
    Path file = dir.resolve("p.csv");
    InProcess p = InProcess.run("predict", "--model", model.toString(), "--data", DIABETES,
        "--threads", "1", "--out", file.toString());
    assertEquals(0, p.exit(), p.err());
    expected = Files.readString(file);
  }

  private ProcessBuilder predict(String out) {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "predict", "--model",
        model.toString(), "--data", DIABETES, "--threads", "1", "--out", out));
    return new ProcessBuilder(line).directory(dir.toFile());
  }

  private static int finish(Process p) throws Exception {
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    return p.exitValue();
  }

  @Test
  void underAppend_theLogKeepsItsLinesAndThePredictionsFollow() throws Exception {
    Path log = dir.resolve("log.txt");
    Files.writeString(log, "EARLIER LOG LINE\n");
    Object inode = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
    Path err = dir.resolve("err.txt");
    for (String out : List.of("/dev/stdout", "/dev/fd/1")) {
      Process p = predict(out).redirectOutput(Redirect.appendTo(log.toFile()))
          .redirectError(err.toFile()).start();
      assertEquals(0, finish(p), Files.readString(err));
    }
    assertEquals("EARLIER LOG LINE\n" + expected + expected, Files.readString(log));
    assertEquals(inode, Files.readAttributes(log, BasicFileAttributes.class).fileKey(),
        "the log was replaced by another file");
  }

  @Test
  void underTruncate_theFileHoldsThePredictions() throws Exception {
    Path log = dir.resolve("log.txt");
    Files.writeString(log, "OLD CONTENT TO BE TRUNCATED BY THE SHELL\n".repeat(1000));
    Path err = dir.resolve("err.txt");
    Process p = predict("/dev/stdout").redirectOutput(Redirect.to(log.toFile()))
        .redirectError(err.toFile()).start();
    assertEquals(0, finish(p), Files.readString(err));
    assertEquals(expected, Files.readString(log));
  }

  @Test
  void toAPipe_thePredictionsGoThrough() throws Exception {
    Path err = dir.resolve("err.txt");
    Process p = predict("/dev/stdout").redirectError(err.toFile()).start();
    String got = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, finish(p), Files.readString(err));
    assertEquals(expected, got);
  }

  @Test
  void toStandardError_thePredictionsComeBeforeTheSummaryLine() throws Exception {
    Path err = dir.resolve("err.txt");
    Files.writeString(err, "EARLIER\n");
    Process p = predict("/dev/stderr").redirectError(Redirect.appendTo(err.toFile()))
        .redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertEquals(0, finish(p), Files.readString(err));
    int rows = (int) expected.lines().count() - 1;
    assertEquals("EARLIER\n" + expected + "tikhonov predict: " + rows + " rows -> /dev/stderr\n",
        Files.readString(err));
  }
}
