package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands write λ (and the settings beside it) in one form wherever a person reads it, the
 * form of the experiments' labels and the messages ({@code Digits.few}: 1e-05, 3.5e-04, 0.1):
 * select's progress lines, header, table and chosen line said "1.000e-05" and "0.0003500"
 * (%.4g), its saved line and train's header Java's "1.0E-5", grid's lines Java's text of its
 * settings ("{lambda=3.5E-4, dropout=0.0, …}"). The files keep every digit (checked beside).
 */
class ProgressNumbersTest {
  @TempDir Path dir;

  private static final String WINE = Path.of("..", "data", "wine.csv").toString();

  @Test
  void select_writesLambdaAsTheLabelsDo_inItsProgressLinesHeaderTableAndChosenLine()
      throws Exception {
    Path out = dir.resolve("select");
    InProcess r = InProcess.run("select", "--data", WINE, "--target", "cultivar",
        "--standardize", "--model", "mlp:4", "--epochs", "1", "--warm-epochs", "1",
        "--lambdas", "1e-5,0.00035", "--folds", "2", "--no-evidence", "--threads", "1",
        "--out", out.toString(), "--save", dir.resolve("m.model").toString());
    assertEquals(0, r.exit(), r.err());
    List<String> progress = r.err().lines().filter(l -> l.startsWith("[")).toList();
    assertEquals(6, progress.size(), r.err()); // 2 λ on each of 2 splits and on all rows
    assertTrue(progress.stream().anyMatch(l -> l.endsWith("split 1 of 2, λ = 3.5e-04")),
        r.err());
    assertTrue(progress.stream().anyMatch(l -> l.endsWith("all rows, λ = 1e-05")), r.err());
    assertTrue(r.out().contains("  2 λ from 3.5e-04 down to 1e-05, 2-fold"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  1.0e-05     ")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  3.5e-04     ")), r.out());
    assertTrue(r.out().matches("(?s).*chosen \\(1se\\): λ = (1\\.0e-05|3\\.5e-04)   test .*"),
        r.out());
    assertTrue(r.out().matches("(?s).*saved the model at λ = (1\\.0e-05|3\\.5e-04) to .*"),
        r.out());
    // the table's column (and the lines naming its rows) keep a row's zeros: 1.0e-05 beside
    // 3.5e-04, as R prints a vector; the progress lines and labels write few digits
    assertFalse(r.err().matches("(?s).*([0-9]E-|\\.0+e-|e-0[0-9]0).*"), r.err());
    assertFalse(r.out().matches("(?s).*([0-9]E-|e-0[0-9]0).*"), r.out());
    String csv = java.nio.file.Files.readString(out.resolve("selection.csv"));
    assertTrue(csv.contains("\n3.5E-4,") || csv.contains("\n0.00035,"), "every digit: " + csv);
  }

  @Test
  void grid_writesItsSettingsNumbersAsTheLabelsDo_inItsProgressLinesAndTable() {
    InProcess r = InProcess.run("grid", "--data", WINE, "--target", "cultivar",
        "--standardize", "--model", "mlp:4", "--epochs", "1", "--lambdas", "0.00035,1e-5",
        "--learning-rates", "0.05", "--folds", "2", "--threads", "1", "--out",
        dir.resolve("grid").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("] split 1 of 2, {lambda=3.5e-04, dropout=0, weight_decay=0,"
        + " learning_rate=0.05}"), r.err());
    assertTrue(r.out().contains("2 candidates ({lambda=[3.5e-04, 1e-05], dropout=[0],"), r.out());
    assertTrue(r.out().contains("\n  {lambda=1e-05, dropout=0, weight_decay=0,"
        + " learning_rate=0.05} "), r.out());
    assertFalse((r.out() + r.err()).matches("(?s).*([0-9]E-|=0\\.0[,}]).*"), r.out() + r.err());
  }

  /** A grid of one setting said "1 candidates", and with --threads 1 "1 fits at once". */
  @Test
  void grid_ofOneCandidate_saysCandidateInTheSingular() {
    InProcess r = InProcess.run("grid", "--data", WINE, "--target", "cultivar",
        "--standardize", "--model", "mlp:4", "--epochs", "1", "--lambdas", "1e-3",
        "--folds", "2", "--threads", "1", "--out", dir.resolve("grid").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\n  1 candidate ({lambda=[1e-03], dropout=[0],"), r.out());
    assertTrue(r.out().contains(", 1 fit at once\n"), r.out());
  }

  @Test
  void train_writesItsSettingsAsTheLabelsDo_inItsHeader() {
    InProcess r = InProcess.run("train", "--data", WINE, "--target", "cultivar",
        "--standardize", "--model", "mlp:4", "--epochs", "1", "--lambda", "0.00035",
        "--dropout", "0.25", "--out", dir.resolve("train").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  λ=3.5e-04 α=0 dropout=0.25, "), r.out());
  }
}
