package dev.tikhonov;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
}
