package dev.tikhonov.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.AtomicFiles;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Json;
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
 */
public final class CheckpointFile {
  public static final String FORMAT = "tikhonov-checkpoint";
  public static final int FORMAT_VERSION = 1;
  /** The file name inside a run directory. */
  public static final String FILE_NAME = "checkpoint.safetensors";

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

  /** Writes {@code state} to {@code file} atomically. */
  public static void write(Path file, TrainingState state, Map<String, Object> settings) {
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
        + state.history().size() + " epochs, the tensor names, the settings");
    AtomicFiles.write(file, out -> w.writeTo(out, header));
  }

  /** {@code path} itself if it is a file, else {@code path/checkpoint.safetensors}. */
  public static Path locate(Path path) {
    return Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
  }

  /** Reads and validates a checkpoint; a bad file gives an {@link InputException}. */
  public static Checkpoint read(Path file) {
    String name = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteSource src = ByteSource.of(channel);
      SafeTensors.Header header = SafeTensors.readHeader(src, name,
          Set.of(SafeTensors.DType.F32, SafeTensors.DType.I32));
      Map<String, String> meta = header.metadata();
      if (!FORMAT.equals(meta.get("format"))
          || !String.valueOf(FORMAT_VERSION).equals(meta.get("format_version"))) {
        throw new InputException(name + ": not a tikhonov checkpoint of format version "
            + FORMAT_VERSION);
      }
      JsonFields s = JsonFields.parse(String.valueOf(meta.get("state")), name, "state");
      int epoch = s.integer("epoch", 0, Integer.MAX_VALUE);
      JsonNode dropoutNode = s.node().get("dropout_states");
      long[] dropoutStates = s.longs("dropout_states",
          dropoutNode != null && dropoutNode.isArray() ? dropoutNode.size() : -1);
      List<EpochRecord> history;
      try {
        history = Json.MAPPER.convertValue(s.node().get("history"),
            new TypeReference<List<EpochRecord>>() {});
      } catch (IllegalArgumentException e) {
        throw new InputException(name + ": state.history is malformed");
      }
      if (history == null || history.size() != epoch) {
        throw new InputException(name + ": state.history must hold " + epoch + " epochs");
      }
      Map<String, Matrix> params = new LinkedHashMap<>();
      Map<String, Matrix> optim = new LinkedHashMap<>();
      Map<String, Matrix> best = new LinkedHashMap<>();
      int[] order = null;
      for (SafeTensors.Info info : header.tensors().values()) {
        if (info.name().equals("order") && info.dtype() == SafeTensors.DType.I32
            && info.shape().length == 1) {
          order = SafeTensors.readInts(src, header, info, name);
          continue;
        }
        Map<String, Matrix> target = info.name().startsWith("param/") ? params
            : info.name().startsWith("optim/") ? optim
            : info.name().startsWith("best/") ? best : null;
        if (target == null || info.dtype() != SafeTensors.DType.F32 || info.shape().length != 2
            || info.shape()[0] > Integer.MAX_VALUE || info.shape()[1] > Integer.MAX_VALUE) {
          throw new InputException(name + ": unexpected tensor " + SafeTensors.quote(info.name())
              + "; expected param/…, optim/…, best/… (F32, 2-D) and order (I32, 1-D)");
        }
        target.put(info.name().substring(info.name().indexOf('/') + 1),
            SafeTensors.readMatrix(src, header, info, (int) info.shape()[0],
                (int) info.shape()[1], name));
      }
      if (order == null) {
        throw new InputException(name + ": tensor \"order\" (I32) is missing");
      }
      Double bestLoss = s.has("best_validation_loss")
          ? s.number("best_validation_loss", -Double.MAX_VALUE, Double.MAX_VALUE) : null;
      TrainingState state = new TrainingState(epoch, s.bool("finished"), new ArrayList<>(history),
          order, s.longValue("shuffle_state"), dropoutStates, s.longValue("step_count"), params,
          optim, bestLoss == null ? Double.POSITIVE_INFINITY : bestLoss,
          s.integer("best_epoch", 0, epoch), best);
      Map<String, Object> settings = Json.MAPPER.convertValue(
          JsonFields.parse(String.valueOf(meta.get("settings")), name, "settings").node(),
          new TypeReference<Map<String, Object>>() {});
      return new Checkpoint(state, settings);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no checkpoint here (train with --checkpoint-every N "
          + "to write one)");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }
}
