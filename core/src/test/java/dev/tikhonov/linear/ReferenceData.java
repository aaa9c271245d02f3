package dev.tikhonov.linear;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the gzipped glmnet reference CSVs under test resources {@code /ref}. */
public final class ReferenceData {
  private ReferenceData() {}

  /** Numeric rows of {@code /ref/NAME.csv.gz} without its header. */
  public static double[][] rows(String name) {
    String resource = "/ref/" + name + ".csv.gz";
    try (InputStream in = ReferenceData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
      List<double[]> rows = new ArrayList<>();
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
          row[j] = Double.parseDouble(cells[j].replace("\"", ""));
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** gauss.csv: features (all columns but the last) and target (the last). */
  public record Regression(double[][] x, double[] y) {
    public int features() {
      return x[0].length;
    }

    public List<String> names() {
      List<String> names = new ArrayList<>();
      for (int j = 1; j <= features(); j++) {
        names.add("x" + j);
      }
      return names;
    }
  }

  public static Regression gauss() {
    double[][] rows = rows("gauss");
    int p = rows[0].length - 1;
    double[][] x = new double[rows.length][];
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = java.util.Arrays.copyOf(rows[i], p);
      y[i] = rows[i][p];
    }
    return new Regression(x, y);
  }

  /** A reference path file: column 0 λ, column 1 a₀, then b₁..b_p. */
  public static double[] lambdas(double[][] path) {
    double[] l = new double[path.length];
    for (int i = 0; i < path.length; i++) {
      l[i] = path[i][0];
    }
    return l;
  }
}
