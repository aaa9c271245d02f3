package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled OpenBLAS and oneDNN are unpacked by JavaCPP into ~/.javacpp/cache, else into
 * {@code <tmpdir>/.javacpp-<user>/cache}. Where neither can be made (a read-only home and /tmp,
 * or a user whose home does not exist and a full /tmp) every command that computes ended in
 * {@code tikhonov: internal error: java.lang.UnsatisfiedLinkError: java.io.IOException: Could
 * not create the cache: Set the "org.bytedeco.javacpp.cachedir" system property. (this is a
 * bug; …)}. Here both folders lie below a file, which no user, root neither, can make.
 */
class NativeCacheCliIT {
  @TempDir Path dir;

  @Test
  void nativeLibrariesThatCannotBeUnpacked_areOneLineNamingBothFoldersAndTheSetting()
      throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    Path home = file.resolve("home");
    Path tmp = file.resolve("tmp");
    Cli.Result r = Cli.runWithJvmOptions(dir, List.of("-Duser.home=" + home,
        "-Djava.io.tmpdir=" + tmp), "train", "--data", data.toString(), "--target", "y",
        "--model", "linear", "--epochs", "1", "--quiet", "--out", "r");
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(List.of("tikhonov: error: cannot unpack the bundled native libraries (OpenBLAS,"
        + " oneDNN): neither " + home + "/.javacpp/cache nor " + tmp + "/.javacpp-"
        + System.getProperty("user.name") + "/cache can be made; give a folder this user may"
        + " write in with TIKHONOV_JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR"),
        r.errorLines().stream().filter(l -> l.startsWith("tikhonov: ")).toList());
    assertTrue(r.stderr().lines().noneMatch(l -> l.startsWith("\tat ")), r.stderr());

    // the remedy it names works
    Path cache = Files.createDirectory(dir.resolve("cache"));
    Cli.Result fixed = Cli.runWithJvmOptions(dir, List.of("-Duser.home=" + home,
        "-Djava.io.tmpdir=" + tmp, "-Dorg.bytedeco.javacpp.cachedir=" + cache), "train",
        "--data", data.toString(), "--target", "y", "--model", "linear", "--epochs", "1",
        "--quiet", "--out", "r");
    assertEquals(0, fixed.exitCode(), fixed.stderr());
  }
}
