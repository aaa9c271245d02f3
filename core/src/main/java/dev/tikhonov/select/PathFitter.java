package dev.tikhonov.select;

import dev.tikhonov.linear.GlmPath;

/**
 * Fits a regularization path on some rows of the data for a given λ sequence, or for the
 * solver's own default sequence when {@code lambdas} is null (cross-validation calls it with
 * each fold's training rows). Any
 * family's solver plugs in through this, e.g.
 * {@code (rows, lambdas) -> ElasticNetPath.fit(x, y, rows, config.withLambdas(lambdas), names)}.
 */
@FunctionalInterface
public interface PathFitter {
  GlmPath fit(int[] rows, double[] lambdas);
}
