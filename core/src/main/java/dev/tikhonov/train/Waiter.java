package dev.tikhonov.train;

import java.util.concurrent.locks.LockSupport;

/**
 * How one thread of the data-parallel step waits for the others (at the step's barriers, at its
 * end, and a worker between steps), one wait at a time: {@link #begin}, then {@link #pause}
 * until what it waits for has happened. A wait that began t ago:
 *
 * <pre>
 *   t &lt; 50 µs      spin (Thread.onSpinWait): the other thread is normally microseconds behind
 *   t &lt; 5 ms       yield the core (Thread.yield, Linux's sched_yield): when no other thread
 *                  wants it, the wait goes on at once
 *   after that,    nap (LockSupport.parkNanos), so an idle step costs the machine nothing;
 *   or sooner      from the first yield that took more than 50 µs: another thread wanted the
 *                  core, so the machine has none to spare
 * </pre>
 *
 * <p>Why: a thread that falls behind has usually lost its core for a moment (to a kernel
 * thread, the JIT's compiler, another process). A partner that spins meanwhile burns a core the
 * late thread or another process could use; a partner that naps lets its core go idle, and
 * waking an idle core is slow and irregular on a virtual machine (on the 2-core host of
 * docs/performance-log.md a 20 µs nap took 110-125 µs, and a parked thread ran 70 µs after its
 * unpark, at worst 2-4 ms; bench/scratch/Wakeups.java). A
 * yield gives the core away only to a thread that wants it. When more threads want the cores
 * than there are, though, each yield hands the core to another process for a whole time slice,
 * while a thread that wakes from a nap is scheduled ahead of the busy ones; so a slow yield ends
 * the yielding.
 *
 * <p>Measured against the step's earlier waiting (spin 0.5 ms, then nap; still
 * {@code -Dtikhonov.step.wait=spin}), one jar, interleaved (docs/performance-log.md, "Issue 13,
 * ninth session"): epochs of a 16-input MLP 29-36 % shorter, of the 784-256-128-10 MLP 1-3 %
 * shorter on the quiet machine and 2.2-2.3× shorter beside one busy process; beside two (more
 * runnable threads than cores) 1.0-1.8× longer, which is the price.
 *
 * <p>Not thread-safe: each thread has its own.
 */
final class Waiter {
  /** How long a wait spins before it yields (or, not yielding, naps). */
  static final long SPIN_NANOS = 50_000L;
  /** How long a wait yields before it naps. */
  static final long YIELD_NANOS = 5_000_000L;
  /** A yield longer than this gave the core to another thread: the wait naps from then on. */
  static final long SLOW_YIELD_NANOS = 50_000L;
  /** With {@code -Dtikhonov.step.wait=spin}: how long a wait spins before it naps. */
  static final long SPIN_ONLY_NANOS = 500_000L;
  /** One nap: about 0.1 ms once the kernel's timer slack is added. */
  static final long NAP_NANOS = 20_000L;

  private final boolean yields;
  private long since;
  private boolean napping;

  private Waiter(boolean yields) {
    this.yields = yields;
  }

  /** A waiter as the switch {@code tikhonov.step.wait} says: yield (unset), or spin. */
  static Waiter fromSwitch() {
    return new Waiter(!"spin".equals(System.getProperty("tikhonov.step.wait")));
  }

  /** A wait begins now. */
  void begin() {
    since = System.nanoTime();
    napping = false;
  }

  /**
   * One round of the wait short of a nap: a spin or a yield; false once the wait should nap,
   * which the caller does its own way.
   */
  boolean spinOrYield() {
    if (napping) {
      return false;
    }
    long now = System.nanoTime();
    long waited = now - since;
    if (waited < (yields ? SPIN_NANOS : SPIN_ONLY_NANOS)) {
      Thread.onSpinWait();
      return true;
    }
    if (!yields || waited >= YIELD_NANOS) {
      napping = true;
      return false;
    }
    Thread.yield();
    napping = System.nanoTime() - now > SLOW_YIELD_NANOS;
    return true;
  }

  /** One round of the wait: a spin, a yield or a nap. */
  void pause() {
    if (!spinOrYield()) {
      LockSupport.parkNanos(NAP_NANOS);
    }
  }
}
