package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar run directly ({@code java -jar}, not through the launcher, which switches an ASCII
 * locale to C.UTF-8) in the C locale, where Java's file names are ASCII: a path with a
 * character outside ASCII cannot be given. It said {@code cannot convert 'd??ab.csv' to Path
 * (java.nio.file.InvalidPathException: Malformed input or input contains unmappable
 * characters: d??ab.csv)}, a Java exception for a problem of the locale; now the message says
 * which locale setting to change.
 */
class AsciiLocaleCliIT {
  @TempDir Path dir;

  @Test
  void pathOutsideAscii_inTheCLocale_namesTheLocaleAndTheRemedy() throws Exception {
    assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "passing a name outside ASCII needs a UTF-8 locale here");
    CsvFiles.regression(dir.resolve("dïab.csv"), 30, 0);
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Cli.jar().toString(), "train", "--data", "dïab.csv", "--target", "y", "--model",
        "linear", "--epochs", "1", "--quiet", "--out", "r")).directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertEquals(true, p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(2, p.exitValue(), output);
    String shown = output.lines().findFirst().orElseThrow();
    // the name as Java decoded it in ASCII: "?" (or the replacement character) for each byte
    String name = shown.replaceAll(".*the path \"([^\"]*)\".*", "$1");
    assertEquals("tikhonov: error: Invalid value for option '--data': the path \"" + name
        + "\" has characters that file names cannot hold in this locale's character set"
        + " (ANSI_X3.4-1968); run tikhonov in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (the"
        + " ./tikhonov launcher does so when the locale is ASCII)", shown);
    assertEquals(false, Files.exists(dir.resolve("r")));
  }
}
