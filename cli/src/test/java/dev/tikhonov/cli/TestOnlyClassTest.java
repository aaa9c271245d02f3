package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class whose rows all land in the test part of --test-fraction's split is never trained on:
 * train, grid and select ran on without a word, and scored the model on a class it could not
 * predict. The stratified split now keeps a training row of every class while it can (7/7/1 at
 * 0.45 put the lone row of "c" in the test part); where it cannot, the run warns.
 */
class TestOnlyClassTest {
  @TempDir Path dir;

  /** Rows of classes a, a, b, b, c, d: at 0.5, 3 test rows of 6 leave a class no training row. */
  private Path fourClasses() throws Exception {
    Path csv = dir.resolve("four.csv");
    Files.writeString(csv, "x1,x2,y\n0.1,1.2,a\n0.5,-0.3,a\n-1.1,0.4,b\n1.3,0.9,b\n"
        + "2.0,2.0,c\n-2.0,-2.0,d\n");
    return csv;
  }

  @Test
  void train_warnsOfAClassWhollyInTheTestPart_namingItAndItsRows() throws Exception {
    Path csv = fourClasses();
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "y",
        "--model", "logistic", "--epochs", "1", "--test-fraction", "0.5", "--seed", "0",
        "--threads", "1", "--quiet", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: warning: --data " + csv + ": class \"c\" has 1 row,"
        + " all in the test part of the split (--test-fraction 0.5, --seed 0): the model never"
        + " trains on that class"), r.err());
  }

  @Test
  void train_whoseSplitCanKeepEveryClass_trainsOnTheLoneRow_withoutWarning() throws Exception {
    // 7 rows of a, 7 of b, 1 of c: 7 test rows at 0.45, which took c's lone row before
    StringBuilder text = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < 14; i++) {
      text.append(i * 0.1).append(',').append(1 - i * 0.2).append(i % 2 == 0 ? ",a\n" : ",b\n");
    }
    text.append("5.0,5.0,c\n");
    Path csv = dir.resolve("lone.csv");
    Files.writeString(csv, text);
    InProcess r = InProcess.run("train", "--data", csv.toString(), "--target", "y",
        "--model", "logistic", "--epochs", "1", "--test-fraction", "0.45", "--seed", "0",
        "--threads", "1", "--quiet", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("warning"), r.err());
    assertTrue(r.out().contains("(8 train / 7 test rows"), r.out());
  }
}
