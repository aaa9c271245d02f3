package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.cli.Main;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.tensor.Rng;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  @TempDir Path tmp;

  @Test
  void benchJoinsTheCliCommandLine_withItsErrorHandling() {
    // found through META-INF/services/dev.tikhonov.cli.CommandExtension of this module
    var cl = Main.commandLine();
    assertTrue(cl.getSubcommands().containsKey("bench"), "bench is a subcommand of tikhonov");
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("bench", "mlp", "--synthetic", "--epochs", "0"));
    assertTrue(err.toString().startsWith("tikhonov: error: --epochs"), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), "one line, no stack trace");
  }

  /** picocli's help command looked up only the first name: help bench gemm was bench's help. */
  @Test
  void helpBenchGemm_printsGemmsHelp_anUnknownNameIsExit2() {
    var cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute("help", "bench", "gemm"), err.toString());
    assertTrue(out.toString().startsWith("Usage: tikhonov bench gemm "), out.toString());

    cl = Main.commandLine();
    err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("help", "bench", "nope"));
    assertTrue(err.toString().startsWith("tikhonov: error: unknown command 'nope' in 'tikhonov"
        + " bench'; its commands are gemm, "), err.toString());
  }

  @Test
  void lambdaSequence_isGlmnetsDefaultFromTheClosedFormLambdaMax() {
    Rng rng = new Rng(4);
    int n = 200;
    int p = 7;
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextGaussian() + j;
      }
      y[i] = 3 + x[i][2] - 0.5 * x[i][5] + rng.nextGaussian();
    }
    PathBench.Problem problem = new PathBench.Problem(x, y, new int[n], "test");
    // λ_max = max_j |x̃ⱼᵀ(y − ȳ)| / (n·max(α, 0.001)), x̃ the centred columns
    double yMean = java.util.Arrays.stream(y).average().orElseThrow();
    double max = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i][j] / n;
      }
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += (x[i][j] - mean) * (y[i] - yMean);
      }
      max = Math.max(max, Math.abs(dot) / n);
    }
    for (double alpha : new double[] {1, 0.5, 0}) {
      double[] lambdas = PathBench.lambdas(problem, alpha);
      assertEquals(PathBench.NLAMBDA, lambdas.length);
      double top = max / Math.max(alpha, 1e-3);
      assertEquals(top, lambdas[0], 1e-12 * top, "λ_max at α = " + alpha);
      assertEquals(top * PathBench.LAMBDA_MIN_RATIO, lambdas[lambdas.length - 1], 1e-9 * top);
    }
  }

  @Test
  void mlpWorkload_onSmallSyntheticData_timesEveryEpochAndLearns() {
    TrainTest data = MlpBench.synthetic(1_000, 300, 784, 10, 3);
    MlpBench.Result r = MlpBench.run(data, 3, 0, 0, new dev.tikhonov.train.TrainingListener() {});
    assertEquals(3, r.epochSeconds().length);
    assertTrue(r.epochSecondsMedian() > 0, "median of epochs 2..3");
    assertEquals(1_000 / r.epochSecondsMedian(), r.samplesPerSecond(), 1e-9);
    assertTrue(r.testAccuracy() > 0.5, "accuracy " + r.testAccuracy() + " on separable classes");
    assertTrue(MlpBench.peakRssBytes() > 0, "VmHWM is read from /proc");
  }

  /** n rows of p gaussian features and y = x₁ + x₂ + x₃ + noise, in the peers' format. */
  private static Path writeProblem(Path data, int n, int p) throws IOException {
    Rng rng = new Rng(9);
    ByteBuffer x = ByteBuffer.allocate(8 * n * p).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer y = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer folds = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      double signal = 0;
      for (int j = 0; j < p; j++) {
        double v = rng.nextGaussian();
        x.putDouble(v);
        signal += j < 3 ? v : 0;
      }
      y.putDouble(signal + rng.nextGaussian());
      folds.putInt(i % 10 + 1);
    }
    Files.createDirectories(data);
    Files.write(data.resolve("X.f64"), x.array());
    Files.write(data.resolve("y.f64"), y.array());
    Files.write(data.resolve("foldid.i32"), folds.array());
    return data;
  }

  @Test
  void benchPath_onAProblemInThePeersFormat_writesSecondsPerWorkload() throws IOException {
    int p = 12;
    Path data = writeProblem(tmp.resolve("synth"), 300, p);
    Path out = tmp.resolve("out");

    StringWriter sink = new StringWriter();
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(sink));
    int code = cl.execute("bench", "path", "--data", data.toString(), "--threads", "1",
        "--warmup", "1", "--repeats", "2", "--out", out.toString());

    assertEquals(0, code);
    JsonNode json = Json.MAPPER.readTree(out.resolve("bench.json").toFile());
    // one untimed run first, kept as cold_seconds; the two timed ones in seconds_all
    assertEquals(1, json.path("lasso_path").path("warmup_runs").asInt());
    assertEquals(2, json.path("lasso_path").path("seconds_all").size());
    assertTrue(json.path("lasso_path").path("cold_seconds").asDouble(-1) > 0);
    for (String w : new String[] {"lasso_path", "enet_path", "lasso_cv10", "lasso_cv10_rows",
        "ridge_gcv", "ridge_gcv_svd"}) {
      assertTrue(json.path(w).path("seconds").asDouble(-1) >= 0, w + " has seconds");
    }
    assertEquals(100, json.path("lasso_path").path("n_lambda").asInt());
    assertEquals(10, json.path("lasso_cv10").path("folds").asInt());
    // The side-by-side pairs do the same work: the same λ_min and GCV choice.
    assertEquals(json.path("lasso_cv10_rows").path("index_min").asInt(),
        json.path("lasso_cv10").path("index_min").asInt());
    assertEquals(json.path("lasso_cv10_rows").path("cv_mean_at_min").asDouble(),
        json.path("lasso_cv10").path("cv_mean_at_min").asDouble(),
        1e-10 * json.path("lasso_cv10").path("cv_mean_at_min").asDouble());
    assertEquals(json.path("ridge_gcv_svd").path("lambda_gcv").asDouble(),
        json.path("ridge_gcv").path("lambda_gcv").asDouble());
    assertEquals(p, json.path("p").asInt());
  }

  @Test
  void benchPath_negativeWarmup_failsNamingTheFlag() {
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("bench", "path", "--warmup", "-1"));
    assertEquals("tikhonov: error: --warmup must be >= 0, got -1", err.toString().strip());
  }

  /** A --data folder without the problem's files: the refusal names the flag and the folder. */
  @Test
  void benchPath_dataWithoutTheProblem_failsNamingTheFlag() {
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    Path missing = tmp.resolve("no-such-problem");
    assertEquals(2, cl.execute("bench", "path", "--data", missing.toString()));
    assertTrue(err.toString().strip().startsWith("tikhonov: error: --data " + missing
        + ": cannot read the synthetic problem (X.f64, y.f64, foldid.i32): "), err.toString());
  }

  /** A --refs folder without the reference file stops before any fit, naming the file. */
  @Test
  void benchPath_refsWithoutTheReferenceFile_failsNamingIt() throws IOException {
    Path data = writeProblem(tmp.resolve("synth-refs"), 40, 3);
    Path refs = Files.createDirectories(tmp.resolve("refs-empty"));
    Path out = tmp.resolve("out-refs");
    StringWriter err = new StringWriter();
    StringWriter sink = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(sink));
    int code = cl.execute("bench", "path", "--data", data.toString(), "--refs", refs.toString(),
        "--only", "enet_path", "--out", out.toString());
    assertEquals(2, code);
    assertEquals("tikhonov: error: " + refs.resolve("coef_enet.csv") + ": no such file (the "
        + "folder given to --refs must hold coef_enet.csv, the exact coefficients of the enet "
        + "path)", err.toString().strip());
    assertEquals("", sink.toString(), "nothing ran");
    assertFalse(Files.exists(out));
  }

  @Test
  void benchPath_withATruncatedDesign_failsNamingTheFile() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("bad"));
    Files.write(data.resolve("y.f64"), new byte[8 * 10]);
    Files.write(data.resolve("X.f64"), new byte[8 * 25]); // 25 values for 10 rows
    Files.write(data.resolve("foldid.i32"), new byte[4 * 10]);
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("bench", "path", "--data", data.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("X.f64"), err.toString());
  }

  @Test
  void flopsPerEpoch_countsForwardWeightGradientAndAllButTheFirstInputGradient() {
    // 784-256-128-10: Σ in·out = 200,704 + 32,768 + 1,280 = 234,752 multiply-adds forward and
    // as many for the weight gradients; input gradients of layers 2 and 3: 34,048.
    assertEquals(2.0 * 60_000 * (2 * 234_752 + 34_048),
        MlpBench.flopsPerEpoch(60_000, 784, new int[] {256, 128}, 10), 0);
    assertEquals(2.0 * 5 * (2 * 3 * 2), MlpBench.flopsPerEpoch(5, 3, new int[0], 2), 0,
        "one layer: no input gradient");
  }

  @Test
  void benchMlp_otherBatchAndWidths_recordsThemAndTheirFlops() throws IOException {
    Path out = tmp.resolve("mlp");
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    int code = cl.execute("bench", "mlp", "--synthetic", "--epochs", "1", "--threads", "1",
        "--batch-size", "512", "--hidden", "32,16", "--out", out.toString());
    assertEquals(0, code);
    JsonNode json = Json.MAPPER.readTree(out.resolve("bench.json").toFile());
    assertEquals(512, json.path("batch_size").asInt());
    assertEquals("[32,16]", json.path("hidden").toString());
    assertEquals(MlpBench.flopsPerEpoch(60_000, 784, new int[] {32, 16}, 10),
        json.path("flops_per_epoch").asDouble(), 0);
  }

  @Test
  void benchChart_drawsBothScalingChartsFromAScalingJson() throws IOException {
    Path in = tmp.resolve("scaling.json");
    Files.writeString(in, "{\"gemm_gflops\": 200, \"batch\": ["
        + "{\"batch_size\": 32, \"tikhonov_epoch_s\": 1.5, \"torch_epoch_s\": 2.5,"
        + " \"flops_per_epoch\": 6.0e10},"
        + "{\"batch_size\": 128, \"tikhonov_epoch_s\": 0.5, \"torch_epoch_s\": 0.7,"
        + " \"flops_per_epoch\": 6.0e10}],"
        + " \"width\": [{\"width\": 64, \"tikhonov_epoch_s\": 0.1, \"torch_epoch_s\": 0.3,"
        + " \"flops_per_epoch\": 1.0e10}, {\"width\": 1024, \"tikhonov_epoch_s\": 4,"
        + " \"torch_epoch_s\": 5, \"flops_per_epoch\": 9.0e11}]}");
    Path out = tmp.resolve("charts");
    var cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    assertEquals(0, cl.execute("bench", "chart", "--in", in.toString(), "--out", out.toString()));
    for (String name : new String[] {"scaling-batch", "scaling-width"}) {
      String svg = Files.readString(out.resolve(name + ".svg"));
      assertTrue(svg.contains("<svg") && svg.trim().endsWith("</svg>"), name + ".svg");
      byte[] png = Files.readAllBytes(out.resolve(name + ".png"));
      assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name);
    }
  }

  /** Runs {@code tikhonov args}: the exit code, stderr, and what went to System.out. */
  private static String[] run(String... args) {
    StringWriter err = new StringWriter();
    var cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int code = cl.execute(args);
      return new String[] {String.valueOf(code), err.toString().strip(),
          printed.toString(java.nio.charset.StandardCharsets.UTF_8)};
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  void benchGemm_aSizeOutOfRange_failsNamingTheFlagBeforeAnyProduct() {
    for (String size : new String[] {"0", "-5", "30000"}) {
      String[] r = run("bench", "gemm", "--sizes", "64," + size);
      assertEquals("2", r[0], size);
      assertEquals("tikhonov: error: --sizes: every size must be from 1 to 23170 (an n×n "
          + "float32 matrix in one 2 GiB buffer), got " + size, r[1]);
      assertEquals("", r[2], "nothing measured or printed for " + size);
    }
  }

  @Test
  void benchGemm_secondsNotAFiniteNumber_failsNamingTheFlag() {
    String[] r = run("bench", "gemm", "--sizes", "8", "--seconds", "NaN");
    assertEquals("2", r[0]);
    assertEquals("tikhonov: error: --seconds must be a finite number >= 0, got NaN", r[1]);
  }

  /**
   * An --out that cannot be a folder stops every bench command before its work, naming the
   * path: before, gemm, mlp and path measured first and failed at the end, and sparse and chart
   * failed with an internal error.
   */
  @Test
  void everyBenchCommand_outUnderAFile_failsBeforeAnyWork() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path out = file.resolve("results");
    Path data = writeProblem(tmp.resolve("synth-out"), 40, 3);
    Path scaling = Files.writeString(tmp.resolve("scaling-out.json"), "{\"gemm_gflops\": 200}");
    Path cache = tmp.resolve("sparse-cache");
    String[][] commands = {
        {"bench", "gemm", "--sizes", "64", "--out", out.toString()},
        {"bench", "mlp", "--synthetic", "--epochs", "1", "--out", out.toString()},
        {"bench", "path", "--data", data.toString(), "--only", "lasso_path", "--out",
            out.toString()},
        {"bench", "sparse", "--no-peer", "--rows", "100", "--features", "10", "--cache",
            cache.toString(), "--out", out.toString()},
        {"bench", "chart", "--in", scaling.toString(), "--out", out.toString()}};
    for (String[] command : commands) {
      String[] r = run(command);
      assertEquals("2", r[0], command[1]);
      assertEquals("tikhonov: error: " + out + ": " + file + " is a file; the output directory "
          + "(--out) must be a directory", r[1], command[1]);
      assertEquals("", r[2], command[1] + ": nothing measured or printed");
    }
    assertFalse(Files.exists(cache), "sparse made no data");
  }

  /** Settings that cannot run are refused before the data are made or read. */
  @Test
  void benchSettingsThatCannotRun_failNamingTheFlagBeforeAnyWork() {
    Path cache = tmp.resolve("sparse-cache-settings");
    String sparseCache = cache.toString();
    String out = tmp.resolve("out-settings").toString();
    String[][] commands = {
        {"bench", "sparse", "--no-peer", "--density", "2", "--cache", sparseCache, "--out", out},
        {"bench", "sparse", "--no-peer", "--rows", "0", "--cache", sparseCache, "--out", out},
        {"bench", "sparse", "--no-peer", "--rows", "100000", "--features", "100000",
            "--density", "0.5", "--cache", sparseCache, "--out", out},
        {"bench", "mlp", "--synthetic", "--lambda", "NaN"},
        {"bench", "path", "--tol", "-1"}};
    String[] messages = {
        "--density must be in (0, 1], got 2.0",
        "--rows and --features must be >= 1, got 0 and 50000",
        "--rows × --features × --density is about 5.00e+09 entries; one sparse matrix holds at "
            + "most 2147483639",
        "--lambda must be a finite number >= 0, got NaN",
        "--tol must be positive and finite, got -1.0"};
    assertEachRefusedBeforeAnyWork(commands, messages);
    assertFalse(Files.exists(cache), "no sparse data made");
  }

  /**
   * A flag typed where it has no effect is refused before any work, as in the other commands:
   * these ran and ignored it (--data beside --synthetic measured the synthetic data).
   */
  @Test
  void benchFlagsWithoutEffect_areRefusedBeforeAnyWork() {
    Path cache = tmp.resolve("sparse-cache-ignored");
    String[][] commands = {
        {"bench", "mlp", "--synthetic", "--data", tmp.toString(), "--epochs", "1"},
        {"bench", "sparse", "--no-peer", "--peer-script", "my.R", "--rows", "100",
            "--features", "10", "--cache", cache.toString(), "--out",
            tmp.resolve("out-ignored").toString()},
        {"bench", "path", "--only", "ridge_gcv", "--refs", tmp.toString()},
        {"bench", "path", "--only", "ridge_gcv,ridge_gcv_svd", "--tol", "1e-6"}};
    String[] messages = {
        "--data applies only without --synthetic; it has no effect with --synthetic, which "
            + "makes data of Fashion-MNIST's shape",
        "--peer-script applies only without --no-peer; it has no effect with --no-peer, which "
            + "runs tikhonov's side only",
        "--refs applies only to the lasso_path and enet_path workloads; it has no effect with "
            + "--only ridge_gcv",
        "--tol applies only to the lasso and elastic-net workloads; it has no effect with "
            + "--only ridge_gcv,ridge_gcv_svd"};
    assertEachRefusedBeforeAnyWork(commands, messages);
    assertFalse(Files.exists(cache), "no sparse data made");
  }

  /** Each command exits 2 with its one-line message, having measured and printed nothing. */
  private static void assertEachRefusedBeforeAnyWork(String[][] commands, String[] messages) {
    for (int i = 0; i < commands.length; i++) {
      String[] r = run(commands[i]);
      assertEquals("2", r[0], messages[i]);
      assertEquals("tikhonov: error: " + messages[i], r[1]);
      assertEquals("", r[2], messages[i] + ": nothing measured or printed");
    }
  }

  private static String refused(String... args) {
    var cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    assertEquals(2, cl.execute(args), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    return err.toString().strip().replace("tikhonov: error: ", "");
  }

  /** The message named three flags at once; now the one that is wrong, with its value. */
  @Test
  void mlp_zeroEpochs_namesTheFlagAndValue() {
    assertEquals("--epochs must be >= 1, got 0",
        refused("bench", "mlp", "--synthetic", "--epochs", "0"));
    assertEquals("--batch-size must be >= 1, got -3",
        refused("bench", "mlp", "--synthetic", "--batch-size", "-3"));
  }

  /**
   * A file, or a place where no folder can be made, as --cache: it was "tikhonov: internal
   * error: java.io.UncheckedIOException: java.nio.file.FileAlreadyExistsException: F" (exit 1),
   * after the --out folder had been made.
   */
  @Test
  void sparse_cacheThatIsAFileOrCannotBeMade_isRefusedBeforeWork() throws Exception {
    Path file = Files.writeString(tmp.resolve("cache-file"), "x");
    Path out = tmp.resolve("o-cache");
    assertEquals(file + ": is a file; the data cache directory (--cache) must be a directory",
        refused("bench", "sparse", "--no-peer", "--rows", "10", "--features", "10", "--cache",
            file.toString(), "--out", out.toString()));
    assertEquals(file.resolve("sub") + ": " + file + " is a file; the data cache directory"
        + " (--cache) must be a directory", refused("bench", "sparse", "--no-peer", "--rows",
            "10", "--features", "10", "--cache", file.resolve("sub").toString(), "--out",
            out.toString()));
    assertTrue(refused("bench", "sparse", "--no-peer", "--rows", "10", "--features", "10",
        "--cache", "/proc/tikhonov-cache", "--out", out.toString())
        .startsWith("/proc/tikhonov-cache: cannot write the data cache directory (--cache)"));
    assertEquals("x", Files.readString(file));
    assertFalse(Files.exists(out));
  }

  /** Both used to fail after the data were made and tikhonov's side had run. */
  @Test
  void sparse_badHeapOrMissingPeerScript_isRefusedBeforeWork() {
    Path cache = tmp.resolve("cache");
    assertEquals("--heap bogus: expected a heap size such as 4g, 512m or 1048576k (the JVM's"
        + " -Xmx)", refused("bench", "sparse", "--heap", "bogus", "--no-peer", "--rows", "10",
        "--features", "10", "--cache", cache.toString(), "--out", tmp.resolve("o").toString()));
    assertEquals("--peer-script /nonexistent/x.R: no such file; give glmnet's R script, or"
        + " --no-peer", refused("bench", "sparse", "--peer-script", "/nonexistent/x.R",
        "--rows", "10", "--features", "10", "--cache", cache.toString(), "--out",
        tmp.resolve("o").toString()));
    assertFalse(Files.exists(cache));
    assertFalse(Files.exists(tmp.resolve("o")));
  }

  /**
   * Every bench command's --help renders as written: a bare "%" in a description (bench sparse
   * --family's "4 % of the features") made picocli print a WARN line to stderr at each help.
   */
  @Test
  void everyBenchCommand_helpRendersWithoutPicocliWarnings() {
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      var bench = Main.commandLine().getSubcommands().get("bench");
      assertTrue(bench.getSubcommands().containsKey("sparse"));
      for (var command : bench.getSubcommands().values()) {
        assertFalse(command.getUsageMessage().isBlank(), command.getCommandName());
      }
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** --family takes the two families whose targets the benchmark makes; others, one line. */
  @Test
  void sparse_familyOtherThanGaussianOrBinomial_isRefusedBeforeWork() {
    Path cache = tmp.resolve("cache-family");
    assertEquals("--family must be gaussian or binomial (any case), got 'poisson'", refused("bench",
        "sparse", "--family", "poisson", "--no-peer", "--rows", "10", "--features", "10",
        "--cache", cache.toString(), "--out", tmp.resolve("o-family").toString()));
    assertFalse(Files.exists(cache));
    assertFalse(Files.exists(tmp.resolve("o-family")));
  }

  /** Jackson's "[Source: REDACTED …]" internals and a second line reached the user. */
  @Test
  void chart_truncatedJson_isOneCleanLineWithThePosition() throws IOException {
    Path in = tmp.resolve("bad.json");
    Files.writeString(in, "{\"a\": [1,2\n");
    assertEquals("--in " + in + ":2:1: not valid JSON: Unexpected end-of-input: expected close"
        + " marker for Array", refused("bench", "chart", "--in", in.toString(), "--out",
        tmp.resolve("c").toString()));
  }
}
