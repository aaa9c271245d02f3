package dev.tikhonov.optim;

/**
 * A state that knows the learning rate of a step, so {@link Optimizer#learningRate()} can report
 * it without the caller keeping the schedule. Package-private: only scaleByLearningRate has one,
 * and the combinators (chain, masked) pass the question on.
 */
interface LearningRateSource {
  /** The learning rate of {@code step}, or NaN when no transform inside scales by one. */
  double learningRate(long step);

  /** The learning rate {@code state} reports, or NaN if it carries none. */
  static double of(TransformState state, long step) {
    return state instanceof LearningRateSource source ? source.learningRate(step) : Double.NaN;
  }
}
