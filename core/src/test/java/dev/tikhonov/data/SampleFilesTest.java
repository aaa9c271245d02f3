package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small sample files in src/test/resources/data, usable by other tests and the docs. */
class SampleFilesTest {
  static Path sample(String name) {
    try {
      return Path.of(SampleFilesTest.class.getResource("/data/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void smallRegressionCsv_reads4RowsOf3Features() {
    Dataset d = CsvReader.read(sample("small-regression.csv"), "y", TargetKind.REAL);
    assertEquals(List.of("x1", "x2", "x3"), d.featureNames());
    assertArrayEquals(new double[] {1.25, 2.5, 0.75, 3.0}, d.targets());
    assertEquals(0.3f, d.features().get(1, 2), 1e-7);
  }

  @Test
  void smallClassesCsv_detectsSemicolonAndSortsSpecies() {
    Dataset d = CsvReader.read(sample("small-classes.csv"), "species", TargetKind.CLASS);
    assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
    assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2}, d.targets());
  }

  @Test
  void smallSvm_densifiesToThreeFeaturesWithMinusOneFirst() {
    Dataset d = LibsvmReader.read(sample("small.svm"), TargetKind.CLASS);
    assertEquals(List.of("-1", "1"), d.classNames());
    assertArrayEquals(
        new float[] {0.5f, 0, 1.5f, 0, 2, 0, 1, 1, 1, 0, 0, -0.25f}, d.features().toArray());
  }
}
