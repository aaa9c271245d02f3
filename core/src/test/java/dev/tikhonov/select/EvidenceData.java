package dev.tikhonov.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real data sets and scikit-learn references under test resources
 * {@code dev/tikhonov/select/evidence/} (made by make_references.py there; see its README.md).
 */
final class EvidenceData {
  private static final String FOLDER = "/dev/tikhonov/select/evidence/";

  private EvidenceData() {}

  /** A numeric CSV: its header and its rows. */
  record Table(List<String> header, double[][] rows) {
    /** Columns {@code from} (inclusive) to {@code to} (exclusive) of every row. */
    double[][] columns(int from, int to) {
      double[][] out = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        out[i] = Arrays.copyOfRange(rows[i], from, to);
      }
      return out;
    }

    double[] column(int j) {
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = rows[i][j];
      }
      return out;
    }

    /** The last column as class indices. */
    int[] labels() {
      int[] out = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = (int) rows[i][rows[i].length - 1];
      }
      return out;
    }

    /** All columns but the last, each standardized to mean 0 and variance 1 (with 1/n). */
    double[][] standardizedFeatures() {
      int p = header.size() - 1;
      double[][] x = columns(0, p);
      int n = x.length;
      for (int j = 0; j < p; j++) {
        double mean = 0;
        for (double[] row : x) {
          mean += row[j] / n;
        }
        double variance = 0;
        for (double[] row : x) {
          variance += (row[j] - mean) * (row[j] - mean) / n;
        }
        double scale = Math.sqrt(variance);
        for (double[] row : x) {
          row[j] = (row[j] - mean) / scale;
        }
      }
      return x;
    }
  }

  static Table table(String name) {
    try (InputStream in = open(name)) {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> header = List.of(reader.readLine().split(","));
      List<double[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        double[] row = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
        if (row.length != header.size()) {
          throw new IllegalStateException(name + ": a row of " + row.length + " cells");
        }
        rows.add(row);
      }
      return new Table(header, rows.toArray(new double[0][]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    try (InputStream in = open(name)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static InputStream open(String name) {
    InputStream in = EvidenceData.class.getResourceAsStream(FOLDER + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + FOLDER + name);
    }
    return in;
  }
}
