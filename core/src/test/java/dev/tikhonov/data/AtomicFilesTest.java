package dev.tikhonov.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.internal.data.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  /**
   * A model or predictions file given as a symbolic link is written where the link points, and
   * the link stays: the rename used to replace the link with a regular file and leave its target
   * as it was (red-team).
   */
  @Test
  void write_throughASymbolicLink_writesItsTargetAndKeepsTheLink() throws Exception {
    Path target = Files.writeString(dir.resolve("real.model"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.model"), target.getFileName());
    Path second = Files.createSymbolicLink(dir.resolve("chain.model"), link.getFileName());
    AtomicFiles.requireWritable(second, "model file");
    AtomicFiles.writeString(second, "new");
    assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(second), "the links stay");
    assertEquals("new", Files.readString(target));
  }

  /**
   * Writing over a directory is refused by name, before a temporary file is made in the
   * directory's parent: the message used to be the rename's, naming that temporary file
   * ("FileSystemException: /.x.tmp -> /tmp: Is a directory").
   */
  @Test
  void write_overADirectory_isRefusedByName_andLeavesNothingBeside() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("out"));
    InputException e = assertThrows(InputException.class,
        () -> AtomicFiles.writeString(folder, "x"));
    assertEquals(folder + ": is a directory; cannot write a file there", e.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(folder), files.toList(), "no temporary file left");
    }
  }

  /**
   * A name of 250 bytes, which the file system takes, is written: its temporary file
   * ".NAME.PID.N.tmp" was longer than 255 bytes, and the write failed with "File name too long"
   * after the run's work.
   */
  @Test
  void write_aNameNearTheFileSystemsLimit_isWritten() throws Exception {
    Path target = dir.resolve("ü".repeat(120) + "x.model"); // 247 bytes in UTF-8
    AtomicFiles.requireWritable(target, "model file (--save)");
    AtomicFiles.writeString(target, "model");
    assertEquals("model", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(target), files.toList(), "no temporary file left");
    }
  }

  /**
   * A path longer than Linux takes, of names that each fit (25 of 200 bytes): --save and a run's
   * --out failed only when their first file was written, after the work ("cannot write the
   * file: File name too long"). A directory keeps room for the names of the files below it.
   */
  @Test
  void requireWritable_aPathLongerThanTheSystemTakes_isRefusedBeforeTheWork() {
    Path file = pathOfLength(dir, 4100, 'd');
    InputException e = assertThrows(InputException.class,
        () -> AtomicFiles.requireWritable(file, "model file (--save)"));
    assertEquals(file + ": cannot write the model file (--save) there: its path is 4100 bytes"
        + " long, more than the operating system takes in a path (4095 bytes on Linux); give a"
        + " shorter path", e.getMessage());
    Path run = pathOfLength(dir, 4050, 'r');
    InputException out = assertThrows(InputException.class,
        () -> AtomicFiles.requireCanWriteIn(run, run, "output directory"));
    assertEquals(run + ": cannot write the output directory there: its path is 4050 bytes long,"
        + " and with the names of the files written in it more than the operating system takes"
        + " in a path (4095 bytes on Linux); give a shorter path", out.getMessage());
    // a file whose path fits is not refused for the room its directory would keep
    AtomicFiles.requireWritable(pathOfLength(dir, 4050, 'f'), "model file (--save)");
  }

  /** {@code base}/nnn…/nnn… of exactly {@code length} bytes, in names of at most 200 bytes. */
  private static Path pathOfLength(Path base, int length, char letter) {
    Path path = base.toAbsolutePath();
    int left = length - path.toString().length();
    while (left > 0) {
      int name = left - 1 > 200 + 1 ? 200 : left - 1;
      path = path.resolve(String.valueOf(letter).repeat(name));
      left -= name + 1;
    }
    assertEquals(length, path.toString().length());
    return path;
  }

  /**
   * A name longer than the file system takes (--save, predict --out, a run's --out, or a folder
   * on the way) is refused by the check before the work, naming it and its length: it failed
   * only when the file was written, after the work ("cannot write the file: File name too
   * long").
   */
  @Test
  void requireWritable_aNameLongerThanTheFileSystemTakes_isRefusedBeforeTheWork() {
    String name = "a".repeat(260) + ".model";
    Path file = dir.resolve(name);
    InputException e = assertThrows(InputException.class,
        () -> AtomicFiles.requireWritable(file, "model file (--save)"));
    assertEquals(file + ": cannot write the model file (--save) there: the name \""
        + "a".repeat(40) + "…\" is 266 bytes long, more than the file system takes in one name"
        + " (255 bytes on most); give a shorter name", e.getMessage());

    Path under = dir.resolve("new").resolve(name).resolve("m.model");
    InputException folder = assertThrows(InputException.class,
        () -> AtomicFiles.requireWritable(under, "model file (--save)"));
    assertTrue(folder.getMessage().startsWith(under + ": cannot write the model file (--save)"
        + " there: the name \"aaaa"), folder.getMessage());

    Path run = dir.resolve("b".repeat(256));
    InputException out = assertThrows(InputException.class,
        () -> AtomicFiles.requireCanWriteIn(run, run, "output directory"));
    assertTrue(out.getMessage().contains("is 256 bytes long"), out.getMessage());
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(), files.toList(), "the checks create nothing");
    } catch (java.io.IOException x) {
      throw new AssertionError(x);
    }
  }

  /** A write under a plain file names the target and the file in the way. */
  @Test
  void write_underAFile_saysTheFileSystemsReason() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    InputException e = assertThrows(InputException.class,
        () -> AtomicFiles.writeString(file.resolve("child.model"), "x"));
    assertEquals(file.resolve("child.model") + ": cannot write the file: " + file
        + " is a file, not a directory", e.getMessage());
  }

  /** A dangling link is written where it points: the file appears there. */
  @Test
  void write_throughADanglingLink_createsItsTarget() throws Exception {
    Files.createDirectories(dir.resolve("models"));
    Path link = Files.createSymbolicLink(dir.resolve("m.model"), Path.of("models/m1.model"));
    AtomicFiles.writeString(link, "fresh");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("fresh", Files.readString(dir.resolve("models/m1.model")));
  }

  /**
   * A link into a directory that does not exist is refused, before the work and at the write,
   * and no directory is made where it points: as root, '--save dangle' with dangle a link to
   * /nonexistent/zzz made /nonexistent and wrote the model there (red-team).
   */
  @Test
  void aLinkIntoADirectoryThatDoesNotExist_isRefusedAndNothingIsMadeThere() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("dangle"), dir.resolve("gone/zzz"));
    String message = link + ": is a symbolic link to " + dir.resolve("gone/zzz") + ", whose"
        + " directory " + dir.resolve("gone") + " does not exist; cannot write the %s there (no"
        + " directory is made where a link points: create it, or give another path)";
    InputException checked = assertThrows(InputException.class,
        () -> AtomicFiles.requireWritable(link, "model file (--save)"));
    assertEquals(String.format(message, "model file (--save)"), checked.getMessage());
    InputException written = assertThrows(InputException.class,
        () -> AtomicFiles.writeString(link, "x"));
    assertEquals(String.format(message, "file"), written.getMessage());
    assertTrue(!Files.exists(dir.resolve("gone")), "no directory made through the link");
    // a path given without links still gets its directories
    AtomicFiles.writeString(dir.resolve("made/m.model"), "x");
    assertEquals("x", Files.readString(dir.resolve("made/m.model")));
  }

  /** A link loop is an InputException naming the path, not a hang or a stack overflow. */
  @Test
  void write_throughALinkLoop_isAnInputException() throws Exception {
    Path a = dir.resolve("a");
    Files.createSymbolicLink(a, Path.of("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
    InputException e = assertThrows(InputException.class, () -> AtomicFiles.writeString(a, "x"));
    assertTrue(e.getMessage().startsWith(a + ": too many levels of symbolic links"),
        e.getMessage());
  }

  /**
   * A link loop as a run's directory (ridge --out LOOP, or a folder below it) was "LOOP is a
   * broken symbolic link", while as an input or --save it is named a loop with its chain.
   */
  @Test
  void requireCanWriteIn_aLinkLoop_isNamedALoop_asForAnInput() throws Exception {
    Path a = dir.resolve("a");
    Files.createSymbolicLink(a, Path.of("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
    InputException run = assertThrows(InputException.class,
        () -> AtomicFiles.requireCanWriteIn(a, a, "output directory"));
    assertEquals(a + ": too many levels of symbolic links (a symbolic link loop: " + a + " → b"
        + " → a); cannot write the output directory there", run.getMessage());
    Path below = a.resolve("sub");
    InputException sub = assertThrows(InputException.class,
        () -> AtomicFiles.requireCanWriteIn(below, below, "output directory"));
    assertEquals(below + ": " + a + ": too many levels of symbolic links (a symbolic link loop: "
        + a + " → b → a); cannot write the output directory there", sub.getMessage());
    Path dangling = Files.createSymbolicLink(dir.resolve("d"), Path.of("nowhere"));
    Path under = dangling.resolve("sub");
    InputException broken = assertThrows(InputException.class,
        () -> AtomicFiles.requireCanWriteIn(under, under, "output directory"));
    assertEquals(under + ": " + dangling + " is a broken symbolic link (a symbolic link to"
        + " nowhere, which does not exist); cannot write the output directory there",
        broken.getMessage());
  }

  /**
   * A full disk is named in the operating system's words: a write to Linux's /dev/full fails as
   * a real full disk does, with a plain IOException, which the messages used to show as
   * "cannot write the file: IOException: No space left on device".
   */
  @Test
  void reason_ofAFullDisk_isTheSystemsWords() throws Exception {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> {
      try (var out = Files.newOutputStream(full)) {
        out.write(new byte[1 << 16]);
        out.flush();
      }
    });
    assertEquals("No space left on device", AtomicFiles.reason(e));
  }

  /**
   * A process stopped by SIGTERM ({@code kill}) or SIGINT (Ctrl-C) in the middle of a write keeps
   * the old file and leaves no temporary file beside it: the red team's {@code train --save
   * m.model} of a large network, stopped while saving, left {@code .m.model.PID.N.tmp} of
   * 100 kB in the model's folder. A child JVM writes through a content that stops halfway.
   * SIGTERM only: SIGINT runs the same shutdown hook, but a JVM started with SIGINT ignored (a
   * background job of a non-interactive shell, as a build may be) keeps it ignored.
   */
  @Test
  void write_stoppedBySigterm_keepsTheOldFile_andLeavesNoTemporaryFile() throws Exception {
    String signal = "TERM";
    Path target = Files.writeString(dir.resolve(signal + ".model"), "old");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        StoppedMidWrite.class.getName(), target.toString())
        .redirectErrorStream(true).start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("writing", out.readLine(), "the child reached the middle of its write");
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(1, java.util.concurrent.TimeUnit.MINUTES), signal + " stops it");
    assertEquals("old", Files.readString(target), signal);
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(), files.filter(f -> f.toString().endsWith(".tmp"))
          .toList(), signal + ": temporary files left");
    }
  }

  /**
   * Writes that go on while the JVM shuts down leave no temporary file either. The writing
   * threads run on during the shutdown hooks, so a write that began after this class's hook had
   * deleted the temporary files left its own: a checkpoint's (tikhonov train --checkpoint-every
   * 1 killed between two epochs left {@code .checkpoint.safetensors.PID.N.tmp}). A child JVM
   * writes small files in a loop on its main thread, with a slow hook of its own (as the
   * native libraries' or the CLI's), and is stopped by SIGTERM.
   */
  @Test
  void write_inALoopStoppedBySigterm_leavesNoTemporaryFile() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        WritingInALoop.class.getName(), dir.resolve("loop.json").toString())
        .redirectErrorStream(true).start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("writing", out.readLine());
    Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(1, java.util.concurrent.TimeUnit.MINUTES));
    assertEquals("", new String(p.getInputStream().readAllBytes()).strip(), "nothing printed");
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(), files.filter(f -> f.toString().endsWith(".tmp"))
          .toList(), "temporary files left");
    }
  }

  /**
   * A library user's own shutdown hook can still save: the hook that deletes temporary files,
   * and makes later writes wait for the JVM to halt, is a program's choice
   * ({@link AtomicFiles#deleteTemporaryFilesOnShutdown}), not installed by using the class. When
   * it was, an application's hook that saved a model at exit waited forever and the JVM never
   * stopped. A child JVM writes once, exits, and its hook writes again 300 ms later.
   */
  @Test
  void write_inAnApplicationsShutdownHook_completes() throws Exception {
    Path target = dir.resolve("at-exit.model");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        SavingAtExit.class.getName(), target.toString())
        .redirectErrorStream(true).start();
    boolean ended = p.waitFor(1, java.util.concurrent.TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    assertTrue(ended, "the JVM stopped");
    assertEquals("saved at exit", Files.readString(target));
  }

  /** The child of the test above: a program that saves a file from its own shutdown hook. */
  public static final class SavingAtExit {
    public static void main(String[] args) {
      Path target = Path.of(args[0]);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        AtomicFiles.writeString(target, "saved at exit");
      }));
      AtomicFiles.writeString(target, "saved");
      System.exit(0);
    }
  }

  /** The child of the test above: writes a small file again and again until it is stopped. */
  public static final class WritingInALoop {
    public static void main(String[] args) {
      AtomicFiles.deleteTemporaryFilesOnShutdown(); // as the CLI's main
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      AtomicFiles.writeString(Path.of(args[0]), "{}");
      System.out.println("writing");
      System.out.flush();
      while (true) {
        AtomicFiles.writeString(Path.of(args[0]), "{\"epoch\": 1}");
      }
    }
  }

  /** The child of the test above: writes half a file, says so, and waits to be stopped. */
  public static final class StoppedMidWrite {
    public static void main(String[] args) {
      AtomicFiles.deleteTemporaryFilesOnShutdown(); // as the CLI's main
      AtomicFiles.write(Path.of(args[0]), out -> {
        out.write(new byte[100_000]);
        out.flush();
        System.out.println("writing");
        System.out.flush();
        try {
          Thread.sleep(600_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  /**
   * The file system's refusals reach the user in words, never as a Java type's name: saving into
   * /proc said "cannot write the file: NoSuchFileException: /proc/.m.model….tmp" (redteam40).
   * Each exception is provoked for real.
   */
  @Test
  void reason_ofTheFileSystemsRefusals_isWords_notAJavaTypeName() throws Exception {
    java.util.List<java.io.IOException> refusals = new java.util.ArrayList<>();
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("inside.txt"), "x");
    for (IoAction a : new IoAction[] {
        () -> Files.newDirectoryStream(file).close(), // NotDirectoryException
        () -> Files.delete(full), // DirectoryNotEmptyException
        () -> Files.createFile(file), // FileAlreadyExistsException
        () -> Files.readString(dir.resolve("missing.txt")), // NoSuchFileException
    }) {
      try {
        a.run();
      } catch (java.io.IOException e) {
        refusals.add(e);
      }
    }
    assertEquals(4, refusals.size(), "each action is refused: " + refusals);
    for (java.io.IOException e : refusals) {
      String reason = AtomicFiles.reason(e);
      assertTrue(!reason.contains("Exception"), reason);
    }
    if (Files.isDirectory(Path.of("/proc/self"))) {
      InputException e = assertThrows(InputException.class,
          () -> AtomicFiles.writeString(Path.of("/proc/m.model"), "x"));
      assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
    }
  }

  private interface IoAction {
    void run() throws java.io.IOException;
  }
}
