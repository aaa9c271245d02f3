package dev.tikhonov.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.io.FileLimits;
import dev.tikhonov.internal.io.JsonFields;
import dev.tikhonov.internal.io.ModelNumbers;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.TrainingState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a checkpoint must meet to be resumed ({@link CheckpointFile} lists them), shared by
 * its reader and its writer; each breach is an {@link InputException} whose message starts with
 * {@code name} (the file). Stateless; thread-safe.
 */
final class CheckpointRules {
  private static final Pattern LAYER = Pattern.compile("dense(0|[1-9][0-9]{0,8})\\.(weight|bias)");
  private static final Pattern BUFFER = Pattern.compile(".+/(0|[1-9][0-9]{0,8})");
  private static final List<String> HISTORY_FIELDS = List.of("epoch", "train_loss", "penalty",
      "objective", "val_loss", "val_accuracy", "weight_norm", "learning_rate", "seconds");

  private CheckpointRules() {}

  /** The rules for a state about to be written (the writer's side of the reader's checks). */
  static void requireWritable(TrainingState state, String name) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    state.parameters().forEach((p, m) -> shapes.put(p, new long[] {m.rows(), m.cols()}));
    List<String> chain = parameterChain(shapes, name);
    state.parameters().forEach((p, m) -> requireFinite(m, "param/" + p, name));
    state.bestParameters().forEach((p, m) -> requireFinite(m, "best/" + p, name));
    state.optimizerState().forEach((b, m) -> requireBuffer(m, "optim/" + b, name));
    requireBest(state.bestParameters().keySet(), shapes.keySet(), name);
    requireBuffers(state.optimizerState(), chain, shapes, name);
    requireDropoutStates(state.dropoutStates().length, chain.size() / 2 - 1, name);
    requirePermutation(state.order(), name);
    for (int i = 0; i < state.history().size(); i++) {
      requireRecord(state.history().get(i), name + ": state.history[" + i + "]");
    }
  }

  /** state.history: exactly {@code epoch} records, numbered 1..epoch, each field checked. */
  static List<EpochRecord> history(JsonFields state, int epoch, String name) {
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
      EpochRecord record = new EpochRecord(i + 1, number(r, "train_loss", where),
          number(r, "penalty", where), number(r, "objective", where),
          optional(r, "val_loss", where), optional(r, "val_accuracy", where),
          number(r, "weight_norm", where), number(r, "learning_rate", where),
          number(r, "seconds", where));
      requireRecord(record, where);
      out.add(record);
    }
    return out;
  }

  /**
   * The numbers an epoch's record can hold as the trainer makes it: the training loss and the
   * objective finite (a non-finite batch loss or weights stop the run as diverged before the
   * epoch's record, so a NaN there is an edit, and epoch 1's is the reference of the later
   * epochs' loss-growth check); penalty, weight norm and seconds finite and ≥ 0; the validation
   * accuracy in [0, 1]. The validation loss may be anything: only the training rows' outputs
   * are checked for overflow, so a validation row's may reach ±∞ or NaN; and so may the
   * learning rate, NaN for an optimizer chain without one of its own.
   */
  static void requireRecord(EpochRecord r, String where) {
    finite(r.trainLoss(), "train_loss", where);
    nonNegative(r.penalty(), "penalty", where);
    finite(r.objective(), "objective", where);
    if (r.valAccuracy().isPresent()
        && !(r.valAccuracy().getAsDouble() >= 0 && r.valAccuracy().getAsDouble() <= 1)) {
      throw new InputException(where + ".val_accuracy: expected a number in [0, 1], found "
          + r.valAccuracy().getAsDouble());
    }
    nonNegative(r.weightNorm(), "weight_norm", where);
    nonNegative(r.seconds(), "seconds", where);
  }

  private static void finite(double v, String field, String where) {
    if (!Double.isFinite(v)) {
      throw new InputException(where + "." + field + ": expected a finite number, found " + v);
    }
  }

  /**
   * A number as Jackson writes a double: a JSON number, or "NaN", "Infinity", "-Infinity" (a
   * validation loss the trainer recorded may be non-finite; {@link #requireRecord} says where
   * else they are refused).
   */
  static double number(JsonNode r, String field, String where) {
    JsonNode v = r.get(field);
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(v.textValue())) {
      return Double.parseDouble(v.textValue());
    }
    throw new InputException(where + "." + field + ": expected a number, found " + v);
  }

  private static void nonNegative(double v, String field, String where) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InputException(where + "." + field + ": expected a finite number >= 0, found "
          + v);
    }
  }

  static OptionalDouble optional(JsonNode r, String field, String where) {
    return r.get(field).isNull() ? OptionalDouble.empty()
        : OptionalDouble.of(number(r, field, where));
  }

  /**
   * The parameter names in network order ({@code dense0.weight, dense0.bias, dense1.weight,
   * …}), after checking that the shapes chain: weight K is [a_K, a_K+1], bias K is [1, a_K+1].
   */
  static List<String> parameterChain(Map<String, long[]> shapes, String name) {
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

  static void requireBest(Set<String> best, Set<String> params, String name) {
    if (!best.isEmpty() && !best.equals(params)) {
      throw new InputException(name + ": the best weights " + best
          + " must be none or one per parameter " + params);
    }
  }

  static void requireBuffers(Map<String, Matrix> buffers, List<String> chain,
      Map<String, long[]> shapes, String name) {
    Map<String, long[]> bufferShapes = new LinkedHashMap<>();
    buffers.forEach((k, m) -> bufferShapes.put(k, new long[] {m.rows(), m.cols()}));
    requireBufferShapes(bufferShapes, chain, shapes, name);
  }

  /** Each optimizer buffer is named {@code …/i} and has parameter i's shape. */
  static void requireBufferShapes(Map<String, long[]> buffers, List<String> chain,
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

  static void requireDropoutStates(int count, int hiddenLayers, String name) {
    if (count != 0 && count != hiddenLayers) {
      throw new InputException(name + ": state.dropout_states: expected none or one per hidden"
          + " layer (" + hiddenLayers + "), found " + count);
    }
  }

  static void requirePermutation(int[] order, String name) {
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

  static void requireFinite(Matrix m, String tensor, String name) {
    ModelNumbers.requireFinite(m, tensor, name + ": tensor");
  }

  /**
   * No NaN anywhere (a NaN in the state makes the next step NaN); a second moment (….v/i) ≥ 0
   * and may be +∞: a squared-gradient average can overflow float32 in a run that goes on (Adam's
   * step is then 0), and the trainer may checkpoint it. Every other buffer (momentum, Adam's
   * first moment) is finite: an infinite one makes the next step's weights infinite or NaN, so
   * the trainer stops such a run as diverged before the epoch's checkpoint.
   */
  static void requireBuffer(Matrix m, String tensor, String name) {
    boolean secondMoment = tensor.matches(".*\\.v/[0-9]+");
    for (int i = 0; i < m.size(); i++) {
      float v = m.at(i);
      if (secondMoment ? Float.isNaN(v) || v < 0 : !Float.isFinite(v)) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(tensor) + " holds " + v
            + " at element " + i + "; optimizer buffers must " + (secondMoment
                ? "not be NaN and second moments must be >= 0"
                : "be finite (a second moment may overflow to +Infinity)"));
      }
    }
  }
}
