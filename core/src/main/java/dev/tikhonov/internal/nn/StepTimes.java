package dev.tikhonov.internal.nn;

import java.util.Locale;

/**
 * Where a data-parallel training step's time goes, per thread and phase, for measurement only:
 * on with the system property {@code -Dtikhonov.profile=true} (wall-clock nanoseconds) or
 * {@code -Dtikhonov.profile=cpu} (the thread's CPU time, which on a machine shared with other
 * work leaves out the time a thread waited for a core; spinning at a barrier still counts),
 * otherwise every call is a constant-false branch the JIT removes. The data-parallel step ({@link BatchParts} and the
 * trainer's step) adds the nanoseconds each thread spends in each {@link Phase}; the trainer
 * prints and clears them at each epoch's end (docs/performance-log.md, "Where an epoch goes").
 *
 * <p>Thread-safety: thread t writes only its own row of counters; {@link #report} reads them
 * after the threads have met (the epoch's end), so it sees every write.
 */
public final class StepTimes {
  /** Whether timing is on ({@code -Dtikhonov.profile=true}). */
  public static final boolean ON = "true".equals(System.getProperty("tikhonov.profile"))
      || "cpu".equals(System.getProperty("tikhonov.profile"));

  private static final java.lang.management.ThreadMXBean CPU =
      "cpu".equals(System.getProperty("tikhonov.profile"))
          ? java.lang.management.ManagementFactory.getThreadMXBean() : null;

  /** The phases of one step, per thread. Thread-safe, as enum constants are. */
  public enum Phase {
    /** Copying the part's rows of the features and targets into the batch buffers. */
    GATHER,
    /** The forward products a·W. */
    FORWARD_GEMM,
    /** Bias (+ ReLU), dropout and ReLU passes of the forward pass. */
    FORWARD_ELEMENTWISE,
    /** Softmax cross-entropy and its gradient, scaled by the part's share. */
    LOSS,
    /** ReLU masks, bias column sums and dropout masks of the backward pass. */
    BACKWARD_ELEMENTWISE,
    /** The input-gradient products g·Wᵀ. */
    BACKWARD_GEMM,
    /** Waiting at the barrier for the other parts. */
    BARRIER,
    /** The weight-gradient products aᵀ·g (the thread's row block). */
    WEIGHT_GEMM,
    /** The optimizer's step on the thread's row block. */
    OPTIMIZER,
    /** The main thread waiting for the workers at the step's end. */
    END_WAIT,
    /** Everything else the main thread does per step (hand-off, loss sum, bookkeeping). */
    OTHER
  }

  private static final int MAX_THREADS = 16;
  private static final long[][] NANOS = new long[MAX_THREADS][];
  private static final long[] STEPS = new long[1];

  static {
    for (int t = 0; t < MAX_THREADS; t++) {
      // 8 spare slots each side: the rows are written by different threads
      NANOS[t] = new long[Phase.values().length + 16];
    }
  }

  private StepTimes() {}

  /** The current time in nanoseconds when timing is on, else 0. */
  public static long now() {
    return ON ? clock() : 0;
  }

  /**
   * Adds the time since {@code since} to thread {@code thread}'s {@code phase}; returns the
   * current time (the start of the next phase), or 0 when timing is off.
   */
  public static long add(int thread, Phase phase, long since) {
    if (!ON || thread >= MAX_THREADS) {
      return 0;
    }
    long now = clock();
    NANOS[thread][8 + phase.ordinal()] += now - since;
    return now;
  }

  private static long clock() {
    return CPU != null ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
  }

  /** Counts one step (the main thread). */
  public static void countStep() {
    if (ON) {
      STEPS[0]++;
    }
  }

  /**
   * One line per thread of milliseconds per phase since the last report, plus the steps
   * counted; clears the counters. Empty when timing is off.
   */
  public static String report(int threads) {
    if (!ON) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "step %s times (ms, %d steps):",
        CPU != null ? "CPU" : "wall", STEPS[0]));
    for (int t = 0; t < Math.min(threads, MAX_THREADS); t++) {
      s.append(String.format(Locale.ROOT, "%n  thread %d:", t));
      long total = 0;
      for (Phase p : Phase.values()) {
        long ns = NANOS[t][8 + p.ordinal()];
        total += ns;
        s.append(String.format(Locale.ROOT, " %s %.1f", p.name().toLowerCase(Locale.ROOT),
            ns / 1e6));
        NANOS[t][8 + p.ordinal()] = 0;
      }
      s.append(String.format(Locale.ROOT, " | total %.1f", total / 1e6));
    }
    STEPS[0] = 0;
    return s.toString();
  }
}
