package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of the {@code tikhonov} command. Parses flags and calls the library; no math.
 *
 * <p>Not thread-safe: picocli fills its {@code spec}, one object per command line, and
 * {@link #run(String...)} keeps the arguments in a process-wide field that run.json reads, so
 * run one command line at a time per process.
 */
@Command(
    name = "tikhonov",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Train regularized models: L2, L1, elastic net, weight decay, dropout.",
      "",
      "Every λ means the same thing everywhere (docs/objective.md):",
      "  J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [ (1−α)/2 wⱼ² + α |wⱼ| ]",
      "  ℓ = ½(y−ŷ)² (squared error) or −log p(y|x) (cross-entropy); α = --l1-ratio;",
      "  only weights are penalized (biases never, by default).",
      ""
    },
    subcommands = {
      TrainCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      ExportCommand.class,
      PathCommand.class,
      RidgeCommand.class,
      SelectCommand.class,
      GridCommand.class,
      ExperimentCommand.class,
      ReportCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  /** Builds the command line with its exception handlers; tests call this too. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // Subcommands of other modules on the class path (the bench module's `bench`), before help.
    for (CommandExtension extension : java.util.ServiceLoader.load(CommandExtension.class)) {
      cl.addSubcommand(extension);
    }
    // The commands' descriptions are wrapped by hand at up to 90 columns; picocli's default of
    // 80 broke those lines again mid-phrase.
    cl.setUsageHelpWidth(100); // every command, bench's too: after the extensions
    // --optimizer ADAM or 'adam ' as --model LINEAR: enumerated values in any case, blanks
    // around them dropped (EnumeratedValue); the tree's every enum type, bench's too.
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    registerEnumConverters(cl);
    // Every command's --version prints the version ('train --version' printed nothing).
    java.util.Deque<CommandLine> commands = new java.util.ArrayDeque<>(java.util.List.of(cl));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      c.getCommandSpec().versionProvider(new VersionProvider());
      // each option under the name the messages use, wrapped between options (Synopsis)
      c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
          new Synopsis());
      commands.addAll(c.getSubcommands().values());
    }
    // An empty path ("--out $UNSET_VARIABLE") would mean the current directory; refused.
    cl.registerConverter(java.nio.file.Path.class, Main::path);
    // A decimal that Java would read as another number (1e-400 as 0) is refused (DecimalValue).
    cl.registerConverter(Double.class, new DecimalValue());
    cl.registerConverter(double.class, new DecimalValue());
    // An empty item (--seeds '') or a number out of range is named as such (WholeValue).
    cl.registerConverter(Integer.class, WholeValue.ofInt());
    cl.registerConverter(int.class, WholeValue.ofInt());
    cl.registerConverter(Long.class, WholeValue.ofLong());
    cl.registerConverter(long.class, WholeValue.ofLong());
    // A flag typed where it has no effect is refused before the command runs (Flags).
    cl.setExecutionStrategy(parseResult -> {
      // Here, not in run: a command run through this command line alone (the tests' InProcess)
      // stored the JVM's last run's arguments in run.json and its checkpoints (none at first),
      // and its train --resume said the stored flags give no --data.
      lastArgs = java.util.List.copyOf(parseResult.originalArgs());
      try {
        Flags.refuseIgnored(parseResult);
        StandardOutput.takeJsonLost(); // an earlier in-process command's
        int code = new CommandLine.RunLast().execute(parseResult);
        java.util.Optional<String> lost = StandardOutput.takeJsonLost();
        if (code == 0 && lost.isPresent()) {
          // programs read --json: a line lost (> /dev/full) ended with exit 0 and no JSON
          parseResult.commandSpec().commandLine().getErr().println("tikhonov: error: --json: "
              + oneLine(lost.get()));
          return 2;
        }
        java.util.Optional<String> summary = code == 0
            ? StandardOutput.summaryLost(printed(parseResult)) : java.util.Optional.empty();
        if (summary.isPresent()) {
          // a summary lost (> /dev/full, >&-) ended with exit 0, where coreutils fail; so do
          // they (ls --help > /dev/full: exit 2) for help, which 'help ridge' did and
          // 'ridge --help' did not: a file of help cut short is the same failure
          parseResult.commandSpec().commandLine().getErr().println("tikhonov: error: "
              + oneLine(summary.get()));
          return 2;
        }
        return code;
      } finally {
        RunLock.releaseAll(); // the run directories this command locked (RunLock)
      }
    });
    // a message about a flag names it as typed (--folds, not --cv-folds: Flags.asTyped)
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex,
        commandLine.getErr(), message -> Flags.asTyped(message, parseResult)));
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          // the option as typed (--folds, not picocli's --cv-folds: Flags.asTyped)
          c.getErr().println("tikhonov: error: "
              + oneLine(Flags.asTyped(ex, args) + suggestion(ex)));
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return 2;
        });
    return cl;
  }

  /** {@link EnumeratedValue#ofEnum} for each enum type of an option or parameter of the tree. */
  private static void registerEnumConverters(CommandLine cl) {
    java.util.Set<Class<?>> types = new java.util.HashSet<>();
    java.util.Deque<CommandLine> commands = new java.util.ArrayDeque<>(java.util.List.of(cl));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      commands.addAll(c.getSubcommands().values());
      for (CommandLine.Model.ArgSpec arg : c.getCommandSpec().args()) {
        types.add(arg.type());
        types.addAll(java.util.List.of(arg.auxiliaryTypes()));
      }
    }
    types.stream().filter(Class::isEnum).forEach(t -> register(cl, t));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(CommandLine cl, Class<?> enumType) {
    cl.registerConverter((Class) enumType, EnumeratedValue.ofEnum((Class) enumType));
  }

  /**
   * A path flag's value as a path; an empty one ("--out $UNSET_VARIABLE") would mean the current
   * directory, and is refused as a name Java cannot hold is.
   *
   * @throws CommandLine.TypeConversionException saying what is wrong with {@code text}
   */
  static java.nio.file.Path path(String text) {
    if (text.isBlank()) {
      throw new CommandLine.TypeConversionException("the path is empty; give a file or"
          + " directory name");
    }
    java.nio.file.Path path;
    try {
      path = java.nio.file.Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new CommandLine.TypeConversionException(invalidPath(text, e));
    }
    // Bytes that are not UTF-8 (x\xff.csv from a Latin-1 system) reach Java as U+FFFD, whose
    // name is another file's: --data said "no such file" of a file that ls shows (redteam46).
    // A name that truly holds U+FFFD (and so exists under it) is taken.
    if (text.indexOf('\ufffd') >= 0 && !java.nio.file.Files.exists(path,
        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new CommandLine.TypeConversionException("the path \"" + oneLine(text) + "\" holds"
          + " bytes that are not " + System.getProperty("sun.jnu.encoding", "UTF-8") + " in"
          + " this locale (each shown as \ufffd, U+FFFD), so Java cannot give the name back to"
          + " the system and would open another file; rename the file (or folder) to a name"
          + " of UTF-8 characters (convmv converts such names)");
    }
    return path;
  }

  /** A file's name in a summary line ("wrote D"), escaped as {@link #oneLine}: one line. */
  static String shown(Object path) {
    return oneLine(String.valueOf(path));
  }

  /** {@code text} with its line breaks and control characters escaped: one line. */
  static String oneLine(String text) {
    return dev.tikhonov.internal.data.Numbers.oneLine(text);
  }

  /**
   * Why {@code text} is no path, in words. In the C or POSIX locale Java's file names are ASCII,
   * so a name such as dïab.csv cannot be given at all (it said {@code cannot convert 'd??ab.csv'
   * to Path (java.nio.file.InvalidPathException: Malformed input or input contains unmappable
   * characters: d??ab.csv)}); the remedy is a UTF-8 locale, which the launcher sets itself.
   */
  static String invalidPath(String text, java.nio.file.InvalidPathException e) {
    String charset = System.getProperty("sun.jnu.encoding", "");
    if (!charset.isEmpty() && !charset.equalsIgnoreCase("UTF-8")) {
      return "the path \"" + oneLine(text) + "\" has characters that file names cannot hold in"
          + " this locale's character set (" + charset + "); run tikhonov in a UTF-8 locale, e.g."
          + " LC_ALL=C.UTF-8 (the ./tikhonov launcher does so when the locale is ASCII)";
    }
    return "the path \"" + oneLine(text) + "\" is not a valid file name (" + e.getReason() + ")";
  }

  /**
   * "; did you mean --lambda?" for a mistyped flag or command close to real ones, closest first
   * ({@link FlagSuggestions#closest}; picocli's suggestions came unranked, "trian" got "grid or
   * train or experiment"), or typed as another tool spells it ({@link FlagSuggestions}:
   * --learning-rate, --Lambda); a command far from all names the ones there are ("bench bogus"
   * said nothing more); else "".
   */
  static String suggestion(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
      return "";
    }
    String notTaken = notTaken(ex.getCommandLine().getCommandName(), unmatched.getUnmatched());
    if (!notTaken.isEmpty()) {
      return notTaken;
    }
    java.util.Optional<String> alias = FlagSuggestions.suggestion(unmatched.getUnmatched(),
        ex.getCommandLine().getCommandSpec().optionsMap().keySet());
    if (alias.isPresent()) {
      return alias.get();
    }
    if (unmatched.getUnmatched().isEmpty()) {
      return "";
    }
    String typed = unmatched.getUnmatched().get(0).split("=", 2)[0];
    CommandLine command = ex.getCommandLine();
    java.util.List<String> names = typed.startsWith("-")
        ? java.util.List.copyOf(command.getCommandSpec().optionsMap().keySet())
        : command.getSubcommands().entrySet().stream()
            .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
            .map(java.util.Map.Entry::getKey).toList();
    java.util.List<String> close = FlagSuggestions.closest(typed, names);
    if (typed.startsWith("-")) {
      // one name of each option, the closest: --num-lambda got "--num-lambdas or --nlambda",
      // two names of one option read as two flags to choose between
      java.util.Set<Object> options = java.util.Collections.newSetFromMap(
          new java.util.IdentityHashMap<>());
      close = close.stream().filter(n -> options.add(command.getCommandSpec().findOption(n)))
          .toList();
    }
    if (!close.isEmpty()) {
      return "; did you mean " + String.join(" or ", close) + "?";
    }
    if (typed.startsWith("-") || names.isEmpty()) {
      return "";
    }
    return "; '" + command.getCommandSpec().qualifiedName() + "' takes "
        + String.join(", ", names.subList(0, names.size() - 1)) + " or "
        + names.get(names.size() - 1);
  }

  /**
   * Why {@code command} does not take the first of the {@code unmatched} arguments that another
   * command takes and this one is asked for by mistake (by its name, without "=value"); "" for
   * none. Said rather than only "Unknown option: '--quiet'", which read as a command that forgot
   * a flag the others take.
   */
  private static String notTaken(String command, java.util.List<String> unmatched) {
    for (String arg : unmatched) {
      String why = notTaken(command, arg.split("=", 2)[0]);
      if (!why.isEmpty()) {
        return why;
      }
    }
    return "";
  }

  /**
   * predict, export and evaluate take no --quiet: they have no progress to silence (no bar, no
   * per-run lines), and their one line is what --quiet keeps in every command (the file
   * written, the final scores). ridge takes the fold flags of select and grid, not their
   * network search's (--repeat-seeds, --holdout, --cv-measure): its fits are exact and its
   * folds are scored by the held-out MSE alone (RidgeCV's k folds); nor path's --family and
   * --l1-ratio: it is the gaussian family's closed form, L2 alone.
   */
  private static String notTaken(String command, String flag) {
    return switch (command + " " + flag) {
      case "predict --quiet", "export --quiet" -> "; " + command + " has no progress to"
          + " silence: its one line on stderr names the file it wrote, which --quiet keeps in"
          + " every command (leave --quiet out, or send stderr to /dev/null)";
      case "evaluate --quiet" -> "; evaluate has no progress to silence: its one line is the"
          + " scores, which --quiet keeps in every command (leave --quiet out; --json prints"
          + " them as JSON)";
      case "ridge --repeat-seeds" -> "; ridge's fits are exact, the same whatever the seed: it"
          + " cross-validates by k folds (--criterion cv --cv-folds K); --repeat-seeds is"
          + " select's and grid's, whose networks' fits vary with the seed";
      case "ridge --holdout" -> "; ridge cross-validates by k folds (--criterion cv --cv-folds"
          + " K), not on one split held out; --holdout is select's and grid's, with"
          + " --repeat-seeds";
      case "ridge --cv-measure" -> "; ridge --criterion cv scores each fold by its held-out MSE"
          + " (weighted with --weights), its only measure; --cv-measure is select's and grid's";
      case "ridge --family" -> "; ridge is the gaussian family's closed form (squared error);"
          + " path --family F --l1-ratio 0 fits ridge for the binomial, multinomial and poisson"
          + " families";
      case "ridge --l1-ratio" -> "; ridge is the L2 penalty alone (l1-ratio 0), in closed form;"
          + " path --l1-ratio A fits the lasso (1) and the elastic net (0 < A < 1)";
      default -> "";
    };
  }

  private static volatile java.util.List<String> lastArgs = java.util.List.of();

  /** The arguments of the running command (as given, before @-files), for run.json. */
  static java.util.List<String> lastArgs() {
    return lastArgs;
  }

  /**
   * What the command line printed on standard output, in words: "the help" (--help of any
   * command on it, or the help command), "the version" (--version), else "the command's
   * summary".
   */
  private static String printed(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.commandSpec().helpCommand()) {
        return "the help";
      }
      if (p.isVersionHelpRequested()) {
        return "the version";
      }
    }
    return "the command's summary";
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    java.util.List<String> switches = dev.tikhonov.tensor.Switches.problems();
    if (!switches.isEmpty()) {
      // A misspelt measurement switch (TIKHONOV_JAVA_OPTS) would otherwise run the default.
      for (String problem : switches) {
        System.err.println("tikhonov: error: " + problem);
      }
      return 2;
    }
    try {
      return commandLine().execute(args);
    } catch (Throwable t) {
      // picocli hands Errors (out of memory, ...) through; no stack trace reaches a user.
      return report(t, new java.io.PrintWriter(System.err, true));
    }
  }

  /**
   * One line on stderr for anything a command throws, and the exit code: 2 for bad input
   * (InputException, invalid settings, out of memory, native libraries that cannot be
   * unpacked or loaded), 3 for a training that diverged, 1 for
   * anything else, which is a bug —
   * its stack trace is shown only with TIKHONOV_DEBUG=1. Public for the programs that the
   * commands start in processes of their own (the bench module's), so they report alike.
   */
  public static int report(Throwable ex, java.io.PrintWriter err) {
    return report(ex, err, java.util.function.UnaryOperator.identity());
  }

  /**
   * {@link #report(Throwable, java.io.PrintWriter)} with a bad input's message passed through
   * {@code typed}, which spells its flag as the user typed it ({@link Flags#asTyped}).
   */
  static int report(Throwable ex, java.io.PrintWriter err,
      java.util.function.UnaryOperator<String> typed) {
    if (ex instanceof dev.tikhonov.train.DivergenceException diverged) {
      // A setting that does not work on these data, not a bug: exit 3 as train, select and grid
      // report it (the experiments let it through to here and called it an internal error).
      err.println("tikhonov: error: " + oneLine(Flags.divergence(diverged)));
      return 3;
    }
    if (ex instanceof InputException || ex instanceof IllegalArgumentException) {
      // The core names the JVM option; the command takes it through its environment.
      String message = ex instanceof dev.tikhonov.data.MemoryShortageException shortage
          ? shortage.message("TIKHONOV_JAVA_OPTS=-Xmx<size>, e.g. -Xmx8g")
          : Flags.message(ex);
      err.println("tikhonov: error: " + oneLine(typed.apply(message)));
      return 2;
    }
    java.util.Optional<String> nativeProblem = nativeLibraries(ex);
    if (nativeProblem.isPresent()) {
      err.println("tikhonov: error: " + oneLine(nativeProblem.get()));
      return 2;
    }
    if (ex instanceof OutOfMemoryError) {
      err.println("tikhonov: error: out of memory (" + ex.getMessage() + "); give Java more "
          + "with TIKHONOV_JAVA_OPTS=-Xmx<size> (e.g. -Xmx8g) or use less data");
      return 2;
    }
    err.println("tikhonov: internal error: " + ex.getClass().getName() + ": "
        + oneLine(String.valueOf(ex.getMessage())) + " (this is a bug; please report it with the"
        + " command line; TIKHONOV_DEBUG=1 shows the stack trace)");
    if (System.getenv("TIKHONOV_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /**
   * Why the bundled native libraries (OpenBLAS, oneDNN) did not load, when that is what
   * {@code ex} is: JavaCPP unpacks them into ~/.javacpp/cache, else into
   * {@code <tmpdir>/.javacpp-<user>/cache}, and where neither can be made (a read-only home and
   * /tmp) every command that computes ended in "internal error: UnsatisfiedLinkError … Could not
   * create the cache: Set the "org.bytedeco.javacpp.cachedir" system property", called a bug.
   * Later uses of the libraries' classes fail with NoClassDefFoundError naming them.
   */
  static java.util.Optional<String> nativeLibraries(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      boolean ours = t instanceof UnsatisfiedLinkError
          || t instanceof NoClassDefFoundError && String.valueOf(t.getMessage())
              .contains("org.bytedeco");
      if (!ours) {
        continue;
      }
      String all = java.util.stream.Stream.iterate(t, c -> c != null, Throwable::getCause)
          .map(c -> String.valueOf(c.getMessage()))
          .collect(java.util.stream.Collectors.joining(" "));
      if (all.contains("Could not create the cache")) {
        return java.util.Optional.of("cannot unpack the bundled native libraries (OpenBLAS,"
            + " oneDNN): neither " + System.getProperty("user.home") + "/.javacpp/cache nor "
            + System.getProperty("java.io.tmpdir") + "/.javacpp-"
            + System.getProperty("user.name") + "/cache can be made; give a folder this user"
            + " may write in with TIKHONOV_JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR");
      }
      if (!fromBytedeco(t)) {
        // another native library (the JDK's own font or image code on a slim system without
        // libfreetype, say): not the bundled maths libraries, which that message would blame
        return java.util.Optional.of("cannot load a native library that Java needs on this"
            + " system (" + t.getMessage() + "); a missing system package is the usual cause");
      }
      String limits;
      try {
        limits = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/limits"));
      } catch (java.io.IOException | RuntimeException notLinux) {
        limits = "";
      }
      return java.util.Optional.of("cannot load the bundled native libraries (OpenBLAS, oneDNN)"
          + " on this system (" + System.getProperty("os.name") + " "
          + System.getProperty("os.arch") + "): " + addressSpaceLimit(limits)
              .orElse(String.valueOf(t.getMessage())));
    }
    return java.util.Optional.empty();
  }

  /**
   * The address-space limit named with its remedy, when {@code limits} (the text of
   * /proc/self/limits) has one: under {@code ulimit -v} (a cluster's per-job memory limit)
   * the libraries cannot be mapped ("failed to map segment from shared object"), which JavaCPP
   * reports as "no jniopenblas_nolapack in java.library.path". 8 GB was measured to run
   * (7 GB loaded them but crashed later, with the default heap of a 23 GB machine).
   */
  static java.util.Optional<String> addressSpaceLimit(String limits) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^Max address space\\s+([0-9]+)\\s").matcher(limits);
    if (!m.find()) {
      return java.util.Optional.empty();
    }
    long bytes = Long.parseLong(m.group(1));
    return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the address space of this"
        + " process is limited to %.1f GB (ulimit -v %d), too little to map them; raise it with"
        + " ulimit -v unlimited, or to at least 8 GB (ulimit -v 8388608)", bytes / 1e9,
        bytes / 1024));
  }

  /** Whether {@code t} was thrown loading bytedeco's libraries (JavaCPP's loader, its presets). */
  static boolean fromBytedeco(Throwable t) {
    String message = String.valueOf(t.getMessage());
    if (message.contains("bytedeco") || message.contains("javacpp")
        || message.contains("jniopenblas") || message.contains("jnidnnl")) {
      return true;
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("org.bytedeco.")) {
        return true;
      }
    }
    return false;
  }

  /** Set when main has its exit code: a shutdown before that is a signal's (Ctrl-C, kill). */
  private static volatile boolean finished;

  /** What a stopped command left that the user can continue from (train's checkpoint), or "". */
  private static volatile java.util.function.Supplier<String> interruptHint = new NoHint();

  /**
   * The hint of a command that left nothing to continue from. A class, not a lambda: this
   * field is set as Main loads, before {@link #main} installs its shutdown hook, and the JVM's
   * first lambda costs 25–30 ms (its bootstrap), during which a stop said nothing.
   */
  private static final class NoHint implements java.util.function.Supplier<String> {
    @Override
    public String get() {
      return "";
    }
  }

  /** Sets the sentence that the message of a stopped command ends with ({@link #main}). */
  static void onInterrupt(java.util.function.Supplier<String> hint) {
    interruptHint = hint;
  }

  /**
   * One line when the command is stopped by SIGINT or SIGTERM (Ctrl-C, kill, a job scheduler's
   * time limit): the process ended with exit code 130 or 143 and not a word, so a log showed
   * no difference between a finished run's last line and a killed one's. The JVM's own exit
   * codes stay; the files are as AtomicFiles' hook leaves them (none half-written).
   */
  static String interruptedMessage() {
    String hint = interruptHint.get();
    return "tikhonov: stopped by a signal (Ctrl-C or kill) before the command finished; no file"
        + " was left half-written" + (hint.isEmpty() ? "" : "; " + hint);
  }

  /**
   * A home folder for a user whom the password database does not know (a container run with
   * {@code --user 1234}, OpenShift's random user ids): Java sets {@code user.home} to "?", a
   * relative path, so the native libraries (215 MB, JavaCPP's ~/.javacpp/cache) and Java's font
   * cache were unpacked into a folder named "?" in the current directory, a new one in every
   * directory a run started from. Then $HOME is taken when it is an absolute path, else the
   * temporary directory (where JavaCPP goes when the home takes no files). Called in main,
   * before anything reads {@code user.home}.
   */
  static void requireAbsoluteHome() {
    String home = System.getProperty("user.home", "");
    if (!home.isEmpty() && java.nio.file.Path.of(home).isAbsolute()) {
      return;
    }
    String variable = System.getenv("HOME");
    System.setProperty("user.home", variable != null && !variable.isEmpty()
        && java.nio.file.Path.of(variable).isAbsolute() ? variable
        : System.getProperty("java.io.tmpdir"));
  }

  /**
   * The shutdown hook that prints {@link #interruptedMessage} when a signal stops the command
   * (before main has its exit code). A class, not a lambda: installed first thing in main, it
   * is in place ≈ 0.07 s (up to 0.3 s on a busy machine) sooner than after the lambdas, the
   * library's hook and picocli; a stop in that time ended the run without a word.
   */
  private static final class Interrupted extends Thread {
    Interrupted() {
      super("tikhonov-interrupted");
    }

    @Override
    public void run() {
      if (!finished) {
        // The command's threads run on until the JVM halts: standard error is replaced first,
        // so that a line they print later (train's "epoch 3/…", which followed this message
        // in one run of SignalCliIT) goes nowhere and this message stays the last line. A line
        // being printed finishes first: PrintStream's methods hold the stream's lock.
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        // after a progress bar's line or the terminal's ^C, on a line of its own
        err.println((System.console() != null ? System.lineSeparator() : "")
            + interruptedMessage());
        err.flush();
      }
    }
  }

  public static void main(String[] args) {
    // First, so that a stop (Ctrl-C, kill) from here on is said (Interrupted). A signal that
    // came before, as the JVM started, has begun its shutdown: adding a hook then throws
    // "Shutdown in progress", which reached the user as "Exception in thread "main" …" (a kill
    // 0.3 s after the start); no hook runs then, so the line is printed here, and main ends
    // while the shutdown ends the JVM with the signal's exit code. The JVM's own handler is in
    // place ≈ 0.1 s before this: a stop before that ends it without a word.
    try {
      Runtime.getRuntime().addShutdownHook(new Interrupted());
    } catch (IllegalStateException shuttingDown) {
      System.err.println(interruptedMessage());
      return;
    }
    try {
      // Ctrl-C or kill leaves no temporary file beside a model or checkpoint being written.
      dev.tikhonov.internal.data.AtomicFiles.deleteTemporaryFilesOnShutdown();
    } catch (IllegalStateException shuttingDown) {
      return; // stopped meanwhile: Interrupted says so (nothing was written yet)
    }
    requireAbsoluteHome();
    // Charts are drawn off-screen, even where a DISPLAY is set (the library leaves the setting
    // to the application: a desktop program that draws a report keeps its windows).
    System.setProperty("java.awt.headless", "true");
    TrainCommand.onInterruptFromTheStart(args);
    int code = run(args);
    finished = true;
    System.exit(code);
  }
}
