package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInfoTest {
  @TempDir Path temp;

  @Test
  void write_leavesRunJsonWithTheFieldsOfFormatsMd() throws IOException {
    Path data = Files.writeString(temp.resolve("data.csv"), "abc");
    Instant started = Instant.now().minusSeconds(3);
    RunInfo p = RunInfo.of(RunKind.TRAIN, "train", List.of("--lambda", "0.01"),
        OptionalLong.of(42), 2, Optional.of(RunInfo.DataFile.of(data)), started, Map.of("lambda", 0.01, "l1_ratio", 0.0));
    Path file = p.write(temp);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    List<String> expected = List.of("kind", "command", "args", "tikhonov_version", "git_commit", "seed",
        "threads", "data", "started", "seconds", "objective", "settings");
    List<String> actual = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(actual::add);
    assertEquals(expected, actual);
    assertEquals("train", json.get("command").asText());
    assertEquals("train", json.get("kind").asText());
    assertEquals(42, json.get("seed").asLong());
    // SHA-256("abc"), FIPS 180-2 test vector
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        json.get("data").get("sha256").asText());
    assertTrue(json.get("seconds").asDouble() >= 3 && json.get("seconds").asDouble() < 60);
    assertEquals(started.toString(), json.get("started").asText());
    assertEquals(0.01, json.get("settings").get("lambda").asDouble(), 0);
    assertTrue(json.get("objective").asText().startsWith("J(θ) = (1/n) Σ"));
    assertTrue(json.has("git_commit"), "git_commit present (null when unknown)");

    assertEquals(p.seed(), RunInfo.read(temp).seed());
    assertEquals(p.data(), RunInfo.read(temp).data());
    try (Stream<Path> files = Files.list(temp)) {
      assertEquals(List.of("data.csv", "run.json"), files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
  }

  /** A run without a seed or data file: empty Optionals, written as run.json's nulls. */
  @Test
  void of_withoutSeedOrData_writesNulls() throws IOException {
    RunInfo p = RunInfo.of(RunKind.GD_LINEAR, "experiment gd-linear", List.of(),
        OptionalLong.empty(), 1, Optional.empty(), Instant.now(), Map.of());
    JsonNode json = new ObjectMapper().readTree(p.write(temp).toFile());
    assertTrue(json.get("seed").isNull(), json.toString());
    assertTrue(json.get("data").isNull(), json.toString());
  }

  /** null is not "absent" (that is an empty Optional): the exception names the argument. */
  @Test
  void of_withNullSeedOrData_throwsNamingTheArgument() {
    NullPointerException seed = assertThrows(NullPointerException.class, () -> RunInfo.of(
        RunKind.TRAIN, "train", List.of(), null, 1, Optional.empty(), Instant.now(), Map.of()));
    assertTrue(seed.getMessage().startsWith("seed"), seed.getMessage());
    NullPointerException data = assertThrows(NullPointerException.class, () -> RunInfo.of(
        RunKind.TRAIN, "train", List.of(), OptionalLong.of(1), 1, null, Instant.now(),
        Map.of()));
    assertTrue(data.getMessage().startsWith("data"), data.getMessage());
  }

  @Test
  void dataFile_ofStream_hashesItsBytes() {
    RunInfo.DataFile d = RunInfo.DataFile.of("bundled:x",
        new ByteArrayInputStream("".getBytes(StandardCharsets.UTF_8)));
    // SHA-256 of the empty string
    assertEquals(Optional.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        d.sha256());
  }

  /**
   * A run.json that is not JSON keeps JsonFiles.read's message (file:line:column): the
   * InputException, an IllegalArgumentException too, is not wrapped again by read's catch.
   */
  @Test
  void read_whenNotJson_givesTheJsonReadersMessageOnce() throws IOException {
    Files.writeString(temp.resolve("run.json"), "{\"kind\": ");
    dev.tikhonov.data.InputException e = assertThrows(dev.tikhonov.data.InputException.class,
        () -> RunInfo.read(temp));
    assertTrue(e.getMessage().startsWith(temp.resolve("run.json") + ":1:"), e.getMessage());
    assertTrue(e.getMessage().contains(": not valid JSON: "), e.getMessage());
    assertTrue(!e.getMessage().contains("not a run.json"), e.getMessage());
  }

  @Test
  void currentGitCommit_isAShortHashOrEmpty() {
    Optional<String> commit = RunInfo.currentGitCommit();
    assertTrue(commit.isEmpty() || commit.get().matches("[0-9a-f]{4,40}"), commit.toString());
  }

  @Test
  void constructor_whenThreadsBelowOne_throws() {
    assertThrows(IllegalArgumentException.class, () -> new RunInfo("train", "train", List.of(), "v",
        Optional.empty(), OptionalLong.empty(), 0, Optional.empty(), "t", 1, RunInfo.OBJECTIVE,
        Map.of()));
  }

  /**
   * Absent values are empty Optionals in Java and nulls in run.json, both ways; a run.json
   * without those fields at all (an older or hand-written one) reads as empty too, never null.
   */
  @Test
  void read_absentSeedCommitDataAndHash_areEmpty() throws IOException {
    new RunInfo("path", "path", List.of(), "v", Optional.empty(), OptionalLong.empty(), 1,
        Optional.of(RunInfo.DataFile.unhashed("digits/")), "t", 1, RunInfo.OBJECTIVE, Map.of())
        .write(temp);
    JsonNode json = new ObjectMapper().readTree(temp.resolve("run.json").toFile());
    assertTrue(json.get("seed").isNull(), json.toString());
    assertTrue(json.get("git_commit").isNull(), json.toString());
    assertTrue(json.get("data").get("sha256").isNull(), json.toString());
    RunInfo back = RunInfo.read(temp);
    assertEquals(OptionalLong.empty(), back.seed());
    assertEquals(Optional.empty(), back.gitCommit());
    assertEquals(Optional.of(RunInfo.DataFile.unhashed("digits/")), back.data());

    Files.writeString(temp.resolve("run.json"), "{\"kind\": \"path\", \"command\": \"path\","
        + " \"threads\": 1, \"data\": {\"path\": \"x.csv\"}}");
    RunInfo old = RunInfo.read(temp);
    assertEquals(OptionalLong.empty(), old.seed());
    assertEquals(Optional.empty(), old.gitCommit());
    assertEquals(Optional.empty(), old.data().orElseThrow().sha256());
    assertThrows(NullPointerException.class, () -> new RunInfo("path", "path", List.of(), "v",
        null, OptionalLong.empty(), 1, Optional.empty(), "t", 1, RunInfo.OBJECTIVE, Map.of()));
  }
}
