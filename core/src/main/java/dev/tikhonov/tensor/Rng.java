package dev.tikhonov.tensor;

/**
 * A seeded SplitMix64 generator whose whole state is one {@code long}, so a checkpoint can save
 * and restore it exactly ({@link java.util.SplittableRandom} hides its state).
 *
 * <p>Each component of a run (initialization, shuffling, dropout) takes its own generator from
 * {@link #split()}, so adding a dropout layer does not change the shuffling order.
 *
 * <p>Not thread-safe: every draw advances its state without synchronization; give each thread
 * its own generator ({@code split()}).
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private long state;

  /** A generator whose state is {@code seed}: equal seeds give equal sequences. */
  public Rng(long seed) {
    this.state = seed;
  }

  /** The generator's state; {@code new Rng(0).restore(s)} continues the same sequence. */
  public long state() {
    return state;
  }

  /** Sets the state to one {@link #state()} returned: the sequence continues from there. */
  public void restore(long savedState) {
    this.state = savedState;
  }

  /** The next 64 uniformly random bits (SplitMix64's output), advancing the state. */
  public long nextLong() {

    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform integer in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    // Lemire's multiply-shift; the bias is below 2^-32 for any int bound.
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Standard normal by the Box–Muller transform (one value per call, no cached state). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** An independent generator derived from this one. */
  public Rng split() {
    return new Rng(nextLong());
  }

  /** In-place Fisher–Yates shuffle. Modified: {@code out}. */
  public void shuffle(int[] out) {
    for (int i = out.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
  }

  /** A random permutation of 0..n-1. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p);
    return p;
  }
}
