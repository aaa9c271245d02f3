package dev.tikhonov.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a folder, for the tests of a disk that fills up ("No space left on
 * device"): {@code try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), "100k")) {…}}
 * unmounts it at the end, whatever the test did. Mounting needs root, as the tests run here
 * and in CI; elsewhere the test is skipped (a JUnit assumption), never passed unrun. The tests
 * of RidgeFullDiskTest and StoppedBeforeSaveTest each mounted and unmounted one the same way.
 */
final class SmallDisk implements AutoCloseable {
  private final Path dir;

  private SmallDisk(Path dir) {
    this.dir = dir;
  }

  /**
   * Mounts a tmpfs of {@code size} (mount's {@code size=} option: "64k", "1m") on {@code dir},
   * made first if need be; skips the test when it cannot be mounted.
   */
  static SmallDisk mount(Path dir, String size) throws Exception {
    Files.createDirectories(dir);
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs",
        dir.toString()), "needs root to mount a tmpfs");
    return new SmallDisk(dir);
  }

  /** The folder the tmpfs is mounted on. */
  Path dir() {
    return dir;
  }

  /**
   * Fills the disk with a file "filler" until a write fails for want of space, so that the
   * next file written there fails at once; fails the test if 64 MiB fit.
   */
  void fill() throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream o = Files.newOutputStream(dir.resolve("filler"))) {
      for (int i = 0; i < (64 << 20) / block.length; i++) {
        o.write(block);
        o.flush();
      }
    } catch (IOException full) {
      return; // "No space left on device", at a write or at the close
    }
    throw new AssertionError(dir + ": 64 MiB written and not full: not the small disk mounted");
  }

  /**
   * Fills the disk with a file "filler" until exactly {@code bytes} are left free (a multiple of
   * the page, 4096 bytes, which a tmpfs counts its files in); fails the test if fewer are free.
   */
  void leave(long bytes) throws IOException {
    long free = Files.getFileStore(dir).getUsableSpace();
    if (free < bytes || bytes % 4096 != 0) {
      throw new AssertionError(dir + ": " + free + " bytes free, cannot leave " + bytes);
    }
    try (OutputStream o = Files.newOutputStream(dir.resolve("filler"))) {
      o.write(new byte[Math.toIntExact(free - bytes)]);
    }
    long left = Files.getFileStore(dir).getUsableSpace();
    if (left != bytes) {
      throw new AssertionError(dir + ": " + left + " bytes left free, not " + bytes);
    }
  }

  @Override
  public void close() throws Exception {
    run("umount", dir.toString());
  }

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
