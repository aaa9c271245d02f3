package dev.tikhonov.internal.data;

import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a file so that readers never see it half-written: the bytes go to a temporary file in
 * the same directory, which is forced to disk and then renamed over the target. A crash leaves
 * either the old file or the new one, never a torn one. A file that cannot be written is an
 * {@link InputException} naming it and the reason (the CLI reports it in one line). Its only
 * state is the set of temporary files being written (below):
 * concurrent writes to different files are independent; concurrent writes to the same file each go
 * through their own temporary file, so the last rename wins and no reader sees a mix. A target
 * that exists and is neither a regular file nor a directory (a device such as /dev/null, a
 * named pipe, a socket) is written in place: it cannot be replaced atomically, and renaming over
 * it would replace the device or pipe with a file. An open file descriptor (/dev/stdout,
 * /dev/stderr, /dev/fd/N, /proc/self/fd/N) is written in place too, to its open file, whatever
 * that is (a file under a shell's {@code >} or {@code >>}, a pipe): its link is not followed as
 * a path. A target that is a symbolic
 * link (even a dangling one) is written where the link points, atomically there: renaming over
 * the link would have replaced the link with a file and left its target as it was. The
 * directory a link points into must exist: missing directories are made along the path given
 * only, never where a link points. A process
 * stopped in the middle of a write leaves the old file and its temporary file, named
 * {@code .TARGET.PID.N.tmp} (TARGET cut where the whole would pass 255 bytes); a program that
 * calls {@link #deleteTemporaryFilesOnShutdown()} (the CLI does) leaves none
 * after SIGINT or SIGTERM (Ctrl-C, {@code kill}): its shutdown hook deletes them (SIGKILL runs
 * no hook). That is a program's choice, not the library's: after the hook has run, writes wait
 * for the JVM to halt, which would keep an application's own shutdown hook that saves a model
 * from saving it. The set of those files is concurrent, so this class stays safe to call from
 * several threads.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Deletes, when the JVM shuts down (SIGINT, SIGTERM, System.exit), the temporary files being
   * written, so a stopped program leaves the old targets and nothing beside them; from then on,
   * writes wait for the JVM to halt instead of leaving a new temporary file or a message after
   * the program's last line. For a program's main that owns its JVM (the CLI's), not for a
   * library, nor for the Spark jobs, whose driver JVM may be shared (Livy, notebooks): a write
   * in another shutdown hook would wait forever. Idempotent.
   */
  public static void deleteTemporaryFilesOnShutdown() {
    InFlight.install();
  }

  /**
   * The temporary files being written, deleted by a shutdown hook when the JVM is stopped
   * mid-write (a Ctrl-C during {@code --save} of a large model used to leave its
   * {@code .m.model.PID.N.tmp} behind). Holder class: the hook is registered with the first
   * write, not by every program that loads this class.
   */
  private static final class InFlight {
    static final java.util.Set<Path> FILES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Guards {@link #closing}, the creation of temporary files and the renames. */
    static final Object LOCK = new Object();
    /**
     * Set by the hook. The writing threads run on while the JVM shuts down (its other hooks
     * may take a while), so a write that began after the hook had deleted the files, or whose
     * file the hook deleted, left a new temporary file (a checkpoint's, a run killed between
     * two epochs) or printed its failed rename after the run's last line. From then on a
     * write waits for the JVM to halt.
     */
    static volatile boolean closing;

    /** Whether {@link #install} has added the hook. Guarded by LOCK. */
    private static boolean installed;

    static void install() {
      synchronized (LOCK) {
        if (installed) {
          return;
        }
        installed = true;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        synchronized (LOCK) {
          closing = true;
          for (Path tmp : FILES) {
            try {
              // the writing thread's rename then fails, and the old target stays
              Files.deleteIfExists(tmp);
            } catch (IOException e) {
              // the JVM is exiting; a file that cannot be deleted stays, as after SIGKILL
            }
          }
        }
      }, "tikhonov-temporary-files"));
    }

    /** Creates {@code tmp} (new) for writing, unless the JVM is shutting down. */
    static java.nio.channels.FileChannel create(Path tmp) throws IOException {
      synchronized (LOCK) {
        if (!closing) {
          FILES.add(tmp);
          return java.nio.channels.FileChannel.open(tmp,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
        }
      }
      return waitForHalt();
    }

    /** Renames {@code tmp} over {@code target}, unless the JVM is shutting down. */
    static void rename(Path tmp, Path target) throws IOException {
      synchronized (LOCK) {
        if (!closing) {
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
          return;
        }
      }
      waitForHalt();
    }

    /** Blocks the calling thread until the JVM, which is shutting down, halts. */
    static <T> T waitForHalt() {
      while (true) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          // the JVM halts when its hooks are done; nothing here is to be written
        }
      }
    }
  }

  /**
   * Writer of the temporary file's content. Need not be thread-safe: {@code write} calls it
   * once, on the calling thread.
   */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  public static void write(Path target, Content content) {
    target = throughLinks(target, "file");
    if (Files.isDirectory(target)) {
      // before a temporary file is made beside it, in the directory's parent
      throw new InputException(target + ": is a directory; cannot write a file there");
    }
    if (isDescriptor(target)) {
      toDescriptor(target, content);
      return;
    }
    if (isSpecial(target)) {
      // APPEND: a device or pipe has no end to write at, but a file behind it would
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(target,
          java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND))) {
        content.writeTo(out);
      } catch (IOException e) {
        throw cannotWrite(target, e);
      }
      return;
    }
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // Not Files.createTempFile: that makes the file owner-only (0600) instead of following
      // the umask, and the renamed file would keep those permissions.
      Path tmp = dir.resolve(temporaryName(target.getFileName().toString()));
      try {
        try (var channel = InFlight.create(tmp);
            var out = new java.io.BufferedOutputStream(
                java.nio.channels.Channels.newOutputStream(channel))) {
          content.writeTo(out);
          out.flush();
          channel.force(true);
        }
        InFlight.rename(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
        InFlight.FILES.remove(tmp);
      }
    } catch (IOException e) {
      if (InFlight.closing) {
        InFlight.waitForHalt(); // the hook deleted its file: no message after the run's last
      }
      throw cannotWrite(target, e);
    }
  }

  /** Most file systems' limit on the bytes of one name (NAME_MAX of ext4, XFS, Btrfs, tmpfs). */
  private static final int NAME_MAX = 255;

  /** Linux's limit on the bytes of a path given to the kernel, its final NUL included. */
  private static final int PATH_MAX = 4096;

  /**
   * Room kept, in a directory's path, for the names that a run writes in it: its deepest file,
   * "charts/l1-ratio-cv-curves.svg", as a temporary file ".NAME.PID.NANOS.tmp" is about 60 bytes.
   */
  private static final int ROOM_IN_DIRECTORY = 100;

  /**
   * Refuses, before any work, a path of more bytes than the operating system takes (each name
   * may be short): a --out or --save of 25 folders of 200 bytes failed only when the first file
   * was written, after the work ("cannot write the file: File name too long"). {@code room} is
   * what the names written below {@code path} add to it (0 for a file).
   */
  private static void requirePathFits(Path path, int room, Path shown, String what) {
    int length = bytes(path.toAbsolutePath().normalize().toString());
    if (length + room >= PATH_MAX) {
      throw new InputException(shown + ": cannot write the " + what + " there: its path is "
          + length + " bytes long" + (room > 0 ? ", and with the names of the files written in"
              + " it more" : ", more") + " than the operating system takes in a path ("
          + (PATH_MAX - 1) + " bytes on Linux); give a shorter path");
    }
  }

  /**
   * ".NAME.PID.N.tmp", with NAME cut (at a character) so that the whole stays within
   * {@link #NAME_MAX} bytes: a target of 230 to 255 bytes, which the file system takes, failed
   * with "File name too long" for its temporary file, after the run's work.
   */
  static String temporaryName(String name) {
    String suffix = "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp";
    int room = NAME_MAX - 1 - bytes(suffix);
    String cut = name;
    while (bytes(cut) > room) {
      cut = cut.substring(0, cut.offsetByCodePoints(0, cut.codePointCount(0, cut.length()) - 1));
    }
    return "." + cut + suffix;
  }

  private static int bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Refuses, before any work, a name among {@code names} (parts of a path that do not exist
   * yet, below the existing directory {@code existing}) that the file system there does not
   * take: a probe of as many bytes is made and deleted in {@code existing}. A --save or --out of
   * 260 bytes failed only after the run's work, with "File name too long".
   */
  private static void requireNamesFit(Path existing, List<String> names, Path shown,
      String what) {
    String longest = names.stream().max(java.util.Comparator.comparingInt(AtomicFiles::bytes))
        .orElse("");
    int length = bytes(longest);
    if (length <= 64) {
      return; // the probe of requireCanWriteIn is as long
    }
    String prefix = ".tikhonov-";
    String suffix = ".probe";
    Path probe = existing.resolve(prefix + "x".repeat(Math.max(0, length - prefix.length()
        - suffix.length())) + suffix);
    try {
      Files.createFile(probe);
      Files.delete(probe);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // a probe of another run: the name fits
    } catch (IOException e) {
      // by the length too: the reason is the C library's text, translated in some locales
      // ("Dateiname zu lang")
      if (length > NAME_MAX || e instanceof java.nio.file.FileSystemException f
          && f.getReason() != null && f.getReason().contains("too long")) {
        String start = longest.codePointCount(0, longest.length()) > 40
            ? longest.substring(0, longest.offsetByCodePoints(0, 40)) + "…" : longest;
        throw new InputException(shown + ": cannot write the " + what + " there: the name \""
            + start + "\" is " + length + " bytes long, more than the file system takes in one"
            + " name (" + NAME_MAX + " bytes on most); give a shorter name", e);
      }
      // any other reason is requireCanWriteIn's to report
    }
  }

  /**
   * "TARGET: cannot write the file: permission denied" for a refused write (in the file's
   * directory, where the temporary file goes), "… P is a file, not a directory" when a parent
   * path is a file, else the file system's reason, or the exception's type and message.
   */
  private static InputException cannotWrite(Path target, IOException e) {
    return new InputException(target + ": cannot write the file: " + reason(e), e);
  }

  /**
   * Why the file system refused an operation, in words: "permission denied", "P is a file, not
   * a directory" (making a file's directory), the file system's reason, a plain IOException's
   * message (the operating system's words, e.g. "No space left on device"), else the
   * exception's type and message. The one wording of every "cannot read" and "cannot write" message.
   */
  public static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof java.nio.file.FileAlreadyExistsException f && f.getFile() != null) {
      return f.getFile() + " is a file, not a directory";
    } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    } else if (e instanceof java.nio.file.FileSystemException f) {
      // NIO's own types carry no reason, only the path; say what their type means
      return fileSystemReason(f) + (f.getFile() == null ? "" : " (" + f.getFile()
          + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ")");
    } else if (e.getClass() == IOException.class && e.getMessage() != null) {
      // A plain IOException from a stream carries the operating system's words ("No space
      // left on device", "Input/output error"); its type would only add Java to them.
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The operating system's words for a {@link java.nio.file.FileSystemException}'s type. */
  private static String fileSystemReason(java.nio.file.FileSystemException f) {
    if (f instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    } else if (f instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    } else if (f instanceof java.nio.file.DirectoryNotEmptyException) {
      return "directory not empty";
    } else if (f instanceof java.nio.file.FileAlreadyExistsException) {
      return "file exists";
    } else if (f instanceof java.nio.file.NotLinkException) {
      return "not a symbolic link";
    } else if (f instanceof java.nio.file.FileSystemLoopException) {
      return "too many levels of symbolic links";
    }
    return "the file system refused";
  }

  /**
   * Checks, before any long work and creating nothing, that {@code file} can be written later:
   * it is not a directory, no parent path is a file, and its directory can be created and
   * written in ({@link #requireCanWriteIn}). An
   * {@link InputException} names the path, {@code what} it is for, and the problem.
   */
  public static void requireWritable(Path file, String what) {
    requireDotDotFollowable(file, file, what);
    Path absolute = throughLinks(file, what).toAbsolutePath().normalize();
    requirePathFits(absolute, 0, file, what);
    if (Files.isDirectory(absolute)) {
      throw new InputException(file + ": is a directory; the " + what + " must be a file path");
    }
    for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        throw new InputException(file + ": " + p + " is a file, not a directory; cannot write the "
            + what + " there");
      }
    }
    if (isDescriptor(absolute)) {
      if (!Files.exists(absolute)) {
        throw new InputException(file + ": no file descriptor of that number is open; cannot"
            + " write the " + what + " there");
      }
      return;
    }
    if (isSpecial(absolute)) {
      if (!Files.isWritable(absolute)) {
        throw new InputException(file + ": cannot write the " + what + " there (not writable)");
      }
      return;
    }
    if (!Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Path existing = existingAncestor(absolute.getParent());
      List<String> names = new java.util.ArrayList<>();
      existing.relativize(absolute).forEach(n -> names.add(n.toString()));
      requireNamesFit(existing, names, file, what);
    }
    requireCanWriteIn(absolute.getParent(), 0, file, what); // the file's path fits (above)
  }

  /** The nearest ancestor of the absolute, normalized {@code path} that is a directory. */
  private static Path existingAncestor(Path path) {
    Path existing = path;
    while (existing.getParent() != null && !Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    return existing;
  }

  /**
   * Refuses a {@code path} with ".." after a directory that does not exist ("new/../m.model"
   * with no "new"): the checks here compare normalized paths, for which "new/.." is nothing,
   * but the operating system follows each name and fails at "new", so the write failed only
   * after the work. An {@link InputException} names {@code shown}, the missing directory and
   * {@code what} the path is for.
   */
  private static void requireDotDotFollowable(Path path, Path shown, String what) {
    Path absolute = path.toAbsolutePath();
    for (int i = 1; i < absolute.getNameCount(); i++) {
      if (absolute.getName(i).toString().equals("..")) {
        Path before = absolute.getRoot().resolve(absolute.subpath(0, i));
        if (!Files.isDirectory(before)) {
          throw new InputException(shown + ": " + before + " is not a directory, so the \"..\""
              + " after it cannot be followed; cannot write the " + what + " there");
        }
      }
    }
  }

  /**
   * Checks, creating nothing, that files can be written in {@code dir} or, when it does not
   * exist yet, that it can be created: a temporary file is made and deleted in its nearest
   * existing ancestor (a failed run leaves no empty folder behind; the directory appears with
   * the first file written), and its path, with room for the names of a run's files below it,
   * is within the operating system's limit. The caller has checked that no part of the path is
   * a file. An {@link InputException} names {@code shown}, {@code what} it is for, and the
   * reason.
   */
  public static void requireCanWriteIn(Path dir, Path shown, String what) {
    requireCanWriteIn(dir, ROOM_IN_DIRECTORY, shown, what);
  }

  /** The same, with {@code room} bytes kept in the path for the names below {@code dir}. */
  private static void requireCanWriteIn(Path dir, int room, Path shown, String what) {
    requireDotDotFollowable(dir, shown, what);
    requirePathFits(dir, room, shown, what);
    Path existing = dir.toAbsolutePath().normalize();
    while (!Files.isDirectory(existing)) {
      if (Files.isSymbolicLink(existing)) {
        throw new InputException(brokenLink(existing, shown) + "; cannot write the " + what
            + " there");
      }
      existing = existing.getParent();
    }
    List<String> names = new java.util.ArrayList<>();
    existing.relativize(dir.toAbsolutePath().normalize()).forEach(n -> names.add(n.toString()));
    requireNamesFit(existing, names, shown, what);
    try {
      Path probe = Files.createTempFile(existing, ".tikhonov-", ".probe");
      Files.delete(probe);
    } catch (IOException e) {
      // In words, naming the directory: the exception's own text is the probe file's name
      // ("NoSuchFileException: /proc/.tikhonov-4137621696893141484.probe"), a file the user
      // never asked for.
      String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
              ? f.getReason() : "no file can be created in it";
      throw new InputException(shown + ": cannot write the " + what + " there (" + existing
          + ": " + why + ")", e);
    }
  }

  /**
   * "SHOWN: LINK is a broken symbolic link (a symbolic link to T, which does not exist)", or
   * for a loop the words of an input's loop ("SHOWN: too many levels of symbolic links (a
   * symbolic link loop: SHOWN → B → SHOWN)"): a loop as a run's --out was called broken.
   * {@code link} is absolute; it is shown as given when it is {@code shown} itself.
   */
  private static String brokenLink(Path link, Path shown) {
    boolean given = link.equals(shown.toAbsolutePath().normalize());
    String how = dev.tikhonov.data.DataFiles.danglingLink(given ? shown : link);
    if (how.startsWith(" (a symbolic link loop")) {
      return shown + ": " + (given ? "" : link + ": ") + "too many levels of symbolic links"
          + how;
    }
    return shown + ": " + link + " is a broken symbolic link" + how;
  }

  /**
   * Refuses, before any work, an output that would replace an input: {@code output} (given as
   * {@code outputFlag}, e.g. "--out") and {@code input} ({@code inputFlag}, e.g. "--data") name
   * the same file or directory once symbolic links, "." and ".." are resolved. An
   * {@link InputException}: "--out a.csv is the --data file; give another path". A null input
   * is no input and passes.
   */
  public static void requireNotInput(Path output, String outputFlag, Path input,
      String inputFlag) {
    if (input == null || !sameFile(output, input)) {
      return;
    }
    throw new InputException(outputFlag + " " + output + " is the " + inputFlag + " "
        + (Files.isDirectory(input) ? "directory" : "file") + "; give another path");
  }

  /**
   * Whether {@code a} and {@code b} name the same file: the same real path (links, "." and ".."
   * resolved, as far as the path exists) or, when both exist, {@link Files#isSameFile}.
   */
  public static boolean sameFile(Path a, Path b) {
    if (realPath(a).equals(realPath(b))) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@code path} with symbolic links, "." and ".." resolved: the real path of its longest
   * existing prefix (after following a link at its end, as {@link #write} does), with the part
   * that does not exist yet appended.
   */
  public static Path realPath(Path path) {
    Path absolute = throughLinks(path).toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException e) {
      return absolute;
    }
  }

  /**
   * The file {@code target}'s links end at, to be written as {@code what} ("model file
   * (--save)"): a link whose end lies in a directory that does not exist is refused, naming the
   * link. Writing through a link writes the file it names (as a shell's {@code >} does, and
   * into an existing directory even when the file is not there yet), but folders are made only
   * along a path given, never where a link points: as root, a link to /nonexistent/zzz made
   * /nonexistent and wrote there, and a shell's {@code >} fails.
   */
  private static Path throughLinks(Path target, String what) {
    Path end = throughLinks(target);
    Path dir = end.toAbsolutePath().normalize().getParent();
    if (Files.isSymbolicLink(target) && dir != null && !Files.isDirectory(dir)) {
      throw new InputException(target + ": is a symbolic link to " + end + ", whose directory "
          + dir + " does not exist; cannot write the " + what + " there (no directory is made"
          + " where a link points: create it, or give another path)");
    }
    return end;
  }

  /**
   * The file a chain of symbolic links ends at (the path itself when it is no link; at most 40
   * links, as the kernel allows): the link stays, what it points to is written.
   */
  private static Path throughLinks(Path target) {
    Path p = target;
    try {
      for (int hops = 0; Files.isSymbolicLink(p) && !isDescriptor(p); hops++) {
        if (hops == 40) {
          throw new InputException(target + ": too many levels of symbolic links"
              + dev.tikhonov.data.DataFiles.danglingLink(target));
        }
        p = p.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(p));
      }
    } catch (IOException e) {
      throw new InputException(target + ": cannot follow the symbolic link (" + reason(e) + ")",
          e);
    }
    return p;
  }

  /** A descriptor's directory: /proc/PID/fd or /proc/PID/task/TID/fd, as real paths. */
  private static final java.util.regex.Pattern DESCRIPTORS =
      java.util.regex.Pattern.compile("/proc/(\\d+)(/task/\\d+)?/fd");

  /**
   * Whether {@code path} names an open file descriptor: an entry of /proc/self/fd (also
   * /proc/PID/fd, /proc/thread-self/fd, and /dev/fd, a link to /proc/self/fd; /dev/stdout links
   * to one). Its link is no path to follow: its text is the name the file had when it was
   * opened, or "pipe:[N]", and what it stands for is the descriptor's open file, which is
   * written in place ({@link #toDescriptor}). Following the text replaced the file behind
   * {@code --out /dev/stdout >> log.txt} by a new one (its earlier lines lost), and refused a
   * pipe ({@code | head}) as "/proc/self/fd: no file can be created in it".
   */
  private static boolean isDescriptor(Path path) {
    Path parent = path.toAbsolutePath().getParent();
    if (parent == null) {
      return false;
    }
    try {
      return DESCRIPTORS.matcher(parent.toRealPath().toString()).matches();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Writes {@code content} to the open file of the descriptor {@code path}, in place. This
   * process's standard output and error (descriptors 1 and 2) are written through the very
   * descriptor, as a shell's {@code >} and {@code >>} opened it: at its offset, and at the end
   * of the file under {@code >>}, so that what the process and the shell write after it follows.
   * Another descriptor is opened again, to append: reopening it to write from its start would
   * overwrite a file's earlier lines. A pipe whose reader stopped early ({@code | head -1})
   * has all it wanted, as for {@code --out -}: no error.
   */
  private static void toDescriptor(Path path, Content content) {
    if (!Files.exists(path)) {
      throw new InputException(path + ": no file descriptor of that number is open; cannot"
          + " write the file there");
    }
    java.io.FileDescriptor own = ownStandardDescriptor(path);
    try {
      if (own != null) {
        (own == java.io.FileDescriptor.out ? System.out : System.err).flush();
        // not closed: that would close the process's standard output or error
        var out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(own));
        content.writeTo(out);
        out.flush();
      } else {
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(path,
            java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND))) {
          content.writeTo(out);
        }
      }
    } catch (IOException e) {
      if (!Files.isRegularFile(path) && "Broken pipe".equals(e.getMessage())) {
        return; // the reader closed the pipe: it wanted no more
      }
      throw cannotWrite(path, e);
    }
  }

  /** FileDescriptor.out or .err when {@code path} is this process's descriptor 1 or 2. */
  private static java.io.FileDescriptor ownStandardDescriptor(Path path) {
    try {
      var m = DESCRIPTORS.matcher(path.toAbsolutePath().getParent().toRealPath().toString());
      if (!m.matches() || Long.parseLong(m.group(1)) != ProcessHandle.current().pid()) {
        return null;
      }
    } catch (IOException | NumberFormatException e) {
      return null;
    }
    String n = path.getFileName().toString();
    return n.equals("1") ? java.io.FileDescriptor.out
        : n.equals("2") ? java.io.FileDescriptor.err : null;
  }

  /** An existing device, named pipe or socket: written in place, never replaced. */
  private static boolean isSpecial(Path target) {
    return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
  }

  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
