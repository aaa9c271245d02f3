package dev.tikhonov.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.io.ModelFile;
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
