package dev.tikhonov.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KFold#read}, the reader of {@code path --foldid FILE}, held to the data readers'
 * standard: each error names file:line(:column), what was expected and what was found; the
 * encodings and line ends that the CSV reader takes are taken alike.
 */
class KFoldReadTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertError(Path file, int rows, String expected) {
    InputException e = assertThrows(InputException.class, () -> KFold.read(file, rows));
    assertTrue(e.getMessage().equals(expected),
        () -> "message «" + e.getMessage() + "»\n   is not «" + expected + "»");
  }

  @Test
  void read_headerQuotesCrlfAndNoFinalLineEnd_readTheIds() throws IOException {
    Path file = write("f.csv", "\"fold\"\r\n\"2\"\r\n1\r\n\r\n2\r\n1");
    assertArrayEquals(new int[] {2, 1, 2, 1}, KFold.read(file, 4).foldIds());
  }

  /**
   * A UTF-8 byte order mark (Excel's "CSV UTF-8") is dropped: the first id read as a header
   * ("\uFEFF1" is no number) and the file came out one id short.
   */
  @Test
  void read_whenUtf8ByteOrderMark_readsTheFirstId() throws IOException {
    byte[] text = "1\n2\n1\n2\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bytes, 3, text.length);
    assertArrayEquals(new int[] {1, 2, 1, 2}, KFold.read(write("bom.csv", bytes), 4).foldIds());
  }

  /** Numbers written as floating point (numpy's savetxt: 1.000000000000000000e+00) are ids. */
  @Test
  void read_whenWholeNumbersInFloatingPoint_readsThem() throws IOException {
    Path file = write("np.txt", "1.000000000000000000e+00\n2.000000000000000000e+00\n2.0\n1\n");
    assertArrayEquals(new int[] {1, 2, 2, 1}, KFold.read(file, 4).foldIds());
  }

  @Test
  void read_whenNotANumber_namesLineColumnExpectedAndFound() throws IOException {
    assertError(write("t.csv", "fold\n1\n  two\n2\n"), 3,
        dir.resolve("t.csv") + ":3:3: expected a fold number 1..K, found \"two\"");
    assertError(write("h.csv", "1\nfold\n2\n"), 2,
        dir.resolve("h.csv") + ":2:1: expected a fold number 1..K, found \"fold\"");
    assertError(write("x.csv", "1\n1.5\n2\n"), 3,
        dir.resolve("x.csv") + ":2:1: expected a whole fold number 1..K, found \"1.5\"");
  }

  /** R's write.csv(foldid) writes row names before each id unless row.names = FALSE. */
  @Test
  void read_whenRowNames_saysOneNumberPerLine() throws IOException {
    assertError(write("r.csv", "\"\",\"x\"\n\"1\",2\n\"2\",1\n"), 2,
        dir.resolve("r.csv") + ":2:1: expected one fold number per line, found more than one"
            + " field: \"1\",2 (row names? R writes none with write.csv(..., row.names ="
            + " FALSE))");
  }

  @Test
  void read_whenIdOutOfRange_namesLineAndRange() throws IOException {
    assertError(write("o.csv", "1\n2\n0\n"), 3, dir.resolve("o.csv")
        + ":3:1: fold 0 is out of range; fold numbers run from 1 to K ≤ 3 (the number of data"
        + " rows)");
  }

  @Test
  void read_whenAFoldHasNoRows_namesTheFileTheFoldAndK() throws IOException {
    assertError(write("e.csv", "1\n3\n1\n3\n"), 4, dir.resolve("e.csv")
        + ": fold 2 of 1..3 has no rows among the 4 data rows; every fold number from 1 to K = 3"
        + " (the largest there) needs at least one row");
    assertError(write("one.csv", "1\n1\n1\n"), 3, dir.resolve("one.csv")
        + ": every fold number of the 3 data rows is 1; cross-validation needs at least 2 folds");
  }

  /**
   * The check read makes is public, for ids from elsewhere (the CLI's --fold-column, a column
   * of the data): the same refusals, with the caller's words for where the ids came from and
   * which rows they are of. Before, the CLI repeated read's check in its own words.
   */
  @Test
  void given_refusesWhatReadRefuses_inTheCallersWords() {
    int[] ids = {2, 1, 2, 1};
    KFold k = KFold.given(ids, "column \"fold\" of d.csv", "rows");
    assertEquals(new KFold(ids, 2), k);
    ids[0] = 1;
    assertEquals(2, k.foldIds()[0], "the ids are copied");
    String[][] cases = {
      {"1,3,1,3", "column \"fold\" of d.csv: fold 2 of 1..3 has no rows among the 4 training"
          + " rows; every fold number from 1 to K = 3 (the largest there) needs at least one row"},
      {"1,1,1", "column \"fold\" of d.csv: every fold number of the 3 training rows is 1;"
          + " cross-validation needs at least 2 folds"},
      {"", "column \"fold\" of d.csv: there are no training rows; cross-validation needs at"
          + " least 2 folds"},
      {"1,0,2", "column \"fold\" of d.csv: row 2 of the 3 training rows has fold 0; fold"
          + " numbers run from 1 to K"},
    };
    for (String[] c : cases) {
      int[] given = c[0].isEmpty() ? new int[0]
          : java.util.Arrays.stream(c[0].split(",")).mapToInt(Integer::parseInt).toArray();
      InputException e = assertThrows(InputException.class,
          () -> KFold.given(given, "column \"fold\" of d.csv", "training rows"));
      assertEquals(c[1], e.getMessage(), c[0]);
    }
  }

  @Test
  void read_whenRowCountWrong_namesExpectedAndFound() throws IOException {
    assertError(write("few.csv", "1\n2\n"), 3, dir.resolve("few.csv")
        + ": 2 fold ids for 3 data rows; expected one fold id per data row, in the data's order");
    assertError(write("many.csv", "fold\n1\n2\n1\n"), 2, dir.resolve("many.csv")
        + ":4:1: a fold id for row 3, but the data have 2 rows; expected one fold id per data"
        + " row");
  }

  /** UTF-16 is named as such (its zero bytes made "1\0" no number); bad UTF-8 is placed. */
  @Test
  void read_whenNotUtf8_namesTheEncodingOrThePlace() throws IOException {
    Path utf16 = write("u16.csv", "1\n2\n1\n".getBytes(StandardCharsets.UTF_16LE));
    InputException e = assertThrows(InputException.class, () -> KFold.read(utf16, 3));
    assertTrue(e.getMessage().startsWith(utf16 + ": UTF-16LE text"), e.getMessage());
    Path latin1 = write("l1.csv", new byte[] {'1', '\n', '2', (byte) 0xE9, '\n'});
    e = assertThrows(InputException.class, () -> KFold.read(latin1, 2));
    assertTrue(e.getMessage().startsWith(latin1 + ":2:2: not valid UTF-8 text (byte 0xE9 at"
        + " character 2 of the line"), e.getMessage());
  }

  @Test
  void read_whenMissing_saysFoldIdFileNotFound() {
    assertError(dir.resolve("none.csv"), 3, dir.resolve("none.csv") + ": fold-id file not found");
  }
}
