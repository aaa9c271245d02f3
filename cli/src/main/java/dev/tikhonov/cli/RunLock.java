package dev.tikhonov.cli;

import dev.tikhonov.data.DataFiles;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run at a time per output directory: two runs given the same --out wrote their files
 * into it at once, and it ended holding some of each (one run's history beside the other's
 * metrics and report). A run takes an operating-system lock ({@link FileChannel#tryLock}) on a
 * file named after the directory's real path, under the temporary directory, not in the
 * output directory: the run directory still appears only with its first file (so a run refused
 * before writing leaves nothing), and a lock dies with its process, so a killed run leaves no
 * stale lock to detect. Best effort: where no lock file can be made (no temporary directory),
 * the run goes on unlocked, as before. The lock folder must be this user's; one that others may
 * write in is made owner-only ({@link #unsafeFolder}); another user's folder, or one that cannot
 * be made owner-only, leaves the run unlocked with a warning.
 *
 * <p>Thread-safe. A command's thread may take its directory again (train --resume runs the
 * stored command in the same thread); {@link #releaseAll} ends the command's locks.
 */
final class RunLock {
  private RunLock() {}

  /** A lock this process holds, and the thread of the command that took it. */
  private record Held(FileChannel channel, FileLock lock, Thread owner) {}

  private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();

  /** The lock file of the run directory {@code dir}, by its real path ("." and links resolved). */
  static Path lockFile(Path dir) {
    String real = AtomicFiles.realPath(dir).toString();
    return Path.of(System.getProperty("java.io.tmpdir"), "tikhonov-locks-" + userName(),
        DataFiles.sha256(real.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".lock");
  }

  /**
   * The user's name, or "uid1234" for a user whom the password database does not know (Java's
   * user.name is then "?", one folder name for every such user).
   */
  private static String userName() {
    String name = System.getProperty("user.name", "?");
    if (!name.equals("?")) {
      return name;
    }
    try {
      return "uid" + Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | RuntimeException e) {
      return name;
    }
  }

  /**
   * Locks {@code dir} for this command, or refuses it (an InputException naming the flag, the
   * directory and the process that holds it) when another run holds it now.
   */
  static void acquire(Path dir) {
    acquire(dir, "--out " + dir, "wait for it to end, or give another --out (two runs in one"
        + " directory would mix their files)");
  }

  /**
   * Locks the run directory {@code dir} for {@code report DIR}, which rewrites its report.html,
   * charts and run.json: drawn while a run was at work there, it read the earlier run's files
   * and could write its charts after the run's own. Refused as {@link #acquire(Path)} refuses
   * a run, in the report's words.
   */
  static void acquireForReport(Path dir) {
    acquire(dir, dir.toString(), "wait for it to end (a run draws its report when it ends): a"
        + " report drawn meanwhile would read some of the earlier run's files and could replace"
        + " the run's report with theirs");
  }

  private static void acquire(Path dir, String named, String remedy) {
    Path file;
    try {
      file = lockFile(dir);
      Optional<String> unsafe = unsafeFolder(file.getParent());
      if (unsafe.isPresent()) {
        System.err.println("tikhonov: warning: " + unsafe.get() + ", so this run takes no lock"
            + " on " + named + " (the lock that keeps two runs out of one directory);"
            + " remove that folder, or give Java another temporary directory (TMPDIR)");
        return;
      }
    } catch (IOException | RuntimeException e) {
      return; // best effort: the checks of the directory itself report what is wrong with it
    }
    Held held = HELD.get(file);
    if (held != null && held.owner() == Thread.currentThread()) {
      return;
    }
    FileChannel channel;
    try {
      // A link where the lock file goes can only have been put there while the folder was
      // writable by others (unsafeFolder has made it owner-only since): removed, not followed.
      if (Files.isSymbolicLink(file)) {
        Files.delete(file);
      }
      // NOFOLLOW_LINKS: a link made between the check and the open is refused, not followed
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return;
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // another command of this process (a thread of its own) holds it
    } catch (IOException e) {
      close(channel);
      return;
    }
    if (lock == null) {
      String holder = holder(file);
      close(channel);
      throw new InputException(named + ": another tikhonov run" + holder + " is writing this"
          + " directory now; " + remedy);
    }
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      // the process id is only for the message of a refused run
    }
    HELD.put(file, new Held(channel, lock, Thread.currentThread()));
  }

  /**
   * Makes the lock folder (owner-only, 0700) when it is not there, and says why it may not be
   * used when it is: the lock file is opened for writing and truncated, so a folder that
   * another user made (in the shared /tmp, before this user's first run) could hold a link
   * named after a run directory that points at one of this user's files, and the run would
   * overwrite that file with its process id; and a folder that others may write in takes such
   * links at any time, so this user's folder is made owner-only (a link already there is
   * removed by {@link #acquire}). Where the file system has no POSIX owners and modes, nothing to
   * check.
   */
  static Optional<String> unsafeFolder(Path folder) throws IOException {
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(folder.getParent());
      try {
        if (posix) {
          Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(folder);
        }
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another run made it at the same time: checked below as any existing folder
      }
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(folder + " is not a directory");
    }
    if (!posix) {
      return Optional.empty();
    }
    PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS);
    // The process's user is the owner of /proc/self (Linux); elsewhere the one named user.name.
    Path self = Path.of("/proc/self");
    UserPrincipal me = Files.exists(self) ? Files.getOwner(self)
        : folder.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    if (!attributes.owner().equals(me)) {
      return Optional.of(folder + " belongs to " + attributes.owner().getName() + ", not to "
          + me.getName());
    }
    Set<PosixFilePermission> modes = attributes.permissions();
    if (modes.contains(PosixFilePermission.GROUP_WRITE)
        || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
      // This user's folder, made by an earlier version under a umask of 002 (0775, Debian's
      // and Ubuntu's user-private groups) or by hand: made owner-only, as a new one is.
      try {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      } catch (IOException e) {
        return Optional.of(folder + " may be written by other users (mode "
            + PosixFilePermissions.toString(modes) + ") and cannot be made owner-only ("
            + e.getMessage() + ")");
      }
    }
    return Optional.empty();
  }

  /** Releases the locks that this thread's command took (the command has ended). */
  static void releaseAll() {
    HELD.entrySet().removeIf(e -> {
      if (e.getValue().owner() != Thread.currentThread()) {
        return false;
      }
      close(e.getValue().channel()); // releases the lock with it
      return true;
    });
  }

  /** " (process 1234)" from the lock file, or "" when it holds no process id. */
  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.matches("[0-9]{1,19}") ? " (process " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written through it that matters
    }
  }
}
