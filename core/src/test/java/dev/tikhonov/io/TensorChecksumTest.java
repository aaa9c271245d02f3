package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.io.LinearModelFile;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.train.Model;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files and checkpoints record the CRC-32 of their data section: a byte changed in a
 * tensor after writing is refused naming the file, where it used to load and predict silently.
 */
class TensorChecksumTest {
  private static final String DAMAGED = "the tensors differ from what was written";
  private static Model mlp;
  private static byte[] network;
  private static byte[] linear;
  private static byte[] checkpoint;

  @BeforeAll
  static void write(@TempDir Path dir) throws Exception {
    SavedFiles saved = SavedFiles.write(dir);
    mlp = saved.mlp();
    network = saved.network();
    linear = saved.linear();
    checkpoint = saved.checkpoint();
  }

  private static long dataStart(byte[] file) {
    return 8 + ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static void assertDamaged(byte[] bytes, Function<byte[], ?> read, String kind) {
    InputException e = assertThrows(InputException.class, () -> read.apply(bytes));
    assertTrue(e.getMessage().startsWith("copy.safetensors: " + DAMAGED), e.getMessage());
    assertTrue(e.getMessage().contains("a damaged copy? Copy the " + kind + " again"),
        e.getMessage());
  }

  @Test
  void save_recordsTheCrc32OfTheDataSection_asZlibComputesIt() throws Exception {
    for (byte[] file : List.of(network, linear, checkpoint)) {
      int start = (int) dataStart(file);
      CRC32 crc = new CRC32(); // java.util.zip.CRC32 is zlib's (Python's zlib.crc32)
      crc.update(file, start, file.length - start);
      assertEquals(String.format("%08x", crc.getValue()), Fixtures.header(file)
          .get("__metadata__").get(SafeTensors.CHECKSUM_KEY).textValue());
    }
  }

  @Test
  void load_untouchedFiles_load() {
    Dataset x = Fixtures.blobs(20, 3);
    assertArrayEquals(mlp.predict(x.features()).toArray(),
        ModelFile.read(network, "copy.safetensors").model().predict(x.features()).toArray());
    assertEquals(-2.0, LinearModelFile.read(linear, "copy.safetensors").coefficients()[0][1]);
    CheckpointFile.read(checkpoint, "copy.safetensors");
  }

  @Test
  void load_networkWithItsLastByteFlipped_isRefusedNamingTheFile() {
    byte[] bad = Fixtures.withFlippedByte(network, network.length - 1);
    assertDamaged(bad, b -> ModelFile.read(b, "copy.safetensors"), "model file");
    // the first weight's byte too: every byte after the header counts
    assertDamaged(Fixtures.withFlippedByte(network, dataStart(network)),
        b -> ModelFile.read(b, "copy.safetensors"), "model file");
  }

  @Test
  void load_linearModelWithAByteFlipped_isRefusedNamingTheFile() {
    byte[] bad = Fixtures.withFlippedByte(linear, dataStart(linear) + 13);
    assertDamaged(bad, b -> LinearModelFile.read(b, "copy.safetensors"), "model file");
  }

  @Test
  void read_checkpointWithAByteFlipped_isRefusedNamingTheFile() {
    byte[] bad = Fixtures.withFlippedByte(checkpoint, checkpoint.length - 3);
    assertDamaged(bad, b -> CheckpointFile.read(b, "copy.safetensors"), "checkpoint");
    assertDamaged(Fixtures.withFlippedByte(checkpoint, dataStart(checkpoint) + 100),
        b -> CheckpointFile.read(b, "copy.safetensors"), "checkpoint");
  }

  /** The header is guarded by its own checks, which keep their messages. */
  @Test
  void load_byteFlippedInTheHeaderJson_keepsTheHeadersMessage() {
    byte[] bad = network.clone();
    bad[8] = '['; // the header's opening brace
    InputException e = assertThrows(InputException.class,
        () -> ModelFile.read(bad, "copy.safetensors"));
    assertEquals("copy.safetensors: header does not start with '{'; not a safetensors file",
        e.getMessage());
    byte[] quote = network.clone();
    quote[9] = '}'; // {"__metadata__"… becomes {}__metadata__"…
    e = assertThrows(InputException.class, () -> ModelFile.read(quote, "copy.safetensors"));
    assertTrue(e.getMessage().startsWith("copy.safetensors: header is not well-formed JSON"),
        e.getMessage());
  }

  @Test
  void load_checksumThatIsNoCrc_isRefusedNamingTheKey() throws Exception {
    byte[] bad = Fixtures.withHeader(network, h -> ((ObjectNode) h.get("__metadata__"))
        .put(SafeTensors.CHECKSUM_KEY, "sha256:0"));
    InputException e = assertThrows(InputException.class,
        () -> ModelFile.read(bad, "copy.safetensors"));
    assertEquals("copy.safetensors: __metadata__ \"data_crc32\" is \"sha256:0\"; expected the"
        + " CRC-32 of the tensors' bytes as 8 hex digits", e.getMessage());
  }

  /** Files written before the checksum have none: they load, unchecked, as they did. */
  @Test
  void load_filesWithoutTheChecksum_loadAsBefore() throws Exception {
    Function<byte[], byte[]> strip = f -> {
      try {
        return Fixtures.withHeader(f,
            h -> ((ObjectNode) h.get("__metadata__")).remove(SafeTensors.CHECKSUM_KEY));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    byte[] old = strip.apply(network);
    assertFalse(Fixtures.header(old).get("__metadata__").has(SafeTensors.CHECKSUM_KEY));
    Dataset x = Fixtures.blobs(20, 3);
    assertArrayEquals(mlp.predict(x.features()).toArray(),
        ModelFile.read(old, "old.safetensors").model().predict(x.features()).toArray());
    LinearModelFile.read(strip.apply(linear), "old.safetensors");
    CheckpointFile.read(strip.apply(checkpoint), "old.safetensors");
  }
}
