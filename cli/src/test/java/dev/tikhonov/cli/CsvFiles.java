package dev.tikhonov.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small CSV files for the CLI's tests. */
final class CsvFiles {
  private CsvFiles() {}

  /**
   * {@code file} with columns a, b, y and {@code rows} rows: a = sin i, b = cos 3i,
   * y = 2a − b + noise·sin 7i (the regression the CLI's tests fit).
   */
  static Path regression(Path file, int rows, double noise) throws IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < rows; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      csv.append(a).append(',').append(b).append(',').append(2 * a - b + noise * Math.sin(7 * i))
          .append('\n');
    }
    return Files.writeString(file, csv);
  }
}
