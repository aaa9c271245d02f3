package dev.tikhonov.optim;

import java.util.Objects;

/** The implementations behind {@link LearningRateSchedule}'s factories; records for toString. */
final class Schedules {
  private Schedules() {}

  static void requireRate(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }

  static void requireStep(long step) {
    if (step < 1) {
      throw new IllegalArgumentException("steps count from 1, got " + step);
    }
  }

  record Constant(double learningRate) implements LearningRateSchedule {
    Constant {
      requireRate("learning rate", learningRate);
    }

    @Override
    public double at(long step) {
      requireStep(step);
      return learningRate;
    }

    @Override
    public boolean isConstant() {
      return true;
    }
  }

  record StepDecay(double learningRate, long stepSize, double gamma)
      implements LearningRateSchedule {
    StepDecay {
      requireRate("learning rate", learningRate);
      requireRate("gamma", gamma);
      if (stepSize < 1) {
        throw new IllegalArgumentException("step size must be >= 1, got " + stepSize);
      }
    }

    @Override
    public double at(long step) {
      requireStep(step);
      return learningRate * Math.pow(gamma, (double) ((step - 1) / stepSize));
    }
  }

  record Cosine(double learningRate, long totalSteps, double minLr)
      implements LearningRateSchedule {
    Cosine {
      requireRate("learning rate", learningRate);
      requireRate("minimum learning rate", minLr);
      if (totalSteps < 1) {
        throw new IllegalArgumentException("total steps must be >= 1, got " + totalSteps);
      }
    }

    @Override
    public double at(long step) {
      requireStep(step);
      double progress = Math.min(step - 1, totalSteps) / (double) totalSteps;
      return minLr + (learningRate - minLr) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
  }

  record LinearWarmup(long warmupSteps, LearningRateSchedule then)
      implements LearningRateSchedule {
    LinearWarmup {
      if (warmupSteps < 0) {
        throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
      }
      Objects.requireNonNull(then, "then");
    }

    @Override
    public double at(long step) {
      requireStep(step);
      if (step <= warmupSteps) {
        return then.at(1) * step / warmupSteps;
      }
      return then.at(step - warmupSteps);
    }
  }
}
