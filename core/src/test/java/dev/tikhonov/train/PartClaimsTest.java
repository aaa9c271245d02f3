package dev.tikhonov.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class PartClaimsTest {
  /** One thread alone: its own parts from the front, then the others' from their backs. */
  @Test
  void aLoneThread_takesItsOwnPartsInOrder_thenTheOthersFromTheirBacks() {
    PartClaims claims = new PartClaims(2, 3, 2);
    claims.reset();
    List<Integer> taken = new ArrayList<>();
    for (int k = claims.next(1, 1); k >= 0; k = claims.next(1, 1)) {
      taken.add(k);
    }
    assertEquals(List.of(2, 3, 5, 4, 1, 0), taken);
    assertEquals(0, claims.next(0, 0), "another phase is untouched");
    claims.reset();
    assertEquals(2, claims.next(1, 1), "reset gives every range back");
  }

  /** One part per thread: a thread runs its own part only, never another thread's. */
  @Test
  void onePartPerThread_takesNoOtherThreadsPart() {
    PartClaims claims = new PartClaims(1, 2, 1);
    claims.reset();
    assertEquals(1, claims.next(0, 1));
    assertEquals(-1, claims.next(0, 1));
    assertEquals(0, claims.next(0, 0));
  }

  /**
   * Threads claiming at once, many steps: every part of every step is run exactly once, and
   * each thread's own parts, when it runs them, in order.
   */
  @Test
  void threadsClaimingAtOnce_runEveryPartExactlyOnce() throws Exception {
    int threads = 3;
    int perThread = 4;
    int steps = 2000;
    PartClaims claims = new PartClaims(1, threads, perThread);
    int[][] runs = new int[steps][threads * perThread];
    boolean[] ordered = {true, true, true};
    CyclicBarrier meet = new CyclicBarrier(threads, claims::reset);
    claims.reset();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int me = t;
      Thread w = new Thread(() -> {
        try {
          for (int s = 0; s < steps; s++) {
            int lastOwn = -1;
            for (int k = claims.next(0, me); k >= 0; k = claims.next(0, me)) {
              synchronized (runs) {
                runs[s][k]++;
              }
              if (k / perThread == me) {
                ordered[me] &= k > lastOwn;
                lastOwn = k;
              }
            }
            meet.await();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      started.add(w);
      w.start();
    }
    for (Thread w : started) {
      w.join();
    }
    for (int s = 0; s < steps; s++) {
      for (int k = 0; k < threads * perThread; k++) {
        assertEquals(1, runs[s][k], "step " + s + ", part " + k);
      }
    }
    for (boolean o : ordered) {
      assertTrue(o, "own parts in order");
    }
  }
}
