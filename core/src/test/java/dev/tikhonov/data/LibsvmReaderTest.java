package dev.tikhonov.data;

import static dev.tikhonov.data.TestFiles.assertInputError;
import static dev.tikhonov.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmReaderTest {
  @TempDir Path dir;

  @Test
  void read_sparseLines_densifyWithZeros() {
    Path file = write(dir, "a.svm", "# header comment\n+1 1:0.5 3:2\n-1 2:-1 # note\n\n+1 qid:3 3:1\n");
    Dataset d = LibsvmReader.read(file, TargetKind.CLASS);
    assertEquals(List.of("x1", "x2", "x3"), d.featureNames());
    assertArrayEquals(new float[] {0.5f, 0, 2, 0, -1, 0, 0, 0, 1}, d.features().toArray());
    assertEquals(List.of("-1", "1"), d.classNames());
    assertArrayEquals(new double[] {1, 0, 1}, d.targets());
  }

  /**
   * A LIBSVM label is a number: {@code 1}, {@code +1} and {@code 1.0} are one class (a file
   * mixing them used to get three), named canonically.
   */
  @Test
  void read_labelsSpelledDifferently_areOneClassByValue() {
    Path file = write(dir, "a.svm", "+1 1:1\n1 1:2\n1.0 1:3\n-1 1:4\n-1.0 1:5\n2.5 1:6\n");
    Dataset d = LibsvmReader.read(file, TargetKind.CLASS);
    assertEquals(List.of("-1", "1", "2.5"), d.classNames());
    assertArrayEquals(new double[] {1, 1, 1, 0, 0, 2}, d.targets());
  }

  /**
   * Labels are compared as the decimals they spell, not as doubles: two 17-digit codes one
   * apart (the same double) are two classes (they were one), and 1e-3 is named 0.001.
   */
  @Test
  void read_labelsAreComparedExactly_notAsDoubles() {
    Path file = write(dir, "codes.svm",
        "12345678901234567 1:1\n12345678901234568 1:2\n1e-3 1:3\n0.0010 1:4\n");
    Dataset d = LibsvmReader.read(file, TargetKind.CLASS);
    assertEquals(List.of("0.001", "12345678901234567", "12345678901234568"), d.classNames());
    assertArrayEquals(new double[] {1, 2, 0, 0}, d.targets());
  }

  @Test
  void read_whenClassLabelIsNaNOrInfiniteOrText_namesTheLine() {
    Path nan = write(dir, "nan.svm", "1 1:1\nnan 1:2\n");
    assertInputError(() -> LibsvmReader.read(nan, TargetKind.CLASS),
        nan + ":2:1: token 1: label NaN is not allowed; remove or impute the value");
    Path inf = write(dir, "inf.svm", "1 1:1\n-1 1:2\n-inf 1:2\n");
    assertInputError(() -> LibsvmReader.read(inf, TargetKind.CLASS),
        inf + ":3:1: token 1: label \"-inf\": infinite values are not allowed");
    Path text = write(dir, "text.svm", "1 1:1\nyes 1:2\n");
    assertInputError(() -> LibsvmReader.read(text, TargetKind.CLASS),
        text + ":2:1: token 1: label expected a number, found \"yes\"; a LIBSVM label is a"
            + " number, so write the classes as numbers (0, 1, …), or use a CSV file, whose text"
            + " labels are classes");
  }

  /**
   * scikit-learn's multilabel svmlight files list a row's labels with commas ("1,2"): it was
   * read as a decimal comma ("a decimal comma? … (1.2)"); it is named as a multilabel file,
   * which is not supported, for classes and for numeric targets alike.
   */
  @Test
  void read_whenAFeatureOrTheLabelLiesBelowFloat32_refusesItNamingTheColumn() {
    Path file = write(dir, "tiny.svm", "1 1:0.5 2:1e-301\n2 1:0.25 2:-2e-301\n3 1:1\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL),
        file + " (column \"x2\"): holds 2.00e-301, below 1.18e-38");
    Path label = write(dir, "label.svm", "1e-39 1:0.5\n0 1:1\n");
    assertInputError(() -> LibsvmReader.read(label, TargetKind.REAL),
        label + " (column \"label\"): holds 1.00e-39, below 1.18e-38");
    Path fine = write(dir, "fine.svm", "1 1:1e-50 2:1\n2 1:1\n");
    assertEquals(1e-50, LibsvmReader.read(fine, TargetKind.REAL).feature(0, 0), 0);
    assertEquals(-2e-301, LibsvmReader.readFeatures(file, 2)[1][1], 0);
  }

  @Test
  void read_whenMultilabelList_saysOneLabelPerRow() {
    Path file = write(dir, "multi.svm", "1 1:1\n1,2 1:2\n");
    String message = file + ":2:1: token 1: label \"1,2\" is a list of labels, as multilabel"
        + " files (scikit-learn's dump_svmlight_file(multilabel=True)) write them; multilabel"
        + " files are not supported: one label per row";
    assertInputError(() -> LibsvmReader.read(file, TargetKind.CLASS), message);
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL), message);
  }

  /**
   * Data to evaluate a classifier on take the model's classes: one class is enough, a label
   * finds its class by value (a model trained before named {@code +1} "+1"), and a label the
   * model does not know is an error at its line.
   */
  @Test
  void readLabelled_matchesTheModelsClassesByValue_andTakesOneClass() {
    Path ones = write(dir, "ones.svm", "1 1:1\n1.0 2:1\n");
    Dataset d = LibsvmReader.readLabelled(ones, 3, List.of("-1", "+1"));
    assertEquals(List.of("-1", "+1"), d.classNames());
    assertArrayEquals(new double[] {1, 1}, d.targets());
    assertEquals(3, d.numFeatures());
    Path plus = write(dir, "plus.svm", "+1 1:1\n-1 2:1\n");
    assertArrayEquals(new double[] {1, 0},
        LibsvmReader.readLabelled(plus, 2, List.of("-1", "1")).targets());
    Path two = write(dir, "two.svm", "1 1:1\n2 2:1\n");
    assertInputError(() -> LibsvmReader.readLabelled(two, 2, List.of("-1", "1")),
        two + ":2:1: token 1: label \"2\" is not one of the model's classes [-1, 1]");
    assertArrayEquals(new double[] {1, 2},
        LibsvmReader.readLabelled(two, 2, List.of()).targets());
  }

  @Test
  void read_withNumFeatures_padsColumns() {
    Path file = write(dir, "a.svm", "1.5 1:1\n-2 2:1\n");
    Dataset d = LibsvmReader.read(file, TargetKind.REAL, 5);
    assertEquals(5, d.numFeatures());
    assertArrayEquals(new double[] {1.5, -2}, d.targets());
  }

  @Test
  void read_whenIndexExceedsNumFeatures_namesToken() {
    Path file = write(dir, "a.svm", "1 1:1\n1 2:1 7:1\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL, 5),
        file + ":2:7: token 3: feature index 7 exceeds the 5 features expected");
  }

  /**
   * One stray index far beyond the heap's worth of columns is a named error, not an
   * OutOfMemoryError (the LIBSVM fuzzer's find: "1 999999999:1" allocated its columns).
   */
  @Test
  void read_whenIndexNeedsMoreColumnsThanTheHeapHolds_namesTokenAndMemory() {
    assertTrue(LibsvmReader.MAX_FEATURES < 2_000_000_000L, "the test's index is beyond the limit");
    Path file = write(dir, "a.svm", "1 1:1\n1 2:1 2000000000:1\n");
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
        () -> LibsvmReader.read(file, TargetKind.REAL));
    assertTrue(e.getMessage().startsWith(file + ":2:7: token 3: feature index 2000000000 would"
        + " make 2000000000 columns"), e.getMessage());
    assertTrue(e.getMessage().contains("MB this JVM may use"), e.getMessage());
  }

  @Test
  void read_whenTokenHasNoColon_namesLineColumnAndToken() {
    Path file = write(dir, "a.svm", "1 1:1\n0 1:1 2.5\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.CLASS),
        file + ":2:7: token 3: expected index:value, found \"2.5\"");
  }

  @Test
  void read_whenValueNotNumeric_namesFeature() {
    Path file = write(dir, "a.svm", "1 1:1 2:abc\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL),
        file + ":1:7: token 3: value of feature 2: expected a number, found \"abc\"");
  }

  @Test
  void read_whenValueNaN_saysNotAllowed() {
    Path file = write(dir, "a.svm", "1 1:nan\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL),
        file + ":1:3: token 2: value of feature 1: NaN is not allowed");
  }

  @Test
  void read_whenIndexZeroOrNotInteger_saysRange() {
    Path zero = write(dir, "zero.svm", "1 0:1\n");
    assertInputError(() -> LibsvmReader.read(zero, TargetKind.REAL),
        zero + ":1:3: token 2: feature index \"0\" is not an integer in 1..2147483647;"
            + " LIBSVM numbers features from 1: a file numbered from 0 (scikit-learn's"
            + " dump_svmlight_file writes one unless zero_based=False) needs every index raised"
            + " by 1");
    Path text = write(dir, "text.svm", "1 x:1\n");
    assertInputError(() -> LibsvmReader.read(text, TargetKind.REAL),
        text + ":1:3: token 2: feature index \"x\" is not an integer");
  }

  @Test
  void read_whenIndicesNotIncreasing_namesBoth() {
    Path file = write(dir, "a.svm", "1 3:1 3:2\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL),
        file + ":1:7: token 3: feature index 3 after 3; indices must be strictly increasing");
  }

  @Test
  void read_whenRealLabelNotNumeric_namesLabel() {
    Path file = write(dir, "a.svm", "1 1:1\nyes 1:2\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL),
        file + ":2:1: token 1: label expected a number, found \"yes\"");
  }

  @Test
  void read_whenOnlyComments_saysNoData() {
    Path file = write(dir, "a.svm", "# nothing\n\n");
    assertInputError(() -> LibsvmReader.read(file, TargetKind.REAL), file + ": no data lines");
  }

  @Test
  void read_whenTinyFileDeclaresHugeMatrix_keepsItSparseAndRefusesToDensify() {
    Path file = write(dir, "a.svm", "1 1:1\n".repeat(20) + "1 2000000:1\n");
    Dataset tiny = LibsvmReader.read(file, TargetKind.REAL);
    assertTrue(tiny.isSparse());
    assertEquals(2_000_000, tiny.numFeatures());
    assertEquals(21, tiny.sparseFeatures().orElseThrow().numEntries());
    assertEquals(1.0, tiny.feature(20, 1_999_999));
    assertInputError(tiny::featureRows,
        file + ": 21 rows x 2000000 features", "too sparse to densify");
    Path huge = write(dir, "b.svm", "1 1:1\n".repeat(300) + "1 2000000:1\n");
    Dataset big = LibsvmReader.read(huge, TargetKind.REAL);
    assertInputError(big::features,
        huge + ": 301 rows x 2000000 features need", "at most 536870911 values fit");
  }

  @Test
  void read_keepsTheRowsSparse_asTheDenseRowsTheyStandFor() {
    Path file = write(dir, "a.svm", "2 1:1.5 3:-2\n-1 2:4 # comment\n0\n1 1:1 2:1 3:1\n");
    Dataset d = LibsvmReader.read(file, TargetKind.REAL);
    assertTrue(d.isSparse());
    SparseMatrix x = d.sparseFeatures().orElseThrow();
    assertArrayEquals(new int[] {0, 2, 4, 6}, x.columnPointers());
    assertArrayEquals(new int[] {0, 3, 1, 3, 0, 3}, x.rowIndices());
    double[][] expected = {{1.5, 0, -2}, {0, 4, 0}, {0, 0, 0}, {1, 1, 1}};
    double[][] dense = d.featureRows();
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(expected[i], dense[i], 0.0);
    }
    assertArrayEquals(new double[] {2, -1, 0, 1}, d.targets(), 0.0);
    // The same values as a dense data set: the same fingerprint.
    assertEquals(Dataset.of(expected, new double[] {2, -1, 0, 1}, d.featureNames())
        .fingerprint(), d.fingerprint());
    Dataset sub = d.subset(new int[] {3, 0, 3});
    assertArrayEquals(new double[] {1, 1, 1}, sub.featureRows()[2], 0.0);
    assertArrayEquals(expected[0], sub.sparseFeatures().orElseThrow().toDense()[1], 0.0);
  }

  /**
   * A record's line and the column of its label are found as the reader counts them: comment
   * and empty lines skipped, leading blanks and an emoji in a comment before it counted as an
   * editor counts them, so a target refused after reading is shown where a bad label would be.
   */
  @Test
  void labelColumnOfRecord_skipsCommentsAndCountsLeadingBlanks() {
    Path file = write(dir, "a.svm", "# \uD83D\uDE00 comment\n1 1:1\n\n  \t-1 1:2 # x\n");
    assertEquals(java.util.OptionalLong.of(2), LibsvmReader.lineOfRecord(file, 1));
    assertEquals(java.util.OptionalInt.of(1), LibsvmReader.labelColumnOfRecord(file, 1));
    assertEquals(java.util.OptionalLong.of(4), LibsvmReader.lineOfRecord(file, 2));
    assertEquals(java.util.OptionalInt.of(4), LibsvmReader.labelColumnOfRecord(file, 2));
    assertEquals(java.util.OptionalInt.empty(), LibsvmReader.labelColumnOfRecord(file, 3));
  }
}
