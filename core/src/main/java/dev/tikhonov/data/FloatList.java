package dev.tikhonov.data;

import java.util.Arrays;

/** A growable float array, so readers need not box millions of values. */
final class FloatList {
  private float[] values = new float[1024];
  private int size;

  void add(float value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  float get(int i) {
    return values[i];
  }

  float[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
