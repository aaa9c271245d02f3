package dev.tikhonov.cli;

import picocli.CommandLine;

/**
 * The value of every flag that takes a decimal number, alone or in a list ({@code --lambdas},
 * {@code --l1-ratio}, {@code --weight-decays}, {@code --gammas}, {@code --lambda}, ...), which
 * {@link Main#commandLine()} registers for {@code double} and {@code Double}: read as Java reads
 * a double ({@link Double#valueOf}, blanks around it dropped), and refused where that reading
 * would not be the number typed.
 *
 * <p>A nonzero decimal below the smallest normal double (2.2250738585072014E-308) was taken as
 * something else without a word: {@code --lambdas 1e-400} became λ = 0, an unpenalized fit, and
 * 1e-310 a subnormal number, held to fewer digits than typed, whose reciprocal is infinite. Both
 * are refused; 0 itself ({@code 0}, {@code 0.0}, {@code 0e5}) is taken. An empty item of a list
 * ({@code --l1-ratio=}, {@code 0.5,,0.6}) was picocli's {@code '' is not a double}; it is named
 * as such (a comma at the list's end is dropped by picocli before this converter sees it).
 * Stateless.
 */
final class DecimalValue implements CommandLine.ITypeConverter<Double> {
  @Override
  public Double convert(String text) {
    refuseBlank(text);
    String typed = text.strip();
    double value;
    try {
      value = Double.valueOf(typed);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + text + "' is not a double");
    }
    boolean roundsToZero = value == 0 && hasNonzeroDigit(typed);
    if (roundsToZero || value != 0 && Math.abs(value) < Double.MIN_NORMAL) {
      throw new CommandLine.TypeConversionException(typed + (roundsToZero ? " rounds to 0"
          : " is below the smallest normal number") + " in double precision (2.2e-308);"
          + " give 0 or a number of at least 2.2e-308");
    }
    return value;
  }

  /** Refuses an empty or blank value of a number flag, decimal or whole ({@link WholeValue}). */
  static void refuseBlank(String text) {
    if (text.isBlank()) {
      throw new CommandLine.TypeConversionException("an empty value where a number belongs"
          + " (two commas in a row, a comma first, or nothing after '='); give the number");
    }
  }

  /** Whether the digits before the exponent are not all 0 (hexadecimal ones too). */
  private static boolean hasNonzeroDigit(String typed) {
    String lower = typed.toLowerCase(java.util.Locale.ROOT);
    boolean hex = lower.matches("[+-]?0x.*");
    String digits = hex ? lower.replaceFirst("^[+-]?0x", "").replaceFirst("p.*$", "")
        : lower.replaceFirst("e.*$", "");
    return digits.chars().anyMatch(c -> c >= '1' && c <= '9' || hex && c >= 'a' && c <= 'f');
  }
}
