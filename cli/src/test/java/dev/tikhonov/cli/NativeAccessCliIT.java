package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Java 22 and later, loading OpenBLAS through bytedeco's loader printed four lines of "WARNING:
 * A restricted method in java.lang.System has been called" before every command's output; the
 * jar's manifest enables native access so that {@code java -jar tikhonov.jar} prints none. Runs
 * on a JDK of version 22 or later: the one {@code -Dtikhonov.newerJava=/path/to/bin/java} names,
 * else one found beside the test's own JDK (as in /usr/lib/jvm), else the test is skipped.
 */
class NativeAccessCliIT {
  static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  static Optional<Path> newerJava() throws IOException {
    String given = System.getProperty("tikhonov.newerJava");
    if (given != null) {
      return Optional.of(Path.of(given));
    }
    Path jvms = Path.of(System.getProperty("java.home")).toRealPath().getParent();
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> featureVersion(home) >= 22)
          .map(home -> home.resolve("bin").resolve("java"))
          .filter(Files::isExecutable)
          .findFirst();
    }
  }

  /** The feature version in a JDK's {@code release} file, 0 when there is none. */
  static int featureVersion(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Test
  void version_onJava22OrLater_printsNoNativeAccessWarning(@TempDir Path dir) throws Exception {
    Optional<Path> java = newerJava();
    assumeTrue(java.isPresent(), "no JDK 22+ beside this one; -Dtikhonov.newerJava names one");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(java.get().toString(), "-jar", Cli.jar().toString(),
        "--version")
        .directory(dir.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("tikhonov --version did not finish");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    String stdout = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stderr);
    assertTrue(stdout.contains("OpenBLAS"), "--version loads OpenBLAS and says so: " + stdout);
    assertEquals("", stderr, java.get() + " printed on stderr");
  }
}
