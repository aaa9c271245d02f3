package dev.tikhonov.spark;

import dev.tikhonov.linear.GaussianStatistics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * The per-partition result of the distributed pass as bytes: one {@code byte[]} per fold (an
 * empty outer array for a partition without rows). Task results and shuffle records travel as
 * byte arrays, which every Spark serializer (Java, Kryo) carries as they are, so no class of ours
 * is Java-serialized and every double arrives with its bits unchanged (raw IEEE 754,
 * little-endian). The symmetric scatter travels as its upper triangle (half the bytes); one
 * fold at p = 4096 is 67 MB.
 *
 * <pre>
 *   int magic, int p, long count, double W, double ȳ, double Syy,
 *   double[p] x̄, double[p] Sxy, double[p(p+1)/2] Sxx upper triangle by rows
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class StatisticsCodec {
  private static final int MAGIC = 0x544B4753; // "TKGS"
  private static final int HEADER = 4 + 4 + 8 + 3 * 8;

  private StatisticsCodec() {}

  static byte[][] encode(GaussianStatistics[] folds) {
    byte[][] out = new byte[folds.length][];
    for (int k = 0; k < folds.length; k++) {
      out[k] = encode(folds[k]);
    }
    return out;
  }

  /** The fold statistics, or null for a partition without rows. */
  static GaussianStatistics[] decode(byte[][] partial) {
    if (partial.length == 0) {
      return null;
    }
    GaussianStatistics[] folds = new GaussianStatistics[partial.length];
    for (int k = 0; k < folds.length; k++) {
      folds[k] = decode(partial[k]);
    }
    return folds;
  }

  static byte[] encode(GaussianStatistics statistics) {
    int p = statistics.numFeatures();
    long size = HEADER + 8L * (2L * p + (long) p * (p + 1) / 2);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("statistics of " + p + " features need " + size
          + " bytes, more than one array holds");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).putInt(p).putLong(statistics.count());
    buffer.putDouble(statistics.weightSum()).putDouble(statistics.targetMean())
        .putDouble(statistics.targetScatter());
    DoubleBuffer values = buffer.asDoubleBuffer();
    values.put(statistics.featureMeans()).put(statistics.featureTargetScatter());
    double[] scatter = statistics.featureScatter();
    for (int j = 0; j < p; j++) {
      values.put(scatter, j * p + j, p - j);
    }
    return buffer.array();
  }

  static GaussianStatistics decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.getInt() != MAGIC) {
      throw new IllegalStateException("not a tikhonov statistics record");
    }
    int p = buffer.getInt();
    long count = buffer.getLong();
    double weight = buffer.getDouble();
    double meanY = buffer.getDouble();
    double yy = buffer.getDouble();
    DoubleBuffer values = buffer.asDoubleBuffer();
    double[] means = new double[p];
    double[] cross = new double[p];
    values.get(means).get(cross);
    double[] scatter = new double[p * p];
    for (int j = 0; j < p; j++) {
      values.get(scatter, j * p + j, p - j);
      for (int k = j + 1; k < p; k++) {
        scatter[k * p + j] = scatter[j * p + k];
      }
    }
    return new GaussianStatistics(count, weight, means, meanY, scatter, cross, yy);
  }
}
