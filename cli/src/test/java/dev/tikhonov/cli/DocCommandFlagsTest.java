package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag of a {@code ./tikhonov COMMAND …} command in README.md and docs/*.md is one that
 * COMMAND takes: a flag renamed or dropped in the code, and left in a page, fails here rather
 * than in the hands of a user who pastes it ({@code Unknown option}, exit 2). The commands are
 * found wherever the pages give them (bash blocks, indented blocks, inline code), continued over
 * lines ending in a backslash; {@code tikhonov COMMAND} in inline code counts too when COMMAND
 * is one. docs/performance-log.md is left out: its commands are history, run by the code of
 * their day. Values are not checked ({@code FILE}, {@code …} stand for them), nor are the
 * {@code bench} commands when the bench module is not on the class path (it is not in this
 * module's tests).
 */
class DocCommandFlagsTest {
  static final Path ROOT = Path.of("..");

  // ./tikhonov anywhere; bare tikhonov only at the start of inline code.
  static final Pattern COMMAND = Pattern.compile("(\\./|`)tikhonov[ \\t]+");
  // Where a command's words end: inline code, a comment, a pipe (not a synopsis's a|b or
  // "[--lambdas L | --nlambda N]"), a redirection, the next shell command, the end of a <(…).
  static final Pattern END = Pattern.compile("`|\\s#|\\s\\|(?!\\s*-)|;|&&|>|<|\\)");
  static final Pattern FLAG = Pattern.compile("--[A-Za-z][\\w.-]*");

  /** The pages whose commands a user runs: README.md and docs/*.md but the performance log. */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !p.getFileName().toString().equals("performance-log.md"))
          .sorted().forEach(pages::add);
    }
    return pages;
  }

  /**
   * One line per flag of {@code text}'s commands that their command does not take, or per
   * {@code ./tikhonov WORD} whose WORD is no command: {@code where:line: problem}. {@code
   * counted[0]} is set to the number of commands checked.
   */
  static List<String> unknownFlags(String where, String text, CommandLine root, int[] counted) {
    List<String> problems = new ArrayList<>();
    Matcher m = COMMAND.matcher(text);
    while (m.find()) {
      int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      List<String> words = words(text, m.end());
      if (words.isEmpty()) {
        continue;
      }
      boolean typed = m.group(1).equals("./");
      CommandLine command = root;
      int k = 0;
      while (k < words.size() && command.getSubcommands().containsKey(words.get(k))) {
        command = command.getSubcommands().get(words.get(k));
        k++;
      }
      if (command == root) {
        // Not a command: a bare "tikhonov is …" in code is prose; ./tikhonov --help is fine;
        // ./tikhonov bench … without the bench module on the class path is not checked.
        if (typed && !words.get(0).startsWith("-") && !words.get(0).equals("bench")) {
          problems.add(where + ":" + line + ": ./tikhonov " + words.get(0) + ": no such command");
          continue;
        }
        if (!typed || !words.get(0).startsWith("-")) {
          continue;
        }
      }
      counted[0]++;
      for (String word : words.subList(k, words.size())) {
        Matcher flag = FLAG.matcher(word);
        if (flag.lookingAt() && !takes(command.getCommandSpec(), flag.group())) {
          problems.add(where + ":" + line + ": " + command.getCommandSpec().qualifiedName()
              + " has no option " + flag.group());
        }
      }
    }
    return problems;
  }

  /** The words of a command from {@code start}, over lines that end in a backslash. */
  static List<String> words(String text, int start) {
    StringBuilder command = new StringBuilder();
    int at = start;
    while (at < text.length()) {
      int eol = text.indexOf('\n', at);
      String line = text.substring(at, eol < 0 ? text.length() : eol);
      Matcher end = END.matcher(line);
      boolean ended = end.find();
      String part = ended ? line.substring(0, end.start()) : line;
      boolean continued = !ended && part.stripTrailing().endsWith("\\");
      command.append(' ').append(continued ? part.stripTrailing().replaceAll("\\\\$", "") : part);
      if (!continued || eol < 0) {
        break;
      }
      at = eol + 1;
    }
    List<String> words = new ArrayList<>();
    for (String w : command.toString().trim().split("\\s+")) {
      // A synopsis brackets what is optional: [--threads T], [--relax [--gammas G,...]].
      String word = w.replaceAll("^[\\[(]+|[\\])]+$", "");
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /** Whether {@code spec} takes {@code flag}, its negated form ({@code --no-X}) included. */
  static boolean takes(CommandSpec spec, String flag) {
    if (spec.findOption(flag) != null) {
      return true;
    }
    if (flag.startsWith("--no-")) {
      OptionSpec positive = spec.findOption("--" + flag.substring(5));
      return positive != null && positive.negatable();
    }
    return false;
  }

  @Test
  void everyFlagOfADocumentedCommand_isOneItsCommandTakes() throws IOException {
    CommandLine root = Main.commandLine();
    List<String> problems = new ArrayList<>();
    int[] counted = {0};
    int commands = 0;
    for (Path page : pages()) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      problems.addAll(unknownFlags(ROOT.relativize(page).toString(), text, root, counted));
      commands += counted[0];
      counted[0] = 0;
    }
    assertTrue(commands > 80, "commands found in README.md and docs/*.md from "
        + ROOT.toAbsolutePath() + ": " + commands);
    assertEquals(List.of(), problems, "flags or commands in the docs that tikhonov does not take");
  }

  @Test
  void unknownFlags_ofAPage_namesLineCommandAndFlag(@TempDir Path dir) throws IOException {
    String page = String.join("\n",
        "Fit it with `./tikhonov path --data d.csv --lamdas 0.1` (a typo), or:",
        "",
        "```bash",
        "./tikhonov train --lambda 1e-4 --epochs 2   # --not-a-flag in a comment is prose",
        "./tikhonov path --data d.csv --target y \\",
        "    --cv-folds 10 --no-standardize --no-such-thing",
        "./tikhonov select --no-evidence --quiet | head --lines 3",
        "./tikhonov path [--lambdas L1,... | --nlambda N] [--family gaussian|poisson] --lamda 1",
        "./tikhonov trian --lambda 1",
        "./tikhonov --help",
        "```",
        "",
        "    ./tikhonov grid [--lambdas L1,L2,...] [--dropouts D,...] [--momentum-x M]",
        "",
        "`tikhonov evaluate --model F --roc` and `tikhonov is a command`;",
        "`select --lamda`, a flag without tikhonov before it, is not a command.",
        "");

    int[] counted = {0};
    List<String> problems = unknownFlags("page.md", page, Main.commandLine(), counted);

    assertEquals(List.of(
        "page.md:1: tikhonov path has no option --lamdas",
        "page.md:5: tikhonov path has no option --no-such-thing",
        "page.md:8: tikhonov path has no option --lamda",
        "page.md:9: ./tikhonov trian: no such command",
        "page.md:13: tikhonov grid has no option --momentum-x"), problems);
    assertEquals(8, counted[0]);
  }
}
