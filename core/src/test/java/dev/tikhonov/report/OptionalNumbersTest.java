package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run file's optional number that is there but not a number is refused naming the file, the
 * row and the field (it named the field alone), and one that is absent or null reads as NaN.
 */
class OptionalNumbersTest {
  @TempDir Path dir;

  private static void assertNames(InputException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void mnistL2Results_optionalNumberNotANumber_namesFileRowAndField() throws IOException {
    Path file = dir.resolve("results.json");
    Files.writeString(file, "[{\"lambda\": 0.1, \"test_accuracy_mean\": 0.9,"
        + " \"test_loss_mean\": 0.3},"
        + " {\"lambda\": 0.2, \"dropout\": \"x\", \"test_accuracy_mean\": 0.9,"
        + " \"test_loss_mean\": 0.3}]");
    InputException e = assertThrows(InputException.class, () -> LambdaRow.read(file));
    assertNames(e, file.toString(), "row 2", "\"dropout\"");
    Files.writeString(file, "[{\"lambda\": 0.1, \"dropout\": null, \"test_accuracy_mean\": 0.9,"
        + " \"test_loss_mean\": 0.3}]");
    assertEquals(0, LambdaRow.read(file).get(0).dropout(), "null reads as absent: no dropout");
  }

  @Test
  void historyJson_optionalNumberNotANumber_namesFileRowAndField() throws IOException {
    Path file = dir.resolve("history.json");
    Files.writeString(file, "[{\"epoch\": 1, \"train_loss\": 0.5, \"val_loss\": [1]}]");
    InputException e = assertThrows(InputException.class, () -> EpochRow.readJson(file));
    assertNames(e, file.toString(), "row 1", "\"val_loss\"");
  }
}
