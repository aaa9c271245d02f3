package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.RocCurve;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The ROC curves of a two-class path's out-of-fold predictions (out-of-fold.csv, {@code path
 * --out-of-fold}) at λ_min and λ_1se: every row scored by the path fitted without its fold,
 * the honest curve of the chosen models ({@link RocCurve}). Stateless and thread-safe.
 */
final class OutOfFoldRoc {
  private OutOfFoldRoc() {}

  /**
   * The chart, or empty when the run has no out-of-fold.csv beside {@code pathJson}, no
   * cross-validation or not two classes.
   *
   * @param root path.json's content, of which {@code path} was read
   * @throws InputException for an out-of-fold.csv that is not the file path wrote, naming its
   *     line
   */
  static Optional<ReportChart> chart(Path pathJson, JsonNode root, PathData path,
      String prefix, String suffix) {
    Path file = pathJson.resolveSibling("out-of-fold.csv");
    if (path.cv().isEmpty() || !"binomial".equals(path.family()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode names = root.get("class_names");
    if (names == null || names.size() != 2) {
      return Optional.empty();
    }
    List<String> classes = List.of(names.get(0).asText(), names.get(1).asText());
    String second = classes.get(1);
    PathData.CrossValidation cv = path.cv().get();
    int min = nearest(path.lambda(), cv.lambdaMin());
    int oneSe = nearest(path.lambda(), cv.lambda1se());
    List<double[]> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    read(file, path.numLambdas(), min, oneSe, classes, scores, labels);
    JsonNode rows = root.get("rows");
    if (rows != null && rows.canConvertToInt() && rows.asInt() != labels.size()) {
      // a last row deleted leaves every other line as path wrote it
      throw new InputException(file + ":" + (labels.size() + 1) + ": " + labels.size()
          + " rows, expected " + rows.asInt() + " (path.json's \"rows\": one per data row)");
    }
    boolean[] secondClass = new boolean[labels.size()];
    double[] atMin = new double[labels.size()];
    double[] at1se = new double[labels.size()];
    for (int i = 0; i < secondClass.length; i++) {
      secondClass[i] = labels.get(i);
      atMin[i] = scores.get(i)[0];
      at1se[i] = scores.get(i)[1];
    }
    RocCurve rocMin;
    RocCurve roc1se;
    try {
      rocMin = RocCurve.of(atMin, secondClass);
      roc1se = RocCurve.of(at1se, secondClass);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage());
    }
    XYChart chart = ChartTheme.xy(prefix + "Out-of-fold ROC curve", "false positive rate",
        "true positive rate (" + second + ")");
    XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
    chance.setMarker(SeriesMarkers.NONE);
    chance.setLineColor(ChartTheme.GUIDE);
    chance.setLineStyle(ChartTheme.DOTTED);
    add(chart, "λ_min = " + Html.number(path.lambda(min)), rocMin, ChartTheme.MARK);
    if (oneSe != min) {
      add(chart, "λ_1se = " + Html.number(path.lambda(oneSe)), roc1se, ChartTheme.color(0));
    }
    return Optional.of(new ReportChart("out-of-fold-roc" + suffix, "Each row scored by the"
        + " path fitted without its fold (out-of-fold.csv), at λ_min and λ_1se: the ROC curves"
        + " of the chosen models on rows they did not see. Areas (the out-of-fold AUC): "
        + Html.number(rocMin.area()) + " at λ_min, " + Html.number(roc1se.area())
        + " at λ_1se.", chart));
  }

  private static void add(XYChart chart, String name, RocCurve roc, java.awt.Color colour) {
    XYSeries s = chart.addSeries(name + ", AUC " + Html.number(roc.area()),
        roc.falsePositiveRate(), roc.truePositiveRate());
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
  }

  /** The index of the λ nearest {@code value} (path.json's λ_min is one of its λ). */
  static int nearest(double[] lambda, double value) {
    int best = 0;
    for (int l = 1; l < lambda.length; l++) {
      if (Math.abs(lambda[l] - value) < Math.abs(lambda[best] - value)) {
        best = l;
      }
    }
    return best;
  }

  /**
   * Each row's scores at λ indices {@code a} and {@code b} and whether y is the second of
   * {@code classes}. The file is refused, naming its line, unless it is as path --out-of-fold
   * writes it for the {@code m} λ of path.json: the header row, fold, y, s0 … s(m−1), then data
   * row i on line i + 1 with its number i, one of the two classes and m numbers.
   */
  private static void read(Path file, int m, int a, int b, List<String> classes,
      List<double[]> scores, List<Boolean> labels) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      List<String> expected = header(m);
      List<String> found = header == null ? List.of() : cells(header);
      if (!found.equals(expected)) {
        throw new InputException(file + ":1: expected the header row,fold,y,s0,…,s" + (m - 1)
            + " that path --out-of-fold writes (row, fold, y and one column per λ of path.json,"
            + " " + m + "), found " + difference(found, expected));
      }
      int line = 1;
      for (String text = r.readLine(); text != null; text = r.readLine()) {
        line++;
        List<String> cells = cells(text);
        if (cells.size() != 3 + m) {
          throw new InputException(file + ":" + line + ": " + cells.size() + " fields, expected "
              + (3 + m) + " (row, fold, y and one per λ of path.json)");
        }
        if (!cells.get(0).equals(String.valueOf(line - 1))) {
          // a deleted (or moved) row shifts every later one: the ROC would be of other rows
          throw new InputException(file + ":" + line + ": row \"" + cells.get(0) + "\", expected "
              + (line - 1) + ": path --out-of-fold writes every data row, numbered 1, 2, … in"
              + " data order; a row is missing or out of order");
        }
        if (!classes.contains(cells.get(2))) {
          throw new InputException(file + ":" + line + ": y \"" + cells.get(2) + "\" is neither"
              + " of path.json's class_names, \"" + classes.get(0) + "\" and \"" + classes.get(1)
              + "\"");
        }
        try {
          scores.add(new double[] {Double.parseDouble(cells.get(3 + a)),
              Double.parseDouble(cells.get(3 + b))});
        } catch (NumberFormatException e) {
          throw new InputException(file + ":" + line + ": a linear predictor that is not a"
              + " number", e);
        }
        labels.add(cells.get(2).equals(classes.get(1)));
      }
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.cannotRead(file.toString(), e);
    }
  }

  /** The header path --out-of-fold writes for a binomial path of {@code m} λ. */
  private static List<String> header(int m) {
    List<String> header = new ArrayList<>(List.of("row", "fold", "y"));
    for (int l = 0; l < m; l++) {
      header.add("s" + l);
    }
    return header;
  }

  /** How {@code found} differs from {@code expected}: its length, else its first other name. */
  private static String difference(List<String> found, List<String> expected) {
    if (found.size() != expected.size()) {
      return found.size() + (found.size() == 1 ? " column" : " columns");
    }
    int c = 0;
    while (found.get(c).equals(expected.get(c))) {
      c++;
    }
    return "\"" + found.get(c) + "\" in column " + (c + 1) + " where \"" + expected.get(c)
        + "\" belongs";
  }

  /** The fields of one CSV line, "…" quoting with "" for a quote (CsvWriter's). */
  static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
