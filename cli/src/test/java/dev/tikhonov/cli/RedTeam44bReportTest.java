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
 * Red team (session 44b): report DIR's missing-file warning (ReportCommand.java:52-56) is worked
 * out after HtmlReport.write, which rewrites run.json's list of files. A run.json whose "files"
 * is not a list (null, an object) or an empty list is replaced by the charts just drawn, so the
 * check then finds nothing missing: path.csv gone, exit 0, no warning (RunManifest.missing reads
 * the new list). With no "files" at all the kind's files are looked for, and it warns.
 */
class RedTeam44bReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Path ridgeWithFiles(String filesJson) throws Exception {
    Path out = dir.resolve("ridge");
    InProcess.ridgeRun(out);
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    run.set("files", JSON.readTree(filesJson));
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    Files.delete(out.resolve("path.csv"));
    return out;
  }

  /** A guard: without a list the kind's files are looked for (passes now). */
  @Test
  void noList_warnsOfPathCsv() throws Exception {
    Path out = ridgeWithFiles("null");
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    run.remove("files");
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertTrue(report.err().contains("path.csv in " + out + " is missing"), report.err());
  }

  @Test
  void listThatIsNotAList_orEmpty_stillWarnsOfPathCsv() throws Exception {
    for (String files : new String[] {"null", "{\"path\": \"path.csv\"}", "[]"}) {
      Path out = ridgeWithFiles(files);
      InProcess report = InProcess.run("report", out.toString());
      assertEquals(0, report.exit(), report.err());
      assertTrue(report.err().contains("path.csv in " + out + " is missing"),
          files + ": stderr was '" + report.err() + "'");
      deleteTree(out);
    }
  }

  private static void deleteTree(Path root) throws Exception {
    try (var files = Files.walk(root)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
