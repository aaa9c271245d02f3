package dev.tikhonov.optim;

import dev.tikhonov.nn.Parameter;
import dev.tikhonov.tensor.Blas;
import dev.tikhonov.tensor.Matrix;
import java.util.List;
import java.util.Objects;

/**
 * {@code u ← −lr(t)·u}: turns a descent direction into the step added to the parameters (optax
 * {@code scale_by_learning_rate}). Stateless apart from the schedule, which is a closed form of
 * the step.
 */
record ScaleByLearningRate(LearningRateSchedule schedule) implements GradientTransform {
  ScaleByLearningRate {
    Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public TransformState init(List<Parameter> parameters) {
    return new State(schedule);
  }

  private record State(LearningRateSchedule schedule)
      implements TransformState, LearningRateSource {
    @Override
    public void update(List<Parameter> parameters, long step, List<Matrix> out) {
      float factor = (float) -schedule.at(step);
      for (int i = 0, n = out.size(); i < n; i++) {
        Blas.scale(factor, out.get(i));
      }
    }

    @Override
    public double learningRate(long step) {
      return schedule.at(step);
    }
  }
}
