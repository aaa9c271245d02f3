package dev.tikhonov.estimate;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.train.TrainingListener;
import dev.tikhonov.train.TrainingState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Optional companions of an iterative fit, each absent by default: a validation set (evaluated
 * after every epoch, drives early stopping), a listener (progress, checkpoints), a checkpoint's
 * state to continue from, and initial weights to start from (a warm start). Immutable, so
 * thread-safe as far as the listener it holds is and as long as the checkpoint's state, kept as
 * given (a {@link TrainingState}'s matrices and arrays are not copied), is not modified: a fit
 * only reads it, copying it into its own network.
 *
 * <pre>{@code
 * FitOptions watched = FitOptions.none().withValidation(val).withListener(progress);
 * FitOptions warm = FitOptions.none().withInitialWeights(previous.layers());   // warm start
 * }</pre>
 */
public final class FitOptions {
  private static final FitOptions NONE =
      new FitOptions(null, TrainingListener.none(), null, List.of());

  private final Dataset validation;
  private final TrainingListener listener;
  private final TrainingState resumeFrom;
  private final List<LayerWeights> initialWeights;

  private FitOptions(Dataset validation, TrainingListener listener, TrainingState resumeFrom,
      List<LayerWeights> initialWeights) {
    this.validation = validation;
    this.listener = listener;
    this.resumeFrom = resumeFrom;
    this.initialWeights = initialWeights;
  }

  /** No validation set, no listener, a fresh start. */
  public static FitOptions none() {
    return NONE;
  }

  /** These options with {@code data} as the validation set. */
  public FitOptions withValidation(Dataset data) {
    return new FitOptions(Objects.requireNonNull(data, "validation"), listener, resumeFrom,
        initialWeights);
  }

  /** These options with {@code newListener} called during training. */
  public FitOptions withListener(TrainingListener newListener) {
    return new FitOptions(validation, Objects.requireNonNull(newListener, "listener"),
        resumeFrom, initialWeights);
  }

  /**
   * These options continuing from a checkpoint's state: with the same data, settings and thread
   * count the result equals an uninterrupted fit's, bit for bit. The fit refuses (an
   * {@code IllegalArgumentException} naming the difference) a state that cannot belong to its
   * run: other parameter shapes, optimizer buffers, dropout layers or row count, or fewer epochs
   * than the state has reached. Settings that leave the state's shapes alone (λ, for one) are
   * not stored in the state and not compared: the remaining epochs run under the estimator's.
   */
  public FitOptions withResumeFrom(TrainingState state) {
    return new FitOptions(validation, listener, Objects.requireNonNull(state, "state"),
        initialWeights);
  }

  /**
   * These options starting from {@code layers} instead of the random initialization (a warm
   * start, e.g. from the model of a neighbouring λ: {@code previous.layers()}): every dense
   * layer's weights and biases are copied in, input side first; the shapes must be the
   * network's. Only the parameters carry over: the optimizer starts with fresh state (momentum
   * and Adam's moments at zero, step count 0), the shuffle and dropout generators start from the
   * seed as in any fit, and the weights are taken on the scale the network sees (standardized
   * when the estimator standardizes, so they fit the same training rows' standardization).
   * An empty list is the random initialization.
   */
  public FitOptions withInitialWeights(List<LayerWeights> layers) {
    return new FitOptions(validation, listener, resumeFrom, List.copyOf(layers));
  }

  /** The rows scored after every epoch (early stopping's), when given. */
  public Optional<Dataset> validation() {
    return Optional.ofNullable(validation);
  }

  /** Called at every batch and epoch of the fit (a no-op by default). */
  public TrainingListener listener() {
    return listener;
  }

  /** The checkpoint to continue from, bit for bit, when given. */
  public Optional<TrainingState> resumeFrom() {
    return Optional.ofNullable(resumeFrom);
  }

  /** The weights to start from, input side first; empty for the random initialization. */
  public List<LayerWeights> initialWeights() {
    return initialWeights;
  }

  /**
   * What is given: "FitOptions[validation Dataset[…], a listener, resume after epoch 3,
   * initial weights of 2 layers]", "FitOptions[none]" for {@link #none()}.
   */
  @Override
  public String toString() {
    List<String> given = new java.util.ArrayList<>();
    if (validation != null) {
      given.add("validation " + validation);
    }
    if (listener != NONE.listener) {
      given.add("a listener");
    }
    if (resumeFrom != null) {
      given.add("resume after epoch " + resumeFrom.epoch());
    }
    if (!initialWeights.isEmpty()) {
      given.add("initial weights of " + initialWeights.size() + " layers");
    }
    return "FitOptions[" + (given.isEmpty() ? "none" : String.join(", ", given)) + "]";
  }
}
