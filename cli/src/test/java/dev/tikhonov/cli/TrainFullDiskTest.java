package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train with --save on a disk that is full ({@link SmallDisk}) where its results, its model or
 * its report go. It said only "D/history.csv: cannot write the file: No space left on device"
 * (or the model's, or run.json's line), never whether --save's model was written; ridge and
 * path say so since the 44th session ({@link FullDiskSaveTest}). Now each line says whether
 * the model was written, and a model that does not fit leaves an earlier file at --save whole.
 */
class TrainFullDiskTest {
  @TempDir Path dir;

  private static final String DIABETES = Path.of("..", "data", "diabetes.csv").toString();

  private static InProcess train(Path out, Path model) {
    return InProcess.run("train", "--data", DIABETES, "--target", "progression", "--model",
        "linear", "--standardize", "--epochs", "2", "--quiet", "--threads", "1", "--save",
        model.toString(), "--out", out.toString());
  }

  @Test
  void resultsDoNotFit_saysTheModelWasNotWritten() throws Exception {
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "64k")) {
      small.fill();
      Path out = small.dir().resolve("t");
      Path model = dir.resolve("t.model");
      InProcess r = train(out, model);
      assertEquals(2, r.exit(), r.err());
      assertEquals(out.resolve("history.csv") + ": cannot write the file: No space left on"
          + " device; the model (--save " + model + ") was not written: once the cause is"
          + " fixed, run the command again", r.message());
      assertFalse(Files.exists(model));
    }
  }

  @Test
  void modelDoesNotFit_saysSo_andLeavesTheEarlierFileWhole() throws Exception {
    Path earlier = dir.resolve("earlier.model");
    InProcess first = train(dir.resolve("first"), earlier);
    assertEquals(0, first.exit(), first.err());
    byte[] bytes = Files.readAllBytes(earlier);
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "64k")) {
      Path model = small.dir().resolve("t.model");
      Files.write(model, bytes);
      small.fill();
      Path out = dir.resolve("t");
      InProcess r = train(out, model);
      assertEquals(2, r.exit(), r.err());
      assertEquals(model + ": cannot write the file: No space left on device; the model"
          + " (--save) was not written (the earlier file " + model + " is as it was); the run's"
          + " history.csv, metrics.json and weights.json were written in " + out + ", its"
          + " run.json and report were not: once the cause is fixed, run the command again",
          r.message());
      assertArrayEquals(bytes, Files.readAllBytes(model), "the earlier model was replaced");
      try (Stream<Path> files = Files.list(small.dir())) {
        assertEquals(List.of("filler", "t.model"), files.map(p -> p.getFileName().toString())
            .sorted().toList(), "a temporary file was left");
      }
      assertTrue(Files.exists(out.resolve("weights.json")));
    }
  }

  @Test
  void reportDoesNotFit_saysTheModelWasSaved() throws Exception {
    // 100 KB: the results and run.json fit, the report's charts do not
    try (SmallDisk small = SmallDisk.mount(dir.resolve("small"), "100k")) {
      Path out = small.dir().resolve("t");
      Path model = dir.resolve("t.model");
      InProcess r = train(out, model);
      assertEquals(2, r.exit(), r.err());
      assertTrue(Files.exists(out.resolve("run.json")), "run.json fits: the case tested");
      assertTrue(r.message().endsWith(": once the cause is fixed, tikhonov report " + out
          + " draws it (the model was saved to " + model + ")"), r.message());
      assertTrue(r.message().contains(": cannot write the file: No space left on device"),
          r.message());
      assertTrue(Files.exists(model));
    }
  }
}
