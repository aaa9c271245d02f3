package dev.tikhonov.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Speaks of flags where the library speaks of settings: the core's validation messages start
 * with the setting's Java name ("lambda must be …", "batchSize must be …"); a command builds its
 * estimator through {@link #translate}, which turns such a message into one about the flag the
 * user typed ("--lambda must be …"). Only the CLI knows flag names.
 *
 * <p>It also refuses a flag typed where it has no effect ({@link Conditional}): a flag that a
 * command accepted and then ignored would leave the user believing it had been applied.
 */
final class Flags {
  private Flags() {}

  /**
   * A command, or a group of its flags (a picocli mixin), with flags that apply only in some
   * combinations. Before a command runs, {@link #refuseIgnored(ParseResult)} (Main's execution
   * strategy) calls {@link #refuseIgnored(Given)} on the command and on each of its mixins, so
   * the refusal comes before any data are read or any output is created.
   */
  interface Conditional {
    /** Calls {@link Given#requireApplies} for each flag that applies only in some cases. */
    void refuseIgnored(Given given);
  }

  /** The flags typed on one command line (picocli's parse result), whatever their values. */
  static final class Given {
    private final ParseResult parsed;

    Given(ParseResult parsed) {
      this.parsed = parsed;
    }

    /** Whether {@code flag} (any of its names) was typed, even with its default value. */
    boolean has(String flag) {
      return parsed.hasMatchedOption(flag);
    }

    /**
     * Refuses {@code flag} when it was typed but does not apply: an IllegalArgumentException
     * (exit code 2) "FLAG applies only WHEN; it has no effect HERE", FLAG by the name typed
     * ({@link #typed}), e.g. "--momentum applies only to --optimizer momentum and nesterov; it
     * has no effect with --optimizer adam".
     *
     * @param flag the flag's name as the message shows it; its first word is the flag looked
     *     for ("--validation-fraction 0" looks for --validation-fraction)
     * @param applies whether the flag has an effect in this combination
     * @param when where it applies ("to --optimizer momentum and nesterov")
     * @param here why not in this combination ("with --optimizer adam")
     */
    void requireApplies(String flag, boolean applies, String when, String here) {
      String[] words = flag.split(" ", 2);
      if (!applies && has(words[0])) {
        throw new IllegalArgumentException(typed(words[0])
            + (words.length > 1 ? " " + words[1] : "") + " applies only " + when
            + "; it has no effect " + here);
      }
    }

    /**
     * The name of {@code flag} the user typed (path --fold-seed, not its other name --seed;
     * "--fold-seed=3" as --fold-seed), the first when several were; {@code flag} itself when
     * none of its names is found among the arguments.
     */
    String typed(String flag) {
      picocli.CommandLine.Model.OptionSpec option = parsed.matchedOption(flag);
      if (option == null) {
        return flag;
      }
      for (String arg : parsed.expandedArgs()) {
        for (String name : option.names()) {
          if (arg.equals(name) || arg.startsWith(name + "=")) {
            return name;
          }
        }
      }
      return flag;
    }
  }

  /**
   * Runs the {@link Conditional} checks of the command that {@code parseResult} selects (the
   * last subcommand) and of its mixins, unless help or the version was asked for. A refusal is
   * thrown as picocli's ExecutionException, so it is reported like the command's own errors.
   */
  static void refuseIgnored(ParseResult parseResult) {
    ParseResult last = parseResult;
    while (true) {
      if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
        return;
      }
      if (!last.hasSubcommand()) {
        break;
      }
      last = last.subcommand();
    }
    Given given = new Given(last);
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<CommandSpec> specs = new ArrayDeque<>();
    specs.add(last.commandSpec());
    while (!specs.isEmpty()) {
      CommandSpec spec = specs.pop();
      specs.addAll(spec.mixins().values());
      if (spec.userObject() instanceof Conditional c && seen.add(c)) {
        try {
          c.refuseIgnored(given);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ExecutionException(last.commandSpec().commandLine(),
              e.getMessage(), e);
        }
      }
    }
  }

  /** Setting name at the start of a core message → the flag that sets it (longest first). */
  private static final Map<String, String> FLAGS = new LinkedHashMap<>();

  static {
    FLAGS.put("hidden layer widths", "--model");
    FLAGS.put("lambdaMinRatio", "--lambda-min-ratio");
    FLAGS.put("maxIterations", "--max-iterations");
    FLAGS.put("numLambdas", "--nlambda");
    FLAGS.put("numFolds", "--cv-folds");
    FLAGS.put("tolerance", "--tol");
    FLAGS.put("l1Ratio (α)", "--l1-ratio");
    FLAGS.put("lambdas", "--lambdas");
    FLAGS.put("validationFraction", "--validation-fraction");
    FLAGS.put("Nesterov momentum", "--momentum");
    FLAGS.put("learning rate", "--lr");
    FLAGS.put("weightDecay", "--weight-decay");
    FLAGS.put("weight decay", "--weight-decay");
    FLAGS.put("batchSize", "--batch-size");
    FLAGS.put("clip norm", "--clip-norm");
    FLAGS.put("l1Ratio", "--l1-ratio");
    FLAGS.put("patience", "--patience");
    FLAGS.put("momentum", "--momentum");
    FLAGS.put("dropout", "--dropout");
    FLAGS.put("threads", "--threads");
    FLAGS.put("epochs", "--epochs");
    FLAGS.put("lambda", "--lambda");
    FLAGS.put("seed", "--seed");
    FLAGS.put("minLambda", "--min-lambda");
    FLAGS.put("warmEpochs", "--warm-epochs");
    FLAGS.put("testFraction", "--holdout");
    FLAGS.put("repeated seeds", "--repeat-seeds");
    FLAGS.put("dropouts", "--dropouts");
    FLAGS.put("weightDecays", "--weight-decays");
    FLAGS.put("learningRates", "--learning-rates");
    FLAGS.put("everyEpochs", "--step-epochs");
    FLAGS.put("trainRows", "--train-rows");
    FLAGS.put("methods", "--methods");
  }

  /** Setting name → flag, in the order {@link #toFlags} tries them (for FlagsMappingTest). */
  static Map<String, String> mappings() {
    return Collections.unmodifiableMap(FLAGS);
  }

  /**
   * Runs {@code build}, re-throwing a setting's IllegalArgumentException in terms of flags. An
   * InputException (an IllegalArgumentException too) passes through as it is: callers catch it
   * by type, and {@link Main#report} names the flags in its message.
   */
  static <T> T translate(Supplier<T> build) {
    try {
      return build.get();
    } catch (dev.tikhonov.data.InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(toFlags(e.getMessage()), e);
    }
  }

  /**
   * The setting that an {@link dev.tikhonov.data.InputException#about} names → the flag that
   * sets it, for the settings whose flag is the same in every command.
   */
  private static final Map<String, String> SETTINGS = Map.of(
      "ignoredColumns", "--ignore-columns", "measure", "--cv-measure",
      "weightColumn", "--weights");

  /**
   * {@code e}'s message for a user: an InputException about a setting ({@link
   * dev.tikhonov.data.InputException#setting()}) that has a flag names the flag in place of the
   * setting, found by the setting and not by the wording; a {@link
   * dev.tikhonov.data.TextColumnException} gives its remedy as the flag; any other message as
   * {@link #toFlags} gives it.
   */
  static String message(Throwable e) {
    if (e instanceof dev.tikhonov.data.TextColumnException text) {
      return text.problem() + "; a column of text (an id, a name) can be left out with"
          + " --ignore-columns " + ColumnNames.flagWord(text.column());
    }
    if (e instanceof dev.tikhonov.data.InputException input && input.setting().isPresent()
        && SETTINGS.containsKey(input.setting().get())) {
      String flag = SETTINGS.get(input.setting().get());
      return input.setting().get().equals("ignoredColumns")
          ? ColumnNames.typeableSuggestion(flag + input.afterSetting(), flag)
          : flag + input.afterSetting();
    }
    return toFlags(e.getMessage());
  }

  /**
   * A diverged training's message for a user: the core's remedies for a target and for
   * features far from unit scale ({@link dev.tikhonov.train.Trainer#TARGET_REMEDY},
   * {@link dev.tikhonov.train.Trainer#FEATURE_REMEDY}) named by their flags.
   */
  static String divergence(dev.tikhonov.train.DivergenceException e) {
    return e.getMessage().replace(dev.tikhonov.train.Trainer.TARGET_REMEDY,
        "add --standardize-target").replace(dev.tikhonov.train.Trainer.FEATURE_REMEDY,
        "add --standardize");
  }

  /** {@code word} as a shell would read it back: as it is, or in single quotes. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_.:/@%+=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * {@code message} with each flag it names spelt as the user typed it, when that flag is an
   * option of the command {@code parsed} selects (its last subcommand) that has several names:
   * "--folds must be >= 2" after {@code select --folds 1}, and "give either --folds or
   * --foldid, not both" after {@code select --folds 3 --foldid F}. The translations here
   * ({@link #toFlags}, a command's own) give an option's first name, and a user who typed its
   * other name (--folds, --num-lambdas) was told of a flag not typed. See {@link #respelt}.
   */
  static String asTyped(String message, ParseResult parsed) {
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    return respelt(message, last.commandSpec(), parsed.expandedArgs());
  }

  /**
   * picocli's message about {@code ex}'s command line with each option named as the user typed
   * it: it names an option by its longest name ("option '--cv-folds' (K) should be specified
   * only once", "Missing required parameter for option '--cv-folds' (K)", "Invalid value for
   * option '--cv-folds': 'x' is not an int") where the user typed --folds. An option given
   * twice under both its names says so ("option '--folds' (K) should be specified only once
   * (--cv-folds is another name for --folds)"), and a value refused is named by the name it
   * was typed with.
   *
   * @param args the command line as given (picocli's @-files are read here too)
   */
  static String asTyped(CommandLine.ParameterException ex, String[] args) {
    String message = String.valueOf(ex.getMessage());
    CommandLine command = ex.getCommandLine();
    List<String> tokens = expanded(command, args);
    CommandLine.Model.ArgSpec arg = ex instanceof CommandLine.OverwrittenOptionException o
        ? o.getOverwritten() : ex instanceof CommandLine.MissingParameterException m
            && m.getMissing().size() == 1 ? m.getMissing().get(0) : ex.getArgSpec();
    if (arg instanceof OptionSpec option && option.names().length > 1) {
      List<Typed> typed = typedNames(option, tokens);
      List<String> names = typed.stream().map(Typed::name).distinct().toList();
      if (names.size() > 1) {
        String shown = names.get(0);
        if (!(ex instanceof CommandLine.OverwrittenOptionException)) {
          // the occurrence whose value was refused, else the last: picocli stops at the first
          // problem, with the values before it taken
          shown = typed.get(typed.size() - 1).name();
          for (Typed t : typed) {
            if (t.value() != null && t.value().equals(ex.getValue())) {
              shown = t.name();
              break;
            }
          }
        }
        String name = shown;
        String others = names.stream().filter(n -> !n.equals(name)).collect(
            java.util.stream.Collectors.joining(" and "));
        return respell(message, option, name, commandNames(command),
            typedValues(command.getCommandSpec(), tokens)) + (ex
            instanceof CommandLine.OverwrittenOptionException ? " (" + others + " is another"
            + " name for " + name + ")" : "");
      }
    }
    return respelt(message, command.getCommandSpec(), tokens);
  }

  /**
   * {@code message} with each flag word that is a name of an option of {@code spec} with
   * several names, of which the user typed one other name ({@code tokens}), respelt as typed.
   * A flag after a command's name ("path --cv-folds K", advice about another command) is that
   * command's and is kept; so is every name of an option typed under two names.
   */
  static String respelt(String message, CommandSpec spec, List<String> tokens) {
    String result = message;
    for (OptionSpec option : spec.options()) {
      if (option.names().length < 2) {
        continue;
      }
      List<String> names = typedNames(option, tokens).stream().map(Typed::name).distinct()
          .toList();
      if (names.size() == 1) {
        CommandLine line = spec.commandLine();
        result = respell(result, option, names.get(0),
            line == null ? Set.of() : commandNames(line), typedValues(spec, tokens));
      }
    }
    return result;
  }

  /**
   * {@code message} with the other names of {@code option} as {@code typed}, except inside a
   * value the user typed ({@code values}, {@link #typedValues}) that the message quotes: a file
   * named /tmp/--cv-folds.csv was told of as /tmp/--folds.csv after --folds.
   */
  private static String respell(String message, OptionSpec option, String typed,
      Set<String> commands, List<String> values) {
    String result = message;
    for (String name : option.names()) {
      if (name.equals(typed)) {
        continue;
      }
      boolean[] quoted = within(result, values);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![A-Za-z0-9-])"
          + java.util.regex.Pattern.quote(name) + "(?![A-Za-z0-9-])").matcher(result);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        if (quoted[m.start()]) {
          m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(name));
          continue;
        }
        String before = result.substring(0, m.start());
        String word = before.endsWith(" ") ? before.substring(before.stripTrailing()
            .lastIndexOf(' ') + 1).strip().replaceAll("^[^a-z]+", "") : "";
        m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
            commands.contains(word) ? name : typed));
      }
      m.appendTail(out);
      result = out.toString();
    }
    return result;
  }

  /** Which characters of {@code message} lie in an occurrence of one of {@code values}. */
  private static boolean[] within(String message, List<String> values) {
    boolean[] in = new boolean[message.length()];
    for (String v : values) {
      for (int i = message.indexOf(v); i >= 0; i = message.indexOf(v, i + 1)) {
        java.util.Arrays.fill(in, i, i + v.length(), true);
      }
    }
    return in;
  }

  /**
   * The values among {@code tokens} that hold a '-' (a token that names no option of
   * {@code spec}, or what follows an option's name and '='): file names and values a message
   * may quote, which no respelling may change.
   */
  private static List<String> typedValues(CommandSpec spec, List<String> tokens) {
    List<String> values = new ArrayList<>();
    for (String token : tokens) {
      int eq = token.indexOf('=');
      String value = token.startsWith("-") && eq > 0 && spec.findOption(token.substring(0, eq))
          != null ? token.substring(eq + 1) : spec.findOption(token) != null ? "" : token;
      if (value.indexOf('-') >= 0) {
        values.add(value);
      }
    }
    return values;
  }

  /** One occurrence of an option on the command line: the name typed, its value if any. */
  private record Typed(String name, String value) {}

  /** The occurrences of {@code option}'s names among {@code tokens}, in order. */
  private static List<Typed> typedNames(OptionSpec option, List<String> tokens) {
    List<Typed> typed = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if ("--".equals(token)) {
        break;
      }
      for (String name : option.names()) {
        if (token.equals(name)) {
          typed.add(new Typed(name, i + 1 < tokens.size() ? tokens.get(i + 1) : null));
        } else if (token.startsWith(name + "=")) {
          typed.add(new Typed(name, token.substring(name.length() + 1)));
        }
      }
    }
    return typed;
  }

  /** The names of the tree's commands ("path", "select", …), from the root of {@code line}. */
  private static Set<String> commandNames(CommandLine line) {
    CommandLine root = line;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Set<String> names = new java.util.HashSet<>();
    Deque<CommandLine> commands = new ArrayDeque<>(List.of(root));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      names.addAll(c.getSubcommands().keySet());
      commands.addAll(c.getSubcommands().values());
    }
    return names;
  }

  /**
   * The arguments as picocli read them (its @-files expanded), from the root's parse result
   * when parsing got as far as making one, else {@code args} as given.
   */
  private static List<String> expanded(CommandLine command, String[] args) {
    CommandLine root = command;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    ParseResult parsed = root.getParseResult();
    if (parsed != null && !parsed.expandedArgs().isEmpty()) {
      return parsed.expandedArgs();
    }
    return args == null ? List.of() : List.of(args);
  }

  /** The message with its leading setting name replaced by the flag's name. */
  static String toFlags(String message) {
    if (message == null) {
      return "invalid setting";
    }
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      String key = e.getKey();
      if (message.startsWith(key) && (message.length() == key.length()
          || !Character.isLetterOrDigit(message.charAt(key.length())))) {
        return e.getValue() + message.substring(key.length());
      }
    }
    return message;
  }
}
