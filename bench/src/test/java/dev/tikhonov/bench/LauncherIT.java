package dev.tikhonov.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./tikhonov} in the environments users run it in: JAVA_HOME, no java on
 * PATH, the C locale, a newer Java, TMPDIR. It runs here as a user runs it (this module's
 * integration tests come after both jars are packaged, so it builds nothing).
 */
class LauncherIT {
  @TempDir Path dir;
  private Path data;

  record Result(int exit, String out, String err) {}

  /**
   * The launcher builds the jars when a source or pom is newer than the CLI's jar; a test must
   * not start a Maven build of its own, so it runs only against jars newer than every source
   * (as after this build's package phase).
   */
  @BeforeEach
  void jarsAreCurrent() throws IOException {
    Path root = launcher().getParent();
    Path jar = root.resolve("cli/target/tikhonov.jar");
    assumeTrue(Files.isRegularFile(jar)
        && Files.isRegularFile(root.resolve("bench/target/tikhonov-bench.jar")), "no jars");
    long built = Files.getLastModifiedTime(jar).toMillis();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        List<Path> sources = new ArrayList<>(List.of(module.resolve("pom.xml")));
        if (Files.isDirectory(module.resolve("src/main"))) {
          try (Stream<Path> files = Files.walk(module.resolve("src/main"))) {
            sources.addAll(files.toList());
          }
        }
        for (Path source : sources) {
          assumeTrue(!Files.exists(source)
              || Files.getLastModifiedTime(source).toMillis() <= built,
              source + " is newer than the jar: the launcher would build");
        }
      }
    }
  }

  @BeforeEach
  void data() throws IOException {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 30; i++) {
      csv.append(Math.sin(i)).append(',').append(Math.cos(3 * i)).append(',')
          .append(2 * Math.sin(i) - Math.cos(3 * i)).append('\n');
    }
    data = Files.writeString(dir.resolve("d.csv"), csv);
  }

  private static Path launcher() {
    return Path.of("..", "tikhonov").toAbsolutePath().normalize();
  }

  /** The environment variables whose options java takes (the launcher's own and java's). */
  private static final List<String> JAVA_OPTION_VARIABLES =
      List.of("TIKHONOV_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

  /** Runs the launcher in {@code dir} with {@code env} changed (a null value removes it). */
  private Result run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", launcher().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    // JVM options of the environment this test runs in are not the test's
    for (String k : JAVA_OPTION_VARIABLES) {
      pb.environment().remove(k);
    }
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** A PATH of the tools the launcher uses, without java. */
  private String pathWithoutJava() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("bash", "dirname", "find", "readlink", "sed", "locale", "grep",
        "cut", "env", "mvn")) {
      for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
        Path p = Path.of(d, tool);
        if (Files.isExecutable(p) && !Files.exists(bin.resolve(tool))) {
          Files.createSymbolicLink(bin.resolve(tool), p);
        }
      }
    }
    return bin.toString();
  }

  @Test
  void javaHome_isTheJavaThatRuns_withNoJavaOnPath() throws Exception {
    String home = System.getProperty("java.home");
    Result r = run(Map.of("JAVA_HOME", home, "PATH", pathWithoutJava()), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Java " + System.getProperty("java.version") + " "), r.out());
  }

  @Test
  void noJava_isOneLineSayingWhereItLooked() throws Exception {
    java.util.HashMap<String, String> env = new java.util.HashMap<>();
    env.put("JAVA_HOME", null);
    env.put("PATH", pathWithoutJava());
    Result r = run(env, "--version");
    assertEquals(1, r.exit());
    assertEquals("tikhonov: error: no java: JAVA_HOME is not set and PATH has no java; install a"
        + " JDK 17 or later (e.g. apt install openjdk-17-jdk) or set JAVA_HOME to one",
        r.err().strip());

    env.put("JAVA_HOME", dir.resolve("jdk").toString());
    Result bad = run(env, "--version");
    assertEquals(1, bad.exit());
    assertEquals("tikhonov: error: JAVA_HOME is " + dir.resolve("jdk") + ", but it has no"
        + " bin/java; set JAVA_HOME to a JDK 17 or later, or unset it to use the java on PATH",
        bad.err().strip());
  }

  @Test
  void cLocale_takesAFileNameOutsideAscii_andPrintsLambda() throws Exception {
    assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "passing a name outside ASCII to the launcher needs a UTF-8 locale here");
    Files.copy(data, dir.resolve("dïab.csv"));
    // In the C locale Java's file names were ASCII: "cannot convert 'd??ab.csv' to Path
    // (java.nio.file.InvalidPathException: Malformed input …)", exit 2.
    Result r = run(Map.of("LC_ALL", "C"), "train", "--data", "dïab.csv", "--target", "y",
        "--model", "linear", "--epochs", "1", "--quiet", "--out", "rün");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(dir.resolve("rün").resolve("metrics.json")));

    Result help = run(Map.of("LC_ALL", "C"), "train", "--help");
    assertTrue(help.out().contains("[--lambda=λ]"), help.out());
  }

  /** A Java of version 22 or later: this test's, or one in /usr/lib/jvm. */
  private static Optional<Path> java22OrLater() throws IOException {
    if (Runtime.version().feature() >= 22) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(h -> {
        try {
          String release = Files.readString(h.resolve("release"));
          java.util.regex.Matcher m = java.util.regex.Pattern
              .compile("JAVA_VERSION=\"(\\d+)").matcher(release);
          return m.find() && Integer.parseInt(m.group(1)) >= 22
              && Files.isExecutable(h.resolve("bin/java"));
        } catch (IOException e) {
          return false;
        }
      }).sorted().findFirst();
    }
  }

  @Test
  void java22OrLater_printsNoNativeAccessWarning_byTheLauncherOrJavaJar() throws Exception {
    Optional<Path> home = java22OrLater();
    assumeTrue(home.isPresent(), "needs a Java 22 or later");
    // It printed "WARNING: A restricted method in java.lang.System has been called" and three
    // lines more on every run that loads OpenBLAS.
    Result r = run(Map.of("JAVA_HOME", home.get().toString()), "train", "--data",
        data.toString(), "--target", "y", "--model", "linear", "--epochs", "1", "--quiet",
        "--out", "r");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("WARNING"), r.err());

    Process p = new ProcessBuilder(home.get().resolve("bin/java").toString(), "-jar",
        launcher().resolveSibling("cli/target/tikhonov.jar").toString(), "train", "--data",
        data.toString(), "--target", "y", "--model", "linear", "--epochs", "1", "--quiet",
        "--out", dir.resolve("r2").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), err);
    assertFalse(err.contains("WARNING"), err);
  }

  @Test
  void tmpdir_isJavasTemporaryDirectory_whereTheRunLockGoes() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Result r = run(Map.of("TMPDIR", tmp.toString()), "train", "--data", data.toString(),
        "--target", "y", "--model", "linear", "--epochs", "1", "--quiet", "--out", "r");
    assertEquals(0, r.exit(), r.err());
    try (Stream<Path> made = Files.list(tmp)) {
      assertEquals(List.of("tikhonov-locks-" + System.getProperty("user.name")),
          made.map(p -> p.getFileName().toString()).toList());
    }
    // a TMPDIR that is not there is no reason to fail: Java keeps /tmp
    Result missing = run(Map.of("TMPDIR", dir.resolve("gone").toString()), "--version");
    assertEquals(0, missing.exit(), missing.err());
  }
  /**
   * A JVM crash (kill -SEGV stands for a native library's) wrote its 1,000-line
   * hs_err_pid&lt;N&gt;.log into the working directory; it goes to the temporary directory.
   */
  @Test
  void crash_leavesNoErrorFileInTheWorkingDirectory() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", launcher().toString(), "train",
        "--model", "logistic", "--epochs", "100000", "--out", "r").directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TMPDIR", tmp.toString());
    Process p = pb.start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
        StandardCharsets.UTF_8));
    // wait until the JVM (p itself: the launcher execs it) trains, its libraries loaded
    String line;
    do {
      line = err.readLine();
    } while (line != null && !line.startsWith("epoch 2/"));
    Process kill = new ProcessBuilder("kill", "-SEGV", Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
    err.transferTo(java.io.Writer.nullWriter());
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the crashed JVM did not end");
    assertEquals(134, p.exitValue()); // SIGABRT, after the error report
    try (Stream<Path> here = Files.list(dir)) {
      assertEquals(List.of(), here.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("hs_err")).toList());
    }
    assertTrue(Files.isRegularFile(tmp.resolve("tikhonov-hs_err_pid" + p.pid() + ".log")));
  }

  /**
   * Java options the JVM refuses: it printed its own three lines ("Unrecognized VM option
   * 'Bogus'", "Error: Could not create the Java Virtual Machine.", …) with exit code 1, and of
   * a heap too small two that went to standard output, into {@code predict --out - > p.csv}.
   * Now one line naming the variable and the JVM's reason, on standard error, exit code 2.
   * Failed before: exit code 1 and the JVM's lines.
   */
  @Test
  void javaOptsTheJvmRefuses_areOneLineNamingTheVariable() throws Exception {
    Map<String, String> reasons = Map.of(
        "-Xmx1q", "Invalid maximum heap size: -Xmx1q",
        "-XX:+Bogus", "Unrecognized VM option 'Bogus'",
        "-Dx=1 --bogus", "Unrecognized option: --bogus",
        "--add-opens", "--add-opens requires modules to be specified",
        "-Xmx1k", "Too small maximum heap");
    for (Map.Entry<String, String> e : reasons.entrySet()) {
      Result r = run(Map.of("TIKHONOV_JAVA_OPTS", e.getKey()), "--version");
      assertEquals(2, r.exit(), r.err());
      assertEquals("", r.out()); // "Error occurred during initialization of VM" was there
      assertEquals("tikhonov: error: TIKHONOV_JAVA_OPTS='" + e.getKey() + "': java refuses"
          + " these options: " + e.getValue() + "; correct or unset TIKHONOV_JAVA_OPTS\n",
          r.err());
    }
  }

  /**
   * A bad option in java's own variables, set in the user's environment (JDK_JAVA_OPTIONS, read
   * by the java command; JAVA_TOOL_OPTIONS and _JAVA_OPTIONS, by the JVM), gave java's lines
   * ("Picked up JAVA_TOOL_OPTIONS: -XX:+Bogus", "Unrecognized VM option 'Bogus'", "Error: Could
   * not create the Java Virtual Machine.", …) and exit code 1. Now one line naming the variable
   * and java's reason, exit code 2. Failed before: exit code 1 and java's lines.
   */
  @Test
  void javasOwnVariablesTheJvmRefuses_areOneLineNamingTheVariable() throws Exception {
    String[][] cases = {
        {"JDK_JAVA_OPTIONS", "-Xmx", "Invalid maximum heap size: -Xmx"},
        {"JAVA_TOOL_OPTIONS", "-XX:+Bogus", "Unrecognized VM option 'Bogus'"},
        {"_JAVA_OPTIONS", "-Xmx1k", "Too small maximum heap"},
        {"JDK_JAVA_OPTIONS", "-Xmx512m -jar x.jar",
            "Option -jar is not allowed in environment variable JDK_JAVA_OPTIONS"},
        {"JAVA_TOOL_OPTIONS", "-Dx=\"a b", "Unmatched quote in JAVA_TOOL_OPTIONS"}};
    for (String[] c : cases) {
      Result r = run(Map.of(c[0], c[1]), "predict", "--model", "m", "--data", data.toString(),
          "--out", "-");
      assertEquals(2, r.exit(), c[0] + ": " + r.err());
      assertEquals("", r.out());
      assertEquals("tikhonov: error: " + c[0] + "='" + c[1] + "' (set in the environment;"
          + " every java program reads it): java refuses these options: " + c[2]
          + "; correct or unset " + c[0] + "\n", r.err());
    }
  }

  /**
   * Options that print and exit, which java takes in its own variables: the command never ran
   * (java's flags or log help, exit code 0; -Xshare:dump would rewrite the JDK's class-data
   * archive). Refused as in TIKHONOV_JAVA_OPTS, before any JVM starts. Failed before: exit
   * code 0 and java's output.
   */
  @Test
  void javasOwnVariablesThatPrintAndExit_areRefusedNamingTheOption() throws Exception {
    String[][] cases = {
        {"JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsInitial"},
        {"_JAVA_OPTIONS", "-Xlog:help"},
        {"JDK_JAVA_OPTIONS", "--list-modules"},
        {"JDK_JAVA_OPTIONS", "-Xinternalversion"}};
    for (String[] c : cases) {
      Result r = run(Map.of(c[0], "-Xmx512m " + c[1]), "train", "--data", data.toString(),
          "--target", "y", "--model", "linear", "--epochs", "1", "--quiet", "--out", "r");
      assertEquals(2, r.exit(), c[0] + ": " + r.out() + r.err());
      assertEquals("", r.out());
      assertEquals("tikhonov: error: " + c[0] + "='-Xmx512m " + c[1] + "' (set in the"
          + " environment; every java program reads it): " + c[1] + " makes java exit without"
          + " running the command (run java " + c[1] + " alone for what it prints); correct or"
          + " unset " + c[0] + "\n", r.err());
      assertFalse(Files.exists(dir.resolve("r")), c[1]);
    }
  }

  /**
   * With several variables set, the line names the one java refuses (each with its reason),
   * or all of them when java refuses only their options together.
   */
  @Test
  void severalVariables_theLineNamesTheOneAtFault() throws Exception {
    String env = " (set in the environment; every java program reads it)";
    Result one = run(Map.of("JAVA_TOOL_OPTIONS", "-Xmx512m", "TIKHONOV_JAVA_OPTS", "-XX:+Bogus"),
        "--version");
    assertEquals(2, one.exit(), one.err());
    assertEquals("tikhonov: error: TIKHONOV_JAVA_OPTS='-XX:+Bogus': java refuses these options:"
        + " Unrecognized VM option 'Bogus'; correct or unset TIKHONOV_JAVA_OPTS\n", one.err());
    Result two = run(Map.of("JDK_JAVA_OPTIONS", "-Xmx", "JAVA_TOOL_OPTIONS", "-XX:+Bogus"),
        "--version");
    assertEquals(2, two.exit(), two.err());
    assertEquals("tikhonov: error: JDK_JAVA_OPTIONS='-Xmx'" + env + ": java refuses these"
        + " options: Invalid maximum heap size: -Xmx; JAVA_TOOL_OPTIONS='-XX:+Bogus'" + env
        + ": java refuses these options: Unrecognized VM option 'Bogus'; correct or unset"
        + " JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS\n", two.err());
    Result together = run(Map.of("JAVA_TOOL_OPTIONS", "-Xms1g", "TIKHONOV_JAVA_OPTS",
        "-Xmx512m"), "--version");
    assertEquals(2, together.exit(), together.err());
    assertEquals("tikhonov: error: TIKHONOV_JAVA_OPTS='-Xmx512m' and JAVA_TOOL_OPTIONS='-Xms1g'"
        + env + ": java refuses these options together: Initial heap size set to a larger value"
        + " than the maximum heap size; correct or unset TIKHONOV_JAVA_OPTS or"
        + " JAVA_TOOL_OPTIONS\n", together.err());
  }

  /**
   * Good options in java's own variables run the command as before; java's "Picked up …" lines
   * on standard error are its own (every java program prints them), left as they are.
   */
  @Test
  void javasOwnVariablesTheJvmTakes_runTheCommand() throws Exception {
    Result r = run(Map.of("JAVA_TOOL_OPTIONS", "-Xmx512m", "JDK_JAVA_OPTIONS", "-Dx=1"),
        "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("tikhonov "), r.out());
    assertEquals("NOTE: Picked up JDK_JAVA_OPTIONS: -Dx=1\n"
        + "Picked up JAVA_TOOL_OPTIONS: -Xmx512m\n", r.err());
  }

  /**
   * Options that make java print and exit, or run another program: the options check ({@code
   * java … -version}) passed them, and the command never ran (-version: java's version, exit
   * code 0, no run folder; -jar: another program; -cp: ignored, the launcher's came after).
   * Now one line naming the option, exit code 2. Failed before: exit code 0 for each.
   */
  @Test
  void javaOptsThatReplaceTheCommand_areRefusedNamingTheOption() throws Exception {
    String exits = " makes java exit without running the command (run java %s alone for what"
        + " it prints)";
    String names = " names the program or class path java runs, which the launcher gives"
        + " (tikhonov's jars and main class)";
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    for (String o : List.of("-version", "--version", "-help", "--help", "-X", "--list-modules",
        "--dry-run", "-Xshare:dump", "-XX:+PrintFlagsInitial", "-XX:+PrintSharedArchiveAndExit")) {
      refusals.put("-Xmx512m " + o, o + exits.formatted(o));
    }
    refusals.put("-jar other.jar", "-jar" + names);
    refusals.put("-cp /somewhere", "-cp" + names);
    for (Map.Entry<String, String> e : refusals.entrySet()) {
      Result r = run(Map.of("TIKHONOV_JAVA_OPTS", e.getKey()), "train", "--data",
          data.toString(), "--target", "y", "--model", "linear", "--epochs", "1", "--quiet",
          "--out", "r");
      assertEquals(2, r.exit(), e.getKey() + ": " + r.out() + r.err());
      assertEquals("", r.out());
      assertEquals("tikhonov: error: TIKHONOV_JAVA_OPTS='" + e.getKey() + "': " + e.getValue()
          + "; correct or unset TIKHONOV_JAVA_OPTS\n", r.err());
    }
  }

  /** Options that print and then run pass: the command runs and its output is as it was. */
  @Test
  void javaOptsThatPrintAndRun_runTheCommand() throws Exception {
    Result r = run(Map.of("TIKHONOV_JAVA_OPTS", "-showversion -XshowSettings:vm"), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("tikhonov "), r.out());
    assertTrue(r.err().contains("VM settings:"), r.err());
  }

  /**
   * A value with spaces in quotes is one option, as java reads JDK_JAVA_OPTIONS: the run's
   * temporary directory (where its lock goes) has spaces in its name. Failed before: the
   * launcher split it at the spaces, and java took "m" for the main class: "java refuses
   * these options: Could not find or load main class m; …", exit code 2.
   */
  @Test
  void quotedJavaOpts_areOneOptionEach_asJavaReadsThem() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("t m p"));
    for (String q : List.of("\"", "'")) {
      String opts = "-Xmx512m -Djava.io.tmpdir=" + q + tmp + q;
      Result r = run(Map.of("TIKHONOV_JAVA_OPTS", opts), "train", "--data", data.toString(),
          "--target", "y", "--model", "linear", "--epochs", "1", "--quiet", "--out", "r" + q);
      assertEquals(0, r.exit(), opts + ": " + r.err());
      assertTrue(Files.isDirectory(
          tmp.resolve("tikhonov-locks-" + System.getProperty("user.name"))), opts);
    }
    // java's rule (no escapes; the other quote inside): a'b c, one option
    Result mixed = run(Map.of("TIKHONOV_JAVA_OPTS", "-Dx=\"a'b c\""), "--version");
    assertEquals(0, mixed.exit(), mixed.err());
    String open = "-Dx=\"a b -Xmx512m";
    Result r = run(Map.of("TIKHONOV_JAVA_OPTS", open), "--version");
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals("tikhonov: error: TIKHONOV_JAVA_OPTS='" + open + "': its \" opens a value that"
        + " no \" closes (quotes group a value with spaces, as in -Dname=\"a b\"; a quote inside"
        + " a value goes in the other kind: -Dname=\"it's\"); correct or unset"
        + " TIKHONOV_JAVA_OPTS\n", r.err());
  }

  /**
   * Options the JVM takes change nothing of a run: the check's own output (the JVM's version)
   * is not printed, and the command's exit codes are its own, a refused flag's 2 too.
   */
  @Test
  void javaOptsTheJvmTakes_leaveOutputAndExitCodesAsTheyWere() throws Exception {
    Map<String, String> env = Map.of("TIKHONOV_JAVA_OPTS", "-Xmx512m -Dx=1");
    Result r = run(env, "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("tikhonov "), r.out());
    assertFalse(r.out().contains("openjdk") || r.out().contains("Runtime Environment"), r.out());
    assertEquals("", r.err());
    Result bad = run(env, "train", "--data", data.toString(), "--target", "nothing");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().startsWith("tikhonov: error: "), bad.err());
  }

  /**
   * With TIKHONOV_JAVA_OPTS set the launcher still execs the JVM: a kill of the process it
   * started reaches the JVM, which says so and keeps the signal's exit code (143).
   */
  @Test
  void withJavaOpts_aKillReachesTheJvm_andItsExitCodeStays() throws Exception {
    List<String> cmd = List.of("/bin/bash", launcher().toString(), "train", "--data",
        data.toString(), "--target", "y", "--model", "linear", "--epochs", "100000",
        "--threads", "1", "--out", dir.resolve("o").toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TIKHONOV_JAVA_OPTS", "-Xmx512m");
    Process p = pb.start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      seen.append(line).append('\n');
      if (line.startsWith("epoch 2/")) {
        break;
      }
    }
    assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start()
        .waitFor());
    boolean stopped = p.waitFor(2, TimeUnit.MINUTES);
    if (!stopped) {
      p.destroyForcibly().waitFor();
    }
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      seen.append(line).append('\n');
    }
    assertTrue(stopped, "the run did not stop: " + seen);
    assertEquals(143, p.exitValue(), seen.toString());
    assertTrue(seen.toString().strip().endsWith("tikhonov: stopped by a signal (Ctrl-C or kill)"
        + " before the command finished; no file was left half-written"), seen.toString());
  }

  /**
   * A debugger's agent in TIKHONOV_JAVA_OPTS ({@code suspend=y}) made the launcher's check of
   * the options ({@code java … -version}) wait, silently, for a debugger, which would then have
   * attached to the check's JVM, not the command's. Agent options skip the check: the
   * command's JVM says where it listens. Failed before: no line in a minute.
   */
  @Test
  void aDebuggerAgent_skipsTheOptionsCheck_andTheCommandsJvmListens() throws Exception {
    debuggerListens("TIKHONOV_JAVA_OPTS");
  }

  /**
   * The same agent in JAVA_TOOL_OPTIONS, which the options check now takes too: the check is
   * skipped, and the command's JVM listens (a profiler's agent would otherwise also run twice).
   * JDK_JAVA_OPTIONS is java's, and skips the check as well.
   */
  @Test
  void aDebuggerAgentInJavasOwnVariable_skipsTheOptionsCheck() throws Exception {
    debuggerListens("JAVA_TOOL_OPTIONS");
    debuggerListens("JDK_JAVA_OPTIONS");
  }

  /**
   * An agent in any variable turned the whole options check off: -Xmx1q beside it gave java's
   * own lines and exit code 1 again. The check now runs without the agent options (the
   * command's JVM alone loads the agent) and judges the others. Failed before: exit code 1,
   * "Invalid maximum heap size: -Xmx1q", "Error: Could not create the Java Virtual Machine."
   */
  @Test
  void anAgentBesideABadOption_theBadOptionIsNamed() throws Exception {
    String agent;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      agent = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:"
          + free.getLocalPort();
    }
    for (String variable : JAVA_OPTION_VARIABLES) {
      String value = agent + " -Xmx1q";
      Result r = run(Map.of(variable, value), "--version");
      assertEquals(2, r.exit(), variable + ": " + r.err());
      assertEquals("", r.out(), variable);
      String named = variable.equals("TIKHONOV_JAVA_OPTS") ? variable + "='" + value + "'"
          : variable + "='" + value + "' (set in the environment; every java program reads it)";
      assertEquals("tikhonov: error: " + named + ": java refuses these options: Invalid maximum"
          + " heap size: -Xmx1q; correct or unset " + variable + "\n", r.err());
    }
  }

  /**
   * The JVM's log to the console goes to standard error with a Java 22 or later too (its
   * options and aliases are those of Java 17), and so do the JVM's warnings, whose default
   * output is standard output. RedTeam45bLauncherIT checks each variable with this build's
   * Java. Failed before: standard output began with "[0.004s][info][gc] Using G1".
   */
  @Test
  void java22OrLater_logsToStandardError() throws Exception {
    Optional<Path> home = java22OrLater();
    assumeTrue(home.isPresent(), "needs a Java 22 or later");
    String version = run(Map.of("JAVA_HOME", home.get().toString()), "--version").out();
    for (Map.Entry<String, String> e : Map.of("TIKHONOV_JAVA_OPTS", "-verbose:gc",
        "JAVA_TOOL_OPTIONS", "-XX:+PrintGCDetails", "_JAVA_OPTIONS", "-Xlog:gc*").entrySet()) {
      Result r = run(Map.of("JAVA_HOME", home.get().toString(), e.getKey(), e.getValue()),
          "--version");
      assertEquals(0, r.exit(), e + ": " + r.err());
      assertEquals(version, r.out(), e.toString());
      assertTrue(r.err().contains("] Using "), e + ": " + r.err());
    }
  }

  /**
   * A first run builds the jars: it said "first run takes a minute" and nothing more for the 3
   * minutes it took on a quiet machine (5 under load). Now each module's start, from Maven's
   * own lines, and on failure the build's lines from its first error on. Run here by a copy of
   * the launcher in a folder without jars and a stand-in for mvn on PATH (no build starts).
   * Failed before: no module's line, and the failure printed every line of the build.
   */
  @Test
  void aBuild_saysEachModule_andOnFailureItsErrors() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("clone"));
    Files.copy(launcher(), copy.resolve("tikhonov"));
    Path bin = Files.createDirectories(dir.resolve("mvn-bin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), String.join("\n", "#!/bin/sh",
        "echo '[INFO] Scanning for projects...'",
        "echo '[INFO] Building tikhonov core library 0.1.0-SNAPSHOT        [2/4]'",
        "echo '[ERROR] /c/A.java:[3,4] cannot find symbol'",
        "echo '  symbol:   variable x'",
        "exit 1", ""));
    assertTrue(mvn.toFile().setExecutable(true));
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", copy.resolve("tikhonov").toString(),
        "--version").directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    JAVA_OPTION_VARIABLES.forEach(pb.environment()::remove);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(1, p.exitValue(), err);
    assertEquals("""
        tikhonov: building the jars with Maven (a few minutes the first time)...
        tikhonov: building tikhonov core library (2/4)
        [ERROR] /c/A.java:[3,4] cannot find symbol
          symbol:   variable x
        tikhonov: build failed; run 'mvn -pl cli,bench -am package' to see why
        """, err);
  }

  /**
   * A log file (-Xlog:gc:file=gc.log) was opened by the options check's JVM too, and the
   * command's JVM then renamed that file gc.log.0 (java rotates an existing log at start): each
   * run left a file of the check's lines and pushed the user's earlier logs one file further.
   * The check now logs to /dev/null. Failed before: gc.log.0 beside gc.log.
   */
  @Test
  void aLogFile_isTheCommandsAlone() throws Exception {
    for (String variable : List.of("TIKHONOV_JAVA_OPTS", "JAVA_TOOL_OPTIONS")) {
      Path logs = Files.createDirectory(dir.resolve("logs-" + variable));
      Result r = run(Map.of(variable, "-Xlog:gc:file=" + logs.resolve("gc.log")), "--version");
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().startsWith("tikhonov "), r.out());
      try (Stream<Path> files = Files.list(logs)) {
        assertEquals(List.of("gc.log"), files.map(f -> f.getFileName().toString()).toList(),
            variable);
      }
      assertTrue(Files.readString(logs.resolve("gc.log")).contains("] Using "), variable);
    }
  }

  /**
   * A log option java refuses: the reason is java's own line about it. JAVA_TOOL_OPTIONS'
   * went to standard output (the log's default, which the check did not read), and the reason
   * was "Invalid -Xlog option '-Xlog:gc=bogus', see error log for details."; that line names
   * the option as the launcher rewrote it, so it is left out. Failed before: that line.
   */
  @Test
  void aLogOptionJavaRefuses_isNamedByJavasReason() throws Exception {
    Path file = dir.resolve("gc.log");
    String[][] cases = {
        {"JAVA_TOOL_OPTIONS", "-Xlog:gc=bogus", "Invalid level 'bogus' in log selection"},
        {"TIKHONOV_JAVA_OPTS", "-Xlog:gc:file=" + file + ":bogus", "Invalid decorator 'bogus'"},
        {"TIKHONOV_JAVA_OPTS", "-Xlog:bogus", "Invalid tag 'bogus' in log selection"}};
    for (String[] c : cases) {
      Result r = run(Map.of(c[0], c[1]), "--version");
      assertEquals(2, r.exit(), r.err());
      assertEquals("", r.out());
      String named = c[0].equals("TIKHONOV_JAVA_OPTS") ? c[0] + "='" + c[1] + "'"
          : c[0] + "='" + c[1] + "' (set in the environment; every java program reads it)";
      assertEquals("tikhonov: error: " + named + ": java refuses these options: " + c[2]
          + "; correct or unset " + c[0] + "\n", r.err());
    }
    assertFalse(Files.exists(file));
  }

  private void debuggerListens(String variable) throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder("setsid", "/bin/bash", launcher().toString(),
        "--version").directory(dir.toFile()).redirectErrorStream(true);
    JAVA_OPTION_VARIABLES.forEach(pb.environment()::remove);
    pb.environment().put(variable, "-agentlib:jdwp=transport=dt_socket,server=y,"
        + "suspend=y,address=127.0.0.1:" + port);
    Process p = pb.start();
    java.util.concurrent.CompletableFuture<String> listening =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try (BufferedReader out = new BufferedReader(new InputStreamReader(
              p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
              if (line.startsWith("Listening for transport dt_socket")) {
                return line;
              }
            }
            return "";
          } catch (IOException e) {
            return "";
          }
        });
    try {
      String line = listening.get(1, TimeUnit.MINUTES);
      assertTrue(line.endsWith(" " + port), variable + ": " + line);
    } finally {
      new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).start().waitFor();
      p.waitFor(1, TimeUnit.MINUTES);
    }
  }

  /**
   * A kill while the launcher itself runs (it checks the locale, the jars' age, the Java
   * version; up to a second on a busy machine, a minute when it builds) ended it with exit
   * code 143 and not a word. The stop comes here while it asks {@code locale}, which waits
   * (a stand-in on PATH) until the signal reaches the launcher's process group, as a
   * terminal's Ctrl-C and a job scheduler's kill do. Failed before: no line on stderr.
   */
  @Test
  void aKillWhileTheLauncherRuns_isSaid_andTheExitCodeIsTheSignals() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("slow-bin"));
    Path asked = dir.resolve("locale-asked");
    Path locale = Files.writeString(bin.resolve("locale"),
        "#!/bin/sh\ntouch '" + asked + "'\nexec sleep 600\n");
    assertTrue(locale.toFile().setExecutable(true));
    // its own session and process group, which the kill is sent to
    ProcessBuilder pb = new ProcessBuilder("setsid", "/bin/bash", launcher().toString(),
        "--version").directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    for (int i = 0; i < 3000 && !Files.exists(asked) && p.isAlive(); i++) {
      Thread.sleep(20); // the launcher's own steps before locale: milliseconds
    }
    assertTrue(Files.exists(asked), "the launcher did not ask locale");
    assertEquals(0, new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).start().waitFor());
    assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the launcher did not stop");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(143, p.exitValue(), err);
    assertEquals("tikhonov: stopped by a signal (Ctrl-C or kill) before the command started;"
        + " nothing was written\n", err);
  }
}
