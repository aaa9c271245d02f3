package dev.tikhonov.data;

import dev.tikhonov.internal.data.ClassLabels;
import dev.tikhonov.internal.data.DataFormat;
import dev.tikhonov.internal.data.Numbers;
import dev.tikhonov.tensor.Matrix;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The examples every estimator takes: n rows of p features and one target per row; or, for a
 * fitted model to predict, rows of features alone ({@link #ofFeatures}, {@link #hasTarget()}).
 *
 * <p>For classification ({@link #numClasses()} = K ≥ 2) the target of a row is its class index
 * 0..K−1, class k being named {@code classNames().get(k)}; for regression (no class names) it is
 * a real number.
 *
 * <p><b>Precision.</b> Values are held as they were given or read: data from text files
 * (CSV, TSV, LIBSVM) or from {@code double[][]} (or {@code float[][]}, each value widened
 * exactly: {@link #of(float[][], double[])}) is held in double precision, and the linear
 * models fit exactly those values ({@link #featureRows()}), as glmnet and scikit-learn do; images
 * (IDX files) and float32 matrices are held as float32. The neural-network engine trains in
 * float32 and sees {@link #features()}, a float32 copy made once on first use.
 *
 * <p><b>Sparse data.</b> LIBSVM files and {@link #sparse} hold the features as a
 * {@link SparseMatrix} (compressed columns, double): the linear models fit them without
 * densifying ({@link #sparseFeatures()}); {@link #featureRows()} and {@link #features()} densify
 * on demand and refuse, with an {@link InputException} naming the size, a matrix of more than
 * {@value #MAX_DENSE_VALUES} values or one too sparse to densify (above
 * {@value #SPARSE_GUARD_BYTES} bytes with fewer than one stored entry per
 * {@value #MAX_CELLS_PER_ENTRY} cells).
 *
 * <p><b>Column names.</b> Feature names either were given, by a CSV header or a names list,
 * and a fitted model then finds its features among the columns by name (other columns, an id
 * say, are ignored); or they stand for positions ({@link #of(double[][], double[])} without names,
 * {@link #defaultNames} x0..x{p−1} passed explicitly, LIBSVM's x1..xp, IDX pixels px0..,
 * a CSV without a header), and the columns are then a model's features by position, exactly as
 * many as it has ({@link #hasNamedFeatures()}). {@link #withColumn} appends a column held in an
 * array (a weight or offset column, for an estimator's {@code weightColumn}), {@link #column}
 * reads one by name and {@link #withoutColumns} drops some, each giving a new data set.
 *
 * <p><b>Row subsets.</b> {@link #subset(int[])} is a view: it shares the rows of this data set
 * and copies nothing until a float32 matrix of the subset is asked for, so cross-validation
 * folds cost no copies on the linear side.
 *
 * <p>Immutable and thread-safe as long as what it shares for speed is not modified: the arrays
 * of {@link #featureRows()} (this data set's own rows when it holds doubles), the matrices of
 * {@link #features()} and {@link #targetMatrix()} (its float32 storage, or the copies it made
 * once and keeps), and the matrices given to the float32 constructor
 * {@link #Dataset(Matrix, Matrix, List, List, String)} and to {@link #withFeatures} (kept, not
 * copied). Neither a reader nor the caller who built the data set may write into them.
 * Everything else is copied: the factories copy their arrays, and the other accessors return
 * new arrays or unmodifiable lists.
 * The float32 copies are made once, under a lock, and published through volatile fields.
 */
public final class Dataset {
  /** The most values a sparse data set is densified into (as the CSV reader's limit). */
  public static final long MAX_DENSE_VALUES = CsvReader.MAX_VALUES;
  /** Dense size above which the density guard applies when densifying sparse data. */
  public static final long SPARSE_GUARD_BYTES = 64L << 20;
  /** Largest ratio of dense cells to stored entries densified above the guard size. */
  public static final long MAX_CELLS_PER_ENTRY = 1000;

  /** The source that messages name for a sparse matrix built in code. */
  private static final String SPARSE_SOURCE = "sparse matrix";

  /** Double rows (text files, {@code double[][]}); null when another storage holds the data. */
  private final double[][] rows;
  /** float32 n₀×p matrix (images, float32 input); null when another storage holds the data. */
  private final Matrix floats;
  /** Compressed sparse columns (LIBSVM, {@link #sparse}); null when another storage holds them. */
  private final SparseMatrix sparse;
  /** Row i of this data set is row {@code index[i]} of the storage; null = identity. */
  private final int[] index;
  /** Targets of the storage rows: class index or real value (zeros when there is no target). */
  private final double[] targets;
  /** False for features alone ({@link #ofFeatures}): the target accessors refuse then. */
  private final boolean hasTarget;
  private final List<String> featureNames;
  /** Whether the feature names were given (matched by name) or stand for positions. */
  private final boolean namedFeatures;
  private final List<String> classNames;
  private final String source;
  private final int size;
  /**
   * {@link #fingerprint()}, once computed: a provenance record of every model fitted on this
   * data set asks for it, and hashing the values is a pass over all of them.
   */
  private volatile String fingerprint;

  /**
   * The lazily built float32 copies. Volatile because {@link #features()} and
   * {@link #targetMatrix()} read them outside their lock (double-checked locking): a plain field
   * may let another thread see the matrix before the values written into its buffer.
   */
  private volatile Matrix featureMatrix;

  private volatile Matrix targetMatrix;

  private Dataset(double[][] rows, Matrix floats, SparseMatrix sparse, int[] index,
      double[] targets, List<String> featureNames, boolean namedFeatures,
      List<String> classNames, String source) {
    this(rows, floats, sparse, index, targets, true, featureNames, namedFeatures, classNames,
        source);
  }

  private Dataset(double[][] rows, Matrix floats, SparseMatrix sparse, int[] index,
      double[] targets, boolean hasTarget, List<String> featureNames, boolean namedFeatures,
      List<String> classNames, String source) {
    this.rows = rows;
    this.floats = floats;
    this.sparse = sparse;
    this.index = index;
    this.targets = targets;
    this.hasTarget = hasTarget;
    this.featureNames = List.copyOf(featureNames);
    this.namedFeatures = namedFeatures;
    this.classNames = List.copyOf(classNames);
    this.source = source;
    this.size = index != null ? index.length : targets.length;
  }

  /**
   * A data set over float32 storage, as the neural-network engine holds it: {@code features}
   * n×p, {@code targets} n×1 (class indices as floats for classification, values otherwise).
   * The matrices are used as they are, not copied: do not modify them afterwards (the data set
   * checks the features for finite values here, once, and hands both matrices out as
   * {@link #features()} and {@link #targetMatrix()}). Feature names equal to
   * {@link #defaultNames defaultNames(p)} stand for positions (see {@link #hasNamedFeatures()}).
   *
   * @throws InputException when a feature is NaN or infinite, rows disagree, the names are not
   *     one distinct name per column, there is a single class, or a label is not a class index
   * @throws NullPointerException naming the argument that is null
   */
  public Dataset(Matrix features, Matrix targets, List<String> featureNames,
      List<String> classNames, String source) {
    this(features, targets,
        featureNames(featureNames, Objects.requireNonNull(features, "features").cols(),
            "featureNames"),
        classNames(classNames), source, !featureNames.equals(defaultNames(features.cols())));
    Datasets.requireFinite(features, source + " (features)");
  }

  /**
   * Float32 storage, names already checked and values finite by construction or checked by
   * the caller: {@link Mnist}'s pixels, {@link #withFeatures}.
   */
  Dataset(Matrix features, Matrix targets, List<String> featureNames, List<String> classNames,
      String source, boolean namedFeatures) {
    this(null, features, null, null,
        column(Objects.requireNonNull(targets, "targets"), features.rows(),
            Objects.requireNonNull(source, "source")),
        featureNames, namedFeatures, classNames, source);
    validateTargets();
    this.featureMatrix = features;
    this.targetMatrix = targets;
  }

  // ------------------------------------------------------------------------------ factories

  /**
   * Regression data from double rows (copied), features named x0..x{p−1}: the names stand for
   * positions, so a model takes these columns as its features by position (exactly as many).
   *
   * @throws InputException when a value is not finite, rows differ in length or the row and
   *     target counts differ
   */
  public static Dataset of(double[][] x, double[] y) {
    return of(x, y, defaultNames(width(x)));
  }

  /**
   * Regression data from double rows (copied) with the given feature names, one distinct name
   * per column: a model finds its features among them by name. {@link #defaultNames} stand for
   * positions, as without names.
   *
   * @throws InputException as {@link #of(double[][], double[])}, and when the names are not one
   *     distinct name per column
   */
  public static Dataset of(double[][] x, double[] y, List<String> featureNames) {
    return of(x, y, featureNames, "double[][]");
  }

  /**
   * Regression data from float rows, each value widened to the double it is exactly (so the
   * linear models fit exactly those values, and a network's float32 copy is the rows given),
   * features named x0..x{p−1} for their positions: {@link #of(double[][], double[])} for data
   * held as {@code float[][]} (images, embeddings, a DL4J or ONNX pipeline's arrays). Messages
   * name the source {@code float[][]}.
   *
   * @throws InputException as {@link #of(double[][], double[])}
   */
  public static Dataset of(float[][] x, double[] y) {
    double[][] rows = widen(x);
    return of(rows, y, defaultNames(width(rows)), "float[][]");
  }

  /**
   * {@link #of(float[][], double[])} with feature names, as {@link #of(double[][], double[],
   * List)} takes them.
   *
   * @throws InputException as {@link #of(double[][], double[], List)}
   */
  public static Dataset of(float[][] x, double[] y, List<String> featureNames) {
    return of(widen(x), y, featureNames, "float[][]");
  }

  /**
   * Rows to predict, without a target: double rows (copied) with the given feature names, one
   * distinct name per column, by which a fitted model finds its features among them (extra
   * columns, an id say, ignored; {@link #defaultNames} stand for positions, as in
   * {@link #of(double[][], double[], List)}). New rows by name need no dummy target:
   * <pre>{@code
   * Predictor model = Predictor.load(Path.of("model.tkh"));
   * double[][] rows = {{63, 2.1, 1}, {41, 0.4, 0}};   // any column order, by name
   * double[] y = model.predict(Dataset.ofFeatures(rows, List.of("age", "dose", "smoker")));
   * }</pre>
   * The data set has no target ({@link #hasTarget()} is false, also for its
   * {@link #subset}, {@link #withColumn} and the other derivations): fitting an estimator on
   * it, evaluating a model on it or asking for its targets ({@link #targets()},
   * {@link #labels()}, {@link #targetMatrix()}, …) is an {@link InputException} that says so.
   *
   * @throws InputException as {@link #of(double[][], double[], List)}
   * @throws NullPointerException naming {@code x} or {@code featureNames} when it is null
   */
  public static Dataset ofFeatures(double[][] x, List<String> featureNames) {
    Dataset d = of(x, new double[Objects.requireNonNull(x, "x").length], featureNames,
        "double[][]");
    return d.withHasTarget(false);
  }

  private static Dataset of(double[][] x, double[] y, List<String> featureNames,
      String source) {
    Objects.requireNonNull(y, "y");
    List<String> names = featureNames(featureNames, namesWidth(x), "featureNames");
    return fromRows(copyRows(x, names.size(), "features"), requireFinite(y.clone()), names,
        !names.equals(defaultNames(names.size())), List.of(), source);
  }

  /**
   * Classification data from double rows (copied) and class indices 0..K−1, classes named
   * "0".."K−1" with K = 1 + the largest label, features named x0..x{p−1} for their positions.
   *
   * @throws InputException as {@link #ofClasses(double[][], int[], List, List)}: a negative
   *     label, fewer than two classes, a value that is not finite, a wrong shape
   */
  public static Dataset ofClasses(double[][] x, int[] labels) {
    return ofClasses(x, labels, indexNames(classCount(labels)), defaultNames(width(x)));
  }

  /**
   * Classification data from float rows (widened exactly, as {@link #of(float[][], double[])})
   * and class indices 0..K−1, classes named "0".."K−1" with K = 1 + the largest label, features
   * named x0..x{p−1} for their positions.
   *
   * @throws InputException as {@link #ofClasses(double[][], int[])}
   */
  public static Dataset ofClasses(float[][] x, int[] labels) {
    double[][] rows = widen(x);
    return ofClasses(rows, labels, indexNames(classCount(labels)), defaultNames(width(rows)),
        "float[][]");
  }

  /**
   * {@link #ofClasses(float[][], int[])} with class and feature names, as
   * {@link #ofClasses(double[][], int[], List, List)} takes them.
   *
   * @throws InputException as {@link #ofClasses(double[][], int[], List, List)}
   */
  public static Dataset ofClasses(float[][] x, int[] labels, List<String> classNames,
      List<String> featureNames) {
    return ofClasses(widen(x), labels, classNames, featureNames, "float[][]");
  }

  /** K = 1 + the largest label, 0 without labels: the classes of a factory without names. */
  private static int classCount(int[] labels) {
    return Math.max(Arrays.stream(Objects.requireNonNull(labels, "labels")).max().orElse(-1) + 1,
        0);
  }

  /**
   * Classification data with named classes and features; labels index {@code classNames}
   * (label k is class {@code classNames.get(k)}). Feature names as in
   * {@link #of(double[][], double[], List)}; {@link #defaultNames} stand for positions.
   *
   * @throws InputException when a label is negative or has no name among the class names,
   *     fewer than two class names are given, or as {@link #of(double[][], double[], List)}
   */
  public static Dataset ofClasses(double[][] x, int[] labels, List<String> classNames,
      List<String> featureNames) {
    return ofClasses(x, labels, classNames, featureNames, "double[][]");
  }

  /**
   * Classification data from double rows (copied) and text labels, one per row, as
   * scikit-learn takes {@code y = ["cat", "dog", …]}; features named x0..x{p−1} for their
   * positions. As {@link #ofClasses(double[][], List, List)}.
   *
   * @throws InputException as {@link #ofClasses(double[][], List, List)}
   */
  public static Dataset ofClasses(double[][] x, List<String> labels) {
    return ofClasses(x, labels, defaultNames(width(x)));
  }

  /**
   * Classification data from double rows (copied), text labels and feature names (as in
   * {@link #of(double[][], double[], List)}). Each label is stripped of surrounding white space;
   * the classes are what {@link #read} makes of the same labels in a CSV column. When every
   * label is a finite number, the classes are the distinct values, in numeric order ("2" &lt;
   * "9" &lt; "10"), so "1", "+1", "1.0" and "1e0" are one class, and each is named by the
   * value's shortest plain decimal ("1"; "10" for "010"; "2.5" for "2.50"), as scikit-learn's
   * {@code classes_} holds the numbers of a numeric {@code y}. Otherwise every distinct label
   * is a class, named as given, in the strings' order. So the same labels in memory and in a
   * file get the same classes and class indices.
   *
   * @throws InputException when a label is empty, the labels hold fewer than two classes or
   *     are not one per row, or as {@link #of(double[][], double[], List)}
   */
  public static Dataset ofClasses(double[][] x, List<String> labels,
      List<String> featureNames) {
    return ofTextClasses(x, labels, featureNames, "double[][]");
  }

  /**
   * Classification data from float rows (widened exactly, as {@link #of(float[][], double[])})
   * and text labels, one per row, features named x0..x{p−1} for their positions: the classes
   * are those {@link #ofClasses(double[][], List)} finds, in the order it gives them. Messages
   * name the source {@code float[][]}.
   *
   * @throws InputException as {@link #ofClasses(double[][], List, List)}
   */
  public static Dataset ofClasses(float[][] x, List<String> labels) {
    double[][] rows = widen(x);
    return ofTextClasses(rows, labels, defaultNames(width(rows)), "float[][]");
  }

  /**
   * {@link #ofClasses(float[][], List)} with feature names, as
   * {@link #ofClasses(double[][], List, List)} takes them.
   *
   * @throws InputException as {@link #ofClasses(double[][], List, List)}
   */
  public static Dataset ofClasses(float[][] x, List<String> labels,
      List<String> featureNames) {
    return ofTextClasses(widen(x), labels, featureNames, "float[][]");
  }

  /**
   * Classification data from double rows (copied), text labels, one per row, of the classes
   * {@code classNames} (which need not all occur: data of a single class, to evaluate a model
   * on, are taken), and feature names as in {@link #of(double[][], double[], List)}. Each label,
   * stripped of surrounding white space, is the class of that name, or else, when the label
   * and one class name are both numbers, the class of the same value ("1.0" is class "1", as
   * {@link dev.tikhonov.data.CsvReader#readLabelled} matches a file's labels to a model's
   * classes). Pass a model's {@code classNames()} to evaluate it on text labels.
   *
   * @throws InputException when a label is empty or not one of the class names, fewer than two
   *     class names are given or one is given twice, the labels are not one per row, or as
   *     {@link #of(double[][], double[], List)}
   * @throws NullPointerException naming the argument, or the row of a null label
   */
  public static Dataset ofClasses(double[][] x, List<String> labels, List<String> classNames,
      List<String> featureNames) {
    return ofNamedClasses(x, labels, classNames, featureNames, "double[][]");
  }

  /**
   * {@link #ofClasses(double[][], List, List, List)} from float rows, widened exactly as
   * {@link #of(float[][], double[])} widens them; messages name the source {@code float[][]}.
   *
   * @throws InputException as {@link #ofClasses(double[][], List, List, List)}
   */
  public static Dataset ofClasses(float[][] x, List<String> labels, List<String> classNames,
      List<String> featureNames) {
    return ofNamedClasses(widen(x), labels, classNames, featureNames, "float[][]");
  }

  private static Dataset ofNamedClasses(double[][] x, List<String> labels,
      List<String> classNames, List<String> featureNames, String source) {
    List<String> stripped = strippedLabels(labels);
    List<String> classes = classNames(classNames);
    if (classes.isEmpty()) {
      throw noClassNames();
    }
    int[] indices = new int[stripped.size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = ClassLabels.indexIn(classes, stripped.get(i));
      if (indices[i] < 0) {
        throw new InputException("labels: row " + (i + 1) + ": \"" + stripped.get(i)
            + "\" is not one of the class names " + classes);
      }
    }
    return ofClasses(x, indices, classes, featureNames, source);
  }

  /** The labels stripped of surrounding white space; a null or blank label names its row. */
  private static List<String> strippedLabels(List<String> labels) {
    Objects.requireNonNull(labels, "labels");
    List<String> stripped = new java.util.ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (label == null) {
        throw new NullPointerException("labels: row " + (i + 1) + " is null");
      }
      if (label.isBlank()) {
        throw new InputException("labels: row " + (i + 1)
            + ": empty class label; missing values are not allowed");
      }
      stripped.add(label.strip());
    }
    return stripped;
  }

  /** Text labels numbered as the CSV reader numbers them, for rows held in doubles. */
  private static Dataset ofTextClasses(double[][] x, List<String> labels,
      List<String> featureNames, String source) {
    TextClasses classes = textClasses(labels);
    return ofClasses(x, classes.labels(), classes.names(), featureNames, source);
  }

  /** Class indices of text labels and the names of their classes. */
  private record TextClasses(int[] labels, List<String> names) {}

  /** Text labels numbered as the CSV reader numbers them; fewer than two classes refused. */
  private static TextClasses textClasses(List<String> labels) {
    List<String> stripped = strippedLabels(labels);
    // the CSV reader's classes (ClassLabels), so that both ways number the classes alike
    ClassLabels classes = ClassLabels.of(stripped);
    if (classes.names().size() < 2) {
      throw new InputException("labels: " + (classes.names().isEmpty() ? "none given"
          : "only one class (" + classes.names().get(0) + ")") + "; classification needs two"
          + (classes.names().isEmpty() ? "" : " (data of one class to evaluate a model on:"
          + " Dataset.ofClasses(x, labels, classNames, featureNames) with the model's"
          + " classNames())"));
    }
    int[] indices = new int[stripped.size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = classes.indexOf(stripped.get(i));
    }
    return new TextClasses(indices, classes.names());
  }

  private static Dataset ofClasses(double[][] x, int[] labels, List<String> classNames,
      List<String> featureNames, String source) {
    Objects.requireNonNull(labels, "labels");
    List<String> classes = classNames(classNames);
    List<String> names = featureNames(featureNames, namesWidth(x), "featureNames");
    return fromRows(copyRows(x, names.size(), "features"), classTargets(labels, classes), names,
        !names.equals(defaultNames(names.size())), classes, source);
  }

  /** The labels as targets, each checked to index one of the (checked) class names. */
  private static double[] classTargets(int[] labels, List<String> classes) {
    Objects.requireNonNull(labels, "labels");
    int k = classes.size();
    double[] y = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new InputException("labels: row " + (i + 1) + ": label " + labels[i]
            + (labels[i] < 0 ? " is negative" : " has no name among the " + k + " class name"
            + (k == 1 ? "" : "s") + " given " + classes)
            + "; a label is the index of its class name, counted from 0");
      }
      y[i] = labels[i];
    }
    if (k == 0) {
      // without names (and so without rows) the data would pass for regression data
      throw noClassNames();
    }
    return y;
  }

  /**
   * Double rows used as they are (not copied, not checked for finite values), for the readers
   * and generators of this package, which check their values as they make them.
   * {@code targets} are class indices or values; {@code classNames} empty for regression;
   * {@code namedFeatures} whether the names were given or stand for positions.
   */
  static Dataset fromRows(double[][] rows, double[] targets, List<String> featureNames,
      boolean namedFeatures, List<String> classNames, String source) {
    if (rows.length != targets.length) {
      throw new InputException(source + ": " + rows.length + " feature rows but "
          + targets.length + " targets");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != featureNames.size()) {
        throw new InputException(source + ": row " + (i + 1) + " has " + rows[i].length
            + " features, expected " + featureNames.size());
      }
    }
    Dataset d = new Dataset(rows, null, null, null, targets, featureNames, namedFeatures,
        classNames, source);
    d.validateTargets();
    return d;
  }

  /**
   * Regression data over a sparse matrix (immutable, so shared, not copied), features named
   * x0..x{p−1}: what the linear models fit without densifying. The targets are numbers, 0/1
   * too; classification data over a sparse matrix are {@link #sparseClasses(SparseMatrix, int[])}.
   */
  public static Dataset sparse(SparseMatrix x, double[] y) {
    Objects.requireNonNull(x, "x");
    return sparse(x, requireFinite(Objects.requireNonNull(y, "y").clone()),
        defaultNames(x.numColumns()), List.of(), SPARSE_SOURCE);
  }

  /**
   * Classification data over a sparse matrix (immutable, so shared, not copied) and class
   * indices 0..K−1, classes named "0".."K−1" with K = 1 + the largest label, features named
   * x0..x{p−1}: {@link #ofClasses(double[][], int[])} for the linear models' sparse fits (a
   * bag of words with its document classes).
   *
   * @throws InputException as {@link #sparseClasses(SparseMatrix, int[], List, List)}
   */
  public static Dataset sparseClasses(SparseMatrix x, int[] labels) {
    Objects.requireNonNull(x, "x");
    return sparseClasses(x, labels, indexNames(classCount(labels)),
        defaultNames(x.numColumns()));
  }

  /**
   * Classification data over a sparse matrix (shared) with named classes and features, as
   * {@link #ofClasses(double[][], int[], List, List)} takes them: label k is class
   * {@code classNames.get(k)}; one distinct feature name per column ({@link #defaultNames}
   * stand for positions).
   *
   * @throws InputException when a label is negative or has no name among the class names,
   *     fewer than two class names are given, the labels are not one per row, or the feature
   *     names are not one per column
   */
  public static Dataset sparseClasses(SparseMatrix x, int[] labels, List<String> classNames,
      List<String> featureNames) {
    Objects.requireNonNull(x, "x");
    List<String> classes = classNames(classNames);
    return sparse(x, classTargets(labels, classes), featureNames, classes, SPARSE_SOURCE);
  }

  /**
   * Classification data over a sparse matrix (shared) and text labels, one per row, features
   * named x0..x{p−1}: the classes are those {@link #ofClasses(double[][], List)} finds from the
   * same labels, in the same order.
   *
   * @throws InputException as {@link #sparseClasses(SparseMatrix, List, List)}
   */
  public static Dataset sparseClasses(SparseMatrix x, List<String> labels) {
    Objects.requireNonNull(x, "x");
    return sparseClasses(x, labels, defaultNames(x.numColumns()));
  }

  /**
   * {@link #sparseClasses(SparseMatrix, List)} with feature names, one distinct name per column.
   *
   * @throws InputException when a label is empty, the labels hold fewer than two classes or
   *     are not one per row, or the feature names are not one per column
   */
  public static Dataset sparseClasses(SparseMatrix x, List<String> labels,
      List<String> featureNames) {
    Objects.requireNonNull(x, "x");
    TextClasses classes = textClasses(labels);
    return sparse(x, classTargets(classes.labels(), classes.names()), featureNames,
        classes.names(), SPARSE_SOURCE);
  }

  /**
   * A sparse matrix (shared) with targets (class indices 0..K−1 when {@code classNames} has
   * ≥ 2 names, else values; copied), feature names (one distinct name per column;
   * {@link #defaultNames} stand for positions) and a source name for messages.
   *
   * @throws InputException when the sizes disagree or a target is not a class index or finite
   */
  public static Dataset sparse(SparseMatrix x, double[] targets, List<String> featureNames,
      List<String> classNames, String source) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(source, "source");
    List<String> names = featureNames(featureNames, x.numColumns(), source + ": featureNames");
    return sparse(x, targets, names, !names.equals(defaultNames(names.size())), classNames,
        source);
  }

  /** {@link #sparse(SparseMatrix, double[], List, List, String)} for the LIBSVM reader. */
  static Dataset sparse(SparseMatrix x, double[] targets, List<String> featureNames,
      boolean namedFeatures, List<String> classNames, String source) {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(source, "source");
    if (x.numRows() != targets.length) {
      throw new InputException(source + ": " + x.numRows() + " feature rows but "
          + targets.length + " targets");
    }
    if (x.numColumns() != featureNames.size()) {
      throw new InputException(source + ": " + featureNames.size() + " feature names for "
          + x.numColumns() + " columns");
    }
    Dataset d = new Dataset(null, null, x, null, targets.clone(), featureNames, namedFeatures,
        classNames(classNames), source);
    d.validateTargets();
    return d;
  }

  /**
   * Reads delimited text (CSV, TSV, semicolon- or pipe-separated, optionally gzip-compressed),
   * {@code targetColumn} holding the target, every other column a number. Every other column
   * is a feature, a numeric id included: to leave columns out (an id, a date, free text), use
   * {@link #read(Path, String, TargetKind, CsvOptions)} with
   * {@code CsvOptions.defaults().withIgnoredColumns("id")}. Values are kept in double
   * precision. See {@link CsvReader} for the rules and messages.
   */
  public static Dataset read(Path file, String targetColumn, TargetKind kind) {
    return read(file, targetColumn, kind, CsvOptions.defaults());
  }

  /**
   * {@link #read(Path, String, TargetKind)} as {@code options} say: the delimiter (detected by
   * default), whether the first line names the columns, and columns to leave out, e.g.
   * {@code Dataset.read(file, "y", TargetKind.REAL, CsvOptions.defaults()
   * .withIgnoredColumns("id"))}.
   */
  public static Dataset read(Path file, String targetColumn, TargetKind kind,
      CsvOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(targetColumn, "targetColumn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(options, "options");
    DataFormat format = DataFormat.of(file);
    if (format == DataFormat.LIBSVM) {
      throw new InputException(file + ": a LIBSVM file has its label first on each line and no"
          + " named columns; read it without a target column name");
    }
    return CsvReader.read(file, targetColumn, kind, options);
  }

  /**
   * Reads a file whose target is part of its format: LIBSVM/svmlight (the label first on each
   * line). Delimited text needs the target column's name: use
   * {@link #read(Path, String, TargetKind)}.
   */
  public static Dataset read(Path file, TargetKind kind) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    if (DataFormat.of(file) != DataFormat.LIBSVM) {
      throw new InputException(file + ": delimited text needs the name of its target column");
    }
    return LibsvmReader.read(file, kind);
  }

  // ------------------------------------------------------------------------------- accessors

  /**
   * The number of rows n (scikit-learn's {@code n_samples}), as {@link SparseMatrix#numRows()}
   * and {@code OutOfFoldPredictions.numRows()} name it, beside {@link #numFeatures()} p and
   * {@link #numClasses()} K. ({@code Matrix.size()} is its element count, rows × columns.)
   */
  public int numRows() {
    return size;
  }

  /**
   * The number of rows n: {@link #numRows()}.
   *
   * @deprecated {@code size()} here meant rows while {@code Matrix.size()} means rows × columns
   *     and every other count of this type is {@code num…}; use {@link #numRows()}. Kept for
   *     one release.
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public int size() {
    return numRows();
  }

  /** The number of feature columns p (the target, weights and offsets are not features). */
  public int numFeatures() {
    return featureNames.size();
  }

  /** K for classification, 0 for regression. */
  public int numClasses() {
    return classNames.size();
  }

  /**
   * False for features alone ({@link #ofFeatures}, and what is derived from them), which a
   * fitted model predicts but nothing fits or evaluates on; true for every other data set.
   */
  public boolean hasTarget() {
    return hasTarget;
  }

  /** True when the targets are classes (at least two class names). */
  public boolean isClassification() {
    return classNames.size() >= 2;
  }

  /** The feature columns' names, p of them, in column order (x0..x{p−1} when not given). */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * True when the feature names were given (a CSV header, a names list other than
   * {@link #defaultNames}): a fitted model then takes its features from these columns by name,
   * ignoring other columns. False when the names stand for positions ({@code Dataset.of}
   * without names, LIBSVM, IDX images, a CSV without a header): the columns are then the model's
   * features in its order, exactly as many as it has.
   */
  public boolean hasNamedFeatures() {
    return namedFeatures;
  }

  /**
   * The class names of classification data, label k being {@code classNames().get(k)} (all
   * classes of the data a subset came from, not only those its rows show); empty for regression.
   */
  public List<String> classNames() {
    return classNames;
  }

  /**
   * A class name showing that the target is a real number read as classes: when every class
   * name is a number and at least one is not an integer (scikit-learn's type of target
   * "continuous", which its classifiers refuse), the first such name; empty otherwise, and for
   * regression data, string labels and integer labels such as 0..9, −1/+1 or "1.0".
   */
  public java.util.Optional<String> continuousLabel() {
    return numericClassNames() ? firstNonInteger() : java.util.Optional.empty();
  }

  /** Whether there are class names and every one is a number (as a CSV reader parses it). */
  public boolean numericClassNames() {
    for (String name : classNames) {
      try {
        Numbers.parseDouble(name);
      } catch (Numbers.BadNumber e) {
        return false;
      }
    }
    return !classNames.isEmpty();
  }

  private java.util.Optional<String> firstNonInteger() {
    for (String name : classNames) {
      try {
        double v = Numbers.parseDouble(name);
        if (v != Math.rint(v)) {
          return java.util.Optional.of(name);
        }
      } catch (Numbers.BadNumber e) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.empty();
  }

  /** Where the data came from, for messages and provenance. */
  public String source() {
    return source;
  }

  /** Whether the values are held in double precision (text files, {@code double[][]}, sparse). */
  public boolean holdsDoubles() {
    return rows != null || sparse != null;
  }

  /** Whether the features are held sparse (LIBSVM files, {@link #sparse}). */
  public boolean isSparse() {
    return sparse != null;
  }

  /**
   * The features as a sparse matrix when they are held so (the storage itself, or a subset's
   * rows copied out of it in O(n + entries)); empty for dense data.
   */
  public java.util.Optional<SparseMatrix> sparseFeatures() {
    if (sparse == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(index == null ? sparse : sparse.rows(index));
  }

  /**
   * Feature j of row i (0-based), as held.
   *
   * @throws IndexOutOfBoundsException when i is not in 0..size()−1 or j not in
   *     0..numFeatures()−1
   */
  public double feature(int i, int j) {
    int r = checkedRow(i);
    if (j < 0 || j >= numFeatures()) {
      throw new IndexOutOfBoundsException("feature " + j + " of " + numFeatures() + " feature"
          + (numFeatures() == 1 ? "" : "s") + " (0-based)");
    }
    return rows != null ? rows[r][j] : sparse != null ? sparse.get(r, j) : floats.get(r, j);
  }

  /**
   * Target of row i (0-based): the class index for classification, the value for regression.
   *
   * @throws InputException for data without a target ({@link #ofFeatures})
   * @throws IndexOutOfBoundsException when i is not in 0..size()−1
   */
  public double target(int i) {
    requireTarget();
    return targets[checkedRow(i)];
  }

  /**
   * Class index of row i (0-based), in 0..numClasses()−1.
   *
   * @throws InputException for data without a target ({@link #ofFeatures})
   * @throws IllegalStateException for regression data, whose targets are values, not classes
   * @throws IndexOutOfBoundsException when i is not in 0..size()−1
   */
  public int label(int i) {
    requireTarget();
    requireClasses();
    return (int) targets[checkedRow(i)];
  }

  /**
   * The targets of all rows, a new array.
   *
   * @throws InputException for data without a target ({@link #ofFeatures})
   */
  public double[] targets() {
    requireTarget();
    return heldTargets();
  }

  /** The targets held (a data set without target holds zeros), without the check. */
  double[] heldTargets() {
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = targets[storageRow(i)];
    }
    return out;
  }

  /**
   * The class index of every row, a new array.
   *
   * @throws InputException for data without a target ({@link #ofFeatures})
   * @throws IllegalStateException for regression data, whose targets are values, not classes
   */
  public int[] labels() {
    requireTarget();
    requireClasses();
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = (int) targets[storageRow(i)];
    }
    return out;
  }

  /**
   * The feature rows in double precision. For data held in doubles these are the data set's own
   * row arrays (a subset shares its parent's), not copies: do not modify them. Float32 data is
   * converted into new arrays; sparse data is densified into new arrays.
   *
   * @throws InputException when sparse data is too large (or too sparse) to densify
   */
  public double[][] featureRows() {
    if (sparse != null) {
      checkDensify(8);
      return featureRowsUnchecked();
    }
    double[][] out = new double[size][];
    for (int i = 0; i < size; i++) {
      int r = storageRow(i);
      if (rows != null) {
        out[i] = rows[r];
      } else {
        double[] row = new double[numFeatures()];
        for (int j = 0; j < row.length; j++) {
          row[j] = floats.get(r, j);
        }
        out[i] = row;
      }
    }
    return out;
  }

  /** Sparse storage densified, without the size check. */
  private double[][] featureRowsUnchecked() {
    double[][] out = new double[size][numFeatures()];
    int[] position = positions();
    int[] pointers = sparse.sharedColumnPointers();
    int[] rowIndex = sparse.sharedRowIndices();
    double[] values = sparse.sharedValues();
    for (int j = 0; j < numFeatures(); j++) {
      for (int k = pointers[j]; k < pointers[j + 1]; k++) {
        for (int t = position[rowIndex[k]]; t >= 0; t = position[sparse.numRows() + t]) {
          out[t][j] = values[k];
        }
      }
    }
    return out;
  }

  /**
   * The features as an n×p float32 matrix for the neural-network engine: the storage itself for
   * float32 data, otherwise a copy rounded to float32, made once and kept. Do not modify.
   */
  public Matrix features() {
    Matrix m = featureMatrix;
    if (m == null) {
      synchronized (this) {
        if (featureMatrix == null) {
          featureMatrix = buildFeatureMatrix();
        }
        m = featureMatrix;
      }
    }
    return m;
  }

  /**
   * The targets as an n×1 float32 matrix (class indices as floats), made once. Do not modify.
   *
   * @throws InputException for data without a target ({@link #ofFeatures})
   */
  public Matrix targetMatrix() {
    requireTarget();
    return heldTargetMatrix();
  }

  /** {@link #targetMatrix()} without the check (zeros for a data set without target). */
  Matrix heldTargetMatrix() {
    Matrix m = targetMatrix;
    if (m == null) {
      synchronized (this) {
        if (targetMatrix == null) {
          Matrix t = Matrix.zeros(size, 1);
          for (int i = 0; i < size; i++) {
            t.put(i, (float) targets[storageRow(i)]);
          }
          targetMatrix = t;
        }
        m = targetMatrix;
      }
    }
    return m;
  }

  /**
   * SHA-256 (64 hex digits) of the data as held: the shape, every feature value (8 bytes each
   * for double data, 4 for float32 data, little-endian), every target as a double, then the
   * feature and class names. Equal for the same values read from any file format, dense or
   * sparse (sparse data is streamed row by row as its dense equivalent); sparse data of more
   * than {@value #MAX_DENSE_VALUES} cells hashes its compressed columns instead (shape with the
   * marker −1, column pointers, row indices, values, targets). Computed on the first call and
   * kept (the data set is immutable); two threads calling first at once may both compute it.
   */
  public String fingerprint() {
    String known = fingerprint;
    if (known == null) {
      known = computeFingerprint();
      fingerprint = known;
    }
    return known;
  }

  private String computeFingerprint() {
    java.security.MessageDigest md;
    try {
      md = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    int p = numFeatures();
    if (sparse != null && (long) size * p > MAX_DENSE_VALUES) {
      sparseFingerprint(md);
    } else {
      denseFingerprint(md);
    }
    md.update(String.join("\u0000", featureNames).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    md.update((byte) 1);
    md.update(String.join("\u0000", classNames).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  /** The shape, then each row's p values and target, as the javadoc of fingerprint says. */
  private void denseFingerprint(java.security.MessageDigest md) {
    int p = numFeatures();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 8 * (p + 1))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(size).putInt(p).putInt(holdsDoubles() ? 8 : 4).putInt(numClasses());
    md.update(b.array(), 0, b.position());
    // Sparse storage: the data set's rows as compressed rows, one dense row at a time.
    int[] rowStart = null;
    int[] columns = null;
    double[] rowValues = null;
    double[] row = null;
    if (sparse != null) {
      SparseMatrix x = sparseFeatures().orElseThrow();
      int[] pointers = x.sharedColumnPointers();
      int[] rowIndex = x.sharedRowIndices();
      rowStart = new int[size + 1];
      for (int r : rowIndex) {
        rowStart[r + 1]++;
      }
      for (int i = 0; i < size; i++) {
        rowStart[i + 1] += rowStart[i];
      }
      int[] next = java.util.Arrays.copyOf(rowStart, size);
      columns = new int[rowIndex.length];
      rowValues = new double[rowIndex.length];
      for (int j = 0; j < p; j++) {
        for (int k = pointers[j]; k < pointers[j + 1]; k++) {
          int slot = next[rowIndex[k]]++;
          columns[slot] = j;
          rowValues[slot] = x.sharedValues()[k];
        }
      }
      row = new double[p];
    }
    for (int i = 0; i < size; i++) {
      b.clear();
      int r = storageRow(i);
      if (row != null) {
        java.util.Arrays.fill(row, 0.0);
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          row[columns[k]] = rowValues[k];
        }
      }
      for (int j = 0; j < p; j++) {
        if (row != null) {
          b.putDouble(row[j]);
        } else if (rows != null) {
          b.putDouble(rows[r][j]);
        } else {
          b.putFloat(floats.get(r, j));
        }
      }
      b.putDouble(targets[r]);
      md.update(b.array(), 0, b.position());
    }
  }

  /**
   * Sparse data too large to densify: the shape with the marker −1, then the data set's
   * compressed columns (pointers, row indices, values) and the targets.
   */
  private void sparseFingerprint(java.security.MessageDigest md) {
    SparseMatrix x = sparseFeatures().orElseThrow();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(size).putInt(numFeatures()).putInt(-1).putInt(numClasses());
    for (int v : x.sharedColumnPointers()) {
      flushIfFull(md, b).putInt(v);
    }
    for (int v : x.sharedRowIndices()) {
      flushIfFull(md, b).putInt(v);
    }
    for (double v : x.sharedValues()) {
      flushIfFull(md, b).putDouble(v);
    }
    for (int i = 0; i < size; i++) {
      flushIfFull(md, b).putDouble(targets[storageRow(i)]);
    }
    md.update(b.array(), 0, b.position());
  }

  private static java.nio.ByteBuffer flushIfFull(java.security.MessageDigest md,
      java.nio.ByteBuffer b) {
    if (b.remaining() < 8) {
      md.update(b.array(), 0, b.position());
      b.clear();
    }
    return b;
  }

  // ---------------------------------------------------------------------------- derivations

  /**
   * The rows {@code index} (0-based, any order, repeats allowed), as a view sharing this data
   * set's storage. Classification data keep every class name of this data set, whether the
   * subset has rows of it or not (so that the folds of a cross-validation agree on the
   * classes); {@link #withObservedClasses()} keeps only the classes the rows show.
   */
  public Dataset subset(int[] index) {
    Objects.requireNonNull(index, "index");
    int[] mapped = new int[index.length];
    for (int i = 0; i < index.length; i++) {
      mapped[i] = checkedRow(index[i]);
    }
    return new Dataset(rows, floats, sparse, mapped, targets, hasTarget, featureNames,
        namedFeatures, classNames, source);
  }

  /**
   * The same rows with only the classes that have a row among them, in their order, the labels
   * renumbered 0..K'−1: scikit-learn's {@code classes_ = np.unique(y)}. A {@link #subset} (the
   * digits 0 and 1 of MNIST, say) keeps all its parent's classes, which a binomial fit refuses
   * ("needs exactly 2 classes") and a multinomial one too (a class without rows), and for which
   * a network classifier would learn outputs that no row shows; this gives the classifier just
   * the classes of its rows. A view sharing this data set's features, as {@code subset} is.
   *
   * @return this data set when every class has rows
   * @throws IllegalStateException for regression data, which have no classes
   * @throws InputException when fewer than two classes have rows (there is nothing to classify)
   */
  public Dataset withObservedClasses() {
    requireClasses();
    int numClasses = classNames.size();
    boolean[] seen = new boolean[numClasses];
    for (int i = 0; i < size; i++) {
      seen[(int) targets[storageRow(i)]] = true;
    }
    int[] renumbered = new int[numClasses];
    java.util.List<String> kept = new java.util.ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      renumbered[c] = seen[c] ? kept.size() : -1;
      if (seen[c]) {
        kept.add(classNames.get(c));
      }
    }
    if (kept.size() == numClasses) {
      return this;
    }
    if (kept.size() < 2) {
      throw new InputException(source + ": " + (kept.isEmpty() ? "no rows, so no class"
          : "only one class (" + kept.get(0) + ") has rows") + "; classification needs two");
    }
    // Storage rows outside this view may hold a dropped class: they are never read, so 0 will do.
    double[] relabelled = new double[targets.length];
    for (int r = 0; r < targets.length; r++) {
      relabelled[r] = Math.max(renumbered[(int) targets[r]], 0);
    }
    Dataset d = new Dataset(rows, floats, sparse, index, relabelled, featureNames, namedFeatures,
        kept, source);
    d.featureMatrix = featureMatrix;
    return d;
  }

  /**
   * The same rows, targets and names with other float32 features (e.g. standardized), kept as
   * they are, not copied: do not modify them afterwards.
   *
   * @throws InputException when a new feature is NaN or infinite
   */
  public Dataset withFeatures(Matrix newFeatures) {
    if (newFeatures.rows() != size || newFeatures.cols() != numFeatures()) {
      throw new IllegalArgumentException("features of shape " + newFeatures.shape()
          + " for a data set of " + size + "x" + numFeatures());
    }
    Datasets.requireFinite(newFeatures, source + " (features)");
    return new Dataset(newFeatures, heldTargetMatrix(), featureNames, classNames, source,
        namedFeatures).withTargetOf(this);
  }

  /** The same data under another source name (for messages and provenance). */
  public Dataset withSource(String newSource) {
    Dataset d = new Dataset(rows, floats, sparse, index, targets, hasTarget, featureNames,
        namedFeatures, classNames, Objects.requireNonNull(newSource, "newSource"));
    d.featureMatrix = featureMatrix;
    d.targetMatrix = targetMatrix;
    return d;
  }

  /**
   * This data set with one more feature column, {@code name}, holding {@code values[i]} in row
   * i, after the others: a weight or offset column held in an array (scikit-learn's
   * {@code sample_weight=}) joins the data, for a linear estimator's {@code weightColumn(name)}
   * or {@code offsetColumn(name)}, which take it out of the features again (the fitted model's
   * {@code featureNames()} do not name it), exactly as the same values read from a CSV column:
   * <pre>{@code
   * double[][] x = {{1, 2}, {2, 1}, {3, 5}, {4, 3}};
   * double[] y = {1, 2, 4, 3};
   * double[] w = {1, 1, 2, 0.5}; // sample_weight
   * Dataset weighted = Dataset.of(x, y, List.of("age", "income")).withColumn("w", w);
   * LinearModel m = ElasticNet.gaussian().weightColumn("w").lambda(0.1).build().fit(weighted);
   * }</pre>
   *
   * <p>The values are checked as {@link #of(double[][], double[])} checks features and as a CSV
   * cell is read: a NaN or an infinity is refused, naming its row, not imputed.
   *
   * <p><b>Precision and storage.</b> Double rows are copied with the column appended; sparse
   * data stay sparse, the column's zeros not stored; float32 data (IDX images, the float32
   * constructor) become double data, each float widened to the double it is exactly, so that the
   * column keeps the doubles given (a weight of 0.1 stays 0.1, as a CSV file gives it, rather
   * than float32's 0.10000000149): {@link #holdsDoubles()} is then true and the rows take twice
   * the memory. Rows, targets and classes are this data set's (a subset's rows, copied out).
   *
   * <p><b>Names.</b> The columns are matched by name ({@link #hasNamedFeatures()}) when this
   * data set's were or when the new names are not {@link #defaultNames}, the factories' rule:
   * {@code Dataset.of(x, y).withColumn("x2", v)} is {@code Dataset.of} of the three columns,
   * whose names stand for positions, while any other name makes the columns named, so that
   * {@code weightColumn} finds it.
   *
   * <p>The source is {@code source() + " with column \"name\""} (what a fitted model's
   * provenance records) and the {@link #fingerprint()} is that of the new values. Copies
   * {@code values}; the result is a new data set, immutable and thread-safe as this one is.
   *
   * @throws InputException when {@code values} has not one value per row (the message gives both
   *     counts), a value is not finite, or {@code name} is already a feature column
   * @throws NullPointerException naming {@code name} or {@code values} when it is null
   */
  public Dataset withColumn(String name, double[] values) {
    return DatasetColumns.withColumn(this, name, values);
  }

  /**
   * The feature column {@code name}: its value in each row, as held (float32 values widened
   * exactly), in a new array; pandas' {@code df["name"]}. The target is not a feature column:
   * {@link #targets()} gives it.
   *
   * @throws InputException when no feature column has that name (the message lists the names)
   * @throws NullPointerException when {@code name} is null
   */
  public double[] column(String name) {
    return DatasetColumns.column(this, name);
  }

  /**
   * This data set without the feature columns {@code names} (in any order; a name given twice
   * counts once), the others kept in their order: pandas' {@code df.drop(columns=[…])}, what
   * {@code CsvOptions.withIgnoredColumns} does when reading. The storage stays as it is (double
   * rows, float32, sparse), copied; a subset's rows are copied out. The columns are matched by
   * name when this data set's were or when what is left is not {@link #defaultNames}, as
   * {@link #withColumn} says. The source is {@code source() + " without column \"name\""}
   * ({@code "without columns \"a\", \"b\""} for several). Without names, this data set.
   * Immutable and thread-safe as this one is.
   *
   * @throws InputException when a name is not a feature column (the message lists the names)
   * @throws NullPointerException naming {@code names}, or the position of a null name
   */
  public Dataset withoutColumns(String... names) {
    return DatasetColumns.withoutColumns(this, names);
  }

  /** Class names "0".."K−1". */
  public static List<String> indexNames(int k) {
    return IntStream.range(0, k).mapToObj(Integer::toString).toList();
  }

  /** Names x0..x{p−1}. */
  public static List<String> defaultNames(int p) {
    return IntStream.range(0, p).mapToObj(j -> "x" + j).toList();
  }

  @Override
  public String toString() {
    return "Dataset[" + source + ": " + size + " rows, " + numFeatures() + " features"
        + (isClassification() ? ", " + numClasses() + " classes" : "")
        + (hasTarget ? "" : ", no target") + "]";
  }

  /**
   * This data set, made of {@code from}'s rows by a derivation that read its held targets:
   * without a target when {@code from} has none.
   */
  Dataset withTargetOf(Dataset from) {
    return from.hasTarget ? this : withHasTarget(false);
  }

  private Dataset withHasTarget(boolean has) {
    Dataset d = new Dataset(rows, floats, sparse, index, targets, has, featureNames,
        namedFeatures, classNames, source);
    d.featureMatrix = featureMatrix;
    d.targetMatrix = targetMatrix;
    return d;
  }

  // -------------------------------------------------------------------------------- private

  private int storageRow(int i) {
    return index == null ? i : index[i];
  }

  /**
   * {@link #storageRow} of a row index given by a caller, checked against this data set's rows
   * (a subset's index maps inside its parent, so an unchecked one could read a parent's row).
   */
  private int checkedRow(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("row " + i + " of a data set of " + size + " row"
          + (size == 1 ? "" : "s") + " (0-based)");
    }
    return storageRow(i);
  }

  /** Refuses to give the targets of features alone, in the words fit and evaluate pass on. */
  private void requireTarget() {
    if (!hasTarget) {
      throw new InputException(source + ": the data have no target, only features"
          + " (Dataset.ofFeatures): a fitted model predicts them; fit and evaluate need a"
          + " target (Dataset.of, Dataset.ofClasses, Dataset.read)");
    }
  }

  /** Labels are class indices: regression data has none (a cast would truncate 2.7 to 2). */
  private void requireClasses() {
    if (!isClassification()) {
      throw new IllegalStateException(source + ": regression data has no class labels;"
          + " target(i) gives the value");
    }
  }

  /**
   * For sparse storage: position[r] = the first row of this data set that is storage row r
   * (−1: none), and position[n₀ + t] the next one after row t (subsets may repeat rows).
   */
  private int[] positions() {
    int n0 = sparse.numRows();
    int[] position = new int[n0 + size];
    java.util.Arrays.fill(position, -1);
    for (int t = size - 1; t >= 0; t--) {
      int r = storageRow(t);
      position[n0 + t] = position[r];
      position[r] = t;
    }
    return position;
  }

  /** Dense doubles (8) or floats (4) of a sparse data set must fit; names the size otherwise. */
  private void checkDensify(int bytesPerValue) {
    long cells = (long) size * numFeatures();
    long bytes = bytesPerValue * cells;
    String what = source + ": " + size + " rows x " + numFeatures() + " features";
    if (cells > MAX_DENSE_VALUES) {
      throw new InputException(what + " need " + bytes + " bytes as a dense matrix; at most "
          + MAX_DENSE_VALUES + " values fit. The elastic-net paths (ElasticNet, ElasticNetCV,"
          + " path) keep sparse data sparse; this model needs dense data");
    }
    long entries = Math.max(1, sparse.numEntries());
    if (bytes > SPARSE_GUARD_BYTES && cells / entries > MAX_CELLS_PER_ENTRY) {
      throw new InputException(what + " (" + (bytes >> 20) + " MiB dense) for only "
          + sparse.numEntries() + " stored entries: too sparse to densify. The elastic-net paths"
          + " (ElasticNet, ElasticNetCV, path) keep sparse data sparse; this model needs dense"
          + " data");
    }
  }

  private Matrix buildFeatureMatrix() {
    int p = numFeatures();
    if (sparse != null) {
      checkDensify(4);
    }
    Matrix m = Matrix.zeros(size, p);
    if (sparse != null) {
      double[][] dense = featureRows();
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < p; j++) {
          m.set(i, j, (float) dense[i][j]);
        }
      }
    } else if (rows != null) {
      for (int i = 0; i < size; i++) {
        double[] row = rows[storageRow(i)];
        for (int j = 0; j < p; j++) {
          m.set(i, j, (float) row[j]);
        }
      }
    } else {
      for (int i = 0; i < size; i++) {
        m.copyRow(floats, storageRow(i), i);
      }
    }
    return m;
  }

  private void validateTargets() {
    int numClasses = classNames.size();
    if (numClasses == 1) {
      throw new InputException(
          source + ": only one class (" + classNames.get(0) + "); classification needs two");
    }
    for (int i = 0; i < targets.length; i++) {
      double y = targets[i];
      if (numClasses >= 2) {
        if (y != Math.rint(y) || y < 0 || y >= numClasses) {
          throw new InputException(source + ": row " + (i + 1) + ": label " + y
              + " is not a class in 0.." + (numClasses - 1));
        }
      } else if (!Double.isFinite(y)) {
        throw new InputException(source + ": row " + (i + 1) + ": target " + y
            + " is not finite");
      }
    }
  }

  private static double[] column(Matrix targets, int rows, String source) {
    if (targets.rows() != rows) {
      throw new InputException(
          source + ": " + rows + " feature rows but " + targets.rows() + " target rows");
    }
    if (targets.cols() != 1) {
      throw new IllegalArgumentException(
          "targets must be one column, got " + targets.cols() + " (one target per row)");
    }
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = targets.at(i);
    }
    return y;
  }

  /**
   * {@code x} as double rows, each value exactly; a null row stays null and a row keeps its
   * length, for {@link #copyRows} to name them as it names a double[][]'s.
   */
  private static double[][] widen(float[][] x) {
    Objects.requireNonNull(x, "x");
    double[][] rows = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i] != null) {
        rows[i] = new double[x[i].length];
        for (int j = 0; j < x[i].length; j++) {
          rows[i][j] = x[i][j];
        }
      }
    }
    return rows;
  }

  /** The length of the first row; 0 without rows. */
  private static int width(double[][] x) {
    Objects.requireNonNull(x, "x");
    return x.length == 0 ? 0 : Objects.requireNonNull(x[0], "x: row 1 is null").length;
  }

  /** The width the names of {@code x}'s columns must have: its first row's, −1 without rows. */
  private static int namesWidth(double[][] x) {
    return Objects.requireNonNull(x, "x").length == 0 ? -1 : width(x);
  }

  /**
   * {@code names} checked to be p distinct names (p &lt; 0: rows of double[][] without any row,
   * whose width the names give), for the public factories; {@code what} prefixes the messages.
   */
  private static List<String> featureNames(List<String> names, int p, String what) {
    Objects.requireNonNull(names, "featureNames");
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int j = 0; j < names.size(); j++) {
      String name = names.get(j);
      if (name == null) {
        throw new NullPointerException(what + ": name " + (j + 1) + " is null");
      }
      if (name.isBlank()) {
        throw new InputException(what + ": name " + (j + 1) + " is " + blank(name)
            + "; a model finds its columns by name");
      }
      Integer before = seen.putIfAbsent(name, j);
      if (before != null) {
        throw new InputException(what + ": duplicate name \"" + name + "\" (names "
            + (before + 1) + " and " + (j + 1) + "); a model finds its columns by name");
      }
    }
    if (p >= 0 && names.size() != p) {
      throw new InputException(what + ": " + names.size() + (names.size() == 1 ? " name" :
          " names") + " for " + p + " feature column" + (p == 1 ? "" : "s"));
    }
    return names;
  }

  /** "empty", or "blank (\"  \")": how a refusal of a name that names nothing says which. */
  static String blank(String name) {
    return name.isEmpty() ? "empty" : "blank (" + Numbers.quote(name) + ")";
  }

  /** No class names: data that would pass for regression data (no classes, no rows). */
  private static InputException noClassNames() {
    return new InputException("classNames: none given; classification needs two or more");
  }

  /** Class names checked to be non-null and distinct (labels are matched by name). */
  private static List<String> classNames(List<String> names) {
    Objects.requireNonNull(names, "classNames");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int k = 0; k < names.size(); k++) {
      String name = names.get(k);
      if (name == null) {
        throw new NullPointerException("classNames: name " + (k + 1) + " is null");
      }
      if (!seen.add(name)) {
        throw new InputException("classNames: duplicate name \"" + name + "\"; class labels"
            + " are matched by name");
      }
    }
    return names;
  }

  private static double[][] copyRows(double[][] x, int p, String what) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new NullPointerException("x: row " + (i + 1) + " is null");
      }
      if (x[i].length != p) {
        throw new InputException(what + ": row " + (i + 1) + " has " + x[i].length
            + (x[i].length == 1 ? " value" : " values") + ", expected " + p);
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new InputException(what + ": row " + (i + 1) + ", column " + (j + 1) + ": "
              + x[i][j] + " is not allowed; values must be finite");
        }
      }
      out[i] = x[i].clone();
    }
    return out;
  }

  private static double[] requireFinite(double[] y) {
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new InputException("targets: row " + (i + 1) + ": " + y[i]
            + " is not allowed; values must be finite");
      }
    }
    return y;
  }
}
