package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path report names the λ the run saved (userwalk42: after {@code --save-lambda 1se} it
 * highlighted λ_min), ridge's report its criterion's choice, and a grouped multinomial path's
 * report the grouped objective.
 */
class SavedLambdaReportTest {
  @TempDir Path temp;

  private static final Pattern BEST = Pattern.compile("<tr class=\"best\"><td>([^<]*)</td>"
      + "<td>([^<]*)</td>");

  private static Matcher best(String html) {
    Matcher m = BEST.matcher(html);
    assertTrue(m.find(), "a highlighted row");
    return m;
  }

  private static ObjectNode json(Path file) {
    return (ObjectNode) JsonFiles.read(file);
  }

  private static void write(Path file, ObjectNode node) throws IOException {
    Files.writeString(file, JsonFiles.MAPPER.writeValueAsString(node));
  }

  /** run.json's settings of a path that saved the model at {@code choice}. */
  private Path saved(String choice, String lambdaKey) throws IOException {
    Path dir = SampleRuns.path(temp.resolve("run"));
    double lambda = json(dir.resolve("path.json")).path("cv").path(lambdaKey).asDouble();
    ObjectNode run = json(dir.resolve("run.json"));
    ((ObjectNode) run.get("settings")).put("save_lambda", choice).put("lambda_saved", lambda);
    write(dir.resolve("run.json"), run);
    return dir;
  }

  @Test
  void savedAtLambda1se_highlightsAndNamesTheLambda1seRow() throws IOException {
    Path dir = saved("1se", "lambda_1se");
    String html = Files.readString(HtmlReport.write(dir));
    assertEquals("λ_1se (saved)", best(html).group(1));
    assertTrue(html.contains("<td>λ_min</td>"), "λ_min keeps its row");
    assertTrue(html.contains("Highlighted: λ_1se = "), html);
    assertTrue(html.contains("the λ of the model path --save wrote (--save-lambda 1se)."));
  }

  @Test
  void savedAtLambdaMin_highlightsTheLambdaMinRowAsBefore() throws IOException {
    Path dir = saved("min", "lambda_min");
    String html = Files.readString(HtmlReport.write(dir));
    assertEquals("λ_min (saved)", best(html).group(1));
  }

  @Test
  void savedAtANumber_saysWhichLambdaTheModelHas() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("run"));
    ObjectNode run = json(dir.resolve("run.json"));
    ((ObjectNode) run.get("settings")).put("save_lambda", "0.05").put("lambda_saved", 0.05);
    write(dir.resolve("run.json"), run);
    String html = Files.readString(HtmlReport.write(dir));
    assertFalse(html.contains("<tr class=\"best\">"), "no row is the saved model's");
    assertTrue(html.contains("The model path --save wrote is the fit at λ = 0.05"), html);
  }

  @Test
  void withoutSave_thePageIsAsBefore() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("run"));
    String html = Files.readString(HtmlReport.write(dir));
    assertEquals("λ_min", best(html).group(1));
    assertFalse(html.contains("saved"), "nothing said of a model");
  }

  /** A ridge run: its own title, GCV and LOO columns, the criterion's choice highlighted. */
  @Test
  void ridge_hasItsTitleAndTheCriterionsChoiceRow() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("run"));
    ObjectNode path = json(dir.resolve("path.json"));
    path.remove("cv");
    ArrayNode lambda = (ArrayNode) path.get("lambda");
    ArrayNode gcv = path.putArray("gcv");
    ArrayNode loo = path.putArray("loo");
    int chosen = 17;
    for (int i = 0; i < lambda.size(); i++) {
      gcv.add(1 + (i - chosen) * (i - chosen) / 100.0);
      loo.add(2 + (i - 20) * (i - 20) / 100.0);
    }
    path.put("criterion", "gcv").put("lambda_chosen", lambda.get(chosen).asDouble());
    write(dir.resolve("path.json"), path);
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains("<span class=\"kind\">ridge</span>"), "titled ridge");
    Matcher row = best(html);
    assertEquals("GCV's choice", row.group(1));
    assertEquals(Html.number(lambda.get(chosen).asDouble()), row.group(2));
    assertTrue(html.contains("<th>GCV</th><th>leave-one-out MSE</th>"), html);
    assertTrue(html.contains("<td>" + Html.number(1.0) + "</td><td>"
        + Html.number(2 + 9 / 100.0) + "</td>"), "the chosen row's GCV and LOO");
  }

  @Test
  void groupedMultinomialPath_statesTheGroupedObjective() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("run"));
    ObjectNode path = json(dir.resolve("path.json"));
    path.put("multinomial_penalty", "grouped");
    write(dir.resolve("path.json"), path);
    String html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains(Html.escape(HtmlReport.GROUPED_OBJECTIVE)), "grouped objective");
    assertTrue(HtmlReport.GROUPED_OBJECTIVE.contains("α ‖wⱼ‖₂"));

    path.put("multinomial_penalty", "ungrouped");
    write(dir.resolve("path.json"), path);
    html = Files.readString(HtmlReport.write(dir));
    assertTrue(html.contains(Html.escape(RunInfo.OBJECTIVE)), "ungrouped: the generic one");
    assertFalse(html.contains("‖wⱼ‖₂"));

    path.put("multinomial_penalty", "Grouped");
    write(dir.resolve("path.json"), path);
    InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir));
    assertTrue(e.getMessage().contains("\"multinomial_penalty\" must be \"ungrouped\" or"
        + " \"grouped\", found \"Grouped\""), e.getMessage());
  }
  /**
   * path.json's "saved" (path --save writes it since pathsave43) is read back: the report
   * highlights the row it names with no save_lambda in run.json, and a malformed object is
   * refused naming the file and the key. Before, the key was ignored: λ_min was highlighted
   * and the malformed ones drew a report.
   */
  @Test
  void pathJsonSaved_isReadBack_andAMalformedOneIsRefused() throws IOException {
    Path dir = SampleRuns.path(temp.resolve("run"));
    ObjectNode path = json(dir.resolve("path.json"));
    double lambda1se = path.path("cv").path("lambda_1se").asDouble();
    path.putObject("saved").put("save_lambda", "1se").put("lambda", lambda1se).putNull("gamma");
    write(dir.resolve("path.json"), path);
    assertFalse(Files.readString(dir.resolve("run.json")).contains("save_lambda"));
    String html = Files.readString(HtmlReport.write(dir));
    assertEquals("λ_1se (saved)", best(html).group(1));
    assertTrue(html.contains("the λ of the model path --save wrote (--save-lambda 1se)."));

    String[][] bad = {
        {"[1]", "\"saved\" must be an object"},
        {"{\"save_lambda\": 3, \"lambda\": 0.1, \"gamma\": null}", "saved.save_lambda must"},
        {"{\"save_lambda\": \"min\", \"gamma\": null}", "saved: missing field \"lambda\""},
        {"{\"save_lambda\": \"min\", \"lambda\": -1, \"gamma\": null}",
            "saved: field \"lambda\": expected a finite λ ≥ 0"},
        {"{\"save_lambda\": \"min\", \"lambda\": 0.1, \"gamma\": 2}",
            "saved.gamma must be a γ in [0, 1]"}};
    for (String[] b : bad) {
      path.set("saved", JsonFiles.MAPPER.readTree(b[0]));
      write(dir.resolve("path.json"), path);
      InputException e = assertThrows(InputException.class, () -> HtmlReport.write(dir), b[0]);
      assertTrue(e.getMessage().contains("path.json: " + b[1]), e.getMessage());
    }
  }
}
