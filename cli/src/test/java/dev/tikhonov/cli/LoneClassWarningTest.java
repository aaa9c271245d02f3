package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of one row under k folds: grid and select train their networks all the same (a fold
 * without the class is still fitted), but say so in path's words, where path --family
 * multinomial --cv-folds refuses it; they ran 10-fold CV with no word (found by redteam42).
 */
class LoneClassWarningTest {
  @TempDir Path dir;

  @Test
  void aClassOfOneTrainingRow_underFolds_isWarnedOf_byGridAndSelect() throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < 40; i++) {
      s.append(Math.sin(i)).append(',').append(Math.cos(2 * i)).append(',')
          .append(i == 7 ? 2 : i % 2).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("lone.csv"), s);
    // --seed 0's split (test fraction 0.2) keeps the class-2 row among its 32 training rows
    String says = "tikhonov: warning: " + csv + ": class 2 has one row of the 32 training rows:"
        + " whatever the folds, the one holding it out has no row of that class to train on, so"
        + " its networks never see the class its held-out row is scored by; give that class"
        + " more rows, or leave its row out";
    String[][] commands = {
        {"grid", "--lambdas", "0,0.1", "--cv-folds", "10"},
        {"select", "--nlambda", "2", "--cv-folds", "10"},
        {"grid", "--lambdas", "0,0.1", "--repeat-seeds", "1,2"}};
    for (int c = 0; c < commands.length; c++) {
      List<String> args = new ArrayList<>(List.of(commands[c]));
      args.addAll(List.of("--data", csv.toString(), "--target", "y", "--model", "mlp:4",
          "--epochs", "2", "--seed", "0", "--threads", "1", "--quiet", "--out",
          dir.resolve("run" + c).toString()));
      InProcess r = InProcess.run(args);
      assertEquals(0, r.exit(), String.join(" ", commands[c]) + ": " + r.err());
      // one split held out by --repeat-seeds may keep the row in: no word then
      assertEquals(c < 2 ? List.of(says) : List.of(), r.err().lines()
          .filter(l -> l.startsWith("tikhonov: warning: ")).toList(), String.join(" ",
              commands[c]));
    }
  }
}
