package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import dev.tikhonov.data.SyntheticData;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.linear.RidgeSolution;
import dev.tikhonov.linear.RidgeSolver;
import dev.tikhonov.select.AdaptivePenalty;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A public record that holds an array prints a short summary (sizes, ranges) instead of the
 * default record text's "[D@1b6d3586" per array, as PathSolution does: what a user printing a
 * result in jshell or a log sees.
 */
class RecordTextTest {

  /**
   * Whether the record's toString is the one javac generates: that method's body is an
   * invokedynamic named toString with the descriptor (LRecord;)String (ObjectMethods'
   * bootstrap), whose descriptor then sits in the class file's constant pool; a declared
   * toString() does not need it. (getDeclaredMethod cannot tell: javac writes the generated
   * method into the class file.)
   */
  static boolean usesGeneratedToString(Class<?> type) throws Exception {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    byte[] bytes;
    try (InputStream in = type.getResourceAsStream(resource)) {
      bytes = in.readAllBytes();
    }
    String classFile = new String(bytes, StandardCharsets.ISO_8859_1);
    String descriptor = "(L" + type.getName().replace('.', '/') + ";)Ljava/lang/String;";
    return classFile.contains(new String(descriptor.getBytes(StandardCharsets.UTF_8),
        StandardCharsets.ISO_8859_1));
  }

  @Test
  void apiRecordsHoldingArrays_declareToString() throws Exception {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (JavaClass c : ApiSurfaceTest.apiTypes(LayeringTest.coreClasses())) {
      Class<?> type = c.reflect();
      if (!type.isRecord()) {
        continue;
      }
      boolean holdsArray = Arrays.stream(type.getRecordComponents())
          .map(RecordComponent::getType).anyMatch(Class::isArray);
      if (!holdsArray) {
        continue;
      }
      checked++;
      if (usesGeneratedToString(type)) {
        missing.add(type.getName());
      }
    }
    assertTrue(checked > 10, "found only " + checked + " records holding arrays");
    assertTrue(missing.isEmpty(), "records printing [D@… for their arrays: " + missing);
  }

  @Test
  void syntheticData_toString_namesDataAndCoefficientRange() {
    SyntheticData s = Synthetic.regression().rows(120).features(6).informative(3).noise(1.0).seed(4)
        .build();
    String text = s.toString();
    assertFalse(text.contains("[D@"), text);
    assertTrue(text.startsWith("SyntheticData[" + s.data() + ", coef: 6 values from "), text);
    assertTrue(text.contains(", 3 nonzero; intercept "), text);
  }

  @Test
  void ridgeSolution_toString_namesLambdaAndCoefficientRange() {
    double[][] x = {{1, 0}, {0, 1}, {1, 1}, {2, 1}};
    RidgeSolution r = RidgeSolver.fit(x, new double[] {1, 2, 3, 4}, 0.5);
    String text = r.toString();
    assertFalse(text.contains("[D@"), text);
    assertTrue(text.startsWith("RidgeSolution[λ = 0.5000, intercept "), text);
    assertTrue(text.contains(", coefficients: 2 values from "), text);
  }

  @Test
  void adaptivePenaltyFactors_toString_countsKeptFeatures() {
    AdaptivePenalty.Factors f = new AdaptivePenalty.Factors(new double[] {0.5, 0, 2}, 0.1,
        new double[] {2, Double.POSITIVE_INFINITY, 0.5});
    assertEquals("Factors[pilot λ = 0.1000, 3 features, 2 kept; pilot coefficients: 3 values"
        + " from 0.000 to 2.000; finite factors: 2 values from 0.5000 to 2.000]", f.toString());
    dev.tikhonov.linear.Shortfall budget = dev.tikhonov.linear.Shortfall.passBudget(3, 0.25,
        100, 0.01, 1e-7, 60, 0.4);
    String warned = new AdaptivePenalty.Factors(new double[] {1}, 0, new double[] {1},
        java.util.Optional.of(new dev.tikhonov.select.PilotShortfall(AdaptivePenalty.Pilot.RIDGE,
            java.util.Optional.of(budget), java.util.Optional.empty()))).toString();
    assertTrue(warned.endsWith("; pilot warning: the adaptive lasso's ridge pilot did not"
        + " converge: " + budget.message() + "]"), warned);
  }
}
