package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.io.OnnxExport;
import java.nio.file.Path;

/**
 * Writes fitted models in other formats: ONNX (IR 8, opset 13) for ONNX Runtime and other
 * runtimes, with the standardization inside the graph; see {@link OnnxExport} for the graph.
 */
public final class Export {
  private Export() {}

  /** {@code predictor} as an ONNX file at {@code out}, written atomically. */
  public static void onnx(Predictor predictor, Path out) {
    if (predictor instanceof NetworkClassifier c) {
      OnnxExport.write(c.model(), out);
    } else if (predictor instanceof NetworkRegressor r) {
      OnnxExport.write(r.model(), out);
    } else {
      throw new InputException(predictor.provenance().estimator()
          + " models have no ONNX export yet");
    }
  }
}
