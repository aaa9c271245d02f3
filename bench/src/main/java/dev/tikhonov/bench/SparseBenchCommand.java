package dev.tikhonov.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.data.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov bench sparse}: the gaussian or binomial lasso path (100 λ, glmnet's defaults;
 * {@code --family}, binomial labels from a logistic model on the same x) on a seeded
 * sparse matrix that could not be densified comfortably (default n = 200,000, p = 50,000 at
 * 0.1 %: 10⁷ entries, 80 GB dense), by tikhonov and by glmnet on the same dgCMatrix, each in
 * its own process under GNU time ({@code /usr/bin/time}, as bench/compare.sh's {@code timed}),
 * so that each side's wall time and peak RSS are its own. Prints both fit times (wall, and
 * the fitting thread's CPU time, the figure to compare on a loaded machine), their ratios,
 * the peak RSS of each and the largest coefficient difference at the shared λ, and writes
 * DIR/bench.json. The data file is generated once into the cache directory ({@link
 * SparseBench}).
 */
@Command(name = "sparse", mixinStandardHelpOptions = true,
    description = "Lasso path on a large sparse matrix, tikhonov beside glmnet (dgCMatrix): "
        + "times, ratio, peak RSS, coefficient agreement, where each path ends.")
final class SparseBenchCommand implements Callable<Integer> {
  @Option(names = "--rows", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int rows = 200_000;

  @Option(names = "--features", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
  int features = 50_000;

  @Option(names = "--density", paramLabel = "D", description = "Default: ${DEFAULT-VALUE}.")
  double density = 0.001;

  @Option(names = "--family", paramLabel = "F",
      converter = dev.tikhonov.cli.EnumeratedValue.class,
      completionCandidates = Families.class,
      description = "gaussian: y = Xβ + N(0, 1). binomial: 0/1 labels from a logistic model on "
          + "the same x, y = 1 with probability 1 / (1 + e^(−Xβ)) (seeded; a text "
          + "classifier's shape); both sides fit glmnet's binomial lasso path. β is nonzero, "
          + "±U(0.5, 2), on 4 %% of the features. Default: ${DEFAULT-VALUE}.")
  String family = "gaussian";

  @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}.")
  long seed = 1;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Where the data file is written once. Default: <tmpdir>/tikhonov-bench.")
  Path cache = Path.of(System.getProperty("java.io.tmpdir"), "tikhonov-bench");

  @Option(names = "--peer-script", paramLabel = "FILE",
      description = "glmnet's side. Default: ${DEFAULT-VALUE}.")
  Path peerScript = Path.of("bench/peers/glmnet_sparse.R");

  @Option(names = "--no-peer", description = "Run tikhonov's side only.")
  boolean noPeer;

  @Option(names = "--heap", paramLabel = "SIZE",
      description = "-Xmx of tikhonov's process. Default: ${DEFAULT-VALUE}.")
  String heap = "4g";

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "Where to write bench.json and each side's output.")
  Path out;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** --family's values, for completion and the refusal ({@link SparseBench#family}). */
  static final class Families implements Iterable<String> {
    static final List<String> NAMES = List.of("gaussian", "binomial");

    @Override
    public java.util.Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    BenchCommand.requireApplies(spec, "--peer-script", !noPeer, "without --no-peer",
        "with --no-peer, which runs tikhonov's side only");
    if (rows < 1 || features < 1) {
      throw new IllegalArgumentException("--rows and --features must be >= 1, got " + rows
          + " and " + features);
    }
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("--density must be in (0, 1], got " + density);
    }
    if ((double) rows * features * density > SparseBench.MAX_ENTRIES) {
      throw new IllegalArgumentException(String.format("--rows × --features × --density is "
          + "about %.3g entries; one sparse matrix holds at most %d", (double) rows * features
          * density, SparseBench.MAX_ENTRIES));
    }
    // The JVM's own -Xmx syntax: digits with an optional k, m, g or t (either case).
    if (!heap.matches("[0-9]+[kKmMgGtT]?")) {
      throw new IllegalArgumentException("--heap " + heap + ": expected a heap size such as"
          + " 4g, 512m or 1048576k (the JVM's -Xmx)");
    }
    if (!noPeer && !Files.isRegularFile(peerScript)) {
      throw new IllegalArgumentException("--peer-script " + peerScript + ": no such file"
          + (Files.exists(peerScript) ? " (it is a directory)" : "")
          + "; give glmnet's R script, or --no-peer");
    }
    dev.tikhonov.loss.Family fam = SparseBench.family(family);
    String familyName = fam.name().toLowerCase(java.util.Locale.ROOT);
    // a file or an unwritable place as --cache was an internal error (UncheckedIOException:
    // FileAlreadyExistsException) once the --out folder had been made
    dev.tikhonov.report.RunWriter.requireWritableDirectory(cache, "data cache directory"
        + " (--cache)");
    BenchCommand.requireOutput(out);
    Path data = SparseBench.ensureFile(cache, rows, features, density, seed, fam);
    String indices = "1,10,25,50,75,100";
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    System.out.printf("sparse %s lasso path: n = %,d, p = %,d, density %s (dense: %.1f GB); "
        + "loadavg before: %s%n", familyName, rows, features, density,
        8.0 * rows * features / 1e9, load);

    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> tikhonov = List.of(java, "-Xmx" + heap, "-cp",
        System.getProperty("java.class.path"), SparseBench.class.getName(),
        data.toString(), out.resolve("tikhonov.json").toString(), indices, familyName);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("bench", "sparse_lasso_path");
    result.put("family", familyName);
    result.put("n", rows);
    result.put("p", features);
    result.put("density", density);
    result.put("seed", seed);
    result.put("loadavg_before", load);
    Map<String, Object> own = run("tikhonov", tikhonov, out);
    JsonNode ownJson = SparseBench.readJson(out.resolve("tikhonov.json"));
    own.put("fit_seconds", ownJson.get("fit_seconds").asDouble());
    own.put("fit_cpu_seconds", ownJson.get("fit_cpu_seconds").asDouble());
    own.put("read_seconds", ownJson.get("read_seconds").asDouble());
    own.put("lambdas", ownJson.get("lambdas").size());
    own.put("passes", ownJson.get("passes").asInt());
    putEnd(own, ownJson);
    result.put("tikhonov", own);
    System.out.printf("%-9s %8s %9s %8s %6s %9s %9s %12s%n", "side", "fit s", "fit CPU s",
        "read s", "λ", "wall s", "CPU s", "peak RSS MB");
    print("tikhonov", own);
    if (!noPeer) {
      List<String> glmnet = List.of("Rscript", peerScript.toString(), data.toString(),
          out.resolve("glmnet.json").toString(), indices, familyName);
      Map<String, Object> peer = run("glmnet", glmnet, out);
      JsonNode peerJson = SparseBench.readJson(out.resolve("glmnet.json"));
      peer.put("fit_seconds", peerJson.get("fit_seconds").asDouble());
      peer.put("fit_cpu_seconds", peerJson.get("fit_cpu_seconds").asDouble());
      peer.put("read_seconds", peerJson.get("read_seconds").asDouble());
      peer.put("lambdas", peerJson.get("lambdas").size());
      peer.put("glmnet_version", peerJson.get("glmnet").asText());
      putEnd(peer, peerJson);
      result.put("glmnet", peer);
      print("glmnet", peer);
      double ratio = (double) own.get("fit_seconds") / (double) peer.get("fit_seconds");
      double cpuRatio = (double) own.get("fit_cpu_seconds")
          / (double) peer.get("fit_cpu_seconds");
      double[] la = SparseBench.numbers(ownJson.get("lambdas"));
      double[] lb = SparseBench.numbers(peerJson.get("lambdas"));
      double lambdaDiff = 0;
      for (int l = 0; l < Math.min(la.length, lb.length); l++) {
        lambdaDiff = Math.max(lambdaDiff, Math.abs(la[l] - lb[l]) / lb[l]);
      }
      double worst = SparseBench.worstDifference(ownJson, peerJson);
      result.put("fit_time_ratio", ratio);
      result.put("fit_cpu_ratio", cpuRatio);
      result.put("lambda_relative_difference", lambdaDiff);
      result.put("coefficient_relative_difference", worst);
      System.out.printf("fit tikhonov/glmnet: wall %.2f, CPU %.2f; λ agree to %.1e; coefficients"
          + " at λ #%s agree to %.1e of the largest%n", ratio, cpuRatio, lambdaDiff, indices,
          worst);
    }
    ends(result);
    String after = Files.readString(Path.of("/proc/loadavg")).trim();
    result.put("loadavg_after", after);
    System.out.println("loadavg after: " + after);
    Json.write(out.resolve("bench.json"), result);
    return 0;
  }

  /** Where a side's path ended: its last λ, the df and the deviance ratio there. */
  private static void putEnd(Map<String, Object> r, JsonNode json) {
    double[] lambdas = SparseBench.numbers(json.get("lambdas"));
    double[] df = SparseBench.numbers(json.get("df"));
    double[] devRatio = SparseBench.numbers(json.get("dev_ratio"));
    r.put("last_lambda", lambdas[lambdas.length - 1]);
    r.put("last_df", (int) df[df.length - 1]);
    r.put("last_dev_ratio", devRatio[devRatio.length - 1]);
  }

  private static void ends(Map<String, Object> result) {
    StringBuilder line = new StringBuilder("paths end:");
    for (String side : List.of("tikhonov", "glmnet")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) result.get(side);
      if (r != null) {
        line.append(String.format(" %s at λ #%d = %.4g (df %d, deviance ratio %.4f);", side,
            (int) r.get("lambdas"), (double) r.get("last_lambda"), (int) r.get("last_df"),
            (double) r.get("last_dev_ratio")));
      }
    }
    System.out.println(line.substring(0, line.length() - 1));
  }

  private static void print(String side, Map<String, Object> r) {
    System.out.printf("%-9s %8.2f %9.2f %8.1f %6d %9.1f %9.1f %12.0f%n", side,
        (double) r.get("fit_seconds"), (double) r.get("fit_cpu_seconds"),
        (double) r.get("read_seconds"), (int) r.get("lambdas"), (double) r.get("wall_s"),
        (double) r.get("cpu_s"), ((Number) r.get("max_rss_kb")).doubleValue() / 1024);
  }

  /** Runs {@code command} under GNU time; its wall seconds and peak RSS. */
  private static Map<String, Object> run(String side, List<String> command, Path out)
      throws IOException, InterruptedException {
    Path timeFile = out.resolve(side + ".time.json");
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f",
        "{\"wall_s\": %e, \"user_s\": %U, \"sys_s\": %S, \"max_rss_kb\": %M}", "-o",
        timeFile.toString()));
    timed.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(timed).inheritIO();
    // Benchmarks run both sides without the machine's OpenBLAS tuning (STYLE: benchmarks only).
    builder.environment().remove("OPENBLAS_CORETYPE");
    builder.environment().remove("OPENBLAS_L2_SIZE");
    int code = builder.start().waitFor();
    if (code != 0) {
      throw new dev.tikhonov.data.InputException("the " + side + " side failed with exit code "
          + code + " (its messages are above): " + String.join(" ", command));
    }
    JsonNode t = Json.MAPPER.readTree(timeFile.toFile());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("wall_s", t.get("wall_s").asDouble());
    r.put("cpu_s", t.get("user_s").asDouble() + t.get("sys_s").asDouble());
    r.put("max_rss_kb", t.get("max_rss_kb").asLong());
    return r;
  }
}
