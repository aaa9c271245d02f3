package dev.tikhonov.linear;

/**
 * The path's budget of coordinate passes ({@code maxIterations}, glmnet's {@code maxit}, counted
 * over the whole path) ran out inside a point solver. The driver catches it, drops the λ being
 * solved and ends the path before it (as glmnet does); it never reaches a caller.
 */
final class IterationLimitReached extends RuntimeException {
  IterationLimitReached(int passes) {
    super("no convergence within " + passes + " coordinate passes", null, false, false);
  }
}
