package dev.tikhonov.cli;

import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.select.InformationCriteria;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The warnings of ridge and path when a λ a criterion chose is an end of the λ the user gave
 * with --lambdas (or, for path, the smallest of its default sequence, {@link
 * #ofDefaultSequence}): beyond that end the criterion may fall further, so the choice is the grid's
 * edge rather than the criterion's minimum. Which index is an end is the command's to say
 * (ridge: the smallest or largest value, except λ = 0; path: the last λ of a sequence fitted
 * to its end, or the first while it keeps a coefficient). Stateless.
 */
final class LambdaEnds {
  private LambdaEnds() {}

  /** Which end of --lambdas a λ is. */
  enum End {
    SMALLEST,
    LARGEST
  }

  /**
   * The warnings for AIC's and BIC's λ (the criteria line under the table), one for both when
   * they choose the same λ.
   *
   * @param grid the λ, as the table's rows print them ({@link Digits#row})
   * @param endOf which end of --lambdas the λ at an index is, empty for none
   */
  static List<String> ofCriteria(double[] grid, InformationCriteria ic,
      IntFunction<Optional<End>> endOf) {
    List<String> out = new ArrayList<>();
    int aic = ic.bestAic();
    int bic = ic.bestBic();
    if (aic == bic) {
      warning(grid, aic, endOf.apply(aic), "the λ of AIC and BIC", "AIC and BIC")
          .ifPresent(out::add);
    } else {
      warning(grid, aic, endOf.apply(aic), "AIC's λ", "AIC").ifPresent(out::add);
      warning(grid, bic, endOf.apply(bic), "BIC's λ", "BIC").ifPresent(out::add);
    }
    return out;
  }

  /**
   * The warnings for AIC's and BIC's λ when it is the smallest of path's default sequence
   * (λ_min_ratio·λ_max, the sequence fitted to its end: {@code last}), one for both when they
   * choose the same λ: "WHICH λ is the smallest of the default sequence (λ_min_ratio·λ_max):
   * NAME may fall further below it; give a smaller --lambda-min-ratio (now RATIO)".
   */
  static List<String> ofDefaultSequence(double[] grid, InformationCriteria ic,
      java.util.function.IntPredicate last, String ratio) {
    List<String> out = new ArrayList<>();
    int aic = ic.bestAic();
    int bic = ic.bestBic();
    java.util.function.BiFunction<String, String, String> text = (which, name) ->
        which + " " + Digits.row(grid, grid[grid.length - 1])
            + " is the smallest of the default sequence (λ_min_ratio·λ_max): "
            + name + " may fall further below it; give a smaller --lambda-min-ratio (now "
            + ratio + ")";
    if (aic == bic) {
      if (last.test(aic)) {
        out.add(text.apply("the λ of AIC and BIC", "AIC and BIC"));
      }
    } else {
      if (last.test(aic)) {
        out.add(text.apply("AIC's λ", "AIC"));
      }
      if (last.test(bic)) {
        out.add(text.apply("BIC's λ", "BIC"));
      }
    }
    return out;
  }

  /**
   * "WHICH λ is the smallest of --lambdas: NAME may fall further below it; add smaller values
   * to --lambdas" (or the largest, above, larger), λ as its row prints it; empty when {@code
   * end} is.
   */
  static Optional<String> warning(double[] grid, int index, Optional<End> end, String which,
      String name) {
    return end.map(e -> {
      boolean below = e == End.SMALLEST;
      return String.format(Locale.ROOT, "%s %s is the %s of --lambdas: %s may fall further %s"
          + " it; add %s values to --lambdas", which, Digits.row(grid, grid[index]),
          below ? "smallest" : "largest", name, below ? "below" : "above",
          below ? "smaller" : "larger");
    });
  }
}
