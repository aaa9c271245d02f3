package dev.tikhonov.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * One rounding of "mean ± spread" for the HTML report and the CLI tables: the spread to 2
 * significant digits, the mean to the same decimal place. The report used to print
 * "0.9497 ± 0.004646" where the CLI printed "0.9497 ± 0.0046".
 */
class MeanStdTest {

  @Test
  void format_roundsTheSpreadToTwoDigitsAndTheMeanToItsPlace() {
    assertEquals("0.9497 ± 0.0046", MeanStd.format(0.949663, 0.004646));
    assertEquals("12.3 ± 1.2", MeanStd.format(12.345, 1.234));
    assertEquals("0.123 ± 0.014", MeanStd.format(0.12345, 0.01449));
    assertEquals("0.123 ± 0.015", MeanStd.format(0.12345, 0.0145));
    assertEquals("-0.123 ± 0.012", MeanStd.format(-0.123456, 0.0123));
    assertEquals("1235 ± 57", MeanStd.format(1234.5, 56.7));
    assertEquals("45700 ± 1200", MeanStd.format(45678, 1234));
    assertEquals("0.30 ± 0.25", MeanStd.format(0.3, 0.25));
  }

  /** 0.0996 rounds to 0.10, whose second digit is the hundredths: the mean follows it. */
  @Test
  void format_whenTheSpreadRoundsUpToTheNextDecade_keepsTwoDigits() {
    assertEquals("0.95 ± 0.10", MeanStd.format(0.94966, 0.0996));
    assertEquals("3 ± 10", MeanStd.format(3.4, 9.96));
  }

  @Test
  void format_farFromOne_sharesOnePowerOfTen() {
    assertEquals("(3.20 ± 0.15)e-8", MeanStd.format(3.2e-8, 1.5e-9));
    assertEquals("(1.234 ± 0.056)e6", MeanStd.format(1.23412e6, 5.6e4));
    assertEquals("(0.0 ± 5.0)e-7", MeanStd.format(1e-12, 5e-7));
    // a mean that rounds up into the next power of ten takes that power
    assertEquals("(1.0000 ± 0.0010)e-4", MeanStd.format(9.9996e-5, 1e-7));
    assertEquals("(-1.0000 ± 0.0012)e7", MeanStd.format(-9.9996e6, 1.2e4));
  }

  @Test
  void format_zeroOrAbsentSpread_keepsFourDigitsOfTheMean() {
    assertEquals("0.9497 ± 0", MeanStd.format(0.949663, 0));
    assertEquals("0.5 ± 0", MeanStd.format(0.5, 0));
    assertEquals("0.9497", MeanStd.format(0.949663, Double.NaN));
    assertEquals("1.235e-5", MeanStd.format(1.23456e-5, Double.NaN));
    assertEquals("0 ± 0", MeanStd.format(0, 0));
    assertEquals("–", MeanStd.format(Double.NaN, 0.1));
    assertEquals("0.9497 ± inf", MeanStd.format(0.949663, Double.POSITIVE_INFINITY));
  }
}
