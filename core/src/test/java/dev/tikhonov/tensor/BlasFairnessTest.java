package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS's worker count is process-wide, so {@link Blas#run} lets a call in only while no
 * call at another count is in flight. Two threads at count 2 whose calls overlap, one entering
 * before the other leaves, never let that number reach 0: a thread wanting count 1 waited for
 * as long as they went on. Now, once it waits, new calls at count 2 wait behind it.
 *
 * <p>The calls here are plain Java (no product): what is tested is who gets in. The timeouts
 * only break a hang; no assertion is about time.
 */
class BlasFairnessTest {
  /** How many count-2 calls the relay makes at most: the starved thread gets in after them. */
  private static final int CAP = 300;

  /**
   * A relay at count 2 (each call waits, inside, until the other thread has entered after it
   * or waits to enter) and a lane's call at count 1 that starts while it runs: at most a
   * couple of count-2 calls end while the count-1 call waits (before: the relay's CAP, when it
   * stopped by itself).
   */
  @Test
  void aCallAtAnotherCount_getsInAfterAFewCalls_whileOthersOverlap() {
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      AtomicInteger entries = new AtomicInteger();
      AtomicInteger whileWaiting = new AtomicInteger();
      AtomicBoolean done = new AtomicBoolean();
      Thread single = new Thread(() -> Blas.inLane(() -> {
        Blas.run(() -> done.set(true));
        return null;
      }), "count-1");
      Thread[] relay = new Thread[2];
      for (int t = 0; t < 2; t++) {
        int self = t;
        relay[t] = new Thread(() -> Blas.withThreads(2, () -> {
          while (!done.get() && whileWaiting.get() < CAP) {
            Blas.run(() -> {
              int mine = entries.incrementAndGet();
              Thread partner = relay[1 - self];
              while (entries.get() == mine && partner.getState() != Thread.State.WAITING
                  && partner.isAlive()) {
                Thread.onSpinWait();
              }
              if (single.getState() == Thread.State.WAITING) {
                whileWaiting.incrementAndGet();
              }
            });
          }
          return null;
        }), "relay-" + t);
      }
      relay[0].start();
      relay[1].start();
      while (entries.get() < 4) {
        Thread.onSpinWait();
      }
      single.start();
      single.join();
      relay[0].join();
      relay[1].join();
      assertTrue(done.get());
      assertTrue(whileWaiting.get() <= 3, "count-2 calls that ended while the count-1 call"
          + " waited: " + whileWaiting.get() + " (the relay stops at " + CAP + ")");
    });
  }

  /**
   * A call nested in a call on one thread (a run in a run, an SGEMM in a run) does not wait
   * behind a thread queued for another count: that thread waits for the outer call, which
   * would wait for it.
   */
  @Test
  void nestedCalls_doNotWaitBehindAQueuedCount() {
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      Matrix a = TestMatrices.gaussian(64, 64, new Rng(3));
      Matrix out = Matrix.zeros(64, 64);
      AtomicBoolean queued = new AtomicBoolean();
      int[] inner = new int[1];
      Thread[] single = new Thread[1];
      single[0] = new Thread(() -> Blas.inLane(() -> {
        Blas.run(() -> { });
        return null;
      }), "count-1");
      Thread outer = new Thread(() -> Blas.withThreads(2, () -> {
        Blas.run(() -> {
          single[0].start();
          while (single[0].getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
          }
          queued.set(true);
          Blas.run(() -> inner[0]++);
          inner[0] += Blas.call(() -> 1);
          Blas.gemm(Transpose.NO, Transpose.NO, 1f, a, a, 0f, out);
        });
        return null;
      }), "count-2");
      outer.start();
      outer.join();
      single[0].join();
      assertTrue(queued.get());
      assertEquals(2, inner[0], "the nested run and call");
      assertEquals(expected(a, 5, 7), out.get(5, 7), 1e-3);
    });
  }

  private static double expected(Matrix a, int i, int j) {
    double s = 0;
    for (int t = 0; t < a.cols(); t++) {
      s += (double) a.get(i, t) * a.get(t, j);
    }
    return s;
  }
}
