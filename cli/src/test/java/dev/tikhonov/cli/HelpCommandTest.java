package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code help NAME …} prints the help of the command the names lead to, and refuses a name
 * that leads nowhere (the nested case, help bench gemm, is in the bench module's
 * BenchCommandTest, where bench is on the class path).
 */
class HelpCommandTest {
  @Test
  void help_withoutName_printsTheMainUsage_withNamePrintsThatCommands() {
    InProcess main = InProcess.run("help");
    assertEquals(0, main.exit(), main.err());
    assertTrue(main.out().startsWith("Usage: tikhonov [-hV] [COMMAND]"), main.out());
    InProcess train = InProcess.run("help", "train");
    assertEquals(0, train.exit(), train.err());
    assertTrue(train.out().contains("Usage: tikhonov train "), train.out());
  }

  @Test
  void help_unknownNames_areExit2NamingThem() {
    InProcess top = InProcess.run("help", "nope");
    assertEquals(2, top.exit());
    assertTrue(top.message().startsWith("unknown command 'nope' in 'tikhonov'; its commands are"
        + " train, predict, "), top.err());
    InProcess nested = InProcess.run("help", "train", "nope");
    assertEquals(2, nested.exit());
    assertTrue(nested.message().startsWith("unknown command 'nope' in 'tikhonov train'; it has"
        + " no subcommands"), nested.err());
  }
}
