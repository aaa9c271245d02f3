package dev.tikhonov;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The examples of the API's javadoc as code to compile: every {@code <pre>{@code …}</pre>} block
 * of a source file becomes the body of a method whose parameters are the names the examples take
 * as given ({@code train}, {@code spark}, …) when the body uses them without declaring them.
 * Shared through this module's test jar by the examples module's {@code JavadocSnippetsTest}
 * (the core's API) and the spark module's {@code SparkJavadocExamplesTest}, so the two checks
 * read the javadoc alike. The docs' {@code ```java} fragments are read here too
 * ({@link #fragments}), for the examples module's {@code DocFragmentsTest} (docs/*.md against
 * the core) and the spark module's {@code SparkDocFragmentsTest} (docs/spark.md, which needs
 * Spark on the class path). Stateless; thread-safe.
 */
public final class JavadocExamples {
  private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code(.*?)}</pre>",
      Pattern.DOTALL);
  private static final Pattern FRAGMENT =
      Pattern.compile("(?:<!-- fragment:([^\\n]*?)-->\\n)?```java\\n(.*?)```", Pattern.DOTALL);

  private JavadocExamples() {}

  /** One example: block {@code index} of {@code source} (a file name), its margins removed. */
  public record Example(String source, int index, String body) {
    public String className() {
      return "Snippet_" + source.replaceAll("\\W", "_") + "_" + index;
    }

    /** The {@code given} names (name → type) the body uses without declaring, as parameters. */
    public String parameters(Map<String, String> given) {
      List<String> out = new ArrayList<>();
      given.forEach((name, type) -> {
        boolean used = Pattern.compile("\\b" + name + "\\b").matcher(body).find();
        boolean declared = Pattern.compile("[\\w>]\\s+" + name + "\\s*=").matcher(body).find();
        if (used && !declared) {
          out.add(type + " " + name);
        }
      });
      return String.join(", ", out);
    }

    /** A class of one method {@code run(parameters) throws Exception} whose body is the example. */
    public String java(List<String> imports, Map<String, String> given) {
      StringBuilder out = new StringBuilder();
      for (String i : imports) {
        out.append("import ").append(i).append(";\n");
      }
      return out.append("\nclass ").append(className()).append(" {\n")
          .append("  void run(").append(parameters(given)).append(") throws Exception {\n")
          .append(body).append("\n  }\n}\n").toString();
    }
  }

  /**
   * One {@code ```java} block of a Markdown page: a fragment that uses variables the text
   * around it defines ({@code x}, {@code spark}, …), declared by the HTML comment before it,
   * invisible on the rendered page:
   *
   * <pre>
   * &lt;!-- fragment: double[][] x, double[] y --&gt;
   * ```java
   * </pre>
   *
   * @param doc the page's file name
   * @param index the block's place among the page's java blocks, from 0
   * @param parameters the comment's declarations, {@code ""} for none
   * @param body the block's text
   */
  public record Fragment(String doc, int index, String parameters, String body) {
    public String className() {
      return "Fragment_" + doc.replace(".md", "").replaceAll("\\W", "_") + "_" + index;
    }

    /** A class of one method {@code run(parameters) throws Exception} whose body is the block. */
    public String java(List<String> imports) {
      StringBuilder out = new StringBuilder();
      for (String i : imports) {
        out.append("import ").append(i).append(";\n");
      }
      return out.append("\nclass ").append(className()).append(" {\n")
          .append("  void run(").append(parameters).append(") throws Exception {\n")
          .append(body).append("  }\n}\n").toString();
    }
  }

  /**
   * The {@code ```java} blocks of the Markdown page {@code text}, each with the declarations of
   * its {@code <!-- fragment: … -->} line.
   *
   * @throws IllegalArgumentException naming the block when one has no such line, so that a new
   *     block is checked from the start
   */
  public static List<Fragment> fragments(String doc, String text) {
    List<Fragment> out = new ArrayList<>();
    Matcher m = FRAGMENT.matcher(text);
    while (m.find()) {
      if (m.group(1) == null) {
        throw new IllegalArgumentException(doc + ": java block " + out.size() + " has no \"<!--"
            + " fragment: TYPE name, … -->\" line before it naming the variables it uses (none:"
            + " \"<!-- fragment: -->\"):\n" + m.group(2));
      }
      out.add(new Fragment(doc, out.size(), m.group(1).strip(), m.group(2)));
    }
    return out;
  }

  /** The {@code <pre>{@code} blocks of {@code text}, their javadoc margins (" * ") removed. */
  public static List<Example> examples(String source, String text) {
    List<Example> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(1).replaceAll("(?m)^\\s*\\*( |$)", "");
      out.add(new Example(source, out.size(), body));
    }
    return out;
  }

  /** Compiles {@code files} into {@code classes} against {@code classpath}; errors into errors. */
  public static boolean compile(List<String> files, Path classes, String classpath,
      StringWriter errors) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options = List.of("-d", classes.toString(), "-cp", classpath, "--release", "17",
        "-proc:none");
    return javac.getTask(errors, null, null, options, null,
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjectsFromStrings(files)).call();
  }

  /** The test class path of the running tests (surefire's, else the JVM's). */
  public static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
