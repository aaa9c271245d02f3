package dev.tikhonov.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The value of a flag that takes one of a few words (--rule, --direction, --cv-alignment,
 * --family, --methods, the experiment's name, ...) in lower case, without surrounding blanks.
 *
 * <p>Every enumerated value of the CLI is accepted in any case, and the command, its messages
 * and run.json see the one lower-case spelling. --model, --family and --cv-measure always took
 * LINEAR or Gaussian while --optimizer ADAM, --rule MIN and "experiment RIDGE-VS-LASSO" were
 * refused; no two values of a flag differ only in case, so reading any case cannot pick the
 * wrong one, and refusing it only cost a retry. Blanks around the word (--family ' gaussian',
 * a script's stray space inside the quotes) are dropped alike: no value has one, and the
 * refusal read "got ' gaussian'", which hides the blank, while picocli's enums (--optimizer
 * 'adam ') were refused and --family ' gaussian' taken. A blank value is refused as such. The
 * picocli enums (--optimizer, --schedule, --format) get the same from {@link #ofEnum}, which
 * {@link Main#commandLine()} registers for every enum type of the command tree. Flags' own
 * names stay as they are spelt ({@link FlagSuggestions} suggests --lambda for --Lambda): they
 * are the syntax, and one spelling keeps command lines alike. Stateless.
 */
public final class EnumeratedValue implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    if (value.isBlank()) {
      throw new CommandLine.TypeConversionException("the value is "
          + (value.isEmpty() ? "empty" : "blank") + "; give one of the flag's words");
    }
    return value.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The refusal of {@code typed} as a value of {@code flag}: "--family must be gaussian or
   * binomial (any case), got 'gausian'; did you mean gaussian?", the suggestion only when a
   * value is close in spelling, and only the closest ({@link FlagSuggestions#nearest}). "(any
   * case)" as {@link #ofEnum}'s refusals say it: every flag refused here reads its value in any
   * case, and a user who typed GAUSIAN should not think the capitals were the fault.
   *
   * @param values the flag's values, in the order the message lists them
   */
  public static String refusal(String flag, List<String> values, String typed) {
    return flag + " must be " + listed(values) + " (any case), got '" + typed + "'"
        + suggestion(typed, values);
  }

  /**
   * The converter of a picocli enum option: any case, blanks around the word dropped, as
   * {@link #convert} reads the others; a word that is none of the constants is refused naming
   * them all and the close ones ("expected sgd, …, adam, adamw or rmsprop (any case), got
   * 'adan'; did you mean adam?").
   */
  static <E extends Enum<E>> CommandLine.ITypeConverter<E> ofEnum(Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::toString).toList();
    return value -> {
      String word = new EnumeratedValue().convert(value);
      for (E constant : type.getEnumConstants()) {
        if (constant.toString().equalsIgnoreCase(word) || constant.name().equalsIgnoreCase(word)) {
          return constant;
        }
      }
      throw new CommandLine.TypeConversionException("expected " + listed(names)
          + " (any case), got '" + value + "'" + suggestion(word, names));
    };
  }

  private static String listed(List<String> values) {
    return values.size() == 1 ? values.get(0)
        : String.join(", ", values.subList(0, values.size() - 1)) + " or "
            + values.get(values.size() - 1);
  }

  private static String suggestion(String typed, List<String> values) {
    List<String> close = FlagSuggestions.nearest(typed.strip(), values);
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
  }
}
