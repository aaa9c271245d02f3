package dev.tikhonov.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.train.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One family vocabulary for linear paths and networks. */
class FamilyTest {
  @Test
  void networks_trainGaussianOnSquaredError_multinomialOnSoftmaxCrossEntropy() {
    assertInstanceOf(SquaredError.class, Family.GAUSSIAN.networkLoss());
    assertInstanceOf(SoftmaxCrossEntropy.class, Family.MULTINOMIAL.networkLoss());
    assertThrows(IllegalStateException.class, Family.BINOMIAL::networkLoss);
    assertThrows(IllegalStateException.class, Family.POISSON::networkLoss);
  }

  @Test
  void classification_isBinomialAndMultinomial() {
    assertTrue(Family.BINOMIAL.isClassification());
    assertTrue(Family.MULTINOMIAL.isClassification());
    assertFalse(Family.GAUSSIAN.isClassification());
    assertFalse(Family.POISSON.isClassification());
  }

  @Test
  void modelSpec_takesTheNetworkFamilies_andParsesLinearAndLogisticToThem() {
    assertEquals(Family.GAUSSIAN, ModelSpec.parse("linear", 0, Family.MULTINOMIAL).family());
    assertEquals(Family.MULTINOMIAL, ModelSpec.parse("logistic", 0, Family.GAUSSIAN).family());
    assertEquals(Family.GAUSSIAN, ModelSpec.parse("mlp:4", 0, Family.GAUSSIAN).family());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ModelSpec(new Architecture(List.of(4), 0), Family.POISSON,
            Initializer.pytorchDefault()));
    assertEquals("a network's family is gaussian or multinomial, not POISSON", e.getMessage());
  }
}
