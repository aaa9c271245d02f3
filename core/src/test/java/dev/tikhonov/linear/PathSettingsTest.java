package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PathSettingsTest {

  @Test
  void of_givesGlmnetDefaults() {
    PathSettings s = PathSettings.of(0.5);
    assertEquals(0.5, s.l1Ratio());
    assertEquals(100, s.numLambdas());
    assertEquals(OptionalDouble.empty(), s.lambdaMinRatio());
    assertTrue(s.defaultSequence());
    assertEquals(0, s.lambdas().length);
    assertTrue(s.standardize());
    assertEquals(PathSettings.DEFAULT_TOLERANCE, s.tolerance());
    assertEquals(100_000, s.maxIterations());
    assertEquals(0, s.penaltyFactors().length);
    assertTrue(s.intercept());
    assertEquals(PathSettings.lasso(), PathSettings.builder().build());
  }

  @Test
  void builderAndWithMethods_giveEqualSettings() {
    PathSettings built = PathSettings.builder().l1Ratio(0.3).numLambdas(20).lambdaMinRatio(1e-3)
        .standardize(false).tolerance(1e-9).maxIterations(500).penaltyFactors(1, 0, 2)
        .intercept(false).build();
    PathSettings chained = PathSettings.of(0.3).withNumLambdas(20).withLambdaMinRatio(1e-3)
        .withStandardize(false).withTolerance(1e-9).withMaxIterations(500)
        .withPenaltyFactors(1, 0, 2).withIntercept(false);
    assertEquals(built, chained);
    assertEquals(built.hashCode(), chained.hashCode());
    assertEquals(built, built.toBuilder().build());
    assertNotEquals(built, built.withLambdas(0.1, 0.01));
    assertEquals(built, built.withLambdas(0.1).withLambdas());
    assertEquals(OptionalDouble.empty(),
        built.toBuilder().defaultLambdaMinRatio().build().lambdaMinRatio());
  }

  @Test
  void arrays_areCopiedInAndOut() {
    double[] lambdas = {0.5, 0.1};
    PathSettings s = PathSettings.lasso().withLambdas(lambdas);
    lambdas[0] = 99;
    s.lambdas()[1] = 99;
    assertArrayEquals(new double[] {0.5, 0.1}, s.lambdas());
    assertFalse(s.defaultSequence());
  }

  @Test
  void outOfRangeSettings_areInputExceptionsNamingTheSetting() {
    assertNamed("l1Ratio", () -> PathSettings.of(1.5));
    assertNamed("l1Ratio", () -> PathSettings.of(Double.NaN));
    assertNamed("numLambdas", () -> PathSettings.lasso().withNumLambdas(0));
    assertNamed("lambdaMinRatio", () -> PathSettings.lasso().withLambdaMinRatio(1));
    assertNamed("lambdas", () -> PathSettings.lasso().withLambdas(0.1, -1));
    assertNamed("lambdas", () -> PathSettings.lasso().withLambdas(Double.POSITIVE_INFINITY));
    assertNamed("lambdas", () -> PathSettings.lasso().withLambdas(Double.NaN));
    assertNamed("tolerance", () -> PathSettings.lasso().withTolerance(0));
    assertNamed("maxIterations", () -> PathSettings.lasso().withMaxIterations(0));
    assertNamed("penaltyFactors", () -> PathSettings.lasso().withPenaltyFactors(0, 0));
    assertNamed("penaltyFactors", () -> PathSettings.lasso().withPenaltyFactors(1, -1));
  }

  /**
   * A λ given twice would be fitted twice and give two rows of the path and the CV curve at
   * the same λ (path --lambdas 1,1 was accepted); 0 stays allowed (the unpenalized fit, which
   * glmnet allows too and the adaptive lasso's least-squares pilot uses).
   */
  @Test
  void repeatedLambdas_areRefused_zeroIsNot() {
    InputException e = assertThrows(InputException.class,
        () -> PathSettings.lasso().withLambdas(1, 0.5, 1));
    assertEquals("lambdas must be distinct; 1.0 is given twice (values 1 and 3)", e.getMessage());
    assertNamed("lambdas", () -> PathSettings.lasso().withLambdas(0, 0));
    assertArrayEquals(new double[] {0.1, 0, 1},
        PathSettings.lasso().withLambdas(0.1, 0, 1).lambdas());
  }

  private static void assertNamed(String setting, Supplier<PathSettings> build) {
    InputException e = assertThrows(InputException.class, build::get);
    assertTrue(e.getMessage().startsWith(setting), e.getMessage());
  }

  @Test
  void effectiveLambdaMinRatio_followsGlmnet() {
    assertEquals(1e-4, PathSettings.lasso().effectiveLambdaMinRatio(100, 10));
    assertEquals(1e-2, PathSettings.lasso().effectiveLambdaMinRatio(10, 100));
    assertEquals(1e-6, PathSettings.lasso().withLambdaMinRatio(1e-9)
        .effectiveLambdaMinRatio(100, 10));
  }

  @Test
  void normalizedPenaltyFactors_sumToP() {
    assertArrayEquals(new double[] {1, 1, 1}, PathSettings.lasso().normalizedPenaltyFactors(3));
    assertArrayEquals(new double[] {0, 1, 2},
        PathSettings.lasso().withPenaltyFactors(0, 2, 4).normalizedPenaltyFactors(3), 1e-15);
    InputException e = assertThrows(InputException.class,
        () -> PathSettings.lasso().withPenaltyFactors(1, 2).normalizedPenaltyFactors(3));
    assertEquals("penaltyFactors: 2 values for 3 features", e.getMessage());
  }
}
