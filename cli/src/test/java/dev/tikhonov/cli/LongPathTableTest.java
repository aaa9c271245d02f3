package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * path over more λ than a table is read through (--nlambda 20000 printed 6,700 rows on
 * diabetes.csv): above 100 λ its table shows the first, the last and the marked λ (lambda_min,
 * lambda_1se, one that did not converge), "..." where λ are left out, and names the files that
 * have every λ, as select's does (the rule is LambdaRows'); 100 λ, the default, print in full.
 */
class LongPathTableTest {
  private static final String DATA = Path.of("..", "data", "diabetes.csv").toString();
  @TempDir Path dir;

  @Test
  void path_ofMoreThan100Lambdas_showsTheFirstLastAndMarkedOnes() throws Exception {
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", lambdas(150), "--cv-folds", "3", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    List<String> rows = rows(r.out());
    assertTrue(rows.size() >= 3 && rows.size() <= 4, r.out()); // first, last, λ_min, λ_1se
    assertTrue(rows.get(0).startsWith("45.00 "), r.out());
    assertTrue(rows.get(rows.size() - 1).startsWith("4.500e-03 "), r.out());
    assertTrue(rows.stream().anyMatch(l -> l.endsWith("<- lambda_min")), r.out());
    assertTrue(rows.stream().anyMatch(l -> l.contains("<- lambda_1se")), r.out());
    List<String> gaps = r.out().lines().filter(l -> l.startsWith("...")).toList();
    assertFalse(gaps.isEmpty(), r.out());
    assertEquals(150 - rows.size(), gaps.stream()
        .mapToInt(l -> Integer.parseInt(l.replaceAll("\\.\\.\\.\\s+\\((\\d+) lambdas\\)", "$1")))
        .sum(), r.out());
    assertTrue(r.out().contains("of 150 lambdas, the first, the last, lambda_min, lambda_1se and"
        + " any that did not converge; every lambda is in " + out.resolve("path.csv") + " and "
        + out.resolve("path.json") + "\n"), r.out());
    assertEquals(150, Files.readAllLines(out.resolve("path.csv")).size() - 1,
        "the file has every λ");
  }

  @Test
  void relaxedPath_ofMoreThan100Lambdas_showsTheFirstAndLast() throws Exception {
    Path out = dir.resolve("relaxed");
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", lambdas(150), "--relax", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, rows(r.out()).size(), r.out());
    assertTrue(r.out().contains("\n...          (148 lambdas)\n"), r.out());
    assertTrue(r.out().contains("of 150 lambdas, the first and the last; every lambda is in "
        + out.resolve("path.csv") + " and " + out.resolve("path.json") + "\n"), r.out());
  }

  @Test
  void path_of100Lambdas_printsEveryOne() {
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", lambdas(100), "--out", dir.resolve("full").toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(100, rows(r.out()).size(), r.out());
    assertFalse(r.out().contains("..."), r.out());
    assertFalse(r.out().contains("every lambda is in"), r.out());
  }

  /** The table's rows: the lines that begin with a λ. */
  private static List<String> rows(String out) {
    return out.lines().filter(l -> l.matches("\\d\\S* +\\d+ .*")).toList();
  }

  /** {@code m} λ from 45 down to 0.0045, evenly spaced in log λ, as --lambdas takes them. */
  private static String lambdas(int m) {
    StringJoiner s = new StringJoiner(",");
    for (int l = 0; l < m; l++) {
      s.add(String.format(Locale.ROOT, "%.6g", 45 * Math.pow(1e-4, l / (m - 1.0))));
    }
    return s.toString();
  }
}
