package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.JavadocExamples;
import dev.tikhonov.JavadocExamples.Example;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples in the javadoc of the spark module's public types, what an IDE shows first, compile
 * against this module and the core, as the examples module's {@code JavadocSnippetsTest} holds the
 * core's (the same reading, the core test jar's {@link JavadocExamples}): every
 * {@code <pre>{@code …}</pre>} block of a public type's source is the body of a method, with
 * the names an example takes as given ({@link #GIVEN}: {@code spark}, {@code train}, …) as its
 * parameters. Before this test SparkSweep's example was the only one and nothing compiled it.
 */
class SparkJavadocExamplesTest {
  static final Path SOURCES = Path.of("src", "main", "java", "dev", "tikhonov", "spark");
  static final Path WORK = Path.of("target", "javadoc-examples");

  /** The names the javadoc examples use as given, with their types. */
  static final Map<String, String> GIVEN = new LinkedHashMap<>();

  static {
    GIVEN.put("spark", "SparkSession");
    GIVEN.put("train", "Dataset<Row>");
    GIVEN.put("test", "Dataset<Row>");
    GIVEN.put("data", "Dataset<Row>");
  }

  /**
   * What each example sees: this module, the core's API packages and Spark's data frames; the
   * single-type imports win over the core's {@code data.Dataset} and {@code java.util.Vector}.
   */
  static final List<String> IMPORTS = List.of("dev.tikhonov.spark.*", "dev.tikhonov.data.*",
      "dev.tikhonov.estimate.*", "dev.tikhonov.linear.*", "dev.tikhonov.select.*",
      "java.util.*", "java.nio.file.Path", "org.apache.spark.sql.Dataset",
      "org.apache.spark.sql.Row", "org.apache.spark.sql.SparkSession",
      "org.apache.spark.ml.linalg.Vector");

  /** The examples of the public top-level types' sources. */
  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains("\npublic ")) {
          out.addAll(JavadocExamples.examples(file.getFileName().toString(), text));
        }
      }
    }
    return out;
  }

  static boolean compile(List<Example> examples, Path dir, StringWriter errors)
      throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src"));
    List<String> files = new ArrayList<>();
    for (Example e : examples) {
      Path file = sources.resolve(e.className() + ".java");
      Files.writeString(file, e.java(IMPORTS, GIVEN), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    return JavadocExamples.compile(files, Files.createDirectories(dir.resolve("classes")),
        JavadocExamples.testClasspath(), errors);
  }

  @Test
  void everyJavadocExampleOfThePublicTypes_compiles() throws IOException {
    List<Example> all = examples();
    List<String> sources = all.stream().map(Example::source).distinct().toList();
    assertEquals(List.of("SparkElasticNetCV.java", "SparkElasticNetModel.java",
        "SparkSweep.java"), sources, "the public types with examples");
    StringWriter errors = new StringWriter();
    assertTrue(compile(all, WORK, errors), "a javadoc example does not compile (sources in "
        + WORK.resolve("src") + "):\n" + errors);
  }

  /** The test can fail: an example calling what the model does not have is refused. */
  @Test
  void anExampleThatDoesNotCompile_isRefused() throws IOException {
    List<Example> rotten = JavadocExamples.examples("Rotten.java", "/**\n * <pre>{@code\n"
        + " * SparkElasticNetModel model = new SparkElasticNetCV().fit(train);\n"
        + " * model.lambdaMinimum();\n * }</pre>\n */");
    assertEquals("Dataset<Row> train", rotten.get(0).parameters(GIVEN));
    StringWriter errors = new StringWriter();
    assertFalse(compile(rotten, WORK.resolve("rotten"), errors));
    assertTrue(errors.toString().contains("lambdaMinimum()"), errors.toString());
  }
}
