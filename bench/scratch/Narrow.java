import dev.tikhonov.data.Dataset;
import dev.tikhonov.estimate.FitOptions;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.tensor.Blas;
import java.util.Arrays;
import java.util.Random;

/**
 * Median epoch seconds of a 2-thread 256-128 MLP on 60,000 rows of p synthetic features, the
 * waiting-bound case of docs/performance-log.md (issue 13, ninth session): a 16-input network does
 * little arithmetic per step, so the step's meeting points dominate. Arguments: p, epochs
 * [, threads (2)].
 *   javac -cp cli/target/tikhonov.jar -d /tmp/narrow bench/scratch/Narrow.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java [-Dtikhonov.step.wait=spin] \
 *       -cp /tmp/narrow:cli/target/tikhonov.jar Narrow 16 6
 */
public class Narrow {
  public static void main(String[] a) {
    int p = Integer.parseInt(a[0]);
    int epochs = Integer.parseInt(a[1]);
    int n = 60000;
    Random r = new Random(1);
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) { x[i][j] = r.nextGaussian(); s += x[i][j] * ((j % 3) - 1); }
      y[i] = Math.floorMod((int) Math.floor(s), 10);
    }
    Dataset d = Dataset.ofClasses(x, y);
    Blas.setThreads(a.length > 2 ? Integer.parseInt(a[2]) : 2);
    MlpClassifier est = MlpClassifier.builder().hiddenLayers(256, 128).dropout(0).lambda(0)
        .optimizer(Optimizers.sgd(0.05).momentum(0.9)).epochs(epochs).batchSize(128).seed(0)
        .build();
    NetworkClassifier m = est.fit(d, FitOptions.none()); // no validation, as bench mlp
    double[] s = m.training().orElseThrow().history().epochs().stream()
        .mapToDouble(e -> e.seconds()).toArray();
    double[] tail = Arrays.copyOfRange(s, 1, s.length);
    Arrays.sort(tail);
    System.out.printf("p=%d first=%s median epoch %.4f s (%s)%n", p,
        System.getProperty("tikhonov.step.first", "auto"), tail[tail.length / 2],
        Arrays.toString(s));
  }
}
