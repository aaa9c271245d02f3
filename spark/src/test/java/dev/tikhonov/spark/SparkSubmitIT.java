package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spark-submit for real: {@code spark-submit} is a launcher for
 * {@code org.apache.spark.deploy.SparkSubmit}, which spark-core carries, so this runs
 *
 * <pre>
 * java &lt;Spark's --add-opens list&gt; -cp &lt;the test class path&gt; \
 *   org.apache.spark.deploy.SparkSubmit --master local[2] --class dev.tikhonov.spark.PathJob \
 *   target/tikhonov-spark-*.jar --data ... --out ...
 * </pre>
 *
 * <p>in a child JVM, on the module's packaged jar (hence an integration test: {@code mvn
 * verify}), and checks what the jobs wrote against the core on one machine.
 */
class SparkSubmitIT {
  private record Child(int code, String out, String err) {}

  /** SparkSubmit in a child JVM with {@code args} after the launcher's own. */
  private static Child sparkSubmit(Path dir, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    String jar = System.getProperty("tikhonov.sparkJar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the module's jar: " + jar);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("tikhonov.sparkJavaArgs").trim()
        .split("\\s+")));
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")));
    command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1", "--class", mainClass, jar));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process child = builder.start();
    if (!child.waitFor(600, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("spark-submit of " + mainClass + " did not finish in 600 s");
    }
    return new Child(child.exitValue(), Files.readString(dir.resolve("stdout.txt")),
        Files.readString(dir.resolve("stderr.txt")));
  }

  @Test
  void pathJob_throughSparkSubmit_writesThePathJsonOfTheCore_andTheModelFile(@TempDir Path dir)
      throws Exception {
    PathJobTest.loadData();
    Path csv = PathJobTest.writeCsv(dir, null);
    Path out = dir.resolve("out");
    Path model = dir.resolve("enet.safetensors");
    Child run = sparkSubmit(dir, "dev.tikhonov.spark.PathJob", List.of("--data", csv.toString(),
        "--target", "y", "--fold-column", "fold", "--cv-folds", "5", "--l1-ratio", "0.5",
        "--out", out.toString(), "--save", model.toString()));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("<- lambda_min"), run.out());
    PathJobTest.assertIsTheCoresCrossValidatedPath(out.resolve("path.json"));
    PathJobTest.assertIsTheSavedSelection(model, out.resolve("path.json"), "min");
  }

  @Test
  void sweepJob_throughSparkSubmit_writesEachRunAsAlone(@TempDir Path dir) throws Exception {
    Path[] files = SweepJobTest.digitFiles(dir, 300, 200);
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(SweepJobTest.gridArgs());
    args.addAll(List.of("--train", files[0].toString(), "--test", files[1].toString(),
        "--out", out.toString()));
    Child run = sparkSubmit(dir, "dev.tikhonov.spark.SweepJob", args);
    assertEquals(0, run.code(), run.err());
    SweepJobTest.assertRunsAreAlone(out, files);

    Child bad = sparkSubmit(dir, "dev.tikhonov.spark.SweepJob", List.of("--mnist", "bundled",
        "--lambdas", "-1"));
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("tikhonov-spark: --lambdas: each value must be a number "
        + "finite and ≥ 0, got '-1'"), bad.err());
    assertTrue(!bad.err().contains("\tat "), "no stack trace: " + bad.err());
  }
}
