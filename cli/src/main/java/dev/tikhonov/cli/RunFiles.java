package dev.tikhonov.cli;

import dev.tikhonov.data.DataFiles;
import dev.tikhonov.data.Json;
import dev.tikhonov.experiment.Objective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files every run ends with: {@code run.json} (provenance, docs/formats.md). */
final class RunFiles {
  private RunFiles() {}

  static void finish(Path out, String command, long seed, int threads, DataOptions data,
      Map<String, Object> settings, double seconds) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("command", command);
    run.put("args", List.copyOf(Main.lastArgs()));
    run.put("tikhonov_version", version());
    run.put("git_commit", gitCommit());
    run.put("seed", seed);
    run.put("threads", threads);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("path", data == null ? null : data.describe());
    d.put("sha256", data == null || data.data == null || !Files.isRegularFile(data.data)
        ? null : DataFiles.sha256(data.data));
    run.put("data", d);
    run.put("finished", Instant.now().toString());
    run.put("seconds", seconds);
    run.put("objective", Objective.TEXT);
    run.put("settings", settings);
    Json.write(out.resolve("run.json"), run);
  }

  static String version() {
    String v = RunFiles.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /** The short commit of the working directory's git checkout, or null. */
  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
          .redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 && s.matches("[0-9a-f]{4,40}") ? s : null;
    } catch (Exception e) {
      return null;
    }
  }
}
