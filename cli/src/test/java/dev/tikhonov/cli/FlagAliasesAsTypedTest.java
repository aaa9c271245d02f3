package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's own messages name an option with several names (select's --cv-folds/--folds and
 * --nlambda/--num-lambdas, path's --seed/--fold-seed) as the user typed it. They named it by
 * its longest name whatever was typed: {@code select --folds 3 --folds 4} said "option
 * '--cv-folds' (K) should be specified only once", {@code --folds} without a value "Missing
 * required parameter for option '--cv-folds' (K)", {@code --folds x} "Invalid value for option
 * '--cv-folds': …", {@code path --seed x} "Invalid value for option '--fold-seed': …", and a
 * mistyped --num-lambda was offered "--num-lambdas or --nlambda", one option's two names as
 * two flags. The options come from picocli's CommandSpec, so a new alias is covered.
 */
class FlagAliasesAsTypedTest {
  @TempDir Path dir;

  /** An option with several names, and the words that run its command. */
  private record Aliased(List<String> command, OptionSpec option) {
    @Override
    public String toString() {
      return String.join(" ", command) + " " + String.join("|", option.names());
    }
  }

  /** Every option of every command that has more than one name. */
  private static List<Aliased> aliased() {
    List<Aliased> found = new ArrayList<>();
    Deque<CommandLine> commands = new ArrayDeque<>(List.of(Main.commandLine()));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      commands.addAll(c.getSubcommands().values());
      List<String> words = new ArrayList<>(Arrays.asList(
          c.getCommandSpec().qualifiedName(" ").split(" ")));
      words.remove(0); // "tikhonov"
      for (OptionSpec option : c.getCommandSpec().options()) {
        if (option.names().length > 1 && option.arity().min() == 1
            && option.arity().max() == 1) {
          found.add(new Aliased(words, option));
        }
      }
    }
    return found;
  }

  /** A value the option takes, and one it refuses as its type ("x" for a number). */
  private static String goodValue(OptionSpec option) {
    Class<?> type = option.type();
    assertTrue(type == int.class || type == Integer.class || type == long.class
        || type == Long.class, option + ": a test value for " + type);
    return "3";
  }

  private static InProcess run(Aliased a, String... more) {
    List<String> args = new ArrayList<>(a.command());
    args.addAll(List.of(more));
    return InProcess.run(args);
  }

  /** Exit 2 and one error line (then picocli's "Try … --help"), no stack trace. */
  private static String oneLineError(InProcess r, String what) {
    assertEquals(2, r.exit(), what + ": " + r.err());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith("tikhonov: error: "), what + ": " + r.err());
    assertTrue(lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("Try '"),
        what + ": " + r.err());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"),
        what + ": " + r.err());
    return lines.get(0);
  }

  /** The names of {@code option} other than {@code typed} appear in {@code line} nowhere. */
  private static void namesOnly(String line, OptionSpec option, String typed, String what) {
    assertTrue(line.contains("'" + typed + "'"), what + ": " + line);
    for (String other : option.names()) {
      if (!other.equals(typed)) {
        assertFalse(line.matches(".*" + other + "(?![a-z0-9-]).*"), what + ": " + line);
      }
    }
  }

  @Test
  void theAliasedOptions_areFound() {
    List<String> found = aliased().stream().map(Aliased::toString).toList();
    assertTrue(found.contains("select --cv-folds|--folds"), found.toString());
    assertTrue(found.contains("select --nlambda|--num-lambdas"), found.toString());
    assertTrue(found.contains("path --seed|--fold-seed"), found.toString());
  }

  @Test
  void picocliMessages_nameEachAliasAsTyped() {
    List<Aliased> all = aliased();
    assertTrue(all.size() >= 3, all.toString());
    for (Aliased a : all) {
      String value = goodValue(a.option());
      for (String name : a.option().names()) {
        String what = a + " as " + name;
        String twice = oneLineError(run(a, name, value, name, value), what + " twice");
        namesOnly(twice, a.option(), name, what + " twice");
        assertTrue(twice.contains("should be specified only once"), what + ": " + twice);
        String missing = oneLineError(run(a, name), what + " without a value");
        namesOnly(missing, a.option(), name, what + " without a value");
        assertTrue(missing.contains("Missing required parameter"), what + ": " + missing);
        String expected = oneLineError(run(a, name, "--help"), what + " before a flag");
        namesOnly(expected, a.option(), name, what + " before a flag");
        for (List<String> invalid : List.of(List.of(name, "x"), List.of(name + "=x"))) {
          String line = oneLineError(run(a, invalid.toArray(String[]::new)), invalid.toString());
          namesOnly(line, a.option(), name, invalid.toString());
          assertTrue(line.contains("Invalid value for option '" + name + "': 'x'"), line);
        }
      }
    }
  }

  /**
   * Both names of one option: the error names the one typed first and says that the other is
   * another name for it (it said "option '--cv-folds' (K) should be specified only once" after
   * --folds 3 --cv-folds 4, which read as if --folds had been taken); a value refused is named
   * by the name it came with.
   */
  @Test
  void bothNamesOfOneOption_areNamedAsTyped() {
    for (Aliased a : aliased()) {
      String[] names = a.option().names();
      for (int i = 0; i < names.length; i++) {
        String first = names[i];
        String second = names[(i + 1) % names.length];
        String twice = oneLineError(run(a, first, "3", second, "4"), a + " " + first);
        assertTrue(twice.endsWith("option '" + first + "' (" + a.option().paramLabel()
            + ") should be specified only once (" + second + " is another name for " + first
            + ")"), twice);
        String invalid = oneLineError(run(a, first, "3", second, "x"), a + " " + first);
        assertTrue(invalid.contains("Invalid value for option '" + second + "': 'x'"), invalid);
      }
    }
  }

  /** Read from an @-file, the names are those in the file. */
  @Test
  void anArgumentFile_isReadForTheNamesTyped() throws Exception {
    Path file = Files.writeString(dir.resolve("args"), "--folds\n3\n--folds\n4\n");
    InProcess r = InProcess.run("select", "@" + file);
    String line = oneLineError(r, "@-file");
    assertEquals("tikhonov: error: option '--folds' (K) should be specified only once", line);
  }

  /**
   * A mistyped flag close to an option with two names is offered one of them, the closest: it
   * was "did you mean --num-lambdas or --nlambda or --min-lambda?".
   */
  @Test
  void didYouMean_offersOneNameOfEachOption() {
    String line = oneLineError(InProcess.run("select", "--num-lambda", "3"), "--num-lambda");
    assertEquals("tikhonov: error: Unknown options: '--num-lambda', '3'; did you mean"
        + " --num-lambdas or --min-lambda?", line);
    for (Aliased a : aliased()) {
      for (String name : a.option().names()) {
        String typo = name.substring(0, name.length() - 1);
        String r = oneLineError(run(a, typo, "3"), typo);
        long offered = Arrays.stream(a.option().names())
            .filter(n -> r.matches(".*(did you mean|or) " + n + "[ ?].*")).count();
        assertTrue(offered <= 1, typo + ": " + r);
      }
    }
  }

  /**
   * A flag quoted inside a message, not only at its start (Flags.asTyped respelt only the
   * leading one): select --folds 3 --foldid F said "give either --cv-folds or --foldid, not
   * both". Advice about another command's flag keeps that command's spelling: path has no
   * --folds.
   */
  @Test
  void aFlagInsideAMessage_isNamedAsTyped_butAnotherCommandsIsNot() throws Exception {
    Path csv = Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n2,3\n3,5\n4,4\n5,7\n6,8\n");
    Path ids = Files.writeString(dir.resolve("ids.csv"), "1\n2\n1\n2\n1\n2\n");
    List<String> base = List.of("select", "--data", csv.toString(), "--target", "y",
        "--regression", "--out", dir.resolve("s").toString());
    List<String> both = new ArrayList<>(base);
    both.addAll(List.of("--folds", "3", "--foldid", ids.toString()));
    InProcess r = InProcess.run(both);
    assertEquals("tikhonov: error: give either --folds or --foldid, not both",
        oneLineError(r, both.toString()));
    List<String> auc = new ArrayList<>(base);
    auc.addAll(List.of("--folds", "3", "--cv-measure", "auc"));
    String line = oneLineError(InProcess.run(auc), auc.toString());
    assertTrue(line.endsWith("(a linear path's cross-validation scores by it: path --cv-folds K"
        + " --cv-measure auc)"), line);
  }
}
