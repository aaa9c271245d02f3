package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output directory that its user may write in but not list (mode 0333) is named with the
 * reason in words: the message said {@code out: cannot list the output directory
 * (AccessDeniedException: out)}, a Java exception's name. Root ignores the mode, so the jar runs
 * under {@code setpriv} without the capabilities that let root read any directory
 * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), as a user without the permission would.
 */
class UnlistableOutputCliIT {
  @TempDir Path dir;

  @Test
  void train_outputDirectoryThatCannotBeListed_saysPermissionDenied() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux's setpriv");
    Path data = Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n2,4\n3,6\n4,8\n5,10\n");
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("-wx-wx-wx"));
    String noDac = "-dac_override,-dac_read_search";
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--inh-caps=" + noDac,
        "--bounding-set=" + noDac,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Cli.jar().toString(), "train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--epochs", "1", "--quiet", "--out", out.toString()));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(true, p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(2, p.exitValue(), output);
    assertEquals("tikhonov: error: " + out + ": cannot list the output directory (permission"
        + " denied)", output.strip());
  }
}
