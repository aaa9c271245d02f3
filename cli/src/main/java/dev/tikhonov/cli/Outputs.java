package dev.tikhonov.cli;

import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.data.InputException;
import dev.tikhonov.report.RunWriter;
import java.nio.file.Path;

/**
 * The one check, before any work, that a command's outputs leave its inputs alone: an output
 * file ({@code --out}, {@code --save}) is no input file ({@code --data}, {@code --model}, …),
 * a run directory is no input directory, and neither {@code --save} nor an input is one of the
 * files the run writes in its directory. Real paths are compared (links, "." and ".."
 * resolved). Stateless.
 */
final class Outputs {
  private Outputs() {}

  /** An input of the command: its flag and path (null when not given). */
  record Input(String flag, Path path) {}

  static Input input(String flag, Path path) {
    return new Input(flag, path);
  }

  /**
   * Refuses (an {@link InputException}, one line naming both flags) an output that would
   * replace an input or a run file.
   *
   * @param run the run's directory writer, or null for a command that writes one file
   * @param file the output file, or null when none is given
   * @param fileFlag its flag, e.g. "--save"
   */
  static void requireApart(RunWriter run, Path file, String fileFlag, Input... inputs) {
    for (Input in : inputs) {
      if (in.path() == null) {
        continue;
      }
      if (file != null) {
        AtomicFiles.requireNotInput(file, fileFlag, in.path(), in.flag());
      }
      if (run != null) {
        AtomicFiles.requireNotInput(run.dir(), "--out", in.path(), in.flag());
        if (run.writes(in.path())) {
          throw new InputException(in.flag() + " " + in.path() + " is one of the files this run"
              + " writes in --out " + run.dir() + "; give another --out");
        }
      }
    }
    if (run != null && file != null && run.writes(file)) {
      throw new InputException(fileFlag + " " + file + " is one of the files this run writes"
          + " in --out " + run.dir() + "; give another path");
    }
  }
}
