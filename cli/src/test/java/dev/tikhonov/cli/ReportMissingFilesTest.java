package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report DIR} on a run folder that lacks a file its run wrote: it went without a word,
 * exit 0, as if the folder held the whole run. Now a warning names the file (the report is
 * still drawn from the rest, exit 0); without the file the report is drawn from, exit 2.
 */
class ReportMissingFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
  @TempDir Path dir;

  private Path ridge() {
    Path out = dir.resolve("ridge");
    InProcess.ridgeRun(out);
    return out;
  }

  private static String warning(Path out, String files, String kind, boolean one) {
    return "tikhonov: warning: " + files + " in " + out + (one ? " is" : " are")
        + " missing, though a " + kind + " run writes " + (one ? "it" : "them") + " (deleted or"
        + " moved since, or the run stopped before " + (one ? "it" : "them") + "); the report is"
        + " drawn from the files that are there";
  }

  @Test
  void ridgeRunWithoutPathCsv_warnsNamingIt_andWritesTheReport() throws Exception {
    Path out = ridge();
    Files.delete(out.resolve("path.csv"));
    Files.delete(out.resolve("report.html"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals(warning(out, "path.csv", "ridge", true), report.err());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
  }

  /** run.json of an older tikhonov lists no files: the kind's own files are looked for. */
  @Test
  void olderRunJsonWithoutAList_warnsOfTheFilesItsKindAlwaysWrites() throws Exception {
    Path out = ridge();
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    run.remove("files");
    run.put("kind", "path"); // and an older ridge run's kind
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    Files.delete(out.resolve("path.csv"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals(warning(out, "path.csv", "path", true), report.err());
  }

  @Test
  void ridgeRunWithoutPathJson_nothingToReport_exit2NamingIt() throws Exception {
    Path out = ridge();
    Files.delete(out.resolve("path.json"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(2, report.exit());
    assertEquals("tikhonov: error: " + out.resolve("path.json") + ": file not found; "
        + out.resolve("run.json") + " says this is a ridge run, whose report is drawn from"
        + " path.json, and it is not here", report.err());
  }

  @Test
  void trainRunWithoutWeightsAndMetrics_warnsNamingBoth() throws Exception {
    Path out = dir.resolve("train");
    InProcess run = InProcess.run("train", "--data", DIABETES.toString(), "--target",
        "progression", "--model", "linear", "--standardize", "--epochs", "2", "--threads", "1",
        "--quiet", "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    Files.delete(out.resolve("weights.json"));
    Files.delete(out.resolve("metrics.json"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals(warning(out, "metrics.json, weights.json", "train", false), report.err());
    assertTrue(Files.readString(out.resolve("report.html")).contains("chart-loss-curves"),
        "drawn from the history that is there");
  }

  @Test
  void completeRun_noWarning() {
    Path out = ridge();
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals("", report.err());
  }
}
