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
      new Case("--rule", "min", List.of("ridge", "--data", "d.csv")),
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

  /**
   * A mistyped word of --direction, --cv-alignment, --cv-measure (path's five, a search's four)
   * or experiment's --methods is refused naming the flag and its words, with the close one when
   * there is one, exit 2, before any data are read; they named the words alone (or, --methods,
   * the core's setting), and a far word still gets no suggestion.
   */
  @Test
  void aMistypedWord_isRefusedWithTheFlagsWordsAndTheCloseOne() {
    String diabetes = java.nio.file.Path.of("..", "data", "diabetes.csv").toString();
    List<List<String>> cases = List.of(
        List.of("--direction must be increasing or decreasing (any case), got 'decresing';"
            + " did you mean decreasing?", "select", "--lambdas", "0.1,0.01", "--direction",
            "Decresing"),
        List.of("--direction must be increasing or decreasing (any case), got 'up'",
            "select", "--lambdas", "0.1,0.01", "--direction", "up"),
        List.of("--cv-alignment must be lambda or fraction (any case), got 'fracton'; did you"
            + " mean fraction?", "path", "--data", diabetes, "--cv-folds", "3",
            "--cv-alignment", "fracton"),
        List.of("--cv-measure must be deviance, mse, mae, class or auc (any case), got 'msa';"
            + " did you mean mse?", "path", "--data", diabetes, "--cv-folds", "3",
            "--cv-measure", "msa"),
        List.of("--cv-measure must be deviance, class, mse or mae (any case), got 'devance';"
            + " did you mean deviance?", "select", "--lambdas", "0.1,0.01", "--cv-measure",
            "devance"),
        List.of("--cv-measure must be deviance, class, mse or mae (any case), got 'clas'; did"
            + " you mean class?", "grid", "--lambdas", "0.1", "--cv-measure", "clas"),
        List.of("--methods must be warm, cold or warm-decreasing (any case), got 'wram'; did"
            + " you mean warm?", "experiment", "mnist-select", "--methods", "cold,wram"),
        List.of("--methods must be warm, cold or warm-decreasing (any case), got"
            + " 'warm-decreasng'; did you mean warm-decreasing?", "experiment", "mnist-select",
            "--methods", "warm-decreasng"),
        List.of("--criterion must be gcv, loo or cv (any case), got 'gvc'; did you mean gcv?",
            "ridge", "--data", diabetes, "--target", "y", "--criterion", "gvc"),
        List.of("--adaptive-pilot must be ridge or ols (any case), got 'lasso'", "path",
            "--data", diabetes, "--adaptive", "--adaptive-pilot", "lasso"),
        List.of("--multinomial-penalty must be grouped or ungrouped (any case), got 'gruoped';"
            + " did you mean grouped?", "path", "--data", diabetes, "--family", "multinomial",
            "--multinomial-penalty", "gruoped"),
        List.of("--model lineer: expected linear, logistic or mlp:W1,W2,... (any case; e.g."
            + " mlp:256,128); did you mean linear?", "train", "--model", "lineer"),
        List.of("--model mpl:64: expected linear, logistic or mlp:W1,W2,... (any case; e.g."
            + " mlp:256,128); did you mean mlp:64?", "grid", "--lambdas", "0.1",
            "--model", "MPL:64"),
        List.of("--model tree: expected linear, logistic or mlp:W1,W2,... (any case; e.g."
            + " mlp:256,128)", "select", "--model", "tree"));
    for (List<String> c : cases) {
      InProcess r = InProcess.run(c.subList(1, c.size()));
      assertEquals(2, r.exit(), c + ": " + r.err());
      assertEquals("tikhonov: error: " + c.get(0), r.err(), c.toString());
    }
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
