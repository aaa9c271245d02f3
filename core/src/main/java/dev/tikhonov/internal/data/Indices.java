package dev.tikhonov.internal.data;

/**
 * Not API. The range check of the result types' index accessors ({@code lambda(l)},
 * {@code foldLoss(k, l)}, {@code coefficient(l, k, j)}, …), one message for all: "λ index 5 of
 * 3 λ (0-based)". Stateless, so thread-safe.
 */
public final class Indices {
  private Indices() {}

  /**
   * {@code index} when it is in 0..size − 1, else an IndexOutOfBoundsException naming it and
   * the range: "{@code what} index i of size {@code plural} (0-based)" ({@code plural} may be
   * empty: "coefficient vector index 2 of 2 (0-based)").
   */
  public static int checked(int index, int size, String what, String plural) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(what + " index " + index + " of " + size
          + (plural.isEmpty() ? "" : " " + plural) + " (0-based)");
    }
    return index;
  }
}
