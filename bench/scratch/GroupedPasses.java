import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Passes and wall time of the grouped multinomial lasso's default path (docs/linear.md, "Grouped
 * multinomial"; docs/performance-log.md): for each data set and tolerance, the path on all rows
 * (the median of `repeats` timed fits after `-Dwarmup=W` untimed, default 1, its passes in total
 * and at its slowest λ, the largest certificate over dev₀'s tolerance) and, with `cv`, ElasticNetCV
 * with 10 seeded folds on one thread (the median of the timed fits); `-Dtols=1e-3,1e-6` for other
 * tolerances. Run one build against another (bench/scratch/grouped-ab.sh):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/gp bench/scratch/GroupedPasses.java
 *   java -cp /tmp/gp:cli/target/tikhonov.jar GroupedPasses LABEL REPEATS cv|nocv FILE:TARGET...
 * The digits case, mnist1k49.csv (1,000 MNIST test digits pooled 4×4 to 49 pixels, 10
 * classes), is written by bench/scratch/make_digits.py.
 */
public class GroupedPasses {
  public static void main(String[] args) {
    String label = args[0];
    int repeats = Integer.parseInt(args[1]);
    boolean cv = args[2].equals("cv");
    double[] tolerances = Arrays.stream(System.getProperty("tols", "1e-3,1e-6,1e-10")
        .split(",")).mapToDouble(Double::parseDouble).toArray();
    int warmup = Integer.getInteger("warmup", 1);
    for (int a = 3; a < args.length; a++) {
      String[] spec = args[a].split(":");
      Dataset data = Dataset.read(Path.of(spec[0]), spec[1], TargetKind.CLASS);
      String name = Path.of(spec[0]).getFileName().toString();
      double[][] x = data.featureRows();
      double[] y = Arrays.stream(data.labels()).asDoubleStream().toArray();
      for (double tol : tolerances) {
        PathSettings settings = PathSettings.lasso().withTolerance(tol)
            .withMaxIterations(200_000_000)
            .withMultinomialPenalty(MultinomialPenalty.GROUPED);
        double[] times = new double[repeats];
        PathSolution path = null;
        for (int r = -warmup; r < repeats; r++) {
          long t0 = System.nanoTime();
          path = ElasticNetPath.fit(Family.MULTINOMIAL, x, y, settings, data.featureNames(),
              data.classNames());
          if (r >= 0) {
            times[r] = (System.nanoTime() - t0) / 1e9;
          }
        }
        int total = Arrays.stream(path.passes()).sum();
        int most = Arrays.stream(path.passes()).max().orElse(0);
        double worst = Arrays.stream(path.certificate()).max().orElse(0);
        String cvText = "";
        if (cv) {
          double[] cvTimes = new double[repeats];
          for (int r = -warmup; r < repeats; r++) {
            long t0 = System.nanoTime();
            ElasticNetCV.multinomial().multinomialPenalty(MultinomialPenalty.GROUPED)
                .tolerance(tol).maxIterations(200_000_000).numFolds(10).seed(0).threads(1)
                .build().crossValidate(data);
            if (r >= 0) {
              cvTimes[r] = (System.nanoTime() - t0) / 1e9;
            }
          }
          cvText = String.format(" cv10_s=%.3f", median(cvTimes));
        }
        System.out.printf("%s %s tol=%.0e nlambda=%d passes=%d max_passes=%d"
            + " converged=%b cert/tol=%.2f path_s=%.4f%s%n", label, name, tol,
            path.lambdas().length, total, most, path.allConverged(), worst / tol,
            median(times), cvText);
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
