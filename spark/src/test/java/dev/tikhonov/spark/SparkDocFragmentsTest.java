package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.JavadocExamples;
import dev.tikhonov.JavadocExamples.Fragment;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/spark.md's {@code ```java} blocks compile against this module, the core and Spark, as
 * the examples module's {@code DocFragmentsTest} compiles the other pages' (which cannot: it has
 * no Spark): each block is preceded by {@code <!-- fragment: TYPE name, … -->} declaring the
 * variables the text around it defines ({@code spark}, {@code train}, {@code assembler}, …) and
 * becomes the body of a method taking them (the core test jar's
 * {@link JavadocExamples#fragments}), with the javadoc examples' imports
 * ({@link SparkJavadocExamplesTest#IMPORTS}) and the Spark ML types and SQL functions the page
 * uses. It only compiles them; no Spark session starts. Before this test nothing compiled them.
 */
class SparkDocFragmentsTest {
  static final Path DOC = Path.of("..", "docs", "spark.md");
  static final Path WORK = Path.of("target", "doc-fragments");

  static List<String> imports() {
    List<String> out = new ArrayList<>(SparkJavadocExamplesTest.IMPORTS);
    out.addAll(List.of("org.apache.spark.ml.linalg.Vectors", "org.apache.spark.ml.Pipeline",
        "org.apache.spark.ml.PipelineModel", "org.apache.spark.ml.PipelineStage",
        "org.apache.spark.ml.feature.VectorAssembler",
        "static org.apache.spark.sql.functions.*"));
    return out;
  }

  @Test
  void everyJavaBlockOfSparkMd_compiles() throws IOException {
    List<Fragment> all = JavadocExamples.fragments("spark.md",
        Files.readString(DOC, StandardCharsets.UTF_8));
    assertEquals(8, all.size(), "docs/spark.md's java blocks: local session, usage, folds,"
        + " measures, out-of-fold, model file, sweep, Poisson");
    Path sources = Files.createDirectories(WORK.resolve("src"));
    List<String> files = new ArrayList<>();
    for (Fragment f : all) {
      Path file = sources.resolve(f.className() + ".java");
      Files.writeString(file, f.java(imports()), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    StringWriter errors = new StringWriter();
    assertTrue(JavadocExamples.compile(files, Files.createDirectories(WORK.resolve("classes")),
        JavadocExamples.testClasspath(), errors), "a java block of docs/spark.md does not"
        + " compile (sources in " + sources + "):\n" + errors);
  }
}
