package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row whose prediction overflows is named by its file and line (header, blank and comment
 * lines counted), as the readers name a bad value: {@code predict} and {@code evaluate} said
 * "input row 2", the row's index among the rows read, which is not where it is in the file.
 */
class RowLineTest {
  @TempDir static Path dir;
  private static Path model;

  /** A linear network y ≈ 10·x on x in [-1, 1]: 3.4e38 (float32's largest) overflows it. */
  @BeforeAll
  static void model() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 60; i++) {
      csv.append(Math.sin(i)).append(',').append(10 * Math.sin(i) + 0.1 * Math.cos(5 * i))
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("train.csv"), csv);
    model = dir.resolve("linear.model");
    InProcess r = InProcess.run("train", "--data", data.toString(), "--target", "y", "--model",
        "linear", "--epochs", "20", "--lr", "0.1", "--threads", "1", "--quiet", "--out",
        dir.resolve("run").toString(), "--save", model.toString());
    assertEquals(0, r.exit(), r.err());
  }

  private static final String OVERFLOW = "the model's output is Infinity; the row's values are"
      + " probably far outside the range the model was trained on";

  @Test
  void predictAndEvaluate_csvRowThatOverflows_namesFileAndLine() throws Exception {
    // Row 2 of the data is on line 5: a header, a blank line, row 1, another blank line.
    Path data = Files.writeString(dir.resolve("new.csv"), "x,y\n\n0.5,5\n\n3.4e38,1\n");
    InProcess predict = InProcess.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", dir.resolve("p.csv").toString(), "--threads", "1");
    assertEquals(2, predict.exit(), predict.err());
    assertEquals(data + ":5: " + OVERFLOW, predict.message());
    InProcess evaluate = InProcess.run("evaluate", "--model", model.toString(), "--data",
        data.toString(), "--target", "y", "--threads", "1");
    assertEquals(2, evaluate.exit(), evaluate.err());
    assertEquals(data + ":5: " + OVERFLOW, evaluate.message());
  }

  @Test
  void predict_libsvmRowThatOverflows_namesFileAndLine() throws Exception {
    Path data = Files.writeString(dir.resolve("new.svm"),
        "# a comment line\n5 1:0.5\n\n1 1:3.4e38\n");
    InProcess r = InProcess.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", dir.resolve("p.csv").toString(), "--threads", "1");
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + ":4: " + OVERFLOW, r.message());
  }
}
