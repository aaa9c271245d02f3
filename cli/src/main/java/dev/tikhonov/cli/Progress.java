package dev.tikhonov.cli;

import dev.tikhonov.experiment.ExperimentListener;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr. On a terminal, two bars (me.tongfei:progressbar): one over the whole job
 * (the runs of an experiment, or the epochs of one training run) with its ETA, and one over the
 * batches of the current epoch with the latest loss. Off a terminal (CI, pipes), one plain line
 * per epoch or run instead. Nothing with {@code --quiet}. Colours only on a terminal, and not
 * when {@code NO_COLOR} is set or {@code TERM} is {@code dumb}.
 */
final class Progress implements TrainingListener, ExperimentListener, AutoCloseable {
  private final boolean quiet;
  private final boolean terminal;
  private final String task;
  private final long totalUnits;
  private final boolean experiment;
  private ProgressBar overall;
  private ProgressBar epochBar;
  private String run = "";
  private int epochs;
  private int batchesPerEpoch;

  /**
   * @param task name shown on the job bar
   * @param totalUnits runs of the experiment, or epochs of a single training run
   * @param experiment whether the units are runs (experiment) or epochs (one training run)
   */
  Progress(String task, long totalUnits, boolean experiment, boolean quiet) {
    this.task = task;
    this.totalUnits = totalUnits;
    this.experiment = experiment;
    this.quiet = quiet;
    this.terminal = System.console() != null;
  }

  /**
   * Whether the bars may be coloured: not when {@code NO_COLOR} is set (no-color.org), nor on a
   * terminal that says it takes no escape codes ({@code TERM=dumb}: Emacs' shell, some CI
   * consoles), where the colour codes showed as text ({@code ^[[33m}).
   */
  static boolean colours(java.util.Map<String, String> environment) {
    return environment.get("NO_COLOR") == null && !"dumb".equals(environment.get("TERM"));
  }

  private boolean bars() {
    return terminal && !quiet;
  }

  private ProgressBar bar(String name, long max, boolean speed) {
    ProgressBarBuilder b = new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(Math.max(1, max))
        .setStyle(colours(System.getenv())
            ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
        .setUpdateIntervalMillis(200)
        .setMaxRenderedLength(110)
        .continuousUpdate();
    return speed ? b.showSpeed().build() : b.build();
  }

  @Override
  public void onStart(int epochs, int batchesPerEpoch) {
    this.epochs = epochs;
    this.batchesPerEpoch = batchesPerEpoch;
    if (!bars()) {
      return;
    }
    if (overall == null) {
      overall = bar(task, totalUnits, false);
    }
    if (epochBar == null) {
      epochBar = bar("epoch", batchesPerEpoch, false);
    }
  }

  @Override
  public void onBatch(int epoch, int batch, double loss) {
    if (epochBar == null) {
      return;
    }
    if (batch == 1) {
      epochBar.reset();
      epochBar.maxHint(batchesPerEpoch);
      epochBar.setExtraMessage("epoch " + epoch + "/" + epochs);
    }
    epochBar.step();
    if (batch % 10 == 0) {
      epochBar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch, epochs,
          loss));
    }
  }

  @Override
  public void onEpoch(EpochRecord r) {
    if (overall != null) {
      if (!experiment) {
        overall.step();
        overall.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s", r.objective(),
            r.valAccuracy().isEmpty() ? ""
                : String.format(Locale.ROOT, " val acc %.4f", r.valAccuracy().getAsDouble())));
      }
    } else if (!quiet && !experiment) {
      err().printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  penalty %.4g%s  (%.2fs)%n",
          r.epoch(), epochs, r.trainLoss(), r.penalty(),
          r.valLoss().isEmpty() ? "" : String.format(Locale.ROOT, "  val loss %.4f%s",
              r.valLoss().getAsDouble(), r.valAccuracy().isEmpty() ? ""
                  : String.format(Locale.ROOT, "  val acc %.4f", r.valAccuracy().getAsDouble())),
          r.seconds());
    }
  }

  @Override
  public void runStarted(int index, int total, String label) {
    run = label;
    if (overall != null) {
      overall.setExtraMessage("run " + index + "/" + total + ": " + label);
    }
  }

  @Override
  public void runFinished(int index, int total, String summary) {
    if (overall != null) {
      overall.step();
    } else if (!quiet) {
      err().printf(Locale.ROOT, "[%d/%d] %s%n", index, total, summary);
    }
  }

  @Override
  public TrainingListener training() {
    return this;
  }

  @Override
  public void close() {
    if (epochBar != null) {
      epochBar.close();
      epochBar = null;
    }
    if (overall != null) {
      overall.close();
      overall = null;
    }
  }

  /**
   * Standard error as it is now, read at each line: once a signal stops the run, Main's hook
   * replaces it, so a line of a thread still training cannot follow the hook's last line.
   */
  private static PrintStream err() {
    return System.err;
  }
}
