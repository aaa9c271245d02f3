package dev.tikhonov.cli;

import dev.tikhonov.data.ConstantTargetException;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.CrossValidatedL1Ratios;
import dev.tikhonov.estimate.CrossValidatedPath;
import dev.tikhonov.estimate.CrossValidatedRelaxedPath;
import dev.tikhonov.estimate.ElasticNet;
import dev.tikhonov.estimate.ElasticNetCV;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.internal.estimate.LambdaChoice;
import dev.tikhonov.estimate.LinearBuilder;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.RegularizationPath;
import dev.tikhonov.estimate.RelaxedLasso;
import dev.tikhonov.estimate.RelaxedPath;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.internal.data.AtomicFiles;
import dev.tikhonov.internal.data.CloseNames;
import dev.tikhonov.internal.select.L1RatioFiles;
import dev.tikhonov.internal.select.PathFiles;
import dev.tikhonov.linear.MultinomialPenalty;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.Shortfall;
import dev.tikhonov.loss.Family;
import dev.tikhonov.report.RunKind;
import dev.tikhonov.report.RunWriter;
import dev.tikhonov.select.AdaptivePenalty;
import dev.tikhonov.select.CrossValidation;
import dev.tikhonov.select.CvMeasure;
import dev.tikhonov.select.CvResult;
import dev.tikhonov.select.KFold;
import dev.tikhonov.select.RelaxedCrossValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tikhonov path}: a glmnet-style regularization path, optionally cross-validated.
 *
 * <p>Not thread-safe: picocli fills its fields and {@code call} writes more; one command object
 * per invocation.
 */
@Command(name = "path",
    header = "Fit an elastic-net regularization path (glmnet's algorithm),"
        + " cross-validated with --cv-folds, --foldid or --fold-column.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Fit an elastic-net regularization path (glmnet's algorithm) and, with --cv-folds,",
      "--foldid or --fold-column, cross-validate it. Objective at each λ:",
      "  (1/n) Σ ℓ(yᵢ, a₀ + xᵢ·b) + λ Σⱼ [ (1−α)/2 bⱼ² + α |bⱼ| ],  α = --l1-ratio",
      "(multinomial: the sum over the classes; --multinomial-penalty grouped puts ‖bⱼ‖₂ over",
      "the classes in place of |bⱼ|, so a feature enters for every class or none),",
      "as written, on the coefficients of the features as given: glmnet's standardize=FALSE",
      "(--no-standardize; the default standardizes inside, as glmnet's default). glmnet's",
      "lambda/alpha are λ/α, except for a gaussian elastic net or ridge (alpha = a < 1):",
      "glmnet scales y by its standard deviation s_y inside the fit, so its lambda = l is",
      "λ = l·(a + (1−a)/s_y), α = a/(a + (1−a)/s_y) here (docs/objective.md).",
      "Writes DIR/path.json, DIR/path.csv and run.json; prints λ, df, dev_ratio (and CV),",
      "of more than 100 λ the first, the last and the marked ones (path.csv has every λ);",
      "with --out-of-fold also DIR/out-of-fold.csv, every row's held-out prediction per λ.",
      ""})
public final class PathCommand implements Callable<Integer>, Flags.Conditional {
  @Mixin TableOptions table = new TableOptions();

  @Option(names = "--family", paramLabel = "F",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Families.class,
      description = "gaussian, binomial, multinomial or poisson (counts, log link). Default: "
          + "${DEFAULT-VALUE}.")
  String family = "gaussian";

  @Option(names = "--l1-ratio", paramLabel = "A", split = ",",
      description = "α in [0, 1]: 1 lasso, 0 ridge. With --cv-folds, --foldid or --fold-column "
          + "a list, 0.1,0.5,0.9,1 say: every α cross-validated on the same folds, each with its "
          + "own λ sequence, and the α whose lambda_min has the best cv_mean kept with that λ "
          + "(--save-lambda 1se: that α's lambda_1se); path.json and path.csv hold the chosen "
          + "α's path, path.json's \"l1_ratios\" and l1-ratios.csv every α's curve. "
          + "Default: 1.")
  List<Double> l1Ratios;

  /** The first (the only, but with a list and CV) α of --l1-ratio, 1 when not given. */
  double l1Ratio = 1.0;

  @Option(names = "--lambdas", paramLabel = "λ", split = ",",
      description = "Your own λ sequence: distinct, each finite and ≥ 0, in any order (fitted "
          + "from the largest down, as glmnet sorts it). Default: glmnet's geometric sequence "
          + "from λ_max.")
  List<Double> lambdas;

  @Option(names = "--nlambda", paramLabel = "N",
      description = "Number of λ of the default sequence, at most "
          + dev.tikhonov.linear.PathSettings.MAX_NUM_LAMBDAS + " (not with --lambdas). "
          + "Default: ${DEFAULT-VALUE}.")
  int nlambda = 100;

  @Option(names = "--lambda-min-ratio", paramLabel = "R",
      description = "λ_min/λ_max of the default sequence (not with --lambdas). Default: 1e-4 "
          + "if n ≥ p else 1e-2.")
  Double lambdaMinRatio;

  @Option(names = "--max-features", paramLabel = "N",
      description = "End the default sequence after the first λ (from the fifth on) whose fit "
          + "has more than N features in the model (nonzero in any class); that λ is kept "
          + "(glmnet's dfmax; not with --lambdas). CV folds fit the λ that remain. Default: "
          + "no limit.")
  Integer maxFeatures;

  @Option(names = "--max-ever-active", paramLabel = "N",
      description = "End the path before the first λ whose fit brings more than N features "
          + "into the active set along the path (ever nonzero during coordinate descent, even "
          + "if back at 0 since); the λ before it is the last (glmnet's pmax). Any λ sequence, "
          + "--lambdas too; refused if the first λ exceeds it. CV folds use the same limit. "
          + "Default: no limit.")
  Integer maxEverActive;

  @Option(names = "--no-standardize",
      description = "Fit on the raw features (default: standardized inside, coefficients "
          + "reported on the original scale, as glmnet).")
  boolean noStandardize;

  @Option(names = "--no-intercept",
      description = "Fit no intercept, a₀ = 0 (glmnet's intercept = FALSE, every family): x is "
          + "not centered, the null model is η = offset (p = 1/2, μ = exp(offset), 1/K per "
          + "class); a gaussian y is not centered either, and glmnet's elastic-net λ then "
          + "converts with y's root mean square (docs/objective.md).")
  boolean noIntercept;

  @Option(names = "--tol", paramLabel = "T",
      description = "Tolerance every λ is certified to: the relative duality gap (gaussian) or "
          + "the scaled KKT residual (binomial, multinomial, poisson) of its solution "
          + "(docs/linear.md). "
          + "Default: ${DEFAULT-VALUE}.")
  double tol = PathSettings.DEFAULT_TOLERANCE;

  @Option(names = "--weights", paramLabel = "COLUMN",
      description = "CSV column of observation weights ≥ 0 (glmnet's weights), not a feature: "
          + "the data term becomes Σ wᵢℓᵢ / Σ wᵢ, so λ keeps its meaning. With CV, held-out "
          + "rows and folds are weighted as cv.glmnet weighs them.")
  String weights;

  @Option(names = "--offset", paramLabel = "COLUMN",
      description = "CSV column of offsets (glmnet's offset, e.g. log exposure for poisson), "
          + "not a feature: added to the linear predictor, not fitted. A model saved from "
          + "the path needs the column again in predict's data. Not for multinomial. With CV, "
          + "held-out rows are scored with their offsets.")
  String offset;

  @Option(names = "--penalty-factors", paramLabel = "FILE|COLUMN=V,...",
      description = "Per-feature penalty factors vⱼ ≥ 0 (glmnet's penalty.factor; 0 = always "
          + "in the model, unpenalized), by feature name: COLUMN=VALUE pairs separated by "
          + "commas, or a file with one COLUMN=VALUE (or COLUMN,VALUE) per line. Features not "
          + "named keep 1; the factors are rescaled to sum to p as glmnet does.")
  String penaltyFactors;

  @Option(names = "--lower-limits", paramLabel = "V|FILE|COLUMN=V,...",
      description = "Lower limits lⱼ ≤ 0 on the coefficients (glmnet's lower.limits; 0 gives "
          + "the non-negative lasso), on the original scale: one number for every feature, or "
          + "by feature name as --penalty-factors (COLUMN=VALUE pairs or a file); features not "
          + "named have none (-Inf).")
  String lowerLimits;

  @Option(names = "--upper-limits", paramLabel = "V|FILE|COLUMN=V,...",
      description = "Upper limits uⱼ ≥ 0 on the coefficients (glmnet's upper.limits), given as "
          + "--lower-limits; features not named have none (Inf).")
  String upperLimits;

  @Option(names = "--multinomial-penalty", paramLabel = "P",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.MultinomialPenalties.class,
      description = "With --family multinomial: ungrouped (each class coefficient penalized "
          + "on its own) or grouped (a feature's K class coefficients as one group, "
          + "λvⱼ[(1−α)/2·‖bⱼ‖₂² + α·‖bⱼ‖₂]: a feature is in the model for every class or for "
          + "none; glmnet's type.multinomial = \"grouped\"). grouped takes no "
          + "--lower-limits/--upper-limits. Default: ungrouped.")
  String multinomialPenalty;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Budget of coordinate passes over the data for the whole path (glmnet's "
          + "maxit). When it runs out during a λ, that λ is dropped (as glmnet drops it) and "
          + "the path ends with the fits before it, with a warning; during the first λ, the "
          + "run fails (exit 2). Default: ${DEFAULT-VALUE}.")
  int maxIterations = PathSettings.DEFAULT_MAX_ITERATIONS;

  @Option(names = "--relax",
      description = "Relaxed lasso (glmnet's relax = TRUE): refit each λ's active set without "
          + "penalty and blend, b(λ,γ) = γ·b_lasso + (1−γ)·b_refit; with CV, choose (λ, γ). "
          + "Needs --l1-ratio > 0. path.json gets a \"relaxed\" object.")
  boolean relax;

  @Option(names = "--gammas", paramLabel = "γ", split = ",",
      description = "With --relax: the blend weights γ in [0, 1] to cross-validate. Default: "
          + "0,0.25,0.5,0.75,1 (glmnet's).")
  List<Double> gammas;

  @Option(names = "--adaptive",
      description = "Adaptive lasso (Zou 2006): penalty factors vⱼ = 1/|sⱼβ̂ⱼ|^ν from a pilot "
          + "fit (--adaptive-pilot), times --penalty-factors; with CV the pilot is refitted "
          + "inside each fold.")
  boolean adaptive;

  @Option(names = "--adaptive-pilot", paramLabel = "P",
      description = "With --adaptive: ridge (α = 0 at its 10-fold CV λ_min) or ols (the "
          + "unpenalized fit, needs n > p). Default: ridge.")
  String adaptivePilot;

  @Option(names = "--adaptive-power", paramLabel = "NU",
      description = "With --adaptive: ν > 0, the power of |β̂ⱼ| in the factors. Default: 1.")
  Double adaptivePower;

  @Option(names = "--cv-folds", paramLabel = "K",
      description = "Cross-validate with K seeded random folds.")
  Integer cvFolds;

  @Option(names = "--foldid", paramLabel = "FILE",
      description = "Cross-validate with these folds: one fold number 1..K per row, in data "
          + "order, optional header line.")
  Path foldid;

  /** --fold-column: the folds from a column of the data ({@link FoldColumn}). */
  @Mixin FoldColumn foldColumn = new FoldColumn();

  /** Whether the path is cross-validated: --cv-folds, --foldid or --fold-column. */
  private boolean crossValidates() {
    return cvFolds != null || foldid != null || foldColumn.given();
  }

  @Option(names = "--cv-measure", paramLabel = "M",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.CvMeasures.class,
      description = "With --cv-folds, --foldid or --fold-column: what each fold's held-out "
          + "rows are scored by (cv.glmnet's type.measure): deviance (the family's; the MSE for "
          + "gaussian), mse, mae, class (misclassification rate) or auc (area under the ROC "
          + "curve, larger is better: λ_min is the largest mean AUC). gaussian and poisson take "
          + "deviance, mse, mae; multinomial also class; binomial all five. Default: deviance.")
  String cvMeasure;

  @Option(names = "--cv-alignment", paramLabel = "A",
      converter = EnumeratedValue.class,
      description = "With --cv-folds, --foldid or --fold-column: how each fold's own default "
          + "λ sequence is lined up with the full path's (cv.glmnet's alignment): lambda (its "
          + "fit interpolated at the full path's λ) or fraction (its l-th λ scored as the full "
          + "path's l-th). With --lambdas every fold fits those λ and the two agree. Not with "
          + "--relax or --adaptive. Default: lambda.")
  String cvAlignment;

  // --fold-seed: the name ridge, select and grid give it (their --seed, where there is one,
  // seeds a network's training)
  @Option(names = {"--seed", "--fold-seed"}, paramLabel = "S",
      description = "With --cv-folds: the seed of the random folds (--fold-seed, as ridge, "
          + "select and grid name it, is the same). Default: ${DEFAULT-VALUE}.")
  long seed = 0;

  @Option(names = "--out-of-fold",
      description = "With --cv-folds, --foldid or --fold-column: also write out-of-fold.csv, "
          + "every row's out-of-fold linear predictor at every λ (cv.glmnet's keep = TRUE, "
          + "fit.preval: the link scale, offset included): row, fold, y, then s0, s1, ... as "
          + "path.csv's λ (multinomial: s0_CLASS, ... class by class); with --relax a gamma "
          + "column after y and the rows once per γ.")
  boolean outOfFold;

  @Option(names = "--save", paramLabel = "FILE", converter = OutputFile.Model.class,
      description = "Save the fit at one λ (see --save-lambda) as a model file for predict, "
          + "evaluate and export: coefficients in double precision (safetensors + JSON "
          + "header; docs/model-files.md). A fit resting on a λ that did not converge is not "
          + "written (exit 2; an existing file is kept): raise --max-iterations or --tol.")
  Path save;

  /**
   * The model --save wrote, once this run wrote it: a stop after it names the file ({@link
   * RunFiles}), and run.json's settings and path.json's "saved" record its λ (and γ), which the
   * report highlights.
   *
   * @param file the --save file
   * @param choice --save-lambda as given, or its default (min with CV, else last)
   * @param lambda the saved model's λ
   * @param gamma the saved relaxed fit's γ (--relax); empty for a lasso or elastic-net fit
   */
  private record Saved(Path file, String choice, double lambda,
      java.util.OptionalDouble gamma) {}

  private Optional<Saved> saved = Optional.empty();

  @Option(names = "--save-lambda", paramLabel = "WHICH",
      converter = EnumeratedValue.class,
      completionCandidates = CompletionCommand.Rules.class,
      description = "Which λ --save keeps: min (lambda_min of CV), 1se (lambda_1se), or a number "
          + "(coefficients interpolated in λ as glmnet's predict(s=); below the path's "
          + "smallest λ, and above its largest unless all coefficients are zero there, the fit "
          + "at that end, saved with the end's λ and a warning; include the λ in --lambdas to "
          + "save the fit at it), or last (the smallest λ of the path). Default: min with CV, "
          + "else last.")
  String saveLambda;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() {
    java.time.Instant started = java.time.Instant.now();
    common.applyThreads();
    Family fam = familyOf(family);
    if (l1Ratios != null && !l1Ratios.isEmpty()) {
      l1Ratio = l1Ratios.get(0);
    }
    checkSeveralL1Ratios(fam);
    if (cvFolds != null && foldid != null) {
      throw new InputException("give either --cv-folds or --foldid, not both");
    }
    if (saveLambda != null && save == null) {
      throw new InputException("--save-lambda says which λ --save keeps; add --save FILE");
    }
    checkRelaxAndAdaptive();
    // the core's refusal names its INTERPOLATE, which no flag takes
    if (adaptive && "fraction".equals(cvAlignment)) {
      throw new InputException("--cv-alignment fraction: the adaptive lasso's folds are lined up"
          + " with the full path's λ by interpolation only (cv.glmnet's \"lambda\"); leave"
          + " --cv-alignment out or give lambda");
    }
    table.refuseObservationColumn("--weights", weights);
    table.refuseObservationColumn("--offset", offset);
    if (saveLambda != null && !relax) {
      checkSaveLambda(saveLambda, crossValidates());
    }
    // Settings, the output directory and the model file are checked before the data are read.
    LinearBuilder<?> settings = ElasticNet.of(fam);
    configure(settings);
    translate(() -> ((ElasticNet.Builder<?>) settings).build());
    CvMeasure measure = measureOf(cvMeasure, fam);
    CrossValidation.Alignment alignment = alignmentOf(cvAlignment);
    if (cvFolds != null && cvFolds < 2) {
      throw new InputException("--cv-folds must be at least 2, got " + cvFolds);
    }
    RunWriter writer = RunWriter.open(common.outDir("path"), RunKind.PATH);
    RunFiles.onInterrupt(writer, resultFiles(), Optional.ofNullable(save),
        () -> saved.map(Saved::file));
    if (save != null) {
      Outputs.requireBinaryPlace(save, "--save", "a model file",
          java.util.Optional.of("path's summary (or --json's line)"));
      AtomicFiles.requireWritable(save, "model file (--save)");
    }
    Outputs.requireApart(writer, Optional.ofNullable(save), "--save",
        Outputs.input("--data", table.data),
        Outputs.input("--foldid", foldid),
        specFile("--penalty-factors", penaltyFactors),
        specFile("--lower-limits", lowerLimits),
        specFile("--upper-limits", upperLimits));
    Dataset dataset = read(fam == Family.GAUSSIAN || fam == Family.POISSON ? TargetKind.REAL
        : TargetKind.CLASS);
    requirePathFits(dataset, fam);
    requireOutOfFoldFits(dataset, fam);
    dataRows = dataset.numRows();
    if (penaltyFactors != null) {
      factors = penaltyFactors(penaltyFactors, modelFeatures(dataset), ignored());
    }
    if (lowerLimits != null || upperLimits != null) {
      if (multinomialPenalty() == MultinomialPenalty.GROUPED) {
        throw new InputException("--multinomial-penalty grouped does not take --lower-limits"
            + " or --upper-limits (a limit on one class coefficient does not fit a penalty on"
            + " the group); leave the limits out or use --multinomial-penalty ungrouped");
      }
      if (relax) {
        throw new InputException("--relax does not take --lower-limits or --upper-limits yet");
      }
      limits(modelFeatures(dataset));
    }
    configure(settings);
    if (relax) {
      return relaxed(fam, measure, writer, dataset, started);
    }
    RegularizationPath<? extends Predictor> path;
    Optional<CrossValidatedPath<? extends Predictor>> cv = Optional.empty();
    if (crossValidates()) {
      ElasticNetCV.Builder<? extends Predictor> b = ElasticNetCV.of(fam);
      configure(b);
      b.threads(common.threads).measure(measure).alignment(alignment);
      if (foldid != null) {
        b.foldIds(KFold.read(foldid, dataset.numRows()).foldIds());
      } else if (foldColumn.given()) {
        b.foldIds(foldColumn.ids());
      } else {
        b.numFolds(cvFolds).seed(seed);
      }
      if ("1se".equals(saveLambda)) { // run.json's rule: the one the saved λ is chosen by
        b.rule(SelectionRule.ONE_STANDARD_ERROR);
      }
      if (outOfFold) {
        b.keepOutOfFoldPredictions();
      }
      if (severalL1Ratios()) {
        b.l1Ratios(l1RatioArray());
      }
      ElasticNetCV<? extends Predictor> estimator = translate(b::build);
      CrossValidatedL1Ratios<? extends Predictor> all = columnMessages(
          () -> estimator.crossValidateL1Ratios(dataset));
      CrossValidatedPath<? extends Predictor> fit = all.chosen();
      path = fit.path();
      cv = Optional.of(fit);
      if (severalL1Ratios()) {
        candidates = Optional.of(all);
        l1Ratio = all.chosenL1Ratio(); // what follows (the criteria's cost) is of this α's path
      }
    } else {
      ElasticNet<?> estimator = ((ElasticNet.Builder<?>) settings).build();
      path = columnMessages(() -> estimator.path(dataset));
    }
    Optional<CvResult> curve = cv.map(CrossValidatedPath::cv);
    Optional<dev.tikhonov.select.InformationCriteria> ic = criteria(path, dataset, settings);
    Map<String, Object> json = PathFiles.json(path.solution(), curve,
        OptionalInt.of(dataset.numRows()));
    if (lower.length > 0) {
      json.put("lower_limits", finiteOrNull(lower));
      json.put("upper_limits", finiteOrNull(upper));
    }
    // the adaptive lasso's pilot fit that did not converge chose the factors (null: it did)
    if (adaptive) {
      json.put("adaptive_pilot_warning", path.adaptivePilotWarning().orElse(null));
      // and, with CV, the folds' own pilots, which chose each fold's factors
      cvObject(json).ifPresent(c -> c.put("adaptive_pilot_warning",
          curve.flatMap(CvResult::adaptivePilotWarning).orElse(null)));
    }
    // λ_min at the sequence's end: the held-out loss may fall further (path.json has it too)
    Optional<String> atEnd = curve.flatMap(c -> PathFiles.lambdaMinWarning(path.solution(),
        c.indexMin(), c.lambdaMin(), c.measure()));
    ic.ifPresent(c -> json.put("ic", PathFiles.criteriaJson(path.solution(), c)));
    if (ic.isEmpty() && criteriaOmitted != null) {
      json.put("ic_omitted", criteriaOmitted);
    }
    candidates.ifPresent(c -> json.put("l1_ratios", L1RatioFiles.json(c.l1Ratios(),
        curves(c), c.chosenIndex(), savedRule())));
    Optional<dev.tikhonov.select.OutOfFoldPredictions> kept = cv.flatMap(
        CrossValidatedPath::outOfFold);
    try {
      writer.json("path.json", json);
      writer.text("path.csv", PathFiles.csv(path.solution(), curve));
      if (candidates.isPresent()) {
        writer.text("l1-ratios.csv", L1RatioFiles.csv(candidates.get().l1Ratios(),
            curves(candidates.get())));
      }
      if (kept.isPresent()) {
        PathFiles.writeOutOfFoldCsv(writer.dir().resolve("out-of-fold.csv"), kept.get(),
            dataset.targets(), fam == Family.GAUSSIAN || fam == Family.POISSON ? List.of()
                : dataset.classNames());
      }
    } catch (InputException e) {
      throw RunFiles.modelNotWritten(e, Optional.ofNullable(save)); // a full disk
    }
    Map<String, Object> runSettings = foldSettings(path.provenance().settings(), cv.isPresent()
        ? OptionalInt.of(cv.get().cv().numFolds()) : OptionalInt.empty());
    common.human().print(PathFiles.summary(path.solution(), curve, writer.dir()));
    candidates.ifPresent(c -> common.human().print(L1RatioFiles.summary(c.l1Ratios(),
        curves(c), c.chosenIndex(), savedRule())));
    ic.ifPresent(c -> common.human().print(PathFiles.criteriaSummary(path.solution(), c)));
    if (ic.isEmpty() && criteriaOmitted != null) {
      common.human().println("information criteria not computed: " + criteriaOmitted);
    }
    limitNote(path.solution());
    // Once, after the table, in terms of the flag that fixes it (path.json carries it too).
    warn(path.shortfall().map(s -> s.message(REMEDY)).or(path::warning));
    warn(curve.flatMap(c -> c.shortfall().flatMap(s -> s.pathMessage(REMEDY))
        .or(c::warning)));
    warn(curve.flatMap(CvResult::shortfall).flatMap(s -> s.pilotMessage(REMEDY)));
    warn(path.adaptivePilotShortfall().map(s -> s.message(REMEDY))
        .or(path::adaptivePilotWarning));
    warn(atEnd);
    ic.ifPresent(c -> criteriaAtAnEnd(path.solution(), c).forEach(w -> warn(Optional.of(w))));
    // a fit that cannot be saved is refused after the run's own files are complete
    Optional<InputException> notSaved = save != null ? saveModel(path, cv, writer)
        : Optional.empty();
    recordSaved(writer, json, runSettings);
    if (common.json) {
      StandardOutput.printJson(json);
    }
    RunFiles.finish(writer, "path", OptionalLong.of(seed), common.threads, table.recorded(),
        started, runSettings, common.human(), saved.map(Saved::file));
    List<String> others = new java.util.ArrayList<>(List.of("path.csv"));
    candidates.ifPresent(c -> others.add("l1-ratios.csv"));
    kept.ifPresent(k -> others.add("out-of-fold.csv"));
    common.human().println("wrote " + Main.shown(writer.dir().resolve("path.json"))
        + (others.size() > 1 ? ", " + String.join(", ", others.subList(0, others.size() - 1))
            : "") + " and " + others.get(others.size() - 1));
    if (notSaved.isPresent()) {
      throw notSaved.get();
    }
    return 0;
  }

  @Override
  public void refuseIgnored(Flags.Given given) {
    table.refuseCsvFlags(given, "--weights", "--offset");
    foldColumn.refuseOtherRole(table.ignoreColumns, table.target, "--weights", weights,
        "--offset", offset);
    for (String flag : new String[] {"--nlambda", "--lambda-min-ratio", "--max-features"}) {
      given.requireApplies(flag, lambdas == null, "to the default λ sequence",
          "with --lambdas, which gives the sequence");
    }
    given.requireApplies("--multinomial-penalty", family.equalsIgnoreCase("multinomial"),
        "with --family multinomial (it says how a feature's class coefficients are penalized)",
        "with --family " + family + ", which fits one coefficient per feature");
    given.requireApplies("--cv-measure", crossValidates(),
        "with cross-validation (--cv-folds, --foldid or --fold-column)",
        "without cross-validation, which scores no held-out rows");
    given.requireApplies("--cv-alignment", crossValidates(),
        "with cross-validation (--cv-folds, --foldid or --fold-column)",
        "without cross-validation, which lines up no folds");
    given.requireApplies("--cv-alignment", !relax, "to the lasso's cross-validation",
        "with --relax, whose folds are lined up with the full path's λ by interpolation");
    given.requireApplies("--out-of-fold", crossValidates(),
        "with cross-validation (--cv-folds, --foldid or --fold-column)",
        "without cross-validation, which holds no rows out");
    given.requireApplies("--seed", cvFolds != null, "with --cv-folds (it seeds the random folds)",
        foldid != null ? "with --foldid, which gives the folds"
            : foldColumn.given() ? "with --fold-column, which gives the folds"
            : "without cross-validation");
    FoldColumn.refuseUnnamed(given, table.data);
  }

  /**
   * Flags.translate with this command's names first: the MLP commands map numLambdas and
   * numFolds to --num-lambdas and --folds, path spells them as glmnet does. A core
   * InputException about a setting ({@link InputException#setting()}) is mapped by that
   * setting ({@link #flagOf}), never by its wording; the builders' plain setting messages go
   * through {@link Flags#message}.
   */
  private <T> T translate(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) { // InputException too: it is one
      throw new InputException(inFlags(e), e);
    }
  }

  /** {@code e}'s message with the setting it is about replaced by this command's flag. */
  private String inFlags(IllegalArgumentException e) {
    if (e instanceof InputException input && input.setting().isPresent()) {
      Optional<String> flag = flagOf(input.setting().get());
      if (flag.isPresent()) {
        return input.setting().get().equals("ignoredColumns")
            ? ColumnNames.typeableSuggestion(flag.get() + input.afterSetting(), flag.get())
            : flag.get() + input.afterSetting();
      }
    }
    return e.getMessage() == null ? "invalid setting" : Flags.message(e);
  }

  /**
   * The flag (with its value where that says which column or file) that sets the core setting
   * {@code setting}, as the core's {@link InputException#about} names it; empty for a setting
   * path has no flag of its own for.
   */
  Optional<String> flagOf(String setting) {
    return Optional.ofNullable(switch (setting) {
      case "numLambdas" -> "--nlambda";
      case "l1Ratios" -> "--l1-ratio";
      case "lambdas" -> "--lambdas";
      case "numFolds" -> "--cv-folds";
      case "measure" -> "--cv-measure";
      case "alignment" -> "--cv-alignment";
      case "penaltyFactors" -> "--penalty-factors";
      case "lowerLimits" -> "--lower-limits";
      case "maxFeatures" -> "--max-features";
      case "maxEverActive" -> "--max-ever-active";
      case "multinomialPenalty" -> "--multinomial-penalty";
      case "upperLimits" -> "--upper-limits";
      case "gammas" -> "--gammas";
      case "adaptive" -> "--adaptive";
      case "adaptivePower" -> "--adaptive-power";
      case "adaptivePilot" -> adaptivePilot == null ? "--adaptive (its default ridge pilot)"
          : "--adaptive-pilot " + adaptivePilot;
      case "weightColumn" -> "--weights";
      case "offsetColumn" -> "--offset";
      case "weights" -> "--weights " + weights;
      case "offsets" -> "--offset " + offset;
      case "ignoredColumns" -> "--ignore-columns";
      default -> null;
    });
  }

  /** Every α's cross-validation when --l1-ratio gave several; else empty. */
  private Optional<CrossValidatedL1Ratios<? extends Predictor>> candidates = Optional.empty();

  private boolean severalL1Ratios() {
    return l1Ratios != null && l1Ratios.size() > 1;
  }

  private double[] l1RatioArray() {
    return l1Ratios.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Several α are chosen among by cross-validation, one path at a time otherwise; checked with
   * the other settings, before the data are read.
   */
  private void checkSeveralL1Ratios(Family fam) {
    if (!severalL1Ratios()) {
      return;
    }
    String given = "--l1-ratio " + l1Ratios.stream()
        .map(a -> java.math.BigDecimal.valueOf(a).stripTrailingZeros().toPlainString())
        .collect(java.util.stream.Collectors.joining(","));
    if (!crossValidates()) {
      throw new InputException(given + ": several α are chosen among by cross-validation;"
          + " add --cv-folds K, --foldid FILE or --fold-column NAME, or give one α");
    }
    // --adaptive goes with several α: its pilot does not depend on α, so every α takes the same
    // factors (in each fold, the fold's own pilot's), as a loop of cv.glmnet over α with one
    // penalty.factor
    if (relax) {
      throw new InputException(given + ": several α are not cross-validated with --relax yet;"
          + " give one α");
    }
    translate(() -> ElasticNetCV.of(fam).l1Ratios(l1RatioArray()).build());
  }

  /** The curves of every α, in the order given. */
  private static List<CvResult> curves(CrossValidatedL1Ratios<? extends Predictor> all) {
    return all.paths().stream().map(p -> p.cv()).toList();
  }

  /**
   * What the report highlights and names as saved, once the model is written: run.json's
   * settings "save_lambda", "lambda_saved" (and with --relax "gamma_saved"), and path.json's
   * "saved" object, {"save_lambda", "lambda", "gamma"} (γ null without --relax), written again
   * with it (docs/formats.md). Nothing without a saved model.
   */
  private void recordSaved(RunWriter writer, Map<String, Object> json,
      Map<String, Object> runSettings) {
    if (saved.isEmpty()) {
      return;
    }
    Saved s = saved.get();
    runSettings.put("save_lambda", s.choice());
    runSettings.put("lambda_saved", s.lambda());
    s.gamma().ifPresent(g -> runSettings.put("gamma_saved", g));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("save_lambda", s.choice());
    record.put("lambda", s.lambda());
    record.put("gamma", s.gamma().isPresent() ? (Object) s.gamma().getAsDouble() : null);
    json.put("saved", record);
    try {
      writer.json("path.json", json);
    } catch (InputException e) {
      // a full disk, after the model: it said only "… (the model was saved to M)", not that
      // path.json (as first written, the rewrite being atomic) lacks it, nor what was not written
      throw new InputException(e.getMessage() + "; the model (--save) was saved to " + s.file()
          + ", but path.json in " + writer.dir() + " does not record it (its \"saved\"), and the"
          + " run's run.json and report were not written: once the cause is fixed, run the"
          + " command again", e);
    }
  }

  /**
   * run.json's settings: the estimator's, each fact once. With CV its num_folds (no cv_folds
   * beside it); with --foldid the file as "foldid" instead of fold_ids' "given", and no seed,
   * which given folds leave unused. Without CV, cv_folds and foldid null, as before.
   */
  private Map<String, Object> foldSettings(Map<String, Object> estimator, OptionalInt folds) {
    Map<String, Object> s = new LinkedHashMap<>(estimator);
    if (folds.isEmpty()) {
      s.put("cv_folds", null);
      s.put("foldid", null);
    } else if (foldid != null) {
      s.remove("fold_ids");
      s.remove("seed");
      s.put("foldid", foldid.toString());
    } else if (foldColumn.given()) {
      s.remove("fold_ids");
      s.remove("seed");
      s.put("fold_column", foldColumn.name);
    }
    return s;
  }

  /** "min" or "1se": the λ --save-lambda keeps (and the table reports) on the chosen α. */
  private String savedRule() {
    return "1se".equals(saveLambda) ? "1se" : "min";
  }

  /** Why the run has no information criteria (path.json's "ic_omitted"); null when it has. */
  private String criteriaOmitted;

  /**
   * AIC, BIC and EBIC along the path (ElasticNet.informationCriteria: with --weights and
   * --offset, the weighted criteria), when they are cheap: for α &lt; 1 (whose df needs an
   * active-set Gram matrix per λ) only up to n·p²·(number of λ) = 2·10⁹. When they are left
   * out, {@link #criteriaOmitted} says why.
   */
  private Optional<dev.tikhonov.select.InformationCriteria> criteria(
      RegularizationPath<? extends Predictor> path, Dataset dataset, LinearBuilder<?> builder) {
    if (path.size() == 0) {
      return Optional.empty();
    }
    if (multinomialPenalty() == MultinomialPenalty.GROUPED) {
      criteriaOmitted = "the grouped penalty's effective degrees of freedom are not its count of"
          + " nonzero coefficients (the group lasso's df is not implemented)"
          + (!crossValidates() ? "; choose λ by cross-validation (--cv-folds)"
              : "");
      return Optional.empty();
    }
    if (adaptive || dataset.isSparse()) {
      // Sparse data stay sparse; the criteria's active-set traces are computed on dense rows.
      criteriaOmitted = adaptive ? "the adaptive lasso's data-dependent penalty factors are not"
          + " counted in the effective degrees of freedom" : "sparse (LIBSVM) data stay sparse;"
          + " the criteria's active-set traces need dense rows";
      return Optional.empty();
    }
    long p = modelFeatures(dataset).size();
    double work = (double) dataset.numRows() * p * p * path.size();
    if (l1Ratio < 1 && work > 2e9) {
      criteriaOmitted = String.format(Locale.ROOT, "for α < 1 the effective df needs an"
          + " active-set Gram matrix at every λ, n·p²·(number of λ) = %.3g > 2e9 operations;"
          + " use cross-validation (--cv-folds)", work);
      return Optional.empty();
    }
    ElasticNet<?> estimator = ((ElasticNet.Builder<?>) builder).build();
    return Optional.of(columnMessages(() -> estimator.informationCriteria(path.solution(),
        dataset)));
  }

  /** The rows of --data, once read: whether random folds leave some fold one row. */
  private int dataRows;

  /** Penalty factors by feature, once the data are read (empty before). */
  private double[] factors = new double[0];

  /** The data's feature names without the --weights and --offset columns. */
  private List<String> modelFeatures(Dataset dataset) {
    List<String> names = new java.util.ArrayList<>(dataset.featureNames());
    names.remove(weights);
    names.remove(offset);
    return names;
  }

  /** Limits by feature, once the data are read (empty before and without limits). */
  private double[] lower = new double[0];
  private double[] upper = new double[0];

  /**
   * --lower-limits and --upper-limits → one limit per feature each (−∞ and +∞ where none is
   * given), checked together: lⱼ ≤ uⱼ, then lⱼ ≤ 0 ≤ uⱼ, each message naming the flag and the
   * feature.
   */
  private void limits(List<String> features) {
    double[] l = lowerLimits == null ? fill(features.size(), Double.NEGATIVE_INFINITY)
        : perFeature("--lower-limits", lowerLimits, features, Double.NEGATIVE_INFINITY, true,
            "limit", v -> !Double.isNaN(v), "must be a number", ignored());
    double[] u = upperLimits == null ? fill(features.size(), Double.POSITIVE_INFINITY)
        : perFeature("--upper-limits", upperLimits, features, Double.POSITIVE_INFINITY, true,
            "limit", v -> !Double.isNaN(v), "must be a number", ignored());
    for (int j = 0; j < features.size(); j++) {
      if (l[j] > u[j]) {
        throw new InputException("--lower-limits: the lower limit " + l[j] + " of '"
            + features.get(j) + "' is above its upper limit " + u[j] + " (--upper-limits)");
      }
      if (!(l[j] <= 0)) {
        throw new InputException("--lower-limits: the limit of '" + features.get(j)
            + "' must be ≤ 0 (0 must be feasible, as glmnet requires), got " + l[j]);
      }
      if (!(u[j] >= 0)) {
        throw new InputException("--upper-limits: the limit of '" + features.get(j)
            + "' must be ≥ 0 (0 must be feasible, as glmnet requires), got " + u[j]);
      }
    }
    lower = l;
    upper = u;
  }

  private static double[] fill(int p, double value) {
    double[] v = new double[p];
    java.util.Arrays.fill(v, value);
    return v;
  }

  /** Per-feature values as path.json writes them: null where infinite (no limit). */
  private static List<Double> finiteOrNull(double[] values) {
    List<Double> out = new java.util.ArrayList<>();
    for (double v : values) {
      out.add(Double.isInfinite(v) ? null : v);
    }
    return out;
  }

  /**
   * --penalty-factors: COLUMN=VALUE pairs (inline, comma-separated, or one per line of a file,
   * where COLUMN,VALUE also works) → one factor per feature, 1 for features not named.
   */
  static double[] penaltyFactors(String spec, List<String> features, List<String> ignored) {
    double[] factors = perFeature("--penalty-factors", spec, features, 1.0, false, "factor",
        v -> v >= 0, "must be finite and ≥ 0", ignored);
    for (int j = 0; j < factors.length; j++) {
      if (Double.isInfinite(factors[j])) {
        // glmnet's idiom: penalty.factor = Inf excludes the variable
        throw new InputException("--penalty-factors: the factor of '" + features.get(j)
            + "' is Inf, which in glmnet leaves the feature out of the model; here leave it"
            + " out of the data (a CSV file's with --ignore-columns "
            + Flags.shellWord(features.get(j)) + "); factors must be finite and ≥ 0");
      }
    }
    return factors;
  }

  /** --ignore-columns' names, empty when not given. */
  private List<String> ignored() {
    return table.ignoreColumns == null ? List.of() : table.ignoreColumns;
  }

  /**
   * A per-feature setting: COLUMN=VALUE pairs (inline, comma-separated, or one per line of a
   * file, where COLUMN,VALUE also works), or with {@code single} one number for every
   * feature; features not named get {@code unnamed}. Values may be Inf or -Inf; each must pass
   * {@code valid} (else "the WHAT of 'COLUMN' REQUIREMENT, got V"). A name among
   * {@code ignored} (--ignore-columns) is refused as such, not as a column the file lacks.
   */
  /**
   * The file a per-feature flag reads ({@link #perFeature} takes a value without "=" that names
   * a file as one), as an input the run's files may not replace: a factors file given as
   * out/path.csv was read, then overwritten by the run's path.csv without a word.
   */
  private static Optional<Outputs.Input> specFile(String flag, String spec) {
    if (spec == null || spec.contains("=")) {
      return Optional.empty();
    }
    try {
      Path file = Path.of(spec);
      return Files.isRegularFile(file) ? Outputs.input(flag, file) : Optional.empty();
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty(); // not a file name: perFeature reads it as values
    }
  }

  static double[] perFeature(String flag, String spec, List<String> features, double unnamed,
      boolean single, String what, java.util.function.DoublePredicate valid,
      String requirement, List<String> ignored) {
    if (single && !spec.contains("=") && !spec.contains(",")) {
      try {
        double value = number(spec.trim());
        if (!valid.test(value)) {
          throw new InputException(flag + ": the " + what + " of every feature " + requirement
              + ", got " + value);
        }
        return fill(features.size(), value);
      } catch (NumberFormatException e) {
        // Not a number: a file of COLUMN=VALUE lines, checked below.
      }
    }
    List<String> entries = new java.util.ArrayList<>();
    Path file = Path.of(spec);
    boolean isFile = !spec.contains("=") && Files.isRegularFile(file);
    if (isFile) {
      try {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank() && !line.trim().startsWith("#")) {
            entries.add(line.trim());
          }
        }
      } catch (java.io.IOException e) {
        throw dev.tikhonov.data.DataFiles.cannotRead(flag + " " + spec, e);
      } catch (java.io.UncheckedIOException e) {
        throw dev.tikhonov.data.DataFiles.cannotRead(flag + " " + spec, e.getCause());
      }
    } else if (!spec.contains("=")) {
      throw new InputException(flag + " " + spec + ": no such file"
          + dev.tikhonov.data.DataFiles.danglingLink(file) + ", and not"
          + (single ? " a number or" : "") + " COLUMN=VALUE pairs");
    } else {
      entries.addAll(List.of(spec.split(",")));
    }
    double[] v = fill(features.size(), unnamed);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int e = 0; e < entries.size(); e++) {
      String entry = entries.get(e);
      String where = isFile ? flag + " " + spec + ":" + (e + 1) + ": " : flag + ": ";
      int cut = entry.lastIndexOf('=') >= 0 ? entry.lastIndexOf('=')
          : isFile ? entry.lastIndexOf(',') : -1;
      if (cut <= 0) {
        throw new InputException(where + "'" + entry + "' is not COLUMN=VALUE");
      }
      String name = entry.substring(0, cut).trim();
      int j = features.indexOf(name);
      if (j < 0 && ignored.contains(name)) {
        throw new InputException(where + "'" + name + "' is also in --ignore-columns, which"
            + " leaves the column out of the data; drop it from one of the two");
      }
      if (j < 0) {
        throw new InputException(where + "no feature column '" + name + "' (features: "
            + (features.size() <= 8 ? String.join(", ", features)
                : String.join(", ", features.subList(0, 8)) + ", …") + ")"
            + CloseNames.column(name, features));
      }
      if (!seen.add(name)) {
        throw new InputException(where + "'" + name + "' is named twice");
      }
      double value;
      try {
        value = number(entry.substring(cut + 1).trim());
      } catch (NumberFormatException ex) {
        throw new InputException(where + "'" + entry.substring(cut + 1).trim()
            + "' is not a number");
      }
      if (!valid.test(value)) {
        throw new InputException(where + "the " + what + " of '" + name + "' " + requirement
            + ", got " + value);
      }
      v[j] = value;
    }
    return v;
  }

  /** A number, where Inf, +Inf, -Inf (any case) and Infinity also count. */
  private static double number(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.equals("inf") || t.equals("+inf") || t.equals("infinity") || t.equals("+infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.equals("-inf") || t.equals("-infinity")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (t.isEmpty() || t.equals("nan")) {
      throw new NumberFormatException(text);
    }
    return Double.parseDouble(text);
  }

  /**
   * Runs a fit, naming the flag of the setting that the core's InputException is about
   * ({@link #flagOf}): "weights: row 5: weight -1.0; weights must be finite and ≥ 0" becomes
   * "--weights w: row 5: weight -1.0; …", found by {@link InputException#setting()}, not by the
   * message's wording. A bad value in one row ({@link dev.tikhonov.data.RowException}) is shown
   * at its cell of --data, in the column the exception names: the target's for a count below 0
   * ({@link dev.tikhonov.data.RowException#inTarget()}), a named column's (an offset), or the
   * row's line for the row as a whole.
   */
  private <T> T columnMessages(java.util.function.Supplier<T> fit) {
    try {
      return fit.get();
    } catch (dev.tikhonov.data.RowException e) {
      // at its cell (a count below 0: the target's), as the readers name a bad cell; a LIBSVM
      // file's target has no column name
      throw PredictCommand.atRow(Optional.of(table.data), e,
          Optional.ofNullable(table.libsvm() ? null : table.target));
    } catch (InputException e) {
      Optional<String> flag = e.setting().flatMap(this::flagOf);
      if (flag.isPresent()) {
        throw new InputException(flag.get() + e.afterSetting(), e);
      }
      // A fold's refusal (FoldException: "fold 1 of 2 (its training rows): the target is
      // constant …") knows neither the file nor the flags that made the folds.
      // A FoldException with no cause is about the fold's held-out rows (the AUC of rows of one
      // class, rows of weight 0), which fewer folds make more of; one with its training fit's
      // exception as the cause is about the training rows, which more folds make more of.
      if (e instanceof dev.tikhonov.select.FoldException && (crossValidates())) {
        boolean heldOut = e.getCause() == null;
        // K random folds of n < 2K rows always include one of a single row, which is of one
        // class: for the AUC no seed helps then, only fewer folds
        boolean everySeed = heldOut && foldid == null && !foldColumn.given()
            && dataRows < 2 * cvFolds
            && cvMeasure != null && CvMeasure.ofId(cvMeasure) == CvMeasure.AUC;
        String fewer = "fewer --cv-folds (now " + cvFolds + ") hold out more rows in each";
        // the fold's name, then its training fit's refusal in this command's flags
        String what = e.getMessage();
        if (e.getCause() instanceof InputException refusal && refusal.setting().isPresent()
            && what.endsWith(refusal.getMessage())) {
          what = what.substring(0, what.length() - refusal.getMessage().length())
              + inFlags(refusal);
        }
        if (e.getCause() instanceof InputException refusal
            && refusal.setting().equals(Optional.of("maxIterations"))) {
          // the budget ran out in the fold's first λ: its refusal says to raise it, which
          // other folds would not spare (the full path's first λ ran out too, with less)
          throw new InputException("--data " + table.data + ": " + what, e);
        }
        throw new InputException("--data " + table.data + ": " + what + "; " + (foldid != null
            ? "the folds are those of --foldid " + foldid + ": give folds that avoid this"
            : foldColumn.given() ? "the folds are those of --fold-column \"" + foldColumn.name
                + "\": give folds that avoid this"
            : everySeed ? "the folds are random, but " + dataRows + " rows in " + cvFolds
                + " folds leave some fold one held-out row whatever the --seed: " + fewer
            : "the folds are random: another --seed (now " + seed + ") makes other ones, "
                + (heldOut ? fewer
                    : "more --cv-folds (now " + cvFolds + ") trains each on more rows")), e);
      }
      // The library's messages about the target as a whole do not know the file it came from.
      if (e instanceof ConstantTargetException) {
        throw new InputException(table.targetOf() + ": " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * The remedy of a path's shortfall in this command's flags, worded from its numbers: the
   * budget of passes is --max-iterations, the tolerance --tol.
   */
  static final Shortfall.Remedy REMEDY = s -> s.kind() == Shortfall.Kind.PASS_BUDGET
      ? "raise --max-iterations (now " + s.maxIterations() + ") or --tol"
      : "raise --tol";

  /** path.json's "cv" object, present when the path was cross-validated. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> cvObject(Map<String, Object> json) {
    return json.get("cv") instanceof Map<?, ?> cv
        ? Optional.of((Map<String, Object>) cv) : Optional.empty();
  }

  /**
   * Warnings when AIC's or BIC's λ is an end of the λ sequence, in ridge's words ({@link
   * LambdaEnds}): the last λ of a sequence fitted to its end ({@link
   * dev.tikhonov.linear.PathSolution#lastOfFullSequence}: a path cut short by glmnet's
   * deviance rule has reached where the fit no longer changes), of --lambdas or of the default
   * sequence, which ends at λ_min_ratio·λ_max (a criterion's minimum there wanted a smaller λ,
   * which a smaller --lambda-min-ratio gives); or the first of --lambdas, the largest, while it
   * keeps a coefficient (at df 0 every larger λ fits the same). The default sequence starts at
   * λ_max, where every penalized coefficient is 0: no larger λ fits another model. None for a
   * path of one λ, which prints no criteria line.
   */
  private List<String> criteriaAtAnEnd(dev.tikhonov.linear.PathSolution path,
      dev.tikhonov.select.InformationCriteria ic) {
    if (path.size() < 2) {
      return List.of();
    }
    if (lambdas == null) {
      return LambdaEnds.ofDefaultSequence(path.lambdas(), ic, path::lastOfFullSequence,
          lambdaMinRatio == null ? "its default" : java.math.BigDecimal.valueOf(lambdaMinRatio)
              .stripTrailingZeros().toPlainString());
    }
    return LambdaEnds.ofCriteria(path.lambdas(), ic, i -> path.lastOfFullSequence(i)
        ? Optional.of(LambdaEnds.End.SMALLEST) : i == 0 && ic.degreesOfFreedom(i) > 0
            ? Optional.of(LambdaEnds.End.LARGEST) : Optional.empty());
  }

  /**
   * A path --max-ever-active or --max-features ended says so on stderr, after the table, in
   * path.json's end_message: the table alone showed fewer λ than asked for and no reason, which
   * only path.json held. The path ended as asked, so a note, not a warning.
   */
  private void limitNote(dev.tikhonov.linear.PathSolution path) {
    switch (path.end().reason()) {
      case EVER_ACTIVE_LIMIT -> System.err.println("tikhonov path: --max-ever-active "
          + maxEverActive + ": " + path.end().message());
      case FEATURE_LIMIT -> System.err.println("tikhonov path: --max-features " + maxFeatures
          + ": " + path.end().message());
      default -> { }
    }
  }

  /**
   * The files of the run's results, in the order it writes them (before --save's model and
   * run.json): what a stop between them left ({@link RunFiles#interruptHint}).
   */
  private List<String> resultFiles() {
    List<String> files = new java.util.ArrayList<>(List.of("path.json", "path.csv"));
    if (severalL1Ratios()) { // refused without cross-validation and with --relax
      files.add("l1-ratios.csv");
    }
    if (outOfFold) { // refused without cross-validation
      files.add("out-of-fold.csv");
    }
    return files;
  }

  /** A warning, once, after the table, on stderr (path.json carries it too). */
  private static void warn(Optional<String> warning) {
    warning.ifPresent(w -> System.err.println("tikhonov: warning: " + w));
  }

  /** --relax, --gammas and the --adaptive flags: what goes with what, checked before the data. */
  private void checkRelaxAndAdaptive() {
    if (gammas != null && !relax) {
      throw new InputException("--gammas sets the blend weights of the relaxed lasso; add"
          + " --relax");
    }
    if ((adaptivePilot != null || adaptivePower != null) && !adaptive) {
      throw new InputException((adaptivePilot != null ? "--adaptive-pilot" : "--adaptive-power")
          + " sets up the adaptive lasso's penalty factors; add --adaptive");
    }
    if (adaptive) {
      pilotOf(adaptivePilot);
    }
    if (!relax) {
      return;
    }
    if (l1Ratio == 0) {
      throw new InputException("--relax: --l1-ratio 0 is ridge, which has no active set to relax"
          + " (every coefficient is nonzero at every λ); use --l1-ratio > 0");
    }
    if (gammas != null) { // the core's rules, checked before the data are read
      try {
        RelaxedCrossValidation.gammas(gammas.stream().mapToDouble(Double::doubleValue).toArray());
      } catch (InputException e) {
        throw new InputException("--gammas" + e.afterSetting(), e);
      }
    }
    if (save != null) {
      String which = saveLambda != null ? saveLambda : "min";
      if (!which.equals("min") && !which.equals("1se")) {
        throw new InputException("--save with --relax keeps the cross-validated (λ, γ):"
            + " --save-lambda min or 1se, got '" + which + "'");
      }
      if (!crossValidates()) {
        throw new InputException("--save with --relax keeps the cross-validated (λ, γ): add"
            + " --cv-folds K, --foldid FILE or --fold-column NAME");
      }
    }
  }

  /** --cv-alignment as the core's alignment: lambda (the default) or fraction. */
  static CrossValidation.Alignment alignmentOf(String value) {
    if (value == null || value.equals("lambda")) {
      return CrossValidation.Alignment.INTERPOLATE;
    }
    if (value.equals("fraction")) {
      return CrossValidation.Alignment.FRACTION;
    }
    throw new InputException(EnumeratedValue.refusal("--cv-alignment",
        List.of("lambda", "fraction"), value));
  }

  /**
   * --cv-measure as the core's measure, checked against the family before the data are read
   * (default: the deviance); the core's refusals name the setting "measure", here the flag. A
   * word that is no measure is refused here, with the close one (the core knows no spelling).
   */
  private CvMeasure measureOf(String id, Family fam) {
    if (id != null && !CvMeasure.ids().contains(id)) {
      throw new InputException(EnumeratedValue.refusal("--cv-measure", CvMeasure.ids(), id));
    }
    return id == null ? CvMeasure.DEVIANCE
        : translate(() -> CvMeasure.ofId(id).requireAppliesTo(fam));
  }

  private static AdaptivePenalty.Pilot pilotOf(String name) {
    if (name == null) {
      return AdaptivePenalty.Pilot.RIDGE;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ridge" -> AdaptivePenalty.Pilot.RIDGE;
      case "ols" -> AdaptivePenalty.Pilot.LEAST_SQUARES;
      default -> throw new InputException(EnumeratedValue.refusal("--adaptive-pilot",
          List.of("ridge", "ols"), name));
    };
  }

  /** path --relax: the relaxed path (and its CV over (λ, γ)), written and printed. */
  private Integer relaxed(Family fam, CvMeasure measure, RunWriter writer, Dataset dataset,
      java.time.Instant started) {
    RelaxedLasso.Builder<? extends Predictor> b = RelaxedLasso.of(fam);
    configure(b);
    b.threads(common.threads).measure(measure);
    if ("1se".equals(saveLambda)) { // run.json's rule: the one the saved (λ, γ) is chosen by
      b.rule(SelectionRule.ONE_STANDARD_ERROR);
    }
    if (outOfFold) {
      b.keepOutOfFoldPredictions();
    }
    if (gammas != null) {
      translate(() -> b.gammas(gammas.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    boolean crossValidate = crossValidates();
    if (foldid != null) {
      b.foldIds(KFold.read(foldid, dataset.numRows()).foldIds());
    } else if (foldColumn.given()) {
      b.foldIds(foldColumn.ids());
    } else if (cvFolds != null) {
      b.numFolds(cvFolds).seed(seed);
    }
    RelaxedLasso<? extends Predictor> estimator = translate(b::build);
    RelaxedPath<? extends Predictor> path;
    Optional<CrossValidatedRelaxedPath<? extends Predictor>> cv = Optional.empty();
    if (crossValidate) {
      CrossValidatedRelaxedPath<? extends Predictor> fit = columnMessages(
          () -> estimator.crossValidate(dataset));
      path = fit.path();
      cv = Optional.of(fit);
    } else {
      path = columnMessages(() -> estimator.path(dataset));
    }
    Optional<dev.tikhonov.select.RelaxedCvResult> curve = cv.map(
        CrossValidatedRelaxedPath::cv);
    Map<String, Object> json = PathFiles.json(path.solution().lasso(), Optional.empty(),
        OptionalInt.of(dataset.numRows()));
    json.put("relaxed", PathFiles.relaxedJson(path.solution(), estimator.gammas(), curve));
    List<dev.tikhonov.select.OutOfFoldPredictions> kept = cv.map(
        CrossValidatedRelaxedPath::outOfFold).orElse(List.of());
    try {
      writer.json("path.json", json);
      writer.text("path.csv", PathFiles.csv(path.solution().lasso(), Optional.empty()));
      if (!kept.isEmpty()) {
        PathFiles.writeRelaxedOutOfFoldCsv(writer.dir().resolve("out-of-fold.csv"), kept,
            cv.get().gammas(), dataset.targets(), fam == Family.GAUSSIAN
                || fam == Family.POISSON ? List.of() : dataset.classNames());
      }
    } catch (InputException e) {
      throw RunFiles.modelNotWritten(e, Optional.ofNullable(save)); // a full disk
    }
    Map<String, Object> runSettings = foldSettings(path.provenance().settings(), cv.isPresent()
        ? OptionalInt.of(cv.get().cv().curve(0).numFolds()) : OptionalInt.empty());
    common.human().print(PathFiles.relaxedSummary(path.solution(), curve,
        writer.dir()));
    limitNote(path.solution().lasso());
    // The refits' own warning, and the lasso path's in flags (each fold's lasso path below).
    warn(path.solution().warning());
    warn(path.lassoShortfall().map(s -> s.message(REMEDY))
        .or(() -> path.solution().lasso().warning()));
    warn(curve.map(c -> c.curve(0)).flatMap(c -> c.shortfall()
        .flatMap(s -> s.pathMessage(REMEDY)).or(c::warning)));
    // --adaptive: the folds' own pilots, then the all-rows pilot, as the lasso's path says them
    warn(curve.map(c -> c.curve(0)).flatMap(CvResult::shortfall)
        .flatMap(s -> s.pilotMessage(REMEDY)));
    warn(path.adaptivePilotShortfall().map(s -> s.message(REMEDY)));
    // as the lasso's CV: λ_min at the sequence's end (path.json's relaxed.cv has it too)
    warn(curve.flatMap(c -> PathFiles.lambdaMinWarning(path.solution().lasso(), c.indexMin(),
        c.lambdaMin(), c.measure())));
    if (save != null) {
      boolean min = saveLambda == null || saveLambda.equals("min");
      Predictor chosen = min ? cv.get().atMinimum() : cv.get().atOneStandardError();
      RunFiles.saveModel(chosen::save, save, writer, resultFiles());
      Map<String, Object> at = chosen.provenance().settings();
      double lambda = ((Number) at.get("lambda")).doubleValue();
      double gamma = ((Number) at.get("gamma")).doubleValue();
      saved = Optional.of(new Saved(save, min ? "min" : "1se", lambda,
          java.util.OptionalDouble.of(gamma)));
      // λ and γ as the table's row and column name them
      common.human().printf(Locale.ROOT, "saved the relaxed fit at λ = %s, γ = %s to %s%n",
          Digits.row(path.solution().lasso().lambdas(), lambda),
          Digits.row(cv.get().cv().gammas(), gamma), Main.shown(save));
    }
    recordSaved(writer, json, runSettings);
    if (common.json) {
      StandardOutput.printJson(json);
    }
    RunFiles.finish(writer, "path", OptionalLong.of(seed), common.threads, table.recorded(),
        started, runSettings, common.human(), saved.map(Saved::file));
    common.human().println("wrote " + Main.shown(writer.dir().resolve("path.json"))
        + (kept.isEmpty() ? " and path.csv" : ", path.csv and out-of-fold.csv"));
    return 0;
  }

  private static Family familyOf(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "gaussian" -> Family.GAUSSIAN;
      case "binomial" -> Family.BINOMIAL;
      case "multinomial" -> Family.MULTINOMIAL;
      case "poisson" -> Family.POISSON;
      default -> throw new InputException(EnumeratedValue.refusal("--family",
          List.of("gaussian", "binomial", "multinomial", "poisson"), name));
    };
  }

  /** --multinomial-penalty's value (ungrouped when not given). */
  private MultinomialPenalty multinomialPenalty() {
    if (multinomialPenalty == null) {
      return MultinomialPenalty.UNGROUPED;
    }
    return switch (multinomialPenalty.toLowerCase(Locale.ROOT)) {
      case "grouped" -> MultinomialPenalty.GROUPED;
      case "ungrouped" -> MultinomialPenalty.UNGROUPED;
      default -> throw new InputException(EnumeratedValue.refusal("--multinomial-penalty",
          List.of("grouped", "ungrouped"), multinomialPenalty));
    };
  }

  /** The path settings of the flags on an estimator builder. */
  private void configure(LinearBuilder<?> b) {
    translate(() -> {
      b.l1Ratio(l1Ratio).numLambdas(nlambda).standardize(!noStandardize).tolerance(tol)
          .maxIterations(maxIterations).intercept(!noIntercept);
      if (weights != null) {
        b.weightColumn(weights);
      }
      if (factors.length > 0) {
        b.penaltyFactors(factors);
      }
      if (lower.length > 0) {
        b.lowerLimits(lower).upperLimits(upper);
      }
      if (offset != null) {
        b.offsetColumn(offset);
      }
      if (lambdas != null) {
        b.lambdas(lambdas.stream().mapToDouble(Double::doubleValue).toArray());
      }
      if (lambdaMinRatio != null) {
        b.lambdaMinRatio(lambdaMinRatio);
      }
      if (maxFeatures != null) {
        b.maxFeatures(maxFeatures);
      }
      if (maxEverActive != null) {
        b.maxEverActive(maxEverActive);
      }
      if (multinomialPenalty != null) {
        b.multinomialPenalty(multinomialPenalty());
      }
      if (adaptive) {
        b.adaptive(pilotOf(adaptivePilot), adaptivePower == null ? 1.0 : adaptivePower);
      }
      return b;
    });
  }

  /**
   * Refuses, before any fitting, a path whose coefficients cannot fit in the Java heap: the
   * path keeps every λ's k·p coefficients as doubles (and path.csv and path.json write as many
   * numbers), so a LIBSVM file of 4 rows that names feature 30,000,000 ran 30 s and then ran out
   * of memory (train refuses it when it reads it). The bound is the whole path's: it may end
   * before its last λ, but its files would still hold m·k·p numbers.
   */
  private void requirePathFits(Dataset dataset, Family family) {
    long m = lambdas != null ? lambdas.size() : nlambda;
    long k = family == Family.MULTINOMIAL ? dataset.classNames().size() : 1;
    long p = dataset.numFeatures();
    long bytes = m * k * p * Double.BYTES;
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap) {
      throw new InputException(String.format(java.util.Locale.ROOT, "--data %s: %d rows x %d"
          + " features: a path of %d λ keeps %d x %d coefficients, %.1f GiB as doubles (and"
          + " path.csv writes as many numbers), more than the %.1f GiB that Java may use here;"
          + " use fewer λ (%s), fewer features (a LIBSVM file has as many as its largest"
          + " index), or give Java more memory with TIKHONOV_JAVA_OPTS=-Xmx<size>", table.data,
          dataset.numRows(), p, m, m, k * p, bytes / GIB, heap / GIB,
          lambdas != null ? "--lambdas" : "--nlambda"));
    }
  }

  /**
   * Refuses, before any fitting, out-of-fold predictions that cannot fit in the Java heap: the
   * cross-validation keeps n·m·k of them as doubles (once per γ with --relax), and
   * out-of-fold.csv writes as many numbers.
   */
  private void requireOutOfFoldFits(Dataset dataset, Family family) {
    if (!outOfFold) {
      return;
    }
    long m = lambdas != null ? lambdas.size() : nlambda;
    long k = family == Family.MULTINOMIAL ? dataset.classNames().size() : 1;
    long g = relax ? (gammas != null ? gammas.size()
        : RelaxedCrossValidation.defaultGammas().length) : 1;
    long n = dataset.numRows();
    double bytes = (double) n * m * k * g * Double.BYTES;
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap) {
      throw new InputException(String.format(java.util.Locale.ROOT, "--out-of-fold: %d rows x"
          + " %d λ%s%s are %.1f GiB as doubles (and out-of-fold.csv writes as many numbers),"
          + " more than the %.1f GiB that Java may use here; use fewer λ (%s), leave"
          + " --out-of-fold out, or give Java more memory with TIKHONOV_JAVA_OPTS=-Xmx<size>",
          n, m, k > 1 ? " x " + k + " classes" : "", g > 1 ? " x " + g + " γ" : "",
          bytes / GIB, heap / GIB, lambdas != null ? "--lambdas" : "--nlambda"));
    }
  }

  private static final double GIB = 1024.0 * 1024 * 1024;

  private Dataset read(TargetKind kind) {
    boolean libsvm = table.libsvm();
    Dataset d = table.read(kind, "use --family binomial (two classes) or multinomial");
    if (kind == TargetKind.CLASS) {
      DataOptions.refuseRealTarget(d, table.data, libsvm ? null : table.target,
          "use --family gaussian (poisson for counts)");
    }
    if (!libsvm) {
      // --weights w --offset w is refused as such by the fit, whatever the column holds
      DataOptions.refuseBadWeight(d, table.data, java.util.Objects.equals(weights, offset) ? null
          : weights);
      foldColumn.checkCells(d, table.data);
      d = foldColumn.take(d, table.data, "rows");
      IdentifierColumns.warning(d, table.data).ifPresent(System.err::println);
    }
    return d;
  }

  /**
   * --save-lambda before the fit, so a misspelt value or min/1se without cross-validation stops
   * the run before the path (and its folds) are computed, not after.
   */
  private static LambdaChoice checkSaveLambda(String which, boolean crossValidated) {
    LambdaChoice choice;
    try {
      choice = LambdaChoice.parse(which);
    } catch (InputException e) {
      throw new InputException("--save-lambda " + e.getMessage(), e);
    }
    if (choice.needsCrossValidation() && !crossValidated) {
      throw new InputException("--save-lambda " + which
          + " needs cross-validation: add --cv-folds K, --foldid FILE or --fold-column"
          + " NAME");
    }
    return choice;
  }

  /**
   * Writes the model at the λ that --save-lambda names (double precision, F64 safetensors);
   * the value was checked before the fit ({@link #checkSaveLambda}). A fit resting on a λ that
   * did not converge is not written (a failed fit never replaces a file): the refusal is
   * returned, to be thrown once the run's own files are complete.
   */
  private Optional<InputException> saveModel(RegularizationPath<? extends Predictor> path,
      Optional<CrossValidatedPath<? extends Predictor>> cv, RunWriter writer) {
    LambdaChoice which = saveLambda != null ? checkSaveLambda(saveLambda, cv.isPresent())
        : LambdaChoice.defaultFor(cv.isPresent());
    Optional<Function<SelectionRule, Predictor>> selected = cv.map(c -> rule ->
        rule == SelectionRule.MINIMUM ? c.atMinimum() : c.atOneStandardError());
    Predictor chosen = which.pick(path, selected);
    double saved = chosen.lambda();
    Optional<String> failed = which.notConverged(path, saved);
    if (failed.isPresent()) {
      return Optional.of(new InputException("--save " + save + ": not written; " + failed.get()
          + ": raise --max-iterations or --tol, or give --save-lambda a converged λ"
          + " (path.json's \"converged\"); an existing file is left as it was"));
    }
    RunFiles.saveModel(chosen::save, save, writer, resultFiles());
    this.saved = Optional.of(new Saved(save, which.toString(), saved,
        java.util.OptionalDouble.empty()));
    common.human().println(which.saved(path, saved, Main.shown(save)));
    which.outsideThePath(path, saved).ifPresent(why -> System.err.println("tikhonov: warning:"
        + " --save-lambda " + why + "; to save the fit at " + which + ", include " + which
        + " in --lambdas"));
    return Optional.empty();
  }

}
