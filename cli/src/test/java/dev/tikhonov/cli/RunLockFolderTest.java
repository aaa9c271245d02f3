package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock folder in the shared temporary directory ({@link RunLock}) is trusted only when it is
 * this user's and no one else may write in it. A run opened its lock file for writing, through
 * any symbolic link, and truncated it: another user who made {@code /tmp/tikhonov-locks-<user>}
 * first (or any user, where the folder was writable by others) could put there a link named
 * after a run directory, pointing at one of this user's files, and the run replaced that file's
 * contents with its process id (exit 0, no word). Each run here is another JVM whose temporary
 * directory ({@code java.io.tmpdir}) is this test's, so the folder is the test's own.
 */
class RunLockFolderTest {
  @TempDir Path dir;

  /** path into {@code out} in a JVM whose temporary directory is {@code tmp}. */
  private static Cli.Result path(Path tmp, Path data, Path out) throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "path", "--data", data.toString(), "--target", "y", "--nlambda",
        "3", "--quiet", "--threads", "1", "--out", out.toString());
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    // without the line of AIC's/BIC's λ at the default sequence's end, which three λ on this
    // noise-free data always print: the tests are about the lock's lines
    err = err.lines().filter(line -> !line.contains("the λ of AIC and BIC"))
        .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
    return new Cli.Result(p.exitValue(), "", err);
  }

  /** The lock folder of {@code tmp} holding a link where the lock of {@code out} goes. */
  private static Path folderWithLink(Path tmp, Path out, Path victim) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("tikhonov-locks-"
        + System.getProperty("user.name")));
    Files.createSymbolicLink(folder.resolve(RunLock.lockFile(out).getFileName()), victim);
    return folder;
  }

  /**
   * This user's folder that others may write in (made by an earlier version under a umask of
   * 002, 0775, or by hand) is made owner-only and used: it warned on every run and ran unlocked.
   * A link found where the lock goes is removed, not followed.
   */
  @Test
  void ownLockFolderThatOthersMayWriteIn_isMadeOwnerOnly_andTheFileALinkThereNamesIsNotTouched()
      throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path out = dir.resolve("out");
    Path victim = Files.writeString(dir.resolve("notes.txt"), "a week of notes\n");
    Path folder = folderWithLink(tmp, out, victim);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

    Cli.Result r = path(tmp, data, out);

    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("a week of notes\n", Files.readString(victim));
    assertEquals(List.of(), r.errorLines());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    Path lock = folder.resolve(RunLock.lockFile(out).getFileName());
    assertTrue(Files.isRegularFile(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "the run's own lock file where the link was");
    assertTrue(Files.isRegularFile(out.resolve("path.json")));
  }

  @Test
  void lockFolderOfAnotherUser_isNotUsed_andTheFileALinkThereNamesIsNotTouched()
      throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "giving a folder to another user (nobody) needs root");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Path out = dir.resolve("out");
    Path victim = Files.writeString(dir.resolve("notes.txt"), "a week of notes\n");
    Path folder = folderWithLink(tmp, out, victim);
    Files.setOwner(folder, folder.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName("nobody"));

    Cli.Result r = path(tmp, data, out);

    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("a week of notes\n", Files.readString(victim));
    assertEquals(List.of("tikhonov: warning: " + folder + " belongs to nobody, not to root, so"
        + " this run takes no lock on --out " + out + " (the lock that keeps two runs out of one"
        + " directory); remove that folder, or give Java another temporary directory (TMPDIR)"),
        r.errorLines());
  }

  @Test
  void lockFolderMadeByARun_isOwnerOnly() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
    Cli.Result r = path(tmp, data, dir.resolve("out"));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        tmp.resolve("tikhonov-locks-" + System.getProperty("user.name")))));
  }
}
