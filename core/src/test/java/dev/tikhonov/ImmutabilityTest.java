package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import dev.tikhonov.internal.data.DeepCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The thread-safety sentence that {@link ApiRulesTest} requires of every API type is checked
 * for truth where the compiled classes can tell: a type whose own javadoc calls it immutable has
 * no field that can be reassigned, no API type holds global mutable state a user can reach, and
 * an immutable type that does not say it shares its arrays copies them in and out.
 *
 * <p>A type "calls itself immutable" as {@link JavadocScan#claimsImmutable} reads its javadoc
 * (the spark module's {@code SparkApiRulesTest} reads its types the same way). It "says it
 * shares" when its javadoc names what is shared ("do not modify", "not copied", "shared", …,
 * {@link JavadocScan#SHARES}): such a type is immutable only as long as its readers keep the
 * promise its javadoc asks of them, which no test can check.
 */
class ImmutabilityTest {
  /** Collections and arrays: what a caller can change through a reference. */
  static boolean isMutableContainer(JavaClass type) {
    return type.isArray() || Set.of("java.util.List", "java.util.Map", "java.util.Set",
        "java.util.Collection").contains(type.getName());
  }

  /** The API types whose own javadoc calls them immutable, with that javadoc. */
  static Map<JavaClass, String> immutableTypes() throws Exception {
    Map<JavaClass, String> out = new java.util.LinkedHashMap<>();
    for (JavaClass c : ApiSurfaceTest.apiTypes(LayeringTest.coreClasses())) {
      Optional<String> doc = JavadocScan.typeJavadoc(
          ApiRulesTest.sourceFile(ApiRulesTest.SOURCES, c), c.getSimpleName());
      if (doc.isPresent() && JavadocScan.claimsImmutable(doc.get())) {
        out.put(c, doc.get());
      }
    }
    return out;
  }

  /**
   * Every field of a type that calls itself immutable is final, but for a lazily computed
   * cache, which is volatile (published safely: a reader sees the whole value or none; the
   * data set's float32 copies and fingerprint). Enums too, whose javadoc says "Thread-safe, as
   * enum constants are": a constant is one instance for the whole JVM, so a field it could
   * change would be global state.
   */
  @Test
  void immutableTypes_haveOnlyFinalFields() throws Exception {
    Map<JavaClass, String> types = immutableTypes();
    assertTrue(types.size() > 60, "found only " + types.size() + " immutable API types");
    Set<JavaClass> checked = new java.util.LinkedHashSet<>(types.keySet());
    ApiSurfaceTest.apiTypes(LayeringTest.coreClasses()).stream().filter(JavaClass::isEnum)
        .forEach(checked::add);
    List<String> mutable = new ArrayList<>();
    for (JavaClass c : checked) {
      for (JavaField f : c.getFields()) {
        Set<JavaModifier> m = f.getModifiers();
        boolean cache = m.contains(JavaModifier.VOLATILE) && !m.contains(JavaModifier.STATIC);
        if (!m.contains(JavaModifier.FINAL) && !cache) {
          mutable.add(f.getFullName());
        }
      }
    }
    assertEquals(List.of(), mutable,
        "non-final fields of enums and of types whose javadoc says immutable");
  }

  /**
   * No API type holds global state a user can change: no public or protected static field is
   * non-final or an array (an array's elements stay writable behind {@code final}; one writer
   * would change every later caller's default).
   */
  @Test
  void apiTypes_exposeNoMutableStaticFields() throws Exception {
    List<String> mutable = new ArrayList<>();
    for (JavaClass c : ApiSurfaceTest.apiTypes(LayeringTest.coreClasses())) {
      for (JavaField f : c.getFields()) {
        Set<JavaModifier> m = f.getModifiers();
        if (!m.contains(JavaModifier.STATIC) || !m.contains(JavaModifier.PUBLIC)
            && !m.contains(JavaModifier.PROTECTED)) {
          continue;
        }
        if (m.contains(JavaModifier.FINAL) && !f.getRawType().isArray()) {
          continue;
        }
        mutable.add(c.getName() + "." + f.getName());
      }
    }
    assertEquals(List.of(), mutable, "public static fields a caller can change");
  }

  /**
   * A type that calls itself immutable and does not say it shares ({@link JavadocScan#SHARES})
   * copies the arrays and collections a public constructor stores (a record's canonical
   * constructor included: records copy nothing by themselves), and hands out no array field of
   * its own uncopied (a record's implicit accessor does exactly that). Read from the bytecode: an
   * accessor is a method without parameters that reads one field of its return type and calls
   * nothing; a constructor must make a copy (a {@code clone}, {@code copyOf},
   * {@code arraycopy}, {@code DeepCopy.of}, or a new collection) for each mutable field it sets of a type it takes.
   */
  @Test
  void immutableTypes_copyTheirArraysInAndOut() throws Exception {
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<JavaClass, String> e : immutableTypes().entrySet()) {
      JavaClass c = e.getKey();
      if (JavadocScan.SHARES.matcher(e.getValue()).find()) {
        continue;
      }
      checked++;
      for (JavaMethod m : c.getMethods()) {
        if (m.getModifiers().contains(JavaModifier.PUBLIC)
            && !m.getModifiers().contains(JavaModifier.STATIC)
            && m.getRawParameterTypes().isEmpty() && m.getRawReturnType().isArray()
            && m.getMethodCallsFromSelf().isEmpty()
            && m.getConstructorCallsFromSelf().isEmpty()) {
          List<JavaFieldAccess> reads = m.getFieldAccesses().stream()
              .filter(a -> a.getAccessType() == JavaFieldAccess.AccessType.GET).toList();
          if (reads.size() == 1 && ownField(c, reads.get(0)).map(f -> f.getRawType()
              .equals(m.getRawReturnType())).orElse(false)) {
            leaks.add(c.getName() + "." + m.getName() + "() hands out its array uncopied");
          }
        }
      }
      for (JavaConstructor k : c.getConstructors()) {
        if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        Set<String> stored = new TreeSet<>();
        for (JavaFieldAccess a : k.getFieldAccesses()) {
          if (a.getAccessType() == JavaFieldAccess.AccessType.SET) {
            ownField(c, a).filter(f -> isMutableContainer(f.getRawType())
                    && k.getRawParameterTypes().contains(f.getRawType()))
                .ifPresent(f -> stored.add(f.getName()));
          }
        }
        long copies = k.getMethodCallsFromSelf().stream().filter(ImmutabilityTest::copies)
            .count() + k.getConstructorCallsFromSelf().stream()
            .filter(n -> n.getTargetOwner().getPackageName().equals("java.util")).count();
        if (copies < stored.size()) {
          leaks.add(c.getName() + "(" + k.getRawParameterTypes().stream()
              .map(JavaClass::getSimpleName).toList() + ") stores " + stored + " with "
              + copies + " copies");
        }
      }
    }
    assertTrue(checked > 40, "checked only " + checked + " types");
    assertEquals(List.of(), leaks, "immutable types that share arrays or collections silently");
  }

  static Optional<JavaField> ownField(JavaClass c, JavaFieldAccess a) {
    AccessTarget.FieldAccessTarget t = a.getTarget();
    return t.getOwner().equals(c) ? c.tryGetField(t.getName()) : Optional.empty();
  }

  static boolean copies(JavaAccess<?> call) {
    String name = call.getTarget().getName();
    return Set.of("clone", "copyOf", "copyOfRange", "arraycopy", "deepCopy").contains(name)
        || call.getTarget().getOwner().getName().equals(DeepCopy.class.getName());
  }
}
