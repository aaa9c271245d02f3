package dev.tikhonov.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * The value of every flag that takes a whole number, alone or in a list ({@code --epochs},
 * {@code --seeds}, {@code --train-rows}, {@code --cv-folds}, ...), which
 * {@link Main#commandLine()} registers for {@code int}, {@code Integer}, {@code long} and
 * {@code Long}: read as Java reads one ({@link Integer#valueOf}, {@link Long#valueOf}, blanks
 * around it dropped).
 *
 * <p>picocli's own converters said {@code '' is not a long} of an empty item
 * ({@code --seeds ''}, {@code 0,,1}), where {@link DecimalValue} names an empty value as such,
 * and {@code '99999999999' is not an int} of a number out of range, as if it were not a number;
 * both are named here, the second with the range. Stateless.
 */
final class WholeValue<T> implements CommandLine.ITypeConverter<T> {
  private final String type;
  private final long min;
  private final long max;
  private final Function<String, T> parse;

  private WholeValue(String type, long min, long max, Function<String, T> parse) {
    this.type = type;
    this.min = min;
    this.max = max;
    this.parse = parse;
  }

  /** The converter of {@code int} and {@code Integer}. */
  static WholeValue<Integer> ofInt() {
    return new WholeValue<>("an int", Integer.MIN_VALUE, Integer.MAX_VALUE, Integer::valueOf);
  }

  /** The converter of {@code long} and {@code Long}. */
  static WholeValue<Long> ofLong() {
    return new WholeValue<>("a long", Long.MIN_VALUE, Long.MAX_VALUE, Long::valueOf);
  }

  @Override
  public T convert(String text) {
    DecimalValue.refuseBlank(text);
    String typed = text.strip();
    try {
      return parse.apply(typed);
    } catch (NumberFormatException e) {
      if (typed.matches("[+-]?[0-9]+")) {
        boolean negative = typed.startsWith("-");
        throw new CommandLine.TypeConversionException(typed + " is too "
            + (negative ? "small" : "large") + " for " + type + ": give at "
            + (negative ? "least " + min : "most " + max));
      }
      throw new CommandLine.TypeConversionException("'" + text + "' is not " + type);
    }
  }
}
