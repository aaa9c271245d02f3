package dev.tikhonov.cli;

import dev.tikhonov.experiment.ExperimentListener;
import dev.tikhonov.train.EpochRecord;
import dev.tikhonov.train.TrainingListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr. On a terminal: one bar (me.tongfei:progressbar) over all the optimizer
 * steps of the run or experiment, with ETA and the current run, epoch and loss as its message.
 * Off a terminal (CI, pipes): one plain line per epoch or run. Nothing with {@code --quiet}.
 */
final class Progress implements TrainingListener, ExperimentListener, AutoCloseable {
  private final boolean quiet;
  private final boolean terminal;
  private final PrintStream err = System.err;
  private final String task;
  private final long totalSteps;
  private ProgressBar bar;
  private String run = "";
  private int epochs;

  /**
   * @param task name shown on the bar
   * @param totalSteps optimizer steps of the whole job (for the ETA), or −1 if unknown
   */
  Progress(String task, long totalSteps, boolean quiet) {
    this.task = task;
    this.totalSteps = totalSteps;
    this.quiet = quiet;
    this.terminal = System.console() != null;
  }

  private void ensureBar() {
    if (bar == null && terminal && !quiet) {
      bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(Math.max(1, totalSteps))
          .setStyle(System.getenv("NO_COLOR") == null
              ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
          .setConsumer(new ConsoleProgressBarConsumer(err))
          .setUpdateIntervalMillis(250)
          .setMaxRenderedLength(120)
          .continuousUpdate()
          .build();
    }
  }

  @Override
  public void onStart(int epochs, int batchesPerEpoch) {
    this.epochs = epochs;
    ensureBar();
  }

  @Override
  public void onBatch(int epoch, int batch, double loss) {
    if (bar != null) {
      bar.step();
      if (batch == 1) {
        bar.setExtraMessage(run + "epoch " + epoch + "/" + epochs);
      }
    }
  }

  @Override
  public void onEpoch(EpochRecord r) {
    if (bar != null) {
      bar.setExtraMessage(String.format("%sepoch %d/%d loss %.4f", run, r.epoch(), epochs,
          r.objective()));
    } else if (!quiet && run.isEmpty()) {
      err.printf("epoch %d/%d  train loss %.4f  penalty %.4g%s  (%.2fs)%n", r.epoch(), epochs,
          r.trainLoss(), r.penalty(),
          r.valLoss() == null ? "" : String.format("  val loss %.4f%s", r.valLoss(),
              r.valAccuracy() == null ? "" : String.format("  val acc %.4f", r.valAccuracy())),
          r.seconds());
    }
  }

  @Override
  public void runStarted(int index, int total, String label) {
    run = "run " + index + "/" + total + " " + label + " · ";
    ensureBar();
  }

  @Override
  public void runFinished(int index, int total, String summary) {
    if (bar == null && !quiet) {
      err.printf("[%d/%d] %s%n", index, total, summary);
    }
  }

  @Override
  public TrainingListener training() {
    return this;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
