package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one check, before any work, that a command's outputs leave its inputs alone: an output
 * file ({@code --out}, {@code --save}) is no input file ({@code --data}, {@code --model}, …),
 * a run directory is no input directory, {@code --save} is not the run directory itself, and
 * neither {@code --save} nor an input is one of the files the run writes in its directory. Real paths are compared (links, "." and ".."
 * resolved). Stateless.
 */
final class Outputs {
  private Outputs() {}

  /** "-", which a file flag takes as standard output (the Unix convention), "./-" as a file. */
  private static final Path STANDARD_OUTPUT = Path.of("-");

  /** Whether {@code file} is "-", standard output; "./-" is a file named "-". */
  static boolean isStandardOutput(Path file) {
    return file.equals(STANDARD_OUTPUT);
  }

  /**
   * Refuses "-" (standard output) for an output that cannot go there: it used to be taken as a
   * name, so {@code --out -} made a directory or file literally named "-".
   *
   * @param flag the flag, e.g. "--out"
   * @param why why standard output cannot hold it, e.g. "a train run writes a directory of files"
   */
  static void refuseStandardOutput(Path file, String flag, String why) {
    if (isStandardOutput(file)) {
      throw new InputException(flag + " -: " + why + ", which standard output (-) cannot"
          + " take; give a path (a file named \"-\" is ./-)");
    }
  }

  /** This process's standard output as Linux's /proc shows it. */
  private static final Path DESCRIPTOR_1 = Path.of("/proc/self/fd/1");

  /** A terminal device's real path: /dev/pts/N, /dev/ttyN, /dev/tty, /dev/console. */
  private static final java.util.regex.Pattern TERMINAL =
      java.util.regex.Pattern.compile("/dev/(pts/\\d+|tty\\w*|console)");

  /**
   * Where a binary file ({@code what}: "a model file", "an ONNX model") may go, checked before
   * any work. Standard output ("-", or a path to it such as /dev/stdout, /dev/fd/1) takes it
   * only from a command that prints nothing else there ({@code summary} empty: export) and
   * only when it is no terminal: {@code export --out - | gzip} or {@code > m.onnx}. A command
   * that prints its summary or --json line there ({@code summary}: "train's summary") mixed
   * the two: {@code train --save /dev/stdout} wrote the model after the epochs' lines, while
   * {@code --save -} was refused. A terminal, by any name (/dev/stderr on one, /dev/tty),
   * shows a binary file as garbage and is refused too. /dev/null takes anything.
   *
   * @param flag the flag, e.g. "--save"
   * @param summary what the command prints on standard output, or empty when nothing
   */
  static void requireBinaryPlace(Path file, String flag, String what,
      Optional<String> summary) {
    String named = flag + " " + file + ": " + what + " is binary, and ";
    String dash = isStandardOutput(file) ? " (a file named \"-\" is ./-)" : "";
    if (summary.isPresent() && isOwnStandardOutput(file)) {
      throw new InputException(named + "standard output carries " + summary.get()
          + ", which it would be mixed into; give a path" + dash);
    }
    if (isOwnStandardOutput(file)) {
      StandardOutput.requireOpen(flag + " " + file);
    }
    Optional<String> terminal = isStandardOutput(file) ? standardOutputTerminal()
        : terminal(file);
    if (terminal.isPresent() && namesStandardOutput(file)) {
      throw new InputException(named + "standard output is a terminal (" + terminal.get()
          + "), which cannot show it; redirect it to a file or a program (> file, | gzip) or"
          + " give a path" + dash);
    }
    if (terminal.isPresent()) {
      throw new InputException(named + file + " is a terminal (" + terminal.get() + "), which"
          + " cannot show it; give a path");
    }
  }

  /** Descriptor 1's names: /dev/stdout, /dev/fd/1, /proc/self/fd/1, /proc/PID/fd/1. */
  private static final java.util.regex.Pattern STANDARD_OUTPUT_NAMES =
      java.util.regex.Pattern.compile("/dev/stdout|/dev/fd/1|/proc/(self|thread-self|"
          + ProcessHandle.current().pid() + ")/fd/1");

  /** "-", or a path that names descriptor 1 as such (/dev/stdout, /dev/fd/1). */
  private static boolean namesStandardOutput(Path file) {
    return isStandardOutput(file) || STANDARD_OUTPUT_NAMES.matcher(
        file.toAbsolutePath().normalize().toString()).matches();
  }

  /**
   * Whether {@code file} is this process's standard output: "-", a name of descriptor 1
   * (/dev/stdout, /dev/fd/1), or another name of its open file that AtomicFiles writes in place
   * (a pipe's /proc/PID/fd/N). A regular file named as itself is not: it is replaced by a new
   * file, not written into standard output; nor is /dev/null, nor a terminal by its own name
   * (/dev/stderr, /dev/tty on the terminal standard output also goes to), which is refused as a
   * terminal. False where there is no /proc.
   */
  static boolean isOwnStandardOutput(Path file) {
    if (namesStandardOutput(file)) {
      return true;
    }
    try {
      Object key = java.nio.file.Files.readAttributes(file,
          java.nio.file.attribute.BasicFileAttributes.class).fileKey();
      if (key == null || !key.equals(java.nio.file.Files.readAttributes(DESCRIPTOR_1,
          java.nio.file.attribute.BasicFileAttributes.class).fileKey())) {
        return false;
      }
      Path real = file.toRealPath();
      if (real.equals(Path.of("/dev/null")) || terminal(file).isPresent()) {
        return false;
      }
      return !java.nio.file.Files.isRegularFile(file)
          || !real.equals(file.toAbsolutePath().normalize());
    } catch (java.io.IOException | RuntimeException e) {
      return false; // no such file, no /proc: not standard output
    }
  }

  /**
   * The terminal standard output is ("/dev/pts/0"); where /proc cannot tell, "a console" when
   * the JVM has one ({@link System#console}: both standard input and output are terminals).
   */
  private static Optional<String> standardOutputTerminal() {
    if (java.nio.file.Files.exists(DESCRIPTOR_1)) {
      return terminal(DESCRIPTOR_1);
    }
    return System.console() != null ? Optional.of("a console") : Optional.empty();
  }

  /** The terminal that {@code file} names or leads to ("/dev/pts/0"), or empty. */
  static Optional<String> terminal(Path file) {
    try {
      String real = file.toRealPath().toString();
      return TERMINAL.matcher(real).matches() ? Optional.of(real) : Optional.empty();
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty(); // "pipe:[N]", a file still to be made
    }
  }

  /**
   * An input that the command was given: its flag and path, both non-null. A flag that was not
   * given has no Input ({@link #input} returns empty).
   */
  record Input(String flag, Path path) {
    Input {
      java.util.Objects.requireNonNull(flag, "flag");
      java.util.Objects.requireNonNull(path, "path");
    }
  }

  /**
   * The input of {@code flag}, empty when it was not given: picocli leaves an absent option's
   * field null, and this is where that null ends.
   *
   * @param option the option's field as picocli filled it
   */
  static Optional<Input> input(String flag, Path option) {
    return Optional.ofNullable(option).map(path -> new Input(flag, path));
  }

  /**
   * For a command that writes one file: refuses (an {@link InputException}, one line naming
   * both flags) an output {@code file} that would replace one of the given inputs.
   *
   * @param fileFlag its flag, e.g. "--out"
   */
  @SafeVarargs
  static void requireApart(Path file, String fileFlag, Optional<Input>... inputs) {
    check(Optional.empty(), Optional.of(file), fileFlag, inputs);
  }

  /**
   * For a command that writes a run directory and, with {@code saveFlag}, maybe a file: refuses
   * (an {@link InputException}, one line naming both flags) an output that would replace an
   * input or one of the run's own files; the inputs are kept from the earlier run's files that
   * the run removes at its end ({@link RunWriter#keep}).
   *
   * @param save the file of {@code saveFlag} when it was given
   * @param saveFlag its flag, e.g. "--save"
   */
  @SafeVarargs
  static void requireApart(RunWriter run, Optional<Path> save, String saveFlag,
      Optional<Input>... inputs) {
    check(Optional.of(run), save, saveFlag, inputs);
  }

  /** For a command that writes a run directory and no file beside it. */
  @SafeVarargs
  static void requireApart(RunWriter run, Optional<Input>... inputs) {
    check(Optional.of(run), Optional.empty(), "", inputs);
  }

  @SafeVarargs
  private static void check(Optional<RunWriter> run, Optional<Path> file, String fileFlag,
      Optional<Input>... given) {
    for (Optional<Input> maybe : given) {
      if (maybe.isEmpty()) {
        continue;
      }
      Input in = maybe.get();
      if (file.isPresent()) {
        AtomicFiles.requireNotInput(file.get(), fileFlag, in.path(), in.flag());
      }
      if (run.isPresent()) {
        AtomicFiles.requireNotInput(run.get().dir(), "--out", in.path(), in.flag());
        if (run.get().writes(in.path())) {
          throw new InputException(in.flag() + " " + in.path() + " is one of the files this run"
              + " writes in --out " + run.get().dir() + "; give another --out");
        }
        // an earlier run's file read as this run's input is not a leftover to remove at its end
        run.get().keep(in.path());
      }
    }
    if (run.isPresent() && file.isPresent()
        && AtomicFiles.realPath(file.get()).equals(AtomicFiles.realPath(run.get().dir()))) {
      // Not yet a directory when the run starts, so the file check passes; the run then makes
      // it one, and the file could only be refused after all the work.
      throw new InputException(fileFlag + " " + file.get() + " is the --out directory of this"
          + " run; give a file path, e.g. " + run.get().dir().resolve("model.safetensors"));
    }
    if (run.isPresent() && file.isPresent() && run.get().writes(file.get())) {
      throw new InputException(fileFlag + " " + file.get() + " is one of the files this run"
          + " writes in --out " + run.get().dir() + "; give another path");
    }
  }
}
