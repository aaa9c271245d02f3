package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The training-row count read back from a model file's provenance: a count beyond an int (a
 * Spark fit's data can hold more rows; Spark itself writes null then) must read as unknown,
 * not wrap around into a negative count.
 */
class ProvenanceRowsTest {
  private static OptionalInt rowsOf(Object value) {
    Map<String, Object> m = new HashMap<>();
    m.put("training_rows", value);
    return Provenance.fromMap(m, "Test").trainingRows();
  }

  @Test
  void aCountWithinAnInt_readsBack() {
    assertEquals(OptionalInt.of(8000), rowsOf(8000));
    assertEquals(OptionalInt.of(Integer.MAX_VALUE), rowsOf((long) Integer.MAX_VALUE));
    assertEquals(OptionalInt.of(0), rowsOf(0));
  }

  @Test
  void aCountBeyondAnInt_isUnknown_notWrappedAround() {
    assertEquals(OptionalInt.empty(), rowsOf(3_000_000_000L));
    assertEquals(OptionalInt.empty(), rowsOf(new java.math.BigInteger("99999999999999999999")));
  }

  @Test
  void negativeFractionalOrMissingCounts_areUnknown() {
    assertEquals(OptionalInt.empty(), rowsOf(-5));
    assertEquals(OptionalInt.empty(), rowsOf(12.5));
    assertEquals(OptionalInt.empty(), rowsOf(null));
    assertEquals(OptionalInt.empty(), rowsOf("8000"));
    assertEquals(OptionalInt.empty(), Provenance.fromMap(Map.of(), "Test").trainingRows());
  }
}
