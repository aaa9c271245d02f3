package dev.tikhonov.estimate;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the finished fits of a search across its threads and tells the listener, so that each
 * count 1..total is reported once. Thread-safe.
 */
final class FitCounter {
  private final AtomicInteger done = new AtomicInteger();
  private final int total;
  private final SearchListener listener;

  FitCounter(int total, SearchListener listener) {
    this.total = total;
    this.listener = listener;
  }

  void finished(String label) {
    listener.fitFinished(done.incrementAndGet(), total, label);
  }
}
