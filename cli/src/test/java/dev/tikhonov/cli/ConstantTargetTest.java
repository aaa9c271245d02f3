package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code path} on data whose target is constant (one row, say) names the file and --target:
 * the library's "the target is constant (3.0): nothing to fit" alone did not say which file.
 * {@code train}, {@code grid} and {@code select} refuse such a regression target alike, before
 * any training (they trained on it, and warned to try a smaller learning rate).
 */
class ConstantTargetTest {
  @TempDir Path dir;

  @Test
  void path_oneRow_namesTheFileAndTarget() throws Exception {
    Path data = Files.writeString(dir.resolve("one.csv"), "a,b,y\n1,2,3\n");
    for (String[] extra : new String[][] {{}, {"--relax"}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("path",
          "--data", data.toString(), "--target", "y", "--quiet", "--threads", "1", "--out",
          dir.resolve("p" + extra.length).toString()));
      args.addAll(java.util.List.of(extra));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + " (--target y): the target is constant (3.0): nothing to fit",
          r.message(), String.join(" ", extra));
    }
  }

  @Test
  void pathWithCrossValidation_constantTarget_namesTheFileAndTarget() throws Exception {
    Path data = Files.writeString(dir.resolve("c.csv"), "a,b,y\n1,2,3\n2,5,3\n4,1,3\n");
    InProcess r = InProcess.run("path", "--data", data.toString(), "--target", "y",
        "--cv-folds", "3", "--quiet", "--threads", "1", "--out", dir.resolve("p").toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(data + " (--target y): the target is constant (3.0): nothing to fit",
        r.message());
  }

  @Test
  void regressionCommands_constantTarget_areRefusedBeforeTraining() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i % 7).append(",5\n");
    }
    Path data = Files.writeString(dir.resolve("five.csv"), csv);
    String[][] commands = {
        {"train", "--model", "linear", "--epochs", "2"},
        {"train", "--model", "mlp:4", "--regression", "--standardize-target", "--epochs", "2"},
        {"grid", "--model", "mlp:4", "--regression", "--lambdas", "0,0.1", "--epochs", "2"},
        {"select", "--model", "mlp:4", "--regression", "--nlambda", "2", "--epochs", "2"}};
    for (String[] command : commands) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--data", data.toString(), "--target", "y", "--quiet",
          "--threads", "1", "--out", dir.resolve(command[0] + args.size()).toString()));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(data + " (--target y): the target is constant (5.0): nothing to fit",
          r.message(), String.join(" ", command));
      org.junit.jupiter.api.Assertions.assertFalse(
          Files.exists(dir.resolve(command[0] + args.size())), "no run directory is written");
    }
  }
}
