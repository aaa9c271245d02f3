package dev.tikhonov.cli;

import dev.tikhonov.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A CSV column that looks like a row identifier (named id, or …_id, and a distinct integer in
 * every row) is taken as a feature like any other, as glmnet and scikit-learn take every column
 * they are given; its values then carry no meaning the model could learn, so the command says
 * so once and names the flag that leaves it out. data/breast_cancer.csv's patient id was fitted
 * without a word (redteam35).
 */
final class IdentifierColumns {
  private IdentifierColumns() {}

  /**
   * The warning for {@code data}'s identifier-like feature columns, read from {@code file};
   * empty when there is none.
   */
  static Optional<String> warning(Dataset data, Path file) {
    List<String> names = data.featureNames();
    List<String> found = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) {
      if (namedLikeAnId(names.get(j)) && distinctIntegers(data, j)) {
        found.add(names.get(j));
      }
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String quoted = "'" + String.join("', '", found) + "'";
    return Optional.of("tikhonov: warning: --data " + file + ": column" + (found.size() == 1
        ? " " + quoted + " looks like a row identifier (a distinct integer in every row) and is"
        : "s " + quoted + " look like row identifiers (a distinct integer in every row) and are")
        + " fitted as a feature; leave " + (found.size() == 1 ? "it" : "them")
        + " out with --ignore-columns " + String.join(",", found));
  }

  /** id, ID, patient_id, row-id, …: the names a table's key column takes. */
  static boolean namedLikeAnId(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.equals("id") || n.endsWith("_id") || n.endsWith("-id") || n.endsWith(".id")
        || n.endsWith(" id");
  }

  private static boolean distinctIntegers(Dataset data, int j) {
    int n = data.numRows();
    if (n < 2) {
      return false;
    }
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      double v = data.feature(i, j);
      if (v != Math.rint(v) || !seen.add(v)) {
        return false;
      }
    }
    return true;
  }
}
