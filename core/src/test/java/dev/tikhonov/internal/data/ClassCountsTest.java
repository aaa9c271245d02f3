package dev.tikhonov.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.Dataset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The one count of rows per class that FoldFeasibility's refusal and the CLI's warning use. */
class ClassCountsTest {
  private static final double[][] X = {{1}, {2}, {3}, {4}, {5}, {6}};

  @Test
  void of_countsTheRowsOfEachClass_inTheClassesOrder() {
    Dataset data = Dataset.ofClasses(X, List.of("b", "a", "b", "c", "b", "c"));
    assertEquals(List.of("a", "b", "c"), data.classNames());
    int[] counts = ClassCounts.of(data);
    assertArrayEquals(new int[] {1, 3, 2}, counts);
    assertEquals(OptionalInt.of(0), ClassCounts.loneClass(counts));
    assertEquals(3, ClassCounts.present(counts));
  }

  @Test
  void loneClass_isTheFirstOfOneRow_andEmptyWithoutOne() {
    assertEquals(OptionalInt.of(2), ClassCounts.loneClass(new int[] {0, 2, 1, 1}));
    assertEquals(OptionalInt.empty(), ClassCounts.loneClass(new int[] {0, 2, 3}));
    assertEquals(2, ClassCounts.present(new int[] {0, 2, 3}));
  }
}
