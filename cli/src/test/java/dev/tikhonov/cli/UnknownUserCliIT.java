package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user whom the password database does not know: a container run with {@code --user 1234},
 * OpenShift's random user ids. Java sets {@code user.home} to "?" and {@code user.name} to "?",
 * so a run unpacked the native libraries (215 MB) and Java's font cache into a folder named "?"
 * in the directory it started from, and every such user shared one lock folder
 * {@code tikhonov-locks-?}.
 */
class UnknownUserCliIT {
  @TempDir Path dir;

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void homeOfQuestionMark_putsNothingInTheWorkingDirectory() throws Exception {
    Path work = Files.createDirectory(dir.resolve("work"));
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path home = Files.createDirectory(dir.resolve("home"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=?"));
    Path unpacked = Path.of(System.getProperty("user.home"), ".javacpp", "cache");
    if (Files.isDirectory(unpacked)) {
      cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + unpacked); // not 215 MB again
    }
    cmd.addAll(List.of("-jar", Cli.jar().toString(), "train", "--data", data.toString(),
        "--target", "y", "--model", "linear", "--epochs", "1", "--quiet", "--out", "r"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), output);
    assertEquals(List.of("r"), names(work), "the run's folder and nothing else");
  }

  @Test
  void userIdWithoutAName_locksInAFolderOfItsOwnId() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path work = Files.createDirectory(dir.resolve("work"));
    for (Path d : List.of(dir, tmp, work)) {
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=4242",
        "--regid=4242", "--clear-groups",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp));
    cmd.addAll(List.of("-jar", Cli.jar().toString(), "train", "--data", data.toString(),
        "--target", "y", "--model", "linear", "--epochs", "1", "--quiet", "--out", "r"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().remove("HOME");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), output);
    assertEquals(List.of("r"), names(work), "the run's folder and nothing else");
    assertTrue(names(tmp).contains("tikhonov-locks-uid4242"), names(tmp).toString());
  }
}
