package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs given the same --out at once wrote into it together and left a mix of their files.
 * A run now locks its directory; a second run while the first is at work is refused before
 * any work, naming the directory and the process, and a lock dies with its process (a killed
 * run leaves nothing to clean up). The first run here is another JVM that holds the lock as a
 * run would ({@link Holder}).
 */
class RunLockTest {
  @TempDir static Path dir;
  private static Path data;

  /** Holds the lock of the directory args[0] as a run does, until its stdin closes. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      RunLock.acquire(Path.of(args[0]));
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }

  @BeforeAll
  static void data() throws Exception {
    data = CsvFiles.regression(dir.resolve("d.csv"), 30, 0);
  }

  private static InProcess path(Path out) {
    return InProcess.run("path", "--data", data.toString(), "--target", "y", "--nlambda", "3",
        "--quiet", "--threads", "1", "--out", out.toString());
  }

  @Test
  void aSecondRunIntoADirectoryThatARunIsWriting_isRefused_andRunsOnceThatRunEnds()
      throws Exception {
    Path out = dir.resolve("shared");
    Process holder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Holder.class.getName(),
        // another spelling of the same directory: the lock goes by its real path
        dir.resolve(".").resolve("shared").toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(),
          StandardCharsets.US_ASCII));
      assertEquals("locked", said.readLine());
      InProcess r = path(out);
      assertEquals(2, r.exit(), r.err());
      assertEquals("--out " + out + ": another tikhonov run (process " + holder.pid() + ") is"
          + " writing this directory now; wait for it to end, or give another --out (two runs"
          + " in one directory would mix their files)", r.message());
      assertFalse(Files.exists(out), "the refused run wrote nothing");
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    // killed, the holder left its lock file, but no lock: the run goes on
    InProcess again = path(out);
    assertEquals(0, again.exit(), again.err());
    // and this process's command released its own lock: the next run into it goes on too
    InProcess third = path(out);
    assertEquals(0, third.exit(), third.err());
  }

  /**
   * {@code report DIR} rewrites report.html, charts/ and run.json. Drawn while a run into DIR
   * was at work, it read the earlier run's results and wrote its charts after the run's own:
   * the folder held the new run's results beside a report of the earlier run's (both exit 0).
   * It now takes the run's lock, and the run takes it from a report at work as from a run.
   */
  @Test
  void aReportOfADirectoryThatARunIsWriting_isRefused_andDrawnOnceThatRunEnds()
      throws Exception {
    Path out = dir.resolve("reported");
    InProcess first = path(out);
    assertEquals(0, first.exit(), first.err());
    byte[] report = Files.readAllBytes(out.resolve("report.html"));
    Process holder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Holder.class.getName(), out.toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(),
          StandardCharsets.US_ASCII));
      assertEquals("locked", said.readLine());
      InProcess r = InProcess.run("report", out.toString());
      assertEquals(2, r.exit(), r.err());
      assertEquals(out + ": another tikhonov run (process " + holder.pid() + ") is writing this"
          + " directory now; wait for it to end (a run draws its report when it ends): a report"
          + " drawn meanwhile would read some of the earlier run's files and could replace the"
          + " run's report with theirs", r.message());
      org.junit.jupiter.api.Assertions.assertArrayEquals(report,
          Files.readAllBytes(out.resolve("report.html")), "the refused report wrote nothing");
    } finally {
      holder.destroyForcibly();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    InProcess again = InProcess.run("report", out.toString());
    assertEquals(0, again.exit(), again.err());
    // the report's command released its lock: a run into the folder goes on
    InProcess run = path(out);
    assertEquals(0, run.exit(), run.err());
  }
}
