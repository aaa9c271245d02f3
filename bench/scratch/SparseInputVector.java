/**
 * The sparse first-layer kernel of SparseInput.java with explicit SIMD (the JDK 17 incubator
 * Vector API, 512-bit): for each nonzero x_ij of a row, 16 FMAs of W[j, :] into 16 registers
 * holding y_i (256 floats). 180 random nonzeros of 392 rows of W per row, 128 × 468 rows.
 *   javac --add-modules jdk.incubator.vector -d /tmp/spx bench/scratch/SparseInputVector.java
 *   java --add-modules jdk.incubator.vector -cp /tmp/spx SparseInputVector
 */
import java.util.*;
import jdk.incubator.vector.*;
public class SparseInputVector {
  static final int H = 256;
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  public static void main(String[] a) {
    int R = 392; float[] w = new float[R * H]; Random r = new Random(1);
    for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
    int nnz = 180; int[] col = new int[nnz]; float[] val = new float[nnz];
    for (int q = 0; q < nnz; q++) { col[q] = r.nextInt(R) * H; val[q] = r.nextFloat(); }
    float[] acc = new float[H];
    for (int rep = 0; rep < 6; rep++) {
      long t0 = System.nanoTime();
      for (int it = 0; it < 128 * 468; it++) v16(col, val, nnz, w, acc);
      long t1 = System.nanoTime();
      double fl = 2.0 * nnz * H * 128 * 468;
      System.out.printf("v16 %.0f ms %.1f GF/s  %f%n", (t1-t0)/1e6, fl/(t1-t0), acc[3]);
    }
  }
  static void v16(int[] col, float[] val, int nnz, float[] w, float[] acc) {
      FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S), a4 = FloatVector.zero(S), a5 = FloatVector.zero(S), a6 = FloatVector.zero(S), a7 = FloatVector.zero(S), a8 = FloatVector.zero(S), a9 = FloatVector.zero(S), a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S), a14 = FloatVector.zero(S), a15 = FloatVector.zero(S);
      for (int q = 0; q < nnz; q++) {
        int j = col[q]; FloatVector v = FloatVector.broadcast(S, val[q]);
        a0 = FloatVector.fromArray(S, w, j + 0).fma(v, a0);
        a1 = FloatVector.fromArray(S, w, j + 16).fma(v, a1);
        a2 = FloatVector.fromArray(S, w, j + 32).fma(v, a2);
        a3 = FloatVector.fromArray(S, w, j + 48).fma(v, a3);
        a4 = FloatVector.fromArray(S, w, j + 64).fma(v, a4);
        a5 = FloatVector.fromArray(S, w, j + 80).fma(v, a5);
        a6 = FloatVector.fromArray(S, w, j + 96).fma(v, a6);
        a7 = FloatVector.fromArray(S, w, j + 112).fma(v, a7);
        a8 = FloatVector.fromArray(S, w, j + 128).fma(v, a8);
        a9 = FloatVector.fromArray(S, w, j + 144).fma(v, a9);
        a10 = FloatVector.fromArray(S, w, j + 160).fma(v, a10);
        a11 = FloatVector.fromArray(S, w, j + 176).fma(v, a11);
        a12 = FloatVector.fromArray(S, w, j + 192).fma(v, a12);
        a13 = FloatVector.fromArray(S, w, j + 208).fma(v, a13);
        a14 = FloatVector.fromArray(S, w, j + 224).fma(v, a14);
        a15 = FloatVector.fromArray(S, w, j + 240).fma(v, a15);
      }
      a0.intoArray(acc, 0);
      a1.intoArray(acc, 16);
      a2.intoArray(acc, 32);
      a3.intoArray(acc, 48);
      a4.intoArray(acc, 64);
      a5.intoArray(acc, 80);
      a6.intoArray(acc, 96);
      a7.intoArray(acc, 112);
      a8.intoArray(acc, 128);
      a9.intoArray(acc, 144);
      a10.intoArray(acc, 160);
      a11.intoArray(acc, 176);
      a12.intoArray(acc, 192);
      a13.intoArray(acc, 208);
      a14.intoArray(acc, 224);
      a15.intoArray(acc, 240);
  }
}
