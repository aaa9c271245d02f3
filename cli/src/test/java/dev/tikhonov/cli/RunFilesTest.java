package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.InputException;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
  @TempDir Path dir;

  /**
   * A report that cannot be drawn after the results were written (a full disk; here a folder
   * where a chart goes): the message says the results were written and how to draw the report
   * later (redteam35: it named only the chart file, beside new results and the old report).
   */
  @Test
  void finish_whenTheReportFails_saysTheResultsWereWrittenAndHowToDrawIt() throws Exception {
    Path run = dir.resolve("run");
    RunWriter writer = RunWriter.open(run, RunKind.TRAIN);
    writer.text("history.csv", "epoch,train_loss,penalty,objective,seconds\n1,0.5,0,0.5,1\n"
        + "2,0.4,0,0.4,1\n");
    writer.metrics(Map.of("test_accuracy", 0.5));
    Path chart = Files.createDirectories(run.resolve("charts/loss-curves.svg/in-the-way"))
        .getParent();
    PrintStream human = new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8);
    InputException e = assertThrows(InputException.class, () -> RunFiles.finish(writer, "train",
        0, 1, null, Instant.now(), Map.of(), human));
    String message = e.getMessage();
    assertEquals(true, message.startsWith(chart.toString()), message);
    assertEquals(true, message.endsWith("; the run's results and run.json were written, its"
        + " report was not: once the cause is fixed, tikhonov report " + run + " draws it"),
        message);
  }
}
