package dev.tikhonov.select;

import dev.tikhonov.linear.PathSolution;

/**
 * Fits a regularization path on some rows of the data (0-based indices) for a given λ
 * sequence, or for the solver's own default sequence when {@code lambdas} is empty
 * (cross-validation calls it with each fold's training rows), e.g.
 * {@code (rows, lambdas) -> ElasticNetPath.fit(family, x, y, rows,
 * settings.withLambdas(lambdas), names, classes)}. Cross-validation calls it from several
 * threads at once, one fold each: implementations must be thread-safe (ElasticNetPath is).
 */
@FunctionalInterface
public interface PathFitter {
  /**
   * The path fitted on {@code rows} (0-based, to read only) at {@code lambdas} (decreasing; empty
   * for the solver's default sequence on those rows).
   */
  PathSolution fit(int[] rows, double[] lambdas);

}
