package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example data of data/ are what data/README.md says: every data file there (CSV, LIBSVM,
 * gzipped or not) has its SHA-256 listed in data/README.md, and every listed file is there with
 * that checksum, so a changed or added file comes with its provenance (data/make_data.py
 * prints the sums).
 */
class DataFilesTest {
  static final Path DATA = DocLinksTest.ROOT.resolve("data");
  static final Pattern SUM_LINE = Pattern.compile("^\\s+([0-9a-f]{64})\\s+(\\S+)\\s*$");
  static final Pattern DATA_FILE = Pattern.compile(".*\\.(csv|svm)(\\.gz)?");

  static Map<String, String> listedSums(Path readme) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      Matcher m = SUM_LINE.matcher(line);
      if (m.matches()) {
        out.put(m.group(2), m.group(1));
      }
    }
    return out;
  }

  static Map<String, String> actualSums(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (DATA_FILE.matcher(name).matches()) {
          out.put(name, sha256(Files.readAllBytes(file)));
        }
      }
    }
    return out;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  @Test
  void dataFolder_everyFile_hasTheChecksumItsReadmeLists() throws IOException {
    Map<String, String> actual = actualSums(DATA);
    assertTrue(actual.size() >= 5, "data files found in " + DATA.toAbsolutePath() + ": "
        + actual.keySet());
    assertEquals(listedSums(DATA.resolve("README.md")), actual,
        "data/README.md's SHA-256 list against the files of data/ (make_data.py prints them)");
  }
}
