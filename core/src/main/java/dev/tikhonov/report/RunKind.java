package dev.tikhonov.report;

import java.util.Optional;

/**
 * What a run directory holds; run.json's {@code kind} names it ({@link #id()}), and the report
 * chooses its tables and charts from it. Thread-safe, as enum constants are.
 */
public enum RunKind {
  /** {@code train}: history.csv/json, metrics.json, weights.json. */
  TRAIN("train", "train"),
  /** {@code experiment mnist-l2}: results.json rows over λ, dropout and weight decay. */
  MNIST_L2("mnist-l2", "experiment mnist-l2"),
  /** {@code experiment gd-linear}: slope and intercept of y = 3x + 2 fitted over λ. */
  GD_LINEAR("gd-linear", "experiment gd-linear"),
  /** {@code experiment ridge-vs-lasso}: results.json per model plus path-&lt;model&gt;.json. */
  RIDGE_VS_LASSO("ridge-vs-lasso", "experiment ridge-vs-lasso"),
  /** {@code path}: path.json (and path.csv). */
  PATH("path", "path"),
  /** {@code select}: selection.json (and .csv), λ of a network by cross-validation. */
  SELECT("select", "select"),
  /** {@code grid}: grid.json (and .csv), a grid search by cross-validation. */
  GRID("grid", "grid"),
  /**
   * {@code experiment mnist-select}: results.json rows per data set and method, plus
   * selection-&lt;data&gt;-&lt;method&gt;.json.
   */
  MNIST_SELECT("mnist-select", "experiment mnist-select");

  private final String id;
  private final String title;

  RunKind(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The value of run.json's {@code kind}, e.g. "mnist-l2". */
  public String id() {
    return id;
  }

  /** The command that leaves this kind of directory, e.g. "experiment mnist-l2". */
  public String title() {
    return title;
  }

  /** The kind whose {@link #id()} is {@code id}. */
  public static Optional<RunKind> byId(String id) {
    for (RunKind k : values()) {
      if (k.id.equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
