package dev.tikhonov.estimate;

import dev.tikhonov.internal.io.ByteSource;
import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.loss.Family;
import dev.tikhonov.train.Model;
import java.nio.file.Path;
import java.util.Optional;

/** {@link Predictor#load}: reads a model file and wraps it in the predictor of its kind. */
final class ModelFiles {
  private ModelFiles() {}

  static Predictor load(Path file) {
    java.util.Objects.requireNonNull(file, "file");
    // One open file for the format and the tensors: a second open could find another model
    // renamed over the path in between (a job re-saving the model a server reloads) and read it
    // with this one's reader, "dtype "F64" is not supported; expected F32" (redteam46).
    return ByteSource.readFile(file, "model file not found",
        source -> load(source, file.toString()));
  }

  private static Predictor load(ByteSource source, String file) {
    String format = LinearModelFile.formatOf(source, file);
    if (LinearModelFile.FORMAT.equals(format)) {
      return LinearModelFiles.of(LinearModelFile.read(source, file));
    }
    if (dev.tikhonov.io.CheckpointFile.FORMAT.equals(format)) {
      // Its integer tensors would otherwise be reported as "dtype I32 is not supported".
      throw new dev.tikhonov.data.InputException(file + ": a training checkpoint, not a model"
          + " file; continue the training from it, or save the fitted model to predict with it");
    }
    if (!ModelFile.FORMAT.equals(format)) {
      // said before the tensors are read: a linear file whose format was edited away read as a
      // network's and said "dtype F64 is not supported; expected F32" (redteam35)
      throw new dev.tikhonov.data.InputException(file + ": not a tikhonov model file"
          + " (safetensors metadata \"format\" is " + (format.isEmpty() ? "missing"
              : "\"" + format + "\"") + ", expected \"" + LinearModelFile.FORMAT + "\" or \""
          + ModelFile.FORMAT + "\")");
    }
    ModelFile.SavedModel saved = ModelFile.read(source, file);
    Model model = saved.model();
    boolean classifier = model.spec().family() == Family.MULTINOMIAL;
    boolean linear = model.spec().architecture().hidden().isEmpty();
    String fallback = classifier ? (linear ? "LogisticRegression" : "MlpClassifier")
        : (linear ? "LinearRegression" : "MlpRegressor");
    Provenance provenance = Provenance.fromMap(saved.provenance(), fallback);
    double lambda = number(provenance, "lambda");
    double l1Ratio = number(provenance, "l1_ratio");
    return classifier
        ? new NetworkClassifier(model, provenance, Optional.empty(), lambda, l1Ratio)
        : new NetworkRegressor(model, provenance, Optional.empty(), lambda, l1Ratio);
  }

  /** A numeric setting of the provenance, 0 when absent or not a valid value. */
  private static double number(Provenance provenance, String name) {
    Object v = provenance.settings().get(name);
    double d = v instanceof Number n ? n.doubleValue() : 0;
    return Double.isFinite(d) && d >= 0 ? d : 0;
  }
}
