package dev.tikhonov.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gd-linear's progress lines. */
class GdLinearTest {
  @TempDir Path dir;

  /**
   * Its progress labels wrote λ as Java's text of the double ("λ=0.30000000000000004",
   * "λ=10.0"); they write it as mnist-l2's do (Digits.few), in at most four significant digits.
   */
  @Test
  void progressLabels_writeLambdaAsMnistL2Does() {
    List<String> labels = new ArrayList<>();
    ExperimentListener listener = new ExperimentListener() {
      @Override
      public void runStarted(int index, int total, String label) {
        labels.add(label);
      }

      @Override
      public void runFinished(int index, int total, String summary) {
        labels.add(summary.substring(0, summary.indexOf(':')));
      }
    };
    GdLinear.run(new GdLinear.Settings(50, 1.0, List.of(0.0, 0.1 + 0.2, 10.0), 5, 0.05, 0),
        RunWriter.open(dir, RunKind.GD_LINEAR), listener);
    assertEquals(List.of("λ=0", "λ=0", "λ=0.3", "λ=0.3", "λ=10", "λ=10"), labels);
  }
}
