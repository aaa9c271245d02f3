package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A real-valued target read as classes (every label a number, some not an integer) is refused by
 * every classifier, as scikit-learn's classifiers refuse a "continuous" target ("Unknown label
 * type: continuous"). A red-team pass trained `--model mlp:8` on such a target: one class per
 * distinct value, about 240 classes, test accuracy 0, and a success. Integer labels (0..K−1,
 * −1/+1, "1.0") and string labels are classes.
 */
class ContinuousLabelsTest {
  private static Dataset labelled(List<String> classNames) {
    int n = 24;
    double[][] x = new double[n][2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % classNames.size();
      x[i][0] = labels[i] + 0.1 * Math.sin(i);
      x[i][1] = Math.cos(i);
    }
    return Dataset.ofClasses(x, labels, classNames, List.of("a", "b"));
  }

  @Test
  void continuousLabel_isTheFirstNonIntegerOfAllNumericLabels() {
    assertEquals(Optional.of("0.5"), labelled(List.of("-1", "0.5", "2.25")).continuousLabel());
    assertEquals(Optional.empty(), labelled(List.of("0", "1", "2")).continuousLabel());
    assertEquals(Optional.empty(), labelled(List.of("-1", "+1")).continuousLabel());
    assertEquals(Optional.empty(), labelled(List.of("1.0", "2.0")).continuousLabel());
    assertEquals(Optional.empty(), labelled(List.of("0.5", "cat")).continuousLabel());
    assertEquals(Optional.empty(), Dataset.of(new double[][] {{1}, {2}}, new double[] {0.5, 1.5})
        .continuousLabel());
  }

  @Test
  void fit_everyClassifierOnContinuousLabels_throwsInputExceptionNamingALabel() {
    Dataset continuous = labelled(List.of("-6.5", "0.25", "3.75"));
    Dataset twoContinuous = labelled(List.of("0.5", "1.5"));
    List<Function<Dataset, ?>> fits = List.of(
        d -> LogisticRegression.builder().epochs(1).build().fit(d),
        d -> MlpClassifier.builder().hiddenLayers(4).epochs(1).build().fit(d),
        d -> ElasticNet.multinomial().lambda(0.1).build().fit(d));
    for (Function<Dataset, ?> fit : fits) {
      InputException e = assertThrows(InputException.class, () -> fit.apply(continuous));
      assertTrue(e.getMessage().matches("double\\[\\]\\[\\]: \\S+ is a classifier, but the target"
          + " is continuous: its 3 labels are numbers, not all integers \\(e\\.g\\. -6\\.5\\);"
          + " fit a regression model, or give class labels"), e.getMessage());
      assertTrue(!e.getMessage().contains("--"), "no CLI flags in core: " + e.getMessage());
    }
    InputException binomial = assertThrows(InputException.class,
        () -> ElasticNet.binomial().lambda(0.1).build().fit(twoContinuous));
    assertTrue(binomial.getMessage().contains("not all integers (e.g. 0.5)"),
        binomial.getMessage());
    // Integer and string labels are classes.
    LogisticRegression.builder().epochs(1).build().fit(labelled(List.of("0", "1", "2")));
    LogisticRegression.builder().epochs(1).build().fit(labelled(List.of("neg", "pos")));
    ElasticNet.binomial().lambda(0.1).build().fit(labelled(List.of("-1", "+1")));
  }
}
