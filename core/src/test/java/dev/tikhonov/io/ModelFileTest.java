package dev.tikhonov.io;

import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Synthetic;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import dev.tikhonov.train.ModelSpec;
import dev.tikhonov.train.TrainConfig;
import dev.tikhonov.train.Training;
import dev.tikhonov.train.TrainingListener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tikhonov.internal.io.HeaderChecksum;
import dev.tikhonov.internal.io.ModelFile;

/** Model files: round trips, the safetensors layout, and every hostile or corrupt file. */
class ModelFileTest {
  private static Model mlp;
  private static byte[] valid;
  @TempDir Path dir;

  @BeforeAll
  static void train() throws Exception {
    mlp = Fixtures.trained("mlp:8,4", 0.25);
    Path tmp = Files.createTempFile("model", ".safetensors");
    ModelFile.save(mlp, tmp, Map.of("seed", 5));
    valid = Files.readAllBytes(tmp);
    Files.delete(tmp);
  }

  private static InputException rejected(byte[] bytes, String... fragments) {
    InputException e = assertThrows(InputException.class,
        () -> ModelFile.read(bytes, "bad.safetensors"));
    assertTrue(e.getMessage().startsWith("bad.safetensors: "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e;
  }

  @Test
  void save_thenLoad_predictsIdentically() {
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(mlp, file, Map.of("seed", 5, "metrics", Map.of("test_accuracy", 0.9)));
    ModelFile.SavedModel saved = ModelFile.read(file);
    Dataset x = Fixtures.blobs(50, 9);
    assertArrayEquals(mlp.predict(x.features()).toArray(),
        saved.model().predict(x.features()).toArray());
    assertEquals(mlp.featureNames(), saved.model().featureNames());
    assertEquals(List.of("red", "green", "blue"), saved.model().classNames());
    assertTrue(mlp.standardizer().isPresent());
    assertEquals(mlp.standardizer(), saved.model().standardizer());
    assertEquals(mlp.spec(), new ModelSpec(saved.model().spec().architecture(),
        saved.model().spec().family(), mlp.spec().initializer()));
    assertEquals(0.25, saved.model().spec().architecture().dropout());
    assertEquals(5, saved.provenance().get("seed"));
    assertEquals(Map.of("test_accuracy", 0.9), saved.provenance().get("metrics"));
    assertTrue(saved.provenance().containsKey("tikhonov_version"));
    // the same keys in the same order in every run (Map.of's order changes with each JVM)
    String model = metadataModel(file);
    assertTrue(model.indexOf("\"hidden\"") < model.indexOf("\"dropout\""), model);
    assertTrue(model.indexOf("\"mean\"") < model.indexOf("\"scale\""), model);
  }

  /** The "model" entry of a saved file's metadata, as written. */
  private static String metadataModel(Path file) {
    try {
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      var header = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8));
      return header.get("__metadata__").get("model").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void save_linearRegressionWithoutStandardizer_roundTrips() {
    var data = Synthetic.regression().rows(120).features(4).informative(3).noise(0.1).seed(3)
        .build();
    Dataset train = data.data();
    Model linear = Training.fit(ModelSpec.parse("linear", 0, Family.GAUSSIAN), train, null, null,
        new TrainConfig(5, 16, 1, Penalty.l2(0.01), Optimizers.sgd(0.05), 0),
        TrainingListener.none(), null, null).model();
    Path file = dir.resolve("linear.safetensors");
    ModelFile.save(linear, file, Map.of());
    Model back = ModelFile.load(file);
    assertTrue(back.standardizer().isEmpty());
    assertEquals(List.of(), back.classNames());
    assertArrayEquals(linear.predict(train.features()).toArray(),
        back.predict(train.features()).toArray());
  }

  @Test
  void save_writesSafetensorsLayout_alignedContiguousWithMetadata() throws Exception {
    long n = ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8, "data section 8-byte aligned");
    ObjectNode h = Fixtures.header(valid);
    assertEquals("tikhonov-model", h.get("__metadata__").get("format").textValue());
    long end = 0;
    for (String t : List.of("dense0.weight", "dense0.bias", "dense1.weight", "dense1.bias",
        "dense2.weight", "dense2.bias")) {
      assertEquals("F32", h.get(t).get("dtype").textValue());
      assertEquals(end, h.get(t).get("data_offsets").get(0).asLong(), t);
      end = h.get(t).get("data_offsets").get(1).asLong();
    }
    assertEquals("[5,8]", h.get("dense0.weight").get("shape").toString());
    assertEquals("[8]", h.get("dense0.bias").get("shape").toString());
    assertEquals(valid.length - 8 - n, end);
    // The first weight's first value, little-endian at the start of the data section.
    Matrix w = ((dev.tikhonov.nn.Dense) mlp.network().layers().get(0)).weight().value();
    float first = ByteBuffer.wrap(valid, 8 + (int) n, 4).order(ByteOrder.LITTLE_ENDIAN)
        .getFloat();
    assertEquals(w.at(0), first);
  }

  @Test
  void save_overExistingFile_replacesItAtomically() throws Exception {
    Path file = dir.resolve("m.safetensors");
    Files.writeString(file, "old");
    ModelFile.save(mlp, file, Map.of("seed", 5));
    assertEquals(valid.length, Files.size(file));
    assertEquals(3, ModelFile.load(file).network().outputSize());
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void load_missingFile_namesIt() {
    InputException e = assertThrows(InputException.class,
        () -> ModelFile.load(dir.resolve("nope.safetensors")));
    assertTrue(e.getMessage().contains("nope.safetensors: model file not found"));
  }

  /**
   * A CSV or any other text given as a model file: its first 8 bytes are no header length, and
   * no JSON header follows them. This used to read "header length 8031924123371070824 is out
   * of range".
   */
  @Test
  void load_textFile_isNotATikhonovModelFile() throws Exception {
    byte[] csv = "a,b,y\n1,2,3\n4,5,6\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    InputException e = rejected(csv, "not a tikhonov model file (safetensors");
    assertEquals("bad.safetensors: not a tikhonov model file (safetensors: an 8-byte header"
        + " length, then a JSON header); its first 8 bytes read as a header length of "
        + "3184337927079603297 in a file of 18 bytes, and no '{' follows them", e.getMessage());
    Path file = dir.resolve("data.csv");
    Files.write(file, csv);
    InputException viaPredictor = assertThrows(InputException.class,
        () -> dev.tikhonov.estimate.Predictor.load(file));
    assertTrue(viaPredictor.getMessage().startsWith(file + ": not a tikhonov model file"),
        viaPredictor.getMessage());
  }

  @Test
  void load_fileShorterThanEightBytes_isRejected() {
    rejected(new byte[5], "shorter than the 8-byte header length");
  }

  /**
   * A file cut inside its tensors' bytes (a copy that did not finish) says so, as one cut inside
   * its header does; it said "tensor "dense2.bias": data_offsets [384, 396] lie outside the data
   * section of 389 bytes", which leaves the user to work out that bytes are missing.
   */
  @Test
  void load_truncatedFile_saysItIsCutShortInsideItsTensors() {
    long data = valid.length - 8 - headerLength(valid);
    for (int missing : new int[] {1, 7, (int) data}) {
      long keep = valid.length - missing;
      rejected(Arrays.copyOf(valid, (int) keep), "the file is cut short: its tensors take "
          + data + " bytes after the header, but the file ends " + (data - missing)
          + " bytes after it (" + keep + " bytes in all; a copy or download that did not"
          + " finish?)");
    }
  }

  /** Only an 8-byte file's first bytes: nothing follows them (it said "expected 2..0"). */
  @Test
  void load_eightByteTextFile_isNotATikhonovModelFile() {
    byte[] eight = "{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    InputException e = rejected(eight, "not a tikhonov model file");
    assertEquals("bad.safetensors: not a tikhonov model file (safetensors: an 8-byte header"
        + " length, then a JSON header); its first 8 bytes read as a header length of "
        + "9021026962656797307 in a file of 8 bytes, and nothing follows them", e.getMessage());
  }

  @Test
  void load_trailingBytes_areRejected() {
    rejected(Fixtures.concat(valid, new byte[4]), "trailing bytes");
  }

  @Test
  void load_headerLengthBeyondFile_isRejected() {
    rejected(Fixtures.withHeaderLength(valid, valid.length), "the file is cut short: its header"
        + " length says a JSON header of " + valid.length + " bytes follows, but the file ends "
        + (valid.length - 8) + " bytes after it");
  }

  /** A file cut after its first bytes (it said "header length 1056 is out of range; 2..0"). */
  @Test
  void load_truncatedFile_saysItIsCutShort() {
    long header = headerLength(valid);
    for (long keep : new long[] {8, 9, 8 + header / 2, 8 + header - 1}) {
      byte[] cut = java.util.Arrays.copyOf(valid, (int) keep);
      rejected(cut, "the file is cut short: its header length says a JSON header of " + header
          + " bytes follows, but the file ends " + (keep - 8) + " bytes after it (" + keep
          + " bytes in all");
    }
  }

  private static long headerLength(byte[] file) {
    return java.nio.ByteBuffer.wrap(file, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getLong();
  }

  @Test
  void load_headerLengthHostile_isRejectedBeforeAllocating() {
    rejected(Fixtures.withHeaderLength(valid, Long.MAX_VALUE), "header length", "16 MiB");
    rejected(Fixtures.withHeaderLength(valid, -1), "18446744073709551615", "out of range");
  }

  @Test
  void load_headerNotJson_isRejected() {
    rejected(Fixtures.withHeaderText(valid, "{\"a\": [1, 2"), "not well-formed JSON");
    rejected(Fixtures.withHeaderText(valid, "[1, 2]"), "does not start with '{'");
  }

  @Test
  void load_headerNotUtf8_isRejected() {
    byte[] bad = valid.clone();
    bad[9] = (byte) 0xff;
    rejected(bad, "not valid UTF-8");
  }

  @Test
  void load_duplicateTensorKey_isRejected() throws Exception {
    String text = Fixtures.JSON.writeValueAsString(Fixtures.header(valid));
    String dup = text.replaceFirst("\\{", "{\"dense0.bias\":{\"dtype\":\"F32\",\"shape\":[8],"
        + "\"data_offsets\":[0,32]},");
    rejected(Fixtures.withHeaderText(valid, dup), "not well-formed JSON", "dense0.bias");
  }

  @Test
  void load_dtypeNotF32_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense1.bias"))
        .put("dtype", "F64")), "dtype \"F64\" is not supported; expected F32");
  }

  @Test
  void load_shapeNotMatchingArchitecture_isRejected() throws Exception {
    // 5x8 = 40 elements re-declared as 8x5: sizes agree, the architecture does not.
    rejected(Fixtures.withHeader(valid, h -> {
      ArrayNode shape = ((ObjectNode) h.get("dense0.weight")).putArray("shape");
      shape.add(8).add(5);
    }), "dense0.weight", "shape [8, 5] but the architecture needs [5, 8]");
  }

  @Test
  void load_shapeDisagreeingWithOffsets_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense0.bias"))
        .putArray("shape").add(9)), "dense0.bias", "span 32 bytes", "needs 36");
  }

  @Test
  void load_hugeShape_isRejectedWithoutOverflow() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense0.bias"))
        .putArray("shape").add(1L << 40).add(1L << 40)), "overflows");
  }

  @Test
  void load_negativeShape_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense0.bias"))
        .putArray("shape").add(-8)), "shape[0] must be a non-negative integer");
  }

  @Test
  void load_overlappingOffsets_areRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense0.bias"))
        .putArray("data_offsets").add(0).add(32)), "contiguous");
  }

  @Test
  void load_offsetsOutsideData_areRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense2.bias"))
        .putArray("data_offsets").add(1L << 40).add((1L << 40) + 12)), "outside the data");
  }

  @Test
  void load_missingTensor_isRejected() throws Exception {
    byte[] bytes = Fixtures.withHeader(valid, h -> {
      long begin = h.get("dense2.bias").get("data_offsets").get(0).asLong();
      h.remove("dense2.bias");
      h.put("extra", 1);
      h.remove("extra");
      // Keep the data section covered: drop the last tensor's bytes too.
      h.put("__cut__", begin);
    });
    ObjectNode h = Fixtures.header(bytes);
    long cut = h.get("__cut__").asLong();
    h.remove("__cut__");
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] shorter = Arrays.copyOf(bytes, (int) (8 + n + cut));
    Fixtures.seal(h);
    rejected(Fixtures.withHeaderText(shorter, Fixtures.JSON.writeValueAsString(h)),
        "tensor \"dense2.bias\" is missing");
  }

  /**
   * A tensor the network has no layer for was ignored (the linear model file refuses one): a
   * file edited or written by another tool loaded as if it were whole.
   */
  @Test
  void load_aTensorTheNetworkHasNot_isRejected() throws Exception {
    long n = ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    long end = valid.length - 8 - n;
    byte[] bytes = Fixtures.concat(Fixtures.withHeader(valid, h -> h.putObject("dense3.weight")
        .put("dtype", "F32").putPOJO("shape", List.of(1)).putPOJO("data_offsets",
            List.of(end, end + 4))), new byte[4]);
    rejected(bytes, "holds 7 tensors", "dense0.weight, dense0.bias, dense1.weight,"
        + " dense1.bias, dense2.weight and dense2.bias", "not \"dense3.weight\"");
  }

  /**
   * The ONNX file export wrote, given as --model: it said "its first 8 bytes read as a header
   * length of 7524223549525067784 … and no '{' follows them", which does not say what the file
   * is; an ONNX model (export's, or PyTorch's) is named as one.
   */
  @Test
  void load_anOnnxModel_isNamedAsOne() {
    byte[] pytorch = "\b\u0007\u0012\u0007pytorch\u001a\u00052.1.0:\u0000"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (byte[] onnx : List.of(OnnxExport.toBytes(mlp), pytorch)) {
      rejected(onnx, "not a tikhonov model file: it is an ONNX model, which tikhonov exports"
          + " from a model file but does not read; give the model file itself");
    }
  }

  @Test
  void load_unknownTensorField_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("dense0.bias"))
        .put("offset", 3)), "unknown field \"offset\"");
  }

  @Test
  void load_safetensorsWithoutOurMetadata_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> h.remove("__metadata__")),
        "not a tikhonov model file");
  }

  @Test
  void load_newerFormatVersion_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("__metadata__"))
        .put("format_version", "2")), "format version \"2\" is not supported");
  }

  @Test
  void load_metadataValueNotString_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("__metadata__"))
        .put("format_version", 1)), "must be a string");
  }

  @Test
  void load_modelEntryNotJson_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("__metadata__"))
        .put("model", "{oops")), "metadata model is not well-formed JSON");
  }

  @Test
  void load_featureNamesOfWrongCount_areRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> m.putArray("feature_names")
        .add("a"))), "model.feature_names: expected an array of 5 strings");
  }

  @Test
  void load_classNamesNotMatchingOutputs_areRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> m.putArray("class_names")
        .add("x").add("y"))), "2 names but the classifier has 3 outputs");
  }

  @Test
  void load_zeroStandardizerScale_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ArrayNode) m.get("standardizer")
        .get("scale")).set(2, 0.0))), "model.standardizer.scale[2]", "> 0.0");
  }

  @Test
  void load_architectureWiderThanTheData_isRejectedBeforeAllocating() throws Exception {
    // A hostile header claims a 16-million-wide hidden layer; the tensors do not match it.
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("architecture"))
        .putArray("hidden").add(1 << 24).add(4))), "dense0.weight", "[5, 16777216]");
  }

  @Test
  void load_dropoutOutOfRange_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("architecture"))
        .put("dropout", 1.5))), "model.architecture.dropout");
  }

  @Test
  void load_unknownTask_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> m.put("task", "clustering"))),
        "model.task \"clustering\" is unknown");
  }

  /**
   * A missing initializer is JsonFields' message, once: its InputException (an
   * IllegalArgumentException too) is not caught and prefixed again by the initializer check.
   */
  @Test
  void load_missingInitializer_isNamedOnce() throws Exception {
    InputException e = rejected(
        Fixtures.withHeader(valid, h -> edit(h, m -> m.remove("initializer"))),
        "model: key \"initializer\" is missing");
    assertEquals(1, e.getMessage().split("bad.safetensors", -1).length - 1, e.getMessage());
  }

  /**
   * One bit flipped in the key "standardizer" ("standardizes") used to drop the standardizer:
   * the model then predicted on raw inputs, exit 0. Every object of the header takes exactly its
   * known keys, so a damaged key is an error that names the file and the key (in a file written
   * before header_crc32; in one with it, the checksum says the header changed).
   */
  @Test
  void load_unknownOrMissingKey_inEveryObjectOfTheHeader_isRejectedNamingTheKey()
      throws Exception {
    byte[] old = Fixtures.editedByHand(valid,
        h -> ((ObjectNode) h.get("__metadata__")).remove(HeaderChecksum.KEY));
    for (byte[] file : List.of(old, valid)) {
      String flipped = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)
          .replace("standardizer", "standardizes");
      rejected(flipped.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), file == old
          ? "model: unknown key \"standardizes\"; expected architecture, class_names"
          : "the header differs from what was written");
    }
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> m.remove("standardizer"))),
        "model: key \"standardizer\" is missing");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> m.remove("provenance"))),
        "model: key \"provenance\" is missing");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> m.put("weight_decay", 0.1))),
        "model: unknown key \"weight_decay\"");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("architecture"))
        .put("dropuot", 0.1))), "model.architecture: unknown key \"dropuot\"");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("architecture"))
        .remove("dropout"))), "model.architecture: key \"dropout\" is missing");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("standardizer"))
        .put("center", 1))), "model.standardizer: unknown key \"center\"");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("layers").get(0))
        .put("bias", true))), "model.layers[0]: unknown key \"bias\"");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ObjectNode) m.get("layers").get(1))
        .put("type", "relw"))), "model.layers[1].type \"relw\" is unknown");
    rejected(Fixtures.withHeader(valid, h -> ((ObjectNode) h.get("__metadata__"))
        .put("comment", "x")), "__metadata__: unknown key \"comment\"");
  }

  /** A model without a standardizer writes the key with null, and that loads. */
  /** A model's standardizer, when present, has one column per feature. */
  @Test
  void model_standardizerOfAnotherWidth_isRefused() throws Exception {
    Model m = ModelFile.read(valid, "v").model();
    int p = m.featureNames().size();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Model(m.spec(), m.network(), m.featureNames(), m.classNames(),
            java.util.Optional.of(new dev.tikhonov.data.Standardizer(new double[p - 1],
                java.util.Collections.nCopies(p - 1, 1.0).stream().mapToDouble(d -> d)
                    .toArray()))));
    assertEquals("a standardizer of " + (p - 1) + " columns for " + p + " features",
        e.getMessage());
  }

  @Test
  void load_standardizerNull_loadsWithoutOne() throws Exception {
    Model m = ModelFile.read(Fixtures.withHeader(valid, h -> edit(h, e -> e.putNull(
        "standardizer"))), "ok.safetensors").model();
    assertTrue(m.standardizer().isEmpty());
  }

  /**
   * Duplicate feature names made the model read one column twice and another never; duplicate
   * class names made predict write two prob_ columns of one name.
   */
  @Test
  void load_duplicateFeatureOrClassNames_areRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ArrayNode) m.get("feature_names"))
        .set(2, m.get("feature_names").get(1)))),
        "model.feature_names: \"" , "appears twice (names 2 and 3)");
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ArrayNode) m.get("class_names"))
        .set(1, m.get("class_names").get(0)))),
        "model.class_names: \"red\" appears twice (names 1 and 2)");
  }

  @Test
  void load_nanWeight_isRejected() throws Exception {
    long n = ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] bad = valid.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + (int) n + 4, Float.NaN);
    rejected(Fixtures.resealed(bad), "tensor \"dense0.weight\" holds NaN at element 1");
  }

  /** An untrained model of {@code spec} with the given widths and names (no standardizer). */
  private static Model untrained(ModelSpec spec, int inputs, int outputs, List<String> features,
      List<String> classes) {
    return new Model(spec, spec.architecture().build(inputs, outputs, spec.initializer(),
        new dev.tikhonov.tensor.Rng(1), new dev.tikhonov.tensor.Rng(2)), features, classes,
        java.util.Optional.empty());
  }

  private static List<String> names(int count, int length) {
    List<String> out = new java.util.ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      String n = "feature_" + j + "_";
      out.add(n + "x".repeat(length - n.length()));
    }
    return out;
  }

  @Test
  void save_65HiddenLayers_isRefusedWithTheLimit_64RoundTrip() throws Exception {
    Integer[] widths = new Integer[65];
    Arrays.fill(widths, 2);
    ModelSpec deep = ModelSpec.parse("mlp:" + String.join(",", Arrays.stream(widths)
        .map(String::valueOf).toList()), 0, Family.GAUSSIAN);
    Path file = dir.resolve("deep.safetensors");
    InputException e = assertThrows(InputException.class, () -> ModelFile.save(
        untrained(deep, 3, 1, List.of("a", "b", "c"), List.of()), file, Map.of()));
    assertEquals(file + ": cannot save a network of 65 hidden layers; a model file holds at"
        + " most 64 (the loader's limit)", e.getMessage());
    assertTrue(!Files.exists(file), "nothing written");

    ModelSpec limit = ModelSpec.parse("mlp:" + String.join(",", Arrays.stream(widths)
        .skip(1).map(String::valueOf).toList()), 0, Family.GAUSSIAN);
    Model m = untrained(limit, 3, 1, List.of("a", "b", "c"), List.of());
    ModelFile.save(m, file, Map.of());
    Model back = ModelFile.load(file);
    assertEquals(64, back.spec().architecture().hidden().size());
    Matrix x = Matrix.of(1, 3, 0.5f, -1f, 2f);
    assertArrayEquals(m.predict(x).toArray(), back.predict(x).toArray(), 0f);
  }

  /**
   * 40,000 features: names of 400 characters make a header just under the loader's 16 MiB and
   * round-trip; 420 characters would not load, so saving refuses with the numbers.
   */
  @Test
  void save_headerOverTheLoaderLimit_isRefused_justUnderRoundTrips() throws Exception {
    ModelSpec linear = ModelSpec.parse("linear", 0, Family.MULTINOMIAL);
    Path file = dir.resolve("wide.safetensors");
    Model fits = untrained(linear, 40_000, 1, names(40_000, 400), List.of());
    ModelFile.save(fits, file, Map.of());
    long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8)
        .order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertTrue(headerLength > 15L << 20 && headerLength <= 16L << 20, "near the limit: " + headerLength);
    assertEquals(fits.featureNames(), ModelFile.load(file).featureNames());

    Path big = dir.resolve("wider.safetensors");
    InputException e = assertThrows(InputException.class, () -> ModelFile.save(
        untrained(linear, 40_000, 1, names(40_000, 420), List.of()), big, Map.of()));
    assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(big + ": cannot save: the"
        + " header would take ") + "1[0-9]{7} bytes \\(40000 feature names of 16800000"
        + " characters in all, 0 class names, the provenance\\) but the loader reads headers of"
        + " at most 16777216 bytes \\(16 MiB\\)"), e.getMessage());
    assertTrue(!Files.exists(big), "nothing written");
  }

  @Test
  void load_standardizerScaleSubnormal_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ArrayNode) m.get("standardizer")
        .get("scale")).set(1, 4.9e-324))), "bad.safetensors: model.standardizer: feature 2 has"
        + " mean ", " and scale 4.9E-324, so (x − mean)/scale reaches Infinity for |x| ≤ 1e6,"
        + " beyond float32 (3.4e38); expected scale ≥ ");
  }

  @Test
  void load_standardizerMeanBeyondFloat_isRejected() throws Exception {
    rejected(Fixtures.withHeader(valid, h -> edit(h, m -> ((ArrayNode) m.get("standardizer")
        .get("mean")).set(0, 1e308))), "bad.safetensors: model.standardizer: feature 1 has mean"
        + " 1.0E308 and scale ");
  }

  @Test
  void load_weightOf3e38_isRejected() throws Exception {
    long n = ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] bad = valid.clone();
    // dense0.weight is [5, 8]: element 9 is row 1, column 1 (0-based), so output 2
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + (int) n + 4 * 9, 3e38f);
    rejected(Fixtures.resealed(bad), "bad.safetensors: tensor \"dense0.weight\": output 2 sums |w| to 3.0",
        "so inputs within ±1e6 reach 3.0", "predictions stay finite");
  }

  @Test
  void save_modelWithNumbersTheLoaderRefuses_isRefused() throws Exception {
    Model m = ModelFile.read(valid, "v").model();
    Path file = dir.resolve("refused.safetensors");
    double[] scale = m.standardizer().orElseThrow().scale();
    scale[0] = 1e-40;
    Model tinyScale = new Model(m.spec(), m.network(), m.featureNames(), m.classNames(),
        java.util.Optional.of(new dev.tikhonov.data.Standardizer(
            m.standardizer().orElseThrow().mean(), scale)));
    InputException e = assertThrows(InputException.class,
        () -> ModelFile.save(tinyScale, file, Map.of()));
    assertTrue(e.getMessage().startsWith(file + ": cannot save: model.standardizer: feature 1"
        + " has mean "), e.getMessage());
    m.network().parameters().get(0).value().put(0, 3e38f);
    e = assertThrows(InputException.class, () -> ModelFile.save(m, file, Map.of()));
    assertTrue(e.getMessage().startsWith(file + ": cannot save: tensor \"dense0.weight\": output 1"
        + " sums |w| to "), e.getMessage());
    m.network().parameters().get(1).value().put(0, Float.NaN);
    m.network().parameters().get(0).value().put(0, 0f);
    e = assertThrows(InputException.class, () -> ModelFile.save(m, file, Map.of()));
    assertEquals(file + ": cannot save: tensor \"dense0.bias\" holds NaN at element 0; weights"
        + " must be finite", e.getMessage());
    assertTrue(!Files.exists(file), "nothing written");
  }

  /**
   * The fuzz seeds: the valid ones load, every other one is refused, and none records a
   * checksum, so that mutations reach the checks after them (see CheckpointSeeds.unsealed).
   */
  @Test
  void fuzzSeedCorpus_validFilesLoad_otherFilesAreRejected() throws Exception {
    Path seeds = Path.of("src/test/resources/dev/tikhonov/io/ModelFileFuzzTestInputs/load");
    try (var files = Files.list(seeds)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertTrue(!new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains("_crc32"), f + " records a checksum");
        if (f.getFileName().toString().startsWith("valid-")) {
          Model m = ModelFile.read(bytes, f.toString()).model();
          assertTrue(m.predict(Matrix.zeros(1, m.network().inputSize())).allFinite());
        } else {
          assertThrows(InputException.class, () -> ModelFile.read(bytes, f.toString()),
              f.toString());
        }
      }
    }
  }

  private static void edit(ObjectNode header, java.util.function.Consumer<ObjectNode> change) {
    try {
      ObjectNode m = Fixtures.modelEntry(header);
      change.accept(m);
      Fixtures.setModelEntry(header, m);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
