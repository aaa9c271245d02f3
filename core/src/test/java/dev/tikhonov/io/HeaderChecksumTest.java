package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.io.HeaderChecksum;
import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.train.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files and checkpoints record the CRC-32 of their header's entries (header_crc32): an
 * edit of a standardizer scale's digit, a class name or a tensor shape is refused naming the
 * file, where the first two loaded and predicted otherwise without a word.
 */
class HeaderChecksumTest {
  private static final String EDITED = "the header differs from what was written";
  private static SavedFiles saved;

  @BeforeAll
  static void write(@TempDir Path dir) throws Exception {
    saved = SavedFiles.write(dir);
  }

  private static void assertEdited(byte[] bytes, Function<byte[], ?> read, String kind) {
    InputException e = assertThrows(InputException.class, () -> read.apply(bytes));
    assertTrue(e.getMessage().matches("copy\\.safetensors: " + EDITED + " \\(the CRC-32 of its"
        + " metadata and tensor entries is [0-9a-f]{8}, the " + kind + " records [0-9a-f]{8}\\):"
        + " edited since, or a damaged copy\\? Copy the " + kind + " again from where it was"
        + " written"), e.getMessage());
  }

  private static ModelFile.SavedModel readNetwork(byte[] b) {
    return ModelFile.read(b, "copy.safetensors");
  }

  /** The "model" entry of a file changed by {@code edit}, by hand: its checksums kept. */
  private static byte[] modelEditedByHand(byte[] file, Consumer<ObjectNode> edit)
      throws Exception {
    return Fixtures.editedByHand(file, h -> {
      try {
        ObjectNode model = Fixtures.modelEntry(h);
        edit.accept(model);
        Fixtures.setModelEntry(h, model);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void save_recordsTheHeadersCrc32_asTheDocsDefineIt() throws Exception {
    for (byte[] file : List.of(saved.network(), saved.linear(), saved.checkpoint())) {
      ObjectNode h = Fixtures.header(file);
      assertEquals(Fixtures.headerCrc32(h),
          h.get("__metadata__").get(HeaderChecksum.KEY).textValue());
    }
  }

  /** docs/model-files.md's example, whose sum Python's zlib.crc32 gave. */
  @Test
  void header_ofTheDocsExample_hasTheDocsSum() throws Exception {
    SafeTensors.Writer w = new SafeTensors.Writer()
        .add("w", dev.tikhonov.tensor.Matrix.zeros(2, 3), 2, 3);
    byte[] header = w.header(new java.util.LinkedHashMap<>(Map.of("format_version", "1",
        "format", "tikhonov-model")));
    assertEquals("f6033f73", Fixtures.header(header).get("__metadata__")
        .get(HeaderChecksum.KEY).textValue());
  }

  @Test
  void load_savedFiles_roundTrip() {
    Dataset x = Fixtures.blobs(20, 3);
    Model back = readNetwork(saved.network()).model();
    assertArrayEquals(saved.mlp().predict(x.features()).toArray(),
        back.predict(x.features()).toArray());
    assertEquals(saved.mlp().classNames(), back.classNames());
    assertArrayEquals(saved.mlp().standardizer().orElseThrow().scale(),
        back.standardizer().orElseThrow().scale());
    assertEquals(List.of("no", "yes"),
        LinearModelFile.read(saved.linear(), "copy.safetensors").classNames());
    CheckpointFile.read(saved.checkpoint(), "copy.safetensors");
  }

  /** One digit of a standardizer scale, changed in the file's bytes (it predicted otherwise). */
  @Test
  void load_scaleDigitEditedInTheBytes_isRefusedNamingTheFile() throws Exception {
    byte[] bad = saved.network().clone();
    String text = new String(bad, StandardCharsets.ISO_8859_1); // one char per byte
    int at = text.indexOf("\\\"scale\\\":[") + "\\\"scale\\\":[".length();
    at += 1 + (text.charAt(at) == '-' ? 1 : 0); // past the first digit: "10.0…" becomes "11.0…"
    while (!Character.isDigit(text.charAt(at))) {
      at++;
    }
    bad[at] = (byte) (bad[at] == '9' ? '8' : bad[at] + 1);
    assertEdited(bad, HeaderChecksumTest::readNetwork, "model file");
  }

  @Test
  void load_classNameEdited_isRefusedNamingTheFile() throws Exception {
    assertEdited(modelEditedByHand(saved.network(), m -> ((ArrayNode) m.get("class_names")).set(0,
        "rot")), HeaderChecksumTest::readNetwork, "model file");
    assertEdited(modelEditedByHand(saved.linear(), m -> ((ArrayNode) m.get("class_names")).set(1,
        "ja")), b -> LinearModelFile.read(b, "copy.safetensors"), "model file");
  }

  /** Rows and columns swapped: offsets stay consistent, so only the shape says it. */
  @Test
  void load_tensorShapeEdited_isRefusedNamingTheFile() throws Exception {
    assertEdited(Fixtures.editedByHand(saved.network(), h -> ((ArrayNode) h.get("dense0.weight")
        .get("shape")).set(0, 8).set(1, 5)), HeaderChecksumTest::readNetwork, "model file");
  }

  @Test
  void read_checkpointHeaderEdited_isRefusedNamingTheFile() throws Exception {
    // a stored flag, and a key the reader ignores: both loaded
    assertEdited(Fixtures.editedByHand(saved.checkpoint(), h -> ((ObjectNode) h.get("__metadata__"))
        .put("note", "edited")), b -> CheckpointFile.read(b, "copy.safetensors"),
        "checkpoint");
    assertEdited(Fixtures.editedByHand(saved.checkpoint(), h -> {
      ObjectNode meta = (ObjectNode) h.get("__metadata__");
      meta.put("settings", meta.get("settings").textValue().replace("\"2\"", "\"3\""));
    }), b -> CheckpointFile.read(b, "copy.safetensors"), "checkpoint");
  }

  /** What the header says, not how it is spelled: spacing and key order are free. */
  @Test
  void load_headerRewrittenWithOtherSpacingAndOrder_loads() throws Exception {
    ObjectNode h = Fixtures.header(saved.network());
    ObjectNode reordered = Fixtures.JSON.createObjectNode();
    List<String> names = new java.util.ArrayList<>();
    h.fieldNames().forEachRemaining(names::add);
    java.util.Collections.reverse(names);
    names.forEach(n -> reordered.set(n, h.get(n)));
    String pretty = Fixtures.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(reordered);
    Dataset x = Fixtures.blobs(5, 3);
    assertArrayEquals(saved.mlp().predict(x.features()).toArray(), readNetwork(
        Fixtures.withHeaderText(saved.network(), pretty)).model().predict(x.features()).toArray());
  }

  @Test
  void load_headerChecksumThatIsNoCrc_isRefusedNamingTheKey() throws Exception {
    byte[] bad = Fixtures.editedByHand(saved.network(), h -> ((ObjectNode) h.get("__metadata__"))
        .put(HeaderChecksum.KEY, "0x12345678"));
    InputException e = assertThrows(InputException.class, () -> readNetwork(bad));
    assertEquals("copy.safetensors: __metadata__ \"header_crc32\" is \"0x12345678\"; expected"
        + " the CRC-32 of the header's entries as 8 hex digits", e.getMessage());
  }

  /**
   * Files written before header_crc32 (with data_crc32 since 2026-12-07, with neither before)
   * load as they did, and a header edit in them is left to the loader's own checks.
   */
  @Test
  void load_filesWithoutTheHeadersChecksum_loadAsBefore() throws Exception {
    Dataset x = Fixtures.blobs(20, 3);
    for (List<String> keys : List.of(List.of(HeaderChecksum.KEY),
        List.of(HeaderChecksum.KEY, SafeTensors.CHECKSUM_KEY))) {
      Consumer<ObjectNode> strip = h -> ((ObjectNode) h.get("__metadata__")).remove(keys);
      assertArrayEquals(saved.mlp().predict(x.features()).toArray(), readNetwork(
          Fixtures.editedByHand(saved.network(), strip)).model().predict(x.features()).toArray());
      LinearModelFile.read(Fixtures.editedByHand(saved.linear(), strip), "old.safetensors");
      CheckpointFile.read(Fixtures.editedByHand(saved.checkpoint(), strip), "old.safetensors");
    }
    byte[] renamed = modelEditedByHand(Fixtures.editedByHand(saved.network(),
        h -> ((ObjectNode) h.get("__metadata__")).remove(HeaderChecksum.KEY)),
        m -> ((ArrayNode) m.get("class_names")).set(0, "rot"));
    assertEquals("rot", readNetwork(renamed).model().classNames().get(0));
  }

  /**
   * A checkpoint whose key {@code header_crc32} has one bit flipped ("header_crc22") is refused:
   * checkpoints ignored keys they did not know, so it read as a file written before the
   * checksum, unchecked. A key added to an old file, without the checksum, is refused alike
   * (data_crc32's name flipped is an edit the header's checksum sees: that key is not its own).
   */
  @Test
  void read_checkpointWithAnUnknownMetadataKey_isRefusedNamingIt() throws Exception {
    byte[] flipped = Fixtures.editedByHand(saved.checkpoint(), h -> {
      ObjectNode meta = (ObjectNode) h.get("__metadata__");
      meta.set("header_crc22", meta.remove(HeaderChecksum.KEY));
    });
    InputException e = assertThrows(InputException.class,
        () -> CheckpointFile.read(flipped, "copy.safetensors"));
    assertEquals("copy.safetensors: __metadata__: unknown key \"header_crc22\"; expected format,"
        + " format_version, state, settings, data_crc32, header_crc32", e.getMessage());
    byte[] noted = Fixtures.editedByHand(saved.checkpoint(), h -> ((ObjectNode) h
        .get("__metadata__")).put("note", "x").remove(HeaderChecksum.KEY));
    e = assertThrows(InputException.class, () -> CheckpointFile.read(noted, "old.safetensors"));
    assertTrue(e.getMessage().startsWith("old.safetensors: __metadata__: unknown key \"note\""),
        e.getMessage());
  }

  /** The files the tests keep from earlier versions, which have no header_crc32, still load. */
  @Test
  void load_modelFilesKeptFromEarlierVersions_load() {
    for (String name : List.of("elasticnet-with-warm-start-lambdas.model",
        "labels-1.0-2.0.model")) {
      Path file = Path.of("src/test/resources/dev/tikhonov/estimate", name);
      LinearModelFile.read(file);
    }
  }
}
