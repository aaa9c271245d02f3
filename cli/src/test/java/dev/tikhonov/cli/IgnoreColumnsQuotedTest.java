package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --ignore-columns with a column whose name holds a comma: the flag splits at commas, so the
 * name goes in double quotes as in CSV ('"a,1",b'). Before, picocli kept the quotes, the name
 * was not found, and the refusal suggested "a,1", which typed as it was split into a and 1.
 */
class IgnoreColumnsQuotedTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void file() throws Exception {
    StringBuilder csv = new StringBuilder("\"a,1\",x,\"say \"\"hi\"\"\",z,y\n");
    for (int i = 0; i < 40; i++) {
      double x = Math.sin(i);
      double z = Math.cos(3 * i);
      csv.append("r").append(i).append(',').append(x).append(",t").append(i).append(',')
          .append(z).append(',').append(2 * x - z).append('\n');
    }
    data = Files.writeString(dir.resolve("commas.csv"), csv).toString();
  }

  @Test
  void quotedNames_areTheColumns_inEveryCommandThatReadsACsv() {
    String ignore = "\"a,1\",\"say \"\"hi\"\"\"";
    InProcess train = InProcess.run("train", "--data", data, "--target", "y", "--model",
        "linear", "--ignore-columns", ignore, "--epochs", "2", "--quiet", "--threads", "1",
        "--out", dir.resolve("t").toString(), "--save", dir.resolve("m.model").toString());
    assertEquals(0, train.exit(), train.err());
    InProcess path = InProcess.run("path", "--data", data, "--target", "y", "--ignore-columns",
        ignore, "--quiet", "--out", dir.resolve("p").toString());
    assertEquals(0, path.exit(), path.err());
    InProcess predict = InProcess.run("predict", "--model", dir.resolve("m.model").toString(),
        "--data", data, "--ignore-columns", ignore, "--out",
        dir.resolve("pred.csv").toString());
    assertEquals(0, predict.exit(), predict.err());
    InProcess evaluate = InProcess.run("evaluate", "--model", dir.resolve("m.model").toString(),
        "--data", data, "--target", "y", "--ignore-columns", ignore);
    assertEquals(0, evaluate.exit(), evaluate.err());
  }

  @Test
  void suggestionsAndRemedies_nameTheColumnAsTheFlagTakesIt() {
    InProcess typo = InProcess.run("path", "--data", data, "--target", "y", "--ignore-columns",
        "\"A,1\",\"say \"\"hi\"\"\"", "--out", dir.resolve("typo").toString());
    assertEquals(2, typo.exit(), typo.err());
    assertEquals(List.of("tikhonov: error: --ignore-columns: " + data + ": no column \"A,1\" to"
        + " ignore; available columns: \"a,1\", \"x\", \"say \"hi\"\", \"z\", \"y\"; did you mean"
        + " \"a,1\"? (give it as --ignore-columns '\"a,1\"')"), typo.err().lines().toList());
    InProcess text = InProcess.run("train", "--data", data, "--target", "y", "--model",
        "linear", "--ignore-columns", "\"say \"\"hi\"\"\"", "--epochs", "1", "--out",
        dir.resolve("text").toString());
    assertEquals(2, text.exit(), text.err());
    assertTrue(text.err().strip().endsWith("can be left out with --ignore-columns '\"a,1\"'"),
        text.err());
  }

  @Test
  void unquote_takesCsvQuotesOff_andLeavesOtherNames() {
    assertEquals("a,1", ColumnNames.unquote("\"a,1\""));
    assertEquals("say \"hi\"", ColumnNames.unquote("\"say \"\"hi\"\"\""));
    assertEquals("id", ColumnNames.unquote("id"));
    assertEquals("\"", ColumnNames.unquote("\""));
    assertEquals("'\"a,1\"'", ColumnNames.flagWord("a,1"));
    assertEquals("id", ColumnNames.flagWord("id"));
  }
}
