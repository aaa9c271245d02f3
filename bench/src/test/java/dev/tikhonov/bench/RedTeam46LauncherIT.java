package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam46: the launcher run from a working directory that was removed under the shell
 * ({@code cd d; rm -rf ../d; /path/to/tikhonov …}, a build folder cleaned by another job).
 * Every command fails, even {@code --version} and commands whose files are all absolute: the JVM
 * cannot start, and prints its own error with a Java stack trace, exit 1:
 * {@code Error occurred during initialization of VM / java.lang.Error: Properties init: Could
 * not determine current working directory. / at jdk.internal.util.SystemProps$Raw
 * .platformProperties(…)} (and bash's {@code shell-init: error retrieving current directory}).
 * Expected: one line from the launcher naming the cause, exit 2, no stack trace. A failsafe
 * test after the package phase, as LauncherIT.
 */
class RedTeam46LauncherIT {
  @TempDir Path dir;

  @Test
  void aRemovedWorkingDirectory_isOneLine_withoutAStackTrace() throws Exception {
    String launcher = Path.of("..", "tikhonov").toAbsolutePath().normalize().toString();
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Files.createDirectory(dir.resolve("gone"));
    int exit = new ProcessBuilder("/bin/bash", "-c",
        "cd gone && rmdir ../gone && exec /bin/bash \"$0\" --version", launcher)
        .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start().waitFor();
    String said = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(2, exit, said);
    assertFalse(said.contains("\tat "), said);
    assertTrue(said.lines().anyMatch(l -> l.startsWith("tikhonov: error: ")
        && l.contains("working directory")), said);
  }
}
