package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Export;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov export}: a saved model in another format (ONNX).
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "export",
    header = "Export a saved model to ONNX (float64 input) for ONNX Runtime and other runtimes.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Export a model saved by --save (train, path, grid, select) to ONNX (IR 8,",
      "opset 13) for ONNX Runtime and other runtimes.",
      "Input 'input' [N, p]: raw features in the model's feature order, as float64",
      "(double). Breaking change: earlier exports took float32; feed doubles now.",
      "Linear models saved by 'path' compute in float64 (Gemm) and output float64.",
      "Networks ('train', 'grid', 'select') round the input to float32 as tikhonov",
      "does, standardize it in float64 inside the graph (Sub, Div), then run their",
      "float32 layers (Gemm, Relu; dropout is the identity) and output float32.",
      "Outputs: classifiers 'logits' and 'probabilities' (softmax); regression",
      "'prediction'. Metadata 'feature_names' and 'class_names': JSON arrays of",
      "strings. Poisson models and models fitted with an offset cannot be exported.",
      ""})
public final class ExportCommand implements Callable<Integer> {
  enum Format { onnx }

  @Option(names = "--model", paramLabel = "FILE", required = true,
      description = "Model file written by --save (train, path, ridge, select, grid).")
  Path model;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Export format: onnx. Default: ${DEFAULT-VALUE}.")
  Format format = Format.onnx;

  @Option(names = "--out", paramLabel = "FILE", converter = OutputFile.Onnx.class, required = true,
      description = "File to write (atomically); - for standard output when it is not a "
          + "terminal (| gzip, > m.onnx).")
  Path out;

  @Override
  public Integer call() {
    // to a pipe or a file under > (export prints nothing else there), never to a terminal:
    // --out /dev/stdout wrote the binary to a terminal while --out - was refused
    Outputs.requireBinaryPlace(out, "--out", "an ONNX model", Optional.empty());
    boolean toStdout = Outputs.isStandardOutput(out);
    if (!toStdout) {
      AtomicFiles.requireWritable(out, "ONNX file (--out)");
      Outputs.requireApart(out, "--out", Outputs.input("--model", model));
    }
    Predictor m = SavedFiles.model(model);
    byte[] bytes;
    try {
      bytes = Export.onnxBytes(m);
    } catch (InputException e) {
      throw new InputException("export --model " + model + ": " + e.getMessage(), e);
    }
    if (toStdout) {
      System.out.write(bytes, 0, bytes.length);
      System.out.flush();
      if (System.out.checkError()) {
        // a reader that stopped early (| head -c 4) had what it wanted
        StandardOutput.lost("the ONNX model").ifPresent(why -> {
          throw new InputException("--out -: " + why);
        });
      }
    } else {
      AtomicFiles.write(out, o -> o.write(bytes));
    }
    System.err.printf(Locale.ROOT, "tikhonov export: %s (%s) -> %s%n", model,
        m.provenance().estimator(), toStdout ? "standard output" : out);
    return 0;
  }
}
