import dev.tikhonov.data.Mnist;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.train.TrainingListener;

/**
 * Where one run of `experiment mnist-l2` spends its time on one thread, alone: the fit (its
 * epochs as the history records them, and the rest: per-epoch evaluation on the 2,000 test
 * digits, set-up), then the final evaluations on the test and training digits
 * (docs/performance-log.md, issue 13's seventh session):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/rc bench/scratch/RunCosts.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp /tmp/rc:cli/target/tikhonov.jar RunCosts
 */
public class RunCosts {
  public static void main(String[] a) {
    long t0 = System.nanoTime();
    TrainTest d = Mnist.bundled();
    System.out.printf("load %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    Blas.setThreads(1);
    for (int r = 0; r < 8; r++) {
      long s0 = System.nanoTime();
      MlpClassifier est = MlpClassifier.builder().hiddenLayers(256, 128).dropout(0).lambda(1e-4)
          .optimizer(Optimizers.sgd(0.05).momentum(0.9)).epochs(10).batchSize(128).seed(r)
          .build();
      NetworkClassifier m = est.fit(d.train(), d.test(), TrainingListener.none());
      long s1 = System.nanoTime();
      double epochs = m.training().orElseThrow().history().epochs().stream()
          .mapToDouble(e -> e.seconds()).sum();
      m.evaluate(d.test());
      long s2 = System.nanoTime();
      m.evaluate(d.train());
      long s3 = System.nanoTime();
      System.out.printf("fit %.0f ms (epochs %.0f, outside them %.0f), evaluate test %.0f, "
          + "train %.0f ms%n", (s1 - s0) / 1e6, epochs * 1e3, (s1 - s0) / 1e6 - epochs * 1e3,
          (s2 - s1) / 1e6, (s3 - s2) / 1e6);
    }
  }
}
