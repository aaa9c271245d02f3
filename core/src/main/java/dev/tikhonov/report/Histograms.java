package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * histograms.json of mnist-l2: the first layer's weights of the first seed of each row, counted
 * on common bin edges (bin i is [edges[i], edges[i+1])). Immutable and thread-safe: the arrays,
 * {@code edges} and each row's {@code counts}, are copied in and out.
 */
record Histograms(double[] edges, List<Row> rows) {

  /**
   * The counts of one configuration row. Immutable and thread-safe: {@code counts} is copied in
   * and out.
   */
  public record Row(double lambda, double dropout, double[] counts) {
    public Row {
      counts = counts.clone();
    }

    /** The count per bin; a new array. */
    @Override
    public double[] counts() {
      return counts.clone();
    }
  }

  public Histograms {
    edges = edges.clone();
    rows = List.copyOf(rows);
  }

  /** The bin edges, increasing; a new array. */
  @Override
  public double[] edges() {
    return edges.clone();
  }

  /** The row with this λ and dropout, if there is one. */
  java.util.Optional<Row> find(double lambda, double dropout) {
    return rows.stream().filter(r -> r.lambda == lambda && r.dropout == dropout).findFirst();
  }

  /** Reads histograms.json; InputException when counts do not match the edges. */
  public static Histograms read(Path file) {
    JsonNode root = JsonFiles.read(file);
    double[] edges = JsonFiles.histogramEdges(root, "edges", file.toString());
    JsonNode array = root.get("rows");
    if (array == null || !array.isArray()) {
      throw new InputException(file + ": missing array \"rows\"");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode r = array.get(i);
      String where = file + ": rows[" + i + "]";
      double[] counts = JsonFiles.numbersWithoutNull(r, "counts", where);
      JsonFiles.requireBins(counts, edges, where);
      double dropout = JsonFiles.optionalNumber(r, "dropout", where);
      rows.add(new Row(JsonFiles.lambda(r, "lambda", where), Double.isNaN(dropout) ? 0 : dropout, counts));
    }
    return new Histograms(edges, rows);
  }
}
