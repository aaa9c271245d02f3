package dev.tikhonov;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The source scans behind the API rules that read javadoc ({@code ApiRulesTest} and
 * {@code ImmutabilityTest} here, the spark module's {@code SparkApiRulesTest} through this
 * module's test jar): one copy of the patterns, so the two modules' rules cannot drift apart.
 * Stateless; thread-safe.
 */
public final class JavadocScan {
  private JavadocScan() {}

  /**
   * Words that say whether a type is thread-safe: "thread-safe", "not thread-safe",
   * "Immutable, so thread-safe", "one thread at a time", "thread-confined", "threads". A type
   * whose javadoc never says "thread" leaves a user to guess.
   */
  public static final Pattern THREADS = Pattern.compile("(?i)\\bthread");

  /**
   * Javadoc phrases that make null a value ("the model, or null when …", "null if …",
   * "{@code x} (may be null)", "Null when there are none", "(null = from the start)",
   * "identity when {@code mean} is null"). Mentions of null that reject it
   * ({@code @throws NullPointerException … is null}, "no value is null") do not match, nor do
   * the statistician's null (model, deviance).
   */
  public static final Pattern NULL_AS_ABSENT = Pattern.compile("(?i)\\bor null\\b"
      + "|\\bnull (if|when|otherwise|for|without|before|after|at|to|unless|=|means)(?!\\w)"
      + "|\\b(when|if|unless) (\\{@code [^}]*\\}|\\w+) is null\\b"
      + "|\\b(may|can|might|could) (also )?be null\\b|\\breturns? null\\b|\\bnullable\\b");

  /**
   * "Immutable": with {@link #NOT_THREAD_SAFE}, what {@link #claimsImmutable} reads a type's own
   * javadoc for.
   */
  public static final Pattern IMMUTABLE = Pattern.compile("(?i)\\bimmutable\\b");

  /** "Not thread-safe": a builder's "Not thread-safe; what it builds is immutable", say. */
  public static final Pattern NOT_THREAD_SAFE = Pattern.compile("(?i)\\bnot thread-safe\\b");

  /**
   * Phrases that name what an immutable type shares rather than copies ("do not modify",
   * "must not be modified", "not copied", "shared", "the record's own", "as long as"): such a
   * type is immutable only while its readers keep the promise its javadoc asks of them.
   */
  public static final Pattern SHARES = Pattern.compile("(?i)do not modify|must not be modified"
      + "|not copied|\\bshared\\b|the record's own|as long as");

  /**
   * Whether a type's own javadoc calls the type immutable: it says "immutable" and not "not
   * thread-safe" (which speaks of another type, or of part of this one).
   */
  public static boolean claimsImmutable(String javadoc) {
    return IMMUTABLE.matcher(javadoc).find() && !NOT_THREAD_SAFE.matcher(javadoc).find();
  }

  private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  /** Whitespace and annotations (with arguments) between a javadoc and its declaration. */
  private static final Pattern ANNOTATIONS =
      Pattern.compile("\\A(\\s*@\\w+(\\.\\w+)*(\\([^)]*\\))?)*\\s*");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(class|interface|enum|record|@interface) (\\w+)\\b");

  /** A javadoc comment (as one line) and the declaration right after it (annotations skipped). */
  public record Documented(String javadoc, String declaration, int line) {}

  /** Every javadoc comment of {@code source} with the declaration it documents. */
  public static List<Documented> documented(String source) {
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

  /** The source file under {@code root} of the top-level class named {@code topLevelName}. */
  public static Path sourceFile(Path root, String topLevelName) {
    return root.resolve(topLevelName.replace('.', '/') + ".java");
  }

  /**
   * The javadoc comment directly above the declaration of type {@code simpleName} in
   * {@code file}.
   */
  public static Optional<String> typeJavadoc(Path file, String simpleName) throws IOException {
    for (Documented d : documented(Files.readString(file, StandardCharsets.UTF_8))) {
      Matcher m = TYPE_DECLARATION.matcher(d.declaration());
      if (m.find() && m.group(2).equals(simpleName)) {
        return Optional.of(d.javadoc());
      }
    }
    return Optional.empty();
  }

  /**
   * What keeps type {@code name} (declared as {@code simpleName} in {@code file}) from saying
   * whether it is thread-safe: "name (no javadoc)", or "name" when its javadoc never mentions
   * threads ({@link #THREADS}); empty when it says.
   */
  public static Optional<String> threadSafetyGap(Path file, String simpleName, String name)
      throws IOException {
    Optional<String> doc = typeJavadoc(file, simpleName);
    if (doc.isEmpty()) {
      return Optional.of(name + " (no javadoc)");
    }
    return THREADS.matcher(doc.get()).find() ? Optional.empty() : Optional.of(name);
  }

  /**
   * The public or protected declarations of {@code file} (every one not private in an
   * interface, {@code inInterface}) whose javadoc makes null mean absent ({@link
   * #NULL_AS_ABSENT}), each as "path:line declaration: \"phrase\"", the path relative to
   * {@code root}.
   */
  public static List<String> nullAsAbsent(Path root, Path file, boolean inInterface)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (Documented d : documented(Files.readString(file, StandardCharsets.UTF_8))) {
      String decl = " " + d.declaration() + " ";
      boolean isPublic = decl.contains(" public ") || decl.contains(" protected ")
          || inInterface && !decl.contains(" private ");
      if (!isPublic) {
        continue;
      }
      // a NullPointerException clause rejects null: not a finding
      String text = d.javadoc().replaceAll("@throws NullPointerException(\\{@|[^@])*", "");
      Matcher m = NULL_AS_ABSENT.matcher(text);
      if (m.find()) {
        out.add(root.relativize(file) + ":" + d.line() + " " + d.declaration() + ": \""
            + m.group() + "\"");
      }
    }
    return out;
  }

  /**
   * The API declarations of the sources under {@code root} that have no javadoc comment, each
   * as "path:line Type.member(parameter types)" with the path relative to {@code root}, sorted.
   * The sources are parsed by the JDK's own compiler (javac's tree API, without compiling them),
   * so a comment is what javac and javadoc take for one. Read are the packages that
   * {@code apiPackage} accepts, and in them the public types with their public or protected
   * members (every member of an interface that is not private): types, constructors (a public
   * class's implicit default one too: javadoc shows it with no words), methods, fields and
   * enum constants. Not asked for are what javadoc documents itself: a method marked
   * {@code @Override} (it inherits its javadoc), a record's canonical constructor and its
   * components' accessors (javadoc writes theirs from the record's {@code @param} tags). A
   * record's components are asked for instead, as "Type: no @param for name", and a documented
   * generic type's or method's type parameters, as "Type: no @param <T>". Members of
   * anonymous and local classes, and of enum constants' bodies, are not API.
   */
  public static List<String> undocumented(Path root, Predicate<String> apiPackage)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      // a file's package by its folder, so that only the API packages' files are parsed
      files = walk.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().contains("-info"))
          .filter(f -> apiPackage.test(root.relativize(f.getParent()).toString()
              .replace(java.io.File.separatorChar, '.')))
          .sorted().collect(Collectors.toList());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> out = new ArrayList<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"),
          null, fm.getJavaFileObjectsFromPaths(files));
      DocTrees trees = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        if (unit.getPackageName() == null || !apiPackage.test(unit.getPackageName().toString())) {
          continue;
        }
        String file = root.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri()))
            .toString();
        for (Tree t : unit.getTypeDecls()) {
          if (t instanceof ClassTree c && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
            undocumentedType(trees, new TreePath(new TreePath(unit), c), file, out);
          }
        }
      }
    }
    return out.stream().sorted().collect(Collectors.toList());
  }

  /** {@link #undocumented}'s reading of one API type, its members and its API nested types. */
  private static void undocumentedType(DocTrees trees, TreePath path, String file,
      List<String> out) {
    ClassTree c = (ClassTree) path.getLeaf();
    String name = c.getSimpleName().toString();
    boolean isInterface = c.getKind() == Tree.Kind.INTERFACE
        || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
    boolean isRecord = c.getKind() == Tree.Kind.RECORD;
    DocCommentTree doc = trees.getDocCommentTree(path);
    if (doc == null) {
      out.add(where(trees, path, file) + name + " (the type)");
    }
    if (doc != null) {
      missingTypeParams(doc, c.getTypeParameters(), where(trees, path, file) + name, out);
    }
    List<String> components = isRecord ? components(c) : List.of();
    boolean declaresConstructor = c.getMembers().stream()
        .anyMatch(m -> m instanceof MethodTree k && k.getName().contentEquals("<init>"));
    if (isRecord && doc != null) {
      Set<String> params = doc.getBlockTags().stream()
          .filter(b -> b.getKind() == DocTree.Kind.PARAM && !((ParamTree) b).isTypeParameter())
          .map(b -> ((ParamTree) b).getName().getName().toString())
          .collect(Collectors.toSet());
      for (String component : components) {
        if (!params.contains(component)) {
          out.add(where(trees, path, file) + name + ": no @param for " + component);
        }
      }
    }
    if (c.getKind() == Tree.Kind.CLASS && !declaresConstructor) {
      out.add(where(trees, path, file) + name + "() (the implicit default constructor)");
    }
    for (Tree m : c.getMembers()) {
      TreePath memberPath = new TreePath(path, m);
      Set<Modifier> flags = m instanceof ClassTree k ? k.getModifiers().getFlags()
          : m instanceof MethodTree k ? k.getModifiers().getFlags()
          : m instanceof VariableTree k ? k.getModifiers().getFlags() : Set.of();
      boolean enumConstant = c.getKind() == Tree.Kind.ENUM && m instanceof VariableTree v
          && v.getInitializer() instanceof com.sun.source.tree.NewClassTree;
      boolean visible = flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
          || isInterface && !flags.contains(Modifier.PRIVATE) || enumConstant;
      if (!visible) {
        continue;
      }
      if (m instanceof ClassTree) {
        undocumentedType(trees, memberPath, file, out);
        continue;
      }
      DocCommentTree memberDoc = trees.getDocCommentTree(memberPath);
      if (memberDoc != null && m instanceof MethodTree method) {
        missingTypeParams(memberDoc, method.getTypeParameters(),
            where(trees, memberPath, file) + name + "." + describe(m, name), out);
      }
      if (memberDoc != null || selfDocumented(trees, memberPath, components)) {
        continue;
      }
      out.add(where(trees, memberPath, file) + name + "." + describe(m, name));
    }
  }

  /**
   * "{@code declared}: no @param <T>" for each of {@code typeParameters} that {@code doc} has no
   * {@code @param <T>} for: what a generic type or method's parameter stands for is as much its
   * javadoc's job as a method parameter's.
   */
  private static void missingTypeParams(DocCommentTree doc,
      List<? extends com.sun.source.tree.TypeParameterTree> typeParameters, String declared,
      List<String> out) {
    Set<String> params = doc.getBlockTags().stream()
        .filter(b -> b.getKind() == DocTree.Kind.PARAM && ((ParamTree) b).isTypeParameter())
        .map(b -> ((ParamTree) b).getName().getName().toString())
        .collect(Collectors.toSet());
    for (com.sun.source.tree.TypeParameterTree t : typeParameters) {
      if (!params.contains(t.getName().toString())) {
        out.add(declared + ": no @param <" + t.getName() + ">");
      }
    }
  }

  /**
   * Whether javadoc documents the member at {@code path} itself: an {@code @Override}
   * method, or a record's canonical constructor (compact, or with the components' parameters)
   * and its components' accessors.
   */
  private static boolean selfDocumented(DocTrees trees, TreePath path, List<String> components) {
    ClassTree owner = (ClassTree) path.getParentPath().getLeaf();
    if (!(path.getLeaf() instanceof MethodTree m)) {
      return false;
    }
    boolean overrides = m.getModifiers().getAnnotations().stream()
        .anyMatch(a -> a.getAnnotationType().toString().matches("(java\\.lang\\.)?Override"));
    if (overrides || owner.getKind() != Tree.Kind.RECORD) {
      return overrides;
    }
    List<String> params = m.getParameters().stream().map(p -> p.getName().toString())
        .collect(Collectors.toList());
    if (m.getName().contentEquals("<init>")) {
      // a compact constructor has no parameter list in the source (javac adds it later);
      // a canonical one names the components in order
      return m.getReturnType() == null && (params.isEmpty() && isCompact(trees, path)
          || params.equals(components));
    }
    return params.isEmpty() && components.contains(m.getName().toString());
  }

  /**
   * Whether the constructor at {@code path} is compact: its source has no parameter list
   * between its modifiers and its body (javac's parser leaves a compact one's parameters to a
   * later phase, so a parsed compact constructor and a parsed {@code R()} both have none).
   */
  private static boolean isCompact(DocTrees trees, TreePath path) {
    MethodTree m = (MethodTree) path.getLeaf();
    CompilationUnitTree unit = path.getCompilationUnit();
    long from = trees.getSourcePositions().getEndPosition(unit, m.getModifiers());
    long to = trees.getSourcePositions().getStartPosition(unit, m.getBody());
    try {
      CharSequence source = unit.getSourceFile().getCharContent(true);
      return from >= 0 && source.subSequence((int) from, (int) to).toString().indexOf('(') < 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A record's components in order: its non-static fields (a record declares no other). */
  private static List<String> components(ClassTree record) {
    return record.getMembers().stream()
        .filter(t -> t instanceof VariableTree v
            && !v.getModifiers().getFlags().contains(Modifier.STATIC))
        .map(t -> ((VariableTree) t).getName().toString()).collect(Collectors.toList());
  }

  /** "path:line " of the declaration at {@code path}. */
  private static String where(DocTrees trees, TreePath path, String file) {
    CompilationUnitTree unit = path.getCompilationUnit();
    long start = trees.getSourcePositions().getStartPosition(unit, path.getLeaf());
    return file + ":" + unit.getLineMap().getLineNumber(start) + " ";
  }

  /** "name(parameter types)" of a method or constructor ("Type(…)"), the name of a field. */
  private static String describe(Tree member, String owner) {
    if (member instanceof MethodTree m) {
      String name = m.getName().contentEquals("<init>") ? owner : m.getName().toString();
      return name + m.getParameters().stream().map(p -> p.getType().toString())
          .collect(Collectors.joining(", ", "(", ")"));
    }
    return ((VariableTree) member).getName().toString();
  }
}
