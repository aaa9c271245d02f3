package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.ElasticNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate --roc FILE: the two-class model's ROC curve as CSV, whose trapezoid area is the AUC
 * evaluate prints; refused, with nothing written, for a model of other than two classes and for
 * rows all of one class.
 */
class EvaluateRocTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder classes = new StringBuilder("a,b,label\n");
    StringBuilder down = new StringBuilder("a,b,label\n");
    StringBuilder real = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 60; i++) {
      // a rounded feature: rows with equal scores of both classes, ties for the curve
      String ab = Math.round(2 * Math.sin(i)) + "," + Math.round(Math.cos(3 * i)) + ",";
      String label = Math.sin(i) + 0.8 * Math.sin(5 * i) > Math.cos(3 * i) ? "up" : "down";
      classes.append(ab).append(label).append('\n');
      if (label.equals("down")) {
        down.append(ab).append(label).append('\n');
      }
      real.append(ab).append(Math.sin(i)).append('\n');
    }
    Files.writeString(dir.resolve("label.csv"), classes);
    Files.writeString(dir.resolve("down.csv"), down);
    Files.writeString(dir.resolve("y.csv"), real);
    ElasticNet.binomial().lambda(0.01).build()
        .fit(Dataset.read(dir.resolve("label.csv"), "label", TargetKind.CLASS))
        .save(dir.resolve("two.model"));
    ElasticNet.gaussian().lambda(0.01).build()
        .fit(Dataset.read(dir.resolve("y.csv"), "y", TargetKind.REAL))
        .save(dir.resolve("linear.model"));
  }

  private static InProcess evaluate(String model, String data, String target, Path roc) {
    return InProcess.run("evaluate", "--model", dir.resolve(model).toString(), "--data",
        dir.resolve(data).toString(), "--target", target, "--json", "--roc", roc.toString());
  }

  @Test
  void rocCsv_trapezoidAreaIsThePrintedAuc_fromInfToOne() throws Exception {
    Path file = dir.resolve("out").resolve("roc.csv");
    InProcess r = evaluate("two.model", "label.csv", "label", file);
    assertEquals(0, r.exit(), r.err());
    double auc = JSON.readTree(r.out()).get("auc").asDouble();
    List<String[]> rows = Files.readAllLines(file).stream().map(l -> l.split(",")).toList();
    assertEquals(List.of("threshold", "fpr", "tpr"), List.of(rows.get(0)));
    assertEquals(List.of("inf", "0.0", "0.0"), List.of(rows.get(1)));
    String[] last = rows.get(rows.size() - 1);
    assertEquals(1.0, Double.parseDouble(last[1]), 0.0);
    assertEquals(1.0, Double.parseDouble(last[2]), 0.0);
    double area = 0;
    double previous = Double.POSITIVE_INFINITY;
    for (int j = 2; j < rows.size(); j++) {
      double threshold = Double.parseDouble(rows.get(j)[0]);
      assertTrue(threshold < previous, "thresholds decrease, distinct: row " + j);
      previous = threshold;
      double dx = Double.parseDouble(rows.get(j)[1]) - Double.parseDouble(rows.get(j - 1)[1]);
      area += dx * (Double.parseDouble(rows.get(j)[2]) + Double.parseDouble(rows.get(j - 1)[2]))
          / 2;
    }
    // fewer points than rows: the rounded features tie rows, and each tie is one point
    assertTrue(rows.size() - 2 < 60, "points " + (rows.size() - 2));
    assertEquals(auc, area, 1e-12);
  }

  @Test
  void refused_forARegressor_andRowsOfOneClass_nothingWritten() {
    Path file = dir.resolve("refused.csv");
    InProcess regressor = evaluate("linear.model", "y.csv", "y", file);
    assertEquals(2, regressor.exit());
    assertTrue(regressor.err().contains("--roc: --model") && regressor.err().contains(
        "a regressor; the ROC curve is of a two-class model's scores"), regressor.err());
    InProcess oneClass = evaluate("two.model", "down.csv", "label", file);
    assertEquals(2, oneClass.exit());
    assertTrue(oneClass.err().contains("is of one class, so there is no ROC curve"),
        oneClass.err());
    assertFalse(Files.exists(file));
    for (InProcess r : List.of(regressor, oneClass)) {
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void refused_beforeWork_whenTheFileCannotBeWritten() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    InProcess r = evaluate("two.model", "label.csv", "label", folder);
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("ROC curve (--roc)"), r.err());
    assertEquals("", r.out());
  }
}
