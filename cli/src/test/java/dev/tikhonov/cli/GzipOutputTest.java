package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict --out p.csv.gz and evaluate --roc roc.csv.gz wrote plain text under a gzip name, which
 * pandas' read_csv, R's read.csv and zcat refuse ("Not a gzipped file"), as tikhonov's readers
 * take .gz inputs; a name ending in .gz is now written gzip'd, as pandas' to_csv does, and reads
 * back to the plain file's bytes.
 */
class GzipOutputTest {
  @TempDir Path dir;

  @Test
  void predictAndRocOut_endingInGz_areGzipOfThePlainFile() throws IOException {
    Path data = dir.resolve("d.csv");
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 7).append(',').append((i * 3) % 5).append(',').append(i % 2).append('\n');
    }
    Files.writeString(data, csv);
    Path model = dir.resolve("m.safetensors");
    ok("path", "--data", data.toString(), "--target", "y", "--family", "binomial",
        "--nlambda", "5", "--quiet", "--out", dir.resolve("run").toString(), "--save",
        model.toString());
    for (String name : new String[] {"p.csv", "P.CSV.GZ"}) {
      ok("predict", "--model", model.toString(), "--data", data.toString(), "--out",
          dir.resolve(name).toString());
    }
    ok("evaluate", "--model", model.toString(), "--data", data.toString(), "--target", "y",
        "--roc", dir.resolve("roc.csv").toString());
    ok("evaluate", "--model", model.toString(), "--data", data.toString(), "--target", "y",
        "--roc", dir.resolve("roc.csv.gz").toString());
    assertArrayEquals(Files.readAllBytes(dir.resolve("p.csv")), gunzip(dir.resolve("P.CSV.GZ")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("roc.csv")),
        gunzip(dir.resolve("roc.csv.gz")));
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static void ok(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
  }
}
