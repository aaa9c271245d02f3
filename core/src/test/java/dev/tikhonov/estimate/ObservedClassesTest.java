package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A subset keeps every class of its parent: the linear classifiers' refusal of classes without
 * rows says how to keep just the classes with rows, and after
 * {@link Dataset#withObservedClasses()} the fit knows the classes of its rows.
 */
class ObservedClassesTest {
  /** Four classes "0".."3"; the rows of two and three of them. */
  static final Dataset FOUR = Synthetic.classification().rows(200).features(4).informative(2)
      .classes(4).seed(3).build();
  static final Dataset TWO = only(0, 2);
  static final Dataset THREE = only(0, 1, 3);

  static Dataset only(int... classes) {
    return FOUR.subset(IntStream.range(0, FOUR.numRows())
        .filter(i -> IntStream.of(classes).anyMatch(c -> c == FOUR.label(i))).toArray());
  }

  @Test
  void binomial_onASubsetOfTwoClasses_saysWhichHaveRowsAndHowToKeepThem() {
    InputException e = assertThrows(InputException.class,
        () -> ElasticNet.binomial().lambda(0.01).build().fit(TWO));
    assertTrue(e.getMessage().contains("the binomial family needs exactly 2 classes, the data "
        + "have 4 [0, 1, 2, 3], but only 2 of them have rows [0, 2] (a subset keeps every class "
        + "of the data it came from): data.withObservedClasses() keeps just the classes with "
        + "rows"), e.getMessage());
    LinearClassifier model = ElasticNet.binomial().lambda(0.01).build()
        .fit(TWO.withObservedClasses());
    assertEquals(List.of("0", "2"), model.classNames());
    // Labels are matched by name, so the rows with all four class names evaluate alike.
    assertEquals(model.evaluate(TWO.withObservedClasses()), model.evaluate(TWO));
  }

  @Test
  void multinomial_onASubsetWithoutSomeClasses_namesThemAndHowToKeepTheOthers() {
    for (Estimator<LinearClassifier> estimator : List.<Estimator<LinearClassifier>>of(
        ElasticNet.multinomial().lambda(0.01).build(),
        ElasticNetCV.multinomial().numFolds(3).build())) {
      InputException e = assertThrows(InputException.class, () -> estimator.fit(THREE));
      assertTrue(e.getMessage().contains("the multinomial family needs rows of every class, "
          + "but 1 of the 4 have none [2] (a subset keeps every class of the data it came "
          + "from): data.withObservedClasses() keeps just the classes with rows"),
          e.getMessage());
    }
    assertEquals(List.of("0", "1", "3"), ElasticNet.multinomial().lambda(0.01).build()
        .fit(THREE.withObservedClasses()).classNames());
    InputException three = assertThrows(InputException.class,
        () -> ElasticNet.binomial().lambda(0.01).build().fit(THREE));
    assertTrue(three.getMessage().endsWith("rows, then the multinomial family"),
        three.getMessage());
  }
}
