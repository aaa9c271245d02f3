package dev.tikhonov.cli;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.RidgeCV;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.estimate.RidgeFiles;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.InformationCriteria;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov ridge}: closed-form ridge over many λ from one decomposition, λ chosen by GCV,
 * the exact leave-one-out error or k folds ({@link RidgeCV}).
 *
 * <p>Not thread-safe: picocli fills its fields; one command object per invocation.
 */
@Command(name = "ridge",
    header = "Closed-form ridge over many λ at once, λ chosen by GCV, leave-one-out or k folds.",
    mixinStandardHelpOptions = true, sortOptions = false,
    resourceBundle = "dev.tikhonov.cli.RidgeCommand$FoldHelp",
    description = {
      "Fit ridge regression at every λ from one decomposition of the design (no iterations)",
      "and choose λ by generalized cross-validation, the exact leave-one-out error, or k-fold",
      "cross-validation (--criterion cv: one decomposition per fold, cv.glmnet's λ_min/λ_1se;",
      "random folds, --foldid FILE's or --fold-column NAME's).",
      "Objective at each λ (gaussian only; --weights make the data term Σ wᵢℓᵢ / Σ wᵢ):",
      "  (1/2n) Σ (yᵢ − a₀ − xᵢ·b)² + (λ/2) Σⱼ bⱼ²,  on the standardized features by default",
      "Criteria, with e the training residuals, H the hat matrix, df = Σ d²/(d² + nλ):",
      "  gcv: (1/n) Σ eᵢ² / (1 − (1 + df)/n)²      loo: (1/n) Σ (eᵢ / (1 − Hᵢᵢ))²",
      "(with weights: the weighted means Σ ωᵢ·, ωᵢ = wᵢ/Σw, and n the rows of positive",
      "weight in gcv; without an intercept 1 + df is df). cv: the folds' mean held-out MSE",
      "(weighted by Σ wᵢ of each fold) ± its standard error. AIC/BIC: n·log(RSS/n) + 2·df or",
      "log(n)·df. scikit-learn: RidgeCV(alphas=a) is λ = a/n (a/Σw with sample_weight) with",
      "--no-standardize; its default scoring is --criterion loo; RidgeCV(alphas=a, cv=K,",
      "scoring='neg_mean_squared_error') scores λ = a/n_train (n_train = n − n/K) on equal",
      "folds, and refits at a/n. glmnet: alpha = 0, lambda = l",
      "is λ = l/s_y (s_y the standard deviation of y; its root mean square with",
      "--no-intercept), standardize as here (docs/linear.md).",
      "Writes DIR/path.json, DIR/path.csv (lambda, df, dev_ratio, training_mse, gcv, loo, aic,",
      "bic, intercept, coefficients; cv_mean, cv_se with --criterion cv) and run.json; prints",
      "the table with the chosen λ marked.",
      ""})
public final class RidgeCommand implements Callable<Integer>, Flags.Conditional {
  @Mixin TableOptions table = new TableOptions();

  @Option(names = "--lambdas", paramLabel = "λ", split = ",",
      description = "Your own λ: distinct, each finite and ≥ 0, scored in the order given. "
          + "Default: glmnet's α = 0 sequence in this objective's units (docs/linear.md), "
          + "continued downward when the criterion is smallest at its end.")
  List<Double> lambdas;

  @Option(names = "--nlambda", paramLabel = "N",
      description = "Number of λ of the default sequence, at most "
          + dev.tikhonov.linear.PathSettings.MAX_NUM_LAMBDAS + " (not with --lambdas). "
          + "Default: ${DEFAULT-VALUE}.")
  int nlambda = 100;

  @Option(names = "--criterion", paramLabel = "C", converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.RidgeCriteria.class,
      description = "What chooses λ: gcv (generalized cross-validation), loo (the exact "
          + "leave-one-out MSE, scikit-learn RidgeCV's default) or cv (k-fold cross-validation,"
          + " the folds' mean held-out MSE: --cv-folds, --fold-seed, --rule). Default: gcv.")
  String criterion = "gcv";

  @Mixin FoldOptions folds = new FoldOptions();

  @Mixin RuleOption rule = new RuleOption();

  @Option(names = "--weights", paramLabel = "COLUMN",
      description = "CSV column of observation weights ≥ 0 (scikit-learn's sample_weight), not "
          + "a feature: the data term becomes Σ wᵢℓᵢ / Σ wᵢ, so λ keeps its meaning; the "
          + "criteria are weighted too, a row of weight 0 is a row left out.")
  String weights;

  @Option(names = "--no-intercept",
      description = "Fit no intercept, a₀ = 0: nothing is centered (glmnet's intercept = FALSE, "
          + "scikit-learn's fit_intercept=False).")
  boolean noIntercept;

  @Option(names = "--no-standardize",
      description = "Penalize the coefficients of the raw features (default: of the features "
          + "divided by their standard deviations, coefficients reported on the original "
          + "scale, as glmnet; scikit-learn's RidgeCV does not standardize).")
  boolean noStandardize;

  @Option(names = "--save", paramLabel = "FILE", converter = OutputFile.Model.class,
      description = "Save the fit at the chosen λ as a model file for predict, evaluate and "
          + "export (docs/model-files.md).")
  Path save;

  /** The --save file once this run wrote it: a stop after it says so ({@link RunFiles}). */
  private java.util.Optional<Path> saved = java.util.Optional.empty();

  @Mixin CommonOptions common = new CommonOptions();

  /**
   * The help of the fold flags in ridge's terms, by picocli's resource bundle (the key is the
   * flag's longest name): FoldOptions' and RuleOption's own, which select's and grid's help keep,
   * speak of --repeat-seeds and of select, which ridge has nothing of. Immutable.
   */
  static final class FoldHelp extends java.util.ListResourceBundle {
    /** For ResourceBundle, which instantiates a bundle class by its public constructor. */
    public FoldHelp() {}

    @Override
    protected Object[][] getContents() {
      return new Object[][] {
        {"cv-folds", "With --criterion cv: the number of folds (random fold ids, seeded by "
            + "--fold-seed). Default: ${DEFAULT-VALUE}."},
        {"fold-seed", "With --criterion cv: seeds the random fold ids. Default: "
            + "${DEFAULT-VALUE}."},
        {"foldid", "With --criterion cv: these folds instead of random ones, as path's "
            + "--foldid (cv.glmnet's foldid): one fold number 1..K per row, in data order, "
            + "optional header line."},
        {"fold-column", "With --criterion cv, CSV only: these folds instead of random ones, "
            + "from a column of the data (Spark's --fold-column): a fold number 1..K in each "
            + "row, every fold 1..K used; the column is not a feature. Not with --foldid, "
            + "--cv-folds or --fold-seed."},
        {"rule", "With --criterion cv: 1se (the largest λ whose mean held-out MSE is within "
            + "one standard error of the smallest; cv.glmnet's lambda.1se) or min (λ_min, the "
            + "smallest mean). Default: 1se."}
      };
    }
  }

  @Override
  public Integer call() {
    java.time.Instant started = java.time.Instant.now();
    common.applyThreads();
    RidgeCV.Criterion chosenBy = criterionOf(criterion);
    table.refuseObservationColumn("--weights", weights);
    folds.column.refuseOtherRole(table.ignoreColumns, table.target, "--weights", weights);
    RidgeCV estimator = Flags.translate(this::estimator);
    // The output directory and the model file are checked before the data are read.
    RunWriter writer = RunWriter.open(common.outDir("ridge"), RunKind.RIDGE);
    RunFiles.onInterrupt(writer, "path.csv", Optional.ofNullable(save), () -> saved);
    if (save != null) {
      Outputs.requireBinaryPlace(save, "--save", "a model file",
          java.util.Optional.of("ridge's summary (or --json's line)"));
      AtomicFiles.requireWritable(save, "model file (--save)");
    }
    Outputs.requireApart(writer, Optional.ofNullable(save), "--save",
        Outputs.input("--data", table.data), Outputs.input("--foldid", folds.foldid));
    Dataset dataset = read();
    RidgeCV folded = !folds.givenFolds() ? estimator : estimator.toBuilder()
        .resampling(folds.resampling(dataset.numRows())).build();
    RidgeCV.Validation v = fit(() -> folded.crossValidate(dataset));
    InformationCriteria ic = v.informationCriteria();
    Map<String, Object> json = RidgeFiles.json(v, chosenBy, ic);
    try {
      writer.json("path.json", json);
    } catch (InputException e) {
      throw RunFiles.modelNotWritten(e, Optional.ofNullable(save));
    }
    try {
      writer.text("path.csv", RidgeFiles.csv(v, ic));
    } catch (InputException e) {
      // a full disk after path.json: said only "D/path.csv: cannot write the file: …"
      throw new InputException(e.getMessage() + "; " + writer.dir().resolve("path.json")
          + " was written; path.csv, run.json" + (save != null ? ", the model (--save " + save
              + ")" : "") + " and the report were not: once the cause is fixed, run the"
          + " command again", e);
    }
    if (common.json) {
      StandardOutput.printJson(json);
    }
    common.human().print(RidgeFiles.summary(v, chosenBy, ic));
    atGridEnd(v, ic).forEach(w -> System.err.println("tikhonov: warning: " + w));
    if (save != null) {
      RunFiles.saveModel(v.chosenModel()::save, save, writer,
          List.of("path.json", "path.csv"));
      saved = Optional.of(save);
      common.human().printf(Locale.ROOT, "saved the fit at λ = %s to %s%n",
          Digits.row(v.lambdas(), v.chosenLambda()), Main.shown(save));
    }
    Map<String, Object> settings = new LinkedHashMap<>(
        v.chosenModel().provenance().settings());
    settings.remove("lambda");
    settings.put("lambda_chosen", v.chosenLambda());
    if (folds.foldid != null) {
      settings.put("foldid", folds.foldid.toString());
    }
    if (folds.column.given()) {
      settings.put("fold_column", folds.column.name);
    }
    RunFiles.finish(writer, "ridge", OptionalLong.empty(), common.threads, table.recorded(),
        started, settings, common.human(), saved);
    common.human().println("wrote " + Main.shown(writer.dir().resolve("path.json"))
        + " and path.csv");
    return 0;
  }

  @Override
  public void refuseIgnored(Flags.Given given) {
    table.refuseCsvFlags(given, "--weights");
    given.requireApplies("--nlambda", lambdas == null, "to the default λ sequence",
        "with --lambdas, which gives the λ");
    boolean kFold = criterion.equals("cv");
    FoldColumn.refuseUnnamed(given, table.data);
    for (String flag : List.of("--cv-folds", "--fold-seed", "--foldid", "--fold-column",
        "--rule")) {
      given.requireApplies(flag, kFold, "with --criterion cv (k-fold cross-validation)",
          "with --criterion " + criterion);
    }
  }

  private RidgeCV estimator() {
    RidgeCV.Builder b = RidgeCV.builder().criterion(criterionOf(criterion))
        .standardize(!noStandardize).intercept(!noIntercept).numLambdas(nlambda);
    if (lambdas != null) {
      b.lambdas(lambdas.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (weights != null) {
      b.weightColumn(weights);
    }
    if (criterion.equals("cv")) {
      b.resampling(folds.resampling()).rule(rule.rule());
    }
    return b.build();
  }

  /** --criterion as the core's: gcv, loo or cv. */
  static RidgeCV.Criterion criterionOf(String value) {
    return switch (value) {
      case "gcv" -> RidgeCV.Criterion.GCV;
      case "loo" -> RidgeCV.Criterion.LEAVE_ONE_OUT;
      case "cv" -> RidgeCV.Criterion.K_FOLD;
      default -> throw new InputException(EnumeratedValue.refusal("--criterion",
          List.of("gcv", "loo", "cv"), value));
    };
  }

  private Dataset read() {
    Dataset d = table.read(TargetKind.REAL,
        "use path --family binomial (two classes) or multinomial");
    if (!table.libsvm()) {
      DataOptions.refuseBadWeight(d, table.data, weights);
      folds.column.checkCells(d, table.data);
      d = folds.column.take(d, table.data, " rows");
      IdentifierColumns.warning(d, table.data).ifPresent(System.err::println);
    }
    return d;
  }

  /**
   * The fit, its refusals in this command's words: the weight column's (setting "weights" or
   * "weightColumn") name --weights, the constant target names the file and --target, a fold's
   * (all its held-out or training rows of weight 0) the flags that make other folds.
   */
  private <T> T fit(java.util.function.Supplier<T> run) {
    try {
      return run.get();
    } catch (dev.tikhonov.select.FoldException e) {
      throw folds.splitRefusal("--data " + table.data, e);
    } catch (ConstantTargetException e) {
      throw new InputException(table.targetOf() + ": " + e.getMessage(), e);
    } catch (InputException e) {
      Optional<String> setting = e.setting();
      if (setting.isPresent() && (setting.get().equals("weights")
          || setting.get().equals("weightColumn"))) {
        throw new InputException("--weights" + e.afterSetting(), e);
      }
      if (setting.isPresent() && setting.get().equals("lambdas")) {
        // the default grid from data whose target no feature explains
        throw new InputException(table.targetOf() + ": --lambdas"
            + e.afterSetting(), e);
      }
      throw e;
    }
  }

  /**
   * Warnings when a choice is the largest or the smallest of the λ given with --lambdas: the
   * criterion's (for k folds: λ_min, whatever the rule), then AIC's and BIC's (the summary line
   * under the table): it may fall further beyond; not for λ = 0, the end of every grid.
   * The default sequence starts where every coefficient is shrunk to nearly 0 and is continued
   * downward until the fit is least squares to 0.1 %.
   */
  private List<String> atGridEnd(RidgeCV.Validation v, InformationCriteria ic) {
    double[] grid = v.lambdas();
    if (lambdas == null || grid.length < 2) {
      return List.of();
    }
    double chosen = v.cv().map(cv -> cv.lambdaMin()).orElse(v.chosenLambda());
    String name = v.cv().isPresent() ? "the folds' mean held-out MSE"
        : RidgeFiles.id(criterionOf(criterion));
    String which = v.cv().isPresent() ? "λ_min" : "the chosen λ";
    int index = java.util.stream.IntStream.range(0, grid.length)
        .filter(i -> grid[i] == chosen).findFirst().orElseThrow();
    List<String> out = new java.util.ArrayList<>();
    LambdaEnds.warning(grid, index, endOf(grid, index), which, name).ifPresent(out::add);
    out.addAll(LambdaEnds.ofCriteria(grid, ic, i -> endOf(grid, i)));
    return out;
  }

  /** Which end of --lambdas {@code grid[index]} is, by value; none at λ = 0 (no λ below it). */
  private static Optional<LambdaEnds.End> endOf(double[] grid, int index) {
    double smallest = java.util.Arrays.stream(grid).min().orElseThrow();
    double largest = java.util.Arrays.stream(grid).max().orElseThrow();
    return grid[index] == smallest && smallest > 0 ? Optional.of(LambdaEnds.End.SMALLEST)
        : grid[index] == largest ? Optional.of(LambdaEnds.End.LARGEST) : Optional.empty();
  }
}
