package dev.tikhonov.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Json;
import dev.tikhonov.tensor.DirectMemory;
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
import java.util.regex.Pattern;

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
 * nine fields of {@link EpochRecord}, numbered 1..epoch, penalty, weight norm and seconds finite
 * and ≥ 0, validation accuracy absent or in [0, 1]; the parameters: a chain {@code denseK.weight}
 * [a_K, a_K+1], {@code denseK.bias} [1, a_K+1] for K = 0..L−1 as every tikhonov network has, at
 * most {@link FileLimits#MAX_HIDDEN_LAYERS} hidden layers, every value finite; the best weights:
 * none or the same names and shapes, finite; the optimizer buffers: named {@code …/i} for
 * parameter i with its shape, free of NaN (a squared-gradient average may overflow to +∞,
 * which the optimizer handles), Adam's and RMSprop's second moments ({@code ….v/i}) ≥ 0; the
 * dropout generators: none or one per hidden layer; the row order: a permutation of 0..n−1.
 * Anything else is an {@link InputException} naming the file. Writing refuses (with the same
 * rules) a state that could not be read back, so a bad state never replaces a good checkpoint.
 * Stateless; safe to call from several threads on different files.
 */
public final class CheckpointFile {
  public static final String FORMAT = "tikhonov-checkpoint";
  public static final int FORMAT_VERSION = 1;
  /** The file name inside a run directory. */
  public static final String FILE_NAME = "checkpoint.safetensors";

  private static final Pattern LAYER = Pattern.compile("dense(0|[1-9][0-9]{0,8})\\.(weight|bias)");
  private static final Pattern BUFFER = Pattern.compile(".+/(0|[1-9][0-9]{0,8})");
  private static final List<String> HISTORY_FIELDS = List.of("epoch", "train_loss", "penalty",
      "objective", "val_loss", "val_accuracy", "weight_norm", "learning_rate", "seconds");

  private CheckpointFile() {}

  /** A checkpoint read back: the state to resume from and the settings it was saved with. */
  public record Checkpoint(TrainingState state, Map<String, Object> settings) {}

  /**
   * A listener that writes {@code file} after every {@code every}-th epoch and after the last
   * one. {@code settings} are stored as they are (JSON-serializable values).
   */
  public static TrainingListener every(int every, Path file, Map<String, Object> settings) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch, got " + every);
    }
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
    Map<String, long[]> shapes = new LinkedHashMap<>();
    state.parameters().forEach((name, m) -> shapes.put(name, new long[] {m.rows(), m.cols()}));
    List<String> order = parameterChain(shapes, cannot);
    state.parameters().forEach((name, m) -> requireFinite(m, "param/" + name, cannot));
    state.bestParameters().forEach((name, m) -> requireFinite(m, "best/" + name, cannot));
    state.optimizerState().forEach((name, m) -> requireBuffer(m, "optim/" + name, cannot));
    requireBest(state.bestParameters().keySet(), shapes.keySet(), cannot);
    requireBuffers(state.optimizerState(), order, shapes, cannot);
    requireDropoutStates(state.dropoutStates().length, order.size() / 2 - 1, cannot);
    requirePermutation(state.order(), cannot);
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
        + state.history().size() + " epochs, " + (shapes.size() + state.optimizerState().size()
            + state.bestParameters().size()) + " tensor names, the settings");
    AtomicFiles.write(file, out -> w.writeTo(out, header));
  }

  /** {@code path} itself if it is a file, else {@code path/checkpoint.safetensors}. */
  public static Path locate(Path path) {
    return Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
  }

  /** Reads and validates a checkpoint; a bad file gives an {@link InputException}. */
  public static Checkpoint read(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(ByteSource.of(channel), file.toString());
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no checkpoint here (train with --checkpoint-every N "
          + "to write one)");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads a checkpoint's bytes held in memory; {@code name} names it in messages. */
  public static Checkpoint read(byte[] bytes, String name) {
    return read(ByteSource.of(bytes), name);
  }

  static Checkpoint read(ByteSource src, String name) {
    SafeTensors.Header header = SafeTensors.readHeader(src, name,
        Set.of(SafeTensors.DType.F32, SafeTensors.DType.I32));
    Map<String, String> meta = header.metadata();
    if (!FORMAT.equals(meta.get("format"))
        || !String.valueOf(FORMAT_VERSION).equals(meta.get("format_version"))) {
      throw new InputException(name + ": not a tikhonov checkpoint of format version "
          + FORMAT_VERSION);
    }
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
    List<EpochRecord> history = history(s, epoch, name);

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
    List<String> chain = parameterChain(paramShapes, name);
    requireBest(bestShapes.keySet(), paramShapes.keySet(), name);
    for (Map.Entry<String, long[]> e : bestShapes.entrySet()) {
      if (!Arrays.equals(e.getValue(), paramShapes.get(e.getKey()))) {
        throw new InputException(name + ": tensor " + SafeTensors.quote("best/" + e.getKey())
            + " has shape " + Arrays.toString(e.getValue()) + " but its parameter has "
            + Arrays.toString(paramShapes.get(e.getKey())));
      }
    }
    Map<String, long[]> bufferShapes = new LinkedHashMap<>();
    buffers.forEach((k, info) -> bufferShapes.put(k, info.shape()));
    requireBufferShapes(bufferShapes, chain, paramShapes, name);
    requireDropoutStates(dropoutStates.length, chain.size() / 2 - 1, name);

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
        requireFinite(m, t, name);
        params.put(key, m);
      } else if (t.startsWith("best/")) {
        requireFinite(m, t, name);
        best.put(key, m);
      } else {
        requireBuffer(m, t, name);
        optim.put(key, m);
      }
    }
    int[] order = SafeTensors.readInts(src, header, orderInfo, name);
    requirePermutation(order, name);
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

  private static String metadataEntry(Map<String, String> meta, String key, String name) {
    String v = meta.get(key);
    if (v == null) {
      throw new InputException(name + ": metadata \"" + key + "\" is missing");
    }
    return v;
  }

  /** state.history: exactly {@code epoch} records, numbered 1..epoch, each field checked. */
  private static List<EpochRecord> history(JsonFields state, int epoch, String name) {
    JsonNode array = state.node().get("history");
    if (array == null || !array.isArray() || array.size() != epoch) {
      throw new InputException(name + ": state.history: expected an array of " + epoch
          + " epochs (state.epoch), found " + (array == null ? "nothing"
              : array.isArray() ? array.size() + " entries" : array.getNodeType()));
    }
    List<EpochRecord> out = new ArrayList<>(epoch);
    for (int i = 0; i < epoch; i++) {
      JsonNode r = array.get(i);
      String where = name + ": state.history[" + i + "]";
      if (!r.isObject()) {
        throw new InputException(where + ": expected an epoch record (an object), found " + r);
      }
      for (String field : HISTORY_FIELDS) {
        if (!r.has(field)) {
          throw new InputException(where + ": missing field \"" + field + "\"");
        }
      }
      if (r.size() != HISTORY_FIELDS.size()) {
        List<String> unknown = new ArrayList<>();
        r.fieldNames().forEachRemaining(f -> {
          if (!HISTORY_FIELDS.contains(f)) {
            unknown.add(f);
          }
        });
        throw new InputException(where + ": unknown field " + SafeTensors.quote(unknown.get(0)));
      }
      JsonNode e = r.get("epoch");
      if (!e.isIntegralNumber() || e.longValue() != i + 1) {
        throw new InputException(where + ".epoch: expected " + (i + 1) + ", found " + e);
      }
      Double valAccuracy = optional(r, "val_accuracy", where);
      if (valAccuracy != null && !(valAccuracy >= 0 && valAccuracy <= 1)) {
        throw new InputException(where + ".val_accuracy: expected a number in [0, 1], found "
            + valAccuracy);
      }
      out.add(new EpochRecord(i + 1, number(r, "train_loss", where),
          nonNegative(r, "penalty", where), number(r, "objective", where),
          optional(r, "val_loss", where), valAccuracy, nonNegative(r, "weight_norm", where),
          number(r, "learning_rate", where), nonNegative(r, "seconds", where)));
    }
    return out;
  }

  /**
   * A number as Jackson writes a double: a JSON number, or "NaN", "Infinity", "-Infinity" (a
   * loss or learning rate the trainer recorded may be non-finite).
   */
  private static double number(JsonNode r, String field, String where) {
    JsonNode v = r.get(field);
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.textValue())) {
      return Double.parseDouble(v.textValue());
    }
    throw new InputException(where + "." + field + ": expected a number, found " + v);
  }

  private static double nonNegative(JsonNode r, String field, String where) {
    double v = number(r, field, where);
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InputException(where + "." + field + ": expected a finite number >= 0, found "
          + v);
    }
    return v;
  }

  private static Double optional(JsonNode r, String field, String where) {
    return r.get(field).isNull() ? null : number(r, field, where);
  }

  /**
   * The parameter names in network order ({@code dense0.weight, dense0.bias, dense1.weight,
   * …}), after checking that the shapes chain: weight K is [a_K, a_K+1], bias K is [1, a_K+1].
   */
  private static List<String> parameterChain(Map<String, long[]> shapes, String name) {
    int layers = shapes.size() / 2;
    if (shapes.isEmpty() || shapes.size() % 2 != 0) {
      throw new InputException(name + ": expected a weight and a bias per dense layer, found "
          + shapes.size() + " parameters");
    }
    if (layers - 1 > FileLimits.MAX_HIDDEN_LAYERS) {
      throw new InputException(name + ": " + (layers - 1) + " hidden layers; a checkpoint holds"
          + " at most " + FileLimits.MAX_HIDDEN_LAYERS + " (the loader's limit)");
    }
    for (String p : shapes.keySet()) {
      if (!LAYER.matcher(p).matches()) {
        throw new InputException(name + ": tensor " + SafeTensors.quote("param/" + p)
            + ": expected param/denseK.weight or param/denseK.bias");
      }
    }
    List<String> chain = new ArrayList<>();
    long width = -1;
    for (int k = 0; k < layers; k++) {
      String weight = "dense" + k + ".weight";
      String bias = "dense" + k + ".bias";
      long[] w = shapes.get(weight);
      long[] b = shapes.get(bias);
      if (w == null || b == null) {
        throw new InputException(name + ": tensor \"param/" + (w == null ? weight : bias)
            + "\" is missing (" + layers + " dense layers)");
      }
      if ((width >= 0 && w[0] != width) || b[0] != 1 || b[1] != w[1]) {
        throw new InputException(name + ": tensors param/" + weight + " " + Arrays.toString(w)
            + " and param/" + bias + " " + Arrays.toString(b) + " do not chain"
            + (width >= 0 ? " after a layer of " + width + " outputs" : "")
            + "; expected [inputs, outputs] and [1, outputs]");
      }
      width = w[1];
      chain.add(weight);
      chain.add(bias);
    }
    return chain;
  }

  private static void requireBest(Set<String> best, Set<String> params, String name) {
    if (!best.isEmpty() && !best.equals(params)) {
      throw new InputException(name + ": the best weights " + best
          + " must be none or one per parameter " + params);
    }
  }

  private static void requireBuffers(Map<String, Matrix> buffers, List<String> chain,
      Map<String, long[]> shapes, String name) {
    Map<String, long[]> bufferShapes = new LinkedHashMap<>();
    buffers.forEach((k, m) -> bufferShapes.put(k, new long[] {m.rows(), m.cols()}));
    requireBufferShapes(bufferShapes, chain, shapes, name);
  }

  /** Each optimizer buffer is named {@code …/i} and has parameter i's shape. */
  private static void requireBufferShapes(Map<String, long[]> buffers, List<String> chain,
      Map<String, long[]> shapes, String name) {
    for (Map.Entry<String, long[]> e : buffers.entrySet()) {
      String t = "optim/" + e.getKey();
      if (!BUFFER.matcher(e.getKey()).matches()) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(t)
            + ": expected an optimizer buffer named …/i for parameter i");
      }
      long i = Long.parseLong(e.getKey().substring(e.getKey().lastIndexOf('/') + 1));
      if (i >= chain.size()) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(t) + " is for parameter "
            + i + " but there are " + chain.size());
      }
      long[] expected = shapes.get(chain.get((int) i));
      if (!Arrays.equals(e.getValue(), expected)) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(t) + " has shape "
            + Arrays.toString(e.getValue()) + " but parameter " + chain.get((int) i) + " has "
            + Arrays.toString(expected));
      }
    }
  }

  private static void requireDropoutStates(int count, int hiddenLayers, String name) {
    if (count != 0 && count != hiddenLayers) {
      throw new InputException(name + ": state.dropout_states: expected none or one per hidden"
          + " layer (" + hiddenLayers + "), found " + count);
    }
  }

  private static void requirePermutation(int[] order, String name) {
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      int v = order[i];
      if (v < 0 || v >= order.length || seen[v]) {
        throw new InputException(name + ": tensor \"order\" element " + i + " is " + v
            + "; expected a permutation of 0.." + (order.length - 1));
      }
      seen[v] = true;
    }
  }

  private static void requireFinite(Matrix m, String tensor, String name) {
    ModelNumbers.requireFinite(m, tensor, name + ": tensor");
  }

  /**
   * No NaN anywhere (a NaN in the state makes the next step NaN); a second moment (….v/i) ≥ 0.
   * Infinities are allowed: a squared-gradient average can overflow float32 in a run that goes
   * on (Adam's step is then 0), and the trainer may checkpoint it.
   */
  private static void requireBuffer(Matrix m, String tensor, String name) {
    boolean secondMoment = tensor.matches(".*\\.v/[0-9]+");
    for (int i = 0; i < m.size(); i++) {
      float v = m.at(i);
      if (Float.isNaN(v) || (secondMoment && v < 0)) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(tensor) + " holds " + v
            + " at element " + i + "; optimizer buffers must not be NaN"
            + (secondMoment ? " and second moments must be >= 0" : ""));
      }
    }
  }
}
