package dev.tikhonov.report;

import java.nio.file.Path;

/**
 * The cost of an experiment's report in a fresh JVM, cold and then warm: building the charts
 * from the run's files, then exporting each as SVG and PNG (docs/performance-log.md, issue 13's
 * seventh session). In package dev.tikhonov.report for ChartExport; point it at a copy of a
 * finished run directory (it rewrites the charts):
 *   javac -cp cli/target/tikhonov.jar -d /tmp/rcost bench/scratch/ReportCost/ReportCost.java
 *   java -cp /tmp/rcost:cli/target/tikhonov.jar dev.tikhonov.report.ReportCost /tmp/run-copy
 */
final class ReportCost {
  public static void main(String[] a) {
    Path dir = Path.of(a[0]);
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      var charts = ReportCharts.of(RunDirectory.detect(dir));
      long t1 = System.nanoTime();
      for (var c : charts) {
        long c0 = System.nanoTime();
        ChartExport.write(c.chart(), dir.resolve("charts"), c.name());
        System.out.printf("  %s %.0f ms%n", c.name(), (System.nanoTime() - c0) / 1e6);
      }
      long t2 = System.nanoTime();
      System.out.printf("round %d: charts built %.0f ms, exported %.0f ms%n", round + 1,
          (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
  }
}
