package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The λ column of path's and ridge's tables, and the λ their summary lines name, in the few
 * digits of every other λ the CLI prints (45.16, 4.5e-03; %.6g printed 45.1600, 0.00450000),
 * more only when neighbouring rows would read the same (%.6g printed 0.1 and 0.1000001 both as
 * 0.100000); γ as 0 and 1, not glmnet's 0.0 and 1.0.
 */
class TableDigitsTest {
  private static final String DATA = Path.of("..", "data", "diabetes.csv").toString();
  /** A λ in at most four significant digits, as Digits.few writes it. */
  private static final String FEW = "(0|\\d{1,4}|[1-9]\\.\\d{1,3}|0\\.[1-9]\\d{0,3}"
      + "|\\d{2}\\.\\d{1,2}|\\d{3}\\.\\d|0\\.0\\d{1,4}|\\d(\\.\\d{1,3})?e[-+]\\d\\d)";
  @TempDir Path dir;

  @Test
  void path_printsLambdaInFewDigits_andTheSummaryNamesTheRowsAsTheyRead() {
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--cv-folds", "3", "--seed", "1", "--out", dir.resolve("p").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> rows = rows(r.out());
    assertTrue(rows.size() > 50, r.out()); // glmnet's early stop ends it before 100 λ
    assertTrue(rows.stream().allMatch(l -> l.split(" ")[0].matches(FEW)), r.out());
    String min = r.out().replaceAll("(?s).*\nlambda_min = (\\S+) .*", "$1");
    assertTrue(rows.stream().anyMatch(l -> l.startsWith(min + " ")
        && l.endsWith("<- lambda_min")), min + " is not the marked row's λ:\n" + r.out());
    String aic = r.out().replaceAll("(?s).*\nAIC picks lambda = (\\S+) .*", "$1");
    assertTrue(aic.matches(FEW) && rows.stream().anyMatch(l -> l.startsWith(aic + " ")),
        aic + " is not a row's λ:\n" + r.out());
    assertTrue(r.out().contains("EBIC(gamma=1) "), r.out());
  }

  @Test
  void path_givesNeighbouringLambdasTheDigitsThatTellThemApart() {
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression",
        "--lambdas", "0.2,0.1000001,0.1", "--out", dir.resolve("close").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> lambdas = rows(r.out()).stream().map(l -> l.split(" ")[0]).toList();
    assertEquals(List.of("0.2000000", "0.1000001", "0.1000000"), lambdas, r.out());
  }

  @Test
  void relaxedPath_writesGammaInFewDigits() {
    InProcess r = InProcess.run("path", "--data", DATA, "--target", "progression", "--relax",
        "--gammas", "0,0.5,1", "--cv-folds", "3", "--seed", "1", "--nlambda", "8", "--out",
        dir.resolve("relaxed").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(" cv(g=0) ") && r.out().contains(" cv(g=0.5) ")
        && r.out().contains(" cv(g=1)\n"), r.out());
    assertTrue(r.out().matches("(?s).*\\(gamma (0|0\\.5|1)\\)\n.*"), r.out());
    assertTrue(r.out().matches("(?s).*\nlambda_min = " + FEW + ", gamma_min = (0|0\\.5|1) .*"),
        r.out());
  }

  @Test
  void ridge_printsLambdaInFewDigits() {
    InProcess r = InProcess.run("ridge", "--data", DATA, "--target", "progression", "--out",
        dir.resolve("ridge").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> rows = rows(r.out());
    assertTrue(rows.size() > 100 && rows.stream().allMatch(l -> l.split(" ")[0].matches(FEW)),
        r.out());
    String chosen = r.out().replaceAll("(?s).*\nGCV chooses lambda = (\\S+) .*", "$1");
    assertTrue(rows.stream().anyMatch(l -> l.startsWith(chosen + " ")
        && l.endsWith("<- chosen (smallest gcv)")), chosen + "\n" + r.out());
  }

  /** The table's rows: the lines that begin with a λ. */
  private static List<String> rows(String out) {
    return out.lines().filter(l -> l.matches("\\d\\S* +\\d.*")).toList();
  }
}
