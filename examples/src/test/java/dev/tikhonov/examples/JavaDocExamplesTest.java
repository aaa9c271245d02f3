package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * docs/java.md cannot rot: every {@code ```java} block in it is a whole program (a public class
 * with a main method) that this test compiles against tikhonov-core and runs in its own JVM, in
 * an empty directory, as a user who copied it would. A block that does not compile, throws, or
 * prints nothing fails the build.
 */
class JavaDocExamplesTest {
  static final Path DOC = Path.of("..", "docs", "java.md");
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
    String text = Files.readString(DOC, StandardCharsets.UTF_8);
    List<Example> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String source = m.group(1);
      Matcher c = CLASS.matcher(source);
      assertTrue(c.find(), "every java block of docs/java.md is a whole class:\n" + source);
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
    assertTrue(all.size() >= 5, "docs/java.md shows the five everyday tasks");
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
}
