package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Written rules for the published API (common.md, STYLE.md), checked over every
 * API type of the core module ({@link ApiSurfaceTest#apiTypes}: the public types outside
 * {@code dev.tikhonov.internal}, nested ones included).
 *
 * <ul>
 *   <li>Every API type's own javadoc says whether it is thread-safe; see
 *       {@link #apiTypes_sayWhetherTheyAreThreadSafe}.
 * </ul>
 *
 * <p>Exceptions to a rule are listed here with their reason; nothing is excused silently.
 */
class ApiRulesTest {
  static final Path SOURCES = Path.of("src", "main", "java");

  /**
   * Words that say whether a type is thread-safe: "thread-safe", "not thread-safe",
   * "Immutable, so thread-safe", "one thread at a time", "thread-confined", "threads". A type
   * whose javadoc never says "thread" leaves a user to guess.
   */
  static final Pattern THREADS = Pattern.compile("(?i)\\bthread");

  /**
   * Every API type's own javadoc comment (the one directly above its declaration) mentions
   * threads ({@link #THREADS}): a class or record says whether it is thread-safe, an interface
   * what it requires of its implementations (or what callers may assume), an enum that its
   * constants are shared (the project's "Thread-safe, as enum constants are"). Exempt, because
   * no user shares their instances between threads by design: exceptions (thrown, caught, and
   * read by one thread), and annotation types (no state). Exceptions are still checked to be
   * immutable ({@link #apiExceptions_areImmutable}), which makes the exemption true.
   */
  @Test
  void apiTypes_sayWhetherTheyAreThreadSafe() throws Exception {
    List<String> silent = new ArrayList<>();
    List<JavaClass> api = ApiSurfaceTest.apiTypes(LayeringTest.coreClasses());
    for (JavaClass c : api) {
      if (isThrowable(c) || c.isAnnotation()) {
        continue;
      }
      Optional<String> doc = typeJavadoc(SOURCES, c);
      if (doc.isEmpty()) {
        silent.add(c.getName() + " (no javadoc)");
      } else if (!THREADS.matcher(doc.get()).find()) {
        silent.add(c.getName());
      }
    }
    assertEquals(List.of(), silent.stream().sorted().collect(Collectors.toList()),
        "API types whose javadoc does not say whether they are thread-safe");
  }

  /** The exemption above holds: an API exception's own fields are final. */
  @Test
  void apiExceptions_areImmutable() throws Exception {
    List<String> mutable = new ArrayList<>();
    int exceptions = 0;
    for (JavaClass c : ApiSurfaceTest.apiTypes(LayeringTest.coreClasses())) {
      if (!isThrowable(c)) {
        continue;
      }
      exceptions++;
      for (JavaField f : c.getFields()) {
        if (!f.getModifiers().contains(JavaModifier.FINAL)) {
          mutable.add(f.getFullName());
        }
      }
    }
    assertTrue(exceptions >= 5, "found only " + exceptions + " API exceptions");
    assertEquals(List.of(), mutable, "mutable fields of API exceptions");
  }

  /** By reflection: ArchUnit imports tikhonov's classes, not the JDK's Throwable hierarchy. */
  static boolean isThrowable(JavaClass c) {
    return Throwable.class.isAssignableFrom(c.reflect());
  }

  // ---- source scanning, shared in spirit with SparkApiRulesTest ----

  static Path sourceFile(Path root, JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return root.resolve(top.getName().replace('.', '/') + ".java");
  }

  static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  /** Whitespace and annotations (with arguments) between a javadoc and its declaration. */
  static final Pattern ANNOTATIONS =
      Pattern.compile("\\A(\\s*@\\w+(\\.\\w+)*(\\([^)]*\\))?)*\\s*");

  /** A javadoc comment and the declaration right after it (annotations skipped). */
  record Documented(String javadoc, String declaration, int line) {}

  static List<Documented> documented(String source) {
    List<Documented> out = new ArrayList<>();
    Matcher m = COMMENT.matcher(source);
    while (m.find()) {
      String rest = source.substring(m.end());
      Matcher annotations = ANNOTATIONS.matcher(rest);
      int start = annotations.find() ? annotations.end() : 0;
      int end = start;
      while (end < rest.length() && "{;=(".indexOf(rest.charAt(end)) < 0) {
        end++;
      }
      String declaration = rest.substring(start, end).replaceAll("\\s+", " ").trim();
      int line = 1 + (int) source.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
      // the text as one line, without the leading * of each line
      String text = m.group(1).replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ");
      out.add(new Documented(text, declaration, line));
    }
    return out;
  }

  static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(class|interface|enum|record|@interface) (\\w+)\\b");

  /** The javadoc comment directly above {@code c}'s declaration in its source file. */
  static Optional<String> typeJavadoc(Path root, JavaClass c) throws IOException {
    String source = Files.readString(sourceFile(root, c), StandardCharsets.UTF_8);
    for (Documented d : documented(source)) {
      Matcher m = TYPE_DECLARATION.matcher(d.declaration());
      if (m.find() && m.group(2).equals(c.getSimpleName())) {
        return Optional.of(d.javadoc());
      }
    }
    return Optional.empty();
  }
}
