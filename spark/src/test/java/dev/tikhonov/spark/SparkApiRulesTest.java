package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The spark module's published API (its public types, nested ones included, found among the
 * compiled classes of dev.tikhonov.spark) keeps the same three rules as the core's, which
 * core's {@code dev.tikhonov.ApiRulesTest} states and explains: no positional boolean flag in a
 * public constructor or method (a one-parameter setter returning its own type excepted); every
 * type's own javadoc says whether it is thread-safe (it mentions threads; exceptions are
 * exempt); no public javadoc makes null mean "absent". The two source rules scan
 * spark/src/main/java with the same patterns as the core's test.
 */
class SparkApiRulesTest {
  static final Path SOURCES = Path.of("src", "main", "java");

  static List<Class<?>> apiTypes() throws Exception {
    Path dir = Path.of(SparkSweep.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).resolve("dev/tikhonov/spark");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().collect(Collectors.toList())) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".class")) {
          continue;
        }
        Class<?> c = Class.forName("dev.tikhonov.spark." + name.replace(".class", ""), false,
            SparkApiRulesTest.class.getClassLoader());
        if (isVisible(c)) {
          out.add(c);
        }
      }
    }
    assertTrue(out.size() >= 5, "found only " + out.size() + " spark API types in " + dir);
    return out;
  }

  static boolean isVisible(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  @Test
  void apiMethods_takeNoPositionalBooleanFlags() throws Exception {
    List<String> flags = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      List<Executable> units = new ArrayList<>(List.of(c.getDeclaredConstructors()));
      units.addAll(List.of(c.getDeclaredMethods()));
      for (Executable u : units) {
        int m = u.getModifiers();
        if (!Modifier.isPublic(m) && !Modifier.isProtected(m) || u.isSynthetic()
            || u instanceof Method method && method.isBridge()) {
          continue;
        }
        boolean takesFlag = Stream.of(u.getParameterTypes())
            .anyMatch(t -> t == boolean.class || t == Boolean.class);
        boolean namedSetter = u instanceof Method method && !Modifier.isStatic(m)
            && u.getParameterCount() == 1 && method.getReturnType() == c;
        if (takesFlag && !namedSetter) {
          flags.add(u.toString());
        }
      }
    }
    assertEquals(List.of(), flags.stream().sorted().collect(Collectors.toList()),
        "public constructors and methods taking a positional boolean flag");
  }

  static final Pattern THREADS = Pattern.compile("(?i)\\bthread");

  @Test
  void apiTypes_sayWhetherTheyAreThreadSafe() throws Exception {
    List<String> silent = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      if (Throwable.class.isAssignableFrom(c) || c.isAnnotation()) {
        continue;
      }
      Optional<String> doc = typeJavadoc(c);
      if (doc.isEmpty()) {
        silent.add(c.getName() + " (no javadoc)");
      } else if (!THREADS.matcher(doc.get()).find()) {
        silent.add(c.getName());
      }
    }
    assertEquals(List.of(), silent.stream().sorted().collect(Collectors.toList()),
        "API types whose javadoc does not say whether they are thread-safe");
  }

  static final Pattern NULL_AS_ABSENT = Pattern.compile("(?i)\\bor null\\b"
      + "|\\bnull (if|when|otherwise|for|without|before|after|at|to|unless|=|means)(?!\\w)"
      + "|\\b(when|if|unless) (\\{@code [^}]*\\}|\\w+) is null\\b"
      + "|\\b(may|can|might|could) (also )?be null\\b|\\breturns? null\\b|\\bnullable\\b");

  @Test
  void apiJavadoc_makesNoNullMeanAbsent() throws Exception {
    List<String> nulls = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      if (c.getEnclosingClass() != null) {
        continue;
      }
      Path file = sourceFile(c);
      String source = Files.readString(file, StandardCharsets.UTF_8);
      for (Documented d : documented(source)) {
        String decl = " " + d.declaration() + " ";
        boolean isPublic = decl.contains(" public ") || decl.contains(" protected ")
            || c.isInterface() && !decl.contains(" private ");
        if (!isPublic) {
          continue;
        }
        String text = d.javadoc().replaceAll("@throws NullPointerException(\\{@|[^@])*", "");
        Matcher m = NULL_AS_ABSENT.matcher(text);
        if (m.find()) {
          nulls.add(file.getFileName() + ":" + d.line() + " " + d.declaration() + ": \""
              + m.group() + "\"");
        }
      }
    }
    assertEquals(List.of(), nulls, "public javadoc that makes null mean absent");
  }

  static Path sourceFile(Class<?> c) {
    Class<?> top = c;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return SOURCES.resolve(top.getName().replace('.', '/') + ".java");
  }

  static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  static final Pattern ANNOTATIONS =
      Pattern.compile("\\A(\\s*@\\w+(\\.\\w+)*(\\([^)]*\\))?)*\\s*");
  static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(class|interface|enum|record|@interface) (\\w+)\\b");

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

  static Optional<String> typeJavadoc(Class<?> c) throws IOException {
    String source = Files.readString(sourceFile(c), StandardCharsets.UTF_8);
    for (Documented d : documented(source)) {
      Matcher m = TYPE_DECLARATION.matcher(d.declaration());
      if (m.find() && m.group(2).equals(c.getSimpleName())) {
        return Optional.of(d.javadoc());
      }
    }
    return Optional.empty();
  }
}
