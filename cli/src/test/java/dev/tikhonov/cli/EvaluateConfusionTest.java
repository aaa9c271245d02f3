package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.estimate.Classifier;
import dev.tikhonov.estimate.ConfusionMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate --confusion prints a classifier's confusion matrix, rows the true class and columns
 * the predicted one, labelled by the model's classes: on data/wine.csv, the multinomial lasso
 * that path fits at glmnet's λ gives scikit-learn's {@code confusion_matrix} of glmnet's fit
 * (core/src/test/resources/ref/make_evaluate_confusion.py, ref/real/wine-confusion.csv),
 * counted and with {@code sample_weight=w}, as text and as --json; a regressor is refused.
 */
class EvaluateConfusionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REF = Path.of("..", "core", "src", "test", "resources", "ref",
      "real");
  private static final List<String> CULTIVARS = List.of("class_0", "class_1", "class_2");
  @TempDir static Path dir;
  private static Path wine;
  private static Path multinomial;
  private static double lambda;
  /** scikit-learn's matrices, "counts" and "weights", [actual][predicted] in CULTIVARS order. */
  private static final Map<String, double[][]> SKLEARN = new LinkedHashMap<>();

  @BeforeAll
  static void files() throws Exception {
    for (String[] r : rows(REF.resolve("wine-confusion.csv"))) {
      lambda = Double.parseDouble(r[0]);
      SKLEARN.computeIfAbsent(r[1], k -> new double[3][3])
          [CULTIVARS.indexOf(r[2])][CULTIVARS.indexOf(r[3])] = Double.parseDouble(r[4]);
    }
    // data/wine.csv with the reference's weight column w beside it
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    List<String> w = Files.readAllLines(REF.resolve("wine-confusion-weights.csv"));
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      csv.append(lines.get(i)).append(',').append(w.get(i)).append('\n');
    }
    wine = Files.writeString(dir.resolve("wine_w.csv"), csv);
    multinomial = dir.resolve("wine.model");
    InProcess r = InProcess.run("path", "--data", wine.toString(), "--target", "cultivar",
        "--ignore-columns", "w", "--family", "multinomial", "--lambdas",
        Double.toString(lambda), "--save", multinomial.toString(), "--out",
        dir.resolve("p").toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
  }

  private static List<String[]> rows(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
  }

  private static InProcess evaluate(String... more) {
    List<String> args = new ArrayList<>(List.of("evaluate", "--threads", "1", "--model",
        multinomial.toString(), "--data", wine.toString(), "--target", "cultivar"));
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  /**
   * The table printed below the header line that starts with {@code header}: its first line
   * the labels, then one line per true class, the label first. The cells as numbers.
   */
  private static double[][] printedTable(String out, String header, List<String> labels) {
    List<String> lines = out.lines().toList();
    int at = 0;
    while (at < lines.size() && !lines.get(at).startsWith(header)) {
      at++;
    }
    assertTrue(at < lines.size(), "no line \"" + header + "…\": " + out);
    assertEquals(labels, List.of(lines.get(at + 1).trim().split(" +")), out);
    double[][] cells = new double[labels.size()][labels.size()];
    for (int k = 0; k < labels.size(); k++) {
      String[] words = lines.get(at + 2 + k).trim().split(" +");
      assertEquals(labels.get(k), words[0], out);
      assertEquals(labels.size() + 1, words.length, out);
      for (int l = 0; l < labels.size(); l++) {
        cells[k][l] = Double.parseDouble(words[l + 1]);
      }
    }
    assertEquals(at + 2 + labels.size(), lines.size(), "the table ends the output: " + out);
    return cells;
  }

  @Test
  void confusion_text_isScikitLearnsConfusionMatrix_rowsTheTrueClass() {
    InProcess r = evaluate("--confusion");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith(multinomial + " on " + wine + ": 178 rows, loss "), r.out());
    double[][] printed = printedTable(r.out(), "confusion matrix, rows: true class, columns: "
        + "predicted class (counts of rows):", CULTIVARS);
    assertMatrixEquals(SKLEARN.get("counts"), printed);
    assertFalse(r.out().contains(".0 "), "counts as integers: " + r.out());
  }

  @Test
  void confusion_weighted_text_isScikitLearnsSampleWeightMatrix_saidInTheHeader() {
    InProcess r = evaluate("--confusion", "--weights", "w");
    assertEquals(0, r.exit(), r.err());
    double[][] printed = printedTable(r.out(), "confusion matrix weighted by w, rows: true "
        + "class, columns: predicted class (each cell the Σw of its rows):", CULTIVARS);
    assertMatrixEquals(SKLEARN.get("weights"), printed);
  }

  @Test
  void confusion_json_labelsCountsAndWeights_areScikitLearns() throws Exception {
    InProcess plain = evaluate("--confusion", "--json");
    assertEquals(0, plain.exit(), plain.err());
    JsonNode c = JSON.readTree(plain.out()).get("confusion");
    assertEquals(CULTIVARS, labels(c), plain.out());
    assertMatrixEquals(SKLEARN.get("counts"), matrix(c.get("counts"), true));
    assertTrue(c.path("weights").isMissingNode(), plain.out());
    InProcess weighted = evaluate("--confusion", "--json", "--weights", "w");
    assertEquals(0, weighted.exit(), weighted.err());
    JsonNode w = JSON.readTree(weighted.out()).get("confusion");
    assertEquals(CULTIVARS, labels(w), weighted.out());
    assertMatrixEquals(SKLEARN.get("counts"), matrix(w.get("counts"), true));
    assertMatrixEquals(SKLEARN.get("weights"), matrix(w.get("weights"), false));
  }

  @Test
  void withoutConfusion_theOutputIsAsBefore() throws Exception {
    InProcess text = evaluate();
    assertEquals(1, text.out().lines().count(), text.out());
    assertTrue(JSON.readTree(evaluate("--json").out()).path("confusion").isMissingNode());
  }

  @Test
  void confusion_ofARegressor_isRefusedNamingTheFlag() throws Exception {
    Path linear = dir.resolve("alcohol.model");
    InProcess fit = InProcess.run("path", "--data", wine.toString(), "--target", "alcohol",
        "--ignore-columns", "cultivar,w", "--lambdas", "0.1", "--save", linear.toString(),
        "--out", dir.resolve("g").toString(), "--quiet");
    assertEquals(0, fit.exit(), fit.err());
    InProcess r = InProcess.run("evaluate", "--model", linear.toString(), "--data",
        wine.toString(), "--target", "alcohol", "--ignore-columns", "cultivar",
        "--confusion");
    assertEquals(2, r.exit(), r.err());
    assertEquals("tikhonov: error: --confusion: --model " + linear + " is a regressor; a "
        + "confusion matrix counts a classifier's rows by true and predicted class; leave "
        + "--confusion out", r.err().strip());
    assertEquals("", r.out());
  }

  /** A network of ten digit classes, labelled 0…9 as data/digits.csv.gz spells them. */
  @Test
  void confusion_ofANetwork_isTheLibrarysMatrix_labelledByTheDigits() throws Exception {
    Path digits = Path.of("..", "data", "digits.csv.gz");
    Path network = dir.resolve("digits.model");
    InProcess fit = InProcess.run("train", "--data", digits.toString(), "--target", "label",
        "--model", "mlp:16", "--epochs", "3", "--threads", "1", "--standardize", "--quiet",
        "--save", network.toString(), "--out", dir.resolve("d").toString());
    assertEquals(0, fit.exit(), fit.err());
    InProcess r = InProcess.run("evaluate", "--threads", "1", "--model", network.toString(),
        "--data", digits.toString(), "--target", "label", "--confusion");
    assertEquals(0, r.exit(), r.err());
    Classifier model = Classifier.load(network);
    List<String> labels = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertEquals(labels, model.classNames());
    Dataset rows = CsvReader.readLabelled(digits, model.featureNames(), "label", labels,
        CsvOptions.defaults());
    ConfusionMatrix library = model.confusionMatrix(rows);
    double[][] expected = new double[10][];
    for (int k = 0; k < 10; k++) {
      expected[k] = Arrays.stream(library.counts()[k]).asDoubleStream().toArray();
    }
    assertMatrixEquals(expected, printedTable(r.out(), "confusion matrix, rows: true class",
        labels));
  }

  private static List<String> labels(JsonNode confusion) {
    List<String> out = new ArrayList<>();
    confusion.get("labels").forEach(l -> out.add(l.asText()));
    return out;
  }

  private static double[][] matrix(JsonNode rows, boolean integers) {
    double[][] out = new double[rows.size()][];
    for (int k = 0; k < rows.size(); k++) {
      JsonNode row = rows.get(k);
      out[k] = new double[row.size()];
      for (int l = 0; l < row.size(); l++) {
        assertEquals(integers, row.get(l).isIntegralNumber(), rows.toString());
        out[k][l] = row.get(l).asDouble();
      }
    }
    return out;
  }

  /** Exactly: counts, and sums of halves, are exact in double. */
  private static void assertMatrixEquals(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int k = 0; k < expected.length; k++) {
      assertEquals(Arrays.toString(expected[k]), Arrays.toString(actual[k]),
          "row " + k);
    }
  }
}
