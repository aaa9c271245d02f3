package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * grid's and select's --help show how to run them on a CSV file of one's own (their examples
 * were all on the bundled digits), and the example as printed runs on the data/ file it names,
 * with a budget cut to one epoch and two folds, without the warning about unscaled features.
 */
class CsvHelpExamplesTest {
  @TempDir Path dir;

  /** The example of {@code command --help} that reads a CSV file, continuation lines joined. */
  private static List<String> csvExample(String command) {
    InProcess r = InProcess.run(command, "--help");
    assertEquals(0, r.exit(), r.err());
    String help = r.out().replaceAll("\\\\\\R\\s*", " ");
    String line = help.lines().filter(l -> l.startsWith("  tikhonov " + command + " --data data/"))
        .findFirst().orElseThrow(() -> new AssertionError(command + " --help has no CSV example:\n"
            + r.out()));
    String commandPart = line.strip().split(" {3,}\\(")[0]; // without its comment
    return new ArrayList<>(Arrays.asList(commandPart.split("\\s+")));
  }

  /**
   * Every indented line of every command's description (examples, formulas: laid out by hand,
   * where prose is left to picocli to wrap) fits the help's width: grid's CSV example was 101
   * columns, and picocli broke its comment into "(a CSV file; --standardize: its columns on
   * one" and a line "scale)" at the left margin.
   */
  @Test
  void everyCommandsExamples_fitTheHelpWidth() {
    CommandLine root = Main.commandLine();
    java.util.Deque<CommandLine> commands = new java.util.ArrayDeque<>(List.of(root));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      commands.addAll(c.getSubcommands().values());
      for (String line : c.getCommandSpec().usageMessage().description()) {
        if (!line.startsWith(" ")) {
          continue;
        }
        // picocli keeps a line of width − 1 columns whole (its last column is the line break)
        assertTrue(line.length() < c.getUsageHelpWidth(), c.getCommandName() + " --help: "
            + line.length() + " columns: " + line);
      }
    }
    for (String command : new String[] {"grid", "select"}) {
      String help = InProcess.run(command, "--help").out();
      String example = help.lines().filter(l -> l.contains("(a CSV file")).findFirst()
          .orElseThrow(() -> new AssertionError(help));
      assertTrue(example.endsWith(")"), command + ": " + example);
    }
  }

  @Test
  void gridAndSelect_helpShowACsvExampleThatRuns() {
    for (String command : new String[] {"grid", "select"}) {
      List<String> args = csvExample(command);
      assertEquals("tikhonov", args.remove(0));
      int data = args.indexOf("--data") + 1;
      args.set(data, Path.of("..").resolve(args.get(data)).toString());
      args.addAll(List.of("--epochs", "1", "--folds", "2", "--threads", "1", "--quiet", "--out",
          dir.resolve(command).toString()));
      InProcess r = InProcess.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), args + "\n" + r.err());
      assertFalse(r.err().contains("warning"), args + "\n" + r.err());
    }
  }
}
