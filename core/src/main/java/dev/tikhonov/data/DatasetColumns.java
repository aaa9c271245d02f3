package dev.tikhonov.data;

import dev.tikhonov.internal.data.CloseNames;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The column operations of {@link Dataset} ({@link Dataset#withColumn},
 * {@link Dataset#column}, {@link Dataset#withoutColumns}), built on its accessors and
 * package-private factories, so that Dataset keeps to its storage and accessors. Each result is
 * the data set the factories make of the same values and names, in the storage of the data it
 * came from (sparse stays sparse; float32 stays float32 unless a double column joins it), with
 * a target when it had one ({@link Dataset#hasTarget()}). Stateless and thread-safe.
 */
final class DatasetColumns {
  private DatasetColumns() {}

  static Dataset withColumn(Dataset data, String name, double[] values) {
    return appended(data, name, values).withTargetOf(data);
  }

  static Dataset withoutColumns(Dataset data, String... names) {
    return kept(data, names).withTargetOf(data);
  }

  private static Dataset appended(Dataset data, String name, double[] values) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    String column = "column " + Numbers.quote(name);
    if (name.isBlank()) {
      throw new InputException(data.source() + ": a feature's name cannot be "
          + Dataset.blank(name) + "; a model finds its columns by name");
    }
    if (data.featureNames().contains(name)) {
      throw new InputException(data.source() + ": already has a feature " + column + "; names"
          + " are distinct, a model finds its columns by name (withoutColumns("
          + Numbers.quote(name) + ") first to replace it)");
    }
    int n = data.numRows();
    if (values.length != n) {
      throw new InputException(column + ": " + values.length + " value"
          + (values.length == 1 ? "" : "s") + " for the " + n + " row" + (n == 1 ? "" : "s")
          + " of " + data.source());
    }
    // As Dataset.of checks a feature, and as a CSV cell is read: NaN (missing) and infinities
    // are refused, not imputed.
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InputException(column + ": row " + (i + 1) + ": " + values[i]
            + " is not allowed; values must be finite");
      }
    }
    List<String> names = new ArrayList<>(data.featureNames());
    names.add(name);
    String source = data.source() + " with " + column;
    int p = data.numFeatures();
    if (data.isSparse()) {
      SparseMatrix x = data.sparseFeatures().orElseThrow();
      int[] pointers = java.util.Arrays.copyOf(x.sharedColumnPointers(), p + 2);
      int entries = x.numEntries();
      int nonzero = 0;
      for (double v : values) {
        nonzero += v != 0 ? 1 : 0;
      }
      int[] rowIndices = java.util.Arrays.copyOf(x.sharedRowIndices(), entries + nonzero);
      double[] entryValues = java.util.Arrays.copyOf(x.sharedValues(), entries + nonzero);
      for (int i = 0, k = entries; i < n; i++) {
        if (values[i] != 0) {
          rowIndices[k] = i;
          entryValues[k++] = values[i];
        }
      }
      pointers[p + 1] = entries + nonzero;
      return Dataset.sparse(SparseMatrix.trusted(n, p + 1, pointers, rowIndices, entryValues),
          data.heldTargets(), names, named(data, names), data.classNames(), source);
    }
    // Double rows for every dense storage: float32 values widen exactly, and the column keeps
    // the doubles given (a weight of 0.1 as a CSV file would give it, not float32's).
    double[][] rows = new double[n][p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        rows[i][j] = data.feature(i, j);
      }
      rows[i][p] = values[i];
    }
    return Dataset.fromRows(rows, data.heldTargets(), names, named(data, names), data.classNames(),
        source);
  }

  static double[] column(Dataset data, String name) {
    int j = indexOf(data, Objects.requireNonNull(name, "name"));
    double[] out = new double[data.numRows()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.feature(i, j);
    }
    return out;
  }

  private static Dataset kept(Dataset data, String... names) {
    Objects.requireNonNull(names, "names");
    int p = data.numFeatures();
    boolean[] dropped = new boolean[p];
    java.util.Set<String> quoted = new java.util.LinkedHashSet<>();
    for (int k = 0; k < names.length; k++) {
      if (names[k] == null) {
        throw new NullPointerException("names: name " + (k + 1) + " is null");
      }
      dropped[indexOf(data, names[k])] = true;
      quoted.add(Numbers.quote(names[k]));
    }
    if (names.length == 0) {
      return data;
    }
    int[] kept = java.util.stream.IntStream.range(0, p).filter(j -> !dropped[j]).toArray();
    List<String> keptNames = new ArrayList<>();
    for (int j : kept) {
      keptNames.add(data.featureNames().get(j));
    }
    List<String> shown = quoted.stream().limit(5).toList();
    String source = data.source() + " without column" + (quoted.size() == 1 ? " " : "s ")
        + String.join(", ", shown) + (quoted.size() > 5 ? ", … (" + quoted.size() + ")" : "");
    int n = data.numRows();
    int q = kept.length;
    boolean named = named(data, keptNames);
    if (data.isSparse()) {
      SparseMatrix x = data.sparseFeatures().orElseThrow();
      int[] from = x.sharedColumnPointers();
      int[] pointers = new int[q + 1];
      for (int c = 0; c < q; c++) {
        pointers[c + 1] = pointers[c] + from[kept[c] + 1] - from[kept[c]];
      }
      int[] rowIndices = new int[pointers[q]];
      double[] values = new double[pointers[q]];
      for (int c = 0; c < q; c++) {
        int start = from[kept[c]];
        int length = pointers[c + 1] - pointers[c];
        System.arraycopy(x.sharedRowIndices(), start, rowIndices, pointers[c], length);
        System.arraycopy(x.sharedValues(), start, values, pointers[c], length);
      }
      return Dataset.sparse(SparseMatrix.trusted(n, q, pointers, rowIndices, values),
          data.heldTargets(), keptNames, named, data.classNames(), source);
    }
    if (!data.holdsDoubles()) {
      // float32 stays float32: every value is one the data set held
      Matrix m = Matrix.zeros(n, q);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < q; c++) {
          m.set(i, c, (float) data.feature(i, kept[c]));
        }
      }
      return new Dataset(m, data.heldTargetMatrix(), keptNames, data.classNames(), source, named);
    }
    double[][] rows = new double[n][q];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < q; c++) {
        rows[i][c] = data.feature(i, kept[c]);
      }
    }
    return Dataset.fromRows(rows, data.heldTargets(), keptNames, named, data.classNames(), source);
  }

  /**
   * Matched by name when the data's columns were, or when the new names are not
   * {@link Dataset#defaultNames}: the factories' rule, so that a column added to (or dropped
   * from) data whose names stand for positions gives what {@code Dataset.of} gives for the same
   * names, while a header's names stay names whatever they spell.
   */
  private static boolean named(Dataset data, List<String> names) {
    return data.hasNamedFeatures() || !names.equals(Dataset.defaultNames(names.size()));
  }

  private static int indexOf(Dataset data, String name) {
    int j = data.featureNames().indexOf(name);
    if (j < 0) {
      throw new InputException(data.source() + ": no feature column " + Numbers.quote(name)
          + "; its feature columns: " + CsvReader.list(data.featureNames())
          + CloseNames.column(name, data.featureNames()));
    }
    return j;
  }
}
