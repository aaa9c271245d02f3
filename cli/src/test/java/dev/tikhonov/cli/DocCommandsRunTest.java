package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tikhonov …} commands of docs/*.md (not performance-log.md, which is history) run
 * as a user pastes them, in this JVM ({@link InProcess}), and end as the page says: exit 0, or
 * the exit code a page quotes with its {@code $ ./tikhonov} command ({@code exit 2}). A command
 * is a line of a fenced code block (no language, bash, sh, shell, console) that starts with
 * {@code ./tikhonov}, or an indented line {@code $ ./tikhonov …}, continued over lines ending
 * in a backslash; a {@code # comment} and a {@code | pipe} end it. {@link DocCommandFlagsTest}
 * checks the flags of every command, this test that they run.
 *
 * <p><b>Where they run.</b> One temporary folder per page, the page's commands in its order,
 * so that a command reads what an earlier one wrote. The values of the flags that name a file
 * (--data, --foldid, --model of predict, evaluate and export, --resume, report's folder) are
 * read from that folder when an earlier command wrote them, else from the repository (its
 * data/ and core/src/test/resources/ref/), as from the root the pages run at; what a command
 * writes (--out, --save, --roc, an absolute /tmp/… path) goes to the folder. A command that
 * writes a run folder and names none gets one in the folder (its default, runs/&lt;command&gt;-
 * &lt;time&gt;, would land in the module). The output is compared with the paths as typed.
 *
 * <p><b>The output a page quotes.</b> A fenced block without a language right after a block of
 * commands (only blank lines between) is the output of that block's last command; the lines
 * under a {@code $ ./tikhonov} command, up to a blank line, are its output. The quoted lines
 * are an excerpt of the command's stdout followed by its stderr: each must equal a whole line
 * of it (trailing blanks ignored), in order and adjacent, except that a line "…" stands for
 * any number of lines and a "…" inside a line for any text. Numbers are compared as printed
 * (the commands are seeded, and same seed, same threads give the same run), unless the two
 * lines before the block say "e.g.": then every number matches any number.
 *
 * <p><b>Not run, with the reason</b>: {@link #NOT_RUN}; and {@link #OVERRIDES}, the flags added
 * where a page names a quicker variant (experiments.md: "--quick: about 7 s"). Each entry must
 * match a quoted command, so that a command dropped from the pages leaves no stale entry.
 *
 * <p>Time (2026-12-07, 2 cores at load average 20, eight builds beside it): 27 commands in
 * 193 s, the MNIST ones (experiment mnist-l2 --quick 34 s, which the page puts at about 7 s on
 * idle cores; four train runs 47 s) most of it; each command's time is printed.
 */
class DocCommandsRunTest {
  static final Path ROOT = Path.of("..");

  /** Commands (by the start of their text) that are not run, and why. */
  static final Map<String, String> NOT_RUN = new LinkedHashMap<>();

  static {
    NOT_RUN.put("./tikhonov bench", "the bench module is not on the cli's class path, and "
        + "benchmarks are not run in the build");
    NOT_RUN.put("./tikhonov train ... --checkpoint-every 1",
        "\"...\" stands for the user's own flags");
    NOT_RUN.put("./tikhonov train --resume run", "model-files.md: continues the run of the "
        + "line before, whose flags are \"...\"");
    NOT_RUN.put("./tikhonov report DIR", "DIR stands for a run folder");
    NOT_RUN.put("./tikhonov predict --model enet.safetensors",
        "spark.md: enet.safetensors and new.csv come from a Spark fit");
    NOT_RUN.put("./tikhonov experiment mnist-select", "2 minutes, the page says; its --quick "
        + "variant runs in ExperimentCommandTest and ExperimentOrderTest, and is left out here "
        + "to keep this test's time down");
  }

  /** Flags added to a command (by the start of its text) where its page names them. */
  static final Map<String, List<String>> OVERRIDES = Map.of(
      "./tikhonov experiment mnist-l2", List.of("--quick"));

  static final Set<String> SHELL = Set.of("", "bash", "sh", "shell", "console");
  static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)\\s*$");
  static final Pattern PROMPT = Pattern.compile("^(\\s*)\\$ (\\./tikhonov .*)$");
  static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  /** The flags whose value a command reads as a file or folder; --model only of these. */
  static final Set<String> READS = Set.of("--data", "--foldid", "--resume", "--model", "--in");
  static final Set<String> MODEL_READERS = Set.of("predict", "evaluate", "export");
  static final Set<String> WRITES = Set.of("--out", "--save", "--roc");

  /**
   * One quoted command: where it is, its text (continuations joined), and the output the page
   * quotes for it (empty when none), with the exit code it shows.
   */
  record Quoted(String page, int line, String text, Optional<List<String>> output,
      int exit, boolean numbersMasked) {
    List<String> words() {
      return List.of(text.substring("./tikhonov ".length()).trim().split("\\s+"));
    }

    String where() {
      return page + ":" + line;
    }
  }

  /** The commands of one page, in order. */
  static List<Quoted> commands(String page, List<String> lines) {
    List<Quoted> out = new ArrayList<>();
    String language = null; // inside a fence: its language
    List<int[]> block = new ArrayList<>(); // the current fenced block's commands: start, end
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (language == null && fence.matches()) {
        language = fence.group(1);
        block.clear();
        continue;
      }
      if (language != null && fence.matches()) {
        if (!block.isEmpty()) {
          int[] last = block.get(block.size() - 1);
          for (int[] c : block) {
            boolean quoted = c == last;
            Optional<List<String>> output = quoted ? outputBlock(lines, i + 1) : Optional.empty();
            out.add(new Quoted(page, c[0] + 1, joined(lines, c[0], c[1]), output, 0,
                output.isPresent() && saysForExample(lines, i + 1)));
          }
        }
        language = null;
        continue;
      }
      if (language != null) {
        if (SHELL.contains(language) && line.trim().startsWith("./tikhonov ")) {
          int end = i;
          while (end + 1 < lines.size() && lines.get(end).stripTrailing().endsWith("\\")) {
            end++;
          }
          block.add(new int[] {i, end});
          i = end;
        }
        continue;
      }
      Matcher prompt = PROMPT.matcher(line);
      if (prompt.matches()) {
        int end = i;
        while (lines.get(end).stripTrailing().endsWith("\\")) {
          end++;
        }
        List<String> output = new ArrayList<>();
        int exit = 0;
        int k = end + 1;
        for (; k < lines.size() && !lines.get(k).isBlank()
            && !PROMPT.matcher(lines.get(k)).matches(); k++) {
          String o = lines.get(k).strip();
          Matcher code = Pattern.compile("^\\(?exit (?:code )?(\\d+)\\)?$").matcher(o);
          if (code.matches()) {
            exit = Integer.parseInt(code.group(1));
          } else {
            output.add(o);
          }
        }
        String text = joined(lines, i, end).replaceFirst("^\\$ ", "");
        out.add(new Quoted(page, i + 1, text, Optional.of(output), exit,
            saysForExample(lines, i)));
        i = k - 1;
      }
    }
    return out;
  }

  /** Lines start..end as one command: continuations joined, a comment and a pipe cut off. */
  static String joined(List<String> lines, int start, int end) {
    StringBuilder s = new StringBuilder();
    for (int k = start; k <= end; k++) {
      s.append(' ').append(lines.get(k).stripTrailing().replaceAll("\\\\$", ""));
    }
    String text = s.toString().trim();
    text = text.replaceAll("\\s#.*$", "").replaceAll("\\s\\|\\s.*$", "");
    return text.replaceAll("\\s+", " ").trim();
  }

  /** The fenced block without a language after {@code from} (blank lines skipped), if any. */
  static Optional<List<String>> outputBlock(List<String> lines, int from) {
    int k = from;
    while (k < lines.size() && lines.get(k).isBlank()) {
      k++;
    }
    if (k >= lines.size() || !lines.get(k).strip().equals("```")) {
      return Optional.empty();
    }
    List<String> output = new ArrayList<>();
    for (k++; k < lines.size() && !lines.get(k).strip().equals("```"); k++) {
      output.add(lines.get(k).stripTrailing());
    }
    return Optional.of(output);
  }

  /** Whether the two lines before line {@code at} (0-based) say "e.g.". */
  static boolean saysForExample(List<String> lines, int at) {
    for (int k = Math.max(0, at - 3); k < at; k++) {
      if (lines.get(k).contains("e.g.")) {
        return true;
      }
    }
    return false;
  }

  /** The docs' pages whose commands a user runs: docs/*.md but the performance log. */
  static List<Path> pages() throws IOException {
    return DocCommandFlagsTest.pages().stream()
        .filter(p -> p.getParent().getFileName().toString().equals("docs")).toList();
  }

  /** The entry of {@code table} whose key starts the command's text, if any. */
  static <V> Optional<Map.Entry<String, V>> entry(Map<String, V> table, Quoted q) {
    return table.entrySet().stream().filter(e -> q.text().startsWith(e.getKey())).findFirst();
  }

  /**
   * The command's arguments, its file names placed as the class javadoc says; {@code typed}
   * gets, for each path put in, the path as the page typed it.
   */
  static List<String> args(Quoted q, Path dir, Map<String, String> typed) {
    List<String> words = new ArrayList<>(q.words());
    entry(OVERRIDES, q).ifPresent(e -> words.addAll(e.getValue()));
    String command = words.get(0);
    List<String> args = new ArrayList<>();
    boolean hasOut = words.contains("--out");
    for (int k = 0; k < words.size(); k++) {
      String word = words.get(k);
      String flag = k == 0 ? "" : words.get(k - 1);
      boolean reads = READS.contains(flag) && (!flag.equals("--model")
          || MODEL_READERS.contains(command)) || command.equals("report") && k == 1;
      boolean writes = WRITES.contains(flag) && !word.equals("-");
      if (reads || writes) {
        Path local = dir.resolve(word.replaceFirst("^/+", ""));
        Path placed = writes || Files.exists(local) || !Files.exists(ROOT.resolve(word))
            ? local : ROOT.resolve(word).toAbsolutePath().normalize();
        typed.put(placed.toString(), word);
        args.add(placed.toString());
      } else {
        args.add(word);
      }
    }
    boolean writesARun = !MODEL_READERS.contains(command) && !command.equals("report")
        && !words.contains("--resume");
    if (writesARun && !hasOut) {
      Path run = dir.resolve("runs/" + command + "-" + q.line());
      typed.put(run.toString(), "runs/" + command + "-<date-time>");
      args.add("--out");
      args.add(run.toString());
    }
    return args;
  }

  /**
   * What is wrong with {@code actual} as the output of the command the page quotes as {@code
   * quoted} (the class javadoc's rule), or empty.
   */
  static Optional<String> mismatch(List<String> quoted, List<String> actual, boolean masked) {
    List<Pattern> want = new ArrayList<>();
    for (String line : quoted) {
      String l = masked ? NUMBER.matcher(line.stripTrailing()).replaceAll("\u0000") : line;
      List<String> parts = new ArrayList<>();
      for (String part : l.stripTrailing().split("…", -1)) {
        parts.add(Pattern.quote(part).replace("\u0000", "\\E" + NUMBER + "\\Q"));
      }
      String regex = String.join(".*", parts);
      want.add(line.strip().equals("…") ? null : Pattern.compile(regex));
    }
    List<String> got = actual.stream().map(String::stripTrailing).toList();
    return matchesFrom(want, 0, got, 0, true) ? Optional.empty()
        : Optional.of("the quoted lines\n  " + String.join("\n  ", quoted)
            + "\nare not an excerpt of what it printed:\n  " + String.join("\n  ", got));
  }

  /** Whether want[w..] matches got[g..]: a null is "…"; {@code floating}: may skip lines. */
  static boolean matchesFrom(List<Pattern> want, int w, List<String> got, int g,
      boolean floating) {
    if (w == want.size()) {
      return true;
    }
    if (want.get(w) == null) {
      return matchesFrom(want, w + 1, got, g, true);
    }
    for (int k = g; k < got.size(); k++) {
      if (want.get(w).matcher(got.get(k)).matches()
          && matchesFrom(want, w + 1, got, k + 1, false)) {
        return true;
      }
      if (!floating) {
        return false;
      }
    }
    return false;
  }

  @Test
  void commandsAndTheirOutput_ofAPage_areFoundAndCompared() {
    List<String> page = List.of(
        "```bash",
        "./tikhonov path --data data/wine.csv \\",
        "    --out runs/w   # a comment",
        "./tikhonov predict --model m --data d.csv --out - | head",
        "```",
        "",
        "```",
        "runs/w on data/wine.csv: 178 rows, loss 0.316429",
        "…",
        "class_0 … 55",
        "```",
        "",
        "    $ ./tikhonov ridge --data d.csv --lambdas -1",
        "    tikhonov: error: --lambdas: …",
        "    exit 2",
        "");

    List<Quoted> found = commands("p.md", page);

    assertEquals(List.of("p.md:2: ./tikhonov path --data data/wine.csv --out runs/w",
        "p.md:4: ./tikhonov predict --model m --data d.csv --out -",
        "p.md:13: ./tikhonov ridge --data d.csv --lambdas -1"),
        found.stream().map(q -> q.where() + ": " + q.text()).toList());
    assertEquals(Optional.empty(), found.get(0).output());
    List<String> quoted = found.get(1).output().orElseThrow();
    assertEquals(3, quoted.size());
    assertEquals(2, found.get(2).exit());
    List<String> printed = List.of("settings", "runs/w on data/wine.csv: 178 rows, loss 0.316429",
        "confusion matrix", "class_0     55", "wrote it");
    assertEquals(Optional.empty(), mismatch(quoted, printed, false));
    List<String> other = new ArrayList<>(printed);
    other.set(1, "runs/w on data/wine.csv: 178 rows, loss 0.316430");
    assertTrue(mismatch(quoted, other, false).isPresent());
    assertEquals(Optional.empty(), mismatch(quoted, other, true), "numbers masked: e.g.");
    assertTrue(mismatch(found.get(2).output().orElseThrow(), List.of("tikhonov: error: --lambda"),
        false).isPresent());
  }

  @Test
  void everyCommandOfTheDocs_runsAsThePageSays(@TempDir Path tmp) throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    Set<String> usedNotRun = new java.util.HashSet<>();
    Set<String> usedOverrides = new java.util.HashSet<>();
    long start = System.nanoTime();
    for (Path page : pages()) {
      String name = ROOT.relativize(page).toString();
      Path dir = Files.createDirectories(tmp.resolve(page.getFileName().toString()));
      for (Quoted q : commands(name, Files.readAllLines(page, StandardCharsets.UTF_8))) {
        Optional<Map.Entry<String, String>> skip = entry(NOT_RUN, q);
        if (skip.isPresent()) {
          usedNotRun.add(skip.get().getKey());
          continue;
        }
        entry(OVERRIDES, q).ifPresent(e -> usedOverrides.add(e.getKey()));
        Map<String, String> typed = new LinkedHashMap<>();
        List<String> args = args(q, dir, typed);
        long t0 = System.nanoTime();
        InProcess r = InProcess.run(args);
        ran.add(String.format("%5.1f s  %s: %s", (System.nanoTime() - t0) / 1e9, q.where(),
            q.text()));
        if (r.exit() != q.exit()) {
          problems.add(q.where() + ": " + q.text() + "\n  exit " + r.exit() + ", the page: "
              + q.exit() + "\n  " + r.err().replace("\n", "\n  "));
          continue;
        }
        if (q.output().isPresent()) {
          String printed = r.out() + (r.out().endsWith("\n") || r.out().isEmpty() ? "" : "\n")
              + r.err();
          for (Map.Entry<String, String> p : typed.entrySet()) {
            printed = printed.replace(p.getKey(), p.getValue());
          }
          mismatch(q.output().get(), printed.lines().toList(), q.numbersMasked())
              .ifPresent(m -> problems.add(q.where() + ": " + q.text() + ":\n" + m));
        }
      }
    }
    System.out.printf("DocCommandsRunTest: %d commands in %.1f s%n  %s%n", ran.size(),
        (System.nanoTime() - start) / 1e9, String.join("\n  ", ran));
    assertEquals(List.of(), problems, "commands of the docs that do not run as their page says");
    Set<String> stale = new java.util.TreeSet<>(NOT_RUN.keySet());
    stale.removeAll(usedNotRun);
    Set<String> staleOverrides = new java.util.TreeSet<>(OVERRIDES.keySet());
    staleOverrides.removeAll(usedOverrides);
    stale.addAll(staleOverrides);
    assertEquals(Set.of(), stale, "entries of NOT_RUN or OVERRIDES that no quoted command has");
    assertTrue(ran.size() >= 25, "commands run: " + ran.size());
  }
}
