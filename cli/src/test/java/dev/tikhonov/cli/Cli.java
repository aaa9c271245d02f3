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

  private Cli() {}
}
