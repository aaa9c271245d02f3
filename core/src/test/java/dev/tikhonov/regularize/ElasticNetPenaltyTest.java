package dev.tikhonov.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticNetPenaltyTest {
  private final Parameter w =
      new Parameter("w", Parameter.Kind.WEIGHT, Matrix.of(1, 3, 1f, -2f, 0.5f));
  private final Parameter b = new Parameter("b", Parameter.Kind.BIAS, Matrix.of(1, 1, 10f));

  @Test
  void value_followsTheDesignObjective_andSkipsBiases() {
    // λ Σ [(1−α)/2 w² + α|w|] with λ = 0.1, α = 0.4: Σw² = 5.25, Σ|w| = 3.5.
    double expected = 0.1 * (0.6 / 2 * 5.25 + 0.4 * 3.5);
    assertEquals(expected, Penalty.elasticNet(0.1, 0.4).value(List.of(w, b)), 1e-7);
    assertEquals(0.1 / 2 * 5.25, Penalty.l2(0.1).value(List.of(w, b)), 1e-7);
    assertEquals(0.1 * 3.5, Penalty.l1(0.1).value(List.of(w, b)), 1e-7);
  }

  @Test
  void l2Gradient_isLambdaTimesWeight_likePytorchWeightDecay() {
    Penalty.l2(0.5).addGradient(List.of(w, b));
    assertEquals(0.5, w.gradient().at(0), 1e-7);
    assertEquals(-1.0, w.gradient().at(1), 1e-7);
    assertEquals(0, b.gradient().at(0));
  }

  @Test
  void penaltyFactor_scalesTheTerm() {
    w.setPenaltyFactor(2);
    assertEquals(2 * 0.1 / 2 * 5.25, Penalty.l2(0.1).value(List.of(w)), 1e-7);
  }

  @Test
  void negativeLambda_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> Penalty.l2(-1));
    assertThrows(IllegalArgumentException.class, () -> Penalty.elasticNet(1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Penalty.l2(Double.NaN));
  }
}
