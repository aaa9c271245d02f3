package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A memory shortage the core names with the JVM option -Xmx<size> is shown to a tikhonov user
 * with the way the command takes it, TIKHONOV_JAVA_OPTS (docs/bad-input.md): -Xmx alone sent
 * users looking for where a java command line would go. Other messages keep their text.
 */
class MemoryAdviceTest {
  private static String report(Throwable ex) {
    StringWriter text = new StringWriter();
    try (PrintWriter err = new PrintWriter(text)) {
      assertEquals(2, Main.report(ex, err));
    }
    return text.toString().strip();
  }

  @Test
  void shortageNamingXmx_namesTikhonovJavaOpts() {
    String core = "a mini-batch of 1024 rows through a layer of 128 units needs 524.3 kB of direct"
        + " memory for one activation buffer, but 83.3 kB are available (limit 35.7 MB, 35.6 MB"
        + " in use); the memory was nearly all taken before this small buffer, so a smaller"
        + " batch would not help: give the JVM more memory (-Xmx<size>, which also sets the"
        + " direct-memory limit unless -XX:MaxDirectMemorySize does)";
    String line = report(new InputException(core, new OutOfMemoryError("Cannot reserve")));
    assertTrue(line.contains("give the JVM more memory (TIKHONOV_JAVA_OPTS=-Xmx<size>, e.g."
        + " -Xmx8g, which also sets"), line);
    assertFalse(line.contains("smaller batch or"), line);
    assertEquals(1, line.lines().count(), line);
  }

  @Test
  void otherInputErrors_keepTheirText() {
    assertEquals("tikhonov: error: -Xmx<size> in a CSV cell",
        report(new InputException("-Xmx<size> in a CSV cell")));
  }
}
