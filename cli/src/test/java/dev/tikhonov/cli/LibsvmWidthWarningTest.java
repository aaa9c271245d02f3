package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict and evaluate of a 4-feature model on LIBSVM data whose highest index is 2: LIBSVM
 * leaves zeros out, so the file is valid and features 3 and 4 read as 0, but data made for a
 * 2-feature model read that way too, and both commands accepted them without a word (failed
 * before: stderr was empty). One warning line names the file, k and p; data that use index 4
 * somewhere get none.
 */
class LibsvmWidthWarningTest {
  @TempDir Path dir;

  @Test
  void predictAndEvaluate_warnWhenNoRowReachesTheModelsWidth() throws Exception {
    Path train = Files.writeString(dir.resolve("train.svm"),
        "1 1:0.5 4:1\n0 2:1 3:0.2\n1 1:1\n0 2:0.3 4:0.4\n1 1:0.9 3:0.1\n0 2:0.8\n");
    Path narrow = Files.writeString(dir.resolve("narrow.svm"), "1 1:0.5\n0 2:1\n");
    Path model = dir.resolve("m.tkh");
    InProcess fit = InProcess.run("train", "--data", train.toString(), "--model", "logistic",
        "--epochs", "1", "--threads", "1", "--quiet", "--save", model.toString(), "--out",
        dir.resolve("run").toString());
    assertEquals(0, fit.exit(), fit.err());
    String warning = "tikhonov: warning: " + narrow + ": no row holds a feature index above 2,"
        + " but the model takes 4 features: indices 3..4 are read as 0 on every row (LIBSVM"
        + " leaves zeros out); if these data were made for a model of 2 features, this model is"
        + " not theirs";
    InProcess predict = InProcess.run("predict", "--model", model.toString(), "--data",
        narrow.toString(), "--out", dir.resolve("p.csv").toString());
    assertEquals(0, predict.exit(), predict.err());
    assertEquals(warning, predict.err().lines().findFirst().orElse(""), predict.err());
    assertEquals(1, predict.err().lines().filter(l -> l.contains("warning")).count(),
        predict.err());
    InProcess evaluate = InProcess.run("evaluate", "--model", model.toString(), "--data",
        narrow.toString());
    assertEquals(0, evaluate.exit(), evaluate.err());
    assertEquals(warning, evaluate.err().lines().findFirst().orElse(""), evaluate.err());
    assertEquals(1, evaluate.err().lines().filter(l -> l.contains("warning")).count(),
        evaluate.err());
    InProcess full = InProcess.run("predict", "--model", model.toString(), "--data",
        train.toString(), "--out", dir.resolve("p2.csv").toString());
    assertEquals(0, full.exit(), full.err());
    assertFalse(full.err().contains("warning"), full.err());
    InProcess fullEvaluate = InProcess.run("evaluate", "--model", model.toString(), "--data",
        train.toString());
    assertEquals(0, fullEvaluate.exit(), fullEvaluate.err());
    assertTrue(fullEvaluate.err().isEmpty(), fullEvaluate.err());
  }
}
