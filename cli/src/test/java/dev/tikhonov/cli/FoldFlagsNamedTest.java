package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Since --fold-column became a third way to give folds, every message and help line that tells
 * a user how to cross-validate names it beside --cv-folds and --foldid. Before, path's refusals
 * of a flag that needs cross-validation said "add --cv-folds K or --foldid FILE" (or "(--cv-folds
 * or --foldid)"), its help said the same, and select's --holdout with --fold-column said it had
 * no effect "with k-fold cross-validation (--cv-folds)", a flag not given.
 */
class FoldFlagsNamedTest {
  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();
  @TempDir Path dir;

  private InProcess path(String... more) {
    List<String> args = new ArrayList<>(List.of("path", "--data", DIABETES, "--target",
        "progression", "--out", dir.resolve("p").toString()));
    args.addAll(List.of(more));
    return InProcess.run(args);
  }

  @Test
  void pathRefusalsWithoutCrossValidation_nameFoldColumn() {
    String[][] runs = {
      {"--cv-measure", "mae"},
      {"--cv-alignment", "fraction"},
      {"--out-of-fold"},
      {"--save-lambda", "1se", "--save", dir.resolve("m.model").toString()},
      {"--relax", "--save", dir.resolve("r.model").toString()},
      {"--l1-ratio", "0.5,1"},
    };
    String[] messages = {
      "--cv-measure applies only with cross-validation (--cv-folds, --foldid or --fold-column);"
          + " it has no effect without cross-validation, which scores no held-out rows",
      "--cv-alignment applies only with cross-validation (--cv-folds, --foldid or"
          + " --fold-column); it has no effect without cross-validation, which lines up no folds",
      "--out-of-fold applies only with cross-validation (--cv-folds, --foldid or --fold-column);"
          + " it has no effect without cross-validation, which holds no rows out",
      "--save-lambda 1se needs cross-validation: add --cv-folds K, --foldid FILE or"
          + " --fold-column NAME",
      "--save with --relax keeps the cross-validated (λ, γ): add --cv-folds K, --foldid FILE or"
          + " --fold-column NAME",
      "--l1-ratio 0.5,1: several α are chosen among by cross-validation; add --cv-folds K,"
          + " --foldid FILE or --fold-column NAME, or give one α",
    };
    for (int i = 0; i < runs.length; i++) {
      InProcess r = path(runs[i]);
      assertEquals(2, r.exit(), List.of(runs[i]) + ": " + r.err());
      assertEquals(messages[i], r.message().strip(), List.of(runs[i]).toString());
    }
  }

  /** The help's lines of the flags that need cross-validation, and its description. */
  @Test
  void pathHelp_namesFoldColumnWhereItNamesFoldid() {
    InProcess r = InProcess.run("path", "--help");
    assertEquals(0, r.exit(), r.err());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("cross-validated with --cv-folds, --foldid or --fold-column."),
        "the header");
    assertTrue(help.contains("with --cv-folds, --foldid or --fold-column, cross-validate it"),
        "the description");
    for (String flag : List.of("--cv-measure=M", "--cv-alignment=A", "--out-of-fold")) {
      String after = help.substring(help.indexOf(flag));
      assertTrue(after.contains(flag + " With --cv-folds, --foldid or --fold-column: "),
          flag + ": " + after.substring(0, Math.min(200, after.length())));
    }
    assertTrue(help.contains("With --cv-folds, --foldid or --fold-column a list"), "--l1-ratio");
    assertTrue(!help.contains("--cv-folds or --foldid"), "no line names two of the three");
    String ridge = InProcess.run("ridge", "--help").out().replaceAll("\\s+", " ");
    assertTrue(ridge.contains("random folds, --foldid FILE's or --fold-column NAME's)"),
        "ridge's description");
  }

  /** --holdout names the folds' flag the user gave, not --cv-folds, which was not given. */
  @Test
  void searchHoldoutWithGivenFolds_namesTheFlagGiven() {
    InProcess r = InProcess.run("select", "--data", DIABETES, "--target", "progression",
        "--regression", "--model", "linear", "--fold-column", "age", "--holdout", "0.3",
        "--out", dir.resolve("s").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--holdout applies only with --repeat-seeds; it has no effect with k-fold"
        + " cross-validation (--fold-column)", r.message().strip());
  }

  /** With --folds typed, the message names --folds, not its other name --cv-folds. */
  @Test
  void searchHoldoutWithFoldsTyped_namesFolds() {
    InProcess r = InProcess.run("select", "--data", DIABETES, "--target", "progression",
        "--regression", "--model", "linear", "--folds", "3", "--holdout", "0.3",
        "--out", dir.resolve("s").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("--holdout applies only with --repeat-seeds; it has no effect with k-fold"
        + " cross-validation (--folds)", r.message().strip());
  }
}
