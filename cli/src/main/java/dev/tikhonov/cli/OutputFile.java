package dev.tikhonov.cli;

import dev.tikhonov.internal.data.AtomicFiles;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Picocli converters for the flags that name one output file ({@code --save}, {@code predict
 * --out}, {@code export --out}, {@code evaluate --roc}): Main's path conversion, and a name that
 * ends in "/" is refused. Java's {@link Path} drops that slash, so {@code --save nothere/} used to
 * write a file named {@code nothere} where the user meant a directory. Each converter's example
 * file name fits its flag. Stateless.
 */
abstract class OutputFile implements CommandLine.ITypeConverter<Path> {
  private final String example;

  private OutputFile(String example) {
    this.example = example;
  }

  @Override
  public Path convert(String text) {
    Path path = Main.path(text);
    if (text.endsWith("/") || text.endsWith(java.io.File.separator)) {
      throw new CommandLine.TypeConversionException("\"" + text + "\" ends in \"/\", which"
          + " names a directory; give the file's path, e.g. " + path.resolve(example));
    }
    return path;
  }

  /**
   * Writes a CSV output file ({@code predict --out}, {@code evaluate --roc}) atomically, gzip'd
   * when its name ends in ".gz" (any case), as pandas' to_csv does and as the readers take .gz
   * inputs: plain text under a gzip name was refused by pandas' read_csv, R and zcat ("not in
   * gzip format").
   */
  static void writeCsv(Path file, String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path name = file.getFileName();
    if (name == null || !name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
      AtomicFiles.write(file, out -> out.write(bytes));
      return;
    }
    AtomicFiles.write(file, out -> {
      java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out);
      gzip.write(bytes);
      gzip.finish(); // the trailer; the stream itself is AtomicFiles' to close
    });
  }

  /** {@code --save}'s model file. */
  static final class Model extends OutputFile {
    Model() {
      super("model.safetensors");
    }
  }

  /** {@code predict --out}'s CSV file. */
  static final class Csv extends OutputFile {
    Csv() {
      super("predictions.csv");
    }
  }

  /** {@code evaluate --roc}'s CSV file. */
  static final class Roc extends OutputFile {
    Roc() {
      super("roc.csv");
    }
  }

  /** {@code export --out}'s ONNX file. */
  static final class Onnx extends OutputFile {
    Onnx() {
      super("model.onnx");
    }
  }
}
