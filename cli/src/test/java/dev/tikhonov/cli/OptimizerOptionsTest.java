package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The CLI builds its optimizer with the library's factories: each {@code --optimizer} gives the
 * same config, and the same updates step for step, as the {@link Optimizers} call a Java user
 * writes (the CLI once built RMSprop with ρ = 0.999 while the library used 0.99).
 */
class OptimizerOptionsTest {
  static List<Object[]> cases() {
    return List.of(
        new Object[] {"sgd", Optimizers.sgd(0.05)},
        new Object[] {"momentum", Optimizers.sgd(0.05).momentum(0.9)},
        new Object[] {"nesterov", Optimizers.nesterov(0.05, 0.9)},
        new Object[] {"adam", Optimizers.adam(1e-3)},
        new Object[] {"adamw", Optimizers.adamW(1e-3, 0.01)},
        new Object[] {"rmsprop", Optimizers.rmsprop(1e-3)});
  }

  @ParameterizedTest
  @MethodSource("cases")
  void optimizerFlag_equalsTheLibraryFactory(String name, OptimizerConfig library) {
    OptimizerOptions options = new OptimizerOptions();
    new CommandLine(options).parseArgs("--optimizer", name);
    OptimizerConfig cli = options.build();
    assertEquals(library.kind(), cli.kind());
    assertEquals(library.beta2(), cli.beta2(), name + ": β₂ / RMSprop's ρ");
    assertEquals(library.weightDecay(), cli.weightDecay());
    assertArrayEquals(steps(library), steps(cli), name + ": identical updates");
  }

  /** Five steps of the optimizer on a fixed weight and gradient sequence. */
  private static float[] steps(OptimizerConfig config) {
    Parameter w = new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(1, 3, 0.5, -1.0, 2.0));
    Optimizer optimizer = Optimizer.of(Optimizers.chain(config), List.of(w));
    for (int t = 1; t <= 5; t++) {
      for (int i = 0; i < 3; i++) {
        w.gradient().put(i, (float) Math.sin(t + 2.0 * i));
      }
      optimizer.step();
    }
    return w.value().toArray();
  }
}
