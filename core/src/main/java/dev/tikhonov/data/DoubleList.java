package dev.tikhonov.data;

import java.util.Arrays;

/** A growable double array, so readers need not box millions of values. */
final class DoubleList {
  private double[] values = new double[1024];
  private int size;

  void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  double get(int i) {
    return values[i];
  }

  double[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
