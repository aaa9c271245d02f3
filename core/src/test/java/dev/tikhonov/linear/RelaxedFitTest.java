package dev.tikhonov.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RelaxedFit} is the immutable value its javadoc says: what it is given is copied. */
class RelaxedFitTest {
  @Test
  void constructor_copiesRefittedAndNotes_soTheCallersArraysCannotChangeIt() {
    RelaxedFit fit = RelaxedFitGlmnetTest.relax(Family.GAUSSIAN);
    boolean[] refitted = fit.refitted();
    assertTrue(refitted[refitted.length - 1], "the test needs a refitted λ");
    List<String> notes = new ArrayList<>(List.of("a note"));
    RelaxedFit copy = new RelaxedFit(fit.lasso(), fit.relaxed(), refitted, notes);
    String before = copy.toString();

    java.util.Arrays.fill(refitted, false);
    notes.add("another");

    assertArrayEquals(fit.refitted(), copy.refitted());
    assertEquals(List.of("a note"), copy.notes());
    assertEquals(before, copy.toString(), "toString counts the refitted λ from its own array");
  }
}
