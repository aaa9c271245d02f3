package dev.tikhonov.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Column names in a flag that takes several, split at commas (--ignore-columns a,b): a name
 * with a comma goes in double quotes as in a CSV file, {@code --ignore-columns '"a,1",b'}, and a
 * double quote inside a quoted name is doubled ({@code '"say ""hi""",b'}). picocli's split does
 * not split inside double quotes; {@link Unquote} takes the quotes off each name. Stateless, so
 * thread-safe.
 */
final class ColumnNames {
  private ColumnNames() {}

  /** One name of the flag's list, its CSV quotes taken off: "a,1" (in quotes) is a,1. */
  static final class Unquote implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return unquote(value);
    }
  }

  /** {@code value} without its enclosing double quotes, "" inside them read as one ". */
  static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replace("\"\"", "\"");
    }
    return value;
  }

  /**
   * {@code name} as one value of such a flag on a shell's command line: in CSV quotes when it
   * holds a comma or starts with a double quote, then as a shell word ({@link Flags#shellWord}):
   * {@code '"a,1"'} for a,1, {@code id} for id.
   */
  static String flagWord(String name) {
    String value = name.contains(",") || name.startsWith("\"")
        ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    return Flags.shellWord(value);
  }

  private static final Pattern SUGGESTION = Pattern.compile("; did you mean (\"[^\"]*\")"
      + "((?: or \"[^\"]*\")*)\\?$");

  /**
   * A refusal of one of the flag's names ending in "; did you mean "a,1"?": when a name it
   * suggests holds a comma, which the flag would split, the way to type it follows, "(give it
   * as --ignore-columns '"a,1"')". Other messages as they are.
   */
  static String typeableSuggestion(String message, String flag) {
    Matcher m = SUGGESTION.matcher(message);
    if (!m.find()) {
      return message;
    }
    java.util.List<String> words = new java.util.ArrayList<>();
    Matcher name = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1) + m.group(2));
    boolean comma = false;
    while (name.find()) {
      comma |= name.group(1).contains(",");
      words.add(flagWord(name.group(1)));
    }
    if (!comma) {
      return message;
    }
    return message + " (give it as " + flag + " " + String.join(" or ", words) + ")";
  }
}
