package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.InputException;
import org.junit.jupiter.api.Test;

/** {@link Flags#translate}: settings' messages in terms of flags, bad input as it is. */
class FlagsTest {
  @Test
  void translate_namesTheFlagOfAnInvalidSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Flags.translate(() -> {
          throw new IllegalArgumentException("lambda must be a finite number >= 0, got -1.0");
        }));
    assertEquals("--lambda must be a finite number >= 0, got -1.0", e.getMessage());
  }

  /**
   * InputException is an IllegalArgumentException, but translate passes it through untouched
   * (the same object, so still an InputException for the callers that catch one), as it did
   * when it was not one.
   */
  @Test
  void translate_passesAnInputExceptionThroughUnchanged() {
    InputException bad = new InputException("lambdas must be given here: …");
    InputException e = assertThrows(InputException.class, () -> Flags.translate(() -> {
      throw bad;
    }));
    assertSame(bad, e);
  }

  /** A column name a shell would split or expand is quoted so that the hint can be pasted. */
  @Test
  void shellWord_quotesWhatAShellWouldSplit() {
    assertEquals("id", Flags.shellWord("id"));
    assertEquals("'my id'", Flags.shellWord("my id"));
    assertEquals("'it'\\''s'", Flags.shellWord("it's"));
    assertEquals("'$HOME'", Flags.shellWord("$HOME"));
    assertEquals("'é'", Flags.shellWord("é"));
  }
}
