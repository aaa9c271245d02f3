package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weight below 0 is refused in one message by every command that takes --weights, at its
 * cell as the readers refuse a bad one: ridge said "--weights: row 4 has weight -1.0" (no file,
 * no column), path "--weights wt: row 4 …" and train "--weights "wt": row 4 of F …" (found by
 * redteam42).
 */
class BadWeightTest {
  @TempDir Path dir;

  @Test
  void aNegativeWeight_isRefusedAtItsCell_inTheSameWordsByEveryCommand() throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,wt,y\n");
    for (int i = 0; i < 30; i++) {
      // a blank line after the header: skipped as a row, counted as a line
      s.append(i == 0 ? "\n" : "").append(Math.sin(i)).append(',').append(Math.cos(3 * i))
          .append(',').append(i == 3 ? -1 : 1).append(',').append(Math.sin(i) + i % 3)
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("wneg.csv"), s);
    // data row 4 is line 6 (the header, the blank line); wt is the file's 3rd column
    String says = "tikhonov: error: " + csv + ":6:3 (column \"wt\"): weight -1.0; --weights"
        + " must be finite and ≥ 0";
    String[][] commands = {{"path"}, {"path", "--cv-folds", "3"}, {"ridge"},
        {"train", "--model", "linear", "--epochs", "2"},
        {"grid", "--model", "mlp:4", "--regression", "--epochs", "2", "--lambdas", "0,0.1"}};
    for (int c = 0; c < commands.length; c++) {
      List<String> args = new ArrayList<>(List.of(commands[c]));
      args.addAll(List.of("--data", csv.toString(), "--target", "y", "--weights", "wt",
          "--quiet", "--out", dir.resolve("run" + c).toString()));
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), String.join(" ", commands[c]) + ": " + r.err());
      assertEquals(List.of(says), r.err().lines().filter(l -> !l.isBlank()).toList(),
          String.join(" ", commands[c]));
    }
  }
}
