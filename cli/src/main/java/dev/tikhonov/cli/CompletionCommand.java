package dev.tikhonov.cli;

import dev.tikhonov.loss.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tikhonov completion}: prints a bash completion script for every command and
 * flag, made by picocli's {@link AutoComplete} from the same command model that parses the
 * flags, so it cannot fall behind them. File flags complete file names; flags with a fixed set
 * of values ({@code --family}, {@code --optimizer}, an experiment's NAME) complete those values;
 * negatable flags complete their negated names too, and {@code help} the command names.
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(
    name = "completion",
    header = "Print a bash completion script: source <(./tikhonov completion).",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash completion script on stdout: TAB then completes commands, flags, file",
      "names and the values of flags with fixed choices (picocli's generator, from the same",
      "model that parses the flags).",
      "",
      "For this shell:",
      "  source <(./tikhonov completion)",
      "For every new shell (Debian's bash-completion package loads it on first TAB):",
      "  mkdir -p ~/.local/share/bash-completion/completions",
      "  ./tikhonov completion > ~/.local/share/bash-completion/completions/tikhonov",
      "",
      "It completes the command typed as tikhonov (on the PATH or an alias) or ./tikhonov;",
      "typed by another path, the first TAB of a new shell may only load the script.",
      ""
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    spec.commandLine().getOut().print(completeMore(AutoComplete.bash("tikhonov", root), root));
    // bash finds this for ./tikhonov through the word's last part, except on the first TAB of a
    // shell whose bash-completion loads the script lazily: that retry looks up the whole word.
    spec.commandLine().getOut().println("complete -F _complete_tikhonov -o default ./tikhonov");
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * The script of picocli's generator with what it leaves out: the negated names of negatable
   * flags (select's {@code --no-evidence}), and the command names after {@code help}.
   */
  static String completeMore(String script, CommandLine root) {
    return completeMore(script, root, "_picocli_" + root.getCommandName());
  }

  private static String completeMore(String script, CommandLine command, String function) {
    List<String> negated = new ArrayList<>();
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (option.negatable()) {
        negated.add("'" + command.getNegatableOptionTransformer()
            .makeNegative(option.longestName(), command.getCommandSpec()) + "'");
      }
    }
    if (!negated.isEmpty()) {
      script = replaceInFunction(script, function, "local flag_opts=\"",
          "local flag_opts=\"" + String.join(" ", negated) + " ");
    }
    if (command.getCommandSpec().helpCommand() && command.getParent() != null) {
      script = replaceInFunction(script, function, "local commands=\"\"", "local commands=\""
          + String.join(" ", command.getParent().getSubcommands().keySet()) + "\"");
    }
    for (var sub : command.getSubcommands().entrySet()) {
      script = completeMore(script, sub.getValue(), function + "_" + sub.getKey());
    }
    return script;
  }

  /** {@code script} with the first {@code old} after {@code function}'s start made {@code new}. */
  private static String replaceInFunction(String script, String function, String old,
      String replacement) {
    int start = script.indexOf("function " + function + "() {");
    int at = start < 0 ? -1 : script.indexOf(old, start);
    if (at < 0) {
      // picocli's generator changed: CompletionTest says so
      throw new IllegalStateException("no " + old + " in " + function + " of the script");
    }
    return script.substring(0, at) + replacement + script.substring(at + old.length());
  }

  /**
   * A flag's fixed values, for completion; a subclass next to the flag names them (picocli
   * makes it with its no-argument constructor).
   */
  abstract static class Choices implements Iterable<String> {
    private final List<String> values;

    Choices(String... values) {
      this(List.of(values));
    }

    Choices(List<String> values) {
      this.values = values;
    }

    @Override
    public Iterator<String> iterator() {
      return values.iterator();
    }
  }

  /** {@code --rule} and {@code --save-lambda}'s named values. */
  static final class Rules extends Choices {
    Rules() {
      super("1se", "min");
    }
  }

  /** {@code select --direction}. */
  static final class Directions extends Choices {
    Directions() {
      super("increasing", "decreasing");
    }
  }

  /** {@code experiment --methods}. */
  static final class Methods extends Choices {
    Methods() {
      super("warm", "cold", "warm-decreasing");
    }
  }

  /** {@code path --family}: the families' names in lower case. */
  static final class Families extends Choices {
    Families() {
      super(Arrays.stream(Family.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
    }
  }

  /** {@code path --multinomial-penalty}: the penalties' names in lower case. */
  static final class MultinomialPenalties extends Choices {
    MultinomialPenalties() {
      super(Arrays.stream(dev.tikhonov.linear.MultinomialPenalty.values())
          .map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
    }
  }

  /** {@code path --cv-measure}. */
  static final class CvMeasures extends Choices {
    CvMeasures() {
      super(dev.tikhonov.select.CvMeasure.ids());
    }
  }

  /** {@code select}/{@code grid --cv-measure}: the measures a search scores by. */
  static final class SearchMeasures extends Choices {
    SearchMeasures() {
      super(List.of("deviance", "class", "mse", "mae"));
    }
  }

  /** {@code ridge --criterion}. */
  static final class RidgeCriteria extends Choices {
    RidgeCriteria() {
      super("gcv", "loo", "cv");
    }
  }

  /** {@code experiment NAME}. */
  static final class Experiments extends Choices {
    Experiments() {
      super(ExperimentCommand.NAMES);
    }
  }
}
