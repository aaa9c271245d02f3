package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * redteam45b: Blas.run is public and takes any Runnable; a withThreads (or setThreads) at
 * another count inside it waits for its own thread's call to end (awaitTurn: free(n) is false
 * while the outer call is in flight at another count), so it never returns. The javadoc asks to
 * keep the call to native calls, but nothing says so at run time: a silent hang, not an
 * exception, and every later OpenBLAS call of the JVM waits behind it (jstack: main in
 * Blas.awaitTurn:234). The thread is a daemon and is looked at after a join; the wait is a
 * hang guard, not a speed claim. Fixed: such a call throws IllegalStateException (it hung
 * before).
 */
class RedTeam45bBlasNestingTest {
  // No @AfterEach Blas.setThreads: after the hang it waits behind the unserved ticket too (it
  // did, in the run that showed the hang), and the test changes no count on its own thread.

  @Test
  void withThreadsAtAnotherCountInsideRun_returnsOrThrows() throws Exception {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        Blas.withThreads(2, () -> {
          Blas.run(() -> Blas.withThreads(1, () -> 1));
          return null;
        });
        outcome.set("returned");
      } catch (RuntimeException e) {
        outcome.set(e);
      }
    });
    t.setDaemon(true);
    t.start();
    t.join(60_000);
    boolean hung = t.isAlive();
    // a hang leaves a ticket unserved: every later OpenBLAS call in this JVM waits behind it
    assertFalse(hung, "Blas.run(() -> Blas.withThreads(1, …)) at 2 threads never returned");
    // fixed: it throws, naming the two counts, and leaves no ticket or override behind
    assertTrue(outcome.get() instanceof IllegalStateException e
        && e.getMessage().contains("from 2 to 1"), String.valueOf(outcome.get()));
    assertEquals(7, Blas.withThreads(1, () -> {
      Blas.run(() -> { });
      return 7;
    }));
  }
}
