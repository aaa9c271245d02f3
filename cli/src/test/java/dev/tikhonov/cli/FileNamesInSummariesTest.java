package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.internal.data.Numbers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file name with a line break (as find and tar may pass) in the summary lines of --out and
 * --save: each line names its file escaped ("p\x0ax"), so no line holds half a name (the
 * summary printed "  report: p" and "x/report.html" on two lines).
 */
class FileNamesInSummariesTest {
  @TempDir Path dir;

  @Test
  void pathSummary_namesOutAndSave_onOneLineEach() throws Exception {
    Path data = CsvFiles.regression(dir.resolve("d.csv"), 40, 0.1);
    Path out = dir.resolve("p\nx");
    Path save = dir.resolve("m\nz.model");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--out", out.toString(), "--save", save.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(save), "the model is written under its real name");
    assertTrue(Files.isRegularFile(out.resolve("path.json")), "the run too");
    String shown = Numbers.oneLine(dir.toString());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("x/") || l.startsWith("z.model")),
        r.out());
    assertTrue(r.out().contains(" to " + shown + "/m\\x0az.model"), r.out());
    assertTrue(r.out().contains("report: " + shown + "/p\\x0ax/report.html"), r.out());
    assertTrue(r.out().contains("wrote " + shown + "/p\\x0ax/path.json"), r.out());
  }

  @Test
  void oneLine_escapesLineBreaksAndControls_andShortensNothing() {
    String longName = "a".repeat(300) + ".csv";
    assertEquals(longName, Numbers.oneLine(longName));
    assertEquals("no\\x0asuch\\x0d\\x09.csv", Numbers.oneLine("no\nsuch\r\t.csv"));
    assertEquals("a\\u2028b\\u0085c", Numbers.oneLine("a\u2028b\u0085c"));
    assertEquals("dïab λ.csv", Numbers.oneLine("dïab λ.csv"));
  }
}
