package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overwriting a saved model keeps the old one until the new one is whole: Spark's MLWriter
 * deleted the directory first, so a save that failed midway lost both.
 */
class SafeOverwriteTest {
  /** Writes {@code text} into {@code dir}/part, as a save's files. */
  private static void write(String dir, String text) {
    try {
      Path d = Path.of(java.net.URI.create(dir));
      Files.createDirectories(d);
      Files.writeString(d.resolve("part"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (var list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aSaveThatFailsMidway_leavesTheOldModelAndNoSibling(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("model");
    Files.createDirectories(model);
    Files.writeString(model.resolve("part"), "old");
    IllegalStateException failure = new IllegalStateException("executor lost");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> SafeOverwrite.save(model.toString(), new Configuration(), d -> {
          write(d, "half");
          throw failure;
        }));
    assertSame(failure, thrown);
    assertEquals("old", Files.readString(model.resolve("part")));
    assertEquals(List.of("model"), names(dir));
  }

  @Test
  void aWholeSave_replacesTheOldModel_andLeavesNoSibling(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("model");
    Files.createDirectories(model);
    Files.writeString(model.resolve("part"), "old");
    Files.writeString(model.resolve("stale"), "a file the new save does not write");
    SafeOverwrite.save(model.toString(), new Configuration(), d -> write(d, "new"));
    assertEquals("new", Files.readString(model.resolve("part")));
    assertEquals(List.of("part"), names(model), "the old save's files are gone");
    assertEquals(List.of("model"), names(dir));
    // and where nothing was saved before
    SafeOverwrite.save(dir.resolve("fresh").toString(), new Configuration(),
        d -> write(d, "first"));
    assertEquals("first", Files.readString(dir.resolve("fresh").resolve("part")));
    assertEquals(List.of("fresh", "model"), names(dir));
  }
}
