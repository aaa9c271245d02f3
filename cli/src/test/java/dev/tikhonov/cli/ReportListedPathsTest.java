package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report DIR} on a run.json whose {@code "files"} was edited by hand (or is hostile).
 * A path with a NUL character failed the whole report with the JDK's {@code Nul character not
 * allowed}, naming no run.json; an absolute path, a path out of DIR ({@code ../../etc/x}) or an
 * entry that is no {"path", "size", "sha256"} object went without a word. Now each gets a
 * warning naming DIR/run.json and the entry, and the report is drawn (exit 0). Entries that
 * name path.csv in another spelling ({@code x/../path.csv}, {@code ./path.csv},
 * {@code path.csv/}) were each named missing beside path.csv itself; now path.csv once. No
 * entry leading out of DIR makes {@code report} or a later run into DIR remove a file there.
 */
class ReportListedPathsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIABETES = Path.of("..", "data", "diabetes.csv");
  @TempDir Path dir;

  private Path ridge() {
    Path out = dir.resolve("ridge");
    InProcess.ridgeRun(out);
    return out;
  }

  /** Appends {@code entries} (JSON) to the list of {@code out}/run.json. */
  private static void list(Path out, String entries) throws Exception {
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    ((ArrayNode) run.get("files")).addAll((ArrayNode) JSON.readTree(entries));
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
  }

  private static String warning(Path out, int index, String entry, String why) {
    return "tikhonov: warning: " + out.resolve("run.json") + ": files[" + index + "] " + entry
        + " " + why + "; no file is looked for by it, and no run removes a file by it";
  }

  private static int listed(Path out) throws Exception {
    return JSON.readTree(out.resolve("run.json").toFile()).get("files").size();
  }

  private static String[] lines(InProcess r) {
    return r.err().isEmpty() ? new String[0] : r.err().split("\n");
  }

  @Test
  void aPathWithANulCharacter_isNamedWithRunJson_andTheReportIsDrawn() throws Exception {
    Path out = ridge();
    int n = listed(out);
    list(out, "[{\"path\": \"a\\u0000b\", \"size\": 1, \"sha256\": \"00\"}, \"a\\u0000b\"]");
    Files.delete(out.resolve("report.html"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals(2, lines(report).length, report.err());
    assertEquals(warning(out, n, "{\"path\":\"a\\u0000b\",\"size\":1,\"sha256\":\"00\"}",
        "has a path that holds a NUL character (\\u0000), which no file name can"),
        lines(report)[0]);
    assertEquals(warning(out, n + 1, "\"a\\u0000b\"",
        "is a string, not an object {\"path\", \"size\", \"sha256\"}"), lines(report)[1]);
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
  }

  @Test
  void absoluteEscapingAndNonStringPaths_eachGetAWarning_andTheReportIsDrawn()
      throws Exception {
    Path out = ridge();
    int n = listed(out);
    list(out, "[{\"path\": \"/etc/passwd\", \"size\": 1, \"sha256\": \"00\"},"
        + " {\"path\": \"../../etc/x\", \"size\": 1, \"sha256\": \"00\"},"
        + " {\"path\": 3, \"size\": 1, \"sha256\": \"00\"},"
        + " {\"path\": \".\", \"size\": 1, \"sha256\": \"00\"}, {\"path\": \"path.csv\"}]");
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    String[] lines = lines(report);
    assertEquals(5, lines.length, report.err());
    assertEquals(warning(out, n, "{\"path\":\"/etc/passwd\",\"size\":1,\"sha256\":\"00\"}",
        "has an absolute path, where the list holds paths inside ridge, relative to it"),
        lines[0]);
    assertEquals(warning(out, n + 1, "{\"path\":\"../../etc/x\",\"size\":1,\"sha256\":\"00\"}",
        "has a path that leads out of the run directory (..)"), lines[1]);
    assertEquals(warning(out, n + 2, "{\"path\":3,\"size\":1,\"sha256\":\"00\"}",
        "has a \"path\" that is a number, not a string"), lines[2]);
    assertEquals(warning(out, n + 3, "{\"path\":\".\",\"size\":1,\"sha256\":\"00\"}",
        "names the run directory itself, not a file in it"), lines[3]);
    assertEquals(warning(out, n + 4, "{\"path\":\"path.csv\"}", "lacks the whole-number"
        + " \"size\" or the \"sha256\" string that a run lists with each path"), lines[4]);
  }

  /**
   * The {@code files[N]} a warning names is the entry N of run.json as the report leaves it,
   * the file the user opens. The report rewrote its charts' entries by removing them and adding
   * the new ones at the end, so that an entry listed after a chart was named by its index
   * before: files[9] named ../last, which the file held at 3, its files[9] a chart (failed
   * before).
   */
  @Test
  void theIndexNamed_isTheEntrysIndexInRunJsonAfterTheReport() throws Exception {
    Path out = ridge();
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    ArrayNode files = (ArrayNode) run.get("files");
    assertTrue(files.get(0).get("path").asText().startsWith("charts/"),
        "the case tested: the run lists its charts (first, by name) before its last entry");
    files.insert(0, JSON.readTree("{\"path\": \"/etc/first\", \"size\": 1,"
        + " \"sha256\": \"00\"}"));
    files.add(JSON.readTree("{\"path\": \"../last\", \"size\": 1, \"sha256\": \"00\"}"));
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    String[] lines = lines(report);
    assertEquals(2, lines.length, report.err());
    ArrayNode after = (ArrayNode) JSON.readTree(out.resolve("run.json").toFile()).get("files");
    java.util.regex.Pattern named = java.util.regex.Pattern.compile(
        ": files\\[(\\d+)\\] (\\{.*?\\}) ");
    for (String line : lines) {
      java.util.regex.Matcher m = named.matcher(line);
      assertTrue(m.find(), line);
      int index = Integer.parseInt(m.group(1));
      assertTrue(index < after.size(), line + "\n" + after);
      assertEquals(m.group(2), after.get(index).toString(), line);
    }
  }

  @Test
  void filesThatIsNoList_isNamed() throws Exception {
    Path out = ridge();
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    run.put("files", "path.csv");
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals("tikhonov: warning: " + out.resolve("run.json") + ": \"files\" is a string,"
        + " not a list of the run's files ({\"path\", \"size\", \"sha256\"} each); no file is"
        + " looked for by it, and no run removes a file by it", report.err());
  }

  @Test
  void pathCsvSpelledThreeWays_isNamedMissingOnce() throws Exception {
    Path out = ridge();
    list(out, "[{\"path\": \"x/../path.csv\", \"size\": 1, \"sha256\": \"00\"},"
        + " {\"path\": \"./path.csv\", \"size\": 1, \"sha256\": \"00\"},"
        + " {\"path\": \"path.csv/\", \"size\": 1, \"sha256\": \"00\"}]");
    Files.delete(out.resolve("path.csv"));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    assertEquals("tikhonov: warning: path.csv in " + out + " is missing, though a ridge run"
        + " writes it (deleted or moved since, or the run stopped before it); the report is"
        + " drawn from the files that are there", report.err());
  }

  /** A listed chart in another spelling is the chart the report draws: replaced, not kept. */
  @Test
  void aChartListedInAnotherSpelling_isReplacedByTheOneDrawn() throws Exception {
    Path out = ridge();
    ObjectNode run = (ObjectNode) JSON.readTree(out.resolve("run.json").toFile());
    String chart = null;
    for (var f : run.get("files")) {
      if (f.get("path").asText().startsWith("charts/")) {
        ((ObjectNode) f).put("path", "./" + f.get("path").asText());
        chart = f.get("path").asText();
        break;
      }
    }
    Files.writeString(out.resolve("run.json"), JSON.writeValueAsString(run));
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    for (var f : JSON.readTree(out.resolve("run.json").toFile()).get("files")) {
      assertFalse(f.get("path").asText().equals(chart), chart + " is still listed");
    }
  }

  /**
   * A file outside DIR, listed with its very size and SHA-256 (as if the run wrote it) by a
   * path out of DIR, is neither removed by {@code report} nor by the next run into DIR; and one
   * reached through a symbolic link in DIR is not read (no "differs" warning of it).
   */
  @Test
  void entriesLeadingOutOfDir_removeNothingThere() throws Exception {
    Path out = ridge();
    Path victim = dir.resolve("victim.csv");
    Files.writeString(victim, "a,b\n1,2\n");
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path linked = elsewhere.resolve("path.csv");
    Files.writeString(linked, "x\n");
    Files.createSymbolicLink(out.resolve("link"), elsewhere);
    String size = Long.toString(Files.size(victim));
    String sha = sha256(victim);
    list(out, "[{\"path\": \"../victim.csv\", \"size\": " + size + ", \"sha256\": \"" + sha
        + "\"}, {\"path\": \"charts/../../victim.csv\", \"size\": " + size + ", \"sha256\": \""
        + sha + "\"}, {\"path\": \"" + victim + "\", \"size\": " + size + ", \"sha256\": \""
        + sha + "\"}, {\"path\": \"link/path.csv\", \"size\": 1, \"sha256\": \"00\"}]");
    InProcess report = InProcess.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    String[] lines = lines(report);
    assertEquals(4, lines.length, report.err());
    assertTrue(lines[3].contains("files[") && lines[3].contains("link/path.csv")
        && lines[3].endsWith("has a path that leads out of the run directory through a"
            + " symbolic link; no file is looked for by it, and no run removes a file by it"),
        lines[3]);
    InProcess rerun = InProcess.run("ridge", "--data", DIABETES.toString(), "--target",
        "progression", "--out", out.toString(), "--quiet");
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(Files.isRegularFile(victim), "victim.csv was removed");
    assertEquals("a,b\n1,2\n", Files.readString(victim));
    assertEquals("x\n", Files.readString(linked));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
