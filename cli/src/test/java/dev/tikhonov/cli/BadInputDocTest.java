package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/bad-input.md against the code, so that a renamed test or a reworded message fails here
 * instead of waiting for a walk through the page by hand. Two checks, row by row:
 *
 * <ul>
 *   <li><b>The tests a row names exist.</b> Every {@code `ClassTest`}, {@code `ClassIT`} or
 *       {@code `ClassTest.method`} a row quotes (in its test column or its text; a trailing
 *       {@code *} is a prefix of method names) is a test source of some module, holding that
 *       method; where the table has a test column, each row names a test there or says "same"
 *       (the row above's). Exact: a test renamed or removed fails.
 *   <li><b>The message is the code's.</b> The row's message (the first code span of its second
 *       column, a leading {@code tikhonov: error: } or {@code tikhonov: warning: } dropped) is
 *       cut at what a run fills in: placeholders ({@code <file>}, {@code F}, {@code DIR}, one
 *       to six capitals, a single letter), "…", numbers and words holding digits, quoted values,
 *       file names and paths. Of the runs of three words left, at least half must appear in
 *       the string literals of the modules' sources, main and test (adjacent literals joined,
 *       as {@code "a" + "b"}; a test that asserts the whole message holds it as one), or in
 *       the launcher script. Half, not all: a message is put together from literals and values
 *       (a flag's name in a variable, a list of keys), which the page spells out. So this
 *       catches a row whose message is nowhere in the code and its tests (reworded there, or
 *       here), not a word changed; the named tests assert the messages themselves.
 *       {@link #ASSEMBLED} lists the rows that fall below half, with the reason.
 * </ul>
 */
class BadInputDocTest {
  static final Path ROOT = Path.of("..");

  static final Pattern TEST_NAME =
      Pattern.compile("`(?:[\\w./…]*/)?([A-Z]\\w*(?:Test|IT))(?:\\.(\\w+)(\\*)?)?`");
  static final Pattern CODE = Pattern.compile("`([^`]+)`");
  static final Pattern VARIABLE = Pattern.compile("<[^>]*>|…|\\.\\.\\.|\"[^\"]*\"|'[^'\\s]*'"
      + "|\\S*\\d\\S*|\\b[A-Z]{1,6}\\b|\\b[a-z]\\b|/[\\w./-]+|%\\w"
      + "|[\\w./-]+\\.(csv|gz|model|safetensors|json|svm|onnx|txt|partial|html|svg|png)\\b");
  static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  /**
   * Messages (by their start) that are mostly put together from values, and from which, or that
   * the JVM writes before or instead of tikhonov's code (the launcher's rows).
   */
  static final Map<String, String> ASSEMBLED = Map.of(
      "# A fatal error has been detected", "the JVM's crash header, not tikhonov's code",
      "<file>: model: key \"standardizer\" is missing", "JsonFields: the key and its path",
      "<file>: model.architecture.dropout: expected a number in",
      "JsonFields: the field's path and its range",
      "<file>: model: unknown key \"standardizes\"", "JsonFields: the known keys, listed",
      "…; 'tikhonov bench' takes gemm", "Main: the command's name and its subcommands",
      "NullPointerException: featureNames: name 2 is null", "Dataset: the argument's name");

  /** One row of a table: its line, its cells, and its table's header. */
  record Row(int line, List<String> cells, List<String> header) {
    String text() {
      return String.join(" | ", cells);
    }
  }

  /** The body rows of the page's tables ({@code \|} inside a cell kept as {@code |}). */
  static List<Row> rows(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("|")) {
        header = null;
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.replace("\\|", "\u0001").split("\\|", -1)) {
        cells.add(cell.replace('\u0001', '|').strip());
      }
      cells = cells.subList(1, cells.size() - 1);
      if (header == null) {
        header = cells;
      } else if (!cells.get(0).startsWith("---")) {
        rows.add(new Row(i + 1, cells, header));
      }
    }
    return rows;
  }

  /** Each test source of the modules by its class's simple name. */
  static Map<String, String> testSources() throws IOException {
    Map<String, String> sources = new HashMap<>();
    for (Path file : javaFiles("src/test")) {
      sources.merge(file.getFileName().toString().replace(".java", ""), read(file), String::concat);
    }
    return sources;
  }

  static List<Path> javaFiles(String under) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
        Path dir = module.resolve(under);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
          }
        }
      }
    }
    return files;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line per test a row names that no test source holds: line: name: why. */
  static List<String> missingTests(List<Row> rows, Map<String, String> tests) {
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      String testColumn = row.header().get(row.header().size() - 1);
      String last = row.cells().get(row.cells().size() - 1);
      if (testColumn.equals("test") && !last.startsWith("same") && !TEST_NAME.matcher(last).find()
          && !last.contains("same check")) {
        problems.add(row.line() + ": names no test: " + last);
      }
      Matcher m = TEST_NAME.matcher(row.text());
      while (m.find()) {
        String source = tests.get(m.group(1));
        if (source == null) {
          problems.add(row.line() + ": " + m.group(1) + ": no such test class");
        } else if (m.group(2) != null && !Pattern.compile("\\bvoid " + Pattern.quote(m.group(2))
            + (m.group(3) == null ? "\\s*\\(" : "\\w*\\s*\\(")).matcher(source).find()) {
          problems.add(row.line() + ": " + m.group(1) + "." + m.group(2)
              + (m.group(3) == null ? "" : "*") + ": no such test method");
        }
      }
    }
    return problems;
  }

  /** The string literals of the sources, adjacent ones joined, blanks collapsed. */
  static String literals(List<String> sources) {
    StringBuilder s = new StringBuilder();
    for (String source : sources) {
      Matcher m = LITERAL.matcher(source.replaceAll("\"\\s*\\+\\s*\"", ""));
      while (m.find()) {
        s.append(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")).append(' ');
      }
    }
    return s.toString().replaceAll("\\s+", " ");
  }

  /** The message's runs of three words between what a run fills in. */
  static List<String> wordRuns(String message) {
    List<String> runs = new ArrayList<>();
    for (String part : VARIABLE.split(message)) {
      String[] words = part.strip().split("\\s+");
      for (int k = 0; k + 3 <= words.length; k++) {
        runs.add(String.join(" ", List.of(words).subList(k, k + 3)));
      }
    }
    return runs;
  }

  /** The row's message: its second column's first code span, without "tikhonov: error: ". */
  static Optional<String> message(Row row) {
    Matcher m = CODE.matcher(row.cells().size() < 2 ? "" : row.cells().get(1));
    return m.find() ? Optional.of(m.group(1).replaceFirst("^tikhonov: (error|warning): ", ""))
        : Optional.empty();
  }

  /** One line per row whose message the code does not hold (the class javadoc's rule). */
  static List<String> messagesNotInTheCode(List<Row> rows, String code) {
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      if (message(row).isEmpty()) {
        continue;
      }
      String message = message(row).get();
      List<String> runs = wordRuns(message);
      List<String> missing = runs.stream().filter(r -> !code.contains(r)).toList();
      boolean assembled = ASSEMBLED.keySet().stream().anyMatch(message::startsWith);
      if (!assembled && 2 * missing.size() > runs.size()) {
        problems.add(row.line() + ": " + message + "\n    not in the code: " + missing);
      }
    }
    return problems;
  }

  static List<Row> pageRows() throws IOException {
    return rows(Files.readAllLines(ROOT.resolve("docs/bad-input.md"), StandardCharsets.UTF_8));
  }

  @Test
  void everyTestARowNames_exists() throws IOException {
    List<Row> rows = pageRows();
    assertTrue(rows.size() > 400, "rows of docs/bad-input.md from " + ROOT.toAbsolutePath()
        + ": " + rows.size());
    assertEquals(List.of(), missingTests(rows, testSources()),
        "docs/bad-input.md rows naming tests that are not there");
  }

  @Test
  void everyRowsMessage_isPutTogetherFromTheCodesWords() throws IOException {
    List<String> sources = new ArrayList<>();
    for (String under : List.of("src/main", "src/test")) {
      javaFiles(under).stream().filter(f -> !f.endsWith("BadInputDocTest.java"))
          .map(BadInputDocTest::read).forEach(sources::add);
    }
    String code = literals(sources) + " " + read(ROOT.resolve("tikhonov")).replaceAll("\\s+", " ");
    List<Row> rows = pageRows();
    assertEquals(List.of(), messagesNotInTheCode(rows, code),
        "docs/bad-input.md messages whose words the code does not hold");
    List<String> stale = ASSEMBLED.keySet().stream().filter(start -> rows.stream()
        .noneMatch(r -> message(r).filter(m -> m.startsWith(start)).isPresent())).toList();
    assertEquals(List.of(), stale, "entries of ASSEMBLED that start no row's message");
  }

  @Test
  void aRenamedTestOrARewordedMessage_isFound() {
    List<String> page = List.of(
        "| bad input | message | test |",
        "| --- | --- | --- |",
        "| a | `<file>: no data rows (only a header line); expected at least one` "
            + "| `ExampleTest.read_noRows` |",
        "| b | `<file>: the rows ran dry and nothing was left to read here` | same |",
        "| c | `none` | `ExampleTest.read_gone`, `GoneTest` |",
        "| d | text | `ExampleTest.read_*`, `ExampleTest.nothing_*` |",
        "| e | text | (none) |",
        "");
    List<Row> rows = rows(page);
    Map<String, String> tests = Map.of("ExampleTest", "void read_noRows() {}");
    String code = literals(List.of("throw new InputException(name + \": no data rows (only a \"\n"
        + "    + \"header line); expected at least one\");"));

    assertEquals(List.of("5: ExampleTest.read_gone: no such test method",
        "5: GoneTest: no such test class", "6: ExampleTest.nothing_*: no such test method",
        "7: names no test: (none)"), missingTests(rows, tests));
    List<String> messages = messagesNotInTheCode(rows, code);
    assertEquals(1, messages.size(), String.join("\n", messages));
    assertTrue(messages.get(0).startsWith("4: <file>: the rows ran dry"), messages.get(0));
  }
}
