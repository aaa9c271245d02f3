import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.SparseMatrix;
import dev.tikhonov.linear.*;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;
import java.util.*;

/**
 * The grouped multinomial lasso's default path on one CSV (label first) held sparse and dense,
 * three times each in turn: seconds and passes (docs/performance-log.md, "Grouped multinomial:
 * exact Hessian blocks").
 *   javac -cp cli/target/tikhonov.jar -d /tmp/sg bench/scratch/SparseGrouped.java
 *   java -cp /tmp/sg:cli/target/tikhonov.jar SparseGrouped LABEL FILE.csv TOL
 */
public class SparseGrouped {
  public static void main(String[] a) {
    Dataset data = Dataset.read(Path.of(a[1]), "label", TargetKind.CLASS);
    double[][] x = data.featureRows();
    int n = x.length, p = x[0].length;
    List<Integer> rows = new ArrayList<>(); List<Double> vals = new ArrayList<>();
    int[] cp = new int[p + 1];
    for (int j = 0; j < p; j++) {
      for (int i = 0; i < n; i++) if (x[i][j] != 0) { rows.add(i); vals.add(x[i][j]); }
      cp[j + 1] = rows.size();
    }
    SparseMatrix s = SparseMatrix.of(n, p, cp,
        rows.stream().mapToInt(Integer::intValue).toArray(),
        vals.stream().mapToDouble(Double::doubleValue).toArray());
    double[] y = Arrays.stream(data.labels()).asDoubleStream().toArray();
    PathSettings st = PathSettings.lasso().withTolerance(Double.parseDouble(a[2]))
        .withMaxIterations(200_000_000).withMultinomialPenalty(MultinomialPenalty.GROUPED);
    for (int r = 0; r < 3; r++) {
      long t0 = System.nanoTime();
      PathSolution ps = ElasticNetPath.fit(Family.MULTINOMIAL, s, y, st, data.featureNames(),
          data.classNames());
      long t1 = System.nanoTime();
      ElasticNetPath.fit(Family.MULTINOMIAL, x, y, st, data.featureNames(), data.classNames());
      long t2 = System.nanoTime();
      System.out.printf("%s density=%.2f sparse_s=%.3f dense_s=%.3f passes=%d%n", a[0],
          rows.size() / (double) n / p, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
          Arrays.stream(ps.passes()).sum());
    }
  }
}
