package dev.tikhonov.tensor;

/** Whether {@link Blas#gemm} reads an operand as stored or transposed. */
public enum Transpose {
  NO,
  YES
}
