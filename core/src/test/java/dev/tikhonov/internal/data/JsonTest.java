package dev.tikhonov.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {
  /** Keys in the order given, whatever their hashes: Map.of's order changes with each JVM. */
  @Test
  void object_keepsTheKeysInTheOrderGiven() {
    Object[] pairs = new Object[2 * 26];
    for (int i = 0; i < 26; i++) {
      pairs[2 * i] = String.valueOf((char) ('z' - i));
      pairs[2 * i + 1] = i;
    }
    StringBuilder expected = new StringBuilder("{");
    for (int i = 0; i < 26; i++) {
      expected.append(i == 0 ? "" : ",").append('"').append((char) ('z' - i)).append("\":")
          .append(i);
    }
    assertEquals(expected.append('}').toString(), Json.oneLine(Json.object(pairs)));
  }

  @Test
  void object_refusesAnOddCountAKeyThatIsNotAStringAndARepeatedKey() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.object("a", 1, "b"))
        .getMessage().contains("3 items"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.object("a", 1, 2, 3))
        .getMessage().contains("key 2 is not a String"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.object("a", 1, "a", 2))
        .getMessage().contains("'a' given twice"));
  }
}
