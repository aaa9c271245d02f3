package dev.tikhonov.internal.data;

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
}
