package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam46b: the launcher's options check with log files (for_check, this session's
 * cc8e6e82), and what still reaches standard output. A failsafe test after the package phase,
 * as LauncherIT (it runs ./tikhonov against the packaged jars).
 */
class RedTeam46bLauncherIT {
  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  private Result run(Map<String, String> env, String... args) throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(root.resolve("cli/target/tikhonov.jar")), "no jar");
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", root.resolve("tikhonov").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    for (String k : List.of("TIKHONOV_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
        "_JAVA_OPTIONS")) {
      pb.environment().remove(k);
    }
    pb.environment().putAll(env);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * A log file name in quotes, as java's -Xlog help gives a name with a space or a colon
   * ({@code file="a b.log"}), inside a quoted word so that the quotes reach java
   * ({@code '-Xlog:gc:file="DIR/a b.log"'}): for_check leaves every word with a quote as it is
   * ({@code *[\'\"]*}), so the check's JVM opens the user's log too and the command's JVM
   * rotates it: each run leaves a 28-byte file of the check's lines ({@code a b.log.0}) and
   * pushes the user's earlier logs two files further (with java's 5 kept files, the logs of
   * the last two runs alone survive). Expected: {@code a b.log} alone, as of an unquoted name.
   */
  @Test
  @Disabled("fails now: the folder holds [a b.log, a b.log.0] after one run, the check's JVM"
      + " having opened the quoted log file (for_check leaves words with quotes alone)")
  void aQuotedLogFileName_isTheCommandsAlone() throws Exception {
    for (String variable : List.of("TIKHONOV_JAVA_OPTS", "JAVA_TOOL_OPTIONS")) {
      Path logs = Files.createDirectory(dir.resolve("logs-" + variable));
      Result r = run(Map.of(variable,
          "'-Xlog:gc:file=\"" + logs.resolve("a b.log") + "\"'"), "--version");
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().startsWith("tikhonov "), r.out());
      assertEquals(List.of("a b.log"), names(logs), variable);
    }
  }

  /**
   * A log option java refuses for its file: a folder that is not there, or an output option
   * out of range ({@code filecount=bogus}). Before this session the check ran the option as
   * given and said, in one line, exit 2: "tikhonov: error: TIKHONOV_JAVA_OPTS='…': java
   * refuses these options: Invalid -Xlog option '…' …; correct or unset TIKHONOV_JAVA_OPTS".
   * Now for_check turns the file into {@code /dev/null} and drops its output options, the check
   * passes, and the exec prints java's own five lines ("[0.000s][error][logging] Error opening
   * log file '…/missing/gc.log': No such file or directory", …, "Error: Could not create the
   * Java Virtual Machine."), exit 1.
   */
  @Test
  void aLogFileJavaCannotOpen_isOneLine() throws Exception {
    String[][] cases = {
        {"-Xlog:gc:file=" + dir.resolve("missing/gc.log"), "Error opening log file"},
        {"-Xlog:gc:file=" + dir.resolve("gc.log") + ":uptime:filecount=bogus",
            "filecount must be in range"}};
    for (String[] c : cases) {
      Result r = run(Map.of("TIKHONOV_JAVA_OPTS", c[0]), "--version");
      assertEquals(2, r.exit(), r.err());
      assertEquals("", r.out());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("tikhonov: error: TIKHONOV_JAVA_OPTS='" + c[0] + "'"),
          r.err());
      assertTrue(r.err().contains(c[1]), r.err());
      assertFalse(r.err().contains("Could not create the Java Virtual Machine"), r.err());
    }
  }

  /**
   * {@code -XX:+UnlockDiagnosticVMOptions -XX:+PrintVMOptions} (in any of the four variables)
   * prints "VM option 'ErrorFile=…'", "VM option '+DisplayVMOutputToStderr'", … on standard
   * output: neither -XX:+DisplayVMOutputToStderr nor the -Xlog rewriting moves them, and
   * {@code predict --out -} gets them as its first lines. Expected: every stdout byte CSV (or
   * the option refused by the check as one that writes to standard output).
   */
  @Test
  @Disabled("fails now: standard output starts with \"VM option 'ErrorFile=/tmp/tikhonov-"
      + "hs_err_pid%p.log'\" and three more such lines before the version")
  void printVmOptions_leavesStandardOutputToTheCommand() throws Exception {
    Result r = run(Map.of("TIKHONOV_JAVA_OPTS",
        "-XX:+UnlockDiagnosticVMOptions -XX:+PrintVMOptions"), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("tikhonov "), r.out());
  }

  /**
   * _JAVA_OPTIONS is rewritten whole (join_opts) for its log options to go to stderr; a word
   * holding both kinds of quote ({@code '-Dx=a"b'"c'd"}, one word to java: -Dx=a"bc'd) makes
   * join_opts fail, and the launcher then leaves _JAVA_OPTIONS as it was, silently: its
   * {@code -Xlog:gc} logs on standard output ("[0.004s][info][gc] Using G1" before the
   * version). Rare; expected: stdout the command's, or the variable refused in one line.
   */
  @Test
  @Disabled("fails now: standard output starts with '[0.004s][info][gc] Using G1'")
  void javaOptionsWithBothQuotes_stillLogOnStandardError() throws Exception {
    Result r = run(Map.of("_JAVA_OPTIONS", "-Xlog:gc '-Dx=a\"b'\"c'd\""), "--version");
    assertTrue(r.out().startsWith("tikhonov ") || r.exit() == 2 && r.out().isEmpty(),
        r.out());
  }

  /**
   * {@code -Xloggc:FILE}, the old GC log option still common in JAVA_TOOL_OPTIONS, in java's
   * own variables read before the command line (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS): java
   * warns "[0.000s][warning][gc] -Xloggc is deprecated. Will use -Xlog:gc:FILE instead." while
   * it parses them, before the launcher's {@code -Xlog:all=off:stdout
   * -Xlog:all=warning:stderr}, so on standard output (JDK 17 and 25): {@code predict --out -}
   * begins with it. From TIKHONOV_JAVA_OPTS or _JAVA_OPTIONS it goes to stderr.
   */
  @Test
  @Disabled("fails now: standard output starts with '[0.000s][warning][gc] -Xloggc is"
      + " deprecated. Will use -Xlog:gc:… instead.'")
  void xloggcInJavasOwnVariables_warnsOnStandardError() throws Exception {
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
      Result r = run(Map.of(variable, "-Xloggc:" + dir.resolve("gc.log")), "--version");
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().startsWith("tikhonov "), variable + ": " + r.out());
    }
  }
}
