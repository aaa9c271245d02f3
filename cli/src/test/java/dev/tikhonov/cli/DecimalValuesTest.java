package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag of a decimal number, alone or in a list, reads it through {@link DecimalValue}:
 * {@code --lambdas 1e-400} was λ = 0 without a word (Double.parseDouble's underflow), and an
 * empty item ({@code --l1-ratio=}, {@code 0.5,,0.6}) was picocli's {@code '' is not a double}.
 */
class DecimalValuesTest {
  /** Each command with an option of type double or Double (or a list of them), and the flag. */
  private static List<String[]> decimalFlags() {
    List<String[]> flags = new ArrayList<>();
    List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine()));
    for (int i = 0; i < commands.size(); i++) {
      CommandLine c = commands.get(i);
      commands.addAll(c.getSubcommands().values());
      for (OptionSpec o : c.getCommandSpec().options()) {
        boolean decimal = o.type() == double.class || o.type() == Double.class
            || o.isMultiValue() && List.of(o.auxiliaryTypes()).contains(Double.class);
        if (decimal && o.converters().length == 0) {
          flags.add(new String[] {c.getCommandSpec().qualifiedName(" "), o.longestName()});
        }
      }
    }
    return flags;
  }

  private static String refusal(String command, String flag, String value) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1,
        command.split(" ").length));
    args.add(flag + "=" + value);
    return assertThrows(CommandLine.ParameterException.class,
        () -> Main.commandLine().parseArgs(args.toArray(String[]::new)),
        command + " " + flag + "=" + value).getMessage();
  }

  @Test
  void everyDecimalFlag_refusesANonzeroValueThatRoundsTo0_orBelowTheNormalNumbers() {
    List<String[]> flags = decimalFlags();
    assertTrue(flags.size() > 20, "too few decimal flags found: " + flags.size());
    for (String[] f : flags) {
      assertTrue(refusal(f[0], f[1], "1e-400").endsWith(": 1e-400 rounds to 0 in double"
          + " precision (2.2e-308); give 0 or a number of at least 2.2e-308"), f[1]);
      assertTrue(refusal(f[0], f[1], "-0x1p-1100").contains(": -0x1p-1100 rounds to 0"), f[1]);
      assertTrue(refusal(f[0], f[1], "1e-310").endsWith(": 1e-310 is below the smallest normal"
          + " number in double precision (2.2e-308); give 0 or a number of at least 2.2e-308"),
          f[1]);
      assertTrue(refusal(f[0], f[1], "abc").endsWith(": 'abc' is not a double"), f[1]);
    }
  }

  @Test
  void everyDecimalListFlag_namesAnEmptyItem() {
    String empty = ": an empty value where a number belongs (two commas in a row, a comma first,"
        + " or nothing after '='); give the number";
    int lists = 0;
    for (String[] f : decimalFlags()) {
      assertTrue(refusal(f[0], f[1], "").endsWith(empty), f[1] + ": " + refusal(f[0], f[1], ""));
      assertTrue(refusal(f[0], f[1], " ").endsWith(empty), f[1]);
    }
    for (String flag : List.of("--lambdas", "--l1-ratio", "--gammas")) {
      assertTrue(refusal("tikhonov path", flag, "0.5,,0.6").endsWith(empty), flag);
      lists++;
    }
    for (String flag : List.of("--lambdas", "--dropouts", "--weight-decays",
        "--learning-rates")) {
      assertTrue(refusal("tikhonov grid", flag, ",0.5").endsWith(empty), flag);
      lists++;
    }
    assertEquals(7, lists);
  }

  @Test
  void zeroAndOrdinaryNumbers_areReadAsBefore() {
    DecimalValue read = new DecimalValue();
    for (String zero : List.of("0", "0.0", "-0", "0e5", "0x0p3", " 0 ")) {
      assertEquals(0.0, Math.abs(read.convert(zero)), zero);
    }
    assertEquals(1e-300, read.convert("1e-300"));
    assertEquals(Double.MIN_NORMAL, read.convert("2.2250738585072014E-308"));
    assertEquals(0.5, read.convert(" 0.5 "));
    assertEquals(-3.0, read.convert("-3"));
    assertTrue(Double.isNaN(read.convert("NaN"))); // the flags' own checks name NaN
    assertFalse(Double.isFinite(read.convert("Infinity")));
  }

  /** As a user meets it: exit 2 and the flag named, before any data are read. */
  @Test
  void ridgeLambdas1eMinus400_isRefusedNamingTheFlag() {
    InProcess r = InProcess.run("ridge", "--data", "nothere.csv", "--target", "y", "--lambdas",
        "0.1,1e-400");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("tikhonov: error: Invalid value for option '--lambdas' (λ):"
        + " 1e-400 rounds to 0 in double precision"), r.err());
  }
}
