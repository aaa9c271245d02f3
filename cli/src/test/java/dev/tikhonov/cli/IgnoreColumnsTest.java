package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --ignore-columns: a CSV with an id and a free-text column beside its numbers can be trained
 * on (train, path, grid, select) and predicted and evaluated with the same flag; without it the
 * file cannot be read at all. Each bad use is exit 2 and one line naming --ignore-columns, the
 * file and the column.
 */
class IgnoreColumnsTest {
  @TempDir static Path dir;
  static String people;
  static String classes;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder real = new StringBuilder("id,a,note,b,y\n");
    StringBuilder labelled = new StringBuilder("id,a,b,y\n");
    for (int i = 0; i < 60; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      real.append("r").append(i).append(',').append(a).append(",\"tall, thin\",").append(b)
          .append(',').append(2 * a - b).append('\n');
      labelled.append("r").append(i).append(',').append(a).append(',').append(b).append(',')
          .append(a > b ? "up" : "down").append('\n');
    }
    people = Files.writeString(dir.resolve("people.csv"), real).toString();
    classes = Files.writeString(dir.resolve("classes.csv"), labelled).toString();
  }

  private static String[] args(String out, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--threads", "1", "--quiet", "--out", dir.resolve(out).toString()));
    return all.toArray(String[]::new);
  }

  private static InProcess ok(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.err());
    return r;
  }

  /** exit 2 and one line holding every part. */
  private static void refused(String[] args, String... parts) {
    InProcess r = InProcess.run(args);
    String line = String.join(" ", args) + "\n" + r.err();
    assertEquals(2, r.exit(), line);
    assertEquals(1, r.err().lines().count(), line);
    for (String part : parts) {
      assertTrue(r.err().contains(part), "lacks «" + part + "»: " + line);
    }
  }

  @Test
  void everyCommand_leavesTheIgnoredColumnsOut() throws Exception {
    refused(args("t0", "train", "--data", people, "--target", "y", "--model", "linear"),
        "(column \"id\"): expected a number, found \"r0\"; a column of text (an id, a name)"
            + " can be left out with --ignore-columns id");
    Path model = dir.resolve("linear.model");
    ok(args("t1", "train", "--data", people, "--target", "y", "--model", "linear",
        "--ignore-columns", "id,note", "--save", model.toString()));
    ok(args("t2", "path", "--data", people, "--target", "y", "--ignore-columns", "note,id",
        "--nlambda", "5"));
    ok(args("t3", "grid", "--data", classes, "--target", "y", "--model", "mlp:4", "--epochs",
        "1", "--lambdas", "0.1", "--folds", "2", "--ignore-columns", "id"));
    ok(args("t4", "select", "--data", classes, "--target", "y", "--model", "mlp:4",
        "--epochs", "1", "--lambdas", "0.1", "--folds", "2", "--no-evidence",
        "--ignore-columns", "id"));
    // The model takes a and b; id and note are left out at prediction as at training.
    Path out = dir.resolve("pred.csv");
    ok("predict", "--model", model.toString(), "--data", people, "--out", out.toString(),
        "--ignore-columns", "id,note");
    assertEquals(61, Files.readAllLines(out).size());
    ok("evaluate", "--model", model.toString(), "--data", people, "--target", "y",
        "--ignore-columns", "id,note");
  }

  @Test
  void badNames_nameTheFlagTheFileAndTheColumn() throws Exception {
    refused(args("b1", "train", "--data", people, "--target", "y", "--model", "linear",
        "--ignore-columns", "id,ID,note"), "--ignore-columns: " + people + ": no column \"ID\""
        + " to ignore; available columns: \"id\", \"a\"");
    refused(args("b2", "path", "--data", people, "--target", "y", "--ignore-columns",
        "id,note,y"), "--ignore-columns: " + people + ": column \"y\" is the target; it cannot"
        + " also be ignored");
    refused(args("b3", "train", "--data", people, "--target", "y", "--model", "linear",
        "--ignore-columns", "id,a,note,b"), "--ignore-columns: " + people + ": no feature"
        + " columns; the only columns are the target \"y\" and the ignored \"id\", \"a\"");
    refused(args("b4", "select", "--data", people, "--target", "y", "--model", "mlp:4",
        "--regression", "--lambdas", "0.1", "--ignore-columns", "id,note,id"),
        "--ignore-columns must be distinct; \"id\" is given twice (values 1 and 3) (--data "
            + people + ")");
    refused(args("b5", "grid", "--data", classes, "--target", "y", "--model", "mlp:4",
        "--lambdas", "0.1", "--ignore-columns", "nope"), "--ignore-columns: " + classes
        + ": no column \"nope\" to ignore");
    // "," splits into no names: it was taken as "ignore nothing" while '' was refused
    refused(args("b6", "train", "--data", people, "--target", "y", "--model", "linear",
        "--ignore-columns", ","), "--ignore-columns: no column name given");
    for (int i = 1; i <= 6; i++) {
      assertTrue(!Files.exists(dir.resolve("b" + i)), "no output before the data are read");
    }
  }

  /**
   * path --weights or --offset naming a column --ignore-columns leaves out: it said
   * '--weights "b": people.csv has no such column (its feature columns: a)', of a column the
   * file has.
   */
  @Test
  void path_weightsOrOffsetAlsoIgnored_saysSoBeforeReading() throws Exception {
    for (String flag : List.of("--weights", "--offset")) {
      String out = "w" + flag;
      refused(args(out, "path", "--data", people, "--target", "y", "--ignore-columns",
          "id,note,b", flag, "b"), flag + " \"b\" is also in --ignore-columns, which leaves the"
          + " column out of the data; a column is either ignored or the " + flag + " column:"
          + " drop it from --ignore-columns");
      assertTrue(!Files.exists(dir.resolve(out)), "no output before the data are read");
    }
  }

  /**
   * path --weights or --offset naming the --target: it said '--weights "y": people.csv has no
   * such column (its feature columns: …)', of the column it predicts.
   */
  @Test
  void path_weightsOrOffsetIsTheTarget_saysSoBeforeReading() throws Exception {
    for (String flag : List.of("--weights", "--offset")) {
      String out = "t" + flag;
      refused(args(out, "path", "--data", people, "--target", "y", "--ignore-columns",
          "id,note", flag, "y"), flag + " \"y\" is the --target column, the one predicted; "
          + flag + " takes another column of the file");
      assertTrue(!Files.exists(dir.resolve(out)), "no output before the data are read");
    }
  }

  /** --penalty-factors b=0 with b ignored said "no feature column 'b'" of a column it has. */
  @Test
  void path_perFeatureSettingOfAnIgnoredColumn_saysItIsIgnored() throws Exception {
    for (String flag : List.of("--penalty-factors", "--lower-limits", "--upper-limits")) {
      refused(args("pf" + flag, "path", "--data", people, "--target", "y", "--ignore-columns",
          "id,note,b", flag, "b=0"), flag + ": 'b' is also in --ignore-columns, which leaves"
          + " the column out of the data; drop it from one of the two");
    }
  }

  @Test
  void predictAndEvaluate_refuseIgnoringWhatTheModelTakes() throws Exception {
    Path model = dir.resolve("p.model");
    ok(args("m", "train", "--data", people, "--target", "y", "--model", "linear",
        "--ignore-columns", "id,note", "--save", model.toString()));
    String out = dir.resolve("never.csv").toString();
    refused(new String[] {"predict", "--model", model.toString(), "--data", people, "--out",
        out, "--ignore-columns", "id,b"}, "--ignore-columns: " + people + ": column \"b\" is"
        + " one the model takes as input; it cannot be ignored");
    refused(new String[] {"predict", "--model", model.toString(), "--data", people, "--out",
        out, "--ignore-columns", "ids"}, "--ignore-columns: " + people + ": no column \"ids\"");
    refused(new String[] {"evaluate", "--model", model.toString(), "--data", people, "--target",
        "y", "--ignore-columns", "y"}, "--ignore-columns: " + people + ": column \"y\" is the"
        + " target");
    assertTrue(!Files.exists(Path.of(out)));
  }

  @Test
  void onDataWithoutNamedColumns_isRefusedAsIgnored() throws Exception {
    Path svm = Files.writeString(dir.resolve("d.svm"), "1 1:0.5\n0 1:0.1\n");
    refused(args("s1", "train", "--data", svm.toString(), "--model", "linear",
        "--ignore-columns", "id"), "--ignore-columns applies only to CSV data; it has no effect"
        + " on LIBSVM data");
    refused(args("s2", "train", "--ignore-columns", "id"), "--ignore-columns applies only to CSV"
        + " data; it has no effect on the bundled MNIST sample");
    refused(args("s3", "path", "--data", svm.toString(), "--ignore-columns", "id"),
        "--ignore-columns applies only to CSV data");
  }
}
