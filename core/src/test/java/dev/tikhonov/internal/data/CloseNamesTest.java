package dev.tikhonov.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloseNamesTest {
  /** A mistyped column gets the close one, quoted as the message quotes names. */
  @Test
  void column_whenOneIsClose_suggestsIt() {
    assertEquals("; did you mean \"cultivar\"?",
        CloseNames.column("cultivr", List.of("a", "b", "cultivar")));
    assertEquals("", CloseNames.column("yield", List.of("a", "b", "cultivar")));
  }

  /** Case counts for nothing: a column differing in case alone is suggested, however short. */
  @Test
  void column_whenOnlyTheCaseDiffers_alwaysSuggestsIt() {
    assertEquals("; did you mean \"cultivar\"?",
        CloseNames.column("CULTIVR", List.of("a", "b", "cultivar")));
    assertEquals("; did you mean \"Y\"?", CloseNames.column("y", List.of("x", "Y")));
    assertEquals("; did you mean \"Weight_kg\"?",
        CloseNames.column("WEIGHT_KG", List.of("height_cm", "Weight_kg")));
  }

  /** A short name is one edit from every other short name: only its other case is named. */
  @Test
  void column_ofOneOrTwoLetters_suggestsOnlyAnotherCase() {
    assertEquals("", CloseNames.column("v", List.of("x0", "w", "x1")));
    assertEquals("", CloseNames.column("x3", List.of("x0", "w", "x1")));
    assertEquals("; did you mean \"X1\"?", CloseNames.column("x1", List.of("x0", "X1")));
  }

  /** A wide header (MNIST's 785 columns) suggests the nearest few, not every near one. */
  @Test
  void column_ofAWideHeader_namesAtMostThree() {
    List<String> header = new java.util.ArrayList<>(List.of("label"));
    for (int j = 0; j < 784; j++) {
      header.add("pixel" + j);
    }
    assertEquals("; did you mean \"pixel100\"?", CloseNames.column("pixl100", header));
    assertEquals("; did you mean \"label\"?", CloseNames.column("Lable", header));
    assertEquals(3, CloseNames.nearest("pixel", header).size());
  }

  /** The CLI's ranking, unchanged by the move: the closest first, the prefix breaking ties. */
  @Test
  void closest_ranksByEditsThenByTheSharedStart() {
    assertEquals(List.of("--nlambda", "--lambdas"),
        CloseNames.closest("--nlambdas", List.of("--lambdas", "--nlambda", "--seed")));
    assertEquals(List.of("decreasing"),
        CloseNames.nearest("decresing", List.of("increasing", "decreasing")));
    assertEquals(List.of("decreasing", "increasing"),
        CloseNames.closest("decresing", List.of("increasing", "decreasing")));
  }
}
