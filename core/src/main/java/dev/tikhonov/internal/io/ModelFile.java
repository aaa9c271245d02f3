package dev.tikhonov.internal.io;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.loss.Family;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Dense;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.LayerSpec;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A trained {@link Model} in one file, in the safetensors layout (docs/model-files.md): each
 * dense layer's weight W (inputs×outputs, so that {@code y = x·W + b}) as {@code
 * denseK.weight} with shape [inputs, outputs] and its bias as {@code denseK.bias} with shape
 * [outputs], all F32 little-endian; and in {@code __metadata__}:
 *
 * <ul>
 *   <li>{@code "format": "tikhonov-model"}, {@code "format_version": "1"};
 *   <li>{@code "model"}: a JSON object (as a string, since safetensors metadata is string to
 *       string) with the architecture, task, loss, initializer, layer list, feature and class
 *       names, the standardizer {@code x' = (x − mean) / scale} and the provenance the caller
 *       passed (settings of the objective λ, α, dropout, weight decay; seed; data SHA-256;
 *       metrics), plus {@code tikhonov_version}.
 * </ul>
 *
 * <p>Written atomically (temporary file, then rename). Loading validates everything before
 * allocating the weights: header size, JSON, dtypes (F32 only), shapes against the
 * architecture, offsets, total size; then every number against what prediction needs
 * ({@link ModelNumbers}): the standardizer's mean finite and its scale &gt; 0 with
 * {@code (1e6 + |mean|)/scale ≤ Float.MAX_VALUE}; every weight and bias finite with
 * {@code 1e6·Σⱼ|W_jk| + |b_k| ≤ Float.MAX_VALUE/2} for each output k of each dense layer.
 * Anything wrong is an {@link InputException} naming the file and the problem. Never Java
 * serialization.
 *
 * <p>Saving refuses (an {@link InputException} with the numbers, nothing written) what loading
 * would refuse: more than {@link FileLimits#MAX_HIDDEN_LAYERS} hidden layers, a layer wider than
 * {@link FileLimits#MAX_WIDTH}, a header over {@link FileLimits#MAX_HEADER_BYTES} bytes (e.g.
 * 40,000 long feature names), numbers that break the rule above; and it checks the metadata it
 * wrote with the loader's own parser. Stateless; safe to call from several threads on different
 * files.
 */
public final class ModelFile {
  /** The value of {@code __metadata__.format}. */
  public static final String FORMAT = "tikhonov-model";
  /** The format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private ModelFile() {}

  /**
   * A model read back, with the provenance it was saved with. Not thread-safe, as its
   * {@link Model} is not ({@code predict} writes the network's buffers); the provenance map is
   * not copied.
   */
  public record SavedModel(Model model, Map<String, Object> provenance) {}

  /**
   * Writes {@code model} to {@code file} atomically. {@code provenance} (JSON-serializable
   * values: strings, numbers, booleans, lists, maps, records) is stored as is under
   * {@code model.provenance}, with {@code tikhonov_version} added if absent.
   */
  public static void save(Model model, Path file, Map<String, Object> provenance) {
    String name = file.toString();
    Sequential network = model.network();
    FileLimits.requireWritable(network.inputSize(), model.spec().architecture().hidden(),
        network.outputSize(), name);
    String cannot = name + ": cannot save";
    if (model.standardizer().isPresent()) {
      ModelNumbers.requireStandardizer(model.standardizer().get().mean(),
          model.standardizer().get().scale(), cannot + ": model.standardizer");
    }
    requireLayers(network, cannot + ": tensor");
    SafeTensors.Writer writer = new SafeTensors.Writer();
    addWeights(network, "", writer);
    Map<String, String> metadata = metadata(model, provenance);
    // what the loader would make of this metadata: the same parser, so nothing is written that
    // it would refuse
    Description.parse(JsonFields.parse(metadata.get("model"), cannot, "model"), cannot);
    byte[] header = writer.header(metadata);
    long names = 0;
    for (String f : model.featureNames()) {
      names += f.length();
    }
    FileLimits.requireHeaderFits(header.length - 8, name, model.featureNames().size()
        + " feature names of " + names + " characters in all, " + model.classNames().size()
        + " class names, the provenance");
    AtomicFiles.write(file, out -> writer.writeTo(out, header));
  }

  /** Reads a model file; see {@link #read(Path)}. */
  public static Model load(Path file) {
    return read(file).model();
  }

  /** Reads and validates a model file; a bad file gives an {@link InputException}. */
  public static SavedModel read(Path file) {
    return ByteSource.readFile(file, "model file not found",
        source -> read(source, file.toString()));
  }

  /** Reads a model file's bytes held in memory; {@code name} names it in messages. */
  public static SavedModel read(byte[] bytes, String name) {
    return read(ByteSource.of(bytes), name);
  }

  /** Reads a model file from {@code src}; {@code name} names it in messages. */
  public static SavedModel read(ByteSource src, String name) {
    SafeTensors.Header header = SafeTensors.readHeader(src, name, Set.of(SafeTensors.DType.F32));
    Map<String, String> meta = header.metadata();
    if (!FORMAT.equals(meta.get("format"))) {
      throw new InputException(name + ": not a tikhonov model file (safetensors metadata "
          + "\"format\" is " + (meta.get("format") == null ? "missing"
              : SafeTensors.quote(meta.get("format"))) + ", expected \"" + FORMAT + "\")");
    }
    if (!String.valueOf(FORMAT_VERSION).equals(meta.get("format_version"))) {
      throw new InputException(name + ": model format version "
          + SafeTensors.quote(String.valueOf(meta.get("format_version")))
          + " is not supported; this tikhonov reads version " + FORMAT_VERSION);
    }
    // a file of this version: is its header the one written? (before any entry is believed)
    HeaderChecksum.require(header, name, "model file");
    String modelJson = meta.get("model");
    if (modelJson == null) {
      throw new InputException(name + ": metadata \"model\" is missing");
    }
    requireMetadataKeys(meta, name);
    Description d = Description.parse(JsonFields.parse(modelJson, name, "model"), name);
    List<ExpectedTensor> expected = expectedTensors(d, "");
    requireTensors(header, expected, name);
    requireNoOtherTensors(header, expected, name);
    // what the header says is sound: now whether the tensors are the bytes it was written with
    SafeTensors.requireChecksum(src, header, name, "model file");
    // Shapes and sizes are now known to match the data section: allocation is bounded by it,
    // and the architecture checks that it fits in memory before allocating.
    Sequential network;
    try {
      network = d.spec.architecture().build(d.inputs, d.outputs, Initializer.zeros(),
          new Rng(0), new Rng(0));
    } catch (InputException e) {
      throw new InputException(name + ": " + e.getMessage(), e);
    }
    fill(network, "", src, header, name);
    Model model = new Model(d.spec, network, d.featureNames, d.classNames, d.standardizer);
    return new SavedModel(model, d.provenance);
  }

  /**
   * The keys of {@code __metadata__}: exactly format, format_version and model, and the data
   * section's and the header's checksums (files written before them have none).
   */
  static void requireMetadataKeys(Map<String, String> meta, String name) {
    for (String k : meta.keySet()) {
      if (!METADATA_KEYS.contains(k)) {
        throw new InputException(name + ": __metadata__: unknown key " + SafeTensors.quote(k)
            + "; expected format, format_version, model, " + SafeTensors.CHECKSUM_KEY + ", "
            + HeaderChecksum.KEY);
      }
    }
  }

  private static final Set<String> METADATA_KEYS = Set.of("format", "format_version", "model",
      SafeTensors.CHECKSUM_KEY, HeaderChecksum.KEY);

  // ---------------------------------------------------------------------------------------
  // Shared with CheckpointFile: the network's tensors under a name prefix.

  static void addWeights(Sequential network, String prefix, SafeTensors.Writer writer) {
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense dense) {
        Matrix w = dense.weight().value();
        writer.add(prefix + dense.weight().name(), w, w.rows(), w.cols());
        writer.add(prefix + dense.bias().name(), dense.bias().value(), w.cols());
      }
    }
  }

  /** One tensor the architecture needs: name and shape. */
  record ExpectedTensor(String name, long[] shape) {}

  static List<ExpectedTensor> expectedTensors(Description d, String prefix) {
    List<ExpectedTensor> out = new ArrayList<>();
    int width = d.inputs;
    int index = 0;
    List<Integer> widths = new ArrayList<>(d.spec.architecture().hidden());
    widths.add(d.outputs);
    for (int h : widths) {
      out.add(new ExpectedTensor(prefix + "dense" + index + ".weight", new long[] {width, h}));
      out.add(new ExpectedTensor(prefix + "dense" + index + ".bias", new long[] {h}));
      width = h;
      index++;
    }
    return out;
  }

  static void requireTensors(SafeTensors.Header header, List<ExpectedTensor> expected,
      String name) {
    for (ExpectedTensor e : expected) {
      SafeTensors.Info info = header.tensors().get(e.name());
      if (info == null) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(e.name())
            + " is missing; the architecture needs it with shape "
            + java.util.Arrays.toString(e.shape()));
      }
      if (info.dtype() != SafeTensors.DType.F32) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(e.name())
            + " has dtype " + info.dtype() + ", expected F32");
      }
      if (!java.util.Arrays.equals(info.shape(), e.shape())) {
        throw new InputException(name + ": tensor " + SafeTensors.quote(e.name())
            + " has shape " + java.util.Arrays.toString(info.shape())
            + " but the architecture needs " + java.util.Arrays.toString(e.shape()));
      }
    }
  }

  /**
   * A model file holds its layers' tensors and no other, as the linear model file holds its
   * four: one the network has no layer for was ignored, so a file edited or written by another
   * tool loaded as if it were whole. (A checkpoint holds the optimizer's state besides.)
   */
  private static void requireNoOtherTensors(SafeTensors.Header header,
      List<ExpectedTensor> expected, String name) {
    if (header.tensors().size() == expected.size()) {
      return; // each expected one is there (requireTensors)
    }
    List<String> names = expected.stream().map(ExpectedTensor::name).toList();
    String other = header.tensors().keySet().stream().filter(t -> !names.contains(t))
        .sorted().findFirst().orElseThrow();
    throw new InputException(name + ": holds " + header.tensors().size() + " tensors; this "
        + "network has " + String.join(", ", names.subList(0, names.size() - 1)) + " and "
        + names.get(names.size() - 1) + ", not " + SafeTensors.quote(other));
  }

  /** Reads every dense layer's weight and bias into {@code network}, checking the number rule. */
  static void fill(Sequential network, String prefix, ByteSource src, SafeTensors.Header header,
      String name) {
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense dense) {
        // straight into the network's own matrices (a failed check discards the network)
        Matrix w = dense.weight().value();
        Matrix b = dense.bias().value();
        String wName = prefix + dense.weight().name();
        String bName = prefix + dense.bias().name();
        SafeTensors.readInto(src, header, header.tensors().get(wName), w, name);
        SafeTensors.readInto(src, header, header.tensors().get(bName), b, name);
        ModelNumbers.requireLayer(w, b, wName, bName, name + ": tensor");
      }
    }
  }

  /** The number rule for every dense layer of {@code network}. */
  private static void requireLayers(Sequential network, String where) {
    for (Layer layer : network.layers()) {
      if (layer instanceof Dense dense) {
        ModelNumbers.requireLayer(dense.weight().value(), dense.bias().value(),
            dense.weight().name(), dense.bias().name(), where);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // The "model" metadata entry.

  static Map<String, String> metadata(Model model, Map<String, Object> provenance) {
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("tikhonov_version", version());
    if (provenance != null) {
      prov.putAll(provenance);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("format_version", String.valueOf(FORMAT_VERSION));
    meta.put("model", Json.oneLine(describe(model, prov)));
    return meta;
  }

  static Map<String, Object> describe(Model model, Map<String, Object> provenance) {
    Sequential net = model.network();
    ModelSpec spec = model.spec();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", spec.describe());
    m.put("task", spec.family() == Family.GAUSSIAN ? "regression" : "classification");
    m.put("loss", spec.family().networkLoss().name());
    m.put("initializer", spec.initializer().name());
    m.put("inputs", net.inputSize());
    m.put("outputs", net.outputSize());
    m.put("architecture", Json.object("hidden", spec.architecture().hidden(),
        "dropout", spec.architecture().dropout()));
    List<Map<String, Object>> layers = new ArrayList<>();
    for (LayerSpec s : net.specs()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("type", s.type());
      if (s.type().equals("dense")) {
        l.put("inputs", s.inputs());
        l.put("outputs", s.outputs());
      } else if (s.type().equals("dropout")) {
        l.put("rate", s.rate());
      }
      layers.add(l);
    }
    m.put("layers", layers);
    m.put("feature_names", model.featureNames());
    m.put("class_names", model.classNames());
    if (model.standardizer().isPresent()) {
      m.put("standardizer", Json.object("mean", model.standardizer().get().mean(), "scale",
          model.standardizer().get().scale()));
    } else {
      m.put("standardizer", null);
    }
    m.put("provenance", provenance);
    return m;
  }

  /** The validated content of the "model" entry. */
  static final class Description {
    ModelSpec spec;
    int inputs;
    int outputs;
    List<String> featureNames;
    List<String> classNames;
    java.util.Optional<dev.tikhonov.data.Standardizer> standardizer = java.util.Optional.empty();
    Map<String, Object> provenance;

    /** The keys of "model", each required (standardizer and provenance may be null). */
    private static final Set<String> KEYS = Set.of("model", "task", "loss", "initializer",
        "inputs", "outputs", "architecture", "layers", "feature_names", "class_names",
        "standardizer", "provenance");

    static Description parse(JsonFields f, String name) {
      f.requireKeys(KEYS, Set.of());
      f.text("model"); // informative (ModelSpec.describe()), but a string
      Description d = new Description();
      String taskName = f.text("task");
      Family task = switch (taskName) {
        case "classification" -> Family.MULTINOMIAL;
        case "regression" -> Family.GAUSSIAN;
        default -> throw new InputException(name + ": model.task " + SafeTensors.quote(taskName)
            + " is unknown; expected classification or regression");
      };
      Initializer init;
      String initializer = f.text("initializer"); // outside the try: a missing field is its own InputException
      try {
        init = Initializer.byName(initializer);
      } catch (IllegalArgumentException e) {
        throw new InputException(name + ": model.initializer: " + e.getMessage());
      }
      d.inputs = f.integer("inputs", 1, FileLimits.MAX_WIDTH);
      d.outputs = f.integer("outputs", 1, FileLimits.MAX_WIDTH);
      JsonFields arch = f.object("architecture").requireKeys(Set.of("hidden", "dropout"),
          Set.of());
      List<Integer> hidden = arch.integers("hidden", 1, FileLimits.MAX_WIDTH,
          FileLimits.MAX_HIDDEN_LAYERS);
      double dropout = arch.number("dropout", 0, 1);
      Architecture architecture;
      try {
        architecture = new Architecture(hidden, dropout);
      } catch (IllegalArgumentException e) {
        throw new InputException(name + ": model.architecture: " + e.getMessage());
      }
      d.spec = new ModelSpec(architecture, task, init);
      if (!f.text("loss").equals(task.networkLoss().name())) {
        throw new InputException(name + ": model.loss " + SafeTensors.quote(f.text("loss"))
            + " does not match task " + taskName + " (expected " + task.networkLoss().name() + ")");
      }
      requireLayers(f.objects("layers"));
      d.featureNames = f.distinctStrings("feature_names", d.inputs,
          "a model finds its columns by name");
      d.classNames = f.distinctStrings("class_names", -1, "each output is one class");
      if (task == Family.MULTINOMIAL && d.classNames.size() != d.outputs) {
        throw new InputException(name + ": model.class_names has " + d.classNames.size()
            + " names but the classifier has " + d.outputs + " outputs");
      }
      if (task == Family.GAUSSIAN && !d.classNames.isEmpty()) {
        throw new InputException(name + ": model.class_names must be empty for regression");
      }
      if (f.has("standardizer")) {
        JsonFields s = f.object("standardizer").requireKeys(Set.of("mean", "scale"), Set.of());
        double[] mean = s.doubles("mean", d.inputs, -Double.MAX_VALUE, false);
        double[] scale = s.doubles("scale", d.inputs, 0, true);
        ModelNumbers.requireStandardizer(mean, scale, name + ": model.standardizer");
        d.standardizer = java.util.Optional.of(new dev.tikhonov.data.Standardizer(mean, scale));
      }
      d.provenance = f.has("provenance")
          ? Json.MAPPER.convertValue(f.object("provenance").node(),
              new TypeReference<Map<String, Object>>() {})
          : Map.of();
      return d;
    }

    /**
     * The entries of the informative "layers" list: each an object of its type's keys (loading
     * rebuilds the layers from "architecture", but an entry it cannot read is damage).
     */
    private static void requireLayers(List<JsonFields> layers) {
      for (JsonFields layer : layers) {
        String type = layer.text("type");
        switch (type) {
          case "dense" -> {
            layer.requireKeys(Set.of("type", "inputs", "outputs"), Set.of());
            layer.integer("inputs", 1, FileLimits.MAX_WIDTH);
            layer.integer("outputs", 1, FileLimits.MAX_WIDTH);
          }
          case "relu" -> layer.requireKeys(Set.of("type"), Set.of());
          case "dropout" -> {
            layer.requireKeys(Set.of("type", "rate"), Set.of());
            layer.number("rate", 0, 1);
          }
          default -> throw layer.unknown("type", type, "dense, relu or dropout");
        }
      }
    }
  }

  public static String version() {
    String v = ModelFile.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
