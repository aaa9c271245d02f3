/**
 * The first layer's forward product on the inputs' zeros (docs/performance-log.md, "Issue 13,
 * fourteenth session"): one thread, batches of 128 Fashion-MNIST rows, input columns 0-391 (one
 * thread's block of the input split), 256 outputs. Dense: Blas.gemm at one thread (oneDNN);
 * sparse: the batch as CSR, then y_i += x_ij·W[j, :] over the nonzeros, four at a time, in plain
 * Java arrays (W copied from its direct buffer each step, as a real step would need); and the
 * weight gradient X^T g the same two ways (CSC).
 *   mvn -q -o -DskipTests package
 *   javac -cp cli/target/tikhonov.jar -d /tmp/spx bench/scratch/SparseInput.java
 *   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java -cp /tmp/spx:cli/target/tikhonov.jar SparseInput
 */
import dev.tikhonov.tensor.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;

public class SparseInput {
  static final int B = 128, C = 392, H = 256;
  public static void main(String[] a) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of("/var/tmp/peers-data/fashion-mnist/train-images-idx3-ubyte"));
    int n = 60000;
    float[] xs = new float[n * 784];
    for (int i = 0; i < n * 784; i++) xs[i] = (raw[16 + i] & 255) / 255f;
    Random r = new Random(1);
    Blas.setThreads(1);
    Matrix X = Matrix.zeros(B, C), W = Matrix.zeros(C, H), Y = Matrix.zeros(B, H), G = Matrix.zeros(B, H), DW = Matrix.zeros(C, H);
    for (int i = 0; i < C * H; i++) W.put(i, (float) r.nextGaussian() * 0.05f);
    for (int i = 0; i < B * H; i++) G.put(i, (float) r.nextGaussian());
    float[] w = new float[C * H], g = new float[B * H], y = new float[B * H], dw = new float[C * H];
    float[] xb = new float[B * C];
    int[] rowPtr = new int[B + 1], colIdx = new int[B * C]; float[] vals = new float[B * C];
    int[] cPtr = new int[C + 1], rIdx = new int[B * C]; float[] cVals = new float[B * C];
    int steps = 468;
    for (int rep = 0; rep < 8; rep++) {
      long tD = 0, tDg = 0, tS = 0, tSg = 0; double maxErr = 0, maxErrG = 0; long nnz = 0;
      for (int s = 0; s < steps; s++) {
        // batch: rows s*B.., columns 0..C
        for (int i = 0; i < B; i++) { int src = ((s * B + i) % n) * 784; for (int j = 0; j < C; j++) xb[i * C + j] = xs[src + j]; }
        X.buffer().put(0, xb, 0, B * C);
        long t0 = System.nanoTime();
        Blas.gemm(Transpose.NO, Transpose.NO, 1f, X, W, 0f, Y);
        long t1 = System.nanoTime();
        Blas.gemm(Transpose.YES, Transpose.NO, 1f, X, G, 0f, DW);
        long t2 = System.nanoTime();
        // sparse: CSR + CSC build, weight copy, forward
        W.buffer().get(0, w, 0, C * H);
        int p = 0;
        for (int i = 0; i < B; i++) { rowPtr[i] = p; for (int j = 0; j < C; j++) { float v = xb[i * C + j]; if (v != 0) { colIdx[p] = j * H; vals[p++] = v; } } }
        rowPtr[B] = p; nnz += p;
        forward(rowPtr, colIdx, vals, w, y);
        long t3 = System.nanoTime();
        G.buffer().get(0, g, 0, B * H);
        // CSC
        Arrays.fill(cPtr, 0);
        for (int i = 0; i < B; i++) for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++) cPtr[colIdx[q] / H + 1]++;
        for (int j = 0; j < C; j++) cPtr[j + 1] += cPtr[j];
        int[] fill = Arrays.copyOf(cPtr, C);
        for (int i = 0; i < B; i++) for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++) { int j = colIdx[q] / H; int at = fill[j]++; rIdx[at] = i * H; cVals[at] = vals[q]; }
        weightGrad(cPtr, rIdx, cVals, g, dw);
        long t4 = System.nanoTime();
        tD += t1 - t0; tDg += t2 - t1; tS += t3 - t2; tSg += t4 - t3;
        if (s == steps - 1) {
          for (int i = 0; i < B * H; i++) maxErr = Math.max(maxErr, Math.abs(y[i] - Y.at(i)));
          for (int i = 0; i < C * H; i++) maxErrG = Math.max(maxErrG, Math.abs(dw[i] - DW.at(i)));
        }
      }
      double dense = 2.0 * B * C * H * steps;
      System.out.printf("density %.3f  dense fwd %.1f ms (%.0f GF/s)  dense wgrad %.1f ms  sparse fwd %.1f ms  sparse wgrad %.1f ms  err %.1e %.1e%n",
          nnz / (double) (B * C * steps), tD / 1e6, dense / tD, tDg / 1e6, tS / 1e6, tSg / 1e6, maxErr, maxErrG);
    }
  }

  static void forward(int[] rowPtr, int[] col, float[] val, float[] w, float[] y) {
    for (int i = 0; i < B; i++) {
      int o = i * H;
      Arrays.fill(y, o, o + H, 0f);
      int q = rowPtr[i], end = rowPtr[i + 1];
      for (; q + 4 <= end; q += 4) {
        int j0 = col[q], j1 = col[q + 1], j2 = col[q + 2], j3 = col[q + 3];
        float v0 = val[q], v1 = val[q + 1], v2 = val[q + 2], v3 = val[q + 3];
        for (int k = 0; k < H; k++) {
          y[o + k] = Math.fma(v3, w[j3 + k], Math.fma(v2, w[j2 + k], Math.fma(v1, w[j1 + k], Math.fma(v0, w[j0 + k], y[o + k]))));
        }
      }
      for (; q < end; q++) {
        int j0 = col[q]; float v0 = val[q];
        for (int k = 0; k < H; k++) y[o + k] = Math.fma(v0, w[j0 + k], y[o + k]);
      }
    }
  }

  static void weightGrad(int[] cPtr, int[] row, float[] val, float[] g, float[] dw) {
    for (int j = 0; j < C; j++) {
      int o = j * H;
      Arrays.fill(dw, o, o + H, 0f);
      int q = cPtr[j], end = cPtr[j + 1];
      for (; q + 4 <= end; q += 4) {
        int i0 = row[q], i1 = row[q + 1], i2 = row[q + 2], i3 = row[q + 3];
        float v0 = val[q], v1 = val[q + 1], v2 = val[q + 2], v3 = val[q + 3];
        for (int k = 0; k < H; k++) {
          dw[o + k] = Math.fma(v3, g[i3 + k], Math.fma(v2, g[i2 + k], Math.fma(v1, g[i1 + k], Math.fma(v0, g[i0 + k], dw[o + k]))));
        }
      }
      for (; q < end; q++) {
        int i0 = row[q]; float v0 = val[q];
        for (int k = 0; k < H; k++) dw[o + k] = Math.fma(v0, g[i0 + k], dw[o + k]);
      }
    }
  }
}
