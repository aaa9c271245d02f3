import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.RelaxedFit;
import dev.tikhonov.loss.Family;
import java.util.Optional;

/**
 * Wall seconds of the workloads whose loops read a PathSolution's arrays (copies34: the arrays
 * became copied out): a gaussian lasso path with 10-fold CV at n = 400, p = 4,000; a path of
 * 20,000 λ (p = 20) with its interpolation, summary, CSV and JSON; a multinomial path's CV; a
 * relaxed fit and its blend. Median of 5 after a warm-up, wall and process CPU seconds
 * (CPU is the fairer measure on a shared machine).
 *   mvn -o -q -pl core -am install -DskipTests -Djacoco.skip=true
 *   javac -cp "core/target/classes:$(cat /tmp/cp.txt)" -d /tmp/t bench/scratch/PathCopyTiming.java
 *   java -cp "/tmp/t:core/target/classes:$(cat /tmp/cp.txt)" PathCopyTiming
 * with /tmp/cp.txt from mvn -o -q -pl core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 */
public class PathCopyTiming {
  interface Work {
    Object run();
  }

  static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean();

  /** Median wall and CPU (all threads of the process) seconds of 5 runs after a warm-up. */
  static void time(String name, Work w) {
    w.run();
    int runs = 5;
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      long c = OS.getProcessCpuTime();
      long t = System.nanoTime();
      w.run();
      wall[r] = (System.nanoTime() - t) / 1e9;
      cpu[r] = (OS.getProcessCpuTime() - c) / 1e9;
    }
    java.util.Arrays.sort(wall);
    java.util.Arrays.sort(cpu);
    System.out.printf("%-28s wall %7.3f s  cpu %7.3f s (min %.3f)%n", name, wall[runs / 2],
        cpu[runs / 2], cpu[0]);
  }

  public static void main(String[] args) {
    boolean quick = args.length > 0 && args[0].equals("quick");
    Dataset wide = Synthetic.regression().rows(400).features(quick ? 1000 : 4000)
        .informative(20).noise(1.0).seed(1).build().data();
    time(quick ? "cv10 lasso n=400 p=1000" : "cv10 lasso n=400 p=4000", () -> ElasticNetCV.gaussian().numFolds(10).build()
        .crossValidate(wide).cv());
    Dataset narrow = Synthetic.regression().rows(300).features(20).informative(5)
        .noise(1.0).seed(2).build().data();
    double[] many = new double[20000];
    for (int l = 0; l < many.length; l++) {
      many[l] = 10 * Math.pow(1e-4, l / (many.length - 1.0));
    }
    PathSettings settings = PathSettings.builder().lambdas(many).build();
    double[][] x = narrow.featureRows();
    double[] y = narrow.targets();
    time("path 20000 λ p=20 + files", () -> {
      PathSolution p = ElasticNetPath.fit(Family.GAUSSIAN, x, y, settings,
          narrow.featureNames(), java.util.List.of());
      PathSolution q = p.interpolate(many);
      return PathFiles.summary(p, Optional.empty()).length() + PathFiles.csv(q, Optional.empty())
          .length() + PathFiles.json(p).size();
    });
    time("relaxed 20000 λ + blend", () -> {
      PathSolution p = ElasticNetPath.fit(Family.GAUSSIAN, x, y, settings,
          narrow.featureNames(), java.util.List.of());
      return RelaxedFit.of(Family.GAUSSIAN, x, y, settings, p).blend(0.5);
    });
    Dataset classes = Synthetic.classification().rows(600).features(50)
        .informative(10).classes(4).seed(3).build();
    time("cv10 multinomial p=50 K=4", () -> ElasticNetCV.multinomial().numFolds(10).build()
        .crossValidate(classes).cv());
  }
}
