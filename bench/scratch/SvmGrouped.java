import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The grouped multinomial lasso's default path of a LIBSVM file held sparse (as the CLI reads
 * it), the fit alone: the median seconds of REPEATS timed fits after one untimed, the passes
 * and whether every λ was certified (docs/performance-log.md, "Grouped multinomial on sparse
 * storage").
 *   javac -cp cli/target/tikhonov.jar -d /tmp/sg bench/scratch/SvmGrouped.java
 *   java -cp /tmp/sg:cli/target/tikhonov.jar SvmGrouped LABEL FILE.svm TOL REPEATS
 */
public class SvmGrouped {
  public static void main(String[] a) {
    Dataset data = LibsvmReader.read(Path.of(a[1]), TargetKind.CLASS);
    SparseMatrix x = data.sparseFeatures().orElseThrow();
    double[] y = Arrays.stream(data.labels()).asDoubleStream().toArray();
    PathSettings settings = PathSettings.lasso().withTolerance(Double.parseDouble(a[2]))
        .withMaxIterations(200_000_000).withMultinomialPenalty(MultinomialPenalty.GROUPED);
    int repeats = Integer.parseInt(a[3]);
    double[] seconds = new double[repeats];
    PathSolution path = null;
    for (int r = -1; r < repeats; r++) {
      long t0 = System.nanoTime();
      path = ElasticNetPath.fit(Family.MULTINOMIAL, x, y, settings, data.featureNames(),
          data.classNames());
      if (r >= 0) {
        seconds[r] = (System.nanoTime() - t0) / 1e9;
      }
    }
    Arrays.sort(seconds);
    System.out.printf("%s %s tol=%s median_s=%.3f passes=%d lambdas=%d converged=%s%n", a[0],
        Path.of(a[1]).getFileName(), a[2], seconds[repeats / 2],
        Arrays.stream(path.passes()).sum(), path.passes().length, path.allConverged());
  }
}
