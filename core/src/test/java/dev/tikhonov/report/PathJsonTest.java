package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PathJson} says of a path.json edited by hand. */
class PathJsonTest {

  /**
   * An array that is there with another type is named with what it is: "missing array" sent the
   * user looking for a key that was in the file.
   */
  /**
   * A family that is not one of the four, a "cv" or "ic" that is not an object, and feature
   * names of another count than the coefficients are refused naming the key: the family was
   * drawn as gaussian, an array "cv" said `missing array "mean"`, an "ic" of another type was
   * dropped, and two names for three coefficients were padded with x2.
   */
  @Test
  void read_aKeyOfTheWrongKindOrCount_isRefusedNamingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("path.json");
    String path = "{\"lambda\": [1], \"coef\": [[1, 2, 3]], ";
    String[][] cases = {
        {"\"family\": 3}", "\"family\" must be one of gaussian, binomial, multinomial,"
            + " poisson, found number"},
        {"\"family\": \"gausian\"}", "\"family\" must be one of gaussian, binomial,"
            + " multinomial, poisson, found \"gausian\""},
        {"\"cv\": [1, 2]}", "\"cv\" must be an object (the cross-validation over λ), found"
            + " array"},
        {"\"ic\": \"x\"}", "\"ic\" must be an object (the information criteria per λ), found"
            + " string"},
        {"\"feature_names\": [\"a\", \"b\"]}", "\"feature_names\" holds 2 names, but"
            + " \"coef\" holds 3 coefficients per λ; give one name per coefficient"},
        {"\"feature_names\": \"a\"}", "\"feature_names\" must be an array of names, found"
            + " string"}};
    for (String[] c : cases) {
      Files.writeString(file, path + c[0]);
      assertEquals(file + ": " + c[1],
          assertThrows(InputException.class, () -> PathData.read(file)).getMessage(), c[0]);
    }
    Files.writeString(file, path + "\"family\": \"poisson\", \"feature_names\": [\"a\","
        + " \"b\", \"c\"], \"ic\": null}");
    PathData read = PathData.read(file);
    assertEquals("poisson", read.family());
    assertEquals(List.of("a", "b", "c"), read.featureNames());
  }

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
