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

  /**
   * A second run into the folder stopped before its results: the results.json there is the
   * first run's (here a second link to it, moved back over the second's), and the line said
   * "its results were written".
   */
  @Test
  void stopBeforeResults_besideAnEarlierRunsResults_messageNamesNoReport() throws Exception {
    Path out = finishedExperiment();
    Path aside = Files.createLink(dir.resolve("first-results.json"), out.resolve("results.json"));
    finishedExperiment();
    Files.move(aside, out.resolve("results.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertFalse(Main.interruptedMessage().contains("report"), Main.interruptedMessage());
  }

  /**
   * Stopped after its results in the folder of an earlier path run: report read the path run's
   * run.json and drew its report; the line says to remove it, and report then draws this one's.
   */
  @Test
  void stopAfterResults_besideAnotherKindsRunJson_namesTheRunJsonToRemove() throws Exception {
    Path out = dir.resolve("gd");
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n5,9.9\n6,12.1\n");
    InProcess path = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--quiet", "--out", out.toString());
    assertEquals(0, path.exit(), path.err());
    Path pathRunJson = Files.createLink(dir.resolve("path-run.json"), out.resolve("run.json"));
    finishedExperiment();
    Files.delete(out.resolve("report.html"));
    Files.move(pathRunJson, out.resolve("run.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals("tikhonov: stopped by a signal (Ctrl-C or kill) before the command finished; no"
        + " file was left half-written; its results were written beside the run.json of the"
        + " earlier path run: remove " + out.resolve("run.json") + ", then tikhonov report "
        + out + " builds its report from them", Main.interruptedMessage());
    Files.delete(out.resolve("run.json"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertTrue(Files.readString(out.resolve("report.html")).contains("gd-linear"));
  }

  /**
   * Stopped over an earlier run, whose files it has not touched: the line said "its results
   * were written: tikhonov report DIR", which would draw the earlier run; the results are in
   * the staging folder.
   */
  @Test
  void stopAfterResults_overAnEarlierRun_saysItIsAsItWas_andWhereTheResultsAre()
      throws Exception {
    Path out = finishedExperiment();
    dev.tikhonov.report.RunWriter stopped = dev.tikhonov.report.RunWriter.open(out,
        dev.tikhonov.report.RunKind.GD_LINEAR);
    assertEquals("the earlier run in " + out + " is as it was",
        ExperimentCommand.interruptHint(stopped));
    stopped.json("results.json", java.util.List.of());
    Path staged = out.resolve(dev.tikhonov.report.RunWriter.STAGING);
    assertEquals("the earlier run in " + out + " is as it was; this run's results were staged"
        + " in " + staged + ": tikhonov report " + staged + " builds their report (the next run"
        + " into " + out + " removes that folder)", ExperimentCommand.interruptHint(stopped));
  }

  @Test
  void stopBeforeResults_messageNamesNoReport() throws Exception {
    Files.delete(finishedExperiment().resolve("results.json"));
    assertFalse(Main.interruptedMessage().contains("report"), Main.interruptedMessage());
  }
}
