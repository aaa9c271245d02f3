package dev.tikhonov.estimate;

/**
 * Progress of a search made of many fits ({@link MlpPath}, {@link MlpPathCV},
 * {@link GridSearchCV}). Fits run on several threads at once, so the calls come from those
 * threads: an implementation must be thread-safe.
 */
@FunctionalInterface
public interface SearchListener {
  /**
   * One fit finished: {@code done} of {@code total} (counted across threads, so each value
   * 1..total arrives once, not necessarily in order); {@code label} says which, e.g.
   * "split 2 of 5, λ = 1e-03" (λ in at most four significant digits, below 0.01 in scientific
   * form).
   */
  void fitFinished(int done, int total, String label);

  /** A listener that does nothing. */
  static SearchListener none() {
    return (done, total, label) -> {};
  }
}
