package dev.tikhonov.internal.select;

/**
 * Which λ of a grid or path a printed table gives a row: every λ of one of at most
 * {@link #FULL_TABLE} λ; of a longer one (select --lambdas from an @argfile: 5,000 rows scrolled
 * the header and the chosen λ out of sight; path --nlambda 20000 printed 6,700) the first, the
 * last and the marked ones: λ_min, λ_1se, the chosen λ and the evidence's in select's printed
 * table and its report's, λ_min, λ_1se and a λ that did not converge in path's. Here, below
 * {@code report}, so that path's table ({@link PathFiles}) can use it too. Stateless, so
 * thread-safe.
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
