package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ridge --weights} and {@code path --weights}: rows of weight 0 are rows left out for
 * the AIC, BIC and EBIC of path.json too (core's InformationCriteriaWeightZeroTest checks the
 * library against R's logLik.lm).
 */
class WeightZeroCriteriaCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TALL = Path.of("..", "core", "src", "test", "resources", "ref",
      "ridge", "tall.csv");
  /** Data rows (0-based, after the header) given weight 0. */
  private static final List<Integer> ZERO = List.of(2, 9, 30);
  @TempDir Path dir;

  /** tall.csv with the ZERO rows' weights 0 ({@code removed}: without those rows). */
  private Path data(boolean removed) throws Exception {
    List<String> lines = Files.readAllLines(TALL);
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 0; i < lines.size() - 1; i++) {
      String line = lines.get(i + 1);
      if (!ZERO.contains(i)) {
        out.add(line);
      } else if (!removed) {
        String[] c = line.split(",");
        c[4] = "0";
        out.add(String.join(",", c));
      }
    }
    Path file = dir.resolve(removed ? "removed.csv" : "zeros.csv");
    Files.write(file, out);
    return file;
  }

  private JsonNode criteria(String command, Path data, String run) throws Exception {
    Path out = dir.resolve(run);
    List<String> args = new ArrayList<>(List.of(command, "--data", data.toString(), "--target",
        "y", "--weights", "w", "--lambdas", "1,0.3,0.1,0.03,0.01", "--out", out.toString(),
        "--quiet"));
    if (command.equals("path")) {
      args.addAll(List.of("--l1-ratio", "0.5"));
    }
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), r.err());
    return JSON.readTree(out.resolve("path.json").toFile()).get("ic");
  }

  @Test
  void rowsOfWeightZero_giveTheCriteriaOfTheRowsRemoved() throws Exception {
    for (String command : List.of("ridge", "path")) {
      JsonNode zeros = criteria(command, data(false), command + "-zeros");
      JsonNode removed = criteria(command, data(true), command + "-removed");
      for (String name : List.of("df", "aic", "bic", "ebic")) {
        for (int l = 0; l < removed.get(name).size(); l++) {
          double expected = removed.get(name).get(l).asDouble();
          assertEquals(expected, zeros.get(name).get(l).asDouble(),
              1e-8 * Math.max(1, Math.abs(expected)), command + " " + name + " at λ #" + l);
        }
      }
    }
  }
}
