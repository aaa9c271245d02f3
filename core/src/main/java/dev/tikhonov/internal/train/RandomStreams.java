package dev.tikhonov.internal.train;

import dev.tikhonov.tensor.Rng;

/**
 * The independent random generators of one run, split from its seed in a fixed order: weight
 * initialization, mini-batch shuffling, dropout masks. Changing one component (adding dropout)
 * leaves the others' sequences unchanged.
 *
 * <p>The record is immutable but its generators are not: each {@code Rng} advances on every
 * draw and is not thread-safe, so one thread at a time draws from a stream.
 */
public record RandomStreams(Rng init, Rng shuffle, Rng dropout) {
  public static RandomStreams of(long seed) {
    Rng root = new Rng(seed);
    return new RandomStreams(root.split(), root.split(), root.split());
  }
}
