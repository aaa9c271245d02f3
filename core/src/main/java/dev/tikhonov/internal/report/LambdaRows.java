package dev.tikhonov.internal.report;

/**
 * Which λ of a cross-validated grid a selection table gives a row: every λ of a grid of at most
 * {@link #FULL_TABLE} λ; of a longer one (select --lambdas from an @argfile: 5,000 rows scrolled
 * the header and the chosen λ out of sight) the first, the last and the marked ones (λ_min,
 * λ_1se, the chosen λ, the evidence's), in select's printed table and in its report's alike.
 * Stateless, so thread-safe.
 */
public final class LambdaRows {
  /** A table of more λ than this shows the first, the last and the marked ones only. */
  public static final int FULL_TABLE = 100;

  private LambdaRows() {}

  /** Whether λ number {@code l} (0-based) of {@code n}, marked or not, has a row. */
  public static boolean shown(int l, int n, boolean marked) {
    return n <= FULL_TABLE || marked || l == 0 || l == n - 1;
  }
}
