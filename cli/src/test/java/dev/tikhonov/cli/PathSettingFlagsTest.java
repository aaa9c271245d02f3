package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * path names the flag of the input that the library found wrong (--weights, --offset, the
 * adaptive lasso's flags) from the setting the library's exception carries, not from the start
 * of its message: "weightColumn and offsetColumn name the same column" used to come out half
 * translated, as "--weights and offsetColumn name the same column".
 */
class PathSettingFlagsTest {
  @TempDir static Path dir;
  static String csv;
  static String classes;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder s = new StringBuilder("a,b,w,off,y\n");
    StringBuilder c = new StringBuilder("a,b,off,y\n");
    for (int i = 0; i < 40; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      s.append(a).append(',').append(b).append(',').append(i == 3 ? -2 : 1).append(',')
          .append(0.1).append(',').append(2 * a - b).append('\n');
      c.append(a).append(',').append(b).append(",0,").append(new String[] {"x", "y", "z"}[i % 3])
          .append('\n');
    }
    csv = Files.writeString(dir.resolve("d.csv"), s).toString();
    classes = Files.writeString(dir.resolve("c.csv"), c).toString();
  }

  private static String error(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    return r.err();
  }

  @Test
  void coreInputProblems_nameTheFlagTyped() {
    String same = error("path", "--data", csv, "--target", "y", "--weights", "w", "--offset",
        "w", "--out", dir.resolve("o1").toString());
    assertEquals("tikhonov: error: --offset \"w\": the weight column cannot also be the offset"
        + " column", same);
    String row = error("path", "--data", csv, "--target", "y", "--weights", "w", "--out",
        dir.resolve("o2").toString());
    assertEquals("tikhonov: error: " + csv + ":5:3 (column \"w\"): weight -2.0; --weights must"
        + " be finite and ≥ 0", row);
    String missing = error("path", "--data", csv, "--target", "y", "--offset", "exposure",
        "--out", dir.resolve("o3").toString());
    assertTrue(missing.startsWith("tikhonov: error: --offset \"exposure\": " + csv
        + " has no such column"), missing);
    String multinomial = error("path", "--data", classes, "--target", "y", "--family",
        "multinomial", "--offset", "off", "--out", dir.resolve("o4").toString());
    assertEquals("tikhonov: error: --offset: the multinomial family takes no offset (it would"
        + " need one per class)", multinomial);
    String pilot = error("path", "--data", classes, "--target", "y", "--family",
        "multinomial", "--adaptive", "--adaptive-pilot", "ols", "--ignore-columns", "off",
        "--out", dir.resolve("o5").toString());
    assertTrue(pilot.startsWith("tikhonov: error: --adaptive-pilot ols: the unpenalized"
        + " multinomial fit is not unique"), pilot);
    for (String message : new String[] {same, row, missing, multinomial, pilot}) {
      assertFalse(message.matches(".*\\b(weightColumn|offsetColumn|adaptivePilot|offsets)\\b.*"),
          "no Java setting names: " + message);
    }
  }
}
