package dev.tikhonov.cli;

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
 * wrong one, and refusing it only cost a retry. The picocli enums (--optimizer, --schedule,
 * --format) get the same from {@link Main#commandLine()}. Flags' own names stay as they are
 * spelt ({@link FlagSuggestions} suggests --lambda for --Lambda): they are the syntax, and one
 * spelling keeps command lines alike. Stateless.
 */
final class EnumeratedValue implements CommandLine.ITypeConverter<String> {
  @Override
  public String convert(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
