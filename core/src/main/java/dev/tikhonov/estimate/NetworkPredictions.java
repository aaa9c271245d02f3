package dev.tikhonov.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.tensor.Kernels;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.train.Model;
import java.util.List;
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
   * class indices {@code y} (n×1), row i weighted by {@code w[i]}, with the weights'
   * {@code penalty}: the loss Σ wᵢ(log Σₖ e^{zᵢₖ} − z_{i,yᵢ}) / Σ wᵢ, the softmax
   * cross-entropy of a network's logits, each row's term {@link SoftmaxCrossEntropy#sum}'s;
   * with the confusion matrix of the same predictions, of the classes {@code classNames}.
   */
  ClassifierEvaluation evaluateClasses(Matrix x, Matrix y, double[] w, double penalty,
      List<String> classNames) {
    Matrix out = outputs(x);
    int n = out.rows();
    int k = out.cols();
    java.nio.FloatBuffer z = out.buffer();
    double lossSum = 0;
    double correct = 0;
    int[] labels = new int[n];
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (int) y.at(i);
      predicted[i] = Kernels.argmaxRow(out, i);
      lossSum += w[i] * (SoftmaxCrossEntropy.logSumExp(z, i * k, k) - z.get(i * k + labels[i]));
      if (predicted[i] == labels[i]) {
        correct += w[i];
      }
    }
    double sum = Evaluation.sum(w);
    ConfusionRows confusion = new ConfusionRows(classNames, labels, predicted, w);
    if (k == 2) {
      // the AUC ranks the log-odds of the second class, the difference of the two logits
      double[] score = new double[n];
      boolean[] second = new boolean[n];
      for (int i = 0; i < n; i++) {
        score[i] = (double) out.get(i, 1) - out.get(i, 0);
        second[i] = (int) y.at(i) == 1;
      }
      return Evaluation.ofTwoClasses(w, lossSum / sum, correct / sum, penalty, score, second,
          java.util.Optional.of(confusion));
    }
    return Evaluation.ofClassifier(w, lossSum / sum, correct / sum, penalty, confusion);
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
