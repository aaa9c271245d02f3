package dev.tikhonov.train;

import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch records of a run, written as {@code history.csv} and {@code history.json}.
 * Immutable (an unmodifiable copy of immutable records), so thread-safe.
 *
 * @param epochs one record per epoch run, in order (unmodifiable)
 */
public record History(List<EpochRecord> epochs) {
  public History {
    epochs = List.copyOf(epochs);
  }

  /**
   * The last epoch's record.
   *
   * @throws IndexOutOfBoundsException when no epoch ran
   */
  public EpochRecord last() {
    return epochs.get(epochs.size() - 1);
  }

  /** The records as {@code history.csv}'s text: a header line, then one line per epoch. */
  public String toCsv() {

    dev.tikhonov.data.CsvWriter csv = new dev.tikhonov.data.CsvWriter().row(EpochRecord.CSV_HEADER);
    for (EpochRecord r : epochs) {
      csv.row(r.csvRow());
    }
    return csv.toString();
  }

  /** Writes {@code history.csv} and {@code history.json} into {@code dir}, atomically. */
  public void write(Path dir) {
    AtomicFiles.writeString(dir.resolve("history.csv"), toCsv());
    Json.write(dir.resolve("history.json"), epochs);
  }

  static History of(List<EpochRecord> records) {
    return new History(new ArrayList<>(records));
  }
}
