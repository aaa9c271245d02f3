package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link Flags}' translations of the core's setting names name flags that exist, and a message
 * about a flag names it as the user typed it ({@link Flags#asTyped}).
 */
class FlagsMappingTest {
  @TempDir Path dir;

  /** Every command's options by each of their names, from picocli's CommandSpec. */
  private static Map<String, List<OptionSpec>> optionsByName() {
    Map<String, List<OptionSpec>> byName = new TreeMap<>();
    Deque<CommandLine> commands = new ArrayDeque<>(List.of(Main.commandLine()));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      commands.addAll(c.getSubcommands().values());
      for (OptionSpec option : c.getCommandSpec().options()) {
        for (String name : option.names()) {
          byName.computeIfAbsent(name, k -> new ArrayList<>()).add(option);
        }
      }
    }
    return byName;
  }

  /**
   * Each setting → flag mapping names an option some command has (a renamed flag would leave
   * its translation naming a flag no command takes, as --holdout would be if ResamplingOptions
   * renamed it), and its first name: the name help and the messages use, which
   * {@link Flags#asTyped} respells as typed.
   */
  @Test
  void everyMapping_namesTheFirstNameOfAnOptionOfACommand() {
    Map<String, List<OptionSpec>> options = optionsByName();
    List<String> wrong = new ArrayList<>();
    Flags.mappings().forEach((setting, flag) -> {
      List<OptionSpec> found = options.getOrDefault(flag, List.of());
      if (found.isEmpty()) {
        wrong.add(setting + " -> " + flag + ": no command has " + flag);
      }
      for (OptionSpec option : found) {
        if (!option.longestName().equals(flag) && !option.names()[0].equals(flag)) {
          wrong.add(setting + " -> " + flag + ": not the first name of "
              + String.join("|", option.names()));
        }
      }
    });
    assertEquals(List.of(), wrong);
    assertTrue(Flags.mappings().size() > 20, Flags.mappings().toString());
  }

  /**
   * A setting's message names the flag as typed: select --folds 1 said "--cv-folds must be
   * >= 2" and --num-lambdas 0 "--nlambda must be in 1..100000" (both failed before asTyped);
   * the first names are kept when they were typed.
   */
  @Test
  void aSettingsMessage_namesTheFlagAsTyped() throws Exception {
    Path csv = Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n2,3\n3,5\n4,4\n5,7\n6,8\n");
    List<String> base = List.of("select", "--data", csv.toString(), "--target", "y",
        "--model", "mlp:2", "--regression", "--out", dir.resolve("s").toString());
    Map<List<String>, String> cases = Map.of(
        List.of("--folds", "1"), "--folds must be >= 2, got 1",
        List.of("--folds=1"), "--folds must be >= 2, got 1",
        List.of("--cv-folds", "1"), "--cv-folds must be >= 2, got 1",
        List.of("--num-lambdas", "0"), "--num-lambdas must be in 1..",
        List.of("--nlambda", "0"), "--nlambda must be in 1..");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      List<String> args = new ArrayList<>(base);
      args.addAll(c.getKey());
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), c.getKey() + ": " + r.err());
      assertTrue(r.err().startsWith("tikhonov: error: " + c.getValue()),
          c.getKey() + ": " + r.err());
    }
  }
}
