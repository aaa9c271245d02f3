package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.internal.data.AtomicFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redteam44: {@code --out /dev/stdout} (predict, export; any AtomicFiles target) follows
 * /dev/stdout → /proc/self/fd/1 → the link's text as if it were a path. Stdout redirected to a
 * file ({@code >> log.txt}): the file is replaced by rename, its earlier lines gone, and later
 * writes of the shell go to the orphaned inode. Stdout a pipe ({@code | head}): the link's text
 * is "pipe:[N]", so /proc/self/fd/pipe:[N] is taken for a new file and the probe of
 * /proc/self/fd refuses it: "cannot write the predictions file (--out) there (/proc/self/fd: no
 * file can be created in it)", while {@code --out -} and {@code --out /dev/null} work.
 * The descriptors here are this JVM's own, found in /proc/self/fd (Linux, as the CLI's users).
 */
class RedTeam44StdoutTest {

  /** What the /proc/self/fd entries point to now (a descriptor's number may be reused). */
  private static Set<String> links() throws IOException {
    Set<String> links = new HashSet<>();
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        try {
          links.add(Files.readSymbolicLink(p).toString());
        } catch (IOException gone) {
          // the listing's own descriptor, closed by now
        }
      }
    }
    return links;
  }

  /** The /proc/self/fd entry of an open descriptor whose link names {@code file}. */
  private static Path descriptorOf(Path file) throws IOException {
    Path real = file.toRealPath();
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        try {
          if (Files.readSymbolicLink(p).equals(real)) {
            return p;
          }
        } catch (IOException gone) {
          // the listing's own descriptor, closed by now
        }
      }
    }
    throw new AssertionError("no descriptor of " + real);
  }

  @Test
  void aFileOpenForAppendBehindAFdLink_keepsItsEarlierLines(@TempDir Path dir)
      throws IOException {
    Path log = dir.resolve("log.txt");
    Files.writeString(log, "EARLIER LOG LINE\n");
    Object before = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
    try (FileOutputStream shell = new FileOutputStream(log.toFile(), true)) {
      Path fd = descriptorOf(log); // as /dev/stdout is for `tikhonov … >> log.txt`
      AtomicFiles.writeString(fd, "prediction\n1.5\n");
    }
    assertEquals(before, Files.readAttributes(log, BasicFileAttributes.class).fileKey(),
        "the file behind the descriptor was replaced by another one");
    assertTrue(Files.readString(log, StandardCharsets.UTF_8).startsWith("EARLIER LOG LINE\n"),
        "the earlier lines are gone: " + Files.readString(log));
  }

  @Test
  void aPipeOrSocketBehindAFdLink_isWritable() throws IOException {
    Set<String> before = links();
    Pipe pipe = Pipe.open(); // as /dev/stdout is for `tikhonov predict … | head`
    try {
      Path sink = null;
      try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
        for (Path p : (Iterable<Path>) s::iterator) {
          try {
            String link = Files.readSymbolicLink(p).toString();
            if ((link.startsWith("pipe:") || link.startsWith("socket:"))
                && !before.contains(link)) {
              sink = p; // either end (a JDK's Pipe may be a socket pair, as stdout may be)
            }
          } catch (IOException gone) {
            // the listing's own descriptor
          }
        }
      }
      assertTrue(sink != null, "no new pipe or socket in /proc/self/fd");
      Path out = sink;
      assertDoesNotThrow(() -> AtomicFiles.requireWritable(out, "predictions file (--out)"));
    } finally {
      pipe.sink().close();
      pipe.source().close();
    }
  }
}
