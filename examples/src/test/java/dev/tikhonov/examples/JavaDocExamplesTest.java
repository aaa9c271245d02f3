package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/java.md and README.md cannot rot: every {@code ```java} block in them is a whole program
 * (a public class with a main method, its imports included) that this test compiles against
 * tikhonov-core and runs in its own JVM, as a user who copied it would: in an empty directory
 * but for a copy of the repository's data/ folder, which the blocks that read one of its files
 * say they need. A block that does not compile, throws, or prints nothing fails the build.
 */
class JavaDocExamplesTest {
  static final List<Path> DOCS = List.of(Path.of("..", "docs", "java.md"),
      Path.of("..", "README.md"));
  static final Path DATA = Path.of("..", "data");
  static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  static final Pattern CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
  static final Path WORK = Path.of("target", "doc-examples");

  record Example(String className, String source) {
    @Override
    public String toString() {
      return className;
    }
  }

  /** The test's classpath (surefire keeps it here; java.class.path may be its booter jar). */
  static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    for (Path doc : DOCS) {
      out.addAll(examples(doc));
    }
    return out;
  }

  static List<Example> examples(Path doc) throws IOException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    List<Example> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String source = m.group(1);
      Matcher c = CLASS.matcher(source);
      assertTrue(c.find(), "every java block of " + doc + " is a whole class, imports and all:\n"
          + source);
      out.add(new Example(c.group(1), source));
    }
    return out;
  }

  static Stream<Example> cases() throws IOException {
    return examples().stream();
  }

  @BeforeAll
  static void compileAll() throws IOException {
    List<Example> all = examples();
    assertTrue(examples(DOCS.get(0)).size() >= 5, "docs/java.md shows the five everyday tasks");
    assertTrue(examples(DOCS.get(1)).size() >= 1, "README.md shows the library from Java");
    assertEquals(all.size(), all.stream().map(Example::className).distinct().count(),
        "one class name per block: they compile together");
    Path sources = WORK.resolve("src");
    Path classes = WORK.resolve("classes");
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        testClasspath(), "-Xlint:all,-path", "-Werror", "--release", "17"));
    for (Example e : all) {
      Path file = sources.resolve(e.className() + ".java");
      Files.writeString(file, e.source(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, args.toArray(String[]::new));
    assertEquals(0, status, "the java blocks of docs/java.md compile without warnings");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void example_runsAsAUserWouldRunIt(Example example) throws Exception {
    Path dir = Files.createDirectories(WORK.resolve("run").resolve(example.className()));
    copyData(dir.resolve("data"));
    String classpath = WORK.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator
        + testClasspath();
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
        example.className())
        .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(example.className() + " did not finish in 10 minutes");
    }
    String stdout = Files.readString(out);
    assertEquals(0, p.exitValue(), example.className() + " failed:\n" + Files.readString(err));
    assertFalse(stdout.isBlank(), example.className() + " printed nothing");
  }

  /** The repository's data/ files (not its subfolders), as a user who copied them has them. */
  static void copyData(Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(DATA)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.copy(file, target.resolve(file.getFileName()),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
