package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published API is what a user's IDE and the javadoc offer: the public types of every
 * package except {@code dev.tikhonov.internal..} (tikhonov's own helpers, left out of the
 * javadoc). Two rules keep that surface honest: no public type names a helper in its public
 * signature, and no two public types share a simple name (an import would then pick one of two
 * unrelated classes).
 */
class ApiSurfaceTest {
  static final String INTERNAL = "dev.tikhonov.internal";

  static boolean isInternal(JavaClass c) {
    return c.getPackageName().equals(INTERNAL) || c.getPackageName().startsWith(INTERNAL + ".");
  }

  /** Public, and every enclosing class public too: what a user outside the module can see. */
  static boolean isVisible(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return !c.isAnonymousClass() && !c.isLocalClass();
  }

  static List<JavaClass> apiTypes(JavaClasses classes) {
    return classes.stream()
        .filter(c -> c.getPackageName().startsWith("dev.tikhonov."))
        .filter(c -> !isInternal(c) && isVisible(c))
        .collect(Collectors.toList());
  }

  @Test
  void apiSignatures_nameNoInternalType() throws Exception {
    JavaClasses classes = LayeringTest.coreClasses();
    List<String> leaks = new ArrayList<>();
    List<JavaClass> api = apiTypes(classes);
    assertTrue(api.size() > 50, "found only " + api.size() + " API types");
    for (JavaClass c : api) {
      List<JavaType> exposed = new ArrayList<>();
      c.getSuperclass().ifPresent(exposed::add);
      exposed.addAll(c.getInterfaces());
      for (JavaMember m : c.getMembers()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC)
            && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        if (m instanceof JavaField f) {
          exposed.add(f.getType());
        } else if (m instanceof JavaCodeUnit u) {
          exposed.add(u.getReturnType());
          exposed.addAll(u.getParameterTypes());
          exposed.addAll(u.getThrowsClause().getTypes());
        }
      }
      exposed.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream())
          .filter(ApiSurfaceTest::isInternal)
          .forEach(t -> leaks.add(c.getName() + " exposes " + t.getName()));
    }
    assertEquals(List.of(), leaks.stream().distinct().sorted().collect(Collectors.toList()),
        "public API signatures naming dev.tikhonov.internal types");
  }

  @Test
  void apiTypes_haveDistinctSimpleNames() throws Exception {
    Map<String, TreeSet<String>> byName = new TreeMap<>();
    for (JavaClass c : apiTypes(LayeringTest.coreClasses())) {
      if (c.getEnclosingClass().isEmpty()) {
        byName.computeIfAbsent(c.getSimpleName(), k -> new TreeSet<>()).add(c.getName());
      }
    }
    byName.values().removeIf(names -> names.size() == 1);
    assertEquals(Map.of(), byName, "public types sharing a simple name");
  }

  /**
   * Helpers public only because other packages or modules of tikhonov use them are not API:
   * they sit in dev.tikhonov.internal (or are package-private), out of the javadoc and a user's
   * IDE, free to change.
   */
  @Test
  void implementationDetails_areNotApiTypes() throws Exception {
    List<String> details = List.of("ClassLabels", "Numbers", "BatchParts", "Buffers",
        "PenalizedQuadratic");
    List<String> exposed = apiTypes(LayeringTest.coreClasses()).stream()
        .filter(c -> c.getEnclosingClass().isEmpty() && details.contains(c.getSimpleName()))
        .map(JavaClass::getName).sorted().collect(Collectors.toList());
    assertEquals(List.of(), exposed, "implementation details in API packages");
  }

  /**
   * Every cross-validation result speaks one vocabulary: {@code chosenModel()} is the model the
   * rule (or criterion) chose, {@code chosenIndex()} its index, {@code indexMin()} and
   * {@code index1se()} cv.glmnet's two candidates; the estimator's verb is
   * {@code crossValidate}. Words that meant something else in one type and the chosen one in
   * another ({@code bestIndex}: the minimum in one, the chosen in the other) are not API.
   */
  @Test
  void crossValidationResults_shareOneVocabulary() throws Exception {
    List<String> results = List.of("dev.tikhonov.estimate.CrossValidatedPath",
        "dev.tikhonov.estimate.CrossValidatedRelaxedPath",
        "dev.tikhonov.estimate.RidgeCV$Validation", "dev.tikhonov.estimate.GridSearchCV$Result",
        "dev.tikhonov.estimate.MlpPathCV$Result");
    List<String> retired = List.of("selected", "bestIndex", "bestLambda",
        "oneStandardErrorIndex", "atLambdaMin", "atLambda1se", "model", "search");
    JavaClasses classes = LayeringTest.coreClasses();
    List<String> problems = new ArrayList<>();
    for (String name : results) {
      JavaClass c = classes.get(name);
      TreeSet<String> methods = c.getMethods().stream()
          .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
          .map(m -> m.getName()).collect(Collectors.toCollection(TreeSet::new));
      for (String required : List.of("chosenModel", "chosenIndex")) {
        if (!name.endsWith("RelaxedPath") && !methods.contains(required)) {
          problems.add(c.getSimpleName() + " lacks " + required + "()");
        }
      }
      if (!name.contains("RidgeCV") && !name.endsWith("RelaxedPath")
          && !(methods.contains("indexMin") && methods.contains("index1se"))) {
        problems.add(c.getSimpleName() + " lacks indexMin()/index1se()");
      }
      methods.stream().filter(retired::contains)
          .forEach(m -> problems.add(c.getSimpleName() + " has " + m + "()"));
    }
    for (String estimator : List.of("ElasticNetCV", "RelaxedLasso", "RidgeCV", "MlpPathCV",
        "GridSearchCV")) {
      JavaClass c = classes.get("dev.tikhonov.estimate." + estimator);
      if (c.getMethods().stream().noneMatch(m -> m.getName().equals("crossValidate"))) {
        problems.add(estimator + " lacks crossValidate(Dataset)");
      }
    }
    assertEquals(List.of(), problems, "cross-validation results off the common vocabulary");
  }

  /**
   * Every fitted path gives its model at a λ index by one name, {@code atIndex(int)}, as
   * {@link dev.tikhonov.estimate.RegularizationPath} does: {@code MlpPath.Fit} called it
   * {@code model(int)}, which is deprecated and kept only as its alias.
   */
  @Test
  void paths_giveTheirModelAtAnIndex_byAtIndex() throws Exception {
    JavaClasses classes = LayeringTest.coreClasses();
    List<String> problems = new ArrayList<>();
    for (String name : List.of("dev.tikhonov.estimate.RegularizationPath",
        "dev.tikhonov.estimate.MlpPath$Fit", "dev.tikhonov.estimate.RidgeCV$Validation",
        "dev.tikhonov.linear.RidgeSvdPath")) {
      JavaClass c = classes.get(name);
      boolean atIndex = c.getMethods().stream().anyMatch(m -> m.getName().equals("atIndex")
          && m.getModifiers().contains(JavaModifier.PUBLIC)
          && m.getRawParameterTypes().size() == 1
          && m.getRawParameterTypes().get(0).isEquivalentTo(int.class));
      if (!atIndex) {
        problems.add(c.getSimpleName() + " lacks atIndex(int)");
      }
      c.getMethods().stream().filter(m -> m.getName().equals("model")
          && m.getModifiers().contains(JavaModifier.PUBLIC) && !m.isAnnotatedWith(Deprecated.class))
          .forEach(m -> problems.add(c.getSimpleName() + " has model(…) besides atIndex"));
    }
    assertEquals(List.of(), problems, "paths off the common vocabulary");
  }

  /**
   * A count of rows is {@code numRows()} wherever the API gives one, beside
   * {@code numFeatures()} and {@code numClasses()} (scikit-learn's {@code n_samples}):
   * {@code Dataset} said {@code size()} while {@code SparseMatrix} and
   * {@code OutOfFoldPredictions} said {@code numRows()}, and {@code Matrix.size()} counts
   * rows × columns. Dataset's {@code size()} stays one release, deprecated.
   */
  @Test
  void rowCounts_areNamedNumRows() throws Exception {
    JavaClasses classes = LayeringTest.coreClasses();
    List<String> problems = new ArrayList<>();
    for (String name : List.of("dev.tikhonov.data.Dataset", "dev.tikhonov.data.SparseMatrix",
        "dev.tikhonov.select.OutOfFoldPredictions")) {
      JavaClass c = classes.get(name);
      if (c.getMethods().stream().noneMatch(m -> m.getName().equals("numRows")
          && m.getModifiers().contains(JavaModifier.PUBLIC) && m.getParameters().isEmpty()
          && m.getRawReturnType().isEquivalentTo(int.class))) {
        problems.add(c.getSimpleName() + " lacks numRows()");
      }
      c.getMethods().stream().filter(m -> m.getName().equals("size")
          && m.getModifiers().contains(JavaModifier.PUBLIC) && !m.isAnnotatedWith(Deprecated.class))
          .forEach(m -> problems.add(c.getSimpleName() + " counts its rows as size()"));
    }
    assertEquals(List.of(), problems, "row counts off the common vocabulary");
  }

  /**
   * Synthetic data come from builders with named settings ({@code Synthetic.regression()
   * .rows(500).features(50)…}): the positional {@code makeRegression(n, p, informative, noise,
   * seed)}, whose overload took the intercept where this one takes the seed, and
   * {@code makeClassification} are deprecated and kept only as their aliases; no factory of
   * {@code Synthetic} takes its settings by position.
   */
  @Test
  void syntheticData_isMadeByNamedSettings() throws Exception {
    JavaClass c = LayeringTest.coreClasses().get("dev.tikhonov.data.Synthetic");
    List<String> positional = new ArrayList<>();
    List<String> builders = new ArrayList<>();
    c.getMethods().stream().filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC)
        && m.getModifiers().contains(JavaModifier.STATIC)).forEach(m -> {
          if (m.getParameters().isEmpty()) {
            builders.add(m.getName());
          } else if (!m.isAnnotatedWith(Deprecated.class)) {
            positional.add(m.getFullName());
          }
        });
    assertEquals(List.of(), positional, "Synthetic factories taking positional settings");
    assertEquals(List.of("classification", "regression"),
        builders.stream().sorted().collect(Collectors.toList()));
  }

  /**
   * Every estimator built by named setters gives them back, {@code toBuilder()}, whatever its
   * kind: the network estimators had it and the linear ones not, so a variant of an
   * {@code ElasticNetCV} meant repeating every setter ({@code ToBuilderTest}).
   */
  @Test
  void estimators_giveTheirSettingsBack_asABuilder() throws Exception {
    JavaClasses classes = LayeringTest.coreClasses();
    List<String> missing = new ArrayList<>();
    for (String name : List.of("MlpClassifier", "MlpRegressor", "LinearRegression",
        "LogisticRegression", "ElasticNet", "ElasticNetCV", "RelaxedLasso", "Ridge", "RidgeCV",
        "MlpPathCV", "GridSearchCV")) {
      JavaClass c = classes.get("dev.tikhonov.estimate." + name);
      if (c.getMethods().stream().noneMatch(m -> m.getName().equals("toBuilder")
          && m.getModifiers().contains(JavaModifier.PUBLIC) && m.getParameters().isEmpty())) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "estimators without toBuilder()");
  }

  /**
   * A warning a front end may need to word in its own terms (a command line's flags) comes
   * with its numbers: every public {@code …warning()} / {@code …Warning()} of the API has its
   * typed twin, so that no front end rewrites the library's sentence (the CLI and the Spark job
   * did, and a rewording in the core broke them silently). The one exception is listed with its
   * reason.
   */
  @Test
  void warnings_comeWithTheirNumbers() throws Exception {
    Map<String, String> typed = new TreeMap<>(Map.of(
        "dev.tikhonov.linear.PathSolution.warning", "shortfall",
        "dev.tikhonov.estimate.RegularizationPath.warning", "shortfall",
        "dev.tikhonov.estimate.RegularizationPath.adaptivePilotWarning",
        "adaptivePilotShortfall",
        "dev.tikhonov.estimate.RelaxedPath.warning", "lassoShortfall",
        "dev.tikhonov.select.CvResult.warning", "shortfall",
        "dev.tikhonov.select.CvResult.adaptivePilotWarning", "shortfall",
        "dev.tikhonov.select.AdaptivePenalty$Factors.pilotWarning", "pilotShortfall",
        // the refits' own notes (too few rows, separated classes): no setting is their remedy
        "dev.tikhonov.linear.RelaxedFit.warning", ""));
    List<String> problems = new ArrayList<>();
    for (JavaClass c : apiTypes(LayeringTest.coreClasses())) {
      TreeSet<String> methods = c.getMethods().stream()
          .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
          .map(m -> m.getName()).collect(Collectors.toCollection(TreeSet::new));
      c.getMethods().stream()
          .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC)
              && m.getParameters().isEmpty() && m.getName().toLowerCase().endsWith("warning")
              && m.getRawReturnType().isEquivalentTo(java.util.Optional.class))
          .forEach(m -> {
            String key = c.getName() + "." + m.getName();
            if (!typed.containsKey(key)) {
              problems.add(key + " has no typed twin");
            } else if (!typed.get(key).isEmpty() && !methods.contains(typed.get(key))) {
              problems.add(key + ": " + typed.get(key) + "() is gone");
            }
          });
    }
    assertEquals(List.of(), problems, "warnings a front end can only reword as text");
  }
}
