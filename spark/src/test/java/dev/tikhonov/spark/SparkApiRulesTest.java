package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.JavadocScan;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The spark module's published API (its public types, nested ones included, found among the
 * compiled classes of dev.tikhonov.spark) keeps the same rules as the core's, which core's {@code
 * dev.tikhonov.ApiRulesTest} states and explains: no positional boolean flag in a public
 * constructor or method (a one-parameter setter returning its own type excepted); every type's own
 * javadoc says whether it is thread-safe (it mentions threads; exceptions are exempt); no public
 * javadoc makes null mean "absent"; every API declaration has javadoc. It keeps two of core's
 * {@code ImmutabilityTest} rules too: a type that calls itself immutable has only final fields,
 * and no public static field can be changed. The source rules scan spark/src/main/java with the
 * core's patterns ({@code dev.tikhonov.JavadocScan}, from the core's test jar).
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

  @Test
  void apiTypes_sayWhetherTheyAreThreadSafe() throws Exception {
    List<String> silent = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      if (Throwable.class.isAssignableFrom(c) || c.isAnnotation()) {
        continue;
      }
      JavadocScan.threadSafetyGap(sourceFile(c), c.getSimpleName(), c.getName())
          .ifPresent(silent::add);
    }
    assertEquals(List.of(), silent.stream().sorted().collect(Collectors.toList()),
        "API types whose javadoc does not say whether they are thread-safe");
  }

  @Test
  void apiJavadoc_makesNoNullMeanAbsent() throws Exception {
    List<String> nulls = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      if (c.getEnclosingClass() != null) {
        continue;
      }
      nulls.addAll(JavadocScan.nullAsAbsent(SOURCES, sourceFile(c), c.isInterface()));
    }
    assertEquals(List.of(), nulls, "public javadoc that makes null mean absent");
  }

  /**
   * As core's {@code ApiRulesTest.apiDeclarations_haveJavadoc}: every public type, and its
   * public and protected constructors, methods, fields and enum constants, have a javadoc
   * comment, and a record's components their {@code @param}; {@code @Override} methods and
   * what javadoc writes for a record are not asked for ({@link JavadocScan#undocumented}).
   */
  @Test
  void apiDeclarations_haveJavadoc() throws Exception {
    assertEquals(List.of(), JavadocScan.undocumented(SOURCES, p -> true),
        "API declarations without javadoc");
  }

  /**
   * As core's {@code dev.tikhonov.ImmutabilityTest}: a type whose own javadoc calls it immutable
   * ({@link JavadocScan#claimsImmutable}) declares no field that can be reassigned (a lazily
   * computed cache may be volatile instead: published safely).
   */
  @Test
  void immutableTypes_haveOnlyFinalFields() throws Exception {
    List<String> mutable = new ArrayList<>();
    int immutable = 0;
    for (Class<?> c : apiTypes()) {
      Optional<String> doc = JavadocScan.typeJavadoc(sourceFile(c), c.getSimpleName());
      if (doc.isEmpty() || !JavadocScan.claimsImmutable(doc.get())) {
        continue;
      }
      immutable++;
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        boolean cache = Modifier.isVolatile(m) && !Modifier.isStatic(m);
        if (!f.isSynthetic() && !Modifier.isFinal(m) && !cache) {
          mutable.add(c.getName() + "." + f.getName());
        }
      }
    }
    assertTrue(immutable >= 3, "found only " + immutable + " immutable spark API types");
    assertEquals(List.of(), mutable, "non-final fields of types whose javadoc says immutable");
  }

  /**
   * As core's: no public or protected static field is non-final or an array (global state one
   * caller could change for every other).
   */
  @Test
  void apiTypes_exposeNoMutableStaticFields() throws Exception {
    List<String> mutable = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) && (Modifier.isPublic(m) || Modifier.isProtected(m))
            && (!Modifier.isFinal(m) || f.getType().isArray())) {
          mutable.add(c.getName() + "." + f.getName());
        }
      }
    }
    assertEquals(List.of(), mutable, "public static fields a caller can change");
  }

  /**
   * As core's {@code ApiRulesTest.apiValues_printWhatTheyHold}: what a user printing an API value
   * sees is what it holds. Every concrete API type with public instance methods (builders and
   * classes of static methods only excepted) declares its own {@code toString}: not Object's
   * "Name@hash", not a record's "[D@hash" for an array component (the record's source writes
   * one), and not Spark's
   * {@code Identifiable.toString}, which prints the uid alone (MLlib's own models print at
   * least "uid, numClasses, numFeatures").
   */
  @Test
  void apiValues_printWhatTheyHold() throws Exception {
    List<String> silent = new ArrayList<>();
    int values = 0;
    for (Class<?> c : apiTypes()) {
      if (c.isInterface() || c.isEnum() || c.isAnnotation()
          || Throwable.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())
          || c.getSimpleName().endsWith("Builder")) {
        continue;
      }
      boolean instanceMethods = Stream.of(c.getDeclaredMethods()).anyMatch(m -> !m.isSynthetic()
          && Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()));
      if (!instanceMethods) {
        continue;
      }
      values++;
      Class<?> printer = c.getMethod("toString").getDeclaringClass();
      boolean arrays = c.isRecord() && Stream.of(c.getRecordComponents())
          .anyMatch(r -> r.getType().isArray());
      // A record's generated toString is declared by the record itself, so reflection cannot
      // tell it from a written one: a record with an array must write it in its source.
      boolean own = c.isRecord()
          ? !arrays || Files.readString(sourceFile(c)).contains("public String toString()")
          : printer.getPackageName().equals(c.getPackageName());
      if (!own) {
        silent.add(c.getName() + " (prints by " + printer.getName() + ")");
      }
    }
    assertTrue(values >= 5, "found only " + values + " spark API values");
    assertEquals(List.of(), silent.stream().sorted().collect(Collectors.toList()),
        "API values that print as Name@hash, a uid alone or a record's [D@hash");
  }

  /** The source file of {@code c} (of its top-level class, for a nested one). */
  static Path sourceFile(Class<?> c) {
    Class<?> top = c;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return JavadocScan.sourceFile(SOURCES, top.getName());
  }
}
