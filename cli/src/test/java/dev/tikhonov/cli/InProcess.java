package dev.tikhonov.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One command line run in this JVM through {@link Main#commandLine()}, the jar's parser and
 * error handling, with what it printed: the tests' one way to run a command without a process.
 *
 * @param exit the exit code
 * @param out what it printed on stdout (picocli's out: help, version, results)
 * @param err what it printed on stderr, stripped ("tikhonov: error: …" lines)
 */
record InProcess(int exit, String out, String err) {
  static InProcess run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new InProcess(exit, out.toString(), err.toString().strip());
  }

  static InProcess run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  /** The error text without its "tikhonov: error: " prefix. */
  String message() {
    return err.replace("tikhonov: error: ", "");
  }
}
