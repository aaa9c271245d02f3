package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A binary file to standard output, one rule by either name ("-" or /dev/stdout): export's ONNX
 * model goes there when it is a pipe or a file ({@code | gzip}, {@code > m.onnx}) and is
 * refused on a terminal; a model file (--save) is refused there always, since the command
 * prints its summary there. Before, {@code export --out -} was refused while
 * {@code export --out /dev/stdout} wrote the binary even to a terminal, and
 * {@code train --save /dev/stdout} wrote the model after the epochs' lines. Each run is a
 * process of its own whose standard output the test sets as a shell does; the terminal is a
 * pseudo-terminal of util-linux's {@code script}.
 */
class BinaryToStandardOutputTest {
  @TempDir static Path dir;
  private static Path model;
  private static byte[] onnx;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toAbsolutePath()
      .toString();

  @BeforeAll
  static void fitAndExportToAFile() throws Exception {
    model = dir.resolve("r.model");
    InProcess fit = InProcess.run("ridge", "--data", DIABETES, "--target", "progression",
        "--quiet", "--threads", "1", "--save", model.toString(), "--out",
        dir.resolve("r").toString());
    assertEquals(0, fit.exit(), fit.err());
    Path file = dir.resolve("r.onnx");
    InProcess export = InProcess.run("export", "--model", model.toString(), "--out",
        file.toString());
    assertEquals(0, export.exit(), export.err());
    onnx = Files.readAllBytes(file);
  }

  private static List<String> tikhonov(String... args) {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    line.addAll(List.of(args));
    return line;
  }

  private static int finish(Process p) throws Exception {
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    return p.exitValue();
  }

  @Test
  void export_toAPipeOrAFile_byEitherName_writesTheOnnxModel() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    for (String out : List.of("-", "/dev/stdout")) {
      Process piped = new ProcessBuilder(tikhonov("export", "--model", model.toString(),
          "--out", out)).redirectError(dir.resolve("err.txt").toFile()).start();
      byte[] read = piped.getInputStream().readAllBytes();
      assertEquals(0, finish(piped), Files.readString(dir.resolve("err.txt")));
      assertArrayEquals(onnx, read, out + " to a pipe");
      Path file = dir.resolve("under-redirect.onnx");
      Process redirected = new ProcessBuilder(tikhonov("export", "--model", model.toString(),
          "--out", out)).redirectOutput(file.toFile())
          .redirectError(dir.resolve("err.txt").toFile()).start();
      assertEquals(0, finish(redirected), Files.readString(dir.resolve("err.txt")));
      assertArrayEquals(onnx, Files.readAllBytes(file), out + " under >");
    }
  }

  /** The command, with its arguments, run by {@code script} on a pseudo-terminal: its output. */
  private static String onATerminal(List<String> command) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script");
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    String shell = String.join(" ", command.stream().map(a -> "'" + a + "'").toList())
        + "; echo exit=$?";
    Process p = new ProcessBuilder("script", "-qec", shell, "/dev/null")
        .redirectInput(Redirect.from(new java.io.File("/dev/null")))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).replace("\r", "");
    assertEquals(0, finish(p), out);
    return out;
  }

  @Test
  void export_toATerminal_byEitherName_isRefused() throws Exception {
    String dash = onATerminal(tikhonov("export", "--model", model.toString(), "--out", "-"));
    assertTrue(dash.matches("tikhonov: error: --out -: an ONNX model is binary, and standard"
        + " output is a terminal \\(/dev/pts/\\d+\\), which cannot show it; redirect it to a"
        + " file or a program \\(> file, \\| gzip\\) or give a path \\(a file named \"-\" is"
        + " \\./-\\)\nexit=2\n"), dash);
    String named = onATerminal(tikhonov("export", "--model", model.toString(), "--out",
        "/dev/stdout"));
    assertTrue(named.matches("tikhonov: error: --out /dev/stdout: an ONNX model is binary, and"
        + " standard output is a terminal \\(/dev/pts/\\d+\\), which cannot show it; redirect it"
        + " to a file or a program \\(> file, \\| gzip\\) or give a path\nexit=2\n"), named);
  }

  @Test
  void save_toStandardOutputByAnyName_orToATerminal_isRefusedBeforeAnyWork() throws Exception {
    for (String save : List.of("-", "/dev/stdout", "/dev/fd/1")) {
      Path out = dir.resolve("t" + save.length());
      InProcess r = InProcess.run("train", "--data", DIABETES, "--target", "progression",
          "--model", "linear", "--standardize", "--epochs", "1", "--quiet", "--save", save,
          "--out", out.toString());
      assertEquals(2, r.exit(), r.err());
      assertEquals("--save " + save + ": a model file is binary, and standard output carries"
          + " train's summary (or --json's line), which it would be mixed into; give a path"
          + (save.equals("-") ? " (a file named \"-\" is ./-)" : ""), r.message());
      assertEquals("", r.out(), "the model or a summary reached standard output");
      assertFalse(Files.exists(out), "the run started");
    }
    String stderr = onATerminal(tikhonov("ridge", "--data", DIABETES, "--target",
        "progression", "--quiet", "--save", "/dev/stderr", "--out",
        dir.resolve("q").toString()));
    assertTrue(stderr.matches("tikhonov: error: --save /dev/stderr: a model file is binary, and"
        + " /dev/stderr is a terminal \\(/dev/pts/\\d+\\), which cannot show it; give a"
        + " path\nexit=2\n"), stderr);
  }
}
