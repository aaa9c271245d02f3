package dev.tikhonov.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded {@code tikhonov.jar} in a separate JVM, as a user would, and captures it. */
final class Cli {
  record Result(int exitCode, String stdout, String stderr) {
    /** The non-empty lines of stderr. */
    List<String> errorLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  static Path jar() {
    String p = System.getProperty("tikhonov.jar", "target/tikhonov.jar");
    return Path.of(p).toAbsolutePath();
  }

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return runWithJvmOptions(workDir, List.of(), args);
  }

  /** As {@link #run}, with options for the JVM (as TIKHONOV_JAVA_OPTS gives the launcher). */
  static Result runWithJvmOptions(Path workDir, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar().toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("tikhonov " + String.join(" ", args) + " did not finish");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Runs {@code tikhonov args} in {@code workDir} with TIKHONOV_TRACE_BATCHES set, its stderr
   * into {@code err}, and kills it (SIGKILL) once that stderr holds {@code line} ("batch 2 2":
   * after epoch 2's second optimizer step); fails when it ends before or takes five minutes.
   */
  static void killAfter(Path workDir, Path err, String line, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar().toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
    pb.environment().put("TIKHONOV_TRACE_BATCHES", "1");
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.readString(err, StandardCharsets.UTF_8).contains(line)) {
      if (!p.isAlive()) {
        throw new AssertionError("the run ended before '" + line + "': "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no progress");
      }
      Thread.sleep(5);
    }
    p.destroyForcibly();
    if (!p.waitFor(1, TimeUnit.MINUTES)) {
      throw new AssertionError("the killed run did not end");
    }
  }

  private Cli() {}
}
