package dev.tikhonov.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepeatsTest {
  @Test
  void first_namesTheFirstRepeatedValueAndEveryPosition() {
    assertEquals(Optional.empty(), Repeats.first(new double[] {0.1, 0.2, 0.3}));
    assertEquals(Optional.of("0.2 is given twice (values 2 and 3)"),
        Repeats.first(new double[] {0, 0.2, 0.2}));
    assertEquals(Optional.of("1.0 is given 3 times (values 1, 2 and 4)"),
        Repeats.first(new double[] {1, 1, 0.5, 1, 0.5}));
  }

  /** 0 and -0 are one number, though Double.equals keeps them apart. */
  @Test
  void first_takesZeroAndMinusZeroAsOneValue() {
    assertEquals(Optional.of("0.0 and -0.0 (values 2 and 3) are the same"),
        Repeats.first(new double[] {0.1, 0.0, -0.0}));
    assertEquals(Optional.of("-0.0 and 0.0 (values 1 and 2) are the same"),
        Repeats.first(new double[] {-0.0, 0.0}));
  }

  /** Seeds, names and folders: equal keys are one value, named with every position. */
  @Test
  void first_ofAList_namesTheFirstRepeatedKeyAndEveryPosition() {
    assertEquals(Optional.empty(), Repeats.first(List.of(1L, 2L, 3L), v -> v));
    assertEquals(Optional.of("1 is given twice (values 1 and 3)"),
        Repeats.first(List.of(1L, 2L, 1L, 2L), v -> v));
    assertEquals(Optional.of("warm is given 3 times (values 2, 3 and 4)"),
        Repeats.first(List.of("cold", "warm", "warm", "warm"), v -> v));
    assertEquals(Optional.of("d and ./d (values 1 and 2) are the same"),
        Repeats.first(List.of("d", "./d"), v -> v.replace("./", "")));
  }
}
