package dev.tikhonov.examples;

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
 * The examples in the API's javadoc, the first code a user's IDE shows, cannot rot either:
 * every {@code <pre>{@code …}</pre>} block of a public type's source (outside
 * {@code dev.tikhonov.internal}) is compiled as the body of a method, against tikhonov-core with
 * every API package imported, as {@link DocFragmentsTest} compiles the docs' fragments. The
 * variables the javadoc examples take as given ({@code train}, {@code data}, {@code base}, …,
 * {@link #GIVEN}) are the method's parameters when a block uses them without declaring them
 * (the core test jar's {@code JavadocExamples}, which the spark module's check shares).
 * MlpPathCV's example called {@code Result.model()}, retired from the API, and nothing noticed.
 */
class JavadocSnippetsTest {
  static final Path SOURCES = Path.of("..", "core", "src", "main", "java", "dev", "tikhonov");
  static final Path WORK = Path.of("target", "javadoc-snippets");

  /** The names the javadoc examples use as given, with their types. */
  static final Map<String, String> GIVEN = new LinkedHashMap<>();

  static {
    GIVEN.put("train", "Dataset");
    GIVEN.put("test", "Dataset");
    GIVEN.put("data", "Dataset");
    GIVEN.put("val", "Dataset");
    GIVEN.put("path", "MlpPath<NetworkClassifier>");
    GIVEN.put("base", "MlpClassifier");
    GIVEN.put("progress", "TrainingListener");
    GIVEN.put("previous", "NetworkClassifier");
  }

  /** The core's API packages, every one imported by each example, java.nio.file and java.util. */
  static List<String> imports() {
    List<String> out = new ArrayList<>();
    for (String p : DocFragmentsTest.API_PACKAGES) {
      out.add("dev.tikhonov." + p + ".*");
    }
    out.add("java.nio.file.*"); // Path, as the docs' fragments have it
    out.add("java.util.*");
    return out;
  }

  static List<Example> allSnippets() throws IOException {
    List<Example> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = SOURCES.relativize(file).toString();
        if (!relative.startsWith("internal")) {
          out.addAll(JavadocExamples.examples(relative,
              Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    }
    return out;
  }

  @Test
  void everyJavadocExampleOfTheApi_compiles() throws IOException {
    List<Example> all = allSnippets();
    assertTrue(all.size() >= 14, "the API's javadoc holds at least 14 examples, found "
        + all.size());
    Path sources = Files.createDirectories(WORK.resolve("src"));
    List<String> files = new ArrayList<>();
    for (Example s : all) {
      Path file = sources.resolve(s.className() + ".java");
      Files.writeString(file, s.java(imports(), GIVEN), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    StringWriter errors = new StringWriter();
    assertTrue(DocFragmentsTest.compile(files, Files.createDirectories(WORK.resolve("classes")),
        errors), "a javadoc example does not compile (sources in " + sources + "):\n" + errors);
  }

  /** The test can fail: an example that calls a retired method is refused, naming it. */
  @Test
  void anExampleThatNoLongerCompiles_isRefused() throws IOException {
    List<Example> rotten = JavadocExamples.examples("Rotten.java", "/**\n * <pre>{@code\n"
        + " * MlpPathCV.Result<NetworkClassifier> r = MlpPathCV.builder(path).build()\n"
        + " *     .crossValidate(train);\n * r.model().predict(test);\n * }</pre>\n */");
    assertEquals(1, rotten.size());
    assertEquals("Dataset train, Dataset test, MlpPath<NetworkClassifier> path",
        rotten.get(0).parameters(GIVEN));
    Path dir = Files.createDirectories(WORK.resolve("rotten"));
    Path file = dir.resolve(rotten.get(0).className() + ".java");
    Files.writeString(file, rotten.get(0).java(imports(), GIVEN));
    StringWriter errors = new StringWriter();
    assertFalse(DocFragmentsTest.compile(List.of(file.toString()),
        Files.createDirectories(dir.resolve("classes")), errors));
    assertTrue(errors.toString().contains("model()"), errors.toString());
  }
}
