package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The progress bars' colours follow the environment: off with NO_COLOR and on a terminal that
 * takes no escape codes (TERM=dumb, where {@code ^[[33m} showed as text before each bar).
 */
class ProgressColoursTest {
  @Test
  void colours_offWithNoColorOrADumbTerminal_onOtherwise() {
    assertEquals(true, Progress.colours(Map.of("TERM", "xterm-256color")));
    assertEquals(true, Progress.colours(Map.of()));
    assertEquals(false, Progress.colours(Map.of("TERM", "dumb")));
    assertEquals(false, Progress.colours(Map.of("TERM", "xterm", "NO_COLOR", "1")));
  }
}
