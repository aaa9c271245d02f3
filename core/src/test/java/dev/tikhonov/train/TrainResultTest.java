package dev.tikhonov.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrainResultTest {
  /**
   * Printing a fit's {@code training()} gave the record's toString: every epoch's record on one
   * line (thirty epochs made a line of thousands of characters). It is the summary now.
   */
  @Test
  void toString_isTheSummaryNotTheHistory() {
    List<EpochRecord> epochs = new ArrayList<>();
    for (int e = 1; e <= 30; e++) {
      epochs.add(new EpochRecord(e, 1.0 / e, 0.01, 1.0 / e + 0.01, OptionalDouble.of(0.5),
          OptionalDouble.empty(), 3, 0.1, 0.2));
    }
    TrainResult stopped = new TrainResult(new History(epochs), true, 8, 0.1187, 0.0123, 3.2,
        Math.log(10));
    assertEquals("TrainResult[30 epochs, stopped early keeping epoch 8, train loss 0.118700,"
        + " penalty 0.0123000, 3.20 s, constant-prediction loss 2.30259]", stopped.toString());
    TrainResult ran = new TrainResult(new History(epochs), false, 30, 0.0333, 0, 3.2, 0.5);
    assertEquals("TrainResult[30 epochs, train loss 0.0333000, penalty 0.00000, 3.20 s,"
        + " constant-prediction loss 0.500000]", ran.toString());
  }

  /** TrainingListener.printing: one line per epoch of a real fit, its numbers the history's. */
  @Test
  void printingListener_writesEachEpochsLineFromItsRecord() {
    double[][] x = new double[40][];
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      x[i] = new double[] {i % 5, (i * 3) % 7};
      labels[i] = i % 5 < 2 ? 0 : 1;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(bytes, true,
        java.nio.charset.StandardCharsets.UTF_8);
    TrainResult r = dev.tikhonov.estimate.MlpClassifier.builder().hiddenLayers(3).lambda(0.01)
        .epochs(3).validationFraction(0.25).seed(0).build()
        .fit(dev.tikhonov.data.Dataset.ofClasses(x, labels),
            dev.tikhonov.estimate.FitOptions.none().withListener(TrainingListener.printing(out)))
        .training().orElseThrow();
    String[] lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length, String.join("\n", lines));
    for (EpochRecord e : r.history().epochs()) {
      String expected = String.format(java.util.Locale.ROOT, "epoch %d/3: train loss %.6g,"
          + " penalty %.6g, val loss %.6g, val accuracy %.4f (", e.epoch(), e.trainLoss(),
          e.penalty(), e.valLoss().orElseThrow(), e.valAccuracy().orElseThrow());
      org.junit.jupiter.api.Assertions.assertTrue(lines[e.epoch() - 1].startsWith(expected),
          lines[e.epoch() - 1] + " does not start with " + expected);
    }
  }
}
