package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.io.CheckpointFile;
import java.nio.file.Path;

/**
 * The files that {@code --model} and {@code train --resume} read, with the one mix-up between
 * them said in flags both ways: a checkpoint given to {@code --model}, a model file given to
 * {@code --resume}. The library says the same in its own terms; here the message names the
 * flag that takes the file. Stateless.
 */
final class SavedFiles {
  private SavedFiles() {}

  /** The model in {@code file} ({@code --model}); a checkpoint is refused naming --resume. */
  static Predictor model(Path file) {
    if (CheckpointFile.FORMAT.equals(LinearModelFile.formatOf(file))) {
      throw new InputException(file + ": a training checkpoint, not a model file; --model takes"
          + " a model file written by --save (train, path, ridge, select, grid), and train"
          + " --resume " + file + " continues the training");
    }
    return Predictor.load(file);
  }

  /** The checkpoint in {@code file} ({@code --resume}); a model file is refused naming --model. */
  static CheckpointFile.Checkpoint checkpoint(Path file) {
    String format = LinearModelFile.formatOf(file);
    if (ModelFile.FORMAT.equals(format) || LinearModelFile.FORMAT.equals(format)) {
      throw new InputException(file + ": a tikhonov model file, not a training checkpoint;"
          + " --resume takes the --out directory of a train run with --checkpoint-every N (or"
          + " its checkpoint.safetensors), and predict, evaluate and export --model take "
          + file);
    }
    return CheckpointFile.read(file);
  }
}
