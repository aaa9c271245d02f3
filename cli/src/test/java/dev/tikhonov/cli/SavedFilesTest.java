package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file given to {@code train --resume} and a checkpoint given to {@code --model} are
 * refused alike: what the file is, what it is not, which flag takes it. {@code --resume} on a
 * network's model file said "not a tikhonov checkpoint of format version 1", on a linear model
 * file (path --save) 'tensor "intercepts": dtype "F64" is not supported'.
 */
class SavedFilesTest {
  @TempDir static Path dir;
  private static Path data;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 40; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      csv.append(a).append(',').append(b).append(',').append(2 * a - b + 0.1 * Math.sin(7 * i))
          .append('\n');
    }
    data = Files.writeString(dir.resolve("d.csv"), csv);
    ok(InProcess.run("train", "--data", data.toString(), "--target", "y", "--model", "mlp:3",
        "--regression", "--epochs", "2", "--threads", "1", "--checkpoint-every", "1",
        "--quiet", "--out", dir.resolve("run").toString(), "--save",
        dir.resolve("mlp.model").toString()));
    ok(InProcess.run("path", "--data", data.toString(), "--target", "y", "--nlambda", "5",
        "--threads", "1", "--quiet", "--out", dir.resolve("path").toString(), "--save",
        dir.resolve("linear.model").toString()));
  }

  private static void ok(InProcess r) {
    assertEquals(0, r.exit(), r.err());
  }

  private static String modelGivenToResume(Path file) {
    return file + ": a tikhonov model file, not a training checkpoint; --resume takes the --out"
        + " directory of a train run with --checkpoint-every N (or its checkpoint.safetensors),"
        + " and predict, evaluate and export --model take " + file;
  }

  @Test
  void resume_networkModelFile_saysItIsAModelFileAndWhatResumeTakes() {
    Path model = dir.resolve("mlp.model");
    InProcess r = InProcess.run("train", "--resume", model.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(modelGivenToResume(model), r.message());
  }

  @Test
  void resume_linearModelFile_saysItIsAModelFileAndWhatResumeTakes() {
    Path model = dir.resolve("linear.model");
    InProcess r = InProcess.run("train", "--resume", model.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(modelGivenToResume(model), r.message());
  }

  @Test
  void predictEvaluateExport_checkpoint_saysItIsACheckpointAndWhatModelTakes() {
    Path checkpoint = dir.resolve("run").resolve("checkpoint.safetensors");
    String expected = checkpoint + ": a training checkpoint, not a model file; --model takes a"
        + " model file written by --save (train, path, ridge, select, grid), and train --resume "
        + checkpoint + " continues the training";
    for (String[] args : new String[][] {
        {"predict", "--model", checkpoint.toString(), "--data", data.toString(), "--out",
            dir.resolve("p.csv").toString()},
        {"evaluate", "--model", checkpoint.toString(), "--data", data.toString(), "--target",
            "y"},
        {"export", "--model", checkpoint.toString(), "--out", dir.resolve("m.onnx").toString()}}) {
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), args[0] + ": " + r.err());
      assertEquals(expected, r.message(), args[0]);
    }
  }

  /**
   * --model naming a named pipe (as a shell's {@code <(cat m.model)} does) or a directory: one
   * line saying what it is. The pipe used to block predict forever when nothing wrote to it
   * (and said "file is 0 bytes" when something did); the directory said "cannot read:
   * IOException: Is a directory".
   */
  @Test
  void model_aNamedPipeOrADirectory_isRefusedWithoutOpeningIt() throws Exception {
    Path pipe = dir.resolve("pipe.model");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());
    Path folder = Files.createDirectories(dir.resolve("folder.model"));
    String csv = data.toString();
    for (String[] command : new String[][] {
        {"predict", "--data", csv, "--out", dir.resolve("p.csv").toString()},
        {"evaluate", "--data", csv, "--target", "y"},
        {"export", "--out", dir.resolve("m.onnx").toString()}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--model", pipe.toString()));
      assertRefusedAsNotAFile(pipe, args);
      args.set(args.size() - 1, folder.toString());
      InProcess r = InProcess.run(args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(folder + ": is a directory; expected a file", r.message());
    }
  }

  /**
   * --data naming a named pipe: predict and evaluate blocked forever when nothing wrote to it
   * (and with a writer said "cannot read: IOException: Illegal seek"); path said "no such
   * file" of a pipe that is there.
   */
  @Test
  void data_aNamedPipe_isRefusedWithoutOpeningIt() throws Exception {
    Path pipe = dir.resolve("pipe.csv");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());
    String model = dir.resolve("linear.model").toString();
    for (String[] command : new String[][] {
        {"predict", "--model", model, "--out", dir.resolve("p.csv").toString()},
        {"evaluate", "--model", model, "--target", "y"},
        {"path", "--target", "y", "--quiet", "--out", dir.resolve("never").toString()}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(java.util.List.of("--data", pipe.toString()));
      assertRefusedAsNotAFile(pipe, args);
    }
  }

  /** {@code args} naming the named pipe {@code pipe}: exit 2 at once, never blocked reading. */
  private static void assertRefusedAsNotAFile(Path pipe, java.util.List<String> args) {
    InProcess r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60), () -> InProcess.run(args), args.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(pipe + ": not a regular file (a named pipe, a device or a socket, e.g. a"
        + " shell's <(...)); tikhonov reads a file more than once or at random positions, so"
        + " save it as a file first", r.message());
  }
}
