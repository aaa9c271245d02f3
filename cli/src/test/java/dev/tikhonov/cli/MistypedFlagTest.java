package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A flag or command typed almost right is refused with the real one named: picocli's default
 * handler prints "Did you mean", the tool's own handler (one error line) used to drop it, so
 * {@code --lamda 0.1} said only {@code Unknown options: '--lamda', '0.1'}.
 */
class MistypedFlagTest {
  @Test
  void aFlagCloseToARealOne_isRefusedNamingTheRealOne() {
    InProcess r = InProcess.run("train", "--lamda", "0.1");
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: Unknown options: '--lamda', '0.1'; did you mean --lambda?",
        r.err().lines().findFirst().orElseThrow());
    assertEquals("Unknown options: '--nlambdas', '5'; did you mean --nlambda?",
        InProcess.run("path", "--data", "d.csv", "--nlambdas", "5").message().lines().findFirst().orElseThrow());
  }

  @Test
  void aCommandCloseToARealOne_namesIt_andAFlagLikeNoneSaysNoMore() {
    assertEquals("Unmatched argument at index 0: 'trian'; did you mean grid or train or"
        + " experiment?", InProcess.run("trian").message().lines().findFirst().orElseThrow());
    assertEquals("Unknown option: '--zzzzzz'",
        InProcess.run("train", "--zzzzzz").message().lines().findFirst().orElseThrow());
  }
}
