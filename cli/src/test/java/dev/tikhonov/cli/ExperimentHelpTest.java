package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code experiment --help} lists the four experiments as a definition list: each name at
 * column 2, every description (first and continuation lines) starting at one column, no line
 * wider than 80 columns, so the list reads the same in an 80- and a 120-column terminal.
 * ridge-vs-lasso's and mnist-select's descriptions started after their names (columns 18 and 16)
 * and continued at column 13, under their own names.
 */
class ExperimentHelpTest {
  private static final Pattern NAME_LINE = Pattern.compile("^  (\\S+)( +)\\S.*");

  @Test
  void help_listsEveryExperiment_withOneHangingIndent_within80Columns() {
    InProcess r = InProcess.run("experiment", "--help");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    int first = lines.indexOf("Run a named experiment and write its tables and files to --out.");
    assertTrue(first >= 0, r.out());
    // the description: from that line to the first option line
    List<String> description = new ArrayList<>();
    for (int i = first; i < lines.size() && !lines.get(i).trim().startsWith("NAME "); i++) {
      description.add(lines.get(i));
    }
    List<String> names = new ArrayList<>();
    int column = -1;
    boolean inList = false;
    for (String line : description) {
      assertTrue(line.length() <= 80, "wider than 80 columns (" + line.length() + "): " + line);
      Matcher m = NAME_LINE.matcher(line);
      if (m.matches()) {
        names.add(m.group(1));
        int start = 2 + m.group(1).length() + m.group(2).length();
        if (column < 0) {
          column = start;
        }
        assertEquals(column, start, "description of " + m.group(1) + " starts at its own column: "
            + line);
        inList = true;
      } else if (inList && !line.isBlank()) {
        assertEquals(column, line.length() - line.stripLeading().length(),
            "continuation line indented otherwise: " + line);
      } else if (line.isBlank()) {
        inList = false;
      }
    }
    assertEquals(List.of("mnist-l2", "gd-linear", "ridge-vs-lasso", "mnist-select"), names,
        r.out());
  }

  /** --quick said what it does to mnist-l2 alone, and "a minute or two" (each takes seconds). */
  @Test
  void help_quick_saysWhatItDoesToEachExperiment() {
    InProcess r = InProcess.run("experiment", "--help");
    String out = r.out().replaceAll("\\s+", " ");
    int quick = out.indexOf("--quick ");
    String text = out.substring(quick, out.indexOf("--seeds=", quick));
    for (String name : List.of("mnist-l2", "gd-linear", "ridge-vs-lasso", "mnist-select")) {
      assertTrue(text.contains(name), name + " missing from " + text);
    }
  }

  /**
   * --json said "one JSON object" and --quiet "only the final table"; an experiment prints
   * results.json's array of rows, and its settings lines still print with --quiet.
   */
  @Test
  void help_jsonAndQuiet_sayWhatAnExperimentPrints() {
    String out = InProcess.run("experiment", "--help").out().replaceAll("\\s+", " ");
    assertTrue(out.contains("experiment: results.json's rows, an array"), out);
    assertTrue(!out.contains("only the final table"), out);
  }
}
