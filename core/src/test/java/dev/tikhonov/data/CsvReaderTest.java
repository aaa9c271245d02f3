package dev.tikhonov.data;

import static dev.tikhonov.data.TestFiles.assertInputError;
import static dev.tikhonov.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.tensor.Matrix;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  @TempDir Path dir;

  /**
   * The stream readers refuse a null source name (or stream, or options) before reading: it
   * surfaced only with the input's first error, as a NullPointerException from building the
   * message that was to name it, so good input read and bad input failed obscurely.
   */
  @Test
  void streamReaders_nullSourceName_isRefusedBeforeReading() {
    byte[] bad = "a,y\n1,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] idx = {0, 0, 8, 1, 0, 0, 0, 1, 7};
    List<org.junit.jupiter.api.function.Executable> reads = List.of(
        () -> CsvReader.read(new java.io.ByteArrayInputStream(bad), null, "y",
            TargetKind.CLASS, CsvOptions.defaults()),
        () -> CsvReader.readFeatures(new java.io.ByteArrayInputStream(bad), null,
            List.of("a"), CsvOptions.defaults()),
        () -> CsvReader.readLabelled(new java.io.ByteArrayInputStream(bad), null, List.of("a"),
            "y", List.of("1"), CsvOptions.defaults()),
        () -> LibsvmReader.read(new java.io.ByteArrayInputStream(bad), null, TargetKind.REAL, 0),
        () -> IdxReader.read(new java.io.ByteArrayInputStream(idx), null));
    for (org.junit.jupiter.api.function.Executable read : reads) {
      NullPointerException e = assertThrows(NullPointerException.class, read);
      assertEquals("sourceName", e.getMessage());
    }
    // and readLabelled's classes by name too (List.copyOf's NullPointerException had none)
    NullPointerException classes = assertThrows(NullPointerException.class,
        () -> CsvReader.readLabelled(new java.io.ByteArrayInputStream(bad), "in.csv",
            List.of("a"), "y", null, CsvOptions.defaults()));
    assertEquals("classes", classes.getMessage());
  }

  /** A copy of ../shared/ref in the test resources (gzipped where large; the reader unzips). */
  static Path reference(String name) {
    try {
      return Path.of(CsvReaderTest.class.getResource("/ref/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void read_realTarget_splitsFeaturesAndTarget() {
    Path file = write(dir, "data.csv", "a,y,b\n1,10,2\n3,20,4.5e0\n");
    Dataset d = CsvReader.read(file, "y", TargetKind.REAL);
    assertEquals(List.of("a", "b"), d.featureNames());
    assertArrayEquals(new float[] {1, 2, 3, 4.5f}, d.features().toArray());
    assertArrayEquals(new double[] {10, 20}, d.targets());
    assertEquals(file.toString(), d.source());
    assertEquals(0, d.numClasses());
  }

  @Test
  void read_classTarget_mapsNumericLabelsInNumericOrder() {
    Path file = write(dir, "data.csv", "x,y\n1,10\n2,-1\n3,2\n4,10\n");
    Dataset d = CsvReader.read(file, "y", TargetKind.CLASS);
    assertEquals(List.of("-1", "2", "10"), d.classNames());
    assertArrayEquals(new double[] {2, 0, 1, 2}, d.targets());
  }

  /**
   * A column of numbers holds their values: 1, 1.0 and +1 are one class, 010 and 10 another,
   * named by the shortest plain decimal, as pandas' read_csv and R's factor(y) take them (they
   * were five classes ordered [1, +1, 1.0, 2, 010, 10], and evaluate matched 1.0 to class 1).
   */
  @Test
  void read_classTarget_numbersSpelledDifferently_areOneClassPerValue() {
    Path file = write(dir, "data.csv", "x,y\n1,1\n2,1.0\n3,2\n4,010\n5,10\n6,+1\n7,2.50\n");
    Dataset d = CsvReader.read(file, "y", TargetKind.CLASS);
    assertEquals(List.of("1", "2", "2.5", "10"), d.classNames());
    assertArrayEquals(new double[] {0, 0, 1, 3, 3, 0, 2}, d.targets());
  }

  /**
   * A label whose exponent is far below double's range reads as 0.0 and is a number, exactly
   * 10⁻⁹⁹⁹⁹⁹⁹⁹⁹: its name took toPlainString's billion characters (an OutOfMemoryError from a
   * five-row file). Named with its exponent, it stays a class apart from 0.
   */
  @Test
  @org.junit.jupiter.api.Timeout(10)
  void read_classTarget_aTinyExponent_isNamedWithItNotWrittenOut() {
    Path file = write(dir, "data.csv", "x,y\n1,1e-999999999\n2,0\n3,1E+999999\n4,0\n");
    // 1E+999999 overflows double: not a number, so the labels are text, one class per string
    assertEquals(List.of("0", "1E+999999", "1e-999999999"),
        CsvReader.read(file, "y", TargetKind.CLASS).classNames());
    Path tiny = write(dir, "tiny.csv", "x,y\n1,1e-999999999\n2,0\n3,-2.5e-400\n");
    assertEquals(List.of("-2.5E-400", "0", "1E-999999999"),
        CsvReader.read(tiny, "y", TargetKind.CLASS).classNames());
  }

  @Test
  void read_classTarget_mapsStringLabelsInLexicographicOrder() {
    Path file = write(dir, "data.csv", "x,species\n1,setosa\n2,virginica\n3,versicolor\n");
    Dataset d = CsvReader.read(file, "species", TargetKind.CLASS);
    assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
    assertArrayEquals(new double[] {0, 2, 1}, d.targets());
  }

  @Test
  void read_quotedFieldsCrlfAndSemicolons_followRfc4180() {
    String text = "\"a;1\";\"b \"\"q\"\"\";y\r\n\"1.5\"; 2 ;\"x\ny\"\r\n3;4;z\r\n";
    Path file = write(dir, "semi.csv", text);
    Dataset d = CsvReader.read(file, "y", TargetKind.CLASS);
    assertEquals(List.of("a;1", "b \"q\""), d.featureNames());
    assertArrayEquals(new float[] {1.5f, 2, 3, 4}, d.features().toArray());
    assertEquals(List.of("x\ny", "z"), d.classNames());
  }

  @Test
  void read_tabDelimitedWithBomAndBlankLines_detectsTab() {
    Path file = write(dir, "data.tsv", "\uFEFFa\tb\ty\n\n1\t2\t0\n\n3\t4\t1\n");
    Dataset d = CsvReader.read(file, "y", TargetKind.CLASS);
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(2, d.numRows());
  }

  /**
   * A user's file with an id and a free-text column beside the numbers: without a way to leave
   * them out it could not be read at all ("expected a number, found "r1"").
   */
  @Test
  void read_withIgnoredColumns_leavesThemOutOfFeaturesAndTarget() {
    Path file = write(dir, "people.csv", "id,a,note,y,b\nr1,1,tall,10,2\nr2,3,,20,4\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        ":2:1 (column \"id\"): expected a number");
    Dataset d = CsvReader.read(file, "y", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "note"));
    assertEquals(List.of("a", "b"), d.featureNames());
    assertArrayEquals(new float[] {1, 2, 3, 4}, d.features().toArray());
    assertArrayEquals(new double[] {10, 20}, d.targets());
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("ID")),
        "people.csv: no column \"ID\" to ignore; available columns: \"id\", \"a\"");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("y")),
        "people.csv: column \"y\" is the target; it cannot also be ignored");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL,
        CsvOptions.defaults().withIgnoredColumns("id", "a", "note", "b")),
        "no feature columns; the only columns are the target \"y\" and the ignored \"id\"");
    assertThrows(IllegalArgumentException.class,
        () -> CsvOptions.defaults().withIgnoredColumns("id", "id"));
  }

  /**
   * The problems of ignoredColumns say so by {@link InputException#setting()}, not only in their
   * text, so that the CLI can name its --ignore-columns flag however the message is worded.
   */
  @Test
  void read_withBadIgnoredColumns_namesTheSettingTyped() {
    Path file = write(dir, "people.csv", "id,a,y\nr1,1,10\nr2,3,20\n");
    for (String[] bad : new String[][] {{"ID"}, {"y"}, {"id", "a"}}) {
      InputException e = assertThrows(InputException.class, () -> CsvReader.read(file, "y",
          TargetKind.REAL, CsvOptions.defaults().withIgnoredColumns(bad)));
      assertEquals(java.util.Optional.of("ignoredColumns"), e.setting(), e.getMessage());
      assertEquals(e.getMessage(), "ignoredColumns" + e.afterSetting());
    }
    InputException twice = assertInputError(
        () -> CsvOptions.defaults().withIgnoredColumns("id", "a", "id"),
        "ignoredColumns must be distinct; \"id\" is given twice (values 1 and 3)");
    assertEquals(java.util.Optional.of("ignoredColumns"), twice.setting());
    InputException plain = assertInputError(() -> CsvReader.read(file, "nope", TargetKind.REAL),
        "no target column");
    assertEquals(java.util.Optional.empty(), plain.setting());
  }

  /**
   * Rows read for a model leave out every column it does not take anyway; a column named to
   * be ignored must still exist and be neither one the model takes nor the target, so that the
   * same --ignore-columns works at training and at prediction and a slip is not passed over.
   */
  @Test
  void readFeaturesAndLabelled_withIgnoredColumns_checkThem() {
    Path file = write(dir, "new.csv", "id,a,b,y\nr1,1,2,0\nr2,3,4,1\n");
    CsvOptions ignoreId = CsvOptions.defaults().withIgnoredColumns("id");
    assertArrayEquals(new double[][] {{2, 1}, {4, 3}},
        CsvReader.readFeatures(file, List.of("b", "a"), ignoreId));
    Dataset d = CsvReader.readLabelled(file, List.of("a", "b"), "y", List.of(), ignoreId);
    assertArrayEquals(new double[] {0, 1}, d.targets());
    InputException e = assertInputError(() -> CsvReader.readFeatures(file, List.of("a"),
        CsvOptions.defaults().withIgnoredColumns("ID")),
        "new.csv: no column \"ID\" to ignore; available columns: \"id\", \"a\"");
    assertEquals(java.util.Optional.of("ignoredColumns"), e.setting());
    assertInputError(() -> CsvReader.readFeatures(file, List.of("a", "b"),
        CsvOptions.defaults().withIgnoredColumns("b")),
        "new.csv: column \"b\" is one the model takes as input; it cannot be ignored");
    assertInputError(() -> CsvReader.readLabelled(file, List.of("a"), "y", List.of(),
        CsvOptions.defaults().withIgnoredColumns("y")),
        "new.csv: column \"y\" is the target; it cannot also be ignored");
    assertInputError(() -> CsvReader.readLabelled(file, List.of("a"), "y", List.of(),
        CsvOptions.defaults().withIgnoredColumns("a")), "\"a\" is one the model takes");
  }

  @Test
  void read_withoutHeader_namesColumnsByNumber() {
    Path file = write(dir, "plain.csv", "1,2,0\n3,4,1\n");
    Dataset d = CsvReader.read(file, "3", TargetKind.CLASS, CsvOptions.defaults().withHeader(false));
    assertEquals(List.of("1", "2"), d.featureNames());
    assertArrayEquals(new float[] {1, 2, 3, 4}, d.features().toArray());
  }

  @Test
  void read_referenceGaussCsv_gives1000RowsOf50Features() {
    Dataset d = CsvReader.read(reference("gauss.csv.gz"), "y", TargetKind.REAL);
    assertEquals(1000, d.numRows());
    assertEquals(50, d.numFeatures());
    assertEquals("x1", d.featureNames().get(0));
    assertEquals(0.792456434342222, d.features().get(0, 0), 1e-7);
    assertEquals(4.3547960700884, d.target(0), 1e-6);
  }

  @Test
  void read_referenceMultiCsv_givesThreeClasses() {
    Dataset d = CsvReader.read(reference("multi.csv"), "y", TargetKind.CLASS);
    assertEquals(List.of("0", "1", "2"), d.classNames());
    assertEquals(600, d.numRows());
  }

  /**
   * Text in a column taken as a feature (an id the user did not think of) says how to leave the
   * column out, and keeps the problem and the column apart for a caller with other words for
   * the remedy; a missing value is no such text, and neither is text in the target or in a
   * model's own columns at prediction (leaving those out is no remedy).
   */
  @Test
  void read_whenTextInFeature_namesTheRemedy_onlyThere() {
    Path file = write(dir, "ids.csv", "my id,a,y\nr1,1,10\nr2,3,20\n");
    TextColumnException e = assertThrows(TextColumnException.class,
        () -> CsvReader.read(file, "y", TargetKind.REAL));
    assertEquals(file + ":2:1 (column \"my id\"): expected a number, found \"r1\"", e.problem());
    assertEquals("my id", e.column());
    assertEquals(e.problem() + "; a column of text (an id, a name) can be left out of the data"
        + " with CsvOptions.withIgnoredColumns(\"my id\")", e.getMessage());
    Path missing = write(dir, "na.csv", "a,y\nNA,10\n");
    assertFalse(assertThrows(InputException.class,
        () -> CsvReader.read(missing, "y", TargetKind.REAL)) instanceof TextColumnException);
    Path target = write(dir, "target.csv", "a,y\n1,ten\n");
    assertFalse(assertThrows(InputException.class,
        () -> CsvReader.read(target, "y", TargetKind.REAL)) instanceof TextColumnException);
    assertFalse(assertThrows(InputException.class,
        () -> CsvReader.readFeatures(file, List.of("my id", "a"))) instanceof TextColumnException);
  }

  /**
   * Text in the target of a model that predicts numbers says that a classifier fits class
   * labels, with the problem and the column apart as {@link TextColumnException} keeps them; a
   * missing value or a decimal comma there is no such text.
   */
  @Test
  void read_whenTextInRealTarget_namesTheClassifierRemedy() {
    Path file = write(dir, "labels.csv", "a,kind\n1,cat\n2,dog\n");
    TextTargetException e = assertThrows(TextTargetException.class,
        () -> CsvReader.read(file, "kind", TargetKind.REAL));
    assertEquals(file + ":2:2 (column \"kind\"): expected a number, found \"cat\"", e.problem());
    assertEquals("kind", e.column());
    assertEquals(e.problem() + "; the target holds text, and a model that predicts numbers"
        + " cannot fit it: if \"kind\" holds class labels, read it as TargetKind.CLASS to fit a"
        + " classifier", e.getMessage());
    Path missing = write(dir, "na-target.csv", "a,y\n1,NA\n");
    assertFalse(assertThrows(InputException.class,
        () -> CsvReader.read(missing, "y", TargetKind.REAL)) instanceof TextTargetException);
    Path comma = write(dir, "comma-target.csv", "a;y\n1;1,5\n");
    assertFalse(assertThrows(InputException.class,
        () -> CsvReader.read(comma, "y", TargetKind.REAL)) instanceof TextTargetException);
  }

  @Test
  void read_whenTextInFeature_namesLineColumnAndHeader() {
    Path file = write(dir, "data.csv", "id,y,age\n1,0,30\n2,1,abc\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":3:3 (column \"age\"): expected a number, found \"abc\"");
  }

  @Test
  void read_whenNaNInFeature_saysNaNNotAllowed() {
    Path file = write(dir, "data.csv", "a,b,y\n1,2,3\n4,NaN,6\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":3:2 (column \"b\"): NaN is not allowed");
  }

  @Test
  void read_whenInfinityInTarget_saysInfiniteNotAllowed() {
    Path file = write(dir, "data.csv", "a,y\n1,-Infinity\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:2 (column \"y\"): \"-Infinity\": infinite values are not allowed");
  }

  @Test
  void read_whenEmptyCellOrNA_saysMissingNotAllowed() {
    Path empty = write(dir, "empty.csv", "a,b,y\n1,,3\n");
    assertInputError(() -> CsvReader.read(empty, "y", TargetKind.REAL),
        empty + ":2:2 (column \"b\"): empty cell; missing values are not allowed");
    Path na = write(dir, "na.csv", "a,b,y\n1,2,3\nNA,2,3\n");
    assertInputError(() -> CsvReader.read(na, "y", TargetKind.REAL),
        na + ":3:1 (column \"a\"): missing value \"NA\" is not allowed");
  }

  @Test
  void read_whenValueOverflowsFloat_saysOutOfRange() {
    Path file = write(dir, "big.csv", "a,y\n1e39,1\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:1 (column \"a\"): value \"1e39\" is outside the float32 range");
  }

  @Test
  void read_whenAColumnLiesBelowFloat32_refusesItNamingTheColumnAndTheRescaling() {
    // x1 of a good file times 1e-300: float32 held zeros, and the linear fits' double
    // standardization took the column for a constant (its squares underflow), without a word
    Path file = write(dir, "tiny.csv", "x1,x2,y\n1.25e-301,0.5,1\n-1.05e-301,0.25,2\n"
        + "3e-302,0.75,3\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + " (column \"x1\"): holds 1.25e-301, below 1.18e-38, float32's smallest normal"
            + " number, and within float32's 24 bits of the column's largest magnitude"
            + " 1.25e-301: float32, the precision models train in, would round it to 0 or keep"
            + " few of its digits; rescale the column (multiply it by 1e301, say)");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.CLASS),
        file + " (column \"x1\"): holds 1.25e-301");
    Path target = write(dir, "tinyy.csv", "a,y\n1,1e-40\n2,-3e-39\n3,0\n");
    assertInputError(() -> CsvReader.read(target, "y", TargetKind.REAL),
        target + " (column \"y\"): holds 3.00e-39, below 1.18e-38");
    // a 1e-40 beside 1e-35: 1e-5 of the largest, digits that matter, which float32 loses
    Path beside = write(dir, "beside.csv", "a,y\n1e-35,1\n1e-40,2\n");
    assertInputError(() -> CsvReader.read(beside, "y", TargetKind.REAL),
        beside + " (column \"a\"): holds 1.00e-40, below 1.18e-38, float32's smallest normal"
            + " number, and within float32's 24 bits of the column's largest magnitude 1.00e-35");
  }

  @Test
  void read_whenTinyValuesLieBelowTheirColumnsResolution_readsThemAsGiven() {
    double smallest = 0x1p-102; // 2^24 · float32's smallest normal
    // a column of 8e-35 is normal float32 numbers, full digits: read (and a target of them)
    Path file = write(dir, "fine.csv", "p,z,edge,normal,y\n1e-50,0,"
        + smallest + ",8e-35,1e-35\n0.5,0,1e-45,3e-35,2e-35\n1,0,0,1e-45,3e-35\n");
    Dataset d = CsvReader.read(file, "y", TargetKind.REAL);
    assertEquals(1e-50, d.feature(0, 0), 0);
    assertEquals(smallest, d.feature(0, 2), 0);
    assertEquals(1e-45, d.feature(1, 2), 0);
    assertEquals(8e-35, d.feature(0, 3), 0);
    assertEquals(1e-45, d.feature(2, 3), 0); // 1.25e-11 of 8e-35: below float32's resolution
    assertEquals(1e-35, d.target(0), 0);
    // the first value below float32's normal numbers that is 2^-24 of the column's largest
    Path edge = write(dir, "edge.csv", "edge,y\n1e-35,1\n" + 0x1p-24 * 1e-35 + ",2\n");
    assertInputError(() -> CsvReader.read(edge, "y", TargetKind.REAL),
        edge + " (column \"edge\"): holds 5.96e-43");
    Path under = write(dir, "under.csv", "edge,y\n1e-35,1\n"
        + Math.nextDown(0x1p-24 * 1e-35) + ",2\n");
    assertEquals(1e-35, CsvReader.read(under, "y", TargetKind.REAL).feature(0, 0), 0);
    // prediction input is not refused: what matters there is the model's scale, not the column's
    Path input = write(dir, "input.csv", "edge,y\n1e-300,1e-300\n");
    assertEquals(1e-300, CsvReader.readFeatures(input, List.of("edge"))[0][0], 0);
    assertEquals(1e-300, CsvReader.read(input, "y", TargetKind.UNUSED).feature(0, 0), 0);
  }

  @Test
  void read_whenRowRagged_namesLineAndCounts() {
    Path file = write(dir, "data.csv", "a,b,y\n1,2,3\n4,5\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":3: expected 3 fields (as in the first line), found 2");
  }

  @Test
  void read_whenTargetColumnMissing_listsAvailableColumns() {
    Path file = write(dir, "data.csv", "a,b,label\n1,2,3\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ": no target column \"y\"; available columns: \"a\", \"b\", \"label\"");
  }

  /**
   * A target or ignored column mistyped, or in another case, gets the close column after the
   * list: it is found among a wide header's columns the list cuts at 30.
   */
  @Test
  void read_whenAColumnIsMistyped_suggestsTheCloseOne() {
    Path file = write(dir, "data.csv", "a,b,cultivar\n1,2,3\n");
    assertInputError(() -> CsvReader.read(file, "CULTIVR", TargetKind.REAL),
        file + ": no target column \"CULTIVR\"; available columns: \"a\", \"b\", \"cultivar\";"
            + " did you mean \"cultivar\"?");
    assertInputError(() -> CsvReader.read(file, "a", TargetKind.REAL,
            CsvOptions.defaults().withIgnoredColumns("B")),
        "ignoredColumns: " + file + ": no column \"B\" to ignore; available columns: \"a\","
            + " \"b\", \"cultivar\"; did you mean \"b\"?");
    StringBuilder wide = new StringBuilder("label");
    for (int j = 0; j < 784; j++) {
      wide.append(",pixel").append(j);
    }
    Path mnist = write(dir, "mnist.csv", wide + "\n" + "0,".repeat(784) + "0\n");
    assertInputError(() -> CsvReader.read(mnist, "pixel_700", TargetKind.REAL),
        mnist + ": no target column \"pixel_700\"; available columns: \"label\", \"pixel0\","
            + " \"pixel1\", \"pixel2\", \"pixel3\", \"pixel4\", \"pixel5\", \"pixel6\", \"pixel7\","
            + " \"pixel8\", \"pixel9\", \"pixel10\", \"pixel11\", \"pixel12\", \"pixel13\","
            + " \"pixel14\", \"pixel15\", \"pixel16\", \"pixel17\", \"pixel18\", \"pixel19\","
            + " \"pixel20\", \"pixel21\", \"pixel22\", \"pixel23\", \"pixel24\", \"pixel25\","
            + " \"pixel26\", \"pixel27\", \"pixel28\", … (755 more); did you mean \"pixel700\"?");
  }

  /**
   * A file without a header line, read as if it had one: its first row of numbers became the
   * column names ("available columns: \"1\", \"2\", \"3\"" read as if the columns were
   * numbered), and nothing said that a header was what was missing.
   */
  @Test
  void read_whenTheHeaderHoldsOnlyNumbers_saysAHeaderLineMayBeMissing() {
    Path file = write(dir, "data.csv", "1,2.5,3\n4,5,6\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ": no target column \"y\"; available columns: \"1\", \"2.5\", \"3\"; the first"
            + " line, read as the header, holds only numbers: if the file has no header line,"
            + " it needs one naming the columns");
    Path named = write(dir, "named.csv", "1,b,3\n4,5,6\n");
    assertEquals(named + ": no target column \"y\"; available columns: \"1\", \"b\", \"3\"",
        assertInputError(() -> CsvReader.read(named, "y", TargetKind.REAL)).getMessage(),
        "a header with a name is a header");
  }

  @Test
  void read_whenEmptyOrHeaderOnly_saysNoDataRows() {
    Path empty = write(dir, "empty.csv", "");
    assertInputError(() -> CsvReader.read(empty, "y", TargetKind.REAL),
        empty + ": empty file; expected a header line and data rows");
    Path header = write(dir, "header.csv", "a,y\n");
    assertInputError(() -> CsvReader.read(header, "y", TargetKind.REAL),
        header + ": no data rows (only a header line)");
  }

  @Test
  void read_whenQuoteUnclosed_namesLineWhereItOpened() {
    Path file = write(dir, "data.csv", "a,y\n1,2\n\"3,4\n5,6\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":3:1: quoted field is not closed");
  }

  @Test
  void read_whenTextAfterClosingQuote_namesPosition() {
    Path file = write(dir, "data.csv", "a,y\n\"1\"x,2\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:1: unexpected \"x\" after a closing quote");
  }

  @Test
  void read_whenDuplicateHeader_namesBothColumns() {
    Path file = write(dir, "data.csv", "a,b,a,y\n1,2,3,4\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":1:3: duplicate column name \"a\" (also column 1)");
  }

  /**
   * A column without a name was read as the feature "" (a pandas index saved by to_csv, whose
   * header cell is empty, became a feature of the row numbers), while the library refuses an
   * empty name given in Java (86ffe815).
   */
  @Test
  void read_whenAHeaderCellIsEmpty_namesTheColumn() {
    Path file = write(dir, "data.csv", ",a,y\n0,1,2\n1,2,3\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":1:1: column 1 has no name; a model finds its columns by name: name it in the"
            + " header (a pandas index saved by to_csv has none: save with index=False)");
    Path blank = write(dir, "blank.csv", "a,  ,y\n0,1,2\n1,2,3\n");
    assertInputError(() -> CsvReader.read(blank, "y", TargetKind.REAL),
        blank + ":1:2: column 2 has no name; a model finds its columns by name: name it in the"
            + " header (a pandas index saved by to_csv has none: save with index=False)");
  }

  @Test
  void read_whenOnlyOneClass_saysClassificationNeedsTwo() {
    Path file = write(dir, "data.csv", "a,y\n1,cat\n2,cat\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.CLASS),
        file + ": only one class (cat)");
  }

  @Test
  void read_whenNotUtf8_saysSo() {
    Path file = write(dir, "latin1.csv", new byte[] {'a', ',', 'y', '\n', (byte) 0xe9, ',', '1', '\n'});
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.CLASS),
        file + ":2:1: not valid UTF-8 text (byte 0xE9 at character 1 of the line, byte offset 4;"
            + " saved as Latin-1 or"
            + " Windows-1252? convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 < " + file
            + " > latin1.utf8.csv)");
  }

  /**
   * The byte that is not UTF-8 is placed by line, column and offset, as the readers' other
   * messages are (it said only "not valid UTF-8 text", of a file of thousands of lines): far
   * past the decoder's first block, after a two-byte character (é, one column) on its line,
   * and the same in a LIBSVM file, which shares the decoder.
   */
  @Test
  void read_whenNotUtf8OnALaterLine_namesLineColumnAndOffset() {
    StringBuilder text = new StringBuilder("a,y\n");
    for (int i = 0; i < 4999; i++) {
      text.append(i).append(",1\n");
    }
    byte[] head = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = {(byte) 0xC3, (byte) 0xA9, ',', (byte) 0xE9, '1', '\n'}; // é , Latin-1 é 1
    byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    Path file = write(dir, "late.csv", all);
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":5001:3: not valid UTF-8 text (byte 0xE9 at character 3 of the line, byte offset "
            + (head.length + 3) + ";");
    StringBuilder svm = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      svm.append("1 1:").append(i).append('\n');
    }
    byte[] svmHead = svm.append("0 1:").toString().getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    byte[] svmAll = java.util.Arrays.copyOf(svmHead, svmHead.length + 2);
    svmAll[svmHead.length] = (byte) 0xFF;
    svmAll[svmHead.length + 1] = '\n';
    Path svmFile = write(dir, "late.svm", svmAll);
    assertInputError(() -> LibsvmReader.read(svmFile, TargetKind.CLASS),
        svmFile + ":3001:5: not valid UTF-8 text (byte 0xFF at character 5 of the line, byte"
            + " offset " + svmHead.length + ";");
  }

  /**
   * The column of a byte that is not UTF-8 counts characters as an editor does, code points:
   * an emoji and a CJK character outside the Basic Multilingual Plane (two UTF-16 chars each)
   * are one column each, and a byte order mark is none. It said column 6, not 4, for the line
   * below, one too far per such character; the LIBSVM reader's token column likewise.
   */
  @Test
  void read_whenNotUtf8AfterCharactersOutsideTheBmp_countsThemAsOneColumnEach() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    // line 2: U+1F600 (an emoji), U+20000 (CJK Extension B), ',' and a Latin-1 e-acute
    byte[] head = "a,y\n\uD83D\uDE00\uD840\uDC00,".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = {(byte) 0xE9, ',', '1', '\n'};
    Path file = write(dir, "emoji.csv", concat(concat(bom, head), tail));
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:4: not valid UTF-8 text (byte 0xE9 at character 4 of the line, byte offset "
            + (bom.length + head.length) + ";");
    Path header = write(dir, "bomheader.csv", concat(bom, new byte[] {'a', (byte) 0xE9, ',',
        'y', '\n', '1', ',', '2', '\n'}));
    assertInputError(() -> CsvReader.read(header, "y", TargetKind.REAL),
        header + ":1:2: not valid UTF-8 text (byte 0xE9 at character 2 of the line, byte offset 4;");
    Path svm = write(dir, "emoji.svm", "1 1:0.5\n\uD83D\uDE00 1:x\n");
    assertInputError(() -> LibsvmReader.readFeatures(svm, 1),
        svm + ":2:3: token 2: value of feature 1: expected a number, found \"x\"");
  }

  /**
   * UTF-16 ("Unicode text" of spreadsheet programs) is named as such, with the remedy: with a
   * byte-order mark it was "not valid UTF-8 text", without one its zero bytes became part of
   * every name ({@code no target column "y"; available columns: "a\x00", …}). The same for
   * prediction input and LIBSVM files, which share the decoder.
   */
  @Test
  void read_whenUtf16_namesItAndTheConversion() {
    String text = "a,b,y\n1,2,3\n4,5,6\n";
    Path bom = write(dir, "bom.csv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
    assertInputError(() -> CsvReader.read(bom, "y", TargetKind.REAL),
        bom + ": UTF-16 text (it starts with the byte-order mark FF FE), but tikhonov reads UTF-8;"
            + " convert it, e.g. iconv -f UTF-16 -t UTF-8 < " + bom + " > bom.utf8.csv, or save"
            + " it as \"CSV UTF-8\"");
    Path le = write(dir, "le.csv", text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    assertInputError(() -> CsvReader.readFeatures(le, List.of("a", "b")),
        le + ": UTF-16LE text (every second byte of its start is 0), but tikhonov reads UTF-8;"
            + " convert it, e.g. iconv -f UTF-16 -t UTF-8 < " + le + " > le.utf8.csv, or save"
            + " it as \"CSV UTF-8\"");
    Path be = write(dir, "be.svm", "1 1:0.5 2:1\n0 1:1\n".getBytes(
        java.nio.charset.StandardCharsets.UTF_16BE));
    assertInputError(() -> LibsvmReader.read(be, TargetKind.CLASS),
        be + ": UTF-16BE text (every second byte of its start is 0), but tikhonov reads UTF-8;"
            + " convert it, e.g. iconv -f UTF-16 -t UTF-8 < " + be + " > be.utf8.svm");
    // (a LIBSVM file is told to write a LIBSVM file: it was told converted.csv and "CSV UTF-8")
    // UTF-8 with its byte-order mark still reads
    Path utf8 = write(dir, "utf8bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
        (byte) 0xBF}, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(2, CsvReader.read(utf8, "y", TargetKind.REAL).numRows());
  }

  /**
   * A workbook or a compressed file that is not gzip, given as data (an Excel sheet saved as
   * data.csv, a .csv.zip/.bz2/.xz/.zst download), is named by its format with its remedy: its
   * bytes were read as text and refused as "not valid UTF-8 … saved as Latin-1 or
   * Windows-1252? convert it, e.g. iconv …", advice that cannot help.
   */
  @Test
  void read_whenAWorkbookOrAnArchive_namesItsFormatNotLatin1() {
    String readable = ", not text; tikhonov reads UTF-8 text, plain or gzip'd: ";
    Path xlsx = write(dir, "sheet.csv", concat("PK\u0003\u0004".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1), new byte[] {20, 0, 6, 0, (byte) 0x87}));
    assertInputError(() -> CsvReader.read(xlsx, "y", TargetKind.REAL),
        xlsx + ": a ZIP archive (it starts with \"PK\"), e.g. an Excel .xlsx workbook" + readable
            + "save the sheet as \"CSV UTF-8\", or unzip the archive");
    Path xls = write(dir, "old.csv", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
        (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0});
    assertInputError(() -> CsvReader.readFeatures(xls, List.of("a")),
        xls + ": an Excel 97-2003 workbook (.xls)" + readable + "save the sheet as \"CSV"
            + " UTF-8\"");
    Path bz2 = write(dir, "d.csv.bz2", concat("BZh91AY&SY".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xE6, 0x12}));
    assertInputError(() -> CsvReader.read(bz2, "y", TargetKind.REAL),
        bz2 + ": bzip2-compressed data" + readable + "decompress it (bunzip2 -k " + bz2
            + ") or compress it with gzip");
    Path xz = write(dir, "d.svm.xz", new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4});
    assertInputError(() -> LibsvmReader.read(xz, TargetKind.CLASS),
        xz + ": xz-compressed data" + readable + "decompress it (unxz -k " + xz
            + ") or compress it with gzip");
    Path zst = write(dir, "d.csv.zst", new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 4, 0});
    assertInputError(() -> CsvReader.read(zst, "y", TargetKind.REAL),
        zst + ": Zstandard-compressed data" + readable + "decompress it (unzstd " + zst
            + ") or compress it with gzip");
    Path parquet = write(dir, "d.parquet", concat("PAR1".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1), new byte[] {0x15, 4, 0x15, (byte) 0x80}));
    assertInputError(() -> CsvReader.read(parquet, "y", TargetKind.REAL),
        parquet + ": an Apache Parquet file" + readable + "write it as CSV, e.g. with pandas:"
            + " read_parquet(...).to_csv(..., index=False)");
    // a gzip'd workbook is named as the workbook; a CSV whose first column is named "PK" reads
    Path gz = write(dir, "sheet.csv.gz", TestFiles.gzip(concat("PK\u0003\u0004".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1), new byte[] {20, 0})));
    assertInputError(() -> CsvReader.read(gz, "y", TargetKind.REAL),
        gz + ": a ZIP archive (it starts with \"PK\"), e.g. an Excel .xlsx workbook" + readable
            + "save the sheet as \"CSV UTF-8\", or unzip the archive");
    Path pk = write(dir, "pk.csv", "PK,y\n1,2\n2,3\n");
    assertEquals(2, CsvReader.read(pk, "y", TargetKind.REAL).numRows());
  }

  /**
   * A decimal comma in a file separated by ";" (a German or French spreadsheet's CSV) is named
   * as such: it said the column was text and could be left out with --ignore-columns.
   */
  @Test
  void read_whenDecimalComma_saysSoAndNamesTheDecimalPoint() {
    Path file = write(dir, "de.csv", "a;b;y\n1,5;2;3\n2;1;4\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:1 (column \"a\"): expected a number, found \"1,5\": a decimal comma? numbers"
            + " are read with a decimal point (1.5), in every locale; save the file with \".\" as"
            + " the decimal separator");
  }

  /**
   * A quoted "1,234" in a ","-separated file is a decimal comma or a thousands separator: the
   * message gave the decimal reading alone (1.234), though an English spreadsheet means 1234.
   * Both readings are named with their remedies; "12,5" and "1,2345" stay decimal commas.
   */
  @Test
  void read_whenCommaBeforeThreeDigits_namesBothReadings() {
    Path file = write(dir, "en.csv", "a,y\n\"1,234\",3\n2,4\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:1 (column \"a\"): expected a number, found \"1,234\": a decimal comma or a"
            + " thousands separator? numbers are read with a decimal point and without thousands"
            + " separators: for 1.234, save the file with \".\" as the decimal separator; for"
            + " 1234, save the numbers without thousands separators");
    Path decimal = write(dir, "de.csv", "a;y\n1,2345;3\n2;4\n");
    assertInputError(() -> CsvReader.read(decimal, "y", TargetKind.REAL),
        decimal + ":2:1 (column \"a\"): expected a number, found \"1,2345\": a decimal comma?"
            + " numbers are read with a decimal point (1.2345), in every locale; save the file"
            + " with \".\" as the decimal separator");
  }

  /**
   * Characters that print as nothing or as a plain space (a no-break space as a French
   * spreadsheet groups thousands with, a zero-width space, a byte-order mark inside a line) are
   * escaped in the message as NUL is: it said {@code found "1 000"}, which looks like a number.
   */
  @Test
  void read_whenInvisibleCharacterInCell_escapesIt() {
    Path file = write(dir, "fr.csv", "a,b,c,d,y\n1\u00a0000,1\u202f000,1\u200b,\ufeff2,3\n");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL),
        file + ":2:1 (column \"a\"): expected a number, found \"1\\u00a0000\"");
    assertEquals("\"1\\u202f000 \\u200b\\u200c\\u200d\\ufeff\\u0085\\u2028 é\"",
        dev.tikhonov.internal.data.Numbers.quote(
            "1\u202f000 \u200b\u200c\u200d\ufeff\u0085\u2028 é"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void read_whenFileMissing_namesPath() {
    Path file = dir.resolve("absent.csv");
    assertInputError(() -> CsvReader.read(file, "y", TargetKind.REAL), file + ": file not found");
  }

  @Test
  void readFeatures_picksNamedColumnsInOrderAndIgnoresOthers() {
    Path file = write(dir, "new.csv", "id,b,y,a\nfoo,2,?,1\nbar,4,?,3\n");
    double[][] x = CsvReader.readFeatures(file, List.of("a", "b"));
    assertArrayEquals(new double[] {1, 2}, x[0]);
    assertArrayEquals(new double[] {3, 4}, x[1]);
  }

  @Test
  void readFeatures_whenColumnMissing_namesIt() {
    Path file = write(dir, "new.csv", "a,c\n1,2\n");
    assertInputError(() -> CsvReader.readFeatures(file, List.of("a", "b")),
        file + ": missing column \"b\" that the model expects; available columns: \"a\", \"c\"");
  }

  @Test
  void readFeatures_whenTextInUsedColumn_namesPosition() {
    Path file = write(dir, "new.csv", "a,b\n1,2\n3,x\n");
    assertInputError(() -> CsvReader.readFeatures(file, List.of("a", "b")),
        file + ":3:2 (column \"b\"): expected a number, found \"x\"");
  }

  /**
   * The model's classes holding a line break or a tab are escaped in the unknown-label message
   * as the label is (and the missing-column message's names): they were written raw, a message
   * of two lines.
   */
  @Test
  void readLabelled_labelsWithALineBreak_areEscapedInOneLine() {
    Path file = write(dir, "breaks.csv", "a,b,label\n1,2,\"c\nd\"\n");
    assertInputError(() -> CsvReader.readLabelled(file, List.of("a", "b"), "label",
        List.of("neg\tx", "p\nos")), file + ":2:3 (column \"label\"): label \"c\\x0ad\" is not"
        + " one of the model's classes [neg\\x09x, p\\x0aos]");
  }

  /**
   * Data to evaluate a model on: only the model's columns and the target are read (an id
   * column of text is ignored, as predict ignores it), a single class the model knows is enough,
   * and a label it does not know is an error at its cell.
   */
  @Test
  void readLabelled_readsTheModelsColumnsAndTarget_takesOneKnownClass() {
    Path file = write(dir, "eval.csv", "name,b,a,label\nrow0,2,1,pos\nrow1,4,3,pos\n");
    Dataset d = CsvReader.readLabelled(file, List.of("a", "b"), "label", List.of("neg", "pos"));
    assertEquals(List.of("a", "b"), d.featureNames());
    assertEquals(List.of("neg", "pos"), d.classNames());
    assertArrayEquals(new double[] {1, 1}, d.targets());
    assertArrayEquals(new double[] {1, 2, 3, 4}, d.features().toDoubleArray(), 0);
    Path other = write(dir, "other.csv", "a,b,label\n1,2,pos\n3,4,cat\n");
    assertInputError(() -> CsvReader.readLabelled(other, List.of("a", "b"), "label",
        List.of("neg", "pos")), other + ":3:3 (column \"label\"): label \"cat\" is not one of "
        + "the model's classes [neg, pos]");
    Path real = write(dir, "real.csv", "a,b,y,id\n1,2,0.5,x\n");
    assertArrayEquals(new double[] {0.5},
        CsvReader.readLabelled(real, List.of("a", "b"), "y", List.of()).targets());
  }

  @Test
  void readText_quotedCellsAndBlankLines_rowsAsReadFeaturesReadsThem() {
    Path file = write(dir, "ids.csv", "id,x,\"name, full\"\n"
        + "\"7,a\",1.5,\"say \"\"hi\"\"\"\n\n"
        + "008,2,plain\r\n"
        + "\"two\nlines\",3,x\n");
    List<List<String>> text = CsvReader.readText(file, List.of("name, full", "id"),
        CsvOptions.defaults());
    assertEquals(List.of(List.of("say \"hi\"", "7,a"), List.of("plain", "008"),
        List.of("x", "two\nlines")), text);
    double[][] x = CsvReader.readFeatures(file, List.of("x"), CsvOptions.defaults());
    assertEquals(x.length, text.size());
    assertEquals(2.0, x[1][0]);
  }

  @Test
  void readText_unknownColumnOrShortRow_namesTheFileAndClosestName() {
    Path file = write(dir, "ids.csv", "patient_id,x\n1,2\n");
    assertInputError(() -> CsvReader.readText(file, List.of("patiant_id"),
        CsvOptions.defaults()), "ids.csv: no column \"patiant_id\"; available columns: ",
        "did you mean \"patient_id\"?");
    Path shortRow = write(dir, "short.csv", "id,x\n1,2\n3\n");
    assertInputError(() -> CsvReader.readText(shortRow, List.of("id"), CsvOptions.defaults()),
        "short.csv:3:", "expected 2 fields");
  }
}
