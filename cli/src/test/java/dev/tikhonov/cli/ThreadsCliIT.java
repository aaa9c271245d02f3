package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads} above the machine's processors runs (the same count reproduces a run made
 * on a larger machine) but says, in one warning line, that it slows the work: {@code --threads
 * 999} on 2 processors was accepted without a word and made a one-epoch MNIST run take 30 s
 * instead of 5 s. The child JVM sees the processors this one does.
 */
class ThreadsCliIT {
  @TempDir Path dir;

  @Test
  void threadsAboveTheProcessors_warnOnce_andTheRunGoesOn() throws Exception {
    Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n2,4\n3,6\n4,8\n5,10\n6,12\n");
    int processors = Runtime.getRuntime().availableProcessors();
    int many = processors + 1;
    Cli.Result train = Cli.run(dir, "train", "--data", "d.csv", "--target", "y", "--model",
        "linear", "--epochs", "1", "--quiet", "--out", "r", "--save", "m.model", "--threads",
        String.valueOf(many));
    assertEquals(0, train.exitCode(), train.stderr());
    String warning = "tikhonov: warning: --threads " + many + " is more than the " + processors
        + " processors of this machine; the threads take turns on them, which slows the matrix"
        + " products; use at most " + processors + ", unless you reproduce a run made with "
        + many + " threads";
    assertEquals(List.of(warning), train.errorLines().stream()
        .filter(l -> l.startsWith("tikhonov: warning")).toList());
    Cli.Result predict = Cli.run(dir, "predict", "--model", "m.model", "--data", "d.csv",
        "--out", "p.csv", "--threads", String.valueOf(many));
    assertEquals(0, predict.exitCode(), predict.stderr());
    assertEquals(warning, predict.errorLines().get(0));
    Cli.Result fits = Cli.run(dir, "predict", "--model", "m.model", "--data", "d.csv",
        "--out", "p.csv", "--threads", String.valueOf(processors));
    assertEquals(List.of(), fits.errorLines().stream()
        .filter(l -> l.startsWith("tikhonov: warning")).toList());
  }
}
