package dev.tikhonov.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code tikhonov help [COMMAND [SUBCOMMAND …]]}: the usage help of the command that the names
 * lead to, however deep ({@code help bench gemm} is gemm's help). picocli's own help command
 * looks up only the first name, so {@code help bench gemm} printed bench's help. An unknown
 * name is a parameter error (exit 2) that names it and the commands there are.
 *
 * <p>Not thread-safe: picocli fills its fields; one object per command line.
 */
@Command(name = "help", helpCommand = true,
    header = "Display help information about the specified command.",
    description = "Prints the usage help of COMMAND (or of a subcommand of it: help bench gemm),"
        + " or of tikhonov without one.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
  @Parameters(paramLabel = "COMMAND", arity = "0..*",
      description = "The command, and its subcommands, to show the help of.")
  String[] commands = new String[0];

  private CommandLine self;
  private PrintWriter out;
  private Help.ColorScheme colors;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out,
      PrintWriter err) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    CommandLine command = self.getParent();
    for (String name : commands) {
      CommandLine next = command.getSubcommands().get(name);
      if (next == null) {
        throw new CommandLine.ParameterException(self, "unknown command '" + name + "' in '"
            + command.getCommandSpec().qualifiedName() + "'; "
            + (command.getSubcommands().isEmpty() ? "it has no subcommands"
                : "its commands are " + String.join(", ", command.getSubcommands().keySet())));
      }
      command = next;
    }
    command.usage(out, colors);
    out.flush();
  }
}
