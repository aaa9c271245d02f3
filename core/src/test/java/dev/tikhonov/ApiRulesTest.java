package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The written rules for the published API (common.md, STYLE.md), checked over every
 * API type of the core module ({@link ApiSurfaceTest#apiTypes}: the public types outside
 * {@code dev.tikhonov.internal}, nested ones included). The spark module's public types are
 * checked by {@code dev.tikhonov.spark.SparkApiRulesTest} by the same rules.
 *
 * <ul>
 *   <li>No positional boolean flags: no public constructor or method takes a {@code boolean}
 *       (or {@code Boolean}) except a one-parameter named setter, an instance method whose one
 *       parameter is the boolean and which returns its own type (a builder's
 *       {@code standardize(boolean)}, a {@code withHeader(boolean)}). A call
 *       {@code of(x, true)} says nothing of what {@code true} turns on.
 *   <li>Every API type's own javadoc says whether it is thread-safe; see
 *       {@link #apiTypes_sayWhetherTheyAreThreadSafe}.
 *   <li>No null for "absent": no javadoc of a public member (or of a type, whose
 *       {@code @param} tags are a record's components) promises or accepts a null; absent is
 *       an {@code Optional}. See {@link JavadocScan#NULL_AS_ABSENT} for the phrases.
 *   <li>A value a user holds prints what it holds; see
 *       {@link #apiValues_printWhatTheyHold}.
 *   <li>Every API declaration has a javadoc comment; see
 *       {@link #apiDeclarations_haveJavadoc}.
 * </ul>
 *
 * <p>Exceptions to a rule are listed here with their reason; nothing is excused silently.
 */
class ApiRulesTest {
  static final Path SOURCES = Path.of("src", "main", "java");

  static final String RESULT = "a result record the library builds and a user reads by its"
      + " named accessors; its canonical constructor is public only because Java makes a public"
      + " record's so";

  /**
   * The exceptions to the boolean-flag rule, by "Type.member" ({@code <init>} for a
   * constructor), each with its reason; an entry that no longer matches anything fails the
   * test. Settings are never excepted: they are final classes built by named setters
   * ({@code CsvOptions}, {@code NetworkSettings}, {@code MnistSelect.Settings}).
   */
  static final Map<String, String> BOOLEAN_FLAG_EXCEPTIONS = Map.ofEntries(
      Map.entry("dev.tikhonov.estimate.MlpPath$Point.<init>", RESULT),
      Map.entry("dev.tikhonov.experiment.RidgeVsLasso$Row.<init>", RESULT),
      Map.entry("dev.tikhonov.train.TrainResult.<init>", RESULT),
      Map.entry("dev.tikhonov.train.TrainingState.<init>", RESULT
          + " (the trainer's checkpoint state, restored from a checkpoint file)"));

  @Test
  void apiMethods_takeNoPositionalBooleanFlags() throws Exception {
    List<JavaClass> api = ApiSurfaceTest.apiTypes(LayeringTest.coreClasses());
    assertTrue(api.size() > 50, "found only " + api.size() + " API types");
    List<String> flags = new ArrayList<>();
    Set<String> excused = new TreeSet<>();
    for (JavaClass c : api) {
      List<JavaCodeUnit> units = new ArrayList<>(c.getConstructors());
      units.addAll(c.getMethods());
      for (JavaCodeUnit u : units) {
        if (!u.getModifiers().contains(JavaModifier.PUBLIC)
            && !u.getModifiers().contains(JavaModifier.PROTECTED)
            || u.getModifiers().contains(JavaModifier.SYNTHETIC)
            || u.getModifiers().contains(JavaModifier.BRIDGE)) {
          continue;
        }
        boolean takesFlag = u.getRawParameterTypes().stream()
            .anyMatch(t -> t.isEquivalentTo(boolean.class) || t.isEquivalentTo(Boolean.class));
        if (!takesFlag || isNamedSetter(c, u)) {
          continue;
        }
        String key = c.getName() + "." + u.getName();
        if (BOOLEAN_FLAG_EXCEPTIONS.containsKey(key)) {
          excused.add(key);
        } else {
          flags.add(u.getFullName());
        }
      }
    }
    Set<String> stale = new TreeSet<>(BOOLEAN_FLAG_EXCEPTIONS.keySet());
    stale.removeAll(excused);
    assertEquals(Set.of(), stale, "exceptions that no longer match a boolean flag");
    assertEquals(List.of(), flags.stream().distinct().sorted().collect(Collectors.toList()),
        "public constructors and methods taking a positional boolean flag");
  }

  /** An instance method {@code T name(boolean)} of type T: a builder's or a wither's setter. */
  static boolean isNamedSetter(JavaClass owner, JavaCodeUnit u) {
    return !u.getName().equals("<init>") && !u.getModifiers().contains(JavaModifier.STATIC)
        && u.getRawParameterTypes().size() == 1 && u.getRawReturnType().equals(owner);
  }

  /**
   * Every API type's own javadoc comment (the one directly above its declaration) mentions
   * threads ({@link JavadocScan#THREADS}): a class or record says whether it is thread-safe, an
   * interface what it requires of its implementations (or what callers may assume), an enum
   * that its constants are shared (the project's "Thread-safe, as enum constants are"). Exempt,
   * because
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
      JavadocScan.threadSafetyGap(sourceFile(SOURCES, c), c.getSimpleName(), c.getName())
          .ifPresent(silent::add);
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

  /**
   * The exceptions to the null rule, by source file, with the reason; an entry that no longer
   * matches fails the test.
   */
  static final Map<String, String> NULL_EXCEPTIONS = Map.of();

  /**
   * No javadoc of a public or protected member of an API type, and no API type's own javadoc
   * (whose {@code @param} tags document a record's components), makes null mean "absent": a
   * scan of the source for {@link JavadocScan#NULL_AS_ABSENT}. Absent is an {@code Optional} (or
   * {@code OptionalInt}, {@code OptionalDouble}), which the compiler makes a caller handle.
   */
  @Test
  void apiJavadoc_makesNoNullMeanAbsent() throws Exception {
    List<String> nulls = new ArrayList<>();
    Set<String> excused = new TreeSet<>();
    for (JavaClass c : ApiSurfaceTest.apiTypes(LayeringTest.coreClasses())) {
      if (c.getEnclosingClass().isEmpty()) {
        for (String finding : nullAsAbsent(SOURCES, c)) {
          String file = finding.substring(0, finding.indexOf(':'));
          if (NULL_EXCEPTIONS.containsKey(file)) {
            excused.add(file);
          } else {
            nulls.add(finding);
          }
        }
      }
    }
    Set<String> stale = new TreeSet<>(NULL_EXCEPTIONS.keySet());
    stale.removeAll(excused);
    assertEquals(Set.of(), stale, "exceptions that no longer match a null");
    assertEquals(List.of(), nulls, "public javadoc that makes null mean absent");
  }

  /**
   * Every declaration of the published API has a javadoc comment: each public type outside
   * {@code dev.tikhonov.internal} (the packages the published javadoc leaves out), and its public
   * and protected constructors, methods, fields and enum constants; a record's components have
   * their {@code @param}, and a generic type's or method's type parameters their
   * {@code @param <T>}. What javadoc documents itself is not asked for: {@code @Override}
   * methods, a record's canonical constructor and accessors. See
   * {@link JavadocScan#undocumented}, which reads the sources with javac's parser. The
   * javadoc plugin's doclint cannot keep this: its "missing" group also asks for an
   * {@code @param} and {@code @return} on every method (some 3,000 on JDK 17), and for the
   * constructors and accessors javadoc writes itself.
   */
  @Test
  void apiDeclarations_haveJavadoc() throws Exception {
    List<String> undocumented = JavadocScan.undocumented(SOURCES,
        p -> !p.equals("dev.tikhonov.internal") && !p.startsWith("dev.tikhonov.internal."));
    assertEquals(List.of(), undocumented, "API declarations without javadoc");
  }

  /** The packages of the values a user's program holds: "Dataset in, Predictor out". */
  static final Set<String> VALUE_PACKAGES = Set.of("dev.tikhonov.data", "dev.tikhonov.estimate");

  /**
   * What a user printing a result sees is what it holds, not Object's "RegularizationPath@14fc1f0"
   * nor a record's "[D@1b6d3586" for an array: every API record with an array component
   * overrides {@code toString}, and so does every concrete API class of {@link #VALUE_PACKAGES}
   * that has public instance methods, except builders (transient: a user prints what they
   * build) and classes of static methods only. The layers, optimizers and trainers of the other
   * packages are machinery, not values.
   */
  @Test
  void apiValues_printWhatTheyHold() throws Exception {
    List<String> silent = new ArrayList<>();
    int values = 0;
    for (JavaClass jc : ApiSurfaceTest.apiTypes(LayeringTest.coreClasses())) {
      Class<?> c = jc.reflect();
      if (c.isInterface() || c.isEnum() || c.isAnnotation() || isThrowable(jc)
          || java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
        continue;
      }
      Class<?> printer = c.getMethod("toString").getDeclaringClass();
      boolean arrays = c.isRecord() && java.util.Arrays.stream(c.getRecordComponents())
          .anyMatch(r -> r.getType().isArray());
      boolean value = VALUE_PACKAGES.contains(c.getPackageName())
          && !c.getSimpleName().endsWith("Builder")
          && java.util.Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> !m.isSynthetic()
              && java.lang.reflect.Modifier.isPublic(m.getModifiers())
              && !java.lang.reflect.Modifier.isStatic(m.getModifiers()));
      values += value ? 1 : 0;
      // a record's generated toString is declared by the record itself, so reflection cannot
      // tell it from a written one (the rule's first version compared with Record.class and
      // never fired): the record's source body says
      if (value && printer == Object.class
          || arrays && !recordBodyDeclaresToString(sourceFile(SOURCES, jc), c)) {
        silent.add(c.getName());
      }
    }
    assertTrue(values >= 20, "found only " + values + " API values");
    assertEquals(List.of(), silent.stream().sorted().collect(Collectors.toList()),
        "API values that print as Object's Name@hash or a record's [D@hash");
  }

  /**
   * Whether the body of {@code record}'s declaration in {@code file} declares a toString: the
   * body from the brace after the components' closing parenthesis to its matching brace.
   */
  static boolean recordBodyDeclaresToString(Path file, Class<?> record) throws IOException {
    String src = java.nio.file.Files.readString(file);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\brecord\\s+"
        + record.getSimpleName() + "\\s*[(<]").matcher(src);
    assertTrue(m.find(), "no record " + record.getSimpleName() + " in " + file);
    int i = src.indexOf('(', m.start());
    for (int depth = 0; ; i++) {
      char ch = src.charAt(i);
      depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
      if (depth == 0) {
        break;
      }
    }
    int open = src.indexOf('{', i);
    int end = open;
    for (int depth = 0; ; end++) {
      char ch = src.charAt(end);
      depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
      if (depth == 0) {
        break;
      }
    }
    return java.util.regex.Pattern.compile("String\\s+toString\\s*\\(\\s*\\)")
        .matcher(src.substring(open, end)).find();
  }

  /** The source file of {@code c} (of its top-level class, for a nested one) under {@code root}. */
  static Path sourceFile(Path root, JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return JavadocScan.sourceFile(root, top.getName());
  }

  static List<String> nullAsAbsent(Path root, JavaClass top) throws IOException {
    return JavadocScan.nullAsAbsent(root, sourceFile(root, top), top.isInterface());
  }
}
