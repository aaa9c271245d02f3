package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tikhonov completion}: the script it prints, sourced into a real bash, completes what
 * a user would TAB for (command names, flags, fixed values, files), typed as {@code ./tikhonov}
 * as the README runs it.
 */
class CompletionTest {
  @TempDir Path dir;

  /** What bash offers for the words {@code line} (the last one being completed). */
  private List<String> complete(Path script, String... line) throws Exception {
    StringBuilder words = new StringBuilder();
    for (String w : line) {
      words.append(" '").append(w).append('\'');
    }
    String program = "source '" + script + "'\n"
        + "COMP_WORDS=(" + words + " )\n"
        + "COMP_CWORD=" + (line.length - 1) + "\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_tikhonov\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Path errors = dir.resolve("bash.err");
    Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
        .directory(dir.toFile()).redirectError(errors.toFile()).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    // compopt only works inside a completion that bash itself started, which a test cannot.
    List<String> problems = Files.readAllLines(errors).stream()
        .filter(l -> !l.contains("compopt: not currently executing completion function"))
        .toList();
    assertEquals(List.of(), problems);
    assertEquals(0, bash.exitValue(), out);
    return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private Path script() throws Exception {
    InProcess run = InProcess.run("completion");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("complete -F _complete_tikhonov"), run.out());
    Path script = dir.resolve("tikhonov.bash");
    Files.writeString(script, run.out());
    return script;
  }

  @Test
  void completesCommandsFlagsValuesAndFiles() throws Exception {
    Path script = script();
    assertEquals(List.of("train"), complete(script, "./tikhonov", "tr"));
    assertTrue(complete(script, "./tikhonov", "").containsAll(
        List.of("train", "path", "experiment", "predict", "completion")));
    assertEquals(List.of("--lambda-min-ratio", "--lambdas"), complete(script, "tikhonov",
        "path", "--lambda").stream().sorted().toList());
    assertEquals(List.of("binomial"), complete(script, "./tikhonov", "path", "--family", "bi"));
    assertEquals(List.of("grouped"), complete(script, "./tikhonov", "path",
        "--multinomial-penalty", "g"));
    assertEquals(List.of("mnist-l2", "mnist-select"),
        complete(script, "./tikhonov", "experiment", "mnist").stream().sorted().toList());
    assertEquals(List.of("adam", "adamw"),
        complete(script, "./tikhonov", "train", "--optimizer", "ad").stream().sorted().toList());
    assertEquals(List.of("1se"), complete(script, "./tikhonov", "grid", "--rule", "1"));
    // ridge is offered its fold flags, not the network search's (--cv-measure, --holdout)
    assertEquals(List.of("--cv-folds"), complete(script, "./tikhonov", "ridge", "--cv-"));
    assertEquals(List.of(), complete(script, "./tikhonov", "ridge", "--ho"));
    assertEquals(List.of("--holdout"), complete(script, "./tikhonov", "select", "--ho"));
    assertEquals(List.of("decreasing"), complete(script, "./tikhonov", "select", "--direction",
        "d"));
    Files.writeString(dir.resolve("diabetes.csv"), "a,y\n1,2\n");
    assertEquals(List.of("diabetes.csv"), complete(script, "./tikhonov", "path", "--data",
        "dia"));
  }

  /**
   * A negatable flag's negated name (select's --no-evidence) is offered with its positive one:
   * picocli's generator leaves it out, so {@code select --no<TAB>} offered nothing.
   */
  @Test
  void completesNegatedNamesOfNegatableFlags() throws Exception {
    Path script = script();
    assertEquals(List.of("--no-evidence"), complete(script, "./tikhonov", "select", "--no"));
    assertEquals(List.of("--evidence"), complete(script, "./tikhonov", "select", "--ev"));
  }

  /** {@code help tr<TAB>} completes the command names as {@code tr<TAB>} does (it offered none). */
  @Test
  void completesCommandNamesAfterHelp() throws Exception {
    Path script = script();
    assertEquals(List.of("train"), complete(script, "./tikhonov", "help", "tr"));
    assertTrue(complete(script, "./tikhonov", "help", "").containsAll(
        List.of("train", "path", "select", "completion")));
  }

  @Test
  void registersTheCommandAsTypedOnThePathAndAsTheReadmeTypesIt() throws Exception {
    Path script = script();
    Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c",
        "source '" + script + "' && complete -p tikhonov ./tikhonov")
        .redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, bash.exitValue(), out);
    assertEquals(2, out.lines().filter(l -> l.contains("-F _complete_tikhonov")).count(), out);
  }

  @Test
  void everyExperimentOfferedIsOneTheCommandRuns() {
    for (String name : new CompletionCommand.Experiments()) {
      assertDoesNotThrow(() -> ExperimentCommand.kindOf(name), name);
    }
    assertEquals(ExperimentCommand.NAMES.size(), ExperimentCommand.NAMES.stream().distinct()
        .count());
  }
}
