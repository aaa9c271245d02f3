package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam45b: the launcher's check of java's own option variables (tikhonov, d71ad0bc). It runs
 * {@code ./tikhonov --version} with the jars built, as LauncherIT (a failsafe test, after the
 * package phase). All failed before (-verbose:gc's lines on standard output: the JVM's unified
 * logging writes to stdout unless told otherwise; the forty-sixth session moved them).
 */
class RedTeam45bLauncherIT {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private Result version(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/bash",
        Path.of("..", "tikhonov").toAbsolutePath().normalize().toString(), "--version")
        .directory(dir.toFile());
    for (String k : List.of("TIKHONOV_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
        "_JAVA_OPTIONS")) {
      pb.environment().remove(k);
    }
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    int exit = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start().waitFor();
    return new Result(exit, Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private void refusedInOneLine(Result r, String variable) {
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("tikhonov: error: " + variable), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("tikhonov: error:")).count(),
        r.err());
    assertFalse(r.out().contains("[Global flags]"), r.out().lines().findFirst().orElse(""));
  }

  @Test
  void printAndExitInsideAVmOptionsFile_isRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("vm.options"), "-XX:+PrintFlagsInitial\n");
    refusedInOneLine(version(Map.of("JAVA_TOOL_OPTIONS", "-XX:VMOptionsFile=" + file)),
        "JAVA_TOOL_OPTIONS");
  }

  @Test
  void printAndExitInsideAnArgFile_isRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("args"), "-XX:+PrintFlagsInitial\n");
    refusedInOneLine(version(Map.of("JDK_JAVA_OPTIONS", "@" + file)), "JDK_JAVA_OPTIONS");
  }

  @Test
  void aValueWithALineBreak_isNamedInOneLine() throws Exception {
    Result r = version(Map.of("JAVA_TOOL_OPTIONS", "-Dx=a\n-Xmx1q"));
    assertEquals(2, r.exit(), r.err());
    List<String> lines = r.err().lines()
        .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
    assertEquals(1, lines.size(), r.err());
    // java's "Picked up JAVA_TOOL_OPTIONS: -Dx=a" went on with the value's second line, which
    // the reason took for java's: "java refuses these options: -Xmx1q; Invalid maximum heap
    // size: -Xmx1q" (failed before, forty-sixth session)
    assertEquals("tikhonov: error: JAVA_TOOL_OPTIONS='-Dx=a\\n-Xmx1q' (set in the environment;"
        + " every java program reads it): java refuses these options: Invalid maximum heap size:"
        + " -Xmx1q; correct or unset JAVA_TOOL_OPTIONS", lines.get(0));
  }

  @Test
  void aUnicodeSpaceInsideAValue_isNotASplit() throws Exception {
    Result r = version(Map.of("JAVA_TOOL_OPTIONS", "-Dx=a\u2003-Xlog:help",
        "LC_ALL", "C.UTF-8"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("tikhonov "), r.out());
  }

  /**
   * The JVM's log goes to standard output unless an option names another output: -verbose:gc's
   * lines ("[0.003s][info][gc] Using G1") came first on standard output, which may be
   * predictions (predict --out -), though the launcher passes -XX:+DisplayVMOutputToStderr.
   * Now on standard error, from each variable and each spelling (an output named stdout or
   * none, -verbose:gc, -XX:+PrintGC…, which acts after every option). Failed before: standard
   * output began with the log's lines.
   */
  @Test
  void gcLogging_staysOffStandardOutput() throws Exception {
    String version = version(Map.of()).out();
    assertTrue(version.startsWith("tikhonov "), version);
    String[][] cases = {
        {"TIKHONOV_JAVA_OPTS", "-verbose:gc"},
        {"TIKHONOV_JAVA_OPTS", "-Xmx512m -Xlog:gc*:stdout:uptime,tags"},
        {"TIKHONOV_JAVA_OPTS", "-XX:+PrintGC"},
        {"JAVA_TOOL_OPTIONS", "-Xlog:gc"},
        {"JAVA_TOOL_OPTIONS", "-XX:+PrintGCDetails"},
        {"JDK_JAVA_OPTIONS", "-Xlog:gc::uptime"},
        {"_JAVA_OPTIONS", "-verbose:gc"},
        {"_JAVA_OPTIONS", "-Dx='a b' -XX:+PrintGC"}};
    for (String[] c : cases) {
      Result r = version(Map.of(c[0], c[1]));
      assertEquals(0, r.exit(), c[0] + "=" + c[1] + ": " + r.err());
      assertEquals(version, r.out(), c[0] + "=" + c[1]);
      assertTrue(r.err().contains("gc") && r.err().contains("] Using "),
          c[0] + "=" + c[1] + ": " + r.err());
    }
  }
}
