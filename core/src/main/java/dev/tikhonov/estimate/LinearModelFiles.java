package dev.tikhonov.estimate;

import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.loss.Family;
import java.nio.file.Path;

/** Linear models to and from {@link LinearModelFile} (double precision, F64 safetensors). */
final class LinearModelFiles {
  private LinearModelFiles() {}

  static void save(LinearParameters p, Provenance provenance, Path file) {
    java.util.Objects.requireNonNull(file, "file");
    LinearModelFile.save(new LinearModelFile.Contents(p.family(), p.lambda(), p.l1Ratio(),
        p.intercepts(), p.coefficients(), p.penaltyFactors(), p.penaltyScales(),
        p.featureNames(), p.classNames(), provenance.toMap(), p.offsetColumn(),
        p.multinomialPenalty()), file);
  }

  /** The predictor of a linear model file's contents. */
  static Predictor of(LinearModelFile.Contents c) {
    LinearParameters p = new LinearParameters(c.family(), c.lambda(), c.l1Ratio(),
        c.intercepts(), c.coefficients(), c.penaltyFactors(), c.penaltyScales(),
        c.featureNames(), c.classNames(), c.offsetColumn(), c.multinomialPenalty());
    Provenance provenance = Provenance.fromMap(c.provenance(), "ElasticNet");
    return c.family() == Family.GAUSSIAN || c.family() == Family.POISSON
        ? new LinearModel(p, provenance)
        : new LinearClassifier(p, provenance);
  }
}
