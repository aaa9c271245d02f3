package dev.tikhonov.linear;

import dev.tikhonov.loss.Family;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The L1-logistic path on the peer benchmark's synthetic data (n = 10000, p = 1000,
 * equicorrelated features) against the exact, KKT-certified references of
 * ../shared/peers/ref/coef_logit_l1.csv. The data lives only under $PEERS_DATA/synth (default
 * /var/tmp/peers-data, built by the peers' setup.sh or make_synth.py); without it the test is
 * skipped (CI on this machine has it). At tolerance 1e-6 (the scaled KKT residual) the 100-λ
 * path on this ill-conditioned design takes a minute or two (measured: 98 s wall on 2 shared cores at a load average of 8, max relative
 * coefficient error 5.5e-5; glmnet's sweeps alone at thresh 1e-12 took 666 s for 1.4e-5).
 */
class BinomialPeersTest {

  private static final Path DATA = Path.of(
      System.getenv().getOrDefault("PEERS_DATA", "/var/tmp/peers-data"), "synth");
  private static final Path REF = sharedPeersRef();

  /** ../shared/peers/ref beside the repository: the first ancestor of the module that has it. */
  private static Path sharedPeersRef() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/peers/ref");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("../shared/peers/ref");
  }

  @Test
  void fit_l1LogisticOnPeerData_matchesExactReferences() throws IOException {
    assumeTrue(Files.isRegularFile(DATA.resolve("X.f64"))
        && Files.isRegularFile(REF.resolve("coef_logit_l1.csv")), "peer data not present");
    String meta = Files.readString(DATA.resolve("meta.json"));
    int n = intField(meta, "n");
    int p = intField(meta, "p");
    double[] flat = readDoubles(DATA.resolve("X.f64"), n * p);
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * p, x[i], 0, p);
    }
    double[] y = readDoubles(DATA.resolve("ybin.f64"), n);

    List<Double> lambdaList = new ArrayList<>();
    for (String line : Files.readAllLines(REF.resolve("lambdas_logit_l1.csv")).subList(1, 101)) {
      lambdaList.add(Double.parseDouble(line.split(",")[1]));
    }
    double[] lambdas = lambdaList.stream().mapToDouble(Double::doubleValue).toArray();
    // lambda_index (1-based) -> coefficients, j = 0 the intercept.
    Map<Integer, double[]> ref = new HashMap<>();
    for (String line : Files.readAllLines(REF.resolve("coef_logit_l1.csv")).subList(1,
        Files.readAllLines(REF.resolve("coef_logit_l1.csv")).size())) {
      String[] f = line.split(",");
      ref.computeIfAbsent(Integer.parseInt(f[0]), k -> new double[p + 1])[Integer.parseInt(f[2])] =
          Double.parseDouble(f[3]);
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    PathSolution path = ElasticNetPath.fit(Family.BINOMIAL, x, y,
        PathSettings.of(1).withStandardize(false)
        .withTolerance(1e-6).withLambdas(lambdas), names, List.of("0", "1"));
    double worst = 0;
    for (Map.Entry<Integer, double[]> e : ref.entrySet()) {
      int l = e.getKey() - 1;
      double[] b = e.getValue();
      double scale = 0;
      double err = Math.abs(path.intercept(l, 0) - b[0]);
      for (int j = 0; j < p; j++) {
        scale = Math.max(scale, Math.abs(b[j + 1]));
        err = Math.max(err, Math.abs(path.coefficient(l, 0, j) - b[j + 1]));
      }
      worst = Math.max(worst, err / scale);
    }
    System.out.println("peer L1-logistic: max relative coefficient error " + worst);
    assertTrue(worst < 1e-4, "max relative error " + worst);
  }

  private static int intField(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in meta.json");
    }
    return Integer.parseInt(m.group(1));
  }

  private static double[] readDoubles(Path file, int count) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[count];
    buf.asDoubleBuffer().get(out);
    return out;
  }
}
