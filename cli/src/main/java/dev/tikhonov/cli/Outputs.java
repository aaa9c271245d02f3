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
