package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A JPMS user's view of the packaged tikhonov-core jar, as docs/java.md ("On the module path")
 * tells them: a module that {@code requires dev.tikhonov;} compiles against the jar and its
 * dependencies on the module path, and runs with {@code --add-modules ALL-MODULE-PATH}. An
 * integration test (failsafe, after {@code package}), because only the jar carries the
 * {@code Automatic-Module-Name}; the module name of loose classes would be their folder's.
 */
class ModulePathIT {
  static final Path WORK = Path.of("target", "module-path-it");

  static final String MODULE_INFO = """
      module com.example.app {
        requires dev.tikhonov;
      }
      """;

  static final String MAIN = """
      package com.example.app;

      import dev.tikhonov.data.Dataset;
      import dev.tikhonov.data.Synthetic;
      import dev.tikhonov.estimate.ElasticNet;
      import dev.tikhonov.estimate.LinearModel;
      import dev.tikhonov.estimate.LogisticRegression;
      import dev.tikhonov.estimate.NetworkClassifier;
      import dev.tikhonov.estimate.Predictor;
      import dev.tikhonov.data.Mnist;
      import dev.tikhonov.data.TrainTest;
      import java.nio.file.Path;

      public class Main {
        public static void main(String[] args) {
          TrainTest digits = Mnist.bundled();             // a resource inside the core's module
          NetworkClassifier network = LogisticRegression.builder().epochs(1).seed(0).build()
              .fit(digits.train());                       // OpenBLAS and oneDNN from their modules
          Dataset data = Synthetic.regression().rows(200).features(10).informative(3)
              .noise(1.0).seed(0).build().data();
          LinearModel lasso = ElasticNet.gaussian().lambda(0.1).build().fit(data);
          lasso.save(Path.of("lasso.model"));             // Jackson, reflectively
          LinearModel back = Predictor.load(Path.of("lasso.model"), LinearModel.class);
          System.out.println("module " + LinearModel.class.getModule().getName()
              + ", accuracy above 0.8 " + (network.evaluate(digits.test()).accuracy() > 0.8)
              + ", loaded equal " + back.equals(lasso));
          System.out.println("version " + back.provenance().libraryVersion());
        }
      }
      """;

  /** The core jar and its runtime dependencies: the test classpath without the test's own. */
  static List<String> modulePath() {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        .filter(entry -> !entry.contains("junit") && !entry.contains("opentest4j")
            && !entry.contains("apiguardian"))
        .toList();
  }

  @Test
  void requiresDevTikhonov_compilesAndRunsOnTheModulePath() throws Exception {
    List<String> modulePath = modulePath();
    assertTrue(modulePath.stream().anyMatch(e -> Path.of(e).getFileName().toString()
            .startsWith("tikhonov-core")),
        "the core is a packaged jar on this test's classpath (run by failsafe): " + modulePath);
    Path source = WORK.resolve("src").resolve("com.example.app");
    Files.createDirectories(source.resolve("com/example/app"));
    Files.writeString(source.resolve("module-info.java"), MODULE_INFO, StandardCharsets.UTF_8);
    Files.writeString(source.resolve("com/example/app/Main.java"), MAIN, StandardCharsets.UTF_8);
    Path classes = WORK.resolve("classes");
    String path = String.join(File.pathSeparator, modulePath);
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", classes.toString(), "--module-path", path,
        "--module-source-path", WORK.resolve("src").toString(), "-m", "com.example.app");
    assertEquals(0, status, "a module requiring dev.tikhonov compiles");

    Path run = Files.createDirectories(WORK.resolve("run"));
    Path out = run.resolve("stdout.txt");
    Path err = run.resolve("stderr.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "ALL-MODULE-PATH",
        "--module-path", classes.toAbsolutePath() + File.pathSeparator + path,
        "-m", "com.example.app/com.example.app.Main"));
    Process p = new ProcessBuilder(command).directory(run.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the module did not finish in 5 minutes");
    }
    String stderr = Files.readString(err);
    assertEquals(0, p.exitValue(), "the module runs:\n" + stderr);
    List<String> lines = Files.readAllLines(out);
    assertEquals("module dev.tikhonov, accuracy above 0.8 true, loaded equal true",
        lines.get(0), "stderr:\n" + stderr);
    // a model fitted with the jar records the jar's version, as the CLI's do (it said
    // "development": the library read a manifest entry the core jar does not carry)
    String jar = modulePath.stream().map(e -> Path.of(e).getFileName().toString())
        .filter(name -> name.startsWith("tikhonov-core-")).findFirst().orElseThrow();
    assertEquals("version " + jar.substring("tikhonov-core-".length(), jar.length() - 4),
        lines.get(1));
  }
}
