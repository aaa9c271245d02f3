package dev.tikhonov.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run directory holds; run.json's {@code kind} names it ({@link #id()}), and the report
 * chooses its tables and charts from it. Thread-safe, as enum constants are.
 */
public enum RunKind {
  /** {@code train}: history.csv/json, metrics.json, weights.json. */
  TRAIN("train", "train", "history.csv", "history.json", "metrics.json", "weights.json",
      "checkpoint.safetensors"),
  /** {@code experiment mnist-l2}: results.json rows over λ, dropout and weight decay. */
  MNIST_L2("mnist-l2", "experiment mnist-l2", "experiment.json", "results.json", "results.csv",
      "histograms.json", "runs/*/seed-*/history.csv", "runs/*/seed-*/history.json"),
  /** {@code experiment gd-linear}: slope and intercept of y = 3x + 2 fitted over λ. */
  GD_LINEAR("gd-linear", "experiment gd-linear", "experiment.json", "results.json",
      "runs/*/history.csv", "runs/*/history.json"),
  /** {@code experiment ridge-vs-lasso}: results.json per model plus path-&lt;model&gt;.json. */
  RIDGE_VS_LASSO("ridge-vs-lasso", "experiment ridge-vs-lasso", "experiment.json",
      "results.json", "path-*.json"),
  /**
   * {@code path}: path.json, path.csv (l1-ratios.csv with several --l1-ratio, out-of-fold.csv
   * with --out-of-fold).
   */
  PATH("path", "path", "path.json", "path.csv", "l1-ratios.csv", "out-of-fold.csv"),
  /**
   * {@code ridge}: path.json (the path plus GCV, leave-one-out and the chosen λ) and path.csv.
   * Ridge directories written before this kind say "path" in run.json, and read as before.
   */
  RIDGE("ridge", "ridge", "path.json", "path.csv"),
  /** {@code select}: selection.json (and .csv), λ of a network by cross-validation. */
  SELECT("select", "select", "selection.json", "selection.csv", "selection-cold.json",
      "selection-cold.csv", "metrics.json"),
  /** {@code grid}: grid.json (and .csv), a grid search by cross-validation. */
  GRID("grid", "grid", "grid.json", "grid.csv", "metrics.json"),
  /**
   * {@code experiment mnist-select}: results.json rows per data set and method, plus
   * selection-&lt;data&gt;-&lt;method&gt;.json.
   */
  MNIST_SELECT("mnist-select", "experiment mnist-select", "experiment.json", "results.json",
      "results.csv", "selection-*.json", "selection-*.csv");

  /**
   * What every kind writes besides its own files: run.json, report.html and its charts, and
   * while it writes, the record of its files so far (run.json.partial, docs/formats.md).
   */
  private static final List<String> COMMON = List.of("run.json", "report.html",
      "charts/*.svg", "charts/*.png", RunManifest.PARTIAL);

  private final String id;
  private final String title;
  private final List<String> files;

  /**
   * @param files what the run writes in its directory: a path whose "/"-separated names may
   *     hold a "*" (any characters but "/"). Names, not folders: "runs/" stood for the whole
   *     folder, and a later run removed a user's runs/ (TensorBoard's) or the default
   *     runs/&lt;command&gt;-&lt;time&gt; folders of every earlier run with it
   */
  RunKind(String id, String title, String... files) {
    this.id = id;
    this.title = title;
    this.files = List.of(files);
  }

  /**
   * Whether a run of this kind writes (or replaces) the file at {@code relative}, a path inside
   * its run directory: the one list of the run's own files, which {@code --save} and the
   * inputs of a run must not be (docs/formats.md).
   */
  public boolean writes(Path relative) {
    String[] path = names(relative);
    for (String file : concat(files, COMMON)) {
      String[] pattern = file.split("/");
      if (pattern.length == path.length && matchesFrom(pattern, path, path.length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the folder at {@code relative}, a path inside the run directory, may hold files of
   * this kind ({@link #writes}): charts/, or runs/ and its folders for an experiment.
   */
  public boolean mayHold(Path relative) {
    String[] path = names(relative);
    for (String file : concat(files, COMMON)) {
      String[] pattern = file.split("/");
      if (pattern.length > path.length && matchesFrom(pattern, path, path.length)) {
        return true;
      }
    }
    return false;
  }

  private static String[] names(Path relative) {
    return relative.normalize().toString().replace('\\', '/').split("/");
  }

  /** Whether the first {@code count} names of {@code path} match those of {@code pattern}. */
  private static boolean matchesFrom(String[] pattern, String[] path, int count) {
    for (int i = 0; i < count; i++) {
      if (!matches(pattern[i], path[i])) {
        return false;
      }
    }
    return true;
  }

  /** One name against a pattern with at most one "*". */
  private static boolean matches(String pattern, String name) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return name.equals(pattern);
    }
    return name.length() >= pattern.length() - 1 && name.startsWith(pattern.substring(0, star))
        && name.endsWith(pattern.substring(star + 1));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
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
