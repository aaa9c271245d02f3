package dev.tikhonov.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
  @Test
  void reluMask_keepsGradientWhereOutputPositive_evenSubnormal() {
    float[] y = {0f, Float.MIN_VALUE, 1e-30f, 3f, 0f, Float.MAX_VALUE};
    float[] g = {5f, -2f, 7f, -1.5f, -4f, 0.25f};
    Kernels.reluMask(y, g, y.length);
    assertArrayEquals(new float[] {0f, -2f, 7f, -1.5f, 0f, 0.25f}, g, 0f);
  }

  @Test
  void reluMask_onMatrices_matchesTheDefinition() {
    Rng rng = new Rng(3);
    Matrix y = Matrix.zeros(5, 7);
    Matrix g = Matrix.zeros(5, 7);
    for (int i = 0; i < y.size(); i++) {
      y.put(i, Math.max(0f, (float) rng.nextGaussian()));
      g.put(i, (float) rng.nextGaussian());
    }
    float[] expected = g.toArray();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = y.at(i) > 0 ? expected[i] : 0f;
    }
    Kernels.reluMask(y, g);
    float[] actual = g.toArray();
    for (int i = 0; i < actual.length; i++) {
      assertEquals(expected[i], actual[i], 0f, "element " + i); // ±0 compare equal
    }
  }

  @Test
  void addRowVectorRelu_equalsBiasThenRectifier_bitForBit() {
    Rng rng = new Rng(4);
    Matrix z = Matrix.zeros(6, 9);
    Matrix bias = Matrix.zeros(1, 9);
    for (int i = 0; i < z.size(); i++) {
      z.put(i, (float) rng.nextGaussian());
    }
    for (int j = 0; j < 9; j++) {
      bias.put(j, (float) rng.nextGaussian());
    }
    Matrix reference = z.copy();
    Kernels.addRowVector(bias, reference);
    float[] expected = reference.toArray();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = expected[i] > 0f ? expected[i] : 0f;
    }
    Kernels.addRowVectorRelu(bias, z);
    assertArrayEquals(expected, z.toArray(), 0f);
  }

  /** The scalar definition of lowbias32 written out, independent of Kernels.mix32. */
  private static int lowbias32(int x) {
    x ^= x >>> 16;
    x *= 0x7feb352d;
    x ^= x >>> 15;
    x *= 0x846ca68b;
    return x ^ (x >>> 16);
  }

  @Test
  void dropout_isItsScalarDefinition_andKeepsOneMinusRate() {
    Rng rng = new Rng(8);
    Matrix x = Matrix.zeros(97, 53); // not a multiple of the 1,024-element chunk
    for (int i = 0; i < x.size(); i++) {
      x.put(i, (float) rng.nextGaussian());
    }
    long key = 0x0123456789abcdefL;
    for (double rate : new double[] {0.2, 0.5, 0.9}) {
      float scale = (float) (1 / (1 - rate));
      int threshold = Kernels.dropoutThreshold((float) rate);
      Matrix mask = Matrix.zeros(97, 53);
      Matrix out = Matrix.zeros(97, 53);
      Kernels.dropout(key, 7, threshold, scale, x, mask, out);
      int kept = 0;
      for (int i = 0; i < x.size(); i++) {
        int e = 7 + i;
        int u = lowbias32(lowbias32(e * 0x9E3779B9 + (int) key) ^ (int) (key >>> 32)) >>> 8;
        assertEquals(u, Kernels.dropoutBits(key, e));
        // the float test the generator-per-element version made: 24 random bits u/2²⁴ ≥ p
        boolean keep = u * 0x1.0p-24f >= (float) rate;
        assertEquals(keep ? scale : 0f, mask.at(i), 0f, "mask " + i);
        assertEquals(Float.floatToIntBits(x.at(i) * (keep ? scale : 0f)),
            Float.floatToIntBits(out.at(i)), "out " + i);
        kept += keep ? 1 : 0;
      }
      double n = x.size();
      assertEquals(1 - rate, kept / n, 4 * Math.sqrt(rate * (1 - rate) / n), "rate " + rate);
    }
  }

  @Test
  void dropout_ofRowsOfABatch_equalsThoseRowsOfTheWholeBatch() {
    Matrix x = Matrix.zeros(10, 300);
    for (int i = 0; i < x.size(); i++) {
      x.put(i, 1f + i % 7);
    }
    int threshold = Kernels.dropoutThreshold(0.3f);
    Matrix mask = Matrix.zeros(10, 300);
    Matrix out = Matrix.zeros(10, 300);
    Kernels.dropout(42L, 0, threshold, 1 / 0.7f, x, mask, out);
    Matrix partMask = Matrix.zeros(6, 300);
    Matrix partOut = Matrix.zeros(6, 300);
    Kernels.dropout(42L, 4 * 300, threshold, 1 / 0.7f, x.rowRange(4, 10), partMask, partOut);
    assertArrayEquals(mask.rowRange(4, 10).toArray(), partMask.toArray());
    assertArrayEquals(out.rowRange(4, 10).toArray(), partOut.toArray());
    Matrix other = Matrix.zeros(10, 300);
    Kernels.dropout(43L, 0, threshold, 1 / 0.7f, x, other, Matrix.zeros(10, 300));
    int differ = 0;
    for (int i = 0; i < mask.size(); i++) {
      differ += mask.at(i) != other.at(i) ? 1 : 0;
    }
    assertEquals(2 * 0.3 * 0.7, differ / 3000.0, 0.05, "another key, other masks");
  }

  @Test
  void multiply_isElementWise() {
    Matrix g = Matrix.of(2, 3, 1.0, -2.0, 3.0, 0.5, 0.0, -1.0);
    Matrix m = Matrix.of(2, 3, 1.25, 0.0, 1.25, 0.0, 1.25, 1.25);
    Matrix out = Matrix.zeros(2, 3);
    Kernels.multiply(g, m, out);
    assertArrayEquals(new float[] {1.25f, -0f, 3.75f, 0f, 0f, -1.25f}, out.toArray());
  }

  @Test
  void bits_isTheFloatStorageAsRawBits_inViewsToo() {
    Matrix a = Matrix.of(3, 2, 1.0, -2.5, 0.0, 3.0, 4.0, -0.0);
    Matrix rows = a.rowRange(1, 3);
    assertEquals(Float.floatToRawIntBits(3f), rows.bits().get(1));
    rows.bits().put(0, Float.floatToRawIntBits(7.5f));
    assertEquals(7.5f, a.get(1, 0));
    assertEquals(4, rows.bits().capacity());
  }

  @Test
  void addColumnSums_addsEachColumnsSumInDouble_overRowsLongerThanAChunk() {
    Matrix x = Matrix.zeros(3, 1500);
    for (int i = 0; i < x.size(); i++) {
      x.put(i, (i % 3 == 0 ? 1e8f : 1f));
    }
    double[] acc = new double[1500];
    acc[1499] = 0.5;
    Kernels.addColumnSums(x, acc);
    for (int j = 0; j < 1500; j++) {
      double expected = (j == 1499 ? 0.5 : 0);
      for (int i = 0; i < 3; i++) {
        expected += x.get(i, j);
      }
      assertEquals(expected, acc[j], 0, "column " + j); // 1e8 + 1 + 1 exact in double
    }
  }

  private static Matrix gaussian(int rows, int cols, long seed) {
    return TestMatrices.gaussian(rows, cols, new Rng(seed));
  }

  /** Over rows longer than a chunk, so the chunked loops meet their tails. */
  @Test
  void addRowVectorRelu_overRowsLongerThanAChunk_keepsNaN() {
    Matrix z = gaussian(3, 1500, 11);
    Matrix bias = gaussian(1, 1500, 12);
    z.set(1, 1400, Float.NaN);
    Matrix plus = z.copy();
    Kernels.addRowVector(bias, plus);
    Matrix relu = z.copy();
    Kernels.addRowVectorRelu(bias, relu);
    for (int i = 0; i < z.size(); i++) {
      float e = z.at(i) + bias.at(i % 1500);
      assertEquals(e, plus.at(i), 0f, "element " + i);
      assertEquals(Float.isNaN(e) ? e : Math.max(e, 0f), relu.at(i), 0f, "element " + i);
    }
    assertTrue(Float.isNaN(relu.get(1, 1400)));
  }

  @Test
  void sumRowsAddRowVector_isTheSumOfTheTermsInOrderPlusBias_bitForBit() {
    int n = 1100; // longer than a chunk
    Matrix[] terms = {gaussian(7, n, 13), gaussian(7, n, 14), gaussian(7, n, 15)};
    Matrix bias = gaussian(1, n, 16);
    terms[2].set(5, 1050, Float.NaN);
    int from = 2;
    Matrix out = Matrix.zeros(4, n);
    Matrix outRelu = Matrix.zeros(4, n);
    Kernels.sumRowsAddRowVector(terms, from, bias, out);
    Kernels.sumRowsAddRowVectorRelu(terms, from, bias, outRelu);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < n; j++) {
        float sum = terms[0].get(from + i, j) + terms[1].get(from + i, j)
            + terms[2].get(from + i, j) + bias.at(j);
        assertEquals(sum, out.get(i, j), 0f, "row " + i + ", column " + j);
        assertEquals(Float.isNaN(sum) ? sum : Math.max(sum, 0f), outRelu.get(i, j), 0f);
      }
    }
    assertTrue(Float.isNaN(outRelu.get(3, 1050)), "a NaN stays NaN through the ReLU");
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.sumRowsAddRowVector(terms, 4, bias, out)); // rows 4..8 of 7
  }

  @Test
  void gatherRowBlocks_copiesTheIndexedRowsColumnBlock() {
    Matrix source = gaussian(9, 11, 17);
    int[] index = {8, 2, 5, 0, 2};
    Matrix out = Matrix.zeros(3, 4);
    Kernels.gatherRowBlocks(source, index, 1, 4, 6, 10, out);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(source.get(index[1 + i], 6 + j), out.get(i, j), 0f);
      }
    }
    assertThrows(IndexOutOfBoundsException.class,
        () -> Kernels.gatherRowBlocks(source, index, 1, 4, 8, 12, out));
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.gatherRowBlocks(source, index, 1, 3, 6, 10, out));
  }

  /**
   * Batches larger than the gather's groups of rows and chunks of columns (16 and 64): every
   * element lands where the row-by-row copy puts it, including ragged last groups and chunks,
   * and nothing outside the output's rows is written.
   */
  @Test
  void gathers_copyEveryElementAcrossGroupsAndChunks() {
    Matrix source = gaussian(300, 150, 23);
    int[] index = new int[60];
    for (int i = 0; i < index.length; i++) {
      index[i] = (i * 97 + 11) % 300;
    }
    Matrix whole = Matrix.zeros(40, 150);
    whole.fill(Float.NaN);
    Kernels.gatherRows(source, index, 3, 40, whole.rowRange(0, 37));
    Matrix block = Matrix.zeros(37, 131);
    Kernels.gatherRowBlocks(source, index, 3, 40, 7, 138, block);
    for (int i = 0; i < 37; i++) {
      for (int j = 0; j < 150; j++) {
        assertEquals(source.get(index[3 + i], j), whole.get(i, j), 0f, "row " + i + ", col " + j);
      }
      for (int j = 0; j < 131; j++) {
        assertEquals(source.get(index[3 + i], 7 + j), block.get(i, j), 0f);
      }
    }
    for (int i = 37; i < 40; i++) {
      for (int j = 0; j < 150; j++) {
        assertTrue(Float.isNaN(whole.get(i, j)), "row " + i + " is past the gathered rows");
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.gatherRows(source, index, 0, 3, Matrix.zeros(3, 149)));
  }

  @Test
  void reluMaskAddColumnSums_isTheMaskThenTheColumnSums() {
    Matrix y = gaussian(5, 1300, 18);
    for (int i = 0; i < y.size(); i++) {
      y.put(i, Math.max(0f, y.at(i)));
    }
    Matrix g = gaussian(5, 1300, 19);
    Matrix expected = g.copy();
    double[] expectedSums = new double[1300];
    double[] sums = new double[1300];
    expectedSums[7] = sums[7] = 2.5;
    Kernels.reluMask(y, expected);
    Kernels.addColumnSums(expected, expectedSums);
    Kernels.reluMaskAddColumnSums(y, g, sums);
    assertArrayEquals(expected.toArray(), g.toArray(), 0f);
    assertArrayEquals(expectedSums, sums, 0);
  }

  @Test
  void partialSumsAndColumnSums_refuseMismatchedArguments() {
    Matrix out = Matrix.zeros(2, 3);
    Matrix bias = Matrix.zeros(1, 3);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Kernels.sumRowsAddRowVectorRelu(new Matrix[0], 0, bias, out));
    assertEquals("a sum of rows needs at least one term", none.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Kernels.sumRowsAddRowVector(new Matrix[] {Matrix.zeros(2, 4)}, 0, bias, out));
    IllegalArgumentException sums = assertThrows(IllegalArgumentException.class,
        () -> Kernels.reluMaskAddColumnSums(out, Matrix.zeros(2, 3), new double[2]));
    assertEquals("column sums of 2x3 into 2", sums.getMessage());
  }
}
