package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * run.json's {@code "files"}: the files a run wrote in its directory, each as a path inside it
 * ("/"-separated), its size and the SHA-256 of its bytes, so that a later run into the
 * directory removes only these, and only while they are as the run left them (docs/formats.md).
 * Not thread-safe: one per run.
 */
final class RunManifest {
  /** The field of run.json that holds the list. */
  static final String FIELD = "files";
  /**
   * run.json's {@code "files_complete": false}: the list does not name every file of the run,
   * only the charts {@code report} drew into the folder of an older tikhonov's run.
   */
  static final String COMPLETE = "files_complete";
  /**
   * The record of the files written by runs that have not finished (docs/formats.md):
   * {@code {"runs": [{"kind": "path", "files": [...]}, ...]}}, written while a run writes, and
   * removed when it ends.
   */
  static final String PARTIAL = "run.json.partial";
  /** The field of {@link #PARTIAL} that holds a list per run. */
  private static final String RUNS = "runs";

  /** Hashes already taken, by file, while the file is unchanged. */
  private final Map<Path, Hashed> hashes = new HashMap<>();

  private record Hashed(EarlierRun.Stamp stamp, String sha256) {}

  /** One file of the list. */
  record Entry(String path, long size, String sha256) {
    /** As the list holds it: {@code {"path", "size", "sha256"}}. */
    Map<String, Object> toJson() {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", path);
      entry.put("size", size);
      entry.put("sha256", sha256);
      return entry;
    }

    /** Whether {@code file} is a regular file of this size and SHA-256 (no link followed). */
    boolean matches(Path file) {
      try {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size
            && RunManifest.sha256(file).equals(Optional.of(sha256));
      } catch (IOException e) {
        return false;
      }
    }
  }

  /**
   * The entries of run.json's list; an entry that is not {@code {"path", "size", "sha256"}}
   * is added, as text, to {@code refused} (a hand-edited list), and so is a list that is no
   * list.
   */
  static List<Entry> parse(JsonNode files, List<String> refused) {
    List<Entry> entries = new ArrayList<>();
    if (!files.isArray()) {
      refused.add(files.toString());
      return entries;
    }
    for (JsonNode f : files) {
      if (f.path("path").isTextual() && f.path("size").canConvertToLong()
          && f.path("sha256").isTextual()) {
        entries.add(new Entry(f.get("path").asText(), f.get("size").asLong(),
            f.get("sha256").asText()));
      } else {
        refused.add(f.isObject() && f.path("path").isTextual() ? f.get("path").asText()
            : f.toString());
      }
    }
    return entries;
  }

  /**
   * The list for run.json: {@code files} (paths relative to {@code dir}) that are there, in
   * their order, with size and SHA-256 (a hash taken before is reused while the file is
   * unchanged: finish lists the result files, then all files with the charts).
   */
  List<Map<String, Object>> of(Path dir, Iterable<Path> files) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path relative : files) {
      Path file = dir.resolve(relative);
      Optional<EarlierRun.Stamp> stamp = EarlierRun.Stamp.of(file);
      Hashed known = hashes.get(relative);
      Optional<String> sha = known != null && stamp.equals(Optional.of(known.stamp()))
          ? Optional.of(known.sha256()) : sha256(file);
      if (stamp.isEmpty() || sha.isEmpty()) {
        continue; // gone (or unreadable) since: not a file of the run to list
      }
      hashes.put(relative, new Hashed(stamp.get(), sha.get()));
      out.add(new Entry(relative.toString().replace('\\', '/'), stamp.get().size(), sha.get())
          .toJson());
    }
    return out;
  }

  /** One run's group of {@link #PARTIAL}: its kind and its list. */
  static Map<String, Object> group(RunKind kind, List<Map<String, Object>> files) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("kind", kind.id());
    group.put(FIELD, files);
    return group;
  }

  /**
   * The paths of run.json's list, other than report.html and charts/ (which {@code report}
   * draws anew), whose file is in {@code dir} but not of the size and SHA-256 the list records:
   * rewritten by a later run stopped before its end, or edited by hand. None when run.json is
   * not there, not readable or lists no files. Each path as the file it names inside
   * {@code dir} ({@code ./path.csv} is path.csv), once; an entry that names no file inside
   * {@code dir} is not read ({@link #unusable} describes it).
   */
  static List<String> changed(Path dir) {
    List<String> changed = new ArrayList<>();
    runJson(dir).map(json -> json.get(FIELD)).ifPresent(list -> listedData(dir, list)
        .forEach((path, listed) -> {
          if (Files.exists(listed.file(), LinkOption.NOFOLLOW_LINKS)
              && !listed.entry().matches(listed.file())) {
            changed.add(path);
          }
        }));
    return changed;
  }

  /**
   * The paths of run.json's list, other than report.html and charts/ (which {@code report}
   * draws anew), whose file is not in {@code dir}: deleted or moved since the run wrote it.
   * Empty when run.json is not there, not readable or has no full list (an older tikhonov
   * wrote it, and {@code report} listed only its charts, {@link #COMPLETE} false): then
   * nothing says which files the run wrote. Each path as the file it names inside {@code dir}
   * ({@code x/../path.csv}, {@code ./path.csv} and {@code path.csv/} are path.csv), once; an
   * entry that names no file inside {@code dir} is skipped ({@link #unusable} describes it).
   */
  static Optional<List<String>> missing(Path dir) {
    Optional<JsonNode> json = runJson(dir);
    JsonNode list = json.map(j -> j.get(FIELD)).orElse(null);
    if (list == null || !list.isArray() || !json.get().path(COMPLETE).asBoolean(true)) {
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    listedData(dir, list).forEach((path, listed) -> {
      if (!Files.exists(listed.file(), LinkOption.NOFOLLOW_LINKS)) {
        missing.add(path);
      }
    });
    return Optional.of(missing);
  }

  /**
   * The entries of {@code dir}/run.json's list that name no file inside {@code dir}, each
   * described in a sentence that names run.json, the entry (as JSON, cut at
   * {@value #SHOWN} characters) and what is wrong with it: not an object {@code {"path",
   * "size", "sha256"}}, a path that is not a string, holds a NUL character, is absolute, leads
   * out of {@code dir} ({@code ..}, or through a symbolic link) or names {@code dir} itself;
   * and a {@code "files"} that is not a list. None when run.json is not there or not readable.
   * Such an entry is never read, compared or removed (by {@link #missing}, {@link #changed},
   * {@link EarlierRun}).
   */
  static List<String> unusable(Path dir) {
    List<String> out = new ArrayList<>();
    Optional<JsonNode> json = runJson(dir);
    JsonNode list = json.map(j -> j.get(FIELD)).orElse(null);
    if (list == null) {
      return out;
    }
    String where = dir.resolve("run.json") + ": ";
    if (!list.isArray()) {
      out.add(where + "\"" + FIELD + "\" is " + kind(list) + ", not a list of the run's files"
          + " ({\"path\", \"size\", \"sha256\"} each); no file is looked for by it, and no run"
          + " removes a file by it");
      return out;
    }
    Path root = dir.toAbsolutePath().normalize();
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      Optional<String> why;
      if (!f.isObject()) {
        why = Optional.of("is " + kind(f) + ", not an object {\"path\", \"size\", \"sha256\"}");
      } else if (!f.path("path").isTextual()) {
        why = Optional.of("has a \"path\" that is " + kind(f.path("path")) + ", not a string");
      } else {
        why = whyOutside(root, f.get("path").asText());
        if (why.isEmpty() && !(f.path("size").canConvertToLong()
            && f.path("sha256").isTextual())) {
          why = Optional.of("lacks the whole-number \"size\" or the \"sha256\" string that a"
              + " run lists with each path");
        }
      }
      String entry = FIELD + "[" + i + "] " + shown(f) + " ";
      why.ifPresent(w -> out.add(where + entry + w + "; no file is looked for by it, and no run"
          + " removes a file by it"));
    }
    return out;
  }

  /** Characters of an entry shown in {@link #unusable}'s sentences. */
  static final int SHOWN = 120;

  /** An entry as JSON text, cut at {@link #SHOWN} characters. */
  private static String shown(JsonNode entry) {
    String text = entry.toString();
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… ("
        + (text.length() - SHOWN) + " characters more)";
  }

  /** "a string", "a number", "null", … : what a JSON value is, for a message. */
  private static String kind(JsonNode node) {
    if (node.isMissingNode()) {
      return "missing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /**
   * {@code path} of a run.json list as the path, relative to {@code root} and "/"-separated, of
   * the file it names inside {@code root} ({@code x/../a.csv}, {@code ./a.csv} and
   * {@code a.csv/} all name a.csv); empty when it names none: a NUL character, absolute, out
   * of {@code root} by {@code ..}, or {@code root} itself. Lexical: no file is looked at.
   */
  static Optional<String> normalized(String path) {
    return lexical(path).map(p -> p.toString().replace('\\', '/'));
  }

  /**
   * {@link #normalized} as a path: the checks every reader of a run.json list shares (a NUL
   * character, absolute, out by {@code ..}, the directory itself, no file name here); a
   * remover adds its own refusals ({@link EarlierRun}).
   */
  static Optional<Path> lexical(String path) {
    Path relative;
    try {
      relative = Path.of(path).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (path.isEmpty() || relative.isAbsolute() || relative.startsWith("..")
        || relative.toString().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(relative);
  }

  /**
   * Why {@code path} of a run.json list names no file inside {@code root}, in words for
   * {@link #unusable}; empty when it names one. A folder on its way that is a symbolic link
   * out of {@code root} counts as out of it: the file there is not the run's to read.
   */
  private static Optional<String> whyOutside(Path root, String path) {
    if (path.indexOf('\0') >= 0) {
      return Optional.of("has a path that holds a NUL character (\\u0000), which no file name"
          + " can");
    }
    if (path.isEmpty()) {
      return Optional.of("has an empty path");
    }
    Optional<Path> relative = lexical(path);
    if (relative.isEmpty()) {
      try {
        if (Path.of(path).isAbsolute()) {
          return Optional.of("has an absolute path, where the list holds paths inside "
              + root.getFileName() + ", relative to it");
        }
        Path n = Path.of(path).normalize();
        return Optional.of(n.toString().isEmpty() ? "names the run directory itself, not a file"
            + " in it" : "has a path that leads out of the run directory (..)");
      } catch (java.nio.file.InvalidPathException e) {
        return Optional.of("has a path that is no file name here (" + e.getReason() + ")");
      }
    }
    if (!insideReally(root, root.resolve(relative.get()))) {
      return Optional.of("has a path that leads out of the run directory through a symbolic"
          + " link");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code file}, lexically inside {@code root}, is really inside it: its folder (the
   * nearest that exists) reached through no symbolic link to outside {@code root}.
   */
  private static boolean insideReally(Path root, Path file) {
    try {
      Path realRoot = root.toRealPath();
      for (Path p = file.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
        if (Files.exists(p)) {
          return p.toRealPath().startsWith(realRoot);
        }
      }
      return true;
    } catch (IOException e) {
      return false; // not resolvable: not known to be inside, so not read
    }
  }

  /** run.json of {@code dir}, read; empty when it is not there or not readable as JSON. */
  private static Optional<JsonNode> runJson(Path dir) {
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonFiles.read(runJson));
    } catch (dev.tikhonov.data.InputException e) {
      return Optional.empty(); // the report names what is wrong with run.json, if it reads it
    }
  }

  /** An entry of a run.json list with the file it names inside the run directory. */
  private record Listed(Entry entry, Path file) {}

  /**
   * The entries of a run.json list that name a file inside {@code dir} other than report.html
   * and charts/ (which {@code report} draws anew), by the path of that file relative to
   * {@code dir} ({@link #normalized}), in the list's order; of two entries of one file, the
   * later (as {@link #differsFromRecord} reads the list).
   */
  private static Map<String, Listed> listedData(Path dir, JsonNode list) {
    Map<String, Listed> files = new LinkedHashMap<>();
    Path root = dir.toAbsolutePath().normalize();
    for (Entry e : parse(list, new ArrayList<>())) {
      Optional<Path> relative = lexical(e.path());
      if (relative.isEmpty() || relative.get().equals(Path.of("report.html"))
          || relative.get().startsWith("charts")) {
        continue;
      }
      Path file = root.resolve(relative.get());
      if (insideReally(root, file)) {
        files.put(relative.get().toString().replace('\\', '/'), new Listed(e, file));
      }
    }
    return files;
  }

  /**
   * Whether {@code file} is listed by the record of its directory, the newest first (the last
   * group of {@link #PARTIAL} that lists it, else run.json's list), with another size or
   * SHA-256 than it has now; false when no record lists it or none is readable.
   */
  static boolean differsFromRecord(Path file) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    String name = file.getFileName().toString();
    Optional<Entry> recorded = Optional.empty();
    try {
      Path record = dir.resolve(PARTIAL);
      if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
        for (JsonNode g : groups(JsonFiles.read(record))) {
          Optional<Entry> listed = entry(g.path(FIELD), name);
          if (listed.isPresent()) {
            recorded = listed;
          }
        }
      }
      Path runJson = dir.resolve("run.json");
      if (recorded.isEmpty() && Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
        recorded = entry(JsonFiles.read(runJson).path(FIELD), name);
      }
    } catch (dev.tikhonov.data.InputException e) {
      return false; // an unreadable record says nothing of the file
    }
    return recorded.isPresent() && !recorded.get().matches(file);
  }

  private static Optional<Entry> entry(JsonNode list, String path) {
    return parse(list, new ArrayList<>()).stream()
        .filter(e -> normalized(e.path()).equals(Optional.of(path)))
        .reduce((first, last) -> last);
  }

  /** The groups of a {@link #PARTIAL} record; none when it holds no list of them. */
  static List<JsonNode> groups(JsonNode record) {
    List<JsonNode> groups = new ArrayList<>();
    record.path(RUNS).forEach(g -> {
      if (g.isObject()) {
        groups.add(g);
      }
    });
    return groups;
  }

  /**
   * Adds {@code charts}, paths inside {@code dir} that {@code report} just drew for a run of
   * {@code kind}, to the list of the run's files, and nothing else: to run.json's when it names
   * a kind (a run.json of an older tikhonov, without a list, gets one of the charts alone and
   * {@code "files_complete": false}: its other files stay unknown, as they were), else to
   * {@link #PARTIAL}'s, as a group of their own. In run.json, an entry already listed for one
   * of these paths is replaced where it stands, and the other charts are added at the end, so
   * that every other entry keeps its index: {@link #unusable}'s {@code files[N]}, named before
   * the report is drawn, is the entry N of run.json as the report leaves it. Each file is
   * written atomically.
   */
  static void recordCharts(Path dir, RunKind kind, List<Path> charts) {
    List<Map<String, Object>> drawn = new RunManifest().of(dir, charts);
    java.util.Set<String> paths = new java.util.HashSet<>();
    drawn.forEach(d -> paths.add((String) d.get("path")));
    Path runJson = dir.resolve("run.json");
    JsonNode json = null;
    if (Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
      try {
        json = JsonFiles.read(runJson);
      } catch (dev.tikhonov.data.InputException e) {
        json = null; // not ours to edit: the record takes the charts
      }
    }
    if (json instanceof ObjectNode run && RunKind.byId(run.path("kind").asText("")).isPresent()) {
      JsonNode old = run.get(FIELD);
      if (old == null) {
        run.put(COMPLETE, false);
      }
      run.set(FIELD, JsonFiles.MAPPER.valueToTree(replacing(old, drawn)));
      write(runJson, run);
      return;
    }
    List<Object> groups = new ArrayList<>();
    Path record = dir.resolve(PARTIAL);
    if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      try {
        for (JsonNode g : groups(JsonFiles.read(record))) {
          ((ObjectNode) g).set(FIELD, JsonFiles.MAPPER.valueToTree(
              without(g.get(FIELD), paths, List.of())));
          groups.add(g);
        }
      } catch (dev.tikhonov.data.InputException e) {
        groups.clear(); // not readable: it listed nothing that could be removed
      }
    }
    groups.add(group(kind, drawn));
    write(record, Map.of(RUNS, groups));
  }

  /**
   * Ends, for {@code report}, a run stopped while it drew its report: {@code dir}'s run.json is
   * written and {@link #PARTIAL} is still there, its last group that run's files as run.json
   * lists them (same paths, sizes and SHA-256). As {@link RunWriter#finish} would have, the
   * earlier runs' charts that the record carries and {@code drawn} (the charts just drawn) did
   * not redraw are removed while they are as listed, and the record is removed. Nothing when the
   * record's last run is not run.json's (a later run stopped before its own run.json: the next
   * run into the folder removes its files by the record). Returns the files removed.
   */
  static List<Path> completeStopped(Path dir, List<Path> drawn) {
    Path record = dir.resolve(PARTIAL);
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<JsonNode> groups;
    JsonNode run;
    try {
      groups = groups(JsonFiles.read(record));
      run = JsonFiles.read(runJson);
    } catch (dev.tikhonov.data.InputException e) {
      return List.of(); // not readable: nothing is known of whose it is
    }
    if (groups.isEmpty() || !groups.get(groups.size() - 1).path("kind").asText("")
        .equals(run.path("kind").asText(null))) {
      return List.of();
    }
    List<Entry> mine = parse(groups.get(groups.size() - 1).get(FIELD), new ArrayList<>());
    if (mine.isEmpty()
        || !parse(run.get(FIELD), new ArrayList<>()).containsAll(mine)) {
      return List.of();
    }
    List<EarlierRun> carried = EarlierRun.stopped(dir);
    List<Path> removed = new ArrayList<>();
    Path charts = Path.of("charts");
    for (EarlierRun e : carried.subList(0, Math.max(0, carried.size() - 1))) {
      removed.addAll(e.removeUnchanged(p -> p.startsWith(charts) && !drawn.contains(p)));
    }
    try {
      Files.deleteIfExists(record);
    } catch (IOException e) {
      throw new dev.tikhonov.data.InputException(record + ": cannot remove this record of the"
          + " files of a run in progress (" + dev.tikhonov.internal.data.AtomicFiles.reason(e)
          + "); the run's report was drawn: remove it by hand", e);
    }
    return removed;
  }

  /**
   * The entries of {@code list} (when it is a list), each of a path of {@code drawn} (compared
   * as the file it names, {@link #normalized}: "./charts/x.svg" is the chart just drawn too)
   * replaced by that entry of {@code drawn} where it stands, then the entries of {@code drawn}
   * that replaced none. No entry is removed or moved: the others keep their index.
   */
  private static List<Object> replacing(JsonNode list, List<Map<String, Object>> drawn) {
    Map<String, Map<String, Object>> byPath = new LinkedHashMap<>();
    drawn.forEach(d -> byPath.put((String) d.get("path"), d));
    java.util.Set<String> placed = new java.util.HashSet<>();
    List<Object> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(e -> {
        Optional<String> path = normalized(e.path("path").asText(""))
            .filter(byPath::containsKey);
        out.add(path.isPresent() ? byPath.get(path.get()) : e);
        path.ifPresent(placed::add);
      });
    }
    byPath.forEach((path, d) -> {
      if (!placed.contains(path)) {
        out.add(d);
      }
    });
    return out;
  }

  /**
   * The entries of {@code list} (when it is a list) not of {@code paths} (compared as the files
   * they name, {@link #normalized}), then {@code add}.
   */
  private static List<Object> without(JsonNode list, java.util.Set<String> paths,
      List<Map<String, Object>> add) {
    List<Object> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(e -> {
        // "./charts/x.svg" is the chart just drawn too: its stale entry would stay beside it
        if (!normalized(e.path("path").asText("")).map(paths::contains).orElse(false)) {
          out.add(e);
        }
      });
    }
    out.addAll(add);
    return out;
  }

  private static void write(Path file, Object json) {
    try {
      JsonFiles.writeAtomically(file, JsonFiles.MAPPER.writeValueAsString(json) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + file.getFileName(), e);
    }
  }

  /** Writes {@code dir}/{@link #PARTIAL} with {@code groups}, atomically. */
  static void writeRecord(Path dir, List<Map<String, Object>> groups) {
    write(dir.resolve(PARTIAL), Map.of(RUNS, groups));
  }

  /** The SHA-256 of the file's bytes, empty when it cannot be read. */
  static Optional<String> sha256(Path file) {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(RunInfo.hashOf(in));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
