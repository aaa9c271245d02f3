package dev.tikhonov.tensor;

/**
 * Whether {@link Blas#gemm} reads an operand as stored or transposed. Thread-safe, as enum
 * constants are.
 */
public enum Transpose {
  /** The operand as stored. */
  NO,
  /** The operand's transpose: a stored m×k matrix is read as k×m. */
  YES

}
