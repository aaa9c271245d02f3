package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The other pages' Java cannot rot either: docs/java.md and README.md hold whole programs
 * ({@link JavaDocExamplesTest} runs them), the reference pages hold fragments that use
 * variables the text around them defines ({@code x}, {@code y}, {@code featureNames}, …). Each
 * such fragment is preceded by an HTML comment, invisible on the rendered page, that declares
 * those variables as parameters:
 *
 * <pre>{@code
 * <!-- fragment: double[][] x, double[] y, List<String> featureNames -->
 * ```java
 * }</pre>
 *
 * and this test compiles every fragment as the body of a method taking them, against
 * tikhonov-core with every API package imported (and java.util, java.nio.file, java.time). It
 * only compiles them: they read no real data. A fragment without the comment fails the test,
 * so a new one is checked from the start (the core test jar's {@link JavadocExamples#fragments}
 * reads them). docs/spark.md is left out: its fragments need the Spark module, which this module
 * does not depend on; the spark module's {@code SparkDocFragmentsTest} compiles them.
 */
class DocFragmentsTest {
  static final Path DOCS = Path.of("..", "docs");
  static final List<String> WHOLE_PROGRAMS = List.of("java.md");
  static final List<String> OTHER_MODULES = List.of("spark.md");
  static final List<String> API_PACKAGES = List.of("data", "estimate", "io", "linear", "loss",
      "nn", "optim", "regularize", "report", "select", "tensor", "train");
  static final List<String> IMPORTS = imports();
  static final Path WORK = Path.of("target", "doc-fragments");

  /** Every API package of the core, and java.nio.file, java.time, java.util. */
  static List<String> imports() {
    List<String> out = new ArrayList<>();
    for (String p : API_PACKAGES) {
      out.add("dev.tikhonov." + p + ".*");
    }
    out.addAll(List.of("java.nio.file.*", "java.time.*", "java.util.*"));
    return out;
  }

  static List<Fragment> fragments(Path doc) throws IOException {
    return JavadocExamples.fragments(doc.getFileName().toString(),
        Files.readString(doc, StandardCharsets.UTF_8));
  }

  static List<Fragment> allFragments() throws IOException {
    List<Fragment> out = new ArrayList<>();
    try (Stream<Path> docs = Files.list(DOCS)) {
      for (Path doc : docs.filter(d -> d.toString().endsWith(".md")).sorted().toList()) {
        String name = doc.getFileName().toString();
        if (!WHOLE_PROGRAMS.contains(name) && !OTHER_MODULES.contains(name)) {
          out.addAll(fragments(doc));
        }
      }
    }
    return out;
  }

  @Test
  void everyFragmentOfTheReferencePages_compiles() throws IOException {
    List<Fragment> all = allFragments();
    assertTrue(all.size() >= 12, "docs/ hold at least the 12 fragments of choosing-lambda.md,"
        + " linear.md, logistic.md, objective.md and report.md, found " + all.size());
    Path sources = Files.createDirectories(WORK.resolve("src"));
    Path classes = Files.createDirectories(WORK.resolve("classes"));
    List<String> files = new ArrayList<>();
    for (Fragment f : all) {
      Path file = sources.resolve(f.className() + ".java");
      Files.writeString(file, f.java(IMPORTS), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    StringWriter errors = new StringWriter();
    assertTrue(compile(files, classes, errors), "a fragment of docs/ does not compile (sources"
        + " in " + sources + "):\n" + errors);
  }

  static boolean compile(List<String> files, Path classes, StringWriter errors) {
    return JavadocExamples.compile(files, classes,
        JavaDocExamplesTest.testClasspath(), errors);
  }


  /** The test can fail: a fragment that calls what does not exist is refused, with its text. */
  @Test
  void aFragmentThatNoLongerCompiles_isRefused() throws IOException {
    Path doc = Files.createDirectories(WORK.resolve("rotten")).resolve("rotten.md");
    Files.writeString(doc, "text\n<!-- fragment: Dataset data -->\n```java\n"
        + "LinearModel m = ElasticNetCV.gaussian().build().fitt(data);\n```\n");
    List<Fragment> fragments = fragments(doc);
    assertEquals(1, fragments.size());
    assertEquals("Dataset data", fragments.get(0).parameters());
    Path file = Files.createDirectories(WORK.resolve("rotten").resolve("src"))
        .resolve(fragments.get(0).className() + ".java");
    Files.writeString(file, fragments.get(0).java(IMPORTS));
    StringWriter errors = new StringWriter();
    assertFalse(compile(List.of(file.toString()),
        Files.createDirectories(WORK.resolve("rotten").resolve("classes")), errors));
    assertTrue(errors.toString().contains("fitt"), errors.toString());
    Files.writeString(doc, "```java\nint a = 1;\n```\n");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> fragments(doc));
    assertTrue(missing.getMessage().contains("<!-- fragment:"), missing.getMessage());
  }
}
