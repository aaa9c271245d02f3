package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** OnnxLinear's description: W is [p, K], one row per feature and one column per output. */
class OnnxLinearTest {
  /**
   * Four features and one output (a regressor), three outputs (a classifier): toString counted
   * W's rows as outputs and its columns as features, "4 outputs × 1 features".
   */
  @Test
  void toString_countsTheOutputsAndTheFeatures() {
    List<String> features = List.of("a", "b", "c", "d");
    OnnxLinear regressor = new OnnxLinear("gaussian", new double[4][1], new double[1], features,
        List.of());
    assertFalse(regressor.classifier());
    assertEquals("OnnxLinear[gaussian, regressor, 1 outputs × 4 features]",
        regressor.toString());
    OnnxLinear classifier = new OnnxLinear("multinomial", new double[4][3], new double[3],
        features, List.of("x", "y", "z"));
    assertTrue(classifier.classifier());
    assertEquals("OnnxLinear[multinomial, classifier, 3 outputs × 4 features]",
        classifier.toString());
  }
}
