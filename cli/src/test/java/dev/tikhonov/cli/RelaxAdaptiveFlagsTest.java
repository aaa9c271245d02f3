package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad combinations of {@code path --relax} and {@code --adaptive}, in-process
 * ({@link InProcess}): each is one line naming the flag, exit code 2, before any fit.
 */
class RelaxAdaptiveFlagsTest {
  @TempDir Path dir;

  @Test
  void badRelaxAndAdaptiveFlags_areErrorsNamingTheFlag() throws Exception {
    Path[] d = RelaxAdaptiveCliIT.gaussData(dir);
    String[][] cases = {
      {"--relax", "--l1-ratio", "0"},
      {"--relax", "--gammas", "0,1.5"},
      {"--relax", "--gammas", "0.5,1,0.5"},
      {"--gammas", "0.5"},
      {"--adaptive", "--adaptive-power", "0"},
      {"--adaptive", "--adaptive-power", "-2"},
      {"--adaptive-power", "2"},
      {"--adaptive", "--adaptive-pilot", "lasso"},
    };
    String[] expected = {
      "--relax: --l1-ratio 0 is ridge, which has no active set to relax",
      "--gammas: every γ must be in [0, 1]",
      "--gammas must be distinct; 0.5 is given twice (values 1 and 3)",
      "--gammas sets the blend weights of the relaxed lasso; add --relax",
      "--adaptive-power must be positive and finite, got 0.0",
      "--adaptive-power must be positive and finite, got -2.0",
      "--adaptive-power sets up the adaptive lasso's penalty factors; add --adaptive",
      "--adaptive-pilot must be ridge or ols (any case), got 'lasso'",
    };
    for (int c = 0; c < cases.length; c++) {
      List<String> args = new ArrayList<>(List.of("path", "--data", d[0].toString(),
          "--target", "yg", "--out", dir.resolve("bad" + c).toString()));
      args.addAll(List.of(cases[c]));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), String.join(" ", cases[c]) + ": " + r.err());
      assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), r.err());
      assertTrue(r.err().startsWith("tikhonov: error: " + expected[c]),
          String.join(" ", cases[c]) + ": " + r.err());
    }
  }
}
