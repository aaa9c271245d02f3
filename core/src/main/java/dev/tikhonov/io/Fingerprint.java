package dev.tikhonov.io;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.tensor.Matrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the data a model was trained on, as the network saw it: the shapes, then the
 * features and targets as little-endian float32, then the feature and class names. Independent
 * of the file format the data came from; a resumed run checks it against its checkpoint.
 * Stateless: {@code sha256} may be called from any thread; it only reads the data set.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String sha256(Dataset data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      update(md, data.features());
      update(md, data.targetMatrix());
      md.update(String.join("\u0000", data.featureNames()).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 1);
      md.update(String.join("\u0000", data.classNames()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, Matrix m) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * m.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(m.rows()).putInt(m.cols());
    for (int i = 0; i < m.size(); i++) {
      b.putFloat(m.at(i));
    }
    md.update(b.array());
  }
}
