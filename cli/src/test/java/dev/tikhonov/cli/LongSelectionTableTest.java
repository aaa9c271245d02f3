package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * select over more λ than a table is read through (--lambdas from an @argfile, --nlambda):
 * its summary and its report printed one row per λ, 5,000 lines that scrolled the header and
 * the chosen λ out of sight. Above 100 λ both show the first, the last and the marked λ, "…"
 * where λ are left out, and name the files that have every λ.
 */
class LongSelectionTableTest {
  @TempDir Path dir;

  @Test
  void select_ofMoreThan100Lambdas_showsTheFirstLastAndMarkedOnes() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(Math.sin(i)).append(',').append(Math.cos(3 * i)).append(',')
          .append(Math.sin(i) > 0 ? "up" : "down").append('\n');
    }
    Path data = Files.writeString(dir.resolve("d.csv"), csv);
    Path out = dir.resolve("run");
    InProcess r = InProcess.run("select", "--data", data.toString(), "--target", "y",
        "--model", "mlp:4", "--epochs", "1", "--nlambda", "150", "--folds", "2",
        "--no-evidence", "--threads", "1", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    List<String> table = r.out().lines().filter(l -> l.startsWith("  ")).toList();
    long rows = table.stream().filter(l -> l.matches("  \\d.*")).count();
    assertTrue(rows >= 2 && rows <= 4, r.out()); // first, last, λ_min, λ_1se
    assertTrue(table.stream().anyMatch(l -> l.contains("λ_min")), r.out());
    assertTrue(table.stream().anyMatch(l -> l.matches("  …\\s+\\(\\d+ λ\\)")), r.out());
    assertTrue(r.out().contains("  of 150 λ, the first, the last and the marked ones; every λ is"
        + " in " + out.resolve("selection.csv") + " and " + out.resolve("selection.json")),
        r.out());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<p class=\"note\">Of 150 λ, the first, the last, λ_min, λ_1se,"
        + " the chosen one and the evidence's maximum; selection.csv and selection.json have"
        + " every λ.</p>"), "the report's note");
    assertTrue(html.contains("(chosen)</td>") && html.contains("<td>… ("), "rows and gaps");
    assertEquals(150, Files.readAllLines(out.resolve("selection.csv")).size() - 1,
        "the file has every λ");
  }
}
