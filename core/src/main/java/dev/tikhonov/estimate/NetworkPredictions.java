package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Forward passes of a fitted network for any number of threads at once. A {@link Sequential}
 * writes layer-owned buffers, so each concurrent call borrows an inference copy from a pool
 * (the weights are shared, the buffers are its own) and returns it; the pool grows to the
 * largest number of simultaneous callers. Inputs come standardized as in training
 * ({@link Features#networkInput}) and run in chunks of {@value #CHUNK} rows.
 */
final class NetworkPredictions {
  private static final int CHUNK = 1024;

  private final Model model;
  private final ConcurrentLinkedQueue<Sequential> pool = new ConcurrentLinkedQueue<>();

  NetworkPredictions(Model model) {
    this.model = model;
  }

  Model model() {
    return model;
  }

  /**
   * The network's outputs (logits for classifiers, predictions for regression) for its inputs
   * {@code x} (n×p, the model's column order, already standardized when the fit standardized:
   * {@link Features#networkInput}), as a new n×K matrix. A non-finite output is an
   * InputException naming the first such row.
   */
  Matrix outputs(Matrix x) {
    int n = x.rows();
    int k = model.network().outputSize();
    Matrix out = Matrix.zeros(n, k);
    Sequential network = borrow();
    try {
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        Matrix o = network.forward(x.rowRange(from, to), Layer.Mode.INFER);
        for (int i = 0; i < to - from; i++) {
          out.copyRow(o, i, from + i);
        }
      }
    } finally {
      pool.offer(network);
    }
    requireFinite(out);
    return out;
  }

  /**
   * Mean loss and accuracy of a classifier over inputs {@code x} (as {@link #outputs}) with
   * class indices {@code y} (n×1), with the weights' {@code penalty}.
   */
  ClassifierEvaluation evaluateClasses(Matrix x, Matrix y, Loss loss, double penalty) {
    Matrix out = outputs(x);
    int n = out.rows();
    double lossSum = loss.sum(out, y);
    long correct = 0;
    for (int i = 0; i < n; i++) {
      if (Kernels.argmaxRow(out, i) == (int) y.at(i)) {
        correct++;
      }
    }
    if (out.cols() == 2) {
      // the AUC ranks the log-odds of the second class, the difference of the two logits
      double[] score = new double[n];
      boolean[] second = new boolean[n];
      for (int i = 0; i < n; i++) {
        score[i] = (double) out.get(i, 1) - out.get(i, 0);
        second[i] = (int) y.at(i) == 1;
      }
      return Evaluation.ofTwoClasses(lossSum / n, (double) correct / n, penalty, score, second);
    }
    return Evaluation.ofClassifier(n, lossSum / n, (double) correct / n, penalty);
  }

  private Sequential borrow() {
    Sequential network = pool.poll();
    return network != null ? network : model.network().forInference();
  }

  private static void requireFinite(Matrix out) {
    int k = out.cols();
    for (int i = 0, size = out.size(); i < size; i++) {
      if (!Float.isFinite(out.at(i))) {
        throw new dev.tikhonov.data.RowException(i / k + 1, "the model's output is "
            + out.at(i) + "; the row's values are probably far outside the range the model was "
            + "trained on");
      }
    }
  }
}
