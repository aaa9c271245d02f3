package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path} on a LIBSVM file of 4 rows whose largest index is 30,000,000 ran 30 s and then
 * exited "out of memory": the path keeps 100 λ × 30,000,000 coefficients (22 GiB as doubles).
 * It is refused once the data are read, as train refuses to densify it, naming what it would
 * need and what Java may use.
 */
class PathMemoryTest {
  @TempDir Path dir;

  @Test
  void path_featureIndexOf30Million_isRefusedUpFront_namingTheNeedAndTheLimit() throws Exception {
    Path data = Files.writeString(dir.resolve("big.svm"),
        "1 1:0.5 30000000:1\n0 2:1\n1 3:2 5:1\n0 1:1 4:3\n");
    long heap = Runtime.getRuntime().maxMemory();
    long bytes = 100L * 30_000_000 * Double.BYTES;
    assumeTrue(bytes > heap, "this JVM's heap would hold the path");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--quiet", "--out",
        dir.resolve("run").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(String.format(Locale.ROOT, "--data %s: 4 rows x 30000000 features: a path of"
        + " 100 λ keeps 100 x 30000000 coefficients, 22.4 GiB as doubles (and path.csv writes"
        + " as many numbers), more than the %.1f GiB that Java may use here; use fewer λ"
        + " (--nlambda), fewer features (a LIBSVM file has as many as its largest index), or give"
        + " Java more memory with TIKHONOV_JAVA_OPTS=-Xmx<size>", data,
        heap / (1024.0 * 1024 * 1024)), r.message());
    // up front: before any fit (without the check the fit ran out of memory, another message)
    assertFalse(Files.exists(dir.resolve("run")), "a refused run leaves no folder");
  }

  /**
   * --out-of-fold keeps n·m·k doubles: 20,000 rows at 100,000 λ (15 GiB) is refused once the
   * data are read, before any fold is fitted, naming the flag, the need and the limit.
   */
  @Test
  void outOfFold_moreThanTheHeap_isRefusedUpFront_namingTheFlag() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(Math.sin(i)).append(',').append(Math.sin(i) + 0.1 * Math.cos(3 * i))
          .append('\n');
    }
    Path data = Files.writeString(dir.resolve("rows.csv"), csv);
    long heap = Runtime.getRuntime().maxMemory();
    assumeTrue(20_000L * 100_000 * Double.BYTES > heap, "this JVM's heap would hold them");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--cv-folds", "2", "--nlambda", "100000", "--out-of-fold", "--quiet", "--out",
        dir.resolve("run").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(String.format(Locale.ROOT, "--out-of-fold: 20000 rows x 100000 λ are 14.9 GiB"
        + " as doubles (and out-of-fold.csv writes as many numbers), more than the %.1f GiB that"
        + " Java may use here; use fewer λ (--nlambda), leave --out-of-fold out, or give Java"
        + " more memory with TIKHONOV_JAVA_OPTS=-Xmx<size>", heap / (1024.0 * 1024 * 1024)),
        r.message());
    assertFalse(Files.exists(dir.resolve("run")), "a refused run leaves no folder");
  }
}
