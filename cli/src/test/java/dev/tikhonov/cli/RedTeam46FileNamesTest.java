package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam46: file names the shell passes that Java cannot (bytes that are not UTF-8) or that
 * break the one-line message (a line break in the name).
 */
class RedTeam46FileNamesTest {
  @TempDir Path dir;

  /**
   * A data file whose name holds bytes that are not UTF-8 (x\xff\xfe.csv, as an archive from
   * an old Latin-1 system unpacks): Java decodes the argument to U+FFFD, asks the system for a
   * file of that name (bytes EF BF BD), and says the file it was given does not exist:
   * {@code tikhonov: error: --data x��.csv: no such file}, though {@code ls} shows it.
   * Expected: a line saying the name is not UTF-8 and so cannot be opened (rename the file),
   * exit 2.
   */
  @Test
  void aNameWithBytesThatAreNotUtf8_isNotCalledMissing() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder("/bin/bash", "-c",
        "n=$(printf 'x\\377\\376.csv'); cp \"$1\" \"$n\"; exec \"$0\" -cp \"$2\""
            + " dev.tikhonov.cli.Main path --data \"$n\" --target y --quiet --out o",
        java, data.toString(), System.getProperty("java.class.path"))
        .directory(dir.toFile()).redirectError(err.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    String said = Files.readString(err, StandardCharsets.UTF_8);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("x")).count(),
          "the file is there");
    }
    assertEquals(2, p.exitValue(), said);
    assertFalse(said.contains("no such file"), said);
    assertTrue(said.contains("UTF-8"), said);
  }

  /**
   * A name with a line break ($'no\nsuch.csv', as find and tar may pass) is printed as it is,
   * so the one-line error is two lines: {@code tikhonov: error: --data no} and
   * {@code such.csv: no such file}; a reader of the first line (a script's grep, a CI log's
   * first line) gets a cut message. Expected: the name quoted or escaped ("no\nsuch.csv").
   */
  @Test
  void aNameWithALineBreak_staysOneLine() {
    InProcess r = InProcess.run("path", "--data", dir.resolve("no\nsuch.csv").toString(),
        "--target", "y", "--quiet", "--out", dir.resolve("o").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
