package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.report.RunInfo;
import dev.tikhonov.report.RunWriter;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What every run ends with: {@code run.json} (what produced it) and {@code report.html}. */
final class RunFiles {
  private RunFiles() {}

  /**
   * Ends a run: run.json, then the HTML report, through the core's {@link RunWriter}; prints
   * the earlier run's files it removed, if any, and where the report is.
   *
   * @param data the data option of the run, or null when it read no data
   */
  static void finish(RunWriter writer, String command, long seed, int threads, DataOptions data,
      Instant started, Map<String, Object> settings, java.io.PrintStream human) {
    finish(writer, command, OptionalLong.of(seed), threads, data, started, settings, human,
        Optional.empty());
  }

  /**
   * As {@link #finish(RunWriter, String, long, int, DataOptions, Instant, Map,
   * java.io.PrintStream)} for a run that may draw no random numbers (ridge: run.json's seed is
   * then null rather than a number that seeded nothing) or that saved a model ({@code saved}:
   * --save's file once this run wrote it). A run.json or report that does not fit (a full disk)
   * then names the model as saved: ridge, path, select and grid said only "D/run.json: cannot
   * write the file: No space left on device", and a user could not tell whether the model was
   * kept.
   */
  static void finish(RunWriter writer, String command, OptionalLong seed, int threads,
      DataOptions data, Instant started, Map<String, Object> settings,
      java.io.PrintStream human, Optional<Path> saved) {
    Path report;
    try {
      report = writer.finish(RunInfo.of(writer.kind(), command,
          argsAfter(command, Main.lastArgs()), seed, threads,
          dataFile(data), started, settings));
    } catch (InputException e) {
      throw modelWritten(!writer.reportPending() ? e : new InputException(e.getMessage()
          + ": once the cause is fixed, tikhonov report " + writer.dir() + " draws it", e),
          saved);
    }
    writer.removedMessage().ifPresent(m -> human.println("  " + m));
    human.println("  report: " + Main.shown(report));
  }

  /**
   * {@code e}, the failure to write a run's results (a full disk), with --save's {@code asked}
   * file named as not written: "D/path.json: cannot write the file: No space left on device"
   * said nothing of the model (ridge, path), which comes after the results. {@code e} itself
   * when no model was asked for.
   */
  static InputException modelNotWritten(InputException e, Optional<Path> asked) {
    if (asked.isEmpty()) {
      return e;
    }
    return new InputException(e.getMessage() + "; the model (--save " + asked.get() + ") was"
        + " not written: once the cause is fixed, run the command again", e);
  }

  /** What writes --save's model file: a model's own {@code save(Path)}. */
  @FunctionalInterface
  interface ModelSave {
    /** Writes the model to {@code file}, atomically (an earlier file stays whole on failure). */
    void to(Path file);
  }

  /**
   * Writes --save's model to {@code file} after the run's results ({@code results}, in
   * {@code writer}'s folder) and before its run.json and report. A model that does not fit (a
   * full disk) fails with what was and was not written: train, ridge, path, select and grid said
   * only "M: cannot write the file: No space left on device", not whether M was replaced nor
   * what of the run was written.
   */
  static void saveModel(ModelSave model, Path file, RunWriter writer, List<String> results) {
    try {
      model.to(file);
    } catch (InputException e) {
      throw new InputException(e.getMessage() + "; the model (--save) was not written"
          + (Files.exists(file) ? " (the earlier file " + file + " is as it was)" : "")
          + "; the run's " + names(results) + (results.size() == 1 ? " was" : " were")
          + " written in " + writer.dir() + ", its run.json and report were not: once the"
          + " cause is fixed, run the command again", e);
    }
  }

  /**
   * Runs {@code write}, which writes some of a run's results, with a failure (a full disk) named
   * as leaving --save's {@code asked} model not written ({@link #modelNotWritten}): select and
   * grid said only "D/grid.json: cannot write the file: No space left on device".
   */
  static void writeResults(Optional<Path> asked, Runnable write) {
    try {
      write.run();
    } catch (InputException e) {
      throw modelNotWritten(e, asked);
    }
  }

  /**
   * {@code e}, the failure to write a run's record or report (run.json, report.html: a full
   * disk) after --save's model was written, with the model named as written: train said only
   * "D/run.json: cannot write the file: No space left on device", and a user could not tell
   * whether the model was kept. {@code e} itself when no model was saved.
   */
  static InputException modelWritten(InputException e, Optional<Path> saved) {
    if (saved.isEmpty()) {
      return e;
    }
    return new InputException(e.getMessage() + " (the model was saved to " + saved.get()
        + ")", e);
  }

  /**
   * Sets the end of the line a stopped run prints ({@link Main#onInterrupt}) to
   * {@link #interruptHint}.
   */
  static void onInterrupt(RunWriter out, String results, Optional<Path> asked,
      java.util.function.Supplier<Optional<Path>> saved) {
    onInterrupt(out, List.of(results), asked, saved);
  }

  /**
   * As {@link #onInterrupt(RunWriter, String, Optional, java.util.function.Supplier)} for a run
   * whose results are several files, written in the order of {@code results} (path: path.json,
   * path.csv, then l1-ratios.csv and out-of-fold.csv when it writes them).
   */
  static void onInterrupt(RunWriter out, List<String> results, Optional<Path> asked,
      java.util.function.Supplier<Optional<Path>> saved) {
    Main.onInterrupt(() -> interruptHint(out, results, asked, saved.get()));
  }

  /**
   * What a run stopped now leaves and how to finish it: each run writes its results
   * ({@code results}, the file it writes last before --save and run.json), then run.json, then
   * its report (charts take seconds), and a stop after the results said only "no file was left
   * half-written", not that the model was saved ({@code saved}: the --save file once this run
   * wrote it) nor that {@code tikhonov report DIR} makes the report from them (and ends the
   * run's record, run.json.partial). A run asked for a model ({@code asked}: --save's file)
   * that it had not written yet when stopped ends the line with "the model (--save F) was not
   * written: run the command again to save it": a path stopped between its path.json and its
   * model said only that its results were written, and report drew them without a word of the
   * model. "" when this run wrote no results.
   */
  static String interruptHint(RunWriter out, String results, Optional<Path> asked,
      Optional<Path> saved) {
    return interruptHint(out, List.of(results), asked, saved);
  }

  /**
   * {@link #interruptHint(RunWriter, String, Optional, Optional)} for results written as
   * several files, in the order of {@code results}. A stop between them says which were
   * written and which were not, and to run the command again: path keyed on path.json, its
   * first, and said "its results were written: tikhonov report DIR builds its report from
   * them" with path.csv, l1-ratios.csv or out-of-fold.csv not there.
   */
  static String interruptHint(RunWriter out, List<String> results, Optional<Path> asked,
      Optional<Path> saved) {
    String hint = resultsHint(out, results, saved);
    if (hint.isEmpty() || saved.isPresent() || asked.isEmpty()) {
      return hint;
    }
    return hint + "; the model (--save " + asked.get() + ") was not written: run the command"
        + " again to save it";
  }

  private static String resultsHint(RunWriter out, List<String> results, Optional<Path> saved) {
    Path dir = out.dir();
    Optional<Path> staged = out.staging();
    // written in order: the files before the first one not written (an earlier run's file
    // further on, of a name this run's kind does not list, is not this run's)
    int written = 0;
    while (written < results.size() && out.wrote(results.get(written))) {
      written++;
    }
    if (staged.isPresent()) {
      // stopped before its end over an earlier run, whose files it has not touched
      return "the earlier run in " + dir + " is as it was" + (written == results.size()
          ? "; this run's results were staged in " + staged.get() + ": tikhonov report "
              + staged.get() + " builds their report (the next run into " + dir + " removes"
              + " that folder)" : "");
    }
    if (written == 0) {
      return ""; // none, or an earlier run's in the same folder: not this run's results
    }
    String model = saved.map(f -> "the model was saved to " + f + "; ").orElse("");
    if (written < results.size()) {
      return model + "its " + names(results.subList(0, written)) + (written == 1 ? " was"
          : " were") + " written, not its " + names(results.subList(written, results.size()))
          + ": run the command again for all of its results";
    }
    if (out.wrote("run.json")) {
      return model + "its results and run.json were written, its report was not: tikhonov"
          + " report " + dir + " draws it and ends the run";
    }
    if (out.earlierKind().isPresent() && out.earlierKind().get() != out.kind()) {
      // report would read the earlier run's run.json and draw that run's report
      return model + "its results were written beside the run.json of the earlier "
          + out.earlierKind().get().title() + " run: remove " + dir.resolve("run.json")
          + ", then tikhonov report " + dir + " builds its report from them";
    }
    return model + "its results were written: tikhonov report " + dir
        + " builds its report from them";
  }

  /** "a", "a and b", "a, b and c". */
  private static String names(List<String> files) {
    int n = files.size();
    return n == 1 ? files.get(0)
        : String.join(", ", files.subList(0, n - 1)) + " and " + files.get(n - 1);
  }

  /** The arguments after the command's own words ("experiment mnist-l2 --quick" → "--quick"). */
  static List<String> argsAfter(String command, List<String> args) {
    String[] words = command.split(" ");
    int skip = 0;
    while (skip < words.length && skip < args.size() && args.get(skip).equals(words[skip])) {
      skip++;
    }
    return List.copyOf(args.subList(skip, args.size()));
  }

  /** The data file and its SHA-256; for the bundled sample, the hash of its four IDX files. */
  static Optional<RunInfo.DataFile> dataFile(DataOptions data) {
    if (data == null) {
      return Optional.empty();
    }
    if (data.data == null) {
      List<InputStream> parts = new java.util.ArrayList<>();
      for (String name : List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES,
          Mnist.TEST_LABELS)) {
        parts.add(Mnist.class.getResourceAsStream(Mnist.BUNDLED_FOLDER + name + ".gz"));
      }
      return Optional.of(RunInfo.DataFile.of(Mnist.BUNDLED_SOURCE,
          new SequenceInputStream(Collections.enumeration(parts))));
    }
    if (Files.isRegularFile(data.data)) {
      return Optional.of(RunInfo.DataFile.of(data.data));
    }
    return Optional.of(RunInfo.DataFile.unhashed(data.data.toString()));
  }
}
