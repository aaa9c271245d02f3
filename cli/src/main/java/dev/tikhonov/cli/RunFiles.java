package dev.tikhonov.cli;

import dev.tikhonov.data.Mnist;
import dev.tikhonov.report.HtmlReport;
import dev.tikhonov.report.Provenance;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What every run ends with: {@code run.json} (provenance) and {@code report.html}. */
final class RunFiles {
  private RunFiles() {}

  /**
   * Writes run.json and the HTML report into {@code out}; prints where the report is unless
   * {@code quiet}.
   *
   * @param data the data option of the run, or null when it read no data
   */
  static void finish(Path out, String command, Long seed, int threads, DataOptions data,
      Instant started, Map<String, Object> settings, java.io.PrintStream human) {
    Provenance.of(command, argsAfter(command, Main.lastArgs()), seed, threads, dataFile(data),
        started, settings).write(out);
    Path report = HtmlReport.write(out);
    human.println("  report: " + report);
  }

  /** The arguments after the command's own words ("experiment mnist-l2 --quick" → "--quick"). */
  static List<String> argsAfter(String command, List<String> args) {
    String[] words = command.split(" ");
    int skip = 0;
    while (skip < words.length && skip < args.size() && args.get(skip).equals(words[skip])) {
      skip++;
    }
    return List.copyOf(args.subList(skip, args.size()));
  }

  /** The data file and its SHA-256; for the bundled sample, the hash of its four IDX files. */
  static Provenance.DataFile dataFile(DataOptions data) {
    if (data == null) {
      return null;
    }
    if (data.data == null) {
      List<InputStream> parts = new java.util.ArrayList<>();
      for (String name : List.of(Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES,
          Mnist.TEST_LABELS)) {
        parts.add(Mnist.class.getResourceAsStream(Mnist.BUNDLED_FOLDER + name + ".gz"));
      }
      return Provenance.DataFile.of(Mnist.BUNDLED_SOURCE,
          new SequenceInputStream(Collections.enumeration(parts)));
    }
    if (Files.isRegularFile(data.data)) {
      return Provenance.DataFile.of(data.data);
    }
    return new Provenance.DataFile(data.data.toString(), null);
  }
}
