package dev.tikhonov.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The sparse workload of issue 11 (docs/performance.md, "Sparse data"): a seeded n×p matrix at
 * a given density, written once as a binary CSC file, and the gaussian or binomial lasso path
 * (glmnet's defaults: α = 1, 100 λ, standardized, intercept) fitted on it kept sparse.
 * Generation: column j gets between ½ and 3/2 of n·density entries in distinct uniform rows,
 * values −log U (positive, mean 1, so the implicit centering matters); η = Xβ with β nonzero
 * (±U(0.5, 2)) on 4 % of the features. Gaussian: y = η + N(0, 1). Binomial (a logistic model on
 * the same x, as a text classifier's labels): y_i = 1 when U_i &lt; 1 / (1 + e^(−η_i)), else 0.
 * The same seed gives the same x and β for both families; only the n draws after them differ.
 * File layout (little-endian, what
 * bench/peers/glmnet_sparse.R reads): "TKSPCSC1", int32 n, p, nnz, 0; int32 column pointers
 * [p + 1]; int32 0-based row indices [nnz]; float64 values [nnz]; float64 y [n].
 *
 * <p>{@link #main} is the tikhonov side run in its own JVM under GNU time by {@code tikhonov
 * bench sparse}, so that its peak RSS is the fit's alone.
 */
final class SparseBench {
  static final String MAGIC = "TKSPCSC1";

  private SparseBench() {}

  /** The data: x and y. */
  record Data(SparseMatrix x, double[] y) {}

  /** The gaussian data's cache file (its name as before the binomial labels existed). */
  static Path ensureFile(Path dir, int n, int p, double density, long seed) {
    return ensureFile(dir, n, p, density, seed, Family.GAUSSIAN);
  }

  /**
   * The cache file of these settings, generated (atomically) when it does not exist; the
   * binomial labels' file is named with "-binomial" (the gaussian one keeps its name).
   */
  static Path ensureFile(Path dir, int n, int p, double density, long seed, Family family) {
    Path file = dir.resolve("sparse-n" + n + "-p" + p + "-d" + density + "-s" + seed
        + (family == Family.BINOMIAL ? "-binomial" : "") + ".bin");
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long start = System.nanoTime();
    Data data = generate(n, p, density, seed, family);
    write(file, data);
    System.out.printf("generated %s (%d entries) in %.1f s%n", file, data.x().numEntries(),
        (System.nanoTime() - start) / 1e9);
    return file;
  }

  /** The most entries one {@link SparseMatrix} holds (its arrays are indexed by int). */
  static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;

  static Data generate(int n, int p, double density, long seed) {
    return generate(n, p, density, seed, Family.GAUSSIAN);
  }

  /** The data of the class javadoc: gaussian or binomial targets (nothing else is made). */
  static Data generate(int n, int p, double density, long seed, Family family) {
    if (family != Family.GAUSSIAN && family != Family.BINOMIAL) {
      throw new IllegalArgumentException("the sparse benchmark makes gaussian or binomial "
          + "targets, not " + family);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double mean = n * density;
    int[] pointers = new int[p + 1];
    int[][] rows = new int[p][];
    for (int j = 0; j < p; j++) {
      int k = (int) Math.max(1, Math.round(mean * (0.5 + random.nextDouble())));
      int[] r = new int[Math.min(k, n)];
      for (int t = 0; t < r.length; t++) {
        r[t] = random.nextInt(n);
      }
      Arrays.sort(r);
      int m = 0;
      for (int t = 0; t < r.length; t++) {
        if (m == 0 || r[t] != r[m - 1]) {
          r[m++] = r[t];
        }
      }
      rows[j] = Arrays.copyOf(r, m);
      long next = (long) pointers[j] + m;
      if (next > MAX_ENTRIES) {
        throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries");
      }
      pointers[j + 1] = (int) next;
    }
    int nnz = pointers[p];
    int[] rowIndex = new int[nnz];
    double[] values = new double[nnz];
    double[] y = new double[n];
    for (int j = 0; j < p; j++) {
      boolean informative = random.nextDouble() < 0.04;
      double beta = informative
          ? (random.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * random.nextDouble()) : 0.0;
      int base = pointers[j];
      for (int t = 0; t < rows[j].length; t++) {
        double v = -Math.log(1 - random.nextDouble());
        rowIndex[base + t] = rows[j][t];
        values[base + t] = v;
        y[rows[j][t]] += beta * v;
      }
      rows[j] = null;
    }
    // y holds η = Xβ here; the gaussian stream of draws is as it was before binomial existed.
    for (int i = 0; i < n; i++) {
      if (family == Family.GAUSSIAN) {
        y[i] += gaussian(random);
      } else {
        y[i] = random.nextDouble() < 1 / (1 + Math.exp(-y[i])) ? 1 : 0;
      }
    }
    return new Data(SparseMatrix.of(n, p, pointers, rowIndex, values), y);
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller, one of the pair.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static void write(Path file, Data data) {
    SparseMatrix x = data.x();
    AtomicFiles.write(file, raw -> {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
      ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      b.put(MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      b.putInt(x.numRows()).putInt(x.numColumns()).putInt(x.numEntries()).putInt(0);
      flush(b, out);
      for (int v : x.sharedColumnPointers()) {
        putInt(b, out, v);
      }
      for (int v : x.sharedRowIndices()) {
        putInt(b, out, v);
      }
      for (double v : x.sharedValues()) {
        putDouble(b, out, v);
      }
      for (double v : data.y()) {
        putDouble(b, out, v);
      }
      flush(b, out);
      out.flush();
    });
  }

  private static void putInt(ByteBuffer b, DataOutputStream out, int v) throws IOException {
    if (b.remaining() < 8) {
      flush(b, out);
    }
    b.putInt(v);
  }

  private static void putDouble(ByteBuffer b, DataOutputStream out, double v)
      throws IOException {
    if (b.remaining() < 8) {
      flush(b, out);
    }
    b.putDouble(v);
  }

  private static void flush(ByteBuffer b, DataOutputStream out) throws IOException {
    out.write(b.array(), 0, b.position());
    b.clear();
  }

  /** Reads the binary file back (validated by {@link SparseMatrix#of}). */
  static Data read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
          .order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[8];
      b.get(magic);
      if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IllegalArgumentException(file + ": not a sparse benchmark file");
      }
      int n = b.getInt();
      int p = b.getInt();
      int nnz = b.getInt();
      b.getInt();
      int[] pointers = new int[p + 1];
      b.asIntBuffer().get(pointers);
      b.position(b.position() + 4 * (p + 1));
      int[] rowIndex = new int[nnz];
      b.asIntBuffer().get(rowIndex);
      b.position(b.position() + 4 * nnz);
      double[] values = new double[nnz];
      b.asDoubleBuffer().get(values);
      b.position(b.position() + 8 * nnz);
      double[] y = new double[n];
      b.asDoubleBuffer().get(y);
      return new Data(SparseMatrix.of(n, p, pointers, rowIndex, values), y);
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      throw new IllegalArgumentException(file + ": a truncated or damaged sparse benchmark "
          + "file; delete it and the next run generates it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tikhonov side, in its own process: {@code DATA.bin OUT.json INDICES [FAMILY]} (1-based
   * λ indices, comma-separated; gaussian, the default, or binomial). Writes the λ, the read and
   * fit seconds and the coefficients at those λ.
   */
  public static void main(String[] args) {
    try {
      side(args);
    } catch (Throwable t) {
      // as the command line reports: one line, exit code 2 for bad input, no stack trace
      System.exit(dev.tikhonov.cli.Main.report(t, new java.io.PrintWriter(System.err, true)));
    }
  }

  private static void side(String[] args) {
    Path file = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int[] want = args.length > 2
        ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 10, 25, 50, 75, 100};
    Family family = args.length > 3 ? family(args[3]) : Family.GAUSSIAN;
    long t0 = System.nanoTime();
    Data data = read(file);
    double readSeconds = (System.nanoTime() - t0) / 1e9;
    int p = data.x().numColumns();
    List<String> names = IntStream.range(0, p).mapToObj(j -> "x" + (j + 1)).toList();
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long c1 = threads.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    PathSolution path = ElasticNetPath.fit(family, data.x(), data.y(),
        PathSettings.lasso(), names, List.of());
    double fitSeconds = (System.nanoTime() - t1) / 1e9;
    // The path runs on this thread alone: its CPU time is the fit's, whatever the load.
    double fitCpuSeconds = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
    int[] indices = Arrays.stream(want).map(l -> Math.min(l, path.size())).distinct().toArray();
    List<double[]> coefficients = new ArrayList<>();
    double[] intercepts = new double[indices.length];
    for (int t = 0; t < indices.length; t++) {
      coefficients.add(path.coefficients(indices[t] - 1)[0]);
      intercepts[t] = path.intercept(indices[t] - 1, 0);
    }
    int passes = 0;
    for (int l = 0; l < path.size(); l++) {
      passes += path.passes(l);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("side", "tikhonov");
    json.put("family", family.name().toLowerCase(java.util.Locale.ROOT));
    json.put("n", data.x().numRows());
    json.put("p", p);
    json.put("nnz", data.x().numEntries());
    json.put("read_seconds", readSeconds);
    json.put("fit_seconds", fitSeconds);
    json.put("fit_cpu_seconds", fitCpuSeconds);
    json.put("lambdas", path.lambdas());
    json.put("df", path.degreesOfFreedom());
    json.put("dev_ratio", path.devianceRatio());
    json.put("passes", passes);
    json.put("all_converged", path.allConverged());
    json.put("indices", indices);
    json.put("intercepts", intercepts);
    json.put("coefficients", coefficients);
    Json.write(out, json);
    System.err.printf("tikhonov: read %.1f s, lasso path (%d lambdas, %d passes) %.1f s"
        + " (CPU %.1f s)%n", readSeconds, path.size(), passes, fitSeconds, fitCpuSeconds);
  }

  /**
   * The family a {@code --family} value names: gaussian or binomial, as {@link
   * dev.tikhonov.cli.EnumeratedValue} reads it (any case, blanks around it dropped); another is
   * refused as path --family refuses one, with the close value.
   */
  static Family family(String name) {
    return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "gaussian" -> Family.GAUSSIAN;
      case "binomial" -> Family.BINOMIAL;
      default -> throw new dev.tikhonov.data.InputException(dev.tikhonov.cli.EnumeratedValue
          .refusal("--family", SparseBenchCommand.Families.NAMES, name));
    };
  }

  /** Reads a side's JSON. */
  static JsonNode readJson(Path file) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** A JSON number or array of numbers as double[] (R writes a length-1 vector as a number). */
  static double[] numbers(JsonNode node) {
    if (!node.isArray()) {
      return new double[] {node.asDouble()};
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  /**
   * The largest coefficient difference at the shared λ indices, relative to the largest
   * coefficient at that λ (intercepts included), over the indices both sides report.
   */
  static double worstDifference(JsonNode a, JsonNode b) {
    double[] ia = numbers(a.get("indices"));
    double[] ib = numbers(b.get("indices"));
    double worst = 0;
    for (int s = 0; s < ia.length; s++) {
      for (int t = 0; t < ib.length; t++) {
        if (ia[s] != ib[t]) {
          continue;
        }
        double[] ca = numbers(a.get("coefficients").get(s));
        double[] cb = numbers(b.get("coefficients").get(t));
        double a0 = numbers(a.get("intercepts"))[s];
        double b0 = numbers(b.get("intercepts"))[t];
        double largest = Math.max(Math.abs(a0), 1e-300);
        for (double v : ca) {
          largest = Math.max(largest, Math.abs(v));
        }
        double d = Math.abs(a0 - b0);
        for (int j = 0; j < ca.length; j++) {
          d = Math.max(d, Math.abs(ca[j] - cb[j]));
        }
        worst = Math.max(worst, d / largest);
      }
    }
    return worst;
  }
}
