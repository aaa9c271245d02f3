package dev.tikhonov.tensor;

import dev.tikhonov.nn.Dense;

/**
 * A test-only class that breaks the layering on purpose (tensor using nn), so that LayeringTest
 * can show its rule fails when it should.
 */
public final class UpwardDependencyProbe {
  private UpwardDependencyProbe() {}

  static int width(Dense dense) {
    return dense.weight().value().cols();
  }
}
