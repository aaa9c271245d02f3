package dev.tikhonov.report;

/** What a run directory holds, as told by the files docs/formats.md lists for each command. */
public enum RunKind {
  /** {@code train}: history.csv/json, metrics.json, weights.json. */
  TRAIN("train"),
  /** {@code experiment mnist-l2}: results.json rows over λ, dropout and weight decay. */
  MNIST_L2("experiment mnist-l2"),
  /** {@code experiment gd-linear}: slope and intercept of y = 3x + 2 fitted over λ. */
  GD_LINEAR("experiment gd-linear"),
  /** {@code experiment ridge-vs-lasso}: results.json per model plus path-&lt;model&gt;.json. */
  RIDGE_VS_LASSO("experiment ridge-vs-lasso"),
  /** {@code path}: path.json (and path.csv). */
  PATH("path");

  private final String title;

  RunKind(String title) {
    this.title = title;
  }

  /** The command that leaves this kind of directory, e.g. "experiment mnist-l2". */
  public String title() {
    return title;
  }
}
