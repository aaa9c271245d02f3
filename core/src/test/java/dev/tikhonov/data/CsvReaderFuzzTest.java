package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tikhonov.tensor.Matrix;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link CsvReader}: for any bytes, the reader returns a finite data
 * set or throws an {@link InputException} that names the source; any other exception, a hang or
 * running out of memory is a finding. {@code mvn verify} replays the corpus in
 * {@code CsvReaderFuzzTestInputs/}; {@code mvn -Pfuzz} fuzzes (see docs/bad-input.md).
 */
class CsvReaderFuzzTest {
  private static final String SOURCE = "fuzz.csv";

  @FuzzTest(maxDuration = "30s")
  void read(FuzzedDataProvider data) {
    // Options come from the end of the input, the file from the front.
    TargetKind kind = data.consumeBoolean() ? TargetKind.CLASS : TargetKind.REAL;
    boolean header = !data.consumeBoolean();
    boolean predictionInput = data.consumeBoolean();
    char delimiter = data.pickValue(new Character[] {CsvOptions.AUTO, ',', ';', '\t', ' ', '|'});
    CsvOptions options = CsvOptions.defaults().withDelimiter(delimiter).withHeader(header);
    byte[] text = data.consumeRemainingAsBytes();
    try {
      if (predictionInput) {
        List<String> columns = header ? List.of("a", "b") : List.of("1", "2");
        double[][] x =
            CsvReader.readFeatures(new ByteArrayInputStream(text), SOURCE, columns, options);
        assertTrue(x.length > 0 && java.util.Arrays.stream(x).allMatch(
            row -> row.length == 2 && Double.isFinite(row[0]) && Double.isFinite(row[1])));
      } else {
        Dataset d = CsvReader.read(
            new ByteArrayInputStream(text), SOURCE, header ? "y" : "2", kind, options);
        assertTrue(d.numRows() > 0 && d.numFeatures() > 0);
        assertTrue(d.features().allFinite() && d.targetMatrix().allFinite());
      }
    } catch (InputException e) {
      assertTrue(e.getMessage().startsWith(SOURCE), e.getMessage());
    }
  }
}
