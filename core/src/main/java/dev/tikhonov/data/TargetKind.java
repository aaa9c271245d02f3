package dev.tikhonov.data;

/** How a reader interprets the target column. Thread-safe, as enum constants are. */
public enum TargetKind {
  /** A real number per row (regression); non-finite values are rejected. */
  REAL,
  /**
   * A class label per row (strings or numbers), mapped to indices 0..K−1 in sorted order:
   * numeric order when every label is a number (so −1, +1 become 0, 1), otherwise
   * lexicographic; {@link Dataset#classNames()} holds the labels as written.
   */
  CLASS,
  /** Read but ignored (every target 0): input for prediction, whose labels do not matter. */
  UNUSED
}
