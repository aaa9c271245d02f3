package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (session 44b): TIKHONOV_JAVA_OPTS values that make java print and exit without
 * running the command, which the launcher's list of refused options (tikhonov:136-146) lets
 * through: exit 0, nothing on standard output, the command never ran. java's own
 * JDK_JAVA_OPTIONS refuses an @file holding -version ("Option -version in @file is not allowed
 * in environment variable JDK_JAVA_OPTIONS"). Run by hand against built jars (like LauncherIT);
 * each case failed when run: exit 0 and an empty standard output.
 */
class RedTeam44bLauncherTest {
  @TempDir Path dir;

  private static Path launcher() {
    return Path.of("..", "tikhonov").toAbsolutePath().normalize();
  }

  @Test
  void printAndExitOptions_outsideTheList_areRefused() throws Exception {
    assumeTrue(Files.isRegularFile(launcher().getParent().resolve("cli/target/tikhonov.jar")),
        "no jar");
    Path argFile = Files.writeString(dir.resolve("opts"), "-version\n");
    for (String opts : List.of("-Xinternalversion", "-Xlog:help", "@" + argFile, "-Dx=1 \"\"")) {
      ProcessBuilder pb = new ProcessBuilder("/bin/bash", launcher().toString(), "--version")
          .directory(dir.toFile());
      pb.environment().put("TIKHONOV_JAVA_OPTS", opts);
      Path out = dir.resolve("out.txt");
      Path err = dir.resolve("err.txt");
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish");
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals(2, p.exitValue(), opts + ": " + stdout + stderr);
      assertTrue(stderr.startsWith("tikhonov: error: TIKHONOV_JAVA_OPTS='" + opts + "'"),
          opts + ": " + stderr);
    }
  }
}
