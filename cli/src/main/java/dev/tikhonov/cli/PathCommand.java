package dev.tikhonov.cli;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Family;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.KFold;
import dev.tikhonov.select.PathFiles;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tikhonov path}: a glmnet-style regularization path, optionally cross-validated. */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Fit an elastic-net regularization path (glmnet's algorithm) and, with --cv-folds or",
      "--foldid, cross-validate it. Objective at each λ:",
      "  (1/n) Σ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ [ (1−α)/2 bⱼ² + α |bⱼ| ],  α = --l1-ratio",
      "glmnet's lambda/alpha with standardize=FALSE (see docs/linear.md).",
      "Writes DIR/path.json, DIR/path.csv and run.json; prints λ, df, dev_ratio (and CV).",
      ""})
public final class PathCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "FILE", required = true,
      description = "CSV file with a header (or a LIBSVM/svmlight file).")
  Path data;

  @Option(names = "--target", paramLabel = "COLUMN", description = "CSV: the column to predict.")
  String target;

  @Option(names = "--family", paramLabel = "F",
      description = "gaussian, binomial or multinomial. Default: ${DEFAULT-VALUE}.")
  String family = "gaussian";

  @Option(names = "--l1-ratio", paramLabel = "A",
      description = "α in [0, 1]: 1 lasso, 0 ridge. Default: ${DEFAULT-VALUE}.")
  double l1Ratio = 1.0;

  @Option(names = "--lambdas", paramLabel = "L1,L2,...", split = ",",
      description = "Your own λ sequence (sorted decreasing). Default: glmnet's geometric "
          + "sequence from λ_max.")
  List<Double> lambdas;

  @Option(names = "--nlambda", paramLabel = "N",
      description = "Number of λ of the default sequence. Default: ${DEFAULT-VALUE}.")
  int nlambda = 100;

  @Option(names = "--lambda-min-ratio", paramLabel = "R",
      description = "λ_min/λ_max of the default sequence. Default: 1e-4 if n ≥ p else 1e-2.")
  Double lambdaMinRatio;

  @Option(names = "--no-standardize",
      description = "Fit on the raw features (default: standardized inside, coefficients "
          + "reported on the original scale, as glmnet).")
  boolean noStandardize;

  @Option(names = "--tol", paramLabel = "T",
      description = "Tolerance every λ is certified to: the relative duality gap (gaussian) or "
          + "the scaled KKT residual (binomial, multinomial) of its solution (docs/linear.md). "
          + "Default: ${DEFAULT-VALUE}.")
  double tol = PathSettings.DEFAULT_TOLERANCE;

  @Option(names = "--cv-folds", paramLabel = "K",
      description = "Cross-validate with K seeded random folds.")
  Integer cvFolds;

  @Option(names = "--foldid", paramLabel = "FILE",
      description = "Cross-validate with these folds: one fold number 1..K per row, in data "
          + "order, optional header line.")
  Path foldid;

  @Option(names = "--seed", paramLabel = "S",
      description = "Seed of the random folds. Default: ${DEFAULT-VALUE}.")
  long seed = 0;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Save the fit at one λ (see --save-lambda) as a model file for predict, "
          + "evaluate and export (safetensors + JSON header; docs/model-files.md).")
  Path save;

  @Option(names = "--save-lambda", paramLabel = "WHICH",
      description = "Which λ --save keeps: min (lambda_min of CV), 1se (lambda_1se), or a number "
          + "(coefficients interpolated in λ as glmnet's predict(s=)). Default: min with CV, "
          + "else the smallest λ of the path.")
  String saveLambda;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws IOException {
    java.time.Instant started = java.time.Instant.now();
    common.applyThreads();
    String fam = family.toLowerCase(Locale.ROOT);
    if (!List.of("gaussian", "binomial", "multinomial").contains(fam)) {
      throw new InputException("--family must be gaussian, binomial or multinomial, got '"
          + family + "'");
    }
    if (cvFolds != null && foldid != null) {
      throw new InputException("give either --cv-folds or --foldid, not both");
    }
    PathSettings config = config();
    boolean classification = !fam.equals("gaussian");
    Dataset dataset = read(classification ? TargetKind.CLASS : TargetKind.REAL);
    double[][] x = features(dataset);
    double[] y = targets(dataset);
    List<String> names = dataset.featureNames();
    List<String> classes = classification ? dataset.classNames() : List.of();
    if (fam.equals("binomial") && dataset.numClasses() != 2) {
      throw new InputException("--family binomial needs exactly 2 classes, " + data
          + " has " + dataset.numClasses() + " " + dataset.classNames()
          + "; use --family multinomial");
    }
    Family familyValue = Family.valueOf(fam.toUpperCase(Locale.ROOT));
    KFold folds = folds(y.length);
    PathSolution path;
    Optional<CvResult> cv = Optional.empty();
    if (folds != null) {
      CrossValidation.Fit fit = CrossValidation.path(familyValue, x, y, config, names, classes,
          folds, common.threads);
      path = fit.path();
      cv = Optional.of(fit.cv());
    } else {
      path = ElasticNetPath.fit(familyValue, x, y, config, names, classes);
    }
    RunWriter writer = RunWriter.open(common.outDir("path"), RunKind.PATH);
    Path out = writer.dir();
    PathFiles.write(out, path, cv);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("family", fam);
    settings.put("l1_ratio", l1Ratio);
    settings.put("lambdas", lambdas);
    settings.put("nlambda", nlambda);
    settings.put("lambda_min_ratio", lambdaMinRatio);
    settings.put("standardize", !noStandardize);
    settings.put("tol", tol);
    settings.put("cv_folds", folds == null ? null : folds.numFolds());
    settings.put("foldid", foldid == null ? null : foldid.toString());
    DataOptions dataOptions = new DataOptions();
    dataOptions.data = data;
    dataOptions.target = target;
    if (common.json) {
      System.out.println(dev.tikhonov.data.Json.oneLine(PathFiles.json(path, cv)));
    }
    common.human().print(PathFiles.summary(path, cv));
    RunFiles.finish(writer, "path", seed, common.threads, dataOptions, started, settings,
        common.human());
    common.human().println("wrote " + out.resolve("path.json") + " and path.csv");
    if (save != null) {
      saveModel(path, cv.orElse(null), settings);
    }
    return 0;
  }

  /** The settings from the flags; a setting out of range is reported under its flag. */
  private PathSettings config() {
    PathSettings.Builder b = PathSettings.builder();
    if (lambdas != null) {
      b.lambdas(lambdas.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (lambdaMinRatio != null) {
      b.lambdaMinRatio(lambdaMinRatio);
    }
    try {
      return b.l1Ratio(l1Ratio).numLambdas(nlambda).standardize(!noStandardize).tolerance(tol)
          .build();
    } catch (InputException e) {
      String message = e.getMessage();
      String[][] flags = {{"l1Ratio", "--l1-ratio"}, {"numLambdas", "--nlambda"},
          {"lambdaMinRatio", "--lambda-min-ratio"}, {"lambdas", "--lambdas"},
          {"tolerance", "--tol"}};
      for (String[] f : flags) {
        if (message.startsWith(f[0])) {
          throw new InputException(f[1] + ": " + message, e);
        }
      }
      throw e;
    }
  }

  private Dataset read(TargetKind kind) {
    if (!Files.isRegularFile(data)) {
      throw new InputException("--data " + data + ": no such file");
    }
    String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv")) {
      if (target == null) {
        throw new InputException("--data " + data + " is a CSV file: say which column to "
            + "predict with --target COLUMN");
      }
      return CsvReader.read(data, target, kind);
    }
    return LibsvmReader.read(data, kind);
  }

  private KFold folds(int n) throws IOException {
    if (cvFolds != null) {
      return KFold.random(n, cvFolds, seed);
    }
    if (foldid == null) {
      return null;
    }
    List<String> lines = Files.readAllLines(foldid);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String cell = lines.get(i).trim().replace("\"", "");
      if (cell.isEmpty()) {
        continue;
      }
      try {
        ids.add(Integer.parseInt(cell));
      } catch (NumberFormatException e) {
        if (i == 0) {
          continue; // a header line
        }
        throw InputException.at(foldid.toString(), i + 1, 1,
            "'" + cell + "' is not a fold number 1..K");
      }
    }
    if (ids.size() != n) {
      throw new InputException(foldid + ": " + ids.size() + " fold ids for " + n + " data rows");
    }
    return KFold.of(ids.stream().mapToInt(Integer::intValue).toArray());
  }

  private static double[][] features(Dataset d) {
    double[][] x = new double[d.size()][d.numFeatures()];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < d.numFeatures(); j++) {
        x[i][j] = d.features().get(i, j);
      }
    }
    return x;
  }

  private static double[] targets(Dataset d) {
    double[] y = new double[d.size()];
    for (int i = 0; i < d.size(); i++) {
      y[i] = d.target(i);
    }
    return y;
  }

  /** Writes the fit at the λ that --save-lambda names as a model file. */
  private void saveModel(PathSolution path, CvResult cv, Map<String, Object> settings) {
    String which = saveLambda != null ? saveLambda : (cv != null ? "min" : "last");
    PathSolution chosen;
    int index;
    switch (which) {
      case "min", "1se" -> {
        if (cv == null) {
          throw new InputException("--save-lambda " + which
              + " needs cross-validation: add --cv-folds K or --foldid FILE");
        }
        chosen = path;
        index = which.equals("min") ? cv.indexMin() : cv.index1se();
      }
      case "last" -> {
        chosen = path;
        index = path.size() - 1;
      }
      default -> {
        double s;
        try {
          s = Double.parseDouble(which);
        } catch (NumberFormatException e) {
          throw new InputException(
              "--save-lambda must be min, 1se or a number >= 0, got '" + which + "'");
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
          throw new InputException("--save-lambda must be a number >= 0, got " + which);
        }
        chosen = path.interpolate(new double[] {s});
        index = 0;
      }
    }
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("seed", seed);
    provenance.put("threads", common.threads);
    provenance.put("data", data.toString());
    provenance.put("data_sha256", dev.tikhonov.data.DataFiles.sha256(data));
    Map<String, Object> s = new LinkedHashMap<>(settings);
    s.put("lambda", chosen.lambdas()[index]);
    s.put("saved_lambda", which);
    provenance.put("settings", s);
    provenance.put("git_commit", dev.tikhonov.report.RunInfo.currentGitCommit());
    dev.tikhonov.io.ModelFile.save(dev.tikhonov.linear.PathModel.at(chosen, index), save,
        provenance);
    common.human().printf("saved the fit at λ = %.6g (%s) to %s%n", chosen.lambdas()[index],
        which, save);
  }
}
