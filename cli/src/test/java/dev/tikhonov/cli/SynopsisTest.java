package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's "Usage:" synopsis, parsed against the options the command declares: each
 * option once, under its first declared name (the one the messages and docs use) and with its
 * value's form. select's and ridge's showed "[--folds=K]", an alias picocli picked for being
 * the shortest, where every message and page says --cv-folds; ridge's wrapped "[--lambdas=λ[,"
 * and "λ...]]..." over two lines, a form no flag takes.
 */
class SynopsisTest {
  @Test
  void everySynopsis_showsEachOptionOnce_underItsFirstName_withItsValuesForm() {
    Deque<CommandLine> commands = new ArrayDeque<>(List.of(Main.commandLine()));
    int checked = 0;
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      commands.addAll(c.getSubcommands().values());
      check(c.getCommandSpec(), synopsis(c));
      checked++;
    }
    assertTrue(checked > 10, "commands checked: " + checked);
  }

  /** The synopsis's lines (the "Usage:" line and those indented after it) joined by a space. */
  private static String synopsis(CommandLine c) {
    String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
    List<String> lines = usage.lines().toList();
    int first = 0;
    while (!lines.get(first).startsWith("Usage: ")) {
      first++;
    }
    StringBuilder text = new StringBuilder(lines.get(first).strip());
    for (int i = first + 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
      text.append(' ').append(lines.get(i).strip());
    }
    return text.toString();
  }

  private static void check(CommandSpec spec, String synopsis) {
    String where = spec.qualifiedName() + ": " + synopsis;
    Set<OptionSpec> seen = new HashSet<>();
    for (String token : synopsis.split(" +")) {
      if (!token.startsWith("-") && !token.startsWith("[-")) {
        continue; // "Usage:", the command's name, positional parameters
      }
      String t = token.endsWith("...") ? token.substring(0, token.length() - 3) : token;
      if (t.startsWith("[")) {
        if (!t.endsWith("]")) {
          fail("\"" + token + "\" is cut by the wrap: " + where);
        }
        t = t.substring(1, t.length() - 1);
      }
      assertEquals(count(t, '['), count(t, ']'), "\"" + token + "\": " + where);
      if (!t.startsWith("--")) {
        for (char s : t.substring(1).toCharArray()) { // a cluster of short flags, -hV
          OptionSpec o = spec.findOption(s);
          assertNotNull(o, "-" + s + ": " + where);
          assertTrue(seen.add(o), "-" + s + " twice: " + where);
        }
        continue;
      }
      String name = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
      String value = t.contains("=") ? t.substring(t.indexOf('=') + 1) : null;
      boolean negated = name.startsWith("--[no-]");
      if (negated) {
        name = "--" + name.substring("--[no-]".length());
      }
      OptionSpec o = spec.findOption(name);
      assertNotNull(o, name + " is no option of " + where);
      assertTrue(seen.add(o), name + " twice: " + where);
      assertEquals(o.names()[0], name, "the synopsis's name for " + String.join(", ", o.names())
          + " in " + where);
      assertEquals(o.negatable(), negated, name + ": " + where);
      String label = o.paramLabel();
      if (o.arity().max() == 0) {
        assertEquals(null, value, name + " takes no value: " + where);
      } else if (o.splitRegex().isEmpty()) {
        assertEquals(label, value, name + ": " + where);
      } else {
        String split = o.splitRegex(); // "," for every option here
        assertEquals(label + "[" + split + label + "...]", value, name + ": " + where);
      }
    }
    for (OptionSpec o : spec.options()) {
      assertTrue(o.hidden() || seen.contains(o), o.longestName() + " missing: " + where);
    }
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
