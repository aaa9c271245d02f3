package dev.tikhonov.cli;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
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
   * {@code message} with the flag it starts with ("--cv-folds must be >= 2") spelt as the user
   * typed it, when that flag is an option of the command {@code parsed} selects (its last
   * subcommand) that has several names: "--folds must be >= 2" after {@code select --folds 1}.
   * The translations here ({@link #toFlags}, a command's own) give an option's first name, and
   * a user who typed its other name (--folds, --num-lambdas) was told of a flag not typed.
   */
  static String asTyped(String message, ParseResult parsed) {
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    java.util.regex.Matcher flag =
        java.util.regex.Pattern.compile("--[a-z0-9][a-z0-9-]*").matcher(message);
    if (!flag.lookingAt() || last.commandSpec().findOption(flag.group()) == null) {
      return message;
    }
    return new Given(last).typed(flag.group()) + message.substring(flag.end());
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
