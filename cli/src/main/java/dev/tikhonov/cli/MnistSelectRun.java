package dev.tikhonov.cli;

import dev.tikhonov.data.InputException;
import dev.tikhonov.data.Mnist;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.experiment.MnistSelect;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.report.RunWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code tikhonov experiment mnist-select}: the flags turned into settings and data sets. */
final class MnistSelectRun {
  /** Where Debian's dataset-fashion-mnist package puts Fashion-MNIST. */
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  private final ExperimentCommand command;

  MnistSelectRun(ExperimentCommand command) {
    this.command = command;
  }

  int run(RunWriter out, Instant start) {
    MnistSelect.Settings base = command.quick ? MnistSelect.Settings.quick()
        : MnistSelect.Settings.full();
    MnistSelect.Settings.Builder b = base.toBuilder();
    if (command.epochs != null) {
      b.epochs(command.epochs);
      // a warm-started λ trains at most as long as a cold fit: --quick --epochs 1 kept its 2
      // warm epochs, so the warm path trained 52 epochs in 28 fits, the cold grid 22 in 22
      b.warmEpochs(Math.min(base.warmEpochs(), command.epochs));
    }
    if (command.seeds != null) {
      b.seeds(command.seeds);
    }
    if (command.methods != null) {
      b.methods(command.methods);
    }
    if (command.trainRows != null) {
      b.trainRows(command.trainRows);
    }
    MnistSelect.Settings s = b.build();
    MnistL2.Recipe r = s.recipe();
    List<MnistSelect.DataSet> dataSets = dataSets();
    if (command.trainRows != null) {
      // not --quick's 2000 on a folder of fewer rows: that one the user did not ask for
      requireTrainRows(dataSets, command.trainRows);
    }
    PrintStream human = command.common.human();
    human.printf(Locale.ROOT, "experiment mnist-select: %s%n", String.join(", ", dataSets.stream()
        .map(d -> d.name() + " (" + rows(d, s) + " train / "
            + d.data().test().numRows() + " test)").toList()));
    if (command.trainRows == null) {
      quickRowsNote(dataSets, s.trainRows()).ifPresent(human::println);
    }
    human.printf(Locale.ROOT, "  MLP 784-%s-10, SGD momentum %s, lr %s, batch %d;"
            + " %d epochs, %d per warm-started λ, patience %d on %s of each part; %d λ from"
            + " λ_max to %s; %d-fold CV, rule %s; refits with seeds %s; %d %s at once%n%n",
        String.join("-", r.hidden().stream().map(String::valueOf).toList()), r.momentum(),
        r.learningRate(), r.batchSize(), r.epochs(), s.warmEpochs(), s.patience(),
        s.validationFraction(), s.numLambdas(), Digits.few(s.minLambda()), s.folds(), s.rule(),
        s.seeds(),
        // λ as the table prints it (1e-05), not Java's 1.0E-5; "1 fits" was the plural
        command.common.threads, command.common.threads == 1 ? "fit" : "fits");
    List<MnistSelect.Row> rows;
    try (Progress progress = new Progress("mnist-select",
        (long) MnistSelect.fits(s) * dataSets.size(), true, command.common.quiet)) {
      rows = MnistSelect.run(dataSets, s, command.common.threads, out, progress);
    }
    human.println();
    human.print(MnistSelect.table(rows));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("experiment", "mnist-select");
    settings.put("quick", command.quick);
    settings.putAll(ExperimentCommand.flatten(s));
    settings.put("datasets", dataSets.stream().map(MnistSelect.DataSet::source).toList());
    // train_rows is the limit asked (--quick's 2000, or --train-rows); a folder of fewer rows
    // is used whole, so the rows used are recorded too, one per data set in datasets' order
    settings.put("train_rows_used", dataSets.stream().map(d -> rows(d, s)).toList());
    human.println();
    RunFiles.finish(out, "experiment mnist-select", s.seeds().get(0), command.common.threads,
        null, start, settings, human);
    human.printf(Locale.ROOT, "wrote %s (%.0fs)%n", Main.shown(out.dir()),
        Duration.between(start, Instant.now()).toMillis() / 1000.0);
    if (command.common.json) {
      StandardOutput.printJson(rows);
    }
    return 0;
  }

  private List<MnistSelect.DataSet> dataSets() {
    List<String> names = command.datasets;
    if (names == null) {
      names = new ArrayList<>(List.of("bundled"));
      if (!command.quick && Files.isDirectory(Path.of(FASHION))) {
        names.add(FASHION);
      }
    }
    List<MnistSelect.DataSet> out = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      String name = names.get(k);
      if (name.isBlank()) {
        // As the Path flags (Main): an empty name would be the current directory.
        throw new InputException("--datasets: name " + (k + 1) + " of " + names.size()
            + " is empty; give 'bundled' or a directory of MNIST-style IDX files");
      }
      if (name.equals("bundled")) {
        out.add(new MnistSelect.DataSet("digits", Mnist.bundled(), Mnist.BUNDLED_SOURCE));
        continue;
      }
      Path dir = Path.of(name);
      if (!Files.isDirectory(dir)) {
        throw new InputException("--datasets " + name + ": not 'bundled' and not a directory"
            + " of MNIST-style IDX files");
      }
      String label = dir.toAbsolutePath().normalize().getFileName().toString()
          .replaceAll("[^A-Za-z0-9._-]", "_");
      for (MnistSelect.DataSet before : out) {
        if (before.name().equals(label)) {
          // The label names the data set's rows, files and chart series.
          throw new InputException("--datasets " + name + ": its name \"" + label + "\" is"
              + " also the name of " + before.source() + "; give directories of different"
              + " names");
        }
      }
      DataOptions.requireIdxFolder("--datasets", dir, "'bundled' or a folder");
      out.add(new MnistSelect.DataSet(label, Mnist.load(dir), dir.toString()));
    }
    return out;
  }

  /**
   * Refuses --train-rows N (given) above every data set's training rows (the run used them all
   * without a word), and warns of each data set smaller than N when another has more than N.
   */
  private static void requireTrainRows(List<MnistSelect.DataSet> dataSets, int trainRows) {
    List<String> smaller = dataSets.stream().filter(d -> d.data().train().numRows() < trainRows)
        .map(d -> d.name() + " has " + d.data().train().numRows()).toList();
    if (trainRows == 0 || smaller.isEmpty()) {
      return;
    }
    String rows = "--train-rows " + trainRows + ": " + String.join(", ", smaller)
        + " training rows";
    if (smaller.size() == dataSets.size()) {
      int most = dataSets.stream().mapToInt(d -> d.data().train().numRows()).max().orElse(0);
      throw new InputException(rows + "; give at most " + most + ", or 0 for all rows");
    }
    System.err.println("tikhonov: warning: " + rows + "; all of them are used");
  }

  /**
   * The note under the header when --quick's {@code trainRows} (2000; the user did not give
   * --train-rows) exceed a data set's training rows: the run uses all of them, as a quick run
   * on a small folder should, rather than refuse a limit no one asked for; the header's
   * "(500 train / …)" alone did not say why not 2000. Empty when every data set has enough.
   */
  private static java.util.Optional<String> quickRowsNote(List<MnistSelect.DataSet> dataSets,
      int trainRows) {
    List<String> smaller = dataSets.stream().filter(d -> d.data().train().numRows() < trainRows)
        .map(d -> d.name() + " has " + d.data().train().numRows()).toList();
    if (trainRows == 0 || smaller.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(String.format(Locale.ROOT, "  --quick takes the first %d"
        + " training rows of each data set; %s, all used", trainRows,
        String.join(", ", smaller)));
  }

  /** Training rows a data set contributes under the settings. */
  private static int rows(MnistSelect.DataSet d, MnistSelect.Settings s) {
    int n = d.data().train().numRows();
    return s.trainRows() == 0 ? n : Math.min(n, s.trainRows());
  }
}
