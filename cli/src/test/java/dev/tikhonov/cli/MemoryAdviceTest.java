package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.MemoryShortageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * A memory shortage the core names with the JVM option -Xmx<size> is shown to a tikhonov user
 * with the way the command takes it, TIKHONOV_JAVA_OPTS (docs/bad-input.md): -Xmx alone sent
 * users looking for where a java command line would go. The CLI words it from the core's typed
 * {@link MemoryShortageException}, not from its text: other messages keep theirs, even one that
 * names -Xmx<size> with an out-of-memory cause.
 */
class MemoryAdviceTest {
  private static final String PROBLEM = "a mini-batch of 1024 rows through a layer of 128 units"
      + " needs 524.3 kB of direct memory for one activation buffer, but 83.3 kB are available"
      + " (limit 35.7 MB, 35.6 MB in use)";

  private static String report(Throwable ex) {
    StringWriter text = new StringWriter();
    try (PrintWriter err = new PrintWriter(text)) {
      assertEquals(2, Main.report(ex, err));
    }
    return text.toString().strip();
  }

  @Test
  void shortageNeedingMoreMemory_namesTikhonovJavaOpts() {
    MemoryShortageException e = new MemoryShortageException(PROBLEM,
        MemoryShortageException.Relief.MORE_JVM_MEMORY, new OutOfMemoryError("Cannot reserve"));
    // the library's message names the JVM's option
    assertTrue(e.getMessage().contains("give the JVM more memory (-Xmx<size>, which also sets"),
        e.getMessage());
    String line = report(e);
    assertEquals("tikhonov: error: " + PROBLEM + "; the memory was nearly all taken before this"
        + " small buffer, so a smaller batch would not help: give the JVM more memory"
        + " (TIKHONOV_JAVA_OPTS=-Xmx<size>, e.g. -Xmx8g, which also sets the direct-memory limit"
        + " unless -XX:MaxDirectMemorySize does)", line);
  }

  @Test
  void shortageOfLargeBuffers_saysUseSmallerOnes() {
    String line = report(new MemoryShortageException(PROBLEM,
        MemoryShortageException.Relief.SMALLER_BUFFERS, new OutOfMemoryError("Cannot reserve")));
    assertEquals("tikhonov: error: " + PROBLEM + "; use a smaller batch or narrower layers",
        line);
  }

  @Test
  void otherInputErrors_keepTheirText() {
    assertEquals("tikhonov: error: -Xmx<size> in a CSV cell",
        report(new InputException("-Xmx<size> in a CSV cell")));
    assertEquals("tikhonov: error: -Xmx<size> in a CSV cell",
        report(new InputException("-Xmx<size> in a CSV cell", new OutOfMemoryError())));
  }
}
