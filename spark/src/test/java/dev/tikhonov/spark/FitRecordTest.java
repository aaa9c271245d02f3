package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A Spark model's provenance read back from its Parquet column: a training-row count beyond an
 * int reads as unknown (Spark writes null then), not wrapped around into a negative count.
 */
class FitRecordTest {
  private static OptionalInt rowsOf(String count) {
    return FitRecord.read(new double[] {1}, new double[] {1},
        "{\"estimator\": \"SparkElasticNetCV\", \"training_rows\": " + count + "}", "test")
        .provenance().trainingRows();
  }

  @Test
  void aCountWithinAnInt_readsBack() {
    assertEquals(OptionalInt.of(240), rowsOf("240"));
    assertEquals(OptionalInt.empty(), rowsOf("null"));
  }

  @Test
  void aCountBeyondAnInt_negativeOrFractional_isUnknown() {
    assertEquals(OptionalInt.empty(), rowsOf("3000000000"));
    assertEquals(OptionalInt.empty(), rowsOf("-5"));
    assertEquals(OptionalInt.empty(), rowsOf("12.5"));
  }
}
