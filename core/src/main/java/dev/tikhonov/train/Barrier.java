package dev.tikhonov.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for T parties, each of which waits its own way ({@link Waiter}: spins, as
 * the other thread is normally a few microseconds behind, then yields its core, then naps, so a
 * busy machine is not made busier).
 */
final class Barrier {
  /**
   * Thrown by {@link #await} when another party broke the barrier because it failed: never
   * the cause to report, only a sign that another thread holds it.
   */
  static final class Broken extends IllegalStateException {
    Broken() {
      super("another thread of the training step failed");
    }
  }

  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile int generation;
  private volatile boolean broken;

  Barrier(int parties) {
    this.parties = parties;
  }

  /** Only while no party waits (between steps). */
  void reset() {
    broken = false;
    arrived.set(0);
  }

  void breakBarrier() {
    broken = true;
  }

  /** Waits, as {@code waiter} says, until every party has arrived. */
  void await(Waiter waiter) {
    int gen = generation;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      generation = gen + 1;
      return;
    }
    waiter.begin();
    while (generation == gen) {
      if (broken) {
        throw new Broken();
      }
      waiter.pause();
    }
  }
}
