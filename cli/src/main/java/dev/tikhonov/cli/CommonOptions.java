package dev.tikhonov.cli;

import dev.tikhonov.tensor.Blas;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/** Flags shared by the commands that run work: output directory, threads, seed, verbosity. */
final class CommonOptions {
  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for the run's files (created if missing; not '-': a run "
          + "writes several files). Default: runs/<command>-<date-time>.")
  Path out;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads for the BLAS (matrix products). Same seed and same thread count "
          + "give identical results. Default: ${DEFAULT-VALUE} (the cores of this machine).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "No progress bars or per-run lines; the settings,"
      + " the final table and the files written still print.")
  boolean quiet;

  @Option(names = "--json",
      description = "Print the final metrics as JSON on one line of stdout (one object;"
          + " experiment: results.json's rows, an array); the human-readable table goes to"
          + " stderr.")
  boolean json;

  /**
   * The run's directory: --out, or runs/&lt;command&gt;-&lt;date-time&gt;, locked for this command
   * ({@link RunLock}: a directory another run is writing now is refused). {@code --out -} is
   * refused (an InputException): a run writes a directory of files, which standard output
   * cannot take.
   */
  Path outDir(String command) {
    if (json) {
      StandardOutput.requireOpen("--json"); // before the work, as every output is checked
    }
    Path dir = chooseOutDir(command);
    RunLock.acquire(dir);
    return dir;
  }

  private Path chooseOutDir(String command) {
    if (out != null) {
      Outputs.refuseStandardOutput(out, "--out", command + " writes a directory of files (its"
          + " run directory)");
      return out;
    }
    // runs/<command>-<time>; a second run in the same second gets its own directory.
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = Path.of("runs", command.replace(' ', '-') + "-" + stamp);
    for (int k = 2; java.nio.file.Files.exists(dir); k++) {
      dir = Path.of("runs", command.replace(' ', '-') + "-" + stamp + "-" + k);
    }
    return dir;
  }

  /**
   * The checkpoint whose {@code settings.threads} {@link #threads} holds (train --resume, which
   * checks it is at least 1): its warning names that setting, not --threads, a flag --resume does
   * not take.
   */
  java.util.Optional<Path> threadsOfCheckpoint = java.util.Optional.empty();

  void applyThreads() {
    if (threadsOfCheckpoint.isEmpty()) {
      applyThreads(threads);
      return;
    }
    warnAboveProcessors(threads, threadsOfCheckpoint.get() + ": settings.threads " + threads,
        "the run continues with them, as only the count it was made with continues it bit for"
            + " bit (an edited checkpoint?)");
    Blas.setThreads(threads);
  }

  /**
   * Checks --threads and sets the BLAS's thread count; warns on stderr when it exceeds the
   * processors: {@code --threads 999} on 2 processors was accepted without a word and made a
   * one-epoch MNIST run take 30 s instead of 5 s. Not refused: the same count reproduces a run
   * made on a larger machine bit for bit.
   */
  static void applyThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    }
    int processors = Runtime.getRuntime().availableProcessors();
    warnAboveProcessors(threads, "--threads " + threads, "use at most " + processors
        + ", unless you reproduce a run made with " + threads + " threads");
    Blas.setThreads(threads);
  }

  /**
   * "tikhonov: warning: {@code what} is more than the P processors of this machine; …;
   * {@code advice}" on stderr when {@code threads} exceeds the processors.
   */
  private static void warnAboveProcessors(int threads, String what, String advice) {
    int processors = Runtime.getRuntime().availableProcessors();
    if (threads > processors) {
      System.err.println("tikhonov: warning: " + what + " is more than the " + processors
          + " processors of this machine; the threads take turns on them, which slows the"
          + " matrix products; " + advice);
    }
  }

  /** Where the human-readable table goes: stderr when --json owns stdout. */
  java.io.PrintStream human() {
    return json ? System.err : System.out;
  }
}
