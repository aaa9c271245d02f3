package dev.tikhonov.io;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.io.ByteSource;
import dev.tikhonov.internal.io.FileLimits;
import dev.tikhonov.internal.io.HeaderChecksum;
import dev.tikhonov.internal.io.JsonFields;
import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.internal.tensor.DirectMemory;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.TrainingListener;
import dev.tikhonov.train.TrainingState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training checkpoint in one safetensors file (docs/model-files.md): the parameters
 * ({@code param/NAME}), the optimizer's buffers ({@code optim/NAME}), early stopping's best
 * weights ({@code best/NAME}), all F32 with shape [rows, cols], and the row order
 * ({@code order}, I32); in {@code __metadata__} the epoch reached, the history, the generator
 * states, the optimizer step count and the caller's {@code settings} (how to rebuild the run).
 *
 * <p>Written with temporary file + rename, so the previous checkpoint survives a crash or a
 * kill at any moment: the file on disk is always a complete checkpoint.
 *
 * <p>Reading validates everything before the state is built, as {@link ModelFile} does: the
 * safetensors layout and header size ({@link FileLimits}); the state entry (epoch ≥ 0,
 * {@code finished}, the generator states, step count ≥ 0, best epoch in 0..epoch, a best
 * validation loss that is finite or absent); the history: exactly {@code epoch} objects with the
 * nine fields of {@link EpochRecord}, numbered 1..epoch, training loss and objective finite,
 * penalty, weight norm and seconds finite and ≥ 0, validation accuracy absent or in [0, 1]
 * (validation loss and learning rate may be non-finite); the parameters: a chain
 * {@code denseK.weight} [a_K, a_K+1], {@code denseK.bias} [1, a_K+1] for K = 0..L−1 as every
 * tikhonov network has, at most {@link FileLimits#MAX_HIDDEN_LAYERS} hidden layers, every value
 * finite; the best weights: none or the same names and shapes, finite; the optimizer buffers:
 * named {@code …/i} for parameter i with its shape, finite, except that Adam's and RMSprop's
 * second moments ({@code ….v/i}) are ≥ 0 and may be +∞ (a squared-gradient average may
 * overflow, which the optimizer handles); the dropout generators: none or one per hidden
 * layer; the row order: a permutation of 0..n−1.
 * Anything else is an {@link InputException} naming the file. Writing refuses (with the same
 * rules) a state that could not be read back, so a bad state never replaces a good checkpoint.
 * Stateless; safe to call from several threads on different files.
 */
public final class CheckpointFile {
  /** The value of the file's "format" metadata key, which tells a checkpoint from a model file. */
  public static final String FORMAT = "tikhonov-checkpoint";
  /** The value of the "format_version" key this version writes, and the one it reads. */
  public static final int FORMAT_VERSION = 1;
  /** The file name inside a run directory. */
  public static final String FILE_NAME = "checkpoint.safetensors";

  /** The keys of {@code __metadata__} a checkpoint may hold. */
  private static final Set<String> METADATA_KEYS = Set.of("format", "format_version", "state",
      "settings", SafeTensors.CHECKSUM_KEY, HeaderChecksum.KEY);

  private CheckpointFile() {}

  /**
   * A checkpoint read back: the state to resume from and the settings it was saved with. Not
   * thread-safe: the state's matrices and arrays and the settings map are mutable and not copied;
   * several threads may read it while none modifies it.
   *
   * @param state where the run stopped: weights, optimizer buffers, generators, epoch
   * @param settings what the writer stored to rebuild the run (the CLI's arguments); empty when
   *     it stored none
   */
  public record Checkpoint(
TrainingState state, Map<String, Object> settings) {}

  /**
   * {@link #every(int, Path, Map)} with no settings stored: for a program that rebuilds its
   * estimator itself when it resumes (the CLI stores its arguments instead).
   */
  public static TrainingListener every(int every, Path file) {
    return every(every, file, Map.of());
  }

  /**
   * A listener that writes {@code file} after every {@code every}-th epoch and after the last
   * one. {@code settings} are stored as they are (JSON-serializable values).
   */
  public static TrainingListener every(int every, Path file, Map<String, Object> settings) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch, got " + every);
    }
    // refused here, not at the first epoch's end, where it would stop a fit already running
    java.util.Objects.requireNonNull(file, "file");
    Map<String, Object> copy = new LinkedHashMap<>(settings);
    return new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingState state) {
        if (state.epoch() % every == 0 || state.finished()) {
          write(file, state, copy);
        }
      }
    };
  }

  /**
   * Writes {@code state} to {@code file} atomically; an {@link InputException} (and the old
   * file kept) when the state breaks a rule the reader enforces.
   */
  public static void write(Path file, TrainingState state, Map<String, Object> settings) {
    String cannot = file + ": cannot save";
    CheckpointRules.requireWritable(state, cannot);
    SafeTensors.Writer w = new SafeTensors.Writer();
    state.parameters().forEach((name, m) -> w.add("param/" + name, m, m.rows(), m.cols()));
    state.optimizerState().forEach((name, m) -> w.add("optim/" + name, m, m.rows(), m.cols()));
    state.bestParameters().forEach((name, m) -> w.add("best/" + name, m, m.rows(), m.cols()));
    w.addInts("order", state.order());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("epoch", state.epoch());
    s.put("finished", state.finished());
    s.put("shuffle_state", state.shuffleState());
    s.put("dropout_states", state.dropoutStates());
    s.put("step_count", state.stepCount());
    s.put("best_validation_loss", Double.isFinite(state.bestValidationLoss())
        ? state.bestValidationLoss() : null);
    s.put("best_epoch", state.bestEpoch());
    s.put("history", state.history());
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("format_version", String.valueOf(FORMAT_VERSION));
    meta.put("state", Json.oneLine(s));
    meta.put("settings", Json.oneLine(settings));
    byte[] header = w.header(meta);
    FileLimits.requireHeaderFits(header.length - 8, file.toString(), "the history of "
        + state.history().size() + " epochs, " + (state.parameters().size()
            + state.optimizerState().size() + state.bestParameters().size())
        + " tensor names, the settings");
    AtomicFiles.write(file, out -> w.writeTo(out, header));
  }

  /** {@code path} itself if it is a file, else {@code path/checkpoint.safetensors}. */
  public static Path locate(Path path) {
    return Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
  }

  /** Reads and validates a checkpoint; a bad file gives an {@link InputException}. */
  public static Checkpoint read(Path file) {
    return ByteSource.readFile(file, "no checkpoint here (a training run writes one when its "
        + "checkpoints are on)", source -> read(source, file.toString()));
  }

  /** Reads a checkpoint's bytes held in memory; {@code name} names it in messages. */
  public static Checkpoint read(byte[] bytes, String name) {
    return read(ByteSource.of(bytes), name);
  }

  static Checkpoint read(ByteSource src, String name) {
    // A model file's F64 tensors would otherwise be reported as "dtype F64 is not supported",
    // and its F32 ones as "not a tikhonov checkpoint": say what the file is.
    String format = SafeTensors.readHeader(src, name, Set.of(SafeTensors.DType.values()),
        "checkpoint").metadata().getOrDefault("format", "");
    if (ModelFile.FORMAT.equals(format) || LinearModelFile.FORMAT.equals(format)) {
      throw new InputException(name + ": a tikhonov model file, not a training checkpoint;"
          + " predict with it, or resume from the checkpoint a training run writes when its"
          + " checkpoints are on");
    }
    SafeTensors.Header header = SafeTensors.readHeader(src, name,
        Set.of(SafeTensors.DType.F32, SafeTensors.DType.I32), "checkpoint");
    Map<String, String> meta = header.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new InputException(name + ": not a tikhonov checkpoint of format version "
          + FORMAT_VERSION);
    }
    // A checkpoint of another version is ours: say so, as a model file of another version does
    // (it used to read as "not a tikhonov checkpoint of format version 1").
    if (!String.valueOf(FORMAT_VERSION).equals(meta.get("format_version"))) {
      throw new InputException(name + ": checkpoint format version "
          + SafeTensors.quote(String.valueOf(meta.get("format_version")))
          + " is not supported; this tikhonov reads version " + FORMAT_VERSION);
    }
    HeaderChecksum.require(header, name, "checkpoint");
    // After the checksum, which calls a key added to a checked file an edit: here a key it
    // missed, its own name's bit flipped ("header_crc22"), or one added to an older file.
    requireMetadataKeys(meta, name);
    JsonFields s = JsonFields.parse(metadataEntry(meta, "state", name), name, "state");
    int epoch = s.integer("epoch", 0, Integer.MAX_VALUE);
    boolean finished = s.bool("finished");
    long shuffleState = s.longValue("shuffle_state");
    long[] dropoutStates = s.longArray("dropout_states", FileLimits.MAX_HIDDEN_LAYERS);
    long stepCount = s.longValue("step_count");
    if (stepCount < 0) {
      throw new InputException(name + ": state.step_count: expected an integer >= 0, found "
          + stepCount);
    }
    double bestLoss = s.has("best_validation_loss")
        ? s.number("best_validation_loss", -Double.MAX_VALUE, Double.MAX_VALUE)
        : Double.POSITIVE_INFINITY;
    int bestEpoch = s.integer("best_epoch", 0, epoch);
    List<EpochRecord> history = CheckpointRules.history(s, epoch, name);

    // The tensors' names and shapes, checked before any is read.
    Map<String, long[]> paramShapes = new LinkedHashMap<>();
    Map<String, long[]> bestShapes = new LinkedHashMap<>();
    Map<String, SafeTensors.Info> buffers = new LinkedHashMap<>();
    SafeTensors.Info orderInfo = null;
    for (SafeTensors.Info info : header.tensors().values()) {
      String t = info.name();
      if (t.equals("order")) {
        if (info.dtype() != SafeTensors.DType.I32 || info.shape().length != 1
            || info.shape()[0] < 1) {
          throw new InputException(name + ": tensor \"order\" must be I32 of shape [n], n ≥ 1");
        }
        orderInfo = info;
        continue;
      }
      boolean matrix = info.dtype() == SafeTensors.DType.F32 && info.shape().length == 2
          && info.shape()[0] >= 1 && info.shape()[1] >= 1
          && info.shape()[0] <= FileLimits.MAX_WIDTH && info.shape()[1] <= FileLimits.MAX_WIDTH;
      if (!matrix || !(t.startsWith("param/") || t.startsWith("optim/") || t.startsWith("best/"))) {
        throw new InputException(name + ": unexpected tensor " + SafeTensors.quote(t)
            + "; expected param/…, optim/…, best/… (F32, 2-D, sizes 1.." + FileLimits.MAX_WIDTH
            + ") and order (I32, 1-D)");
      }
      String key = t.substring(t.indexOf('/') + 1);
      if (t.startsWith("param/")) {
        paramShapes.put(key, info.shape());
      } else if (t.startsWith("best/")) {
        bestShapes.put(key, info.shape());
      } else {
        buffers.put(key, info);
      }
    }
    if (orderInfo == null) {
      throw new InputException(name + ": tensor \"order\" (I32) is missing");
    }
    List<String> chain = CheckpointRules.parameterChain(paramShapes, name);
    CheckpointRules.requireBest(bestShapes.keySet(), paramShapes.keySet(), name);
    for (Map.Entry<String, long[]> e : bestShapes.entrySet()) {
      if (!Arrays.equals(e.getValue(), paramShapes.get(e.getKey()))) {
        throw new InputException(name + ": tensor " + SafeTensors.quote("best/" + e.getKey())
            + " has shape " + Arrays.toString(e.getValue()) + " but its parameter has "
            + Arrays.toString(paramShapes.get(e.getKey())));
      }
    }
    Map<String, long[]> bufferShapes = new LinkedHashMap<>();
    buffers.forEach((k, info) -> bufferShapes.put(k, info.shape()));
    CheckpointRules.requireBufferShapes(bufferShapes, chain, paramShapes, name);
    CheckpointRules.requireDropoutStates(dropoutStates.length, chain.size() / 2 - 1, name);

    SafeTensors.requireChecksum(src, header, name, "checkpoint");
    // Names and shapes are sound and the data section covers them: reading is bounded by it,
    // and must fit in direct memory.
    long total = 0;
    for (SafeTensors.Info info : header.tensors().values()) {
      if (info != orderInfo) {
        long bytes = info.end() - info.begin();
        if (bytes > DirectMemory.MAX_MATRIX_BYTES) {
          throw new InputException(name + ": tensor " + SafeTensors.quote(info.name()) + " "
              + Arrays.toString(info.shape()) + " needs " + bytes + " bytes; one matrix holds at"
              + " most " + DirectMemory.MAX_MATRIX_BYTES + " bytes (2 GiB)");
        }
        total += bytes;
      }
    }
    if (total > DirectMemory.available()) {
      throw new InputException(name + ": the checkpoint's tensors need " + total + " bytes ("
          + DirectMemory.format(total) + ") of direct memory but "
          + DirectMemory.format(DirectMemory.available()) + " are available (the JVM's limit is "
          + DirectMemory.format(DirectMemory.limit()) + ", -XX:MaxDirectMemorySize)");
    }
    Map<String, Matrix> params = new LinkedHashMap<>();
    Map<String, Matrix> optim = new LinkedHashMap<>();
    Map<String, Matrix> best = new LinkedHashMap<>();
    for (SafeTensors.Info info : header.tensors().values()) {
      if (info == orderInfo) {
        continue;
      }
      String t = info.name();
      Matrix m = SafeTensors.readMatrix(src, header, info, (int) info.shape()[0],
          (int) info.shape()[1], name);
      String key = t.substring(t.indexOf('/') + 1);
      if (t.startsWith("param/")) {
        CheckpointRules.requireFinite(m, t, name);
        params.put(key, m);
      } else if (t.startsWith("best/")) {
        CheckpointRules.requireFinite(m, t, name);
        best.put(key, m);
      } else {
        CheckpointRules.requireBuffer(m, t, name);
        optim.put(key, m);
      }
    }
    int[] order = SafeTensors.readInts(src, header, orderInfo, name);
    CheckpointRules.requirePermutation(order, name);
    // the parameters in network order, as the trainer hands them over
    Map<String, Matrix> orderedParams = new LinkedHashMap<>();
    Map<String, Matrix> orderedBest = new LinkedHashMap<>();
    for (String p : chain) {
      orderedParams.put(p, params.get(p));
      if (!best.isEmpty()) {
        orderedBest.put(p, best.get(p));
      }
    }
    TrainingState state = new TrainingState(epoch, finished, history, order, shuffleState,
        dropoutStates, stepCount, orderedParams, optim, bestLoss, bestEpoch, orderedBest);
    Map<String, Object> settings = Json.MAPPER.convertValue(
        JsonFields.parse(metadataEntry(meta, "settings", name), name, "settings").node(),
        new TypeReference<Map<String, Object>>() {});
    return new Checkpoint(state, settings);
  }

  /**
   * The keys of {@code __metadata__}: format, format_version, state and settings, and the
   * checksums of the data section and of the header (files written before them have none), as
   * every version 1 checkpoint writes them. A key besides them was ignored, so one flipped bit
   * of {@code header_crc32}'s name ("header_crc22") read as a file without the checksum and
   * switched the header's check off.
   */
  private static void requireMetadataKeys(Map<String, String> meta, String name) {
    for (String k : meta.keySet()) {
      if (!METADATA_KEYS.contains(k)) {
        throw new InputException(name + ": __metadata__: unknown key " + SafeTensors.quote(k)
            + "; expected format, format_version, state, settings, " + SafeTensors.CHECKSUM_KEY
            + ", " + HeaderChecksum.KEY);
      }
    }
  }

  private static String metadataEntry(Map<String, String> meta, String key, String name) {
    String v = meta.get(key);
    if (v == null) {
      throw new InputException(name + ": metadata \"" + key + "\" is missing");
    }
    return v;
  }
}
