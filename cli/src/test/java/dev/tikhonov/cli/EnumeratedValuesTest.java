package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every enumerated value is read in any case: --model LINEAR, --family Gaussian and --cv-measure
 * MSE were taken while --optimizer ADAM, --schedule COSINE, --format ONNX, --rule MIN,
 * --direction DECREASING, --cv-alignment FRACTION, --methods WARM and "experiment
 * RIDGE-VS-LASSO" were refused (EnumeratedValue).
 */
class EnumeratedValuesTest {
  /** A command line, the flag (or "NAME" for experiment's name) and its value, lower case. */
  private record Case(String flag, String value, List<String> args) {}

  private static final List<Case> CASES = List.of(
      new Case("--model", "linear", List.of("train")),
      new Case("--model", "logistic", List.of("select", "--lambdas", "0.1,0.01")),
      new Case("--optimizer", "adam", List.of("train")),
      new Case("--optimizer", "rmsprop", List.of("select", "--lambdas", "0.1,0.01")),
      new Case("--optimizer", "momentum", List.of("grid", "--lambdas", "0.1")),
      new Case("--schedule", "cosine", List.of("train")),
      new Case("--schedule", "step", List.of("select", "--lambdas", "0.1,0.01")),
      new Case("--schedule", "cosine", List.of("grid", "--lambdas", "0.1")),
      new Case("--format", "onnx", List.of("export", "--model", "m.bin", "--out", "m.onnx")),
      new Case("--family", "poisson", List.of("path", "--data", "d.csv")),
      new Case("--multinomial-penalty", "grouped", List.of("path", "--data", "d.csv")),
      new Case("--cv-measure", "mae", List.of("path", "--data", "d.csv")),
      new Case("--cv-measure", "mse", List.of("select", "--lambdas", "0.1,0.01")),
      new Case("--cv-measure", "class", List.of("grid", "--lambdas", "0.1")),
      new Case("--cv-alignment", "fraction", List.of("path", "--data", "d.csv")),
      new Case("--save-lambda", "min", List.of("path", "--data", "d.csv")),
      new Case("--criterion", "loo", List.of("ridge", "--data", "d.csv")),
      new Case("--rule", "min", List.of("select", "--lambdas", "0.1,0.01")),
      new Case("--rule", "min", List.of("grid", "--lambdas", "0.1")),
      new Case("--direction", "decreasing", List.of("select", "--lambdas", "0.1,0.01")),
      new Case("--methods", "warm", List.of("experiment", "mnist-select")),
      new Case("NAME", "ridge-vs-lasso", List.of("experiment")));

  @Test
  void everyEnumeratedValue_inUpperOrMixedCase_readsAsTheLowerCaseOne() {
    for (Case c : CASES) {
      for (String typed : List.of(c.value().toUpperCase(Locale.ROOT), mixed(c.value()))) {
        assertEquals(parsed(c, c.value()), parsed(c, typed), c + " typed as '" + typed + "'");
      }
    }
  }

  /**
   * A stray blank inside the quotes (--family ' gaussian', --optimizer 'adam ', a script's
   * quoting) is dropped for every enumerated flag: EnumeratedValue's flags took it while
   * picocli's enums (--optimizer, --schedule, --format) refused it.
   */
  @Test
  void everyEnumeratedValue_withBlanksAround_readsAsTheWord() {
    for (Case c : CASES) {
      for (String typed : List.of(" " + c.value(), c.value() + " ", "\t" + c.value() + "\n")) {
        assertEquals(parsed(c, c.value()), parsed(c, typed), c + " typed as '" + typed + "'");
      }
    }
  }

  /** A value of blanks alone is refused as blank, not as "got ''" (exit 2, the flag named). */
  @Test
  void anEnumeratedValueOfBlanksAlone_isRefusedAsBlank() {
    for (Case c : CASES) {
      if (c.flag().equals("NAME")) {
        continue;
      }
      InProcess r = InProcess.run(Stream.concat(c.args().stream(), Stream.of(c.flag(), " "))
          .toArray(String[]::new));
      assertEquals(2, r.exit(), c + ": " + r.err());
      assertTrue(r.err().contains("'" + c.flag() + "'") && r.err().contains(" blank"),
          c + ": " + r.err());
    }
  }

  /** A picocli enum's refusal lists the words, says any case goes, and suggests a close one. */
  @Test
  void aMistypedEnumValue_isRefusedWithTheCloseOne() {
    InProcess r = InProcess.run("train", "--optimizer", "adan");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("tikhonov: error: Invalid value for option '--optimizer':"
        + " expected sgd, momentum, nesterov, adam, adamw or rmsprop (any case), got 'adan';"
        + " did you mean adam?"), r.err());
  }

  /** The list above is every option with completion candidates or an enum type. */
  @Test
  void theCasesCoverEveryEnumeratedFlag() {
    Set<String> enumerated = new TreeSet<>();
    List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine()));
    for (int i = 0; i < commands.size(); i++) {
      CommandLine c = commands.get(i);
      commands.addAll(c.getSubcommands().values());
      for (ArgSpec arg : c.getCommandSpec().args()) {
        if (arg.completionCandidates() != null || arg.type().isEnum()) {
          String name = arg instanceof OptionSpec o ? o.longestName() : "NAME";
          enumerated.add(c.getCommandName() + " " + name);
        }
      }
    }
    Set<String> covered = new TreeSet<>();
    CASES.forEach(c -> covered.add(c.args().get(0) + " " + c.flag()));
    enumerated.removeAll(covered);
    assertTrue(enumerated.isEmpty(), "not covered: " + enumerated);
  }

  private static Object parsed(Case c, String value) {
    List<String> args = new ArrayList<>(c.args());
    if (!c.flag().equals("NAME")) {
      args.add(c.flag());
    }
    args.add(value);
    CommandLine.ParseResult top = Main.commandLine().parseArgs(args.toArray(String[]::new));
    CommandLine.ParseResult sub = top.subcommand();
    return c.flag().equals("NAME") ? sub.matchedPositional(0).getValue()
        : sub.matchedOption(c.flag()).getValue();
  }

  private static String mixed(String value) {
    return Character.toUpperCase(value.charAt(0)) + value.substring(1);
  }
}
