package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam43b: GaussianStatistics refuses a column whose largest magnitude is below 2^-400
 * (224e5723), and core's FoldStatistics makes each fold's statistics by twoPass on that fold's
 * rows alone. A column of order 1 over the file whose values are tiny (1e-130) in one given
 * fold is refused by path --foldid, with "largest magnitude is 1e-130" (false for the column)
 * and the advice to multiply it by 1e130 (which would send its other values to 1e130). The
 * same file runs without --foldid, and ran with it before 224e5723.
 */
class RedTeam43bTinyFoldTest {
  @TempDir Path dir;

  @Test
  void aColumnTinyInOneGivenFoldOnly_runsAsItDoesWithRandomFolds() throws Exception {
    Random random = new Random(2);
    StringBuilder csv = new StringBuilder("x1,x2,y\n");
    StringBuilder folds = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      int fold = i < 10 ? 1 : 2 + i % 3;
      double a = random.nextGaussian();
      double b = random.nextGaussian() * (fold == 1 ? 1e-130 : 1);
      csv.append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g%n", a, b,
          a + 0.5 * random.nextGaussian()));
      folds.append(fold).append('\n');
    }
    Path data = dir.resolve("tiny.csv");
    Files.writeString(data, csv);
    Path foldFile = dir.resolve("folds.txt");
    Files.writeString(foldFile, folds);
    InProcess random4 = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--cv-folds", "4", "--out", dir.resolve("a").toString(), "--quiet");
    assertEquals(0, random4.exit(), random4.err());
    InProcess given = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--foldid", foldFile.toString(), "--out", dir.resolve("b").toString(), "--quiet");
    assertEquals(0, given.exit(), given.err());
  }
}
