package dev.tikhonov.internal.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kinds of data file tikhonov reads, told from the path alone (one rule for every command):
 * a directory is MNIST-style IDX files; a name ending in {@code .svm}, {@code .libsvm},
 * {@code .svmlight} (optionally {@code .gz}) is LIBSVM; {@code -idx3-ubyte} or {@code -idx1-ubyte}
 * (optionally {@code .gz}) is one IDX array; anything else is delimited text (CSV, TSV, …,
 * optionally {@code .gz}), whose delimiter the reader detects. Thread-safe, as enum constants are.
 */
public enum DataFormat {
  /** Delimited text with a header line: CSV, TSV, semicolon or pipe separated. */
  DELIMITED,
  /** LIBSVM / svmlight: {@code label index:value …} per line. */
  LIBSVM,
  /** A directory of the four MNIST-style IDX files. */
  IDX_DIRECTORY,
  /** One IDX array file (e.g. images to predict). */
  IDX_FILE;

  /** The format of {@code path} (a directory must exist to be recognized as one). */
  public static DataFormat of(Path path) {
    if (Files.isDirectory(path)) {
      return IDX_DIRECTORY;
    }
    Path fileName = path.getFileName();
    String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".svm") || name.endsWith(".libsvm") || name.endsWith(".svmlight")) {
      return LIBSVM;
    }
    if (name.endsWith("-ubyte") || name.endsWith(".idx")) {
      return IDX_FILE;
    }
    return DELIMITED;
  }
}
