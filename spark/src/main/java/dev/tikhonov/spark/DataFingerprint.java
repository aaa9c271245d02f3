package dev.tikhonov.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a Spark fit's training rows, computed in the statistics pass
 * ({@link StatisticsPass}) at no extra read: the Spark counterpart of the core's
 * {@code Dataset.fingerprint()} (a SHA-256 of the values in row order), which a distributed
 * dataset cannot give cheaply, since its row order is not fixed.
 *
 * <p>Each row gets two independent 64-bit hashes h₁, h₂ of its values in column order
 * (features as a dense vector, label, weight; 1 without a weight column; −0 taken as 0), each a
 * chain of MurmurHash3's 64-bit finalizer over the values' IEEE 754 bits. The pass sums them
 * over all rows modulo 2⁶⁴ together with the row count n: integer sums, so the result does not
 * depend on the row order, the partitioning, the merge order or task retries. The fingerprint is
 *
 * <pre>
 *   "spark-rows-v1:" + hex(SHA-256(feature names, label column, weight column, n, Σh₁, Σh₂))
 * </pre>
 *
 * It names the multiset of rows: the same rows in any order or partitioning give the same
 * value; a changed, added or removed row, or other column names, a different one (short of a
 * 128-bit collision of the sums, which is not designed to resist a deliberate attempt: this is
 * an identity check, not a cryptographic commitment). It differs from the core's fingerprint of
 * the same data (the prefix says so). Stateless and thread-safe.
 */
final class DataFingerprint {
  /** The marker of a fingerprint record among a partition's statistics records. */
  private static final int MAGIC = 0x544B4650; // "TKFP"
  private static final int SIZE = 4 + 3 * 8;
  private static final long SEED_1 = 0x9E3779B97F4A7C15L;
  private static final long SEED_2 = 0xC2B2AE3D27D4EB4FL;

  private DataFingerprint() {}

  /** Σ over rows: n, Σh₁, Σh₂ (mod 2⁶⁴). Mutable; one per task. */
  static final class Sums {
    long rows;
    long first = 0;
    long second = 0;

    /** Adds one row: its dense features, label and weight. */
    void add(double[] features, double label, double weight) {
      long h1 = SEED_1;
      long h2 = SEED_2;
      for (double v : features) {
        long bits = bits(v);
        h1 = mix(h1 ^ bits);
        h2 = mix(h2 + bits);
      }
      long l = bits(label);
      long w = bits(weight);
      h1 = mix(mix(h1 ^ l) ^ w);
      h2 = mix(mix(h2 + l) + w);
      rows++;
      first += h1;
      second += h2;
    }

    /** The record a partition's result carries after its statistics. */
    byte[] encode() {
      return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC)
          .putLong(rows).putLong(first).putLong(second).array();
    }
  }

  /** Whether {@code record} is a fingerprint record ({@link Sums#encode()}). */
  static boolean isRecord(byte[] record) {
    return record.length == SIZE
        && ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
  }

  /** The record of both records' rows together. */
  static byte[] merge(byte[] left, byte[] right) {
    Sums sum = decode(left);
    Sums other = decode(right);
    sum.rows += other.rows;
    sum.first += other.first;
    sum.second += other.second;
    return sum.encode();
  }

  private static Sums decode(byte[] record) {
    ByteBuffer buffer = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
    buffer.getInt();
    Sums s = new Sums();
    s.rows = buffer.getLong();
    s.first = buffer.getLong();
    s.second = buffer.getLong();
    return s;
  }

  /**
   * The fingerprint of the rows the record sums, read with these column names (the feature
   * names, the label column, the weight column or "").
   */
  static String of(byte[] record, List<String> featureNames, String labelCol,
      String weightCol) {
    Sums s = decode(record);
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    md.update(String.join("\u0000", featureNames).getBytes(StandardCharsets.UTF_8));
    md.update((byte) 1);
    md.update(labelCol.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 1);
    md.update(weightCol.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 1);
    md.update(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(s.rows)
        .putLong(s.first).putLong(s.second).array());
    return "spark-rows-v1:" + HexFormat.of().formatHex(md.digest());
  }

  /** A value's bits, with −0 as 0 (a sparse vector's zeros are +0). */
  private static long bits(double v) {
    return v == 0 ? 0L : Double.doubleToLongBits(v);
  }

  /** MurmurHash3's 64-bit finalizer (fmix64): every input bit affects every output bit. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB93FE1A85A53L;
    h ^= h >>> 33;
    return h;
  }
}
