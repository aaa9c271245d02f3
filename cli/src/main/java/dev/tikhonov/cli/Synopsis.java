package dev.tikhonov.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command's "Usage:" synopsis, in picocli's order (the short flags clustered, then the
 * flags without a value, with one, with a list, each by name, then the positional parameters),
 * but each option under its first declared name, the one the messages and docs use, and wrapped
 * between options only. picocli showed an option's shortest name ("[--folds=K]" in select's,
 * grid's and ridge's, where every message says --cv-folds) and wrapped inside a value's form
 * ("[--ignore-columns=NAME[," then "NAME...]]..." in evaluate's).
 *
 * <p>Stateless and thread-safe.
 */
final class Synopsis implements CommandLine.IHelpSectionRenderer {
  @Override
  public String render(CommandLine.Help help) {
    CommandSpec spec = help.commandSpec();
    List<String> tokens = tokens(spec);
    int heading = help.synopsisHeadingLength();
    String name = spec.qualifiedName();
    int width = spec.usageMessage().width();
    String indent = " ".repeat(heading + name.length() + 1);
    StringBuilder text = new StringBuilder(name);
    int column = heading + name.length();
    for (String token : tokens) {
      if (column + 1 + token.length() > width && column > indent.length()) {
        text.append(System.lineSeparator()).append(indent).append(token);
        column = indent.length() + token.length();
      } else {
        text.append(' ').append(token);
        column += 1 + token.length();
      }
    }
    return text.append(System.lineSeparator()).toString();
  }

  /** The synopsis's options, parameters and "[COMMAND]", in their order. */
  static List<String> tokens(CommandSpec spec) {
    List<String> tokens = new ArrayList<>();
    StringBuilder cluster = new StringBuilder();
    List<OptionSpec> named = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      String shortName = shortName(o);
      if (o.arity().max() == 0 && shortName != null && !o.required()) {
        cluster.append(shortName.charAt(1));
      } else {
        named.add(o);
      }
    }
    if (cluster.length() > 0) {
      tokens.add("[-" + cluster + "]");
    }
    named.sort(Comparator.comparingInt(Synopsis::kind).thenComparing(
        o -> o.names()[0].replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
    for (OptionSpec o : named) {
      tokens.add(option(o));
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
        tokens.add(p.arity().min() == 0 ? "[" + label + "]" : label);
      }
    }
    if (!spec.subcommands().isEmpty()) {
      tokens.add("[COMMAND]");
    }
    return tokens;
  }

  /** "-h" of an option that has a one-letter name, else null. */
  private static String shortName(OptionSpec o) {
    for (String n : o.names()) {
      if (n.length() == 2 && n.charAt(0) == '-' && n.charAt(1) != '-') {
        return n;
      }
    }
    return null;
  }

  /** 0 for a flag without a value, 1 for one value, 2 for a list (picocli's order). */
  private static int kind(OptionSpec o) {
    return o.arity().max() == 0 ? 0 : o.isMultiValue() ? 2 : 1;
  }

  /**
   * "[--cv-folds=K]", "--data=FILE" (required), "[--lambdas=λ[,λ...]]...", grid's required
   * "--lambdas=λ[,λ...]...", "[--[no-]evidence]".
   */
  private static String option(OptionSpec o) {
    String name = o.names()[0];
    if (o.negatable()) {
      name = "--[no-]" + name.replaceFirst("^--(no-)?", "");
    }
    String form = name;
    if (o.arity().max() > 0) {
      String label = o.paramLabel();
      String value = o.splitRegex().isEmpty() ? label
          : label + "[" + o.splitRegex() + label + "...]";
      form = name + (o.arity().min() == 0 ? "[=" + value + "]" : "=" + value);
    }
    if (o.required()) {
      // picocli's "--lambdas=λ[,λ...] [--lambdas=λ[,λ...]]..." said the flag twice
      return form + (o.isMultiValue() ? "..." : "");
    }
    return "[" + form + "]" + (o.isMultiValue() ? "..." : "");
  }
}
