package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * path's default λ sequence ends at λ_min_ratio·λ_max: when AIC's or BIC's λ is that end (the
 * sequence fitted to it), the criterion wanted a smaller λ, and path says so as it does for
 * the smallest of --lambdas (LambdaEnds warned for --lambdas only, so a default sequence cut at
 * a large λ_min_ratio printed its choice without a word).
 */
class PathCriteriaEndTest {
  @TempDir Path dir;

  /** 60 rows of y = x1 + x2 + x3 + noise: every λ of a short sequence shrinks real effects. */
  private Path strongSignal() throws Exception {
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("x1,x2,x3,y\n");
    for (int i = 0; i < 60; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      double c = random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f%n", a, b, c,
          a + b + c + 0.5 * random.nextGaussian()));
    }
    Path file = dir.resolve("strong.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void criteriaAtTheDefaultSequencesSmallestLambda_warnWithTheRatio() throws Exception {
    InProcess r = InProcess.run("path", "--data", strongSignal().toString(), "--target", "y",
        "--nlambda", "5", "--lambda-min-ratio", "0.3", "--out", dir.resolve("run").toString(),
        "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("is the smallest of the default sequence"
        + " (λ_min_ratio·λ_max): AIC and BIC may fall further below it; give a smaller"
        + " --lambda-min-ratio (now 0.3)"), r.err());
  }

  @Test
  void criteriaInsideTheDefaultSequence_warnNothing() throws Exception {
    InProcess r = InProcess.run("path", "--data", Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--out", dir.resolve("run").toString(),
        "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("default sequence"), r.err());
  }
}
