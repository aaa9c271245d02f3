package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tikhonov writes as CSV, it reads back: names with line breaks, commas and quotes. */
class CsvOutputsTest {
  @TempDir Path dir;

  private static void ok(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
  }

  /** path.csv left a name with a line break unquoted: "path.csv:2: expected 5 fields". */
  @Test
  void pathCsv_namesWithLineBreakCommaAndQuote_readBack() throws Exception {
    Path data = dir.resolve("nl.csv");
    Files.writeString(data, "\"x\n1\",\"x,2\",\"x\"\"3\",y\n1,2,0,3.1\n2,1,1,4.9\n3,0.5,0,7.2\n"
        + "4,3,1,8.8\n5,2.5,0,11.1\n6,1.5,1,13\n7,0,0,15.2\n");
    ok("path", "--data", data.toString(), "--target", "y", "--nlambda", "3", "--quiet",
        "--out", dir.resolve("p").toString());
    Dataset back = CsvReader.read(dir.resolve("p/path.csv"), "lambda", TargetKind.REAL);
    assertEquals(List.of("df", "dev_ratio", "intercept", "x\n1", "x,2", "x\"3"),
        back.featureNames());
    assertEquals(3, back.numRows());
  }

  @Test
  void pathCsv_multinomialClassNamesWithCommas_readBack() throws Exception {
    Path data = dir.resolve("c.csv");
    StringBuilder csv = new StringBuilder("a,b,label\n");
    String[] classes = {"\"p,q\"", "r", "\"s\nt\""};
    for (int i = 0; i < 30; i++) {
      csv.append(i % 3 + 0.1 * i).append(',').append((i * 7) % 5).append(',')
          .append(classes[i % 3]).append('\n');
    }
    Files.writeString(data, csv);
    ok("path", "--data", data.toString(), "--target", "label", "--family", "multinomial",
        "--nlambda", "3", "--quiet", "--out", dir.resolve("m").toString());
    Dataset back = CsvReader.read(dir.resolve("m/path.csv"), "lambda", TargetKind.REAL);
    assertEquals(List.of("df", "dev_ratio", "intercept_p,q", "intercept_r", "intercept_s\nt",
        "a_p,q", "b_p,q", "a_r", "b_r", "a_s\nt", "b_s\nt"), back.featureNames());
  }
}
