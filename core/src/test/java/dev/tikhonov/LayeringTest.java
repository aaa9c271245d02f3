package dev.tikhonov;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.UpwardDependencyProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layers: dependencies point downward only. A package may use the packages before
 * it in {@link #ORDER}, never those after it. The helpers under {@code dev.tikhonov.internal}
 * sit in the layer they serve: {@code internal.io} is part of {@code io}, and so on.
 */
class LayeringTest {
  static final List<String> ORDER = List.of("tensor", "data", "nn", "loss", "regularize",
      "optim", "train", "linear", "select", "io", "estimate", "report", "experiment");

  /**
   * The module's own main classes, found where this build put them (the code source of a core
   * class: target/classes, or a jar), never relative to the working directory; only them, since
   * scanning the whole classpath (OpenBLAS jars) is slow.
   */
  static JavaClasses coreClasses() throws Exception {
    Path location = Path.of(Matrix.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(location);
  }

  /** The packages of a layer: its API package and its internal helpers. */
  static Stream<String> packages(String layer) {
    return Stream.of("dev.tikhonov." + layer + "..", "dev.tikhonov.internal." + layer + "..");
  }

  /** Layer {@code i} depends on no layer after it; fails on zero classes (ArchUnit's default). */
  static ArchRule rule(int i) {
    String[] higher = ORDER.subList(i + 1, ORDER.size()).stream()
        .flatMap(LayeringTest::packages).toArray(String[]::new);
    return noClasses().that().resideInAnyPackage(packages(ORDER.get(i)).toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(higher)
        .because(ORDER.get(i) + " sits below " + String.join(", ",
            ORDER.subList(i + 1, ORDER.size())) + " (DESIGN.md)");
  }

  @Test
  void packages_dependOnlyOnLowerLayers() throws Exception {
    JavaClasses classes = coreClasses();
    // a rule over no classes says nothing: every layer must be found
    for (String layer : ORDER) {
      long found = classes.stream()
          .filter(c -> c.getPackageName().startsWith("dev.tikhonov." + layer)).count();
      assertTrue(found > 0, "no classes of dev.tikhonov." + layer + " found; scanned "
          + classes.size() + " classes");
    }
    for (int i = 0; i < ORDER.size() - 1; i++) {
      rule(i).check(classes);
    }
  }

  /** An internal helper outside internal.<layer> would escape the rule above. */
  @Test
  void internalHelpers_sitInALayer() throws Exception {
    List<String> stray = coreClasses().stream()
        .map(c -> c.getPackageName())
        .filter(p -> p.startsWith("dev.tikhonov.internal"))
        .filter(p -> ORDER.stream().noneMatch(layer -> p.equals("dev.tikhonov.internal." + layer)
            || p.startsWith("dev.tikhonov.internal." + layer + ".")))
        .distinct().sorted().toList();
    assertTrue(stray.isEmpty(), "internal packages outside the layers: " + stray);
  }

  /** The rule can fail: a tensor-package class that uses nn is reported. */
  @Test
  void rule_reportsAnUpwardDependency() {
    JavaClasses probe = new ClassFileImporter().importClasses(UpwardDependencyProbe.class);
    assertTrue(rule(ORDER.indexOf("tensor")).evaluate(probe).hasViolation(),
        "tensor → nn went unnoticed");
  }
}
