package dev.tikhonov.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One command line run in this JVM through {@link Main#commandLine()}, the jar's parser and
 * error handling, with what it printed: the tests' one way to run a command without a process.
 *
 * <p>Not thread-safe: while the command runs, {@code System.out} and {@code System.err} are
 * replaced by the captures (the commands print their summaries, warnings and progress there),
 * so run one at a time per JVM.
 *
 * @param exit the exit code
 * @param out all it printed on stdout, as a user's terminal shows it: picocli's out (help,
 *     version, predictions) and {@code System.out} (a command's summary lines, --json)
 * @param err all it printed on stderr, stripped, as a user's terminal shows it: picocli's err
 *     ("tikhonov: error: …" lines, usage) and {@code System.err} ("tikhonov: warning: …"
 *     lines) in the order they were printed
 */
record InProcess(int exit, String out, String err) {
  static InProcess run(String... args) {
    Main.onInterrupt(() -> ""); // as a new process starts: no earlier command's stop line
    CommandLine cl = Main.commandLine();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    // one stream for each, so that an error line follows the warnings printed before it
    PrintWriter picocliOut = new PrintWriter(stdout, true);
    PrintWriter picocliErr = new PrintWriter(stderr, true);
    cl.setOut(picocliOut);
    cl.setErr(picocliErr);
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(stdout);
    System.setErr(stderr);
    int exit;
    try {
      exit = cl.execute(args);
    } finally {
      picocliOut.flush();
      picocliErr.flush();
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new InProcess(exit, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8).strip());
  }

  static InProcess run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  /**
   * A ridge run on the repository's diabetes data into {@code out} (--quiet), which must end
   * with exit 0: a run folder for the report tests. Returns {@code out}.
   */
  static java.nio.file.Path ridgeRun(java.nio.file.Path out) {
    InProcess r = run("ridge", "--data", java.nio.file.Path.of("..", "data", "diabetes.csv")
        .toString(), "--target", "progression", "--out", out.toString(), "--quiet");
    if (r.exit() != 0) {
      throw new AssertionError("ridge into " + out + " exited " + r.exit() + ": " + r.err());
    }
    return out;
  }

  /**
   * The error: {@link #err} from its first "tikhonov: error: " line on (the warnings printed
   * before it left out), without that prefix.
   */
  String message() {
    return err.substring(Math.max(0, err.indexOf("tikhonov: error: ")))
        .replace("tikhonov: error: ", "");
  }
}
