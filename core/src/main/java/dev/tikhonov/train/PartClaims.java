package dev.tikhonov.train;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which thread runs which part of a data-parallel step's phase, when each of T threads starts
 * with c parts of its own ({@link ParallelStep}): thread t takes the parts of its range
 * [c·t, c·(t + 1)) from the front, in order, then what is left of the other threads' ranges from
 * their backs, so a thread that runs late (a core shared with other work) has its last parts
 * taken by a thread that has finished its own. With c = 1 each thread runs its own part only
 * (its part's rows of W₀ stay in its cache from step to step). Which thread runs a part never
 * changes what the part computes: the results are the same bits however the parts were shared
 * out.
 *
 * <p>Thread-safety: {@link #next} may be called by every thread at once (each range's front and
 * back are one atomic word); {@link #reset} only while no thread calls {@link #next}, before the
 * step is handed to the threads.
 */
final class PartClaims {
  /** Longs between two ranges' words: each on its own cache line (128 bytes). */
  private static final int STRIDE = 16;

  private final int threads;
  private final int perThread;
  private final int phases;
  /** Range (phase, t): front in the high 32 bits, back (exclusive) in the low 32 bits. */
  private final AtomicLongArray ranges;

  PartClaims(int phases, int threads, int perThread) {
    this.phases = phases;
    this.threads = threads;
    this.perThread = perThread;
    ranges = new AtomicLongArray(phases * threads * STRIDE);
  }

  /** Every range back to whole, for the next step. */
  void reset() {
    for (int phase = 0; phase < phases; phase++) {
      for (int t = 0; t < threads; t++) {
        ranges.set(index(phase, t), pack(perThread * t, perThread * (t + 1)));
      }
    }
  }

  /** The next part of {@code phase} for thread {@code thread}, or -1 when none is left. */
  int next(int phase, int thread) {
    int own = take(index(phase, thread), End.FRONT);
    if (own >= 0 || perThread == 1) {
      return own;
    }
    for (int s = 1; s < threads; s++) {
      int other = take(index(phase, (thread + s) % threads), End.BACK);
      if (other >= 0) {
        return other;
      }
    }
    return -1;
  }

  /** The ends of a range a part is taken from: its owner's, and the other threads'. */
  private enum End { FRONT, BACK }

  /** Takes the part at {@code end} of range {@code i}; -1 when the range is empty. */
  private int take(int i, End end) {
    while (true) {
      long v = ranges.get(i);
      int front = (int) (v >>> 32);
      int back = (int) v;
      if (front >= back) {
        return -1;
      }
      boolean fromFront = end == End.FRONT;
      long rest = fromFront ? pack(front + 1, back) : pack(front, back - 1);
      if (ranges.compareAndSet(i, v, rest)) {
        return fromFront ? front : back - 1;
      }
    }
  }

  private int index(int phase, int thread) {
    return (phase * threads + thread) * STRIDE;
  }

  private static long pack(int front, int back) {
    return (long) front << 32 | (back & 0xffffffffL);
  }
}
