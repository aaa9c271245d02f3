package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the operating system refuses to open for reading is "FILE: cannot read: permission
 * denied", whether it is given as data, model, checkpoint or fold ids; it used to be "FILE: cannot
 * read: FILE" (an AccessDeniedException's message is only the file name).
 *
 * <p>Tests run as root, which reads a file of mode 000. A write-only sysfs attribute
 * ({@code /sys/bus/…/drivers_probe}, mode 0200) is refused with EACCES even to root, so the
 * real AccessDeniedException of a real open goes through the commands; without such a file
 * (not Linux) the tests are skipped.
 */
class UnreadableFileTest {
  @TempDir static Path dir;
  private static Path data;

  @BeforeAll
  static void data() throws IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 20; i++) {
      csv.append(i).append(',').append(i % 3).append(',').append(0.5 * i).append('\n');
    }
    data = Files.writeString(dir.resolve("d.csv"), csv);
  }

  /** A file that exists but that open(O_RDONLY) refuses with EACCES, even to root. */
  private static Path unreadable() throws IOException {
    Path bus = Path.of("/sys/bus");
    assumeTrue(Files.isDirectory(bus), "no /sys/bus");
    try (Stream<Path> buses = Files.list(bus)) {
      Path file = buses.map(b -> b.resolve("drivers_probe")).filter(Files::exists)
          .filter(f -> {
            try (var in = Files.newInputStream(f)) {
              return false;
            } catch (java.nio.file.AccessDeniedException e) {
              return true;
            } catch (IOException e) {
              return false;
            }
          }).findFirst().orElse(null);
      assumeTrue(file != null, "no write-only sysfs attribute");
      return file;
    }
  }

  private static void assertDenied(Path file, InProcess r) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(file + ": cannot read: permission denied", r.message());
  }

  @Test
  void predict_whenModelUnreadable_saysPermissionDenied() throws IOException {
    Path file = unreadable();
    assertDenied(file, InProcess.run("predict", "--model", file.toString(), "--data",
        data.toString(), "--out", dir.resolve("p.csv").toString()));
  }

  @Test
  void train_whenDataUnreadable_saysPermissionDenied() throws IOException {
    Path file = unreadable();
    assertDenied(file, InProcess.run("train", "--data", file.toString(), "--target", "y",
        "--model", "linear", "--quiet", "--out", dir.resolve("t").toString()));
  }

  @Test
  void trainResume_whenCheckpointUnreadable_saysPermissionDenied() throws IOException {
    Path file = unreadable();
    assertDenied(file, InProcess.run("train", "--resume", file.toString()));
  }

  @Test
  void path_whenFoldIdsUnreadable_saysPermissionDenied() throws IOException {
    Path file = unreadable();
    assertDenied(file, InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--foldid", file.toString(), "--quiet", "--out", dir.resolve("p").toString()));
  }
}
