package dev.tikhonov.train;

import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;

/**
 * What a model predicts, which fixes its loss: regression uses squared error
 * {@code ℓ = ½‖y − ŷ‖²}; classification uses softmax cross-entropy {@code ℓ = −log p(y|x)}.
 */
public enum Task {
  REGRESSION,
  CLASSIFICATION;

  public Loss loss() {
    return this == REGRESSION ? new SquaredError() : new SoftmaxCrossEntropy();
  }
}
