package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment stopped by Ctrl-C after it wrote results.json but before its report (the
 * charts take seconds) left results without a report, and its stop line did not say that
 * {@code tikhonov report DIR} builds the report from them. The state is made by a finished
 * run whose report and run.json are removed (what RunWriter.finish writes last); the message is
 * the one the shutdown hook prints ({@link Main#interruptedMessage}), and the command it names
 * is run to show that it does build the report.
 */
class StoppedExperimentTest {
  @TempDir Path dir;

  /** The folder of a finished gd-linear --quick run. */
  private Path finishedExperiment() {
    Path out = dir.resolve("gd");
    InProcess r = InProcess.run("experiment", "gd-linear", "--quick", "--quiet", "--out",
        out.toString());
    assertEquals(0, r.exit(), r.err());
    return out;
  }

  @Test
  void stopAfterResults_messageNamesReportCommand_whichBuildsTheReport() throws Exception {
    Path out = finishedExperiment();
    Files.delete(out.resolve("report.html"));
    Files.delete(out.resolve("run.json"));
    assertEquals("tikhonov: stopped by a signal (Ctrl-C or kill) before the command finished; no"
        + " file was left half-written; its results were written: tikhonov report " + out
        + " builds its report from them", Main.interruptedMessage());
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
  }

  @Test
  void stopBeforeResults_messageNamesNoReport() throws Exception {
    Files.delete(finishedExperiment().resolve("results.json"));
    assertFalse(Main.interruptedMessage().contains("report"), Main.interruptedMessage());
  }
}
