package dev.tikhonov.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A task's result, its runtime exceptions as they are, a checked one wrapped. */
class TasksTest {
  @Test
  void call_returnsTheResult_rethrowsRuntimeExceptions_wrapsCheckedOnes() {
    assertEquals(7, Tasks.call(() -> 7));
    IllegalArgumentException bad = new IllegalArgumentException("bad fold");
    assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Tasks.call(() -> {
      throw bad;
    })));
    IOException io = new IOException("disk");
    IllegalStateException wrapped = assertThrows(IllegalStateException.class,
        () -> Tasks.call(() -> {
          throw io;
        }));
    assertSame(io, wrapped.getCause());
  }
}
