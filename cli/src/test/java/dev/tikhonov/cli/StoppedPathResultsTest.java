package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a path stopped among its results says it left. path writes path.json, path.csv, then
 * l1-ratios.csv (several --l1-ratio) and out-of-fold.csv (--out-of-fold), then run.json; its
 * stop line keyed on path.json alone, so a stop after it said "its results were written:
 * tikhonov report DIR builds its report from them" with the CSV files not there. Now it names
 * the files written and those not, and says to run the command again.
 */
class StoppedPathResultsTest {
  @TempDir Path dir;

  @Test
  void hint_namesTheResultsWrittenAndThoseNot() throws Exception {
    RunWriter writer = RunWriter.open(dir.resolve("p"), RunKind.PATH);
    List<String> results = List.of("path.json", "path.csv", "out-of-fold.csv");
    assertEquals("", RunFiles.interruptHint(writer, results, Optional.empty(), Optional.empty()));
    writer.json("path.json", Map.of("lambda", List.of(1.0)));
    assertEquals("its path.json was written, not its path.csv and out-of-fold.csv: run the"
        + " command again for all of its results",
        RunFiles.interruptHint(writer, results, Optional.empty(), Optional.empty()));
    writer.text("path.csv", "lambda\n1\n");
    Path model = dir.resolve("m.model");
    assertEquals("its path.json and path.csv were written, not its out-of-fold.csv: run the"
        + " command again for all of its results; the model (--save " + model + ") was not"
        + " written: run the command again to save it",
        RunFiles.interruptHint(writer, results, Optional.of(model), Optional.empty()));
    writer.text("out-of-fold.csv", "row\n1\n");
    assertEquals("its results were written: tikhonov report " + writer.dir() + " builds its"
        + " report from them",
        RunFiles.interruptHint(writer, results, Optional.empty(), Optional.empty()));
  }
}
