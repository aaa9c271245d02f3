package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A λ list given on the command line (path, grid, select --lambdas): a value twice, a negative
 * or a non-finite value is exit 2 naming --lambdas, before any output; an unsorted list is
 * fitted from the largest λ down, as glmnet sorts a user lambda. path --lambdas 1,1 used to fit
 * λ = 1 twice.
 */
class LambdaListsTest {
  @TempDir static Path dir;
  static String real;
  static String labels;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder r = new StringBuilder("a,b,y\n");
    StringBuilder c = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 60; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      r.append(a).append(',').append(b).append(',').append(2 * a - b + 0.01 * Math.sin(7 * i))
          .append('\n');
      c.append(a).append(',').append(b).append(',').append(a > b ? "up" : "down").append('\n');
    }
    real = Files.writeString(dir.resolve("real.csv"), r).toString();
    labels = Files.writeString(dir.resolve("labels.csv"), c).toString();
  }

  private static String[] args(String out, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--threads", "1", "--quiet", "--out", dir.resolve(out).toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void repeatedOrInvalidLambdas_areExit2NamingTheFlag() {
    String[][] cases = {
        args("p1", "path", "--data", real, "--target", "y", "--lambdas", "1,1"),
        args("p2", "path", "--data", real, "--target", "y", "--lambdas", "0.5,0.1,0.5",
            "--cv-folds", "3"),
        args("p3", "path", "--data", real, "--target", "y", "--lambdas", "0.5,0.5", "--relax"),
        args("p4", "path", "--data", labels, "--target", "y", "--family", "binomial",
            "--lambdas", "0.1,0.1"),
        args("p5", "path", "--data", real, "--target", "y", "--lambdas", "0.1,-1"),
        args("p6", "path", "--data", real, "--target", "y", "--lambdas", "NaN"),
        args("g1", "grid", "--data", labels, "--target", "y", "--model", "mlp:4", "--lambdas",
            "0.1,0.1"),
        args("g2", "grid", "--data", labels, "--target", "y", "--model", "mlp:4", "--lambdas",
            "0.1,Infinity"),
        args("s1", "select", "--data", labels, "--target", "y", "--model", "mlp:4",
            "--lambdas", "0.1,0.01,0.1"),
    };
    for (String[] c : cases) {
      InProcess r = InProcess.run(c);
      String line = String.join(" ", c) + "\n" + r.err();
      assertEquals(2, r.exit(), line);
      assertEquals(1, r.err().lines().count(), line);
      assertTrue(r.err().startsWith("tikhonov: error: --lambdas"), line);
      assertTrue(r.err().contains("distinct") || r.err().contains("finite"), line);
      assertFalse(Files.exists(dir.resolve(c[c.length - 1])), "no output: " + line);
    }
    InProcess twice = InProcess.run(cases[0]);
    assertEquals("tikhonov: error: --lambdas must be distinct; 1.0 is given twice (values 1 and"
        + " 2)",
        twice.err());
  }

  @Test
  void unsortedLambdas_areFittedFromTheLargestDown() throws Exception {
    Path out = dir.resolve("sorted");
    InProcess r = InProcess.run(args("sorted", "path", "--data", real, "--target", "y",
        "--lambdas", "0.01,1,0,0.1"));
    assertEquals(0, r.exit(), r.err());
    JsonNode lambdas = new ObjectMapper().readTree(out.resolve("path.json").toFile())
        .get("lambda");
    double[] got = new double[lambdas.size()];
    for (int l = 0; l < got.length; l++) {
      got[l] = lambdas.get(l).asDouble();
    }
    assertArrayEquals(new double[] {1, 0.1, 0.01, 0}, got);
  }
}
