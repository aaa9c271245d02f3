package dev.tikhonov.io;

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
    assertArrayEquals(mlp.featureMean(), saved.model().featureMean());
    assertArrayEquals(mlp.featureScale(), saved.model().featureScale());
    assertEquals(mlp.spec(), new ModelSpec(saved.model().spec().architecture(),
        saved.model().spec().task(), mlp.spec().initializer()));
    assertEquals(0.25, saved.model().spec().architecture().dropout());
    assertEquals(5, saved.provenance().get("seed"));
    assertEquals(Map.of("test_accuracy", 0.9), saved.provenance().get("metrics"));
    assertTrue(saved.provenance().containsKey("tikhonov_version"));
  }

  @Test
  void save_linearRegressionWithoutStandardizer_roundTrips() {
    var data = Synthetic.makeRegression(120, 4, 3, 0.1, 3);
    Dataset train = data.data();
    Model linear = Training.fit(ModelSpec.parse("linear", 0, true), train, null, null,
        new TrainConfig(5, 16, 1, Penalty.l2(0.01), Optimizers.sgd(0.05), 0),
        TrainingListener.none(), null, null).model();
    Path file = dir.resolve("linear.safetensors");
    ModelFile.save(linear, file, Map.of());
    Model back = ModelFile.load(file);
    assertNull(back.featureMean());
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

  @Test
  void load_fileShorterThanEightBytes_isRejected() {
    rejected(new byte[5], "shorter than the 8-byte header length");
  }

  @Test
  void load_truncatedFile_isRejected() {
    rejected(Arrays.copyOf(valid, valid.length - 7), "dense2.bias", "outside the data section");
  }

  @Test
  void load_trailingBytes_areRejected() {
    rejected(Fixtures.concat(valid, new byte[4]), "trailing bytes");
  }

  @Test
  void load_headerLengthBeyondFile_isRejected() {
    rejected(Fixtures.withHeaderLength(valid, valid.length), "header length", "out of range");
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
    rejected(Fixtures.withHeaderText(shorter, Fixtures.JSON.writeValueAsString(h)),
        "tensor \"dense2.bias\" is missing");
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

  @Test
  void load_nanWeight_isRejected() {
    long n = ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] bad = valid.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + (int) n + 4, Float.NaN);
    rejected(bad, "tensor \"dense0.weight\" holds NaN at element 1");
  }

  @Test
  void fuzzSeedCorpus_validFilesLoad_otherFilesAreRejected() throws Exception {
    Path seeds = Path.of("src/test/resources/dev/tikhonov/io/ModelFileFuzzTestInputs/load");
    try (var files = Files.list(seeds)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
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
