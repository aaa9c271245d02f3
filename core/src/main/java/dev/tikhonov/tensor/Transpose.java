package dev.tikhonov.tensor;

/**
 * Whether {@link Blas#gemm} reads an operand as stored or transposed. Thread-safe, as enum
 * constants are.
 */
public enum Transpose {
  NO,
  YES
}
