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
}
