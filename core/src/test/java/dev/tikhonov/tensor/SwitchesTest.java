package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A misspelt measurement switch is named with the values it takes; valid values pass. Only
 * values that leave the library's behaviour at its default are set here (the switches are read
 * once, when their classes load, and other tests share this JVM).
 */
class SwitchesTest {
  private static List<String> problemsWith(String property, String value) {
    String saved = System.getProperty(property);
    System.setProperty(property, value);
    try {
      return Switches.problems();
    } finally {
      if (saved == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, saved);
      }
    }
  }

  @Test
  void misspeltValue_isNamedWithTheValuesItTakes() {
    List<String> problems = problemsWith("tikhonov.sgemm", "OpenBLAS");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(
        "system property tikhonov.sgemm=OpenBLAS: expected onednn or openblas ("),
        problems.get(0));
    String profile = problemsWith("tikhonov.profile", "yes").get(0);
    assertTrue(profile.startsWith(
        "system property tikhonov.profile=yes: expected false, true or cpu ("), profile);
  }

  @Test
  void defaultValues_areNoProblem() {
    for (Switches.Switch s : Switches.ALL) {
      assertEquals(List.of(), problemsWith(s.property(), s.values().get(0)), s.property());
    }
  }
}
