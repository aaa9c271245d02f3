package dev.tikhonov.data;

import java.util.Arrays;

/**
 * The content of one IDX file of unsigned bytes (type code 0x08): its dimensions and its data
 * in row-major order, as read from disk with no scaling.
 *
 * <p>Element (i₀, i₁, …) is {@code data[((i₀·d₁ + i₁)·d₂ + …)]}; read a value as
 * {@code data[k] & 0xff} (0..255), since Java bytes are signed. An immutable value ({@code dims} is
 * copied in and out; {@code data} is not copied: do not modify it); thread-safe.
 *
 * @param dims the dimensions, 1 to 4 of them, each ≥ 1 (an MNIST image file is n×28×28)
 * @param data the product of {@code dims} unsigned bytes
 */
public record IdxArray(int[] dims, byte[] data) {

  public IdxArray {
    if (dims.length < 1 || dims.length > 4) {
      throw new IllegalArgumentException("IDX arrays have 1 to 4 dimensions, not " + dims.length);
    }
    long size = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("dimension " + d + " is not positive");
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "dims " + Arrays.toString(dims) + " need " + size + " bytes, data has " + data.length);
    }
    dims = dims.clone();
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  /** Size of dimension {@code k}. */
  public int dim(int k) {
    return dims[k];
  }

  /** The number of dimensions, 1 to 4. */
  public int numDims() {

    return dims.length;
  }

  /** Number of records: the size of the first dimension. */
  public int count() {
    return dims[0];
  }

  /** Bytes per record: the product of all dimensions but the first (1 for a 1-d array). */
  public int recordSize() {
    int size = 1;
    for (int k = 1; k < dims.length; k++) {
      size *= dims[k];
    }
    return size;
  }

  /** Unsigned value (0..255) at flat index {@code i}. */
  public int unsigned(int i) {
    return data[i] & 0xff;
  }

  /** Dimensions as "8000x28x28". */
  public String shape() {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < dims.length; k++) {
      s.append(k == 0 ? "" : "x").append(dims[k]);
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdxArray a
        && Arrays.equals(dims, a.dims)
        && Arrays.equals(data, a.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "IdxArray[" + shape() + "]";
  }
}
