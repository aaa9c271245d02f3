package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.data.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files an earlier run left in a run directory, as they were when this run opened it: only
 * when the directory's run.json names a {@link RunKind} (a run directory tikhonov wrote), and
 * only the files its run.json lists ({@code "files"}, {@link RunManifest}) that are still as
 * that run left them (size and SHA-256), inside the directory, and of the names that kind writes
 * ({@link RunKind#writes}); any other file is the user's and is never listed. A run.json of an
 * older tikhonov lists no files: its files of the kind's names are found by name
 * ({@link #unlisted()}) and only named, never removed. A run stopped before its run.json left
 * its files in run.json.partial instead, one group per run ({@link #stopped(Path)}): each group
 * is an earlier run of its own, by the same rules. Each file is kept with its identity (file
 * key, modification time, size): every run file is written by replacing it (a new file), so a
 * file still the same at the run's end is one this run did not rewrite, and would be read as
 * this run's. Not thread-safe.
 */
final class EarlierRun {
  private final Path dir;
  private final RunKind kind;
  /** Listed by run.json: removed at the end unless this run rewrote or kept them. */
  private final Map<Path, Stamp> files;
  /**
   * run.json lists no files (an older tikhonov), or not all ({@code "complete": false}, the
   * charts that {@code report} drew in the folder of an older run): the other files of its kind
   * are found by name ({@link #named}), and never removed.
   */
  private boolean unlisted;
  /** When {@link #unlisted}: the files of its kind by name that no list names, only named. */
  private final Map<Path, Stamp> named = new TreeMap<>();
  /** Entries of run.json's list that are not a file of the run in the directory: left alone. */
  private final List<String> refused;
  /**
   * Of {@link #refused}: entries that name, in another spelling ({@code ./path.csv},
   * {@code x/../path.csv}), a file of the run inside the directory, provably ({@link #alias}),
   * by that file's path.
   */
  private final Map<String, Path> aliases = new java.util.HashMap<>();
  /** Files this run took as its own ({@link #keep}), as they were at open. */
  private final Map<Path, Stamp> kept = new TreeMap<>();
  /** The list's entry of each listed file still as it was: carried into a record of a stop. */
  private final Map<Path, RunManifest.Entry> entries = new TreeMap<>();
  /** Read from {@value RunManifest#PARTIAL}: a run that was stopped before its end. */
  private final boolean stopped;

  private EarlierRun(Path dir, RunKind kind, Map<Path, Stamp> files, List<String> refused,
      boolean stopped) {
    this.dir = dir;
    this.kind = kind;
    this.files = files;
    this.refused = refused;
    this.stopped = stopped;
  }

  /** The earlier run in {@code dir}, or empty when it holds no run.json naming a kind. */
  static Optional<EarlierRun> in(Path dir) {
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson)) {
      return Optional.empty();
    }
    JsonNode json;
    Optional<RunKind> kind;
    try {
      json = JsonFiles.read(runJson);
      kind = RunKind.byId(json.path("kind").asText(""));
    } catch (InputException e) {
      // not a run.json this tikhonov wrote (or not readable): the folder is not known to be ours
      return Optional.empty();
    }
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    RunKind k = kind.get();
    boolean complete = json.path(RunManifest.COMPLETE).asBoolean(true);
    if (!json.has(RunManifest.FIELD) || !complete) {
      // an older tikhonov's run.json, or one whose list `report` began (it lists the charts it
      // drew): its other files are found by name, and only named
      Map<Path, Stamp> byName = ofKind(dir, k);
      byName.remove(Path.of("run.json"));
      byName.remove(Path.of("report.html"));
      byName.remove(Path.of(RunManifest.PARTIAL));
      EarlierRun older = json.has(RunManifest.FIELD)
          ? listed(dir, k, json.get(RunManifest.FIELD), false)
          : new EarlierRun(dir, k, new TreeMap<>(), List.of(), false);
      byName.keySet().removeAll(older.files.keySet());
      older.named.putAll(byName);
      older.unlisted = true;
      return Optional.of(older);
    }
    return Optional.of(listed(dir, k, json.get(RunManifest.FIELD), false));
  }

  /**
   * The runs that wrote into {@code dir} since its run.json and did not finish: one per group
   * of its {@value RunManifest#PARTIAL} ({@link RunManifest#groups}), each with the files of
   * its list still as that run left them. Empty when there is no such record.
   */
  static List<EarlierRun> stopped(Path dir) {
    List<EarlierRun> runs = new ArrayList<>();
    Path record = dir.resolve(RunManifest.PARTIAL);
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return runs;
    }
    JsonNode json;
    try {
      json = JsonFiles.read(record);
    } catch (InputException e) {
      return runs; // not readable, or not JSON: it narrows what is removed to nothing
    }
    for (JsonNode group : RunManifest.groups(json)) {
      Optional<RunKind> k = RunKind.byId(group.path("kind").asText(""));
      if (k.isPresent()) {
        runs.add(listed(dir, k.get(), group.path(RunManifest.FIELD), true));
      }
    }
    return runs;
  }

  /** The files of {@code list} (run.json's "files") that are a run's of {@code k}, unchanged. */
  private static EarlierRun listed(Path dir, RunKind k, JsonNode list, boolean stopped) {
    Path root = AtomicFiles.realPath(dir);
    Map<Path, Stamp> files = new TreeMap<>(); // in name order, for the message
    Map<Path, RunManifest.Entry> entries = new TreeMap<>();
    List<String> refused = new ArrayList<>();
    Map<String, Path> aliases = new java.util.HashMap<>();
    for (RunManifest.Entry e : RunManifest.parse(list, refused)) {
      Optional<Path> relative = ownFile(root, k, e.path());
      if (relative.isEmpty()) {
        refused.add(e.path());
        alias(root, k, e.path()).ifPresent(a -> aliases.put(e.path(), a));
      } else if (e.matches(root.resolve(relative.get()))) {
        // changed since (edited or replaced by the user, or by a run stopped before its end):
        // not as the run left it, so not known to be the run's any more
        Stamp.of(root.resolve(relative.get())).ifPresent(s -> {
          files.put(relative.get(), s);
          entries.put(relative.get(), e);
        });
      }
    }
    EarlierRun run = new EarlierRun(dir, k, files, List.copyOf(refused), stopped);
    run.entries.putAll(entries);
    run.aliases.putAll(aliases);
    return run;
  }

  /**
   * The file of the run that {@code path}, refused by {@link #ownFile} as not written as a
   * file's own path, names in another spelling ({@code ./path.csv}, {@code x/../path.csv}):
   * only when that is provable, the file's own path passing {@link #ownFile} and each folder
   * on the way that {@code path} spells ({@code x}) a folder inside {@code root} and no link
   * (through a link, {@code x/..} is the link's target's parent, not {@code root}). Empty
   * otherwise, and for a last name that is no name ({@code path.csv/.}, which no system opens).
   */
  private static Optional<Path> alias(Path root, RunKind kind, String path) {
    Optional<Path> named = RunManifest.lexical(path);
    if (named.isEmpty() || path.contains("\\")
        || ownFile(root, kind, named.get().toString()).isEmpty()) {
      return Optional.empty();
    }
    Path spelled = Path.of(path);
    Path at = root;
    for (int i = 0; i < spelled.getNameCount() - 1; i++) {
      String name = spelled.getName(i).toString();
      if (name.equals("..")) {
        at = at.getParent(); // of a folder reached through no link: its lexical parent
      } else if (!name.equals(".")) {
        at = at.resolve(name);
        if (Files.isSymbolicLink(at) || !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty();
        }
      }
    }
    String last = spelled.getFileName().toString();
    return last.equals(".") || last.equals("..") || !at.resolve(last)
        .equals(root.resolve(named.get())) ? Optional.empty() : named;
  }

  /**
   * {@code path} of a run.json's list as a path inside {@code root}, when it may be a file of
   * the run: one that names a file inside {@code root} ({@link RunManifest#lexical}: no NUL,
   * relative, not out by "..", not {@code root} itself), and, stricter since a run removes it,
   * written as that file's path ({@code ./a.csv} and {@code x/../a.csv} are refused), without
   * a backslash, of a name {@code kind} writes (not run.json or report.html, which every run
   * rewrites), a regular file reached through no link, and in no folder with a run.json of its
   * own (another run's).
   */
  private static Optional<Path> ownFile(Path root, RunKind kind, String path) {
    Optional<Path> named = RunManifest.lexical(path);
    if (named.isEmpty() || !named.get().equals(Path.of(path)) || path.contains("\\")) {
      return Optional.empty();
    }
    Path relative = named.get();
    if (path.equals("run.json") || path.equals("report.html")
        || path.equals(RunManifest.PARTIAL) || !kind.writes(relative)) {
      return Optional.empty();
    }
    Path p = root;
    for (int i = 0; i < relative.getNameCount(); i++) {
      p = p.resolve(relative.getName(i));
      boolean last = i == relative.getNameCount() - 1;
      if (Files.isSymbolicLink(p) || (last ? !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          : !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
          || Files.exists(p.resolve("run.json"), LinkOption.NOFOLLOW_LINKS))) {
        return Optional.empty();
      }
    }
    return Optional.of(relative);
  }

  /**
   * The files in {@code dir} of the names {@code kind} writes, with their identity now, by
   * relative path in name order: into charts/ and runs/ only, never into a folder of the
   * user's, nor one with a run.json of its own (another run's: runs/path-&lt;time&gt;, the
   * default --out), nor through a link (a walk from the real path of {@code dir}).
   */
  static Map<Path, Stamp> ofKind(Path dir, RunKind kind) {
    Map<Path, Stamp> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try {
      // from its real path: a walk does not enter an --out that is a link to the folder
      Path root = AtomicFiles.realPath(dir);
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
          return d.equals(root) || kind.mayHold(root.relativize(d))
              && !Files.exists(d.resolve("run.json"), LinkOption.NOFOLLOW_LINKS)
              ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
          Path relative = root.relativize(f);
          if (a.isRegularFile() && kind.writes(relative)) {
            Stamp.of(f).ifPresent(s -> files.put(relative, s));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) {
          return FileVisitResult.CONTINUE; // what cannot be read is left as it is
        }
      });
    } catch (IOException e) {
      throw new InputException(dir + ": cannot list the output directory ("
          + AtomicFiles.reason(e) + ")", e);
    }
    return files;
  }

  RunKind kind() {
    return kind;
  }

  /**
   * Whether the earlier run.json lists no files (an older tikhonov wrote it), or only the charts
   * {@code report} drew since: its other files are named ({@link #named}), never removed.
   */
  boolean unlisted() {
    return unlisted;
  }

  /** Whether a run stopped before its end left these files ({@value RunManifest#PARTIAL}). */
  boolean stopped() {
    return stopped;
  }

  /**
   * The entries of the files of its list that are still as they were when this run opened the
   * directory and that this run did not take as its own: what a record of this run's files
   * carries on, should this run stop too ({@link RunManifest#group}).
   */
  List<RunManifest.Entry> unchangedEntries() {
    List<RunManifest.Entry> out = new ArrayList<>();
    for (Path p : unchanged(files, x -> true)) {
      out.add(entries.get(p));
    }
    return out;
  }

  /**
   * The entries of the earlier run.json's list that name no file of the run: left alone; but
   * not those that name, in another spelling, a file of the run ({@link #alias}) that passes
   * {@code rewritten}: this run rewrote the file they name, and its list names it as its own.
   */
  List<String> refused(Predicate<Path> rewritten) {
    return refused.stream().filter(r -> !(aliases.containsKey(r)
        && rewritten.test(aliases.get(r)))).toList();
  }

  /**
   * Leaves {@code relative}, a file or a folder with all it holds, out of the files
   * {@link #removeUnchanged} may remove; this run takes them as its own ({@link #kept()}).
   */
  void keep(Path relative) {
    for (Map<Path, Stamp> m : List.of(files, named)) {
      m.entrySet().removeIf(e -> {
        if (e.getKey().startsWith(relative)) {
          kept.put(e.getKey(), e.getValue());
          return true;
        }
        return false;
      });
    }
  }

  /** The earlier run's files this run took as its own ({@link #keep}), as they were at open. */
  Map<Path, Stamp> kept() {
    return kept;
  }

  /**
   * Deletes the listed files whose relative path passes {@code which} and that are still as they
   * were (this run did not replace them), then the folders that leaves empty; returns them.
   * Never the files found by name ({@link #named} names them instead).
   */
  List<Path> removeUnchanged(Predicate<Path> which) {
    List<Path> removed = new ArrayList<>();
    Path root = AtomicFiles.realPath(dir);
    for (Path relative : unchanged(files, which)) {
      Path file = dir.resolve(relative);
      if (ownFile(root, kind, relative.toString()).isEmpty()) {
        continue; // a folder on its way became a link, or another run's, since the run opened
      }
      try {
        Files.delete(file);
        removed.add(file);
        for (Path p = file.getParent(); !p.equals(dir); p = p.getParent()) {
          Files.delete(p);
        }
      } catch (DirectoryNotEmptyException | NoSuchFileException notEmptyOrGone) {
        // the folder holds other files (this run's): it stays
      } catch (IOException x) {
        throw new InputException(file + ": cannot remove this file of the earlier " + kind.id()
            + " run" + (stopped ? " (stopped before its end)" : "")
            + " in the output directory, which this run did not rewrite ("
            + AtomicFiles.reason(x) + "); remove it by hand, or choose another output directory",
            x);
      }
    }
    return removed;
  }

  /**
   * The files of its kind found by name (when {@link #unlisted}), relative paths, whose path
   * passes {@code which} and that are still as they were when this run opened the directory:
   * the ones this run did not rewrite, which stay.
   */
  List<Path> named(Predicate<Path> which) {
    return unchanged(named, which);
  }

  /**
   * The files (relative paths) of {@code stamps} whose path passes {@code which} and that are
   * still as they were when this run opened the directory: the ones this run did not rewrite.
   */
  private List<Path> unchanged(Map<Path, Stamp> stamps, Predicate<Path> which) {
    List<Path> out = new ArrayList<>();
    for (Map.Entry<Path, Stamp> e : stamps.entrySet()) {
      if (which.test(e.getKey())
          && Stamp.of(dir.resolve(e.getKey())).equals(Optional.of(e.getValue()))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** A file's identity: replaced (an atomic write) or rewritten, it changes. */
  record Stamp(Object key, FileTime modified, long size) {
    static Optional<Stamp> of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        return Optional.of(new Stamp(a.fileKey() == null ? a.creationTime() : a.fileKey(),
            a.lastModifiedTime(), a.size()));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }
}
