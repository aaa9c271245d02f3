package dev.tikhonov.internal.io;

import dev.tikhonov.data.InputException;
import java.util.List;

/**
 * What tikhonov's model and checkpoint files may hold, in one place. The loaders refuse more,
 * and the writers refuse to write more (an {@link InputException} with the numbers), so every
 * file the program writes it can read back. Stateless; thread-safe.
 */
public final class FileLimits {
  /**
   * Largest safetensors header N (the JSON after the 8-byte length: tensor names, feature and
   * class names, provenance and, in checkpoints, the history): 16 MiB. A hostile length is
   * refused before anything is allocated.
   */
  static final long MAX_HEADER_BYTES = 16L << 20;
  /** Most hidden layers of a network. */
  public static final int MAX_HIDDEN_LAYERS = 64;
  /** Widest layer: inputs, hidden units or outputs (the data section bounds it anyway). */
  public static final int MAX_WIDTH = 1 << 24;
  /** Most dimensions of one tensor. */
  static final int MAX_DIMENSIONS = 8;

  private FileLimits() {}

  /**
   * Writer side of the architecture limits: {@code file: cannot save …} naming the count or
   * width and the limit.
   */
  static void requireWritable(int inputs, List<Integer> hidden, int outputs, String file) {
    if (hidden.size() > MAX_HIDDEN_LAYERS) {
      throw new InputException(file + ": cannot save a network of " + hidden.size()
          + " hidden layers; a model file holds at most " + MAX_HIDDEN_LAYERS
          + " (the loader's limit)");
    }
    int widest = Math.max(inputs, outputs);
    for (int h : hidden) {
      widest = Math.max(widest, h);
    }
    if (widest > MAX_WIDTH) {
      throw new InputException(file + ": cannot save a layer of " + widest
          + " units; a model file holds layers of at most " + MAX_WIDTH + " (the loader's limit)");
    }
  }

  /**
   * Writer side of the header limit: a padded header JSON of {@code bytes} (N, without the
   * 8-byte length) must fit; {@code contents} says what fills it.
   */
  public static void requireHeaderFits(long bytes, String file, String contents) {
    if (bytes > MAX_HEADER_BYTES) {
      throw new InputException(file + ": cannot save: the header would take " + bytes
          + " bytes (" + contents + ") but the loader reads headers of at most "
          + MAX_HEADER_BYTES + " bytes (16 MiB)");
    }
  }
}
