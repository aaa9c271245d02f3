package dev.tikhonov.spark;

import dev.tikhonov.data.CsvWriter;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.internal.experiment.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link SparkSweep}'s results: one {@link SweepResult} per setting trained, in the order of
 * the settings, the settings whose training diverged, and the table of
 * {@code experiment mnist-l2} made from them ({@link #table()}). As in the experiment, a
 * diverged training is a failed setting, not a failed sweep: a (λ, dropout) with a diverged
 * seed has no row of the table (a mean over the other seeds would not be the same row), and the
 * other rows are exactly what they are without it. Immutable and thread-safe.
 *
 * @param runs one result per setting trained, in the settings' order
 * @param diverged one per setting (λ, dropout, seed) whose training diverged, in the settings'
 *     order; empty when none did
 */
public record SweepResults(List<SweepResult> runs, List<MnistL2.Diverged> diverged) {
  public SweepResults {
    runs = List.copyOf(runs);
    diverged = List.copyOf(diverged);
  }

  /** Results of a sweep where no training diverged. */
  public SweepResults(List<SweepResult> runs) {
    this(runs, List.of());
  }

  /**
   * {@code experiment mnist-l2}'s results table ({@link MnistL2.Row}, docs/formats.md): one row
   * per (λ, dropout) in the order they first appear, with the mean and sample standard
   * deviation (ddof = 1) over its seeds of the test accuracy and loss, and the means of the
   * training loss, ‖w‖₂, each layer's ‖W‖₂ and the epoch time. {@code weight_decay} is 0 (the
   * sweep's penalty is λ's).
   */
  public List<MnistL2.Row> table() {
    Set<List<Double>> failed = new HashSet<>();
    for (MnistL2.Diverged d : diverged) {
      failed.add(List.of(d.lambda(), d.dropout()));
    }
    Map<List<Double>, List<SweepResult>> groups = new LinkedHashMap<>();
    for (SweepResult r : runs) {
      List<Double> key = List.of(r.lambda(), r.dropout());
      if (!failed.contains(key)) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    List<MnistL2.Row> rows = new ArrayList<>();
    for (List<SweepResult> mine : groups.values()) {
      int seeds = mine.size();
      double[] layerNorms = new double[mine.get(0).layerWeightNorms().length];
      for (SweepResult r : mine) {
        double[] norms = r.layerWeightNorms();
        for (int w = 0; w < layerNorms.length; w++) {
          layerNorms[w] += norms[w] / seeds;
        }
      }
      Stats accuracy = Stats.of(mine.stream().map(SweepResult::testAccuracy).toList());
      Stats loss = Stats.of(mine.stream().map(SweepResult::testLoss).toList());
      rows.add(new MnistL2.Row(mine.get(0).lambda(), mine.get(0).dropout(), 0, seeds,
          accuracy.mean(), accuracy.std(), loss.mean(), loss.std(),
          Stats.of(mine.stream().map(SweepResult::trainLoss).toList()).mean(),
          Stats.of(mine.stream().map(SweepResult::weightNorm).toList()).mean(), layerNorms,
          Stats.of(mine.stream().map(SweepResult::epochSecondsMean).toList()).mean()));
    }
    return rows;
  }

  /**
   * The printed table of {@code experiment mnist-l2}: mean ± std over seeds per row, then a line
   * per diverged setting.
   */
  public String summary() {
    return MnistL2.table(new MnistL2.Results(table(), diverged));
  }

  /**
   * Writes into {@code dir} (created if needed), each file atomically: {@code results.csv} and
   * {@code results.json}, the table of {@code experiment mnist-l2} ({@link #table()}, the same
   * columns); {@code runs.csv} and {@code runs.json}, one row per setting trained;
   * {@code diverged.json}, the settings whose training diverged (an empty list when none did).
   */
  public void write(Path dir) {
    List<MnistL2.Row> rows = table();
    Json.write(dir.resolve("results.json"), rows);
    AtomicFiles.writeString(dir.resolve("results.csv"), MnistL2.resultsCsv(rows));
    Json.write(dir.resolve("runs.json"), runs);
    CsvWriter csv = new CsvWriter().row(SweepResult.CSV_HEADER);
    for (SweepResult r : runs) {
      csv.row(r.csvRow());
    }
    AtomicFiles.writeString(dir.resolve("runs.csv"), csv.toString());
    Json.write(dir.resolve("diverged.json"), diverged);
  }
}
