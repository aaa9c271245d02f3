package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CsvOptions: named setters only, each returning new options; the checks at construction. */
class CsvOptionsTest {
  @Test
  void namedSetters_changeOnlyTheirOwnOption_andLeaveTheOriginal() {
    CsvOptions defaults = CsvOptions.defaults();
    CsvOptions semicolon = defaults.withDelimiter(';').withHeader(false).withIgnoredColumns("id");

    assertEquals(CsvOptions.AUTO, defaults.delimiter());
    assertTrue(defaults.header());
    assertEquals(List.of(), defaults.ignoredColumns());
    assertEquals(';', semicolon.delimiter());
    assertFalse(semicolon.header());
    assertEquals(List.of("id"), semicolon.ignoredColumns());
    assertEquals(semicolon,
        CsvOptions.defaults().withIgnoredColumns("id").withHeader(false).withDelimiter(';'));
    assertEquals(semicolon.hashCode(), CsvOptions.defaults().withIgnoredColumns("id")
        .withHeader(false).withDelimiter(';').hashCode());
    assertNotEquals(defaults, semicolon);
    assertEquals("CsvOptions[delimiter=\";\", header=false, ignoredColumns=[id]]",
        semicolon.toString());
  }

  @Test
  void aQuoteOrLineBreak_cannotBeTheDelimiter() {
    for (char c : new char[] {'"', '\n', '\r'}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CsvOptions.defaults().withDelimiter(c));
      assertTrue(e.getMessage().endsWith("cannot separate fields"), e.getMessage());
    }
  }

  @Test
  void ignoredColumns_areNamedOnce_andNeverNull() {
    InputException twice = assertThrows(InputException.class,
        () -> CsvOptions.defaults().withIgnoredColumns("id", "note", "id"));
    assertEquals("ignoredColumns must be distinct; \"id\" is given twice (values 1 and 3)",
        twice.getMessage());
    NullPointerException none = assertThrows(NullPointerException.class,
        () -> CsvOptions.defaults().withIgnoredColumns("id", null));
    assertTrue(none.getMessage().contains("name 1 is null"), none.getMessage());
  }
}
