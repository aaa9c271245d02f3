package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output never replaces an input or one of the run's own files: each is refused before any
 * work (exit 2, one line), comparing real paths, and the input stays byte for byte.
 */
class OutputsTest {
  @TempDir Path dir;
  private Path data;
  private Path model;
  private byte[] dataBytes;
  private byte[] modelBytes;

  @BeforeEach
  void files() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i % 7).append(',').append(2 * i + i % 3).append('\n');
    }
    data = dir.resolve("a.csv");
    Files.writeString(data, csv);
    dataBytes = Files.readAllBytes(data);
    // Never read: the check comes before the model is loaded.
    model = dir.resolve("m.model");
    Files.writeString(model, "a model");
    modelBytes = Files.readAllBytes(model);
  }

  private static String refused(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    return r.message();
  }

  private void assertInputsKept() throws Exception {
    assertArrayEquals(dataBytes, Files.readAllBytes(data));
    assertArrayEquals(modelBytes, Files.readAllBytes(model));
  }

  /** A flag not given has no Input (it was an Input holding a null path). */
  @Test
  void input_ofAFlagNotGiven_isEmpty_andAnInputAlwaysHasAPath() {
    assertEquals(java.util.Optional.empty(), Outputs.input("--foldid", null));
    assertEquals(java.util.Optional.of(new Outputs.Input("--data", data)),
        Outputs.input("--data", data));
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
        () -> new Outputs.Input("--foldid", null));
  }

  @Test
  void predict_outIsTheDataFile_isRefused() throws Exception {
    Path same = dir.resolve(".").resolve("a.csv");
    assertEquals("--out " + same + " is the --data file; give another path",
        refused("predict", "--model", model.toString(), "--data", data.toString(),
            "--out", same.toString()));
    assertEquals("--out " + model + " is the --model file; give another path",
        refused("predict", "--model", model.toString(), "--data", data.toString(),
            "--out", model.toString()));
    assertInputsKept();
  }

  @Test
  void export_outIsTheModelThroughALink_isRefused() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.model"), model.getFileName());
    assertEquals("--out " + link + " is the --model file; give another path",
        refused("export", "--model", model.toString(), "--out", link.toString()));
    assertInputsKept();
  }

  /** The commands that read --data and write --out and --save, with settings that run fast. */
  private static final List<List<String>> SAVING = List.of(
      List.of("train", "--model", "linear", "--epochs", "1"),
      List.of("path", "--nlambda", "3"),
      List.of("grid", "--model", "mlp:2", "--regression", "--lambdas", "0,1", "--epochs", "1"),
      List.of("select", "--model", "mlp:2", "--regression", "--epochs", "1"));

  /** {@code command} on the test's data with --out and --save: its one-line refusal. */
  private String refusedSaving(List<String> command, Path out, Path save) {
    List<String> args = new java.util.ArrayList<>(command);
    args.addAll(List.of("--data", data.toString(), "--target", "y", "--quiet", "--out",
        out.toString(), "--save", save.toString()));
    return refused(args.toArray(String[]::new));
  }

  @Test
  void trainPathGridSelect_saveIsTheDataFile_isRefused() throws Exception {
    Path out = dir.resolve("run");
    // x/.. is followed only when x is a directory (else: outputThroughAMissingDirectory…)
    Files.createDirectories(dir.resolve("x"));
    for (List<String> command : SAVING) {
      assertEquals("--save " + dir.resolve("x/../a.csv") + " is the --data file; give another"
          + " path", refusedSaving(command, out, dir.resolve("x/../a.csv")), command.toString());
      assertInputsKept();
      assertFalse(Files.exists(out), command.toString());
    }
  }

  @Test
  void train_saveIsOneOfTheRunsFiles_isRefused() throws Exception {
    Path out = dir.resolve("run");
    for (String own : List.of("report.html", "history.csv", "metrics.json", "run.json",
        "charts/loss-curves.svg", "checkpoint.safetensors")) {
      Path save = out.resolve(own);
      assertEquals("--save " + save + " is one of the files this run writes in --out " + out
          + "; give another path", refused("train", "--data", data.toString(), "--target", "y",
          "--model", "linear", "--epochs", "1", "--quiet", "--out", out.toString(), "--save",
          save.toString()), own);
      assertFalse(Files.exists(out), own);
    }
  }

  /**
   * --save naming the --out directory, which does not exist yet: it was refused only after the
   * whole run ("run: is a directory; cannot write a file there", exit 2, the run's files
   * written), since the run itself made the directory the model file could not replace.
   */
  @Test
  void trainPathGridSelect_saveIsTheOutDirectory_isRefusedBeforeAnyWork() throws Exception {
    Path out = dir.resolve("run");
    Files.createDirectories(dir.resolve("x"));
    for (List<String> command : SAVING) {
      assertEquals("--save " + dir.resolve("x/../run") + " is the --out directory of this run;"
          + " give a file path, e.g. " + out.resolve("model.safetensors"),
          refusedSaving(command, out, dir.resolve("x/../run")), command.toString());
      assertFalse(Files.exists(out), command.toString());
    }
  }

  /**
   * An output path with ".." after a directory that is not there ("new/../m.model"): the
   * checks normalized it away, the operating system did not, so train, path and predict did all
   * their work and then failed ("cannot write the file: NoSuchFileException: …/new/../.m.model…
   * .tmp"), train with its run folder half written.
   */
  @Test
  void outputThroughAMissingDirectoryAndDotDot_isRefusedBeforeAnyWork() throws Exception {
    Path missing = dir.resolve("new");
    String why = missing + " is not a directory, so the \"..\" after it cannot be followed;"
        + " cannot write the ";
    Path save = missing.resolve("../m.model");
    assertEquals(save + ": " + why + "model file (--save) there", refused("path", "--data",
        data.toString(), "--target", "y", "--nlambda", "3", "--quiet", "--out",
        dir.resolve("run").toString(), "--save", save.toString()));
    assertFalse(Files.exists(dir.resolve("run")));
    Path out = missing.resolve("../run2");
    assertEquals(out + ": " + why + "output directory there", refused("train", "--data",
        data.toString(), "--target", "y", "--model", "linear", "--epochs", "1", "--quiet",
        "--out", out.toString()));
    assertFalse(Files.exists(dir.resolve("run2")));
    Path predictions = missing.resolve("../p.csv");
    assertEquals(predictions + ": " + why + "predictions file (--out) there", refused("predict",
        "--model", model.toString(), "--data", data.toString(), "--out",
        predictions.toString()));
    assertFalse(Files.exists(missing));
    assertInputsKept();
  }

  /**
   * An output where no file can be made (/proc, which refuses new files even to root): the
   * message named the probe file the check made, as a Java exception ("(NoSuchFileException:
   * /proc/.tikhonov-4137621696893141484.probe)"), not the directory and why.
   */
  @Test
  void outputInADirectoryThatTakesNoFiles_namesTheDirectoryNotTheProbe() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
    String shown = "/proc/run";
    String message = refused("path", "--data", data.toString(), "--target", "y", "--quiet",
        "--out", shown);
    assertTrue(message.startsWith(shown + ": cannot write the output directory there (/proc: "),
        message);
    assertFalse(message.contains("probe") || message.contains("Exception"), message);
    message = refused("predict", "--model", model.toString(), "--data", data.toString(),
        "--out", "/proc/self/p.csv");
    assertTrue(message.startsWith("/proc/self/p.csv: cannot write the predictions file (--out)"
        + " there (/proc/"), message);
    assertFalse(message.contains("probe") || message.contains("Exception"), message);
    assertInputsKept();
  }

  @Test
  void path_saveIsPathCsv_andDataIsTheRunsFile_areRefused() throws Exception {
    Path out = dir.resolve("run");
    assertEquals("--save " + out.resolve("path.csv") + " is one of the files this run writes in"
        + " --out " + out + "; give another path", refused("path", "--data", data.toString(),
        "--target", "y", "--quiet", "--out", out.toString(), "--save",
        out.resolve("path.csv").toString()));
    Files.createDirectories(out);
    Path inside = Files.copy(data, out.resolve("path.csv"));
    assertEquals("--data " + inside + " is one of the files this run writes in --out " + out
        + "; give another --out", refused("path", "--data", inside.toString(), "--target", "y",
        "--quiet", "--out", out.toString()));
    assertArrayEquals(dataBytes, Files.readAllBytes(inside));
  }

  /** Read at the start, then replaced by the run's path.csv without a word. */
  @Test
  void path_penaltyFactorsOrLimitsFileIsTheRunsFile_isRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("run"));
    Path factors = Files.writeString(out.resolve("path.csv"), "a,1\nb,0\n");
    for (String flag : List.of("--penalty-factors", "--lower-limits", "--upper-limits")) {
      assertEquals(flag + " " + factors + " is one of the files this run writes in --out " + out
          + "; give another --out", refused("path", "--data", data.toString(), "--target", "y",
          "--quiet", "--out", out.toString(), flag, factors.toString()));
      assertEquals("a,1\nb,0\n", Files.readString(factors));
    }
  }

  @Test
  void experiment_outIsTheDataDirectory_isRefused() throws Exception {
    // a folder that holds an IDX file's name (a folder without any is refused before this)
    Path mnist = Files.createDirectories(dir.resolve("mnist"));
    Files.createFile(mnist.resolve("train-images-idx3-ubyte.gz"));
    assertEquals("--out " + mnist.resolve(".") + " is the --data directory; give another path",
        refused("experiment", "mnist-l2", "--quick", "--data", mnist.toString(), "--quiet",
            "--out", mnist.resolve(".").toString()));
  }
}
