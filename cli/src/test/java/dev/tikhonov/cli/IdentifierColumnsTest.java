package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV's row identifier given as a feature is fitted as one (as glmnet and scikit-learn fit
 * what they are given), and the command says so once, naming --ignore-columns: breast cancer's
 * patient id was fitted without a word (redteam35).
 */
class IdentifierColumnsTest {
  private static final Path CANCER = Path.of("..", "data", "breast_cancer.csv");
  @TempDir Path dir;

  @Test
  void path_withThePatientIdAsAFeature_warnsOnceAndNamesTheFlag() {
    InProcess r = InProcess.run(List.of("path", "--data", CANCER.toString(), "--target",
        "diagnosis", "--family", "binomial", "--nlambda", "5", "--out",
        dir.resolve("a").toString()));
    assertEquals(0, r.exit(), r.err());
    String warning = "tikhonov: warning: --data " + CANCER + ": column 'id' looks like a row"
        + " identifier (a distinct integer in every row) and is fitted as a feature; leave it out"
        + " with --ignore-columns id";
    assertEquals(1, r.err().lines().filter(warning::equals).count(), r.err());
  }

  @Test
  void train_withTheIdLeftOut_saysNothingOfIt() {
    InProcess r = InProcess.run(List.of("train", "--data", CANCER.toString(), "--target",
        "diagnosis", "--ignore-columns", "id", "--model", "logistic", "--lambda", "1e-3",
        "--epochs", "2", "--out", dir.resolve("b").toString()));
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("row identifier"), r.err());
  }

  /** Only a key's name and a distinct integer in every row: a measured "id" column is data. */
  @Test
  void columnsNamedLikeAnIdWhoseValuesRepeatOrAreNotIntegers_areNotFlagged() throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "store_id,x,y\n1,0.5,1.0\n1,0.7,2.0\n2,0.1,3.0\n3,0.9,4.0\n");
    InProcess r = InProcess.run(List.of("path", "--data", csv.toString(), "--target", "y",
        "--nlambda", "3", "--out", dir.resolve("c").toString()));
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("row identifier"), r.err());
    assertTrue(IdentifierColumns.namedLikeAnId("Patient ID"));
    assertFalse(IdentifierColumns.namedLikeAnId("idle_time"));
  }
}
