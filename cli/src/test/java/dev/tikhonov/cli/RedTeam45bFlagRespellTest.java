package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * redteam45b: Flags.asTyped respells every word of a message that spells another name of an
 * option the user typed, wherever it stands; a file name or a value echoed in the message is
 * changed too, so the message names a file or a value the user never gave.
 */
class RedTeam45bFlagRespellTest {
  @Test
  @Disabled("fails now: the message says '--data /tmp/--folds.csv: no such file or directory'"
      + " (Flags.respell rewrites the path's --cv-folds as the --folds typed)")
  void aPathHoldingAnAliasIsNamedAsGiven() {
    InProcess r = InProcess.run(List.of("select", "--data", "/tmp/rt45b-none/--cv-folds.csv",
        "--target", "y", "--folds", "5"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("/tmp/rt45b-none/--cv-folds.csv"), r.err());
  }

  @Test
  @Disabled("fails now: path's message says '--data /tmp/rt45b-none/--seed.csv: no such file'")
  void pathCommandsFileNameIsNotRespelt() {
    InProcess r = InProcess.run(List.of("path", "--data", "/tmp/rt45b-none/--fold-seed.csv",
        "--target", "y", "--seed", "1", "--cv-folds", "5"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("/tmp/rt45b-none/--fold-seed.csv"), r.err());
  }

  @Test
  @Disabled("fails now: 'Expected parameter for option '--target' but found '--num-lambdas''"
      + " though the value given was --nlambda")
  void aValueEchoedIsNamedAsGiven() {
    InProcess r = InProcess.run(List.of("select", "--data", "data/wine.csv",
        "--target=--nlambda", "--num-lambdas", "5"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("'--nlambda'"), r.err());
  }
}
