package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code ridge} run directory says it is one: run.json's {@code kind} is "ridge" (it said
 * "path", the kind of the folder ridge opened), and {@code report} draws it as a ridge run;
 * a ridge directory written before, whose run.json says "path", still reads as it did.
 */
class RidgeRunKindTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
  @TempDir Path dir;

  private Path ridge(String name) {
    Path out = dir.resolve(name);
    InProcess.ridgeRun(out);
    return out;
  }

  @Test
  void ridgeRun_runJsonKindIsRidge() throws Exception {
    Path out = ridge("run");
    JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
    assertEquals("ridge", run.get("kind").asText(), run.toString());
    assertEquals("ridge", run.get("command").asText());
  }

  @Test
  void reportOfARidgeRun_drawsItAsRidge() throws Exception {
    Path out = ridge("run");
    Files.delete(out.resolve("report.html"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals("", report.err());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<title>tikhonov report: ridge</title>"), html.substring(0, 400));
    assertTrue(html.contains("Closed-form ridge: GCV and leave-one-out"), "the criteria chart");
  }

  /** What an earlier tikhonov wrote stays readable: its ridge run.json says "path". */
  @Test
  void reportOfAnOlderRidgeRunWhoseRunJsonSaysPath_drawsItAsRidge() throws Exception {
    Path out = ridge("old");
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    run.put("kind", "path");
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    Files.delete(out.resolve("report.html"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals("", report.err());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<title>tikhonov report: ridge</title>"), html.substring(0, 400));
    assertTrue(html.contains("Closed-form ridge: GCV and leave-one-out"), "the criteria chart");
    assertEquals("path", JSON.readTree(out.resolve("run.json").toFile()).get("kind").asText(),
        "the report records its charts, and leaves the run's kind as it was written");
    // and a new ridge run into that folder takes it over as a ridge run's
    InProcess again = InProcess.run("ridge", "--data", DIABETES.toString(), "--target",
        "progression", "--out", out.toString(), "--quiet");
    assertEquals(0, again.exit(), again.err());
    assertFalse(again.err().contains("removed"), again.err());
    assertEquals("ridge", JSON.readTree(out.resolve("run.json").toFile()).get("kind").asText());
  }
}
