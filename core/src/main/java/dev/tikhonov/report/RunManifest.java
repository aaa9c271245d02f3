package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
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

  /** Hashes already taken, by file, while the file is unchanged. */
  private final Map<Path, Hashed> hashes = new HashMap<>();

  private record Hashed(EarlierRun.Stamp stamp, String sha256) {}

  /** One file of the list. */
  record Entry(String path, long size, String sha256) {
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
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", relative.toString().replace('\\', '/'));
      entry.put("size", stamp.get().size());
      entry.put("sha256", sha.get());
      out.add(entry);
    }
    return out;
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
