package dev.tikhonov.internal.data;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Not API. The names close in spelling to one typed: a flag, a command, a flag's word (the
 * CLI's suggestions) or a column of a file or Dataset that has no such column ("no target column
 * "CULTIVR" … ; did you mean "cultivar"?"). One ranking for all of them.
 *
 * <p>Close is at most one edit (a letter added, dropped, changed, or two neighbours swapped:
 * the optimal string alignment distance) in a word of up to four letters, at most a third of
 * the letters, and at least two, in a longer one; case and a leading "--" count for nothing, so
 * a name that differs from the typed one only in case is always close. Of names as close, the
 * one that starts as typed comes first (--nlambdas: --nlambda before --lambdas). Stateless, so
 * thread-safe.
 */
public final class CloseNames {
  private CloseNames() {}

  /**
   * The {@code names} close to {@code typed}, closest first (at most three): "train" for
   * "trian", "ridge-vs-lasso" for "ridge-vs-las".
   */
  public static List<String> closest(String typed, Collection<String> names) {
    return scored(typed, names).stream().limit(3).map(Scored::name).toList();
  }

  /**
   * Of {@link #closest}, those as close as the closest (at most three): "decreasing" for
   * "decresing", where "increasing" is also within a third of the letters but one edit further.
   */
  public static List<String> nearest(String typed, Collection<String> names) {
    List<Scored> close = scored(typed, names);
    return close.stream().filter(s -> s.distance() == close.get(0).distance()).limit(3)
        .map(Scored::name).toList();
  }

  /**
   * "; did you mean "cultivar"?" for a column {@code typed} that {@code columns} lacks, the
   * {@link #nearest} ones quoted as {@link Numbers#quote} quotes names; empty when none is close.
   * A name of one or two letters gets only another case of itself ("Y" for "y"): every other
   * short name ("w" for "v", "x1" for "x2") is as close, so naming one would be a guess.
   */
  public static String column(String typed, Collection<String> columns) {
    List<String> close = typed.length() <= 2
        ? columns.stream().filter(typed::equalsIgnoreCase).limit(3).toList()
        : nearest(typed, columns);
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ",
        close.stream().map(Numbers::quote).toList()) + "?";
  }

  private record Scored(String name, int distance, int prefix) {}

  /** The names within {@link #closest}'s distance of {@code typed}, closest first. */
  private static List<Scored> scored(String typed, Collection<String> names) {
    String t = bare(typed);
    int limit = t.length() <= 4 ? 1 : Math.max(2, t.length() / 3);
    return names.stream().map(n -> new Scored(n, distance(t, bare(n)), prefix(t, bare(n))))
        .filter(s -> s.distance() <= limit)
        .sorted(Comparator.comparingInt(Scored::distance)
            .thenComparing(Scored::prefix, Comparator.reverseOrder()))
        .toList();
  }

  private static String bare(String name) {
    return (name.startsWith("--") ? name.substring(2) : name).toLowerCase(Locale.ROOT);
  }

  private static int prefix(String a, String b) {
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  /** Edits from a to b: insertions, deletions, substitutions and swaps of neighbours (OSA). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
