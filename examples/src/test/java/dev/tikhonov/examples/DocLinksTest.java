package dev.tikhonov.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs cannot point nowhere: every relative link of README.md and docs/*.md, {@code
 * [text](path)}, {@code [text](path#anchor)}, {@code [text](#anchor)} and images, must name a
 * file that exists, and an anchor into a markdown file must be one of that file's headings by
 * GitHub's rule (lower case; letters, digits, '-' and '_' kept, other punctuation dropped, each
 * space a '-'; a repeated heading gets -1, -2, ...). Links inside fenced code blocks and code
 * spans are text, not links; absolute URLs (https:, mailto:, ...) are not checked.
 */
class DocLinksTest {
  static final Path ROOT = Path.of("..");

  // [text](target) or ![alt](target), with an optional "title"; the text may span lines.
  static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*([^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
  static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
  static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
  static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  /** The markdown a reader sees: README.md and every docs/*.md. */
  static List<Path> docs(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  /** The file's lines with fenced code blocks blanked (line numbers kept). */
  static List<String> prose(Path file) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (FENCE.matcher(line).find()) {
          fenced = !fenced;
          out.add("");
        } else {
          out.add(fenced ? "" : line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** GitHub's anchor of a heading's text. */
  static String anchor(String heading) {
    String text = INLINE_LINK.matcher(heading).replaceAll("$1").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      int type = Character.getType(c);
      boolean kept = Character.isLetterOrDigit(c) || c == '-' || c == '_'
          || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK || type == Character.LETTER_NUMBER
          || type == Character.OTHER_NUMBER || type == Character.CONNECTOR_PUNCTUATION;
      if (c == ' ') {
        out.append('-');
      } else if (kept) {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Every anchor the headings of a markdown file define. */
  static Set<String> anchors(Path file) {
    Set<String> out = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(file)) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        String a = anchor(m.group(1));
        int n = seen.merge(a, 1, Integer::sum) - 1;
        out.add(n == 0 ? a : a + "-" + n);
      }
    }
    return out;
  }

  /** One line per relative link of the files that does not resolve: file:line: link: why. */
  static List<String> brokenLinks(List<Path> files) {
    Map<Path, Set<String>> anchorCache = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path file : files) {
      String text = CODE_SPAN.matcher(String.join("\n", prose(file))).replaceAll("");
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (SCHEME.matcher(target).find()) {
          continue;
        }
        int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        String where = file.normalize() + ":" + line + ": " + target + ": ";
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
          broken.add(where + "no file " + resolved);
          continue;
        }
        if (hash >= 0 && resolved.toString().endsWith(".md")) {
          String a = target.substring(hash + 1);
          if (!anchorCache.computeIfAbsent(resolved, DocLinksTest::anchors).contains(a)) {
            broken.add(where + "no heading with the anchor #" + a + " in " + resolved);
          }
        }
      }
    }
    return broken;
  }

  @Test
  void readmeAndDocs_everyRelativeLinkAndAnchor_resolves() throws IOException {
    List<Path> files = docs(ROOT);
    assertTrue(files.size() > 10, "README.md and docs/*.md found from " + ROOT.toAbsolutePath());
    List<String> broken = brokenLinks(files);
    assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
  }

  @Test
  void brokenLinks_whenFileOrAnchorMissing_namesEach(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("docs/images"));
    Files.writeString(dir.resolve("docs/images/chart.svg"), "<svg/>");
    Files.writeString(dir.resolve("docs/b.md"), String.join("\n",
        "# B", "## Where it stands (2026-12-04, sixteenth session)", "## Notes", "## Notes",
        "```", "## Not a heading", "```", ""));
    Files.writeString(dir.resolve("README.md"), String.join("\n",
        "[fine](docs/b.md#where-it-stands-2026-12-04-sixteenth-session) [fine](docs/b.md#notes-1)",
        "![fine](docs/images/chart.svg) [fine](https://example.org/x.md#nowhere)",
        "[no file](docs/gone.md) [no anchor](docs/b.md#not-a-heading)",
        "`[in a code span](docs/gone.md)`", ""));
    Files.writeString(dir.resolve("docs/a.md"), String.join("\n",
        "# A", "[up](../README.md) [self](#a) [split", "text](#missing) [third](b.md#notes-2)",
        "```", "[in a code block](nowhere.md)", "```", ""));

    List<String> broken = brokenLinks(docs(dir));

    assertEquals(4, broken.size(), String.join("\n", broken));
    assertTrue(broken.get(0).endsWith("README.md:3: docs/gone.md: no file " + dir.resolve(
        "docs/gone.md")), broken.get(0));
    assertTrue(broken.get(1).contains("README.md:3: docs/b.md#not-a-heading: no heading with "
        + "the anchor #not-a-heading"), broken.get(1));
    assertTrue(broken.get(2).contains("a.md:2: #missing: no heading"), broken.get(2));
    assertTrue(broken.get(3).contains("a.md:3: b.md#notes-2: no heading"), broken.get(3));
  }

  @Test
  void anchor_followsGitHubsRule() {
    assertEquals("issue-13-fifth-session-onednn-for-the-products-of-one-core",
        anchor("Issue 13, fifth session: oneDNN for the products of one core"));
    assertEquals("the-gram-route-below-p--500-issue-13",
        anchor("The Gram route below p = 500 (issue 13)"));
    assertEquals("benchmark-beside-mllibs-crossvalidator-issue-107",
        anchor("Benchmark beside MLlib's `CrossValidator` (issue 10.7)"));
    assertEquals("λ-and-α-against-mllibs-regparam-and-elasticnetparam",
        anchor("λ and α against MLlib's `regParam` and `elasticNetParam`"));
    assertEquals("issue-13-the-mlp-and-the-main-job-one-run-2026-12-01-22312315-utc",
        anchor("Issue 13: the MLP and the main job (one run, 2026-12-01 22:31–23:15 UTC"));
    assertEquals("see-the-log", anchor("See [the log](performance-log.md)"));
  }
}
