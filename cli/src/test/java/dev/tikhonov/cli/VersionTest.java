package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {
  /** Every command's --version prints the version: 'train --version' printed nothing. */
  @Test
  void everyCommandsVersionFlag_printsTheVersion() {
    for (String command : new String[] {"", "train", "path", "experiment", "report"}) {
      CommandLine cl = Main.commandLine();
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      int exit = command.isEmpty() ? cl.execute("--version") : cl.execute(command, "--version");
      assertEquals(0, exit, command);
      assertTrue(out.toString().startsWith("tikhonov "), command + ": " + out);
    }
  }
}
