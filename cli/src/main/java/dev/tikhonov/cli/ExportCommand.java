package dev.tikhonov.cli;

import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.estimate.Export;
import dev.tikhonov.estimate.Predictor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov export}: a saved model in another format (ONNX).
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Export a model saved by 'train --save FILE' to ONNX (IR 8, opset 13) for ONNX Runtime",
      "and other runtimes. Input 'input' [N, p] takes raw features; standardization is inside",
      "the graph (Sub, Div); dense layers are Gemm, hidden activations Relu, dropout is",
      "dropped (identity at inference). Outputs: classifiers 'logits' and 'probabilities'",
      "(softmax); regression 'prediction'.",
      ""})
public final class ExportCommand implements Callable<Integer> {
  enum Format { onnx }

  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "Model file written by train --save.")
  Path model;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Export format: onnx. Default: ${DEFAULT-VALUE}.")
  Format format = Format.onnx;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "File to write (atomically).")
  Path out;

  @Override
  public Integer call() {
    AtomicFiles.requireWritable(out, "ONNX file (--out)");
    Predictor m = Predictor.load(model);
    Export.onnx(m, out);
    System.err.printf("tikhonov export: %s (%s) -> %s%n", model, m.provenance().estimator(),
        out);
    return 0;
  }
}
