package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * redteam45b: Flags.asTyped respells every word of a message that spells another name of an
 * option the user typed, wherever it stands; a file name or a value echoed in the message is
 * changed too, so the message named a file or a value the user never gave. Fixed: a value the
 * user typed is kept as typed (Flags.typedValues); each test failed before.
 */
class RedTeam45bFlagRespellTest {
  @Test
  void aPathHoldingAnAliasIsNamedAsGiven() {
    InProcess r = InProcess.run(List.of("select", "--data", "/tmp/rt45b-none/--cv-folds.csv",
        "--target", "y", "--folds", "5"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("/tmp/rt45b-none/--cv-folds.csv"), r.err());
  }

  @Test
  void pathCommandsFileNameIsNotRespelt() {
    InProcess r = InProcess.run(List.of("path", "--data", "/tmp/rt45b-none/--fold-seed.csv",
        "--target", "y", "--seed", "1", "--cv-folds", "5"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("/tmp/rt45b-none/--fold-seed.csv"), r.err());
  }

  @Test
  void aValueEchoedIsNamedAsGiven() {
    InProcess r = InProcess.run(List.of("select", "--data", "data/wine.csv",
        "--target=--nlambda", "--num-lambdas", "5"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("'--nlambda'"), r.err());
  }
}
