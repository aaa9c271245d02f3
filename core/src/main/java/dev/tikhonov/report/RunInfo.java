package dev.tikhonov.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What produced a run directory: run.json of docs/formats.md. Every command that takes {@code --out DIR}
 * writes one when the run ends, so that a report can say which code, data and settings gave its
 * numbers. The objective is DESIGN.md's, spelled out in {@link #OBJECTIVE}. The run.json that
 * {@link RunWriter} writes also lists the files of the run ({@code "files"}, for the next run
 * into the directory); {@link #read} ignores that list.
 *
 * @param kind what the directory holds, {@link RunKind#id()}: "train", "path", "mnist-l2", …;
 *     the report reads it instead of guessing from the files
 * @param command "train", "path" or "experiment"
 * @param args the command line arguments after the command name
 * @param tikhonovVersion the library version that ran
 * @param gitCommit short commit hash of the working directory's checkout, empty when unknown
 * @param seed the run's seed, empty when it has none
 * @param threads BLAS/worker thread count
 * @param data the data file and its SHA-256, empty when the run used no file
 * @param started when the run started (UTC, ISO-8601)
 * @param seconds wall time of the whole run
 * @param objective the objective, written out
 * @param settings every setting of the run, by flag name in snake_case
 */
@JsonPropertyOrder({
  "kind", "command", "args", "tikhonov_version", "git_commit", "seed", "threads", "data", "started",
  "seconds", "objective", "settings"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties({"files", "files_complete"})
public record RunInfo(
    @JsonProperty("kind") String kind,
    @JsonProperty("command") String command,
    @JsonProperty("args") List<String> args,
    @JsonProperty("tikhonov_version") String tikhonovVersion,
    @JsonProperty("git_commit") Optional<String> gitCommit,
    @JsonProperty("seed") OptionalLong seed,
    @JsonProperty("threads") int threads,
    @JsonProperty("data") Optional<DataFile> data,
    @JsonProperty("started") String started,
    @JsonProperty("seconds") double seconds,
    @JsonProperty("objective") String objective,
    @JsonProperty("settings") Map<String, Object> settings) {

  /** DESIGN.md's objective, the one every λ in tikhonov refers to. */
  public static final String OBJECTIVE =
      "J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [ (1−α)/2 wⱼ² + α |wⱼ| ]";

  /**
   * The data a run read: a path (or "bundled:&lt;name&gt;") and the SHA-256 of its bytes, empty
   * when the data is not one file (a folder of IDX files). Immutable, so thread-safe; {@code of}
   * hashes with a digest of its own on the calling thread.
   *
   * @param path the file's path as the run was given it, or "bundled:&lt;name&gt;"
   * @param sha256 the SHA-256 of the file's bytes in lower-case hex; empty when the data is not
   *     one file
   */

  public record DataFile(@JsonProperty("path") String path,
      @JsonProperty("sha256") Optional<String> sha256) {

    public DataFile {
      Objects.requireNonNull(path, "path");
      // absent is empty, never null (run.json's null and a missing field read as empty)
      Objects.requireNonNull(sha256, "sha256 (Optional.empty() when there is no one file)");
    }

    /** A data source that is not one file, so has no hash (a folder of IDX files). */
    public static DataFile unhashed(String path) {
      return new DataFile(path, Optional.empty());
    }

    /** A file on disk, hashing its bytes. */
    public static DataFile of(Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        return new DataFile(file.toString(), Optional.of(hashOf(in)));
      } catch (IOException e) {
        throw dev.tikhonov.data.DataFiles.cannotRead(file.toString(), e);
      }
    }

    /** Any stream of bytes under a given name (e.g. a bundled resource); closes the stream. */
    public static DataFile of(String name, InputStream bytes) {
      try (InputStream in = bytes) {
        return new DataFile(name, Optional.of(hashOf(in)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
  }

  public RunInfo {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("command must be named");
    }
    args = args == null ? List.of() : List.copyOf(args);
    // absent is empty, never null (run.json's nulls and missing fields read as empty)
    Objects.requireNonNull(gitCommit, "gitCommit (Optional.empty() when unknown)");
    Objects.requireNonNull(seed, "seed (OptionalLong.empty() when the run has none)");
    Objects.requireNonNull(data, "data (Optional.empty() when the run read no file)");
    settings = settings == null ? Map.of() : new LinkedHashMap<>(settings);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
    }
  }

  /**
   * The provenance of a run that started at {@code started} and ends now: version and git commit
   * are looked up, seconds measured, the objective is {@link #OBJECTIVE}. Every argument is
   * required: an absent seed or data file is an empty Optional (run.json's {@code null}).
   *
   * @param seed the run's seed, empty when it has none
   * @param data the data file the run read, empty when it read none
   * @throws NullPointerException naming the argument that is null
   */
  public static RunInfo of(
      RunKind kind,
      String command,
      List<String> args,
      OptionalLong seed,
      int threads,
      Optional<DataFile> data,
      Instant started,
      Map<String, Object> settings) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(seed, "seed (OptionalLong.empty() when the run has none)");
    Objects.requireNonNull(data, "data (Optional.empty() when the run read no file)");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(settings, "settings");
    Instant now = Instant.now();
    return new RunInfo(
        kind.id(),
        command,
        args,
        version(),
        currentGitCommit(),
        seed,
        threads,
        data,
        started.toString(),
        Duration.between(started, now).toNanos() / 1e9,
        OBJECTIVE,
        settings);
  }

  /** Writes {@code dir/run.json} atomically (temporary file, then rename). */
  public Path write(Path dir) {
    return write(dir, JsonFiles.MAPPER.valueToTree(this));
  }

  /** run.json with, last, the files the run wrote ({@link RunManifest}). */
  Path write(Path dir, List<Map<String, Object>> files) {
    com.fasterxml.jackson.databind.node.ObjectNode json = JsonFiles.MAPPER.valueToTree(this);
    json.set(RunManifest.FIELD, JsonFiles.MAPPER.valueToTree(files));
    return write(dir, json);
  }

  private static Path write(Path dir, com.fasterxml.jackson.databind.JsonNode json) {
    Path file = dir.resolve("run.json");
    try {
      JsonFiles.writeAtomically(file, JsonFiles.MAPPER.writeValueAsString(json) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize run.json", e);
    }
    return file;
  }

  /** Reads {@code dir/run.json}. */
  public static RunInfo read(Path dir) {
    Path file = dir.resolve("run.json");
    // Read outside the try: its InputException (not JSON, missing) already names the file.
    com.fasterxml.jackson.databind.JsonNode json = JsonFiles.read(file);
    try {
      return JsonFiles.MAPPER.treeToValue(json, RunInfo.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InputException(file + ": not a run.json of docs/formats.md: " + e.getMessage(), e);
    }
  }

  /** The tikhonov version ({@link dev.tikhonov.internal.data.LibraryVersion}). */
  public static String version() {
    return dev.tikhonov.internal.data.LibraryVersion.current();
  }

  /**
   * (Not named {@code gitCommit()}: a record's component accessor already has that name.)
   *
   * <p>Short hash of HEAD of the git checkout holding the working directory ({@code git rev-parse
   * --short HEAD}), empty when git is missing, this is no checkout, or git takes over 5 s.
   */
  public static Optional<String> currentGitCommit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
          .redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      git.getOutputStream().close();
      if (!git.waitFor(5, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return git.exitValue() == 0 && out.matches("[0-9a-f]{4,40}") ? Optional.of(out)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The SHA-256 of the bytes of {@code in}, in hex; reads it to its end. */
  static String hashOf(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream d = new DigestInputStream(in, digest)) {
        d.transferTo(OutputStreamSink.INSTANCE);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Discards bytes; the digest stream has already seen them. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
