package dev.tikhonov.internal.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.estimate.LinearModel;
import dev.tikhonov.estimate.RegularizationPath;
import dev.tikhonov.estimate.SelectionRule;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The --save-lambda vocabulary, shared by the CLI's path and Spark's PathJob. */
class LambdaChoiceTest {
  private static final RegularizationPath<LinearModel> PATH = ElasticNet.gaussian().build()
      .path(Synthetic.regression().rows(200).features(12).informative(4).noise(2.0).intercept(1.5)
          .seed(3).build().data());

  @Test
  void parse_readsTheFourKinds_andRefusesTheRest() {
    assertEquals(Optional.of(SelectionRule.MINIMUM), LambdaChoice.parse("min").rule());
    assertEquals(Optional.of(SelectionRule.ONE_STANDARD_ERROR), LambdaChoice.parse("1se").rule());
    assertTrue(LambdaChoice.parse("last").isLast());
    assertFalse(LambdaChoice.parse("last").needsCrossValidation());
    assertTrue(LambdaChoice.parse("1se").needsCrossValidation());
    assertEquals(0.05, LambdaChoice.parse("0.05").lambda().getAsDouble());
    assertEquals("0.05", LambdaChoice.parse("0.05").toString());
    assertEquals(0.0, LambdaChoice.parse("0").lambda().getAsDouble());
    assertEquals("must be min, 1se, last or a number >= 0, got 'often'",
        assertThrows(InputException.class, () -> LambdaChoice.parse("often")).getMessage());
    for (String bad : new String[] {"-0.5", "NaN", "Infinity"}) {
      assertEquals("must be a number >= 0, got " + bad,
          assertThrows(InputException.class, () -> LambdaChoice.parse(bad)).getMessage());
    }
    assertSame(LambdaChoice.parse("min"), LambdaChoice.defaultFor(true));
    assertSame(LambdaChoice.parse("last"), LambdaChoice.defaultFor(false));
  }

  @Test
  void pick_givesThePathsFits_andSaysWhenANumberIsOutsideIt() {
    double[] lambdas = PATH.lambdas();
    int last = lambdas.length - 1;
    assertArrayEquals(PATH.atIndex(last).coefficients(),
        LambdaChoice.parse("last").pick(PATH, Optional.empty()).coefficients());
    LambdaChoice onPath = LambdaChoice.parse(Double.toString(lambdas[5]));
    LinearModel five = onPath.pick(PATH, Optional.empty());
    assertArrayEquals(PATH.atIndex(5).coefficients(), five.coefficients());
    assertEquals(Optional.empty(), onPath.outsideThePath(PATH, five.lambda()));
    // λ as the path's table rows print it (Digits.column), which the saved line must match
    String[] rows = dev.tikhonov.internal.data.Digits.column(lambdas);
    // below the path: its smallest λ's fit, and the sentence that says so
    LambdaChoice zero = LambdaChoice.parse("0");
    LinearModel end = zero.pick(PATH, Optional.empty());
    assertEquals(lambdas[last], end.lambda());
    assertEquals("0 is below the path's smallest λ, " + rows[last] + "; the path has no fit at"
        + " 0, so the model saved is the fit at " + rows[last] + " (glmnet's predict(s = 0)"
        + " does the same)", zero.outsideThePath(PATH, end.lambda()).orElseThrow());
    assertEquals("saved the fit at λ = " + rows[last] + ", the path's smallest λ, to m.model",
        zero.saved(PATH, end.lambda(), "m.model"));
    assertEquals("saved the fit at λ = " + rows[5] + " (" + lambdas[5] + ") to m",
        onPath.saved(PATH, five.lambda(), "m"));
    // between two rows: as it was typed, the row's digits belong to no row
    String typed = Double.toString((lambdas[5] + lambdas[6]) / 2);
    LambdaChoice between = LambdaChoice.parse(typed);
    assertEquals("saved the fit at λ = " + typed + " (" + typed + ") to m",
        between.saved(PATH, between.pick(PATH, Optional.empty()).lambda(), "m"));
    // min and 1se take the cross-validation's model for their rule
    Function<SelectionRule, LinearModel> cv = rule -> rule == SelectionRule.MINIMUM
        ? PATH.atIndex(1) : PATH.atIndex(2);
    assertArrayEquals(PATH.atIndex(1).coefficients(),
        LambdaChoice.parse("min").pick(PATH, Optional.of(cv)).coefficients());
    assertArrayEquals(PATH.atIndex(2).coefficients(),
        LambdaChoice.parse("1se").pick(PATH, Optional.of(cv)).coefficients());
    assertThrows(IllegalStateException.class,
        () -> LambdaChoice.parse("min").pick(PATH, Optional.empty()));
  }

  /** The λ a kept fit rests on: itself, or the two it is interpolated between. */
  @Test
  void unconverged_findsTheUnconvergedLambdaAFitRestsOn() {
    assertEquals(java.util.OptionalInt.empty(),
        LambdaChoice.unconverged(PATH, PATH.lambdas()[3]));
    // a tolerance below what double precision reaches leaves λ not certified (a budget run out
    // leaves none: the path drops the λ it interrupts)
    RegularizationPath<LinearModel> cut = ElasticNet.gaussian().tolerance(1e-30).build()
        .path(Synthetic.regression().rows(200).features(12).informative(4).noise(2.0)
            .intercept(1.5).seed(3).build().data());
    double[] l = cut.lambdas();
    boolean[] converged = cut.converged();
    int u = 1;
    while (u < l.length && (converged[u] || !converged[u - 1])) {
      u++;
    }
    assertTrue(u < l.length, "a λ not certified after one certified");
    assertEquals(u, LambdaChoice.unconverged(cut, l[u]).getAsInt());
    assertEquals(u, LambdaChoice.unconverged(cut, (l[u] + l[u - 1]) / 2).getAsInt(),
        "interpolated from the unconverged λ");
    assertEquals(java.util.OptionalInt.empty(), LambdaChoice.unconverged(cut, l[u - 1]));
  }
}
