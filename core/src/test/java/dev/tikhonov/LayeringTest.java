package dev.tikhonov;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layers: dependencies point downward only. A package may use the packages before
 * it in {@link #ORDER}, never those after it.
 */
class LayeringTest {
  static final List<String> ORDER = List.of("tensor", "data", "nn", "loss", "regularize",
      "optim", "train", "linear", "select", "io", "estimate", "report", "experiment");

  @Test
  void packages_dependOnlyOnLowerLayers() {
    // Only the module's own classes: scanning the whole classpath (OpenBLAS jars) is slow.
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of("target", "classes"));
    for (int i = 0; i < ORDER.size(); i++) {
      String[] higher = ORDER.subList(i + 1, ORDER.size()).stream()
          .map(p -> "dev.tikhonov." + p + "..").toArray(String[]::new);
      if (higher.length == 0) {
        continue;
      }
      noClasses().that().resideInAPackage("dev.tikhonov." + ORDER.get(i) + "..")
          .should().dependOnClassesThat().resideInAnyPackage(higher)
          .because(ORDER.get(i) + " sits below " + String.join(", ",
              ORDER.subList(i + 1, ORDER.size())) + " (DESIGN.md)")
          .allowEmptyShould(true)
          .check(classes);
    }
  }
}
