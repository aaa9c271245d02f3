package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.io.ModelFile;
import dev.tikhonov.internal.io.SafeTensors;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.train.Model;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file read by an independent Python/numpy implementation of the safetensors layout
 * (test resource read_safetensors.py) gives the same tensors. Skipped only where python3 or numpy
 * is missing (checked by running {@code import numpy} on its own); once they are there, a file
 * the reader rejects fails the test, since that is the defect the test exists to catch.
 */
class PythonReaderTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  @TempDir Path dir;

  /** Whether python3 runs and imports numpy; the only reason to skip. */
  static void assumePythonWithNumpy() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "python3 not installed");
    Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy")
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    assertEquals(true, probe.waitFor(60, TimeUnit.SECONDS));
    assumeTrue(probe.exitValue() == 0, "python3 without numpy");
  }

  @Test
  void modelFile_readByNumpySafetensorsReader_sameTensorsAndMetadata() throws Exception {
    assumePythonWithNumpy();
    Path script = dir.resolve("read_safetensors.py");
    try (InputStream in = getClass().getResourceAsStream("read_safetensors.py")) {
      Files.copy(in, script);
    }
    Model model = Fixtures.trained("mlp:8,4", 0.1);
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(model, file, Map.of("seed", 5));
    Path errors = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString())
        .redirectError(errors.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "the independent reader rejected our file: "
        + Files.readString(errors) + out);
    JsonNode r = Fixtures.JSON.readTree(out);
    assertEquals(ModelFile.FORMAT, r.get("metadata").get("format").textValue());
    for (Parameter param : model.network().parameters()) {
      JsonNode t = r.get("tensors").get(param.name());
      assertEquals("float32", t.get("dtype").textValue(), param.name());
      double sum = 0;
      for (float v : param.value().toArray()) {
        sum += v;
      }
      assertEquals(sum, t.get("sum").asDouble(), 1e-9 * Math.max(1, Math.abs(sum)));
      assertEquals(param.value().at(0), (float) t.get("first").asDouble(), 0);
      int rank = param.isWeight() ? 2 : 1;
      assertEquals(rank, t.get("shape").size(), param.name());
    }
  }

  /** Runs read_safetensors.py on {@code file}: its exit code and output. */
  private Map.Entry<Integer, String> python(Path file) throws Exception {
    Path script = dir.resolve("read_safetensors.py");
    if (!Files.exists(script)) {
      try (InputStream in = getClass().getResourceAsStream("read_safetensors.py")) {
        Files.copy(in, script);
      }
    }
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    return Map.entry(p.exitValue(), out);
  }

  /**
   * The reader checks both checksums as docs/model-files.md defines them, from the spec alone:
   * it accepts what Java wrote (a network, a linear model of F64 tensors, a checkpoint of F32
   * and I32 ones, non-ASCII names among them), and refuses one header digit changed.
   */
  @Test
  void reader_checksOurChecksums_acceptsWhatJavaWrote_refusesAnEditedHeader()
      throws Exception {
    assumePythonWithNumpy();
    Path network = dir.resolve("m.safetensors");
    ModelFile.save(Fixtures.trained("mlp:3", 0), network, Map.of("données", "é€😀"));
    Path linear = dir.resolve("l.safetensors");
    dev.tikhonov.internal.io.LinearModelFile.save(
        new dev.tikhonov.internal.io.LinearModelFile.Contents(
            dev.tikhonov.loss.Family.BINOMIAL, 0.1, 1.0, new double[] {0.5},
            new double[][] {{1.5, -2.0}}, new double[] {1, 1}, new double[] {1, 2},
            java.util.List.of("größe", "z"), java.util.List.of("nein", "ja"), Map.of()), linear);
    Path checkpoint = dir.resolve("c.safetensors");
    Files.write(checkpoint, CheckpointSeeds.all(dir).get("valid-mlp-dropout-momentum"));
    // keys whose UTF-16 order (String.compareTo) is not their code point order: U+E000 sorts
    // after the surrogates of U+1F600 in UTF-16, before it in UTF-8 and in Python
    Path keys = dir.resolve("k.safetensors");
    SafeTensors.Writer w = new SafeTensors.Writer()
        .add("\uE000", dev.tikhonov.tensor.Matrix.zeros(1, 2), 1, 2)
        .add("\uD83D\uDE00", dev.tikhonov.tensor.Matrix.zeros(1, 1), 1);
    try (var out = Files.newOutputStream(keys)) {
      w.writeTo(out, w.header(new java.util.TreeMap<>(Map.of("\uE000", "a", "\uD83D\uDE00",
          "b", "z", "c", "ä", "d"))));
    }
    for (Path file : java.util.List.of(network, linear, checkpoint, keys)) {
      Map.Entry<Integer, String> r = python(file);
      assertEquals(0, r.getKey(), file + ": " + r.getValue());
      assertTrue(Fixtures.JSON.readTree(r.getValue()).get("metadata").has("header_crc32"),
          r.getValue());
    }
    // class "ja" becomes "jb": one byte of the header, which Java refuses too
    byte[] bytes = Files.readAllBytes(linear);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    bytes[text.indexOf("\\\"ja\\\"") + 3] = 'b';
    Files.write(linear, bytes);
    Map.Entry<Integer, String> r = python(linear);
    assertNotEquals(0, r.getKey(), r.getValue());
    assertTrue(r.getValue().contains("header_crc32 differs"), r.getValue());
  }

  /** The reader is no pushover: a file with a hole in its data section makes it fail. */
  @Test
  void reader_rejectsAFileThatBreaksTheLayout() throws Exception {
    assumePythonWithNumpy();
    Path script = dir.resolve("read_safetensors.py");
    try (InputStream in = getClass().getResourceAsStream("read_safetensors.py")) {
      Files.copy(in, script);
    }
    Path file = dir.resolve("m.safetensors");
    ModelFile.save(Fixtures.trained("logistic", 0), file, Map.of());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Fixtures.concat(bytes, new byte[] {0, 0, 0, 0}));
    Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    assertNotEquals(0, p.exitValue(), out);
    assertTrue(out.contains("data section not fully covered"), out);
  }
}
