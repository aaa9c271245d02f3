package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A column the caller names that the Dataset lacks is refused with the close one when one is
 * close: the estimators' weight and offset columns and Dataset's own column lookups.
 */
class ColumnSuggestionTest {
  private static Dataset data() {
    double[][] x = new double[8][];
    double[] y = new double[8];
    for (int i = 0; i < 8; i++) {
      x[i] = new double[] {i, (i * 3) % 5, 1 + i % 2};
      y[i] = i + (i % 3);
    }
    return Dataset.of(x, y, List.of("height", "age", "weight"));
  }

  @Test
  void weightColumn_mistypedOrInAnotherCase_namesTheCloseColumn() {
    InputException typo = assertThrows(InputException.class,
        () -> Ridge.builder().lambda(0.1).weightColumn("wieght").build().fit(data()));
    assertEquals("weightColumn \"wieght\": double[][] has no such column (its feature columns:"
        + " height, age, weight); did you mean \"weight\"?", typo.getMessage());
    InputException upper = assertThrows(InputException.class,
        () -> ElasticNet.gaussian().lambda(0.1).weightColumn("WEIGHT").build().fit(data()));
    assertEquals("weightColumn \"WEIGHT\": double[][] has no such column (its feature columns:"
        + " height, age, weight); did you mean \"weight\"?", upper.getMessage());
    InputException far = assertThrows(InputException.class,
        () -> Ridge.builder().lambda(0.1).weightColumn("w").build().fit(data()));
    assertEquals("weightColumn \"w\": double[][] has no such column (its feature columns:"
        + " height, age, weight)", far.getMessage());
  }

  @Test
  void datasetColumn_mistyped_namesTheCloseColumn() {
    InputException e = assertThrows(InputException.class, () -> data().column("Age"));
    assertEquals("double[][]: no feature column \"Age\"; its feature columns: \"height\","
        + " \"age\", \"weight\"; did you mean \"age\"?", e.getMessage());
    InputException dropped = assertThrows(InputException.class,
        () -> data().withoutColumns("hieght"));
    assertEquals("double[][]: no feature column \"hieght\"; its feature columns: \"height\","
        + " \"age\", \"weight\"; did you mean \"height\"?", dropped.getMessage());
  }
}
