package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  @TempDir Path temp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void report_onAPathDirectory_writesReportHtml() throws IOException {
    Files.writeString(temp.resolve("path.json"),
        "{\"family\": \"gaussian\", \"l1_ratio\": 1, \"lambda\": [1.0, 0.1, 0.01],"
            + " \"intercept\": [0.5, 0.5, 0.5], \"coef\": [[0, 0], [0.6, 0], [0.95, -0.4]],"
            + " \"df\": [0, 1, 2], \"dev_ratio\": [0, 0.4, 0.7], \"feature_names\": [\"a\", \"b\"]}");
    Run r = run("report", temp.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("report.html"), r.out());
    String html = Files.readString(temp.resolve("report.html"));
    assertTrue(html.contains("<svg "), "charts inline");
    assertTrue(Files.isRegularFile(temp.resolve("charts").resolve("coefficient-path.png")));
  }

  @Test
  void report_onADirectoryThatIsNoRun_exits2WithAClearMessage() {
    Run r = run("report", temp.toString());
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: " + temp + " is not a tikhonov run directory: no run.json,"
        + " results.json, history.csv or path.json", r.err().trim());
  }

  @Test
  void report_withoutDirectory_exits2AndShowsUsageHint() {
    Run r = run("report");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("DIR"), r.err());
  }
}
