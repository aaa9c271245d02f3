package dev.tikhonov.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigitsTest {
  @Test
  void few_writesAtMostFourSignificantDigits_scientificBelowAHundredth() {
    assertEquals("0", Digits.few(0));
    assertEquals("1e-05", Digits.few(1e-5));
    assertEquals("3.5e-03", Digits.few(0.0035));
    assertEquals("0.0125", Digits.few(0.0125));
    assertEquals("0.01235", Digits.few(0.0123456));
    assertEquals("1e+04", Digits.few(1e4));
    assertEquals("5.358e+28", Digits.few(5.358456650866268E28));
    assertEquals("NaN", Digits.few(Double.NaN));
  }

  /**
   * A grid's settings as its progress lines, warnings and table write them: they were the map's
   * own text, "{lambda=3.5E-4, dropout=0.0, weight_decay=1.0E-4}", beside λ labels in few digits.
   */
  @Test
  void settings_writeDecimalNumbersInFewDigits_andTheRestAsThemselves() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("lambda", 3.5e-4);
    settings.put("dropout", 0.0);
    settings.put("weight_decay", 1e-4f);
    settings.put("epochs", 123456);
    settings.put("optimizer", "adam");
    settings.put("learning_rate", List.of(0.05, 0.0123456));
    assertEquals("{lambda=3.5e-04, dropout=0, weight_decay=1e-04, epochs=123456,"
        + " optimizer=adam, learning_rate=[0.05, 0.01235]}", Digits.settings(settings));
    assertEquals("{}", Digits.settings(Map.of()));
  }

  /**
   * A table's λ column: few digits while they tell each row from the next (a 100-λ path's
   * neighbours are 4.5-9 % apart), the fewest that do when not: %.6g printed 0.1 and 0.1000001
   * both as 0.100000, and 4 digits print 0.10001 as 0.1.
   */
  @Test
  void column_writesFewDigits_andMoreOnlyWhenNeighboursWouldReadTheSame() {
    assertArrayEquals(new String[] {"45.16", "41.15", "1.316", "4.500e-03", "0"},
        Digits.column(new double[] {45.16, 41.1481, 1.31644, 0.0045, 0}));
    assertArrayEquals(new String[] {"0.20000", "0.10001", "0.10000"},
        Digits.column(new double[] {0.2, 0.10001, 0.1}));
    assertArrayEquals(new String[] {"0.1000001", "0.1000000"},
        Digits.column(new double[] {0.1000001, 0.1}));
    assertArrayEquals(new String[] {"0.1", "0.1"}, Digits.column(new double[] {0.1, 0.1}),
        "equal values read the same, in few digits");
    assertArrayEquals(new String[] {"0.10000000000000000", "0.10000000000000002"},
        Digits.column(new double[] {0.1, Math.nextUp(0.1)}));
    assertArrayEquals(new String[0], Digits.column(new double[0]));
  }

  /**
   * Every row of a column in as many significant digits as the row that needs most, as R prints
   * a vector: trailing zeros were dropped, so a path's table read 1.91e-03 beside 5.832e-03, a
   * row that looked rounder (and shorter) than its neighbours without being so.
   */
  @Test
  void column_writesEveryRowInTheDigitsOfItsLongest_zerosKept() {
    assertArrayEquals(new String[] {"5.832e-03", "1.910e-03"},
        Digits.column(new double[] {0.005832, 0.00191}));
    assertArrayEquals(new String[] {"1.000e+04", "12.25", "0.3000", "0"},
        Digits.column(new double[] {1e4, 12.25, 0.3, 0}));
    assertArrayEquals(new String[] {"10", "1", "0.1", "1e-03"},
        Digits.column(new double[] {10, 1, 0.1, 0.001}), "a grid of one digit each as it was");
    assertArrayEquals(new String[] {"-2.5", "100", "NaN", "Infinity"},
        Digits.column(new double[] {-2.5, 100, Double.NaN, Double.POSITIVE_INFINITY}));
    assertEquals("1.910e-03", Digits.row(new double[] {0.005832, 0.00191}, 0.00191),
        "a line beside the table names the λ as its row prints it");
  }
}
