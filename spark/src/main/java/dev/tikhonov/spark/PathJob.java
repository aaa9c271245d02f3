package dev.tikhonov.spark;

import dev.tikhonov.data.InputException;
import dev.tikhonov.internal.estimate.LambdaChoice;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.RegularizationPath;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.linear.Shortfall;
import dev.tikhonov.loss.Family;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code spark-submit}'s entry point: the gaussian, binomial, multinomial or Poisson elastic-net
 * path of a Parquet or CSV file, each λ minimizing DESIGN.md's objective
 * Σᵢ ωᵢ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ [(1−α)/2 (sⱼbⱼ)² + α|sⱼbⱼ|] (ωᵢ = wᵢ/W; ℓ the family's
 * loss, ½ of the squared error for gaussian; sⱼ the feature's standard deviation, 1 with
 * {@code --no-standardize}; {@link SparkElasticNetCV}), cross-validated when asked, written as
 * {@code DIR/path.json} and {@code DIR/path.csv} exactly as {@code ./tikhonov path} writes
 * them ({@link PathFiles}; docs/formats.md), from one pass over the data for gaussian, and for
 * binomial
 * ({@code --family binomial}, two classes), multinomial ({@code --family multinomial}, C
 * classes; a CSV file's labels, text or numbers, are classes as {@code ./tikhonov path} numbers
 * them, {@link #classLabels}) and Poisson ({@code --family poisson}, labels counts ≥ 0)
 * one pass per Newton step of all fits together, the data persisted after the first
 * ({@link SparkElasticNetCV}, {@link SingleResponseIrls}, {@link MultinomialIrls}). The files
 * are written on the driver's file system. {@code --help} prints the flags ({@link #USAGE}).
 *
 * <pre>
 * spark-submit --class dev.tikhonov.spark.PathJob tikhonov-spark.jar \
 *   --data hdfs:///data/train.parquet --target y [--features a,b,c] [--weight w]
 *   [--family gaussian|binomial|multinomial|poisson] [--cv-folds 10] [--seed 0]
 *   [--fold-column fold] [--cv-measure deviance|mse|mae|class|auc] [--out-of-fold]
 *   [--l1-ratio 1]
 *   [--lambdas l1,l2,...]
 *   [--nlambda 100] [--lambda-min-ratio r] [--max-features N] [--max-ever-active N]
 *   [--no-standardize] [--tol 1e-3]
 *   [--out DIR]
 *   [--save FILE [--save-lambda min|1se|last|λ]]
 * </pre>
 *
 * <p>Features: the {@code --features} columns, else every numeric column (every column of a
 * CSV) other than the target, weight and fold columns. A CSV needs a header line; its values are
 * read as text and converted to numbers (no schema inference, which would cost a pass over the
 * file), and a value that is not a number stops the pass naming its column. Column names are
 * taken literally (a dot is part of the name). Bad input or flags print one line to stderr and
 * exit with code 2; any other failure one line and code 1 ({@link #main}); no stack trace.
 *
 * <p>With {@code --cv-folds K} the path is cross-validated on K folds: seeded random folds
 * ({@code --seed}, {@link RandomFolds}), or with {@code --fold-column} the fold ids 1..K in that
 * column (K = 10 unless {@code --cv-folds} says otherwise). Without either, the path alone is
 * fitted (from the statistics of all rows). {@code --cv-measure} says what the folds are scored
 * by (cv.glmnet's {@code type.measure}; {@link SparkElasticNetCV#cvMeasure}): the deviance by
 * default, mse, mae, class (binomial, multinomial) or auc (binomial; a pass of its own, with a
 * shuffle). path.json's {@code cv.measure} records it. {@code --out-of-fold} (with
 * cross-validation only) also writes {@code DIR/out-of-fold.csv}, the columns of
 * {@code ./tikhonov path --out-of-fold}'s (every row's out-of-fold linear predictor at every λ,
 * {@link SparkElasticNetModel#outOfFold}), from one more pass whose rows stream through the
 * driver; a run without it removes an earlier run's out-of-fold.csv from {@code --out}, and
 * every run an earlier report (report.html, charts/, run.json), as {@code ./tikhonov path}.
 * A path with λ not certified to {@code --tol}, and a
 * cross-validation whose fold paths did not converge (still scored, as cv.glmnet scores them),
 * are said once each on stderr after the table ({@code tikhonov-spark: warning: }, remedies in
 * this job's flags), as path.json's {@code warning} and {@code cv.warning} say them; so is a
 * λ_min at the smallest λ of a sequence fitted to its end ({@code cv.lambda_min_warning}: the
 * held-out loss may fall further, as {@code ./tikhonov path} warns).
 *
 * <p>With {@code --save FILE} the model at one λ is also written as a tikhonov model file (the
 * core's {@code LinearModel} for gaussian and Poisson, {@code LinearClassifier} for binomial and
 * multinomial, saved atomically on the driver's file system), which {@code Predictor.load} and
 * {@code ./tikhonov predict --model FILE} read without Spark, as {@code ./tikhonov path --save}
 * writes it. {@code --save-lambda} says which λ, with the core CLI's values and rules:
 * {@code min} or {@code 1se} (cross-validated runs; {@code min} their default), {@code last} (the
 * path's smallest λ; the default without cross-validation), or a number λ ≥ 0 (glmnet's
 * {@code predict(s = λ)}: the coefficients interpolated linearly in λ between the path's two
 * neighbouring λ, the solution itself at a λ of the path; below the path's smallest λ, or above
 * its largest where some coefficient is not zero, the fit at that end with the end's λ, and a
 * warning on stderr). A path that cannot be written, and a {@code --save-lambda} that is not one
 * of those (or min/1se without cross-validation), are refused before the data are read.
 * Stateless; {@link #run} is thread-safe as far as Spark is.
 */
public final class PathJob {
  private PathJob() {}

  /** What {@code --help} prints. */
  static final String USAGE = String.join("\n",
      "Usage: spark-submit --class dev.tikhonov.spark.PathJob tikhonov-spark.jar --data FILE"
          + " --target COLUMN [flags]",
      "The elastic-net path of a Parquet or CSV file (CSV: a header line), cross-validated when"
          + " asked,",
      "written as DIR/path.json and DIR/path.csv as ./tikhonov path writes them.",
      "  --data FILE            Parquet, or CSV (.csv, .csv.gz, .txt) with a header line; a",
      "                         folder of part files as Spark writes them too (see --format)",
      "  --format csv|parquet   how to read --data (default: csv when its name ends in .csv,",
      "                         .csv.gz or .txt, else parquet); csv for a folder of CSV parts",
      "  --target COLUMN        the label: a number (gaussian), one of two classes (binomial),",
      "                         of C classes (multinomial) or a count >= 0 (poisson); classes",
      "                         of a CSV file as ./tikhonov path reads them: text or numbers",
      "  --features A,B,...     the feature columns (default: every other numeric column)",
      "  --weight COLUMN        row weights >= 0 (default: 1)",
      "  --family NAME          gaussian (default, 1/2 squared error), binomial (logistic),",
      "                         multinomial (softmax) or poisson (log link, mean count exp(eta))",
      "  --cv-folds K           cross-validate on K seeded random folds",
      "  --fold-column COLUMN   cross-validate on the fold ids 1..K in COLUMN (K = --cv-folds,"
          + " 10)",
      "  --seed S               seed of the random folds (default 0)",
      "  --out-of-fold          with CV: also write DIR/out-of-fold.csv, every row's held-out",
      "                         linear predictor at every lambda (cv.glmnet's keep = TRUE)",
      "  --cv-measure M         what the folds are scored by: deviance (default), mse, mae,",
      "                         class (binomial, multinomial) or auc (binomial)",
      "  --l1-ratio A           alpha, the L1 share of the penalty in [0, 1] (default 1, lasso)",
      "  --lambdas L1,L2,...    the lambda sequence (default: glmnet's from lambda_max)",
      "  --nlambda N            length of the default sequence (default 100)",
      "  --lambda-min-ratio R   its smallest lambda over lambda_max (default 1e-4 if n >= p,"
          + " else 1e-2)",
      "  --max-features N       end the default sequence after the first lambda (from the",
      "                         fifth on) with more than N features in the model, keeping it",
      "                         (glmnet's dfmax; not with --lambdas; default: no limit)",
      "  --max-ever-active N    end the path before the first lambda whose fit brings more",
      "                         than N features into the active set (ever nonzero along the",
      "                         path); the lambda before is the last (glmnet's pmax; any",
      "                         sequence, --lambdas too; refused if the first lambda exceeds",
      "                         it; default: no limit)",
      "  --no-standardize       penalize the features as given, not scaled to unit variance",
      "  --tol T                the certificate every lambda is fitted to (default 1e-3, as",
      "                         ./tikhonov path's; the job's Newton steps land far inside it:",
      "                         ./tikhonov path --tol 1e-7 chooses the job's lambda_min, 1se)",
      "  --out DIR              where path.json and path.csv go (default tikhonov-path)",
      "  --save FILE            also save the fit at one lambda as a tikhonov model file",
      "  --save-lambda WHICH    which lambda --save keeps: min or 1se (with CV), last (the",
      "                         path's smallest), or a number (interpolated in lambda as glmnet's",
      "                         predict(s=)); default min with CV, else last",
      "  --help                 print this and exit",
      "Bad input prints one line to stderr and exits with code 2. docs/spark.md has the rest.");

  /**
   * Runs the job on {@code SparkSession.builder().getOrCreate()} and exits: 2 on bad input, 1
   * with one line on any other failure.
   */
  public static void main(String[] args) {
    System.exit(JobMain.run("tikhonov PathJob", args, PathJob::run));
  }

  /**
   * Runs the job on {@code spark}: 0 when the files are written, 2 for bad input or flags (one
   * line on {@code err}, beginning "tikhonov-spark: "; Spark's logs of the task that found
   * it are dropped, and only those, {@link TaskLogs}).
   */
  public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
    return TaskLogs.quiet(() -> runJob(args, spark, out, err));
  }

  private static int runJob(String[] args, SparkSession spark, PrintStream out,
      PrintStream err) {
    List<String> names = new ArrayList<>();
    if (Arrays.asList(args).contains("--help")) {
      out.println(USAGE);
      return 0;
    }
    try {
      Options options = Options.parse(args);
      if (options.save.isPresent()) {
        // Before the output directory and any Spark job: a bad path costs nothing.
        AtomicFiles.requireWritable(options.save.get(), "model file (--save)");
        Optional<Path> input = JobOutput.localPath(options.data);
        if (input.isPresent()) {
          // Written after the fit, it would replace the data the user has no other copy of.
          AtomicFiles.requireNotInput(options.save.get(), "--save", input.get(), "--data");
        }
      }
      Path dir = JobOutput.directory(options.out, options.outOfFold
          ? "path.json, path.csv and out-of-fold.csv" : "path.json and path.csv",
          options.files(), java.util.Map.of("--data", options.data));
      if (options.save.isPresent()) {
        requireSaveApart(options.save.get(), options, dir);
      }
      requireData(spark, options.data);
      Dataset<Row> data = read(spark, options);
      List<String> features = features(data, options);
      names.addAll(features);
      data = classLabels(data, options);
      Dataset<Row> assembled = assemble(data, features);
      SparkElasticNetCV estimator = options.estimator();
      boolean irls = !options.family.equals("gaussian");
      if (irls) {
        // The IRLS reads the data once per Newton step: keep them after the first.
        assembled = assembled.persist(StorageLevel.MEMORY_AND_DISK());
      }
      PathSolution path;
      Optional<CvResult> cv;
      RegularizationPath<? extends Predictor> models;
      Optional<SparkElasticNetModel> model = Optional.empty();
      if (options.crossValidate()) {
        model = Optional.of(estimator.fit(assembled));
        path = model.get().path();
        cv = Optional.of(model.get().cv());
        models = model.get().regularizationPath();
      } else {
        SparkElasticNetCV.PathFit fit = estimator.pathOnly(assembled);
        path = fit.path();
        cv = Optional.empty();
        models = fit.record().regularizationPath(path);
      }
      if (options.outOfFold) {
        // before the rows are unpersisted: one more pass over them (gaussian: a second read)
        writeOutOfFold(dir.resolve(OUT_OF_FOLD), model.orElseThrow(), assembled,
            options.target);
      }
      if (irls) {
        assembled.unpersist();
      }
      // the rows the statistics pass counted, one line each of out-of-fold.csv: the report
      // refuses a file short of its last row (none beyond an int: the provenance's count)
      PathFiles.write(dir, path, cv, models.provenance().trainingRows());
      if (!options.outOfFold) {
        removeEarlierOutOfFold(dir.resolve(OUT_OF_FOLD), out);
      }
      removeEarlierReport(dir, out);
      out.print(PathFiles.summary(path, cv, dir));
      // Once each, after the table, in this job's flags (path.json's warning and cv.warning
      // carry them too): a fold scored at a fit that did not converge said nothing before.
      path.shortfall().map(s -> s.message(REMEDY)).or(path::warning)
          .ifPresent(w -> err.println("tikhonov-spark: warning: " + w));
      cv.flatMap(c -> c.shortfall().flatMap(s -> s.pathMessage(REMEDY)).or(c::warning))
          .ifPresent(w -> err.println("tikhonov-spark: warning: " + w));
      // λ_min at the sequence's end: the held-out loss may fall further, the AUC rise
      // (cv.lambda_min_warning, in the measure's words)
      if (cv.isPresent()) {
        PathFiles.lambdaMinWarning(path, cv.get().indexMin(), cv.get().lambdaMin(),
            cv.get().measure()).ifPresent(w -> err.println("tikhonov-spark: warning: " + w));
      }
      out.println("wrote " + dir.resolve("path.json")
          + (options.outOfFold ? ", path.csv and " + OUT_OF_FOLD : " and path.csv"));
      if (options.save.isPresent()) {
        save(options, models, model, out, err);
      }
      return 0;
    } catch (InputException e) {
      Optional<String> cell = csv(args) ? notANumber(spark, args, e.getMessage(), names)
          : Optional.empty();
      String message = cell.orElseGet(() -> sourceColumns(emptyClassLabel(
          Options.inFlags(e.getMessage()), args), names, csv(args)));
      if (message.equals(StatisticsPass.NO_ROWS)) {
        message = "--data " + dataArg(args).orElse("") + " has no rows";
      }
      err.println("tikhonov-spark: " + message);
      return 2;
    } catch (Exception e) {
      Optional<String> header = csvHeaderMismatch(e);
      if (header.isPresent()) {
        err.println("tikhonov-spark: --data " + dataArg(args).orElse("") + ": " + header.get());
        return 2;
      }
      Optional<String> line = malformedCsvLine(e);
      if (line.isPresent()) {
        err.println("tikhonov-spark: --data " + dataArg(args).orElse("") + ": a line has more or"
            + " fewer fields than the header line: " + line.get());
        return 2;
      }
      Optional<String> unreadable = failedRead(e);
      if (unreadable.isPresent()) {
        err.println("tikhonov-spark: --data " + dataArg(args).orElse("") + ": "
            + unreadable.get());
        return 2;
      }
      if (e instanceof org.apache.spark.sql.AnalysisException a) {
        // A missing path or an unreadable file: Spark's own first line names it.
        err.println("tikhonov-spark: --data: " + a.getMessage().lines().findFirst().orElse(""));
        return 2;
      }
      if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
        err.println("tikhonov-spark: " + e.getMessage());
        return 2;
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /**
   * --save away from the job's other files, as --out is (before the data are read): not inside
   * a --data folder, whose files are read as data (the model file became a part of the data
   * set), and not --out's path.json or path.csv, which the model replaced after they were
   * written.
   */
  private static void requireSaveApart(Path save, Options options, Path dir) {
    Optional<Path> input = JobOutput.localPath(options.data);
    if (input.isPresent() && Files.isDirectory(input.get())
        && AtomicFiles.realPath(save).startsWith(AtomicFiles.realPath(input.get()))) {
      throw new InputException("--save " + save + " is in the --data folder " + options.data
          + ", whose files are read as data; give another path");
    }
    for (String name : options.files()) {
      if (AtomicFiles.sameFile(save, dir.resolve(name))) {
        throw new InputException("--save " + save + " is the " + name + " that --out "
            + options.out + " gets; give another path");
      }
    }
  }

  /**
   * Why a CSV file's header line does not fit the columns read, when that is why the read
   * failed: Spark takes the columns from one file's header line and (with
   * {@code enforceSchema} false) checks every file's against them; its default ignores the
   * other files' header lines, so a folder whose part files order their columns differently
   * was fitted with the columns swapped in some files. Spark also renames a header's repeated
   * names (a, a → a1, a2) and empty ones (_c1), which the check meets too.
   */
  static Optional<String> csvHeaderMismatch(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      boolean names = m.startsWith("CSV header does not conform to the schema");
      boolean count = m.startsWith("Number of column in CSV header is not equal");
      if (!(c instanceof org.apache.spark.SparkThrowable) || !(names || count)) {
        continue;
      }
      String file = field(m, "CSV file: ").map(PathJob::shownPath).orElse("a file");
      if (count) {
        return Optional.of("the header line of " + file + " has another number of columns than"
            + " the other files' (" + field(m, " Header length: ").orElse("?") + "); every"
            + " file needs the same header line");
      }
      List<String> header = Arrays.asList(field(m, " Header: ").orElse("").split(", ", -1));
      for (int j = 0; j < header.size(); j++) {
        String name = header.get(j);
        if (name.isBlank()) {
          return Optional.of("the header line of " + file + " has a column without a name"
              + " (column " + (j + 1) + "); every column needs its own name");
        }
        for (int k = 0; k < j; k++) {
          if (header.get(k).equalsIgnoreCase(name)) {
            return Optional.of("the header line of " + file + " names column '" + name + "'"
                + " twice; every column needs its own name");
          }
        }
      }
      return Optional.of("the header line of " + file + " (" + String.join(", ", header)
          + ") orders the columns otherwise than another file's (" + field(m, " Schema: ")
          .orElse("?") + "); every file needs the same header line");
    }
    return Optional.empty();
  }

  /**
   * Spark's one line for a file of --data that a task could not read (its
   * {@code FAILED_READ_FILE} conditions: part files of a Parquet folder with one column of
   * two types, a part file cut short or gone), with the cause's first line when Spark gives no
   * hint of its own. It was "failed: IllegalStateException: …", exit 1, as if the job had
   * broken rather than the data.
   */
  static Optional<String> failedRead(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.apache.spark.SparkThrowable t && t.getCondition() != null
          && t.getCondition().startsWith("FAILED_READ_FILE")) {
        String line = String.valueOf(c.getMessage()).lines().findFirst().orElse("");
        if (t.getCondition().endsWith("NO_HINT") && c.getCause() != null) {
          line += " (" + String.valueOf(c.getCause().getMessage()).lines().findFirst()
              .orElse("") + ")";
        }
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  /** The rest of the line of Spark's message that begins with {@code prefix}. */
  private static Optional<String> field(String message, String prefix) {
    return message.lines().filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip()).findFirst();
  }

  /** A path as Spark names it, without the {@code file:} scheme of a local file. */
  private static String shownPath(String path) {
    return path.startsWith("file:") ? JobOutput.localPath(path).map(Path::toString).orElse(path)
        : path;
  }

  /**
   * The line of a CSV file with more or fewer fields than its header, when that is why the read
   * failed (Spark's {@code MALFORMED_CSV_RECORD}, somewhere in the task failure's causes),
   * shortened to 80 characters.
   */
  static Optional<String> malformedCsvLine(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.apache.spark.SparkThrowable t
          && "MALFORMED_CSV_RECORD".equals(t.getCondition())) {
        String line = t.getMessageParameters().getOrDefault("badRecord", "");
        return Optional.of(line.length() <= 80 ? line : line.substring(0, 77) + "...");
      }
    }
    return Optional.empty();
  }

  /**
   * Writes the model at the λ {@code --save-lambda} names (checked before the data were read),
   * and says which, as {@code ./tikhonov path --save} does: outside the path's range the model
   * is the fit at the path's end, with the end's λ, and a warning says so.
   */
  private static void save(Options options, RegularizationPath<? extends Predictor> models,
      Optional<SparkElasticNetModel> crossValidated, PrintStream out, PrintStream err) {
    LambdaChoice which = options.saveLambda();
    Path file = options.save.orElseThrow();
    Optional<java.util.function.Function<SelectionRule, Predictor>> selected =
        crossValidated.map(fitted -> rule -> fitted.family().isClassification()
            ? fitted.toLinearClassifier() : fitted.toLinearModel());
    Predictor chosen = which.pick(models, selected);
    double saved = chosen.lambda();
    Optional<String> failed = which.notConverged(models, saved);
    if (failed.isPresent()) { // a failed fit never replaces a file (path.json is written)
      throw new InputException("--save " + file + ": not written; " + failed.get()
          + ": raise --tol, or give --save-lambda a converged λ (path.json's \"converged\");"
          + " an existing file is left as it was");
    }
    chosen.save(file);
    out.println(which.saved(models, saved, file));
    which.outsideThePath(models, saved).ifPresent(why -> err.println("tikhonov-spark: warning:"
        + " --save-lambda " + why + "; to save the fit at " + which + ", include " + which
        + " in --lambdas"));
  }

  /** The file of --out-of-fold, in --out: the name ./tikhonov path gives it. */
  static final String OUT_OF_FOLD = "out-of-fold.csv";

  /**
   * Writes out-of-fold.csv (atomically, on the driver's file system), the columns of
   * {@code ./tikhonov path --out-of-fold}'s (PathFiles.writeOutOfFoldCsv, docs/formats.md):
   * {@code row} (1-based, in the order Spark reads the rows: a file's own order, a folder's
   * files one after the other), {@code fold}, {@code y} (the number; binomial and multinomial:
   * the class, "0".."C−1"), then the row's out-of-fold η at each λ of path.csv, {@code s0} …
   * (multinomial: {@code s<l>_<class>}, class by class). The rows come to the driver a
   * partition at a time ({@code toLocalIterator}), streamed into the file.
   */
  private static void writeOutOfFold(Path file, SparkElasticNetModel model,
      Dataset<Row> assembled, String target) {
    PathSolution path = model.path();
    Family family = path.family();
    List<String> classes = path.classNames();
    int m = path.size();
    int outputs = family == Family.MULTINOMIAL ? classes.size() : 1;
    Dataset<Row> rows = model.outOfFold(assembled).select(
        Columns.column(target).cast("double"), Columns.column(OutOfFoldScorer.COLUMN));
    SparkFailures.unwrap(() -> {
      AtomicFiles.write(file, stream -> {
        java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream,
            java.nio.charset.StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(List.of("row", "fold", "y"));
        for (int k = 0; k < outputs; k++) {
          for (int l = 0; l < m; l++) {
            header.add(family == Family.MULTINOMIAL ? "s" + l + "_" + classes.get(k) : "s" + l);
          }
        }
        w.write(csvLine(header));
        java.util.Iterator<Row> it = rows.toLocalIterator();
        long i = 0;
        while (it.hasNext()) {
          Row row = it.next();
          Row oof = row.getStruct(1);
          double y = row.getDouble(0);
          double[][] eta = OutOfFoldScorer.linearPredictors(oof, family);
          List<String> cells = new ArrayList<>(3 + outputs * m);
          cells.add(Long.toString(++i));
          cells.add(Integer.toString(oof.getInt(0)));
          cells.add(family.isClassification() ? classes.get((int) y) : String.valueOf(y));
          for (int k = 0; k < outputs; k++) {
            for (int l = 0; l < m; l++) {
              cells.add(String.valueOf(eta[l][k]));
            }
          }
          w.write(csvLine(cells));
        }
        w.flush();
      });
      return null;
    });
  }

  private static String csvLine(List<String> cells) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      s.append(c > 0 ? "," : "").append(dev.tikhonov.data.CsvWriter.cell(cells.get(c)));
    }
    return s.append('\n').toString();
  }

  /**
   * Deletes an earlier run's out-of-fold.csv from --out, as {@code ./tikhonov path} does: left
   * beside this run's path.csv, the report drew that run's out-of-fold ROC curves as this
   * run's.
   */
  private static void removeEarlierOutOfFold(Path file, PrintStream out) {
    try {
      if (Files.deleteIfExists(file)) {
        out.println("removed " + file + ", an earlier run's out-of-fold predictions (this run"
            + " wrote none)");
      }
    } catch (java.io.IOException e) {
      throw new InputException(file + ": cannot remove the out-of-fold predictions of an"
          + " earlier run in this --out (" + AtomicFiles.reason(e) + "); remove it by hand or"
          + " choose another --out", e);
    }
  }

  /**
   * Deletes an earlier report from --out: report.html, its charts (charts/*.svg and *.png, and
   * charts/ once empty) and the run.json or run.json.partial that described that run (this job
   * writes none). Left beside this run's path.json, they showed the earlier path as this one's;
   * {@code ./tikhonov path} replaces them too. {@code tikhonov report DIR} draws this path's.
   */
  private static void removeEarlierReport(Path dir, PrintStream out) {
    List<String> removed = new ArrayList<>();
    Path current = dir;
    try {
      for (String name : List.of("report.html", "run.json", "run.json.partial")) {
        current = dir.resolve(name);
        if (Files.isRegularFile(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && Files.deleteIfExists(current)) {
          removed.add(name);
        }
      }
      current = dir.resolve("charts");
      if (Files.isDirectory(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        List<Path> charts;
        try (var files = Files.list(current)) {
          charts = files.filter(f -> f.toString().endsWith(".svg")
              || f.toString().endsWith(".png")).toList();
        }
        for (Path chart : charts) {
          Files.deleteIfExists(chart);
        }
        if (!charts.isEmpty()) {
          removed.add("charts/");
        }
        try (var left = Files.list(current)) {
          if (left.findAny().isEmpty()) {
            Files.delete(current);
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new InputException(current + ": cannot remove the report of an earlier run in"
          + " this --out (" + AtomicFiles.reason(e) + "); remove it by hand or choose another"
          + " --out", e);
    }
    if (!removed.isEmpty()) {
      out.println("removed " + String.join(", ", removed) + " from " + dir + ", an earlier"
          + " run's report (`tikhonov report " + dir + "` draws this path's)");
    }
  }

  /**
   * The remedy of a path's shortfall in this job's flags, worded from its numbers: the job sets
   * only the tolerance (--tol); the gaussian path's budget of passes is the core's default here.
   */
  static final Shortfall.Remedy REMEDY = s -> s.kind() == Shortfall.Kind.PASS_BUDGET
      ? "raise --tol (the budget of " + s.maxIterations() + " passes is fixed on Spark)"
      : "raise --tol";

  private static final String FEATURES = "__tikhonov_features";

  /**
   * The features as one vector column, {@link #FEATURES}, whose ML attributes name them by
   * their columns. VectorAssembler resolves its input names as expressions, so a column named
   * with a dot ({@code Sepal.Length}, as R writes them) would be read as a struct field: each
   * feature is assembled from an alias, and the vector's attributes then get the real names.
   */
  private static Dataset<Row> assemble(Dataset<Row> data, List<String> features) {
    List<Column> columns = new ArrayList<>();
    String[] aliases = new String[features.size()];
    for (int j = 0; j < aliases.length; j++) {
      aliases[j] = FEATURES + "_" + j;
      columns.add(Columns.column(features.get(j)).alias(aliases[j]));
    }
    for (String c : data.columns()) {
      columns.add(Columns.column(c));
    }
    Dataset<Row> assembled = new VectorAssembler().setInputCols(aliases).setOutputCol(FEATURES)
        .setHandleInvalid("keep").transform(data.select(columns.toArray(new Column[0])));
    Attribute[] named = new Attribute[aliases.length];
    for (int j = 0; j < named.length; j++) {
      named[j] = NumericAttribute.defaultAttr().withName(features.get(j)).withIndex(j);
    }
    return assembled.withMetadata(FEATURES, new AttributeGroup(FEATURES, named).toMetadata())
        .drop(aliases);
  }

  /** The value of --data, if given. */
  private static Optional<String> dataArg(String[] args) {
    int i = Arrays.asList(args).indexOf("--data");
    return i >= 0 && i + 1 < args.length ? Optional.of(args[i + 1]) : Optional.empty();
  }

  /** Whether --data is read as CSV (whose values are read as text): --format, or its name. */
  private static boolean csv(String[] args) {
    int i = Arrays.asList(args).indexOf("--format");
    if (i >= 0 && i + 1 < args.length) {
      return format(args[i + 1]).equals("csv");
    }
    return dataArg(args).map(PathJob::isCsv).orElse(false);
  }

  /** --format's value as the job reads it: in lower case, without blanks around it. */
  private static String format(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  private static boolean isCsv(String file) {
    String lower = file.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".txt");
  }

  /**
   * The estimator's null label, when the target holds classes of text ({@link #classLabels}),
   * told as what it was: an empty label (every other text is a class).
   */
  static String emptyClassLabel(String message, String[] args) {
    List<String> a = Arrays.asList(args);
    int t = a.indexOf("--target");
    int f = a.indexOf("--family");
    if (t < 0 || t + 1 >= args.length || f < 0 || f + 1 >= args.length
        || !List.of("binomial", "multinomial").contains(format(args[f + 1]))) {
      return message;
    }
    String prefix = "column '" + args[t + 1] + "', row ";
    String suffix = ": is null (expected a finite number)";
    if (message.startsWith(prefix) && message.endsWith(suffix)) {
      return message.substring(0, message.length() - suffix.length())
          + ": empty (expected a class label)";
    }
    return message;
  }

  /** A null cell of a CSV file was text that is not a number (try_cast), or empty. */
  private static final java.util.regex.Pattern NULL_CELL = java.util.regex.Pattern.compile(
      "^(column '[^']*', row \\d+ of partition \\d+): is null");

  private static final java.util.regex.Pattern FEATURE = java.util.regex.Pattern.compile(
      "column '" + FEATURES + "', (row \\d+ of partition \\d+): feature \\d+ \\(vector index "
      + "(\\d+)\\) is (\\S+), not a finite number");

  /** The estimator's name of a column's role → the flag that gives the column. */
  private static final String[][] ROLE_FLAGS = {
      {"label", "--target"}, {"weight", "--weight"}, {"fold id", "--fold-column"}};

  /** A feature of the assembled vector named by its index, e.g. its moments overflowed. */
  private static final java.util.regex.Pattern FEATURE_INDEX = java.util.regex.Pattern.compile(
      "^column '" + FEATURES + "', feature \\d+ \\(vector index (\\d+)\\):");

  /**
   * A message about the assembled vector, told in the data's own column names; a null cell of
   * a CSV file ({@code csv}) is told as what it was in the file, empty or not a number.
   */
  static String sourceColumns(String message, List<String> features, boolean csv) {
    // The estimator's schema check names its params' roles; here they are this job's flags.
    for (String[] role : ROLE_FLAGS) {
      if (message.startsWith(role[0] + " column '") && message.contains("' must be numeric")) {
        return role[1] + ": column '" + message.substring(role[0].length() + " column '".length());
      }
    }
    if (csv) {
      message = NULL_CELL.matcher(message).replaceFirst("$1: empty or not a number");
    }
    java.util.regex.Matcher v = FEATURE_INDEX.matcher(message);
    if (v.find()) {
      int index = Integer.parseInt(v.group(1));
      return v.replaceFirst(java.util.regex.Matcher.quoteReplacement("column '"
          + (index < features.size() ? features.get(index) : "?") + "':"));
    }
    java.util.regex.Matcher m = FEATURE.matcher(message);
    if (m.find()) {
      int index = Integer.parseInt(m.group(2));
      String column = index < features.size() ? features.get(index) : "?";
      String value = m.group(3).equals("NaN") ? "empty or not a number" : m.group(3);
      return m.replaceFirst(java.util.regex.Matcher.quoteReplacement("column '" + column
          + "', " + m.group(1) + ": " + value + " (expected a finite number)"));
    }
    // The estimator's param is --cv-folds here, and K is 10 when only --fold-column is given.
    return message.replace("column '" + FEATURES + "'", "the features")
        .replace("(numFolds)", "(--cv-folds, default 10)")
        .replace(": use fewer folds,", ": use fewer folds (--cv-folds, default 10),");
  }

  /**
   * A feature cell of a CSV file that is not a number, said as the file has it, with the flag
   * that chooses the features: "column 'b' of FILE, row 1 after the header line: "x" is not a
   * number; choose numeric columns with --features (…)". The pass saw NaN at a row of a
   * partition ({@link #FEATURE}: text, an empty cell and "NaN" are all NaN once cast); the
   * file's first such cell of the column, its file and its row in that file (data rows in
   * order, the header line not counted; Spark skips blank lines) come from the text, in two
   * more passes on this error's path only. Empty when {@code message} is not that, or the text
   * has no such cell (a row beyond what the file holds is not guessed).
   */
  static Optional<String> notANumber(SparkSession spark, String[] args, String message,
      List<String> features) {
    java.util.regex.Matcher m = FEATURE.matcher(message);
    if (!m.find() || !m.group(3).equals("NaN")) {
      return Optional.empty();
    }
    int index = Integer.parseInt(m.group(2));
    if (index >= features.size()) {
      return Optional.empty();
    }
    String column = features.get(index);
    Options options = Options.parse(args);
    Column cell = Columns.column(column);
    Column number = cell.try_cast("double");
    Column bad = number.isNull().or(org.apache.spark.sql.functions.isnan(number));
    Dataset<Row> text = csvText(spark, options).select(cell.as("v"),
        org.apache.spark.sql.functions.input_file_name().as("f"), bad.as("bad"));
    List<Row> first = text.where(Columns.column("bad")).limit(1).collectAsList();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    String file = first.get(0).getString(1);
    List<scala.Tuple2<Row, Long>> at = text.where(Columns.column("f").equalTo(file)).javaRDD()
        .zipWithIndex().filter(t -> t._1().getBoolean(2)).take(1);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    String value = first.get(0).isNullAt(0) ? "" : first.get(0).getString(0);
    String where = "column '" + column + "' of " + shownPath(file) + ", row "
        + (at.get(0)._2() + 1) + " after the header line: ";
    if (value.isBlank()) {
      return Optional.of(where + "empty (expected a finite number)");
    }
    return Optional.of(where + "\"" + value + "\" is not a number; " + (options.features
        .isPresent() ? "leave it out of --features, the columns the job fits on"
        : "choose numeric columns with --features (without it every column but the target,"
        + " weight and fold columns is a feature)"));
  }

  /**
   * --data found on its file system (hdfs:, s3a: and a glob too) before Spark reads it: Spark's
   * reader of a missing path logged its FileNotFoundException with ~100 lines of stack trace
   * (WARN FileStreamSink) before its own [PATH_NOT_FOUND] error.
   */
  private static void requireData(SparkSession spark, String data) {
    org.apache.hadoop.fs.FileStatus[] found;
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(data);
      found = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).globStatus(path);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return; // a path the file system cannot look at: Spark's read names what is wrong
    }
    if (found == null || found.length == 0) {
      throw new InputException("--data " + data + ": no such file or directory");
    }
  }

  private static Dataset<Row> read(SparkSession spark, Options options) {
    if (options.format.map("csv"::equals).orElse(isCsv(options.data))) {
      // FAILFAST, every column parsed: a line with more or fewer fields than the header is an
      // error (Spark's default drops a line's extra fields and reads its missing ones as null,
      // so a misaligned row was fitted), whichever columns the fit reads. enforceSchema false:
      // every file's header line is checked against the columns (csvHeaderMismatch).
      // escape '"': RFC 4180's doubled quote inside a quoted field (a header "b ""x""" is the
      // column b "x", as ./tikhonov reads it); Spark's default escape is a backslash, which
      // kept the quotes in the name and the value.
      Dataset<Row> text = csvText(spark, options);
      List<Column> numbers = new ArrayList<>();
      for (String c : text.columns()) {
        // a class target stays text: its labels are classes (classLabels), as the CLI's
        numbers.add(c.equals(options.target) && options.classification() ? Columns.column(c)
            : Columns.column(c).try_cast("double").alias(c));
      }
      return text.select(numbers.toArray(new Column[0]));
    }
    try {
      return spark.read().parquet(options.data);
    } catch (Exception e) {
      if (e instanceof org.apache.spark.SparkException) {
        // Spark reads the footers here: a file that is not Parquet fails now, not in a task.
        throw new InputException("--data " + options.data + ": not a Parquet file or folder ("
            + e.getMessage().lines().findFirst().orElse("") + "); a CSV file's name must end"
            + " in .csv, .csv.gz or .txt, or give --format csv", e);
      }
      throw e;
    }
  }

  /** --data's CSV file(s) as text, every column a string. */
  private static Dataset<Row> csvText(SparkSession spark, Options options) {
    return spark.read().option("header", "true").option("inferSchema", "false")
        .option("mode", "FAILFAST").option("columnPruning", "false")
        .option("enforceSchema", "false").option("escape", "\"").csv(options.data);
  }

  /** More distinct labels than this in a class target are refused (a column of numbers?). */
  static final int MAX_CLASSES = 10_000;

  /**
   * A binomial or multinomial target of text (a CSV file's, a Parquet string column) as class
   * indices, by the rule of {@code ./tikhonov path} (ClassLabels: labels without the blanks
   * around them; all numbers: the distinct values in numeric order, named canonically, so 1 and
   * 1.0 are one class "1"; else the distinct texts in lexicographic order), the class names
   * the column's nominal attribute, which the estimator names the path's classes by
   * ({@link Columns#classNames}). One pass over the column for its distinct labels. An empty
   * label becomes null, which the estimator refuses naming its row.
   */
  static Dataset<Row> classLabels(Dataset<Row> data, Options options) {
    String target = options.target;
    if (!options.classification()
        || !(data.schema().apply(target).dataType() instanceof StringType)) {
      return data;
    }
    List<String> labels = new ArrayList<>();
    List<Row> distinct = data.select(Columns.column(target)).distinct().limit(MAX_CLASSES + 1)
        .collectAsList();
    if (distinct.size() > MAX_CLASSES) {
      throw new InputException("--target " + target + ": more than " + MAX_CLASSES
          + " distinct labels; a --family " + options.family + " target holds classes");
    }
    for (Row row : distinct) {
      if (!row.isNullAt(0) && !row.getString(0).strip().isEmpty()) {
        labels.add(row.getString(0).strip());
      }
    }
    dev.tikhonov.internal.data.ClassLabels classes =
        dev.tikhonov.internal.data.ClassLabels.of(labels);
    List<String> names = classes.names();
    if (names.size() == 1) {
      throw new InputException("--target " + target + ": only one class (" + names.get(0)
          + "); classification needs two");
    }
    if (options.family.equals("binomial") && names.size() > 2) {
      throw new InputException("--target " + target + ": the binomial family needs exactly 2"
          + " classes, the data have " + names.size() + " "
          + dev.tikhonov.internal.data.ClassLabels.listed(names)
          + "; use --family multinomial");
    }
    java.util.HashMap<String, Double> index = new java.util.HashMap<>();
    for (String label : labels) {
      index.put(label, (double) classes.indexOf(label));
    }
    org.apache.spark.sql.expressions.UserDefinedFunction toIndex = org.apache.spark.sql.functions
        .udf((org.apache.spark.sql.api.java.UDF1<String, Double>) label -> label == null ? null
            : index.get(label.strip()), org.apache.spark.sql.types.DataTypes.DoubleType);
    org.apache.spark.sql.types.Metadata nominal = names.isEmpty()
        ? org.apache.spark.sql.types.Metadata.empty()
        : org.apache.spark.ml.attribute.NominalAttribute.defaultAttr().withName(target)
            .withValues(names.toArray(new String[0])).toMetadata();
    List<Column> columns = new ArrayList<>();
    for (String c : data.columns()) {
      columns.add(c.equals(target) ? toIndex.apply(Columns.column(c)).as(c, nominal)
          : Columns.column(c));
    }
    return data.select(columns.toArray(new Column[0]));
  }

  private static List<String> features(Dataset<Row> data, Options options) {
    List<String> columns = Arrays.asList(data.columns());
    if (columns.isEmpty()) {
      // An empty CSV file: it said "has no column 'y' (columns: )".
      throw new InputException("--data " + options.data + " is empty: no header line");
    }
    for (String c : options.roles()) {
      if (!columns.contains(c)) {
        throw new InputException("--data " + options.data + " has no column '" + c
            + "' (columns: " + String.join(", ", columns) + ")");
      }
    }
    List<String> features = new ArrayList<>();
    if (options.features.isPresent()) {
      for (String c : options.features.get().split(",", -1)) {
        String name = c.trim();
        if (!columns.contains(name)) {
          throw new InputException("--features: no column '" + name + "' in " + options.data
              + " (columns: " + String.join(", ", columns) + ")");
        }
        if (options.roles().contains(name)) {
          throw new InputException("--features: column '" + name + "' is the "
              + options.role(name) + "; it cannot also be a feature");
        }
        if (features.contains(name)) {
          // Twice would fit a column against its copy, and the model's feature names (the
          // core's x0.., as two columns share one name) would match no column to predict on.
          throw new InputException("--features: column '" + name + "' is named twice");
        }
        requireNumeric(data.schema().apply(name));
        features.add(name);
      }
    } else {
      for (StructField f : data.schema().fields()) {
        if (!options.roles().contains(f.name()) && f.dataType() instanceof NumericType) {
          features.add(f.name());
        }
      }
    }
    if (features.isEmpty()) {
      throw new InputException("--data " + options.data + " has no numeric feature columns "
          + "besides the target");
    }
    return features;
  }

  private static void requireNumeric(StructField f) {
    if (!(f.dataType() instanceof NumericType) || f.dataType() instanceof StringType) {
      throw new InputException("--features: column '" + f.name() + "' must be numeric, got "
          + f.dataType().simpleString());
    }
  }

  /** The flags that take a value. */
  private static final List<String> VALUE_FLAGS = List.of("--data", "--format", "--target",
      "--features", "--weight", "--fold-column", "--cv-folds", "--seed", "--family",
      "--cv-measure", "--l1-ratio", "--lambdas", "--nlambda", "--max-features",
      "--max-ever-active", "--lambda-min-ratio", "--tol", "--out", "--save", "--save-lambda");

  /** The flags that take none. */
  private static final List<String> SWITCHES = List.of("--no-standardize", "--out-of-fold",
      "--help");

  /** Every flag of the job's, for {@link FlagSuggestions}. */
  private static final java.util.Set<String> FLAGS = java.util.Set.copyOf(
      java.util.stream.Stream.concat(VALUE_FLAGS.stream(), SWITCHES.stream()).toList());

  /** The flags that set the default λ sequence, refused beside --lambdas. */
  private static final List<String> DEFAULT_SEQUENCE_FLAGS = List.of("--nlambda",
      "--lambda-min-ratio", "--max-features");

  /** The flags, validated. */
  private static final class Options {
    String data;
    Optional<String> format = Optional.empty();
    String target;
    Optional<String> features = Optional.empty();
    Optional<String> weight = Optional.empty();
    Optional<String> foldColumn = Optional.empty();
    Optional<Integer> cvFolds = Optional.empty();
    long seed;
    double l1Ratio = 1.0;
    Optional<double[]> lambdas = Optional.empty();
    int nlambda = 100;
    Optional<Double> lambdaMinRatio = Optional.empty();
    Optional<Integer> maxFeatures = Optional.empty();
    Optional<Integer> maxEverActive = Optional.empty();
    boolean standardize = true;
    boolean outOfFold;
    double tol = dev.tikhonov.linear.PathSettings.DEFAULT_TOLERANCE;
    String out = "tikhonov-path";
    String family = "gaussian";
    Optional<CvMeasure> measure = Optional.empty();
    Optional<Path> save = Optional.empty();
    Optional<LambdaChoice> saveLambda = Optional.empty();
    /** The flags given, in order. */
    final java.util.Set<String> given = new java.util.LinkedHashSet<>();

    boolean crossValidate() {
      return cvFolds.isPresent() || foldColumn.isPresent();
    }

    /** Whether the target holds classes: binomial or multinomial. */
    boolean classification() {
      return family.equals("binomial") || family.equals("multinomial");
    }

    /** The files the job writes in --out. */
    List<String> files() {
      return outOfFold ? List.of("path.json", "path.csv", OUT_OF_FOLD)
          : List.of("path.json", "path.csv");
    }

    /** What a column of {@link #roles} is, by its flag. */
    String role(String column) {
      return column.equals(target) ? "target (--target)"
          : weight.equals(Optional.of(column)) ? "weight column (--weight)"
          : "fold column (--fold-column)";
    }

    List<String> roles() {
      List<String> roles = new ArrayList<>(List.of(target));
      weight.ifPresent(roles::add);
      foldColumn.ifPresent(roles::add);
      return roles;
    }

    SparkElasticNetCV estimator() {
      SparkElasticNetCV e = new SparkElasticNetCV().setFeaturesCol(FEATURES).setLabelCol(target)
          .setL1Ratio(l1Ratio).setNumLambdas(nlambda).setStandardize(standardize)
          .setTolerance(tol).setSeed(seed).setNumFolds(cvFolds.orElse(10)).setFamily(family);
      weight.ifPresent(e::setWeightCol);
      foldColumn.ifPresent(e::setFoldCol);
      lambdas.ifPresent(e::setLambdas);
      lambdaMinRatio.ifPresent(e::setLambdaMinRatio);
      maxFeatures.ifPresent(e::setMaxFeatures);
      maxEverActive.ifPresent(e::setMaxEverActive);
      measure.ifPresent(m -> e.setMeasure(m.id()));
      e.setKeepOutOfFold(outOfFold);
      if (saveLambda().rule().equals(Optional.of(SelectionRule.ONE_STANDARD_ERROR))) {
        e.setSelection("1se");
      }
      return e;
    }

    /** Which λ --save keeps: as given, else min with cross-validation, else last. */
    LambdaChoice saveLambda() {
      return saveLambda.orElse(LambdaChoice.defaultFor(crossValidate()));
    }

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (!VALUE_FLAGS.contains(flag) && !SWITCHES.contains(flag)
            && !flag.equals("--multinomial-penalty")) {
          // before taking a value: an unknown flag last on the line is not "needs a value"
          throw new InputException("unknown flag " + flag + FlagSuggestions.suggestion(flag,
              FLAGS).orElse(" (see --help or docs/spark.md)"));
        }
        o.given.add(flag);
        if (flag.equals("--no-standardize")) {
          o.standardize = false;
          continue;
        }
        if (flag.equals("--out-of-fold")) {
          o.outOfFold = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new InputException(flag + " needs a value");
        }
        String v = args[++i];
        switch (flag) {
          case "--data" -> {
            if (v.isBlank()) { // Hadoop's Path: "Can not create a Path from an empty string"
              throw new InputException("--data needs a file or folder path, got '" + v + "'");
            }
            o.data = v;
          }
          case "--format" -> {
            // any case, blanks around the word dropped: the CLI's enumerated flags' reading
            String word = format(v);
            if (!word.equals("csv") && !word.equals("parquet")) {
              throw new InputException("--format must be csv or parquet (any case), got '" + v
                  + "'");
            }
            o.format = Optional.of(word);
          }
          case "--target" -> o.target = v;
          case "--features" -> o.features = Optional.of(v);
          case "--weight" -> o.weight = Optional.of(v);
          case "--fold-column" -> o.foldColumn = Optional.of(v);
          case "--cv-folds" -> o.cvFolds = Optional.of(integer(flag, v, 2));
          case "--seed" -> o.seed = (long) number(flag, v, x -> x == Math.rint(x)
              && Math.abs(x) < 0x1p53, "that is a whole number");
          case "--family" -> {
            String word = format(v);
            if (!List.of("gaussian", "binomial", "multinomial", "poisson").contains(word)) {
              throw new InputException("--family " + v + ": gaussian, binomial, multinomial and"
                  + " poisson (any case) run on Spark");
            }
            o.family = word;
          }
          case "--cv-measure" -> {
            try {
              o.measure = Optional.of(CvMeasure.ofId(v));
            } catch (InputException e) {
              throw new InputException("--cv-measure " + v + ": not a cross-validation"
                  + " measure; expected deviance, mse, mae, class or auc", e);
            }
          }
          case "--l1-ratio" -> o.l1Ratio = number(flag, v, x -> x >= 0 && x <= 1, "in [0, 1]");
          case "--lambdas" -> o.lambdas = Optional.of(Arrays.stream(v.split(",", -1))
              .mapToDouble(s -> number(flag, s.trim(), x -> x >= 0 && x < Double.POSITIVE_INFINITY,
                  "finite and ≥ 0")).toArray());
          case "--nlambda" -> o.nlambda = integer(flag, v, 1);
          case "--max-features" -> o.maxFeatures = Optional.of(integer(flag, v, 0));
          case "--max-ever-active" -> o.maxEverActive = Optional.of(integer(flag, v, 0));
          case "--lambda-min-ratio" -> o.lambdaMinRatio = Optional.of(number(flag, v,
              x -> x > 0 && x < 1, "in (0, 1)"));
          case "--tol" -> o.tol = number(flag, v, x -> x > 0 && x < Double.POSITIVE_INFINITY,
              "positive");
          case "--out" -> o.out = v;
          case "--save" -> {
            if (v.isBlank()) {
              throw new InputException("--save needs a file path, got '" + v + "'");
            }
            try {
              o.save = Optional.of(Path.of(v));
            } catch (java.nio.file.InvalidPathException e) {
              throw new InputException("--save " + v + ": not a file path (" + e.getReason()
                  + ")", e);
            }
          }
          case "--save-lambda" -> {
            try {
              o.saveLambda = Optional.of(LambdaChoice.parse(v));
            } catch (InputException e) {
              throw new InputException("--save-lambda " + e.getMessage(), e);
            }
          }
          case "--multinomial-penalty" -> throw new InputException("--multinomial-penalty " + v
              + ": the Spark path fits glmnet's ungrouped multinomial only; the grouped penalty"
              + " is `tikhonov path --multinomial-penalty grouped`, on one machine");
          default -> throw new IllegalStateException("flag " + flag + " known but not parsed");
        }
      }
      if (o.data == null || o.target == null) {
        throw new InputException("--data FILE and --target COLUMN are required");
      }
      o.weight.ifPresent(w -> requireOtherColumn("--weight", w, "--target", o.target));
      o.foldColumn.ifPresent(f -> requireOtherColumn("--fold-column", f, "--target", o.target));
      o.foldColumn.ifPresent(f -> o.weight.ifPresent(
          w -> requireOtherColumn("--fold-column", f, "--weight", w)));
      if (o.measure.isPresent()) {
        requireMeasure(o.measure.get(), o.family, o.crossValidate());
      }
      if (o.outOfFold && !o.crossValidate()) {
        throw new InputException("--out-of-fold applies only with cross-validation (--cv-folds"
            + " or --fold-column); it has no effect without cross-validation, which holds no"
            + " rows out");
      }
      if (o.saveLambda.isPresent() && o.save.isEmpty()) {
        throw new InputException("--save-lambda says which λ --save keeps; add --save FILE");
      }
      if (o.saveLambda().needsCrossValidation() && !o.crossValidate()) {
        throw new InputException("--save-lambda " + o.saveLambda()
            + " needs cross-validation: add --cv-folds K or --fold-column COLUMN");
      }
      if (o.lambdas.isPresent()) {
        // as ./tikhonov path: a setting of the default sequence beside a sequence of one's own
        // was silently ignored (--nlambda, --lambda-min-ratio) or refused alone (--max-features)
        for (String flag : DEFAULT_SEQUENCE_FLAGS) {
          if (o.given.contains(flag)) {
            throw new InputException(flag + " applies only to the default λ sequence; it has"
                + " no effect with --lambdas, which gives the sequence");
          }
        }
      }
      requirePathSettings(o);
      return o;
    }

    /**
     * The core's own checks of the path settings (more than 100,000 λ, a λ twice), before any
     * data are read and in this job's flags: they came at the fit, in the core's setting names
     * ({@code numLambdas must be in 1..100000}, {@code lambdas must be distinct}).
     */
    private static void requirePathSettings(Options o) {
      try {
        o.estimator().pathSettings();
      } catch (InputException e) {
        String m = e.getMessage();
        for (String[] setting : SETTING_FLAGS) {
          if (m.startsWith(setting[0] + " ") || m.startsWith(setting[0] + ":")) {
            throw new InputException(setting[1] + m.substring(setting[0].length()), e);
          }
        }
        throw e;
      }
    }

    /**
     * A fit's refusal in this job's flags: the core's setting name that starts the message, or
     * a fold's ("fold 2 of 5 (its training rows): maxEverActive: ..."), as its flag.
     */
    static String inFlags(String message) {
      java.util.regex.Matcher inFold = FOLD_PREFIX.matcher(message);
      String fold = inFold.lookingAt() ? inFold.group() : "";
      String rest = message.substring(fold.length());
      for (String[] setting : SETTING_FLAGS) {
        if (rest.startsWith(setting[0] + ":")) {
          return fold + setting[1] + rest.substring(setting[0].length());
        }
      }
      return message;
    }

    private static final java.util.regex.Pattern FOLD_PREFIX = java.util.regex.Pattern.compile(
        "fold \\d+ of \\d+ \\(its training rows\\): ");

    /** A core setting's name at the start of its message → this job's flag (longest first). */
    private static final String[][] SETTING_FLAGS = {
        {"lambdaMinRatio", "--lambda-min-ratio"}, {"numLambdas", "--nlambda"},
        {"l1Ratio (α)", "--l1-ratio"}, {"tolerance", "--tol"}, {"lambdas", "--lambdas"},
        {"maxFeatures", "--max-features"}, {"maxEverActive", "--max-ever-active"}};

    /**
     * {@code --cv-measure} scores a cross-validation of a family that takes it
     * ({@link SparkElasticNetCV#cvMeasure}): said in this job's flags before any data are
     * read.
     */
    private static void requireMeasure(CvMeasure measure, String family, boolean crossValidate) {
      if (!crossValidate) {
        throw new InputException("--cv-measure " + measure.id() + " scores the"
            + " cross-validation: add --cv-folds K or --fold-column COLUMN");
      }
      try {
        new SparkElasticNetCV().setFamily(family).setMeasure(measure.id()).cvMeasure();
      } catch (InputException e) {
        // about the setting "measure", which is this flag here
        throw new InputException("--cv-measure" + e.afterSetting(), e);
      }
    }

    /** A column has one role: the weights (or fold ids) are not the labels. */
    private static void requireOtherColumn(String flag, String column, String otherFlag,
        String other) {
      if (column.equals(other)) {
        throw new InputException(flag + " " + column + " is also the " + otherFlag
            + " column; a column has one role");
      }
    }

    private static int integer(String flag, String v, int min) {
      try {
        int value = Integer.parseInt(v);
        if (value >= min) {
          return value;
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new InputException(flag + " must be a whole number ≥ " + min + ", got '" + v + "'");
    }

    private static double number(String flag, String v,
        java.util.function.DoublePredicate valid, String what) {
      try {
        double value = Double.parseDouble(v);
        if (valid.test(value)) {
          return value;
        }
      } catch (NumberFormatException e) {
        // named below
      }
      throw new InputException(flag + " must be a number " + what + ", got '" + v + "'");
    }
  }
}
