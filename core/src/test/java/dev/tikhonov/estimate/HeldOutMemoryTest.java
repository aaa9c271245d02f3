package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import org.junit.jupiter.api.Test;

/**
 * A cross-validated search keeps each held-out split's scores, not its evaluation: a
 * classifier's evaluation carries a K×K confusion matrix (12·K² bytes), and MlpPathCV and
 * GridSearchCV held all k·m of them until the last fit (120 MB for 10 folds × 100 λ at K = 100;
 * out of a 3 GB heap at K = 1,000).
 */
class HeldOutMemoryTest {
  @Test
  void mlpPathCV_ofManyClasses_doesNotKeepEveryHeldOutConfusionMatrix() {
    int classes = 400; // 1.9 MB a matrix, 58 MB for the 3 × 10 held-out evaluations
    Dataset data = Synthetic.classification().rows(1200).features(5).informative(5)
        .classes(classes).seed(1).build();
    MlpClassifier base = MlpClassifier.builder().hiddenLayers(2).epochs(1).batchSize(400)
        .seed(1).build();
    MlpPathCV<NetworkClassifier> search = MlpPathCV.builder(MlpPath.builder(base)
        .lambdas(LambdaGrid.fromData(10, 1e-3)).warmEpochs(1).build())
        .resampling(Resampling.kFold(3, 0)).threads(1).build();
    long[] used = {Long.MAX_VALUE, 0}; // after the first fit, after the last
    search.crossValidate(data, (done, total, label) -> {
      if (done == 1 || done == total) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        used[done == 1 ? 0 : 1] = rt.totalMemory() - rt.freeMemory();
      }
    });
    long grown = used[1] - used[0];
    assertTrue(grown < 20_000_000, "the heap grew by " + grown / 1_000_000 + " MB over the"
        + " search's fits, as much as its 30 held-out confusion matrices");
  }
}
