package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One epoch of a training history (history.csv / history.json of docs/formats.md). With the
 * objective {@code J = (1/n) Σ ℓ + λ·penalty}: {@code objective = trainLoss + penalty}. Values
 * that a run does not have (no validation set, regression accuracy) are NaN. Immutable, so
 * thread-safe; the static readers keep no state.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean data loss over the epoch's mini-batches
 * @param penalty the λ-term at the end of the epoch
 * @param objective trainLoss + penalty
 * @param valLoss mean data loss on the validation set, NaN when there is none
 * @param valAccuracy validation accuracy, NaN when there is none or for regression
 * @param weightNorm ‖w‖₂ over all weights
 * @param learningRate learning rate used in the epoch
 * @param seconds wall time of the epoch
 */
record EpochRow(
    int epoch,
    double trainLoss,
    double penalty,
    double objective,
    double valLoss,
    double valAccuracy,
    double weightNorm,
    double learningRate,
    double seconds) {

  static final List<String> COLUMNS =
      List.of(
          "epoch", "train_loss", "penalty", "objective", "val_loss", "val_accuracy",
          "weight_norm", "learning_rate", "seconds");

  /** Reads {@code dir/history.csv}, or {@code dir/history.json} when there is no CSV. */
  public static List<EpochRow> readHistory(Path dir) {
    Path csv = dir.resolve("history.csv");
    if (Files.isRegularFile(csv)) {
      return readCsv(csv);
    }
    Path json = dir.resolve("history.json");
    if (Files.isRegularFile(json)) {
      return readJson(json);
    }
    throw new InputException(dir + ": no history.csv or history.json");
  }

  /**
   * Reads a history.csv: a header naming the columns (any order), then one row per epoch with
   * as many cells as the header, epochs numbered 1, 2, … as every run writes them (a resumed
   * run's too); another file is refused naming its line, as a deleted or shifted row would be
   * drawn as another epoch's.
   */
  public static List<EpochRow> readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw dev.tikhonov.data.DataFiles.cannotRead(file.toString(), e);
    }
    if (lines.isEmpty()) {
      throw new InputException(file + ": empty file, expected a header line");
    }
    List<String> header = Arrays.asList(lines.get(0).trim().split(",", -1));
    int[] index = new int[COLUMNS.size()];
    for (int c = 0; c < index.length; c++) {
      index[c] = header.indexOf(COLUMNS.get(c));
    }
    if (index[0] < 0 || index[1] < 0) {
      throw InputException.at(file.toString(), 1, 0, "header must name epoch and train_loss, found " + lines.get(0));
    }
    List<EpochRow> rows = new ArrayList<>();
    for (int l = 1; l < lines.size(); l++) {
      String line = lines.get(l).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        // a cell too many or too few shifts the columns after it: each read as another's
        throw InputException.at(file.toString(), l + 1, 0, cells.length + " cells, expected "
            + header.size() + ", one per column of the header");
      }
      double[] v = new double[index.length];
      for (int c = 0; c < index.length; c++) {
        v[c] = index[c] < 0 ? Double.NaN : cell(cells, index[c], file, l + 1);
      }
      requireEpoch(v[0], rows.size() + 1, cells[index[0]].trim(), file + ":" + (l + 1));
      rows.add(of(v));
    }
    return List.copyOf(rows);
  }

  /**
   * Reads a history.json: an array of objects with the CSV's column names as keys, epochs
   * numbered 1, 2, … as in {@link #readCsv}.
   */
  public static List<EpochRow> readJson(Path file) {
    JsonNode array = JsonFiles.readArray(file);
    List<EpochRow> rows = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      double[] v = new double[COLUMNS.size()];
      String where = file + ": row " + (i + 1);
      for (int c = 0; c < v.length; c++) {
        v[c] = c < 2 ? JsonFiles.number(row, COLUMNS.get(c), where)
            : JsonFiles.optionalNumber(row, COLUMNS.get(c), where);
      }
      requireEpoch(v[0], i + 1, row.get("epoch").toString(), where);
      rows.add(of(v));
    }
    return List.copyOf(rows);
  }

  /**
   * Refuses an epoch other than {@code expected}: a run writes epochs 1, 2, … one row each, so
   * another number is a row deleted, repeated or moved.
   */
  private static void requireEpoch(double epoch, int expected, String found, String where) {
    if (epoch != expected) {
      throw new InputException(where + ": epoch " + (found.isEmpty() ? "empty" : found)
          + ", expected " + expected + ": a run writes one row per epoch, numbered 1, 2, … in"
          + " order; a row is missing or out of order");
    }
  }

  private static double cell(String[] cells, int column, Path file, int line) {
    String s = cells[column].trim();
    if (s.isEmpty() || s.equalsIgnoreCase("null")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw InputException.at(file.toString(), line, column + 1, "expected a number, found \"" + s + "\"");
    }
  }

  private static EpochRow of(double[] v) {
    double objective = Double.isNaN(v[3]) ? v[1] + (Double.isNaN(v[2]) ? 0 : v[2]) : v[3];
    return new EpochRow((int) v[0], v[1], v[2], objective, v[4], v[5], v[6], v[7], v[8]);
  }
}
