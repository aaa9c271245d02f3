package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.cli.EnumeratedValue;
import dev.tikhonov.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The cli module's EnumeratedValuesTest for bench's command tree, which joins the command line
 * only with this module on the class path: bench sparse --family took gaussian and binomial in
 * any case (a switch of its own) but kept the typed spelling, refused ' gaussian', and its
 * refusal suggested nothing.
 */
class BenchEnumeratedValuesTest {
  /** A bench command line, the flag and its value, lower case. */
  private record Case(String flag, String value, List<String> args) {}

  private static final List<Case> CASES = List.of(
      new Case("--family", "gaussian", List.of("bench", "sparse", "--out", "o")),
      new Case("--family", "binomial", List.of("bench", "sparse", "--out", "o")));

  @Test
  void everyEnumeratedValue_inAnyCaseOrWithBlanksAround_readsAsTheLowerCaseWord() {
    for (Case c : CASES) {
      String upper = c.value().toUpperCase(Locale.ROOT);
      String mixed = Character.toUpperCase(c.value().charAt(0)) + c.value().substring(1);
      for (String typed : List.of(c.value(), upper, mixed, " " + c.value(), c.value() + " ")) {
        assertEquals(c.value(), parsed(c, typed), c + " typed as '" + typed + "'");
      }
    }
  }

  /** The list above is every bench option with completion candidates, an enum type or words. */
  @Test
  void theCasesCoverEveryEnumeratedFlagOfBench() {
    Set<String> enumerated = new TreeSet<>();
    List<CommandLine> commands = new ArrayList<>(
        List.of(Main.commandLine().getSubcommands().get("bench")));
    for (int i = 0; i < commands.size(); i++) {
      CommandLine c = commands.get(i);
      commands.addAll(c.getSubcommands().values());
      for (ArgSpec arg : c.getCommandSpec().args()) {
        boolean words = List.of(arg.converters()).stream()
            .anyMatch(EnumeratedValue.class::isInstance);
        if (arg.completionCandidates() != null || arg.type().isEnum() || words) {
          String name = arg instanceof OptionSpec o ? o.longestName() : "NAME";
          enumerated.add(c.getCommandName() + " " + name);
        }
      }
    }
    assertTrue(enumerated.contains("sparse --family"), "found: " + enumerated);
    Set<String> covered = new TreeSet<>();
    CASES.forEach(c -> covered.add(c.args().get(1) + " " + c.flag()));
    enumerated.removeAll(covered);
    assertTrue(enumerated.isEmpty(), "not covered: " + enumerated);
  }

  /** The refusal is path --family's, with the close word. */
  @Test
  void aMistypedFamily_isRefusedWithTheCloseOne() {
    var cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("bench", "sparse", "--family", "gausian", "--no-peer", "--out",
        "o"), err.toString());
    assertEquals("tikhonov: error: --family must be gaussian or binomial (any case), got 'gausian'; did"
        + " you mean gaussian?", err.toString().strip());
  }

  private static Object parsed(Case c, String value) {
    List<String> args = new ArrayList<>(c.args());
    args.add(c.flag());
    args.add(value);
    CommandLine.ParseResult result = Main.commandLine().parseArgs(args.toArray(String[]::new));
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.matchedOption(c.flag()).getValue();
  }
}
