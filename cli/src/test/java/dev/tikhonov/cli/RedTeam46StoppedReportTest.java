package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam46: a path run into the folder of an earlier path run, stopped (SIGTERM) while it
 * draws its report, after its new path.json, path.csv and run.json. It says {@code …; its
 * results and run.json were written, its report was not: tikhonov report P draws it and ends
 * the run}, and leaves the earlier run's report.html (and charts) beside the new results: the
 * folder's report shows α = 1 where its run.json and path.json say 0.16 (seen: report.html
 * 21:36:22, run.json 21:36:39). RunWriter.finish (RunWriter.java:358-380) removes the earlier
 * report.html only when drawing fails with an InputException (a full disk, redteam35), not
 * when the JVM stops during HtmlReport.draw. The stop here is timed by watching run.json: the
 * charts take seconds, and the kill comes once run.json names the new run.
 */
class RedTeam46StoppedReportTest {
  @TempDir Path dir;

  @Test
  void stoppedWhileDrawingItsReport_leavesNoEarlierReportBesideItsResults() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 400, 0.5);
    Path out = dir.resolve("P");
    InProcess first = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--quiet", "--threads", "1", "--out", out.toString());
    assertEquals(0, first.exit(), first.err());
    byte[] earlierReport = Files.readAllBytes(out.resolve("report.html"));
    Path err = dir.resolve("err.txt");
    Process run = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "path", "--data",
        data.toString(), "--target", "y", "--l1-ratio", "0.16", "--quiet", "--threads", "1",
        "--out", out.toString())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    boolean caught = false;
    while (run.isAlive() && System.nanoTime() < deadline) {
      String runJson = Files.readString(out.resolve("run.json"), StandardCharsets.UTF_8);
      if (runJson.contains("0.16")) {
        run.destroy(); // SIGTERM, while the charts are drawn
        caught = true;
        break;
      }
      Thread.sleep(5);
    }
    assertTrue(run.waitFor(2, TimeUnit.MINUTES));
    String said = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(caught && run.exitValue() == 143, "not stopped during its report: " + said);
    assertTrue(said.contains("its results and run.json were written, its report was not"),
        said);
    Path report = out.resolve("report.html");
    assertFalse(Files.exists(report)
        && Arrays.equals(earlierReport, Files.readAllBytes(report)),
        "the earlier run's report.html stays beside this run's results and run.json");
  }
}
