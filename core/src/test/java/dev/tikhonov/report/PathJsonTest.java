package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PathJson} says of a path.json edited by hand. */
class PathJsonTest {

  /**
   * An array that is there with another type is named with what it is: "missing array" sent the
   * user looking for a key that was in the file.
   */
  @Test
  void read_anArrayOfAnotherType_isNamedWithTheTypeFound_notAsMissing(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("path.json");
    Files.writeString(file, "{\"lambda\": \"0.1\", \"coef\": [[1]]}");
    assertEquals(file + ": \"lambda\" must be an array of numbers, found string",
        assertThrows(InputException.class, () -> PathData.read(file)).getMessage());
    Files.writeString(file, "{\"lambda\": [1], \"coef\": [[1]], \"cv\": {\"mean\": null}}");
    assertEquals(file + ": cv: \"mean\" must be an array of numbers, found null",
        assertThrows(InputException.class, () -> PathData.read(file)).getMessage());
    Files.writeString(file, "{\"coef\": [[1]]}");
    assertEquals(file + ": missing array \"lambda\"",
        assertThrows(InputException.class, () -> PathData.read(file)).getMessage());
  }
}
