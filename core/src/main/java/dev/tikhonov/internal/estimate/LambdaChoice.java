package dev.tikhonov.internal.estimate;

import dev.tikhonov.data.InputException;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.estimate.RegularizationPath;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.internal.data.Digits;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Which fit of a regularization path to keep, as text a user writes: {@code min} or {@code 1se}
 * (cv.glmnet's λ_min and λ_1se; they need cross-validation), {@code last} (the path's last,
 * smallest λ) or a number λ ≥ 0 (the fit there by {@link RegularizationPath#atLambda}: glmnet's
 * {@code predict(s = λ)}, interpolated between two λ of the path, and the path's end fit outside
 * its range). Not API: the one parser and the one wording for every front end that saves a fit of a path
 * ({@code ./tikhonov path --save-lambda}, Spark's {@code PathJob --save-lambda}). Immutable, so
 * thread-safe.
 */
public final class LambdaChoice {
  private static final LambdaChoice MINIMUM = new LambdaChoice("min", Double.NaN);
  private static final LambdaChoice ONE_STANDARD_ERROR = new LambdaChoice("1se", Double.NaN);
  private static final LambdaChoice LAST = new LambdaChoice("last", Double.NaN);

  private final String text;
  private final double lambda;

  private LambdaChoice(String text, double lambda) {
    this.text = text;
    this.lambda = lambda;
  }

  /**
   * {@code min}, {@code 1se}, {@code last} or a number ≥ 0.
   *
   * @throws InputException otherwise; the message reads on after the name of the setting:
   *     "must be min, 1se, last or a number >= 0, got 'often'"
   */
  public static LambdaChoice parse(String text) {
    switch (text) {
      case "min":
        return MINIMUM;
      case "1se":
        return ONE_STANDARD_ERROR;
      case "last":
        return LAST;
      default:
        double s;
        try {
          s = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new InputException(
              "must be min, 1se, last or a number >= 0, got '" + text + "'", e);
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
          throw new InputException("must be a number >= 0, got " + text);
        }
        return new LambdaChoice(text, s);
    }
  }

  /** The choice when none is given: λ_min with cross-validation, else the last λ. */
  public static LambdaChoice defaultFor(boolean crossValidated) {
    return crossValidated ? MINIMUM : LAST;
  }

  /** The rule of a cross-validated choice ({@code min}, {@code 1se}); empty for the others. */
  public Optional<SelectionRule> rule() {
    return this == MINIMUM ? Optional.of(SelectionRule.MINIMUM)
        : this == ONE_STANDARD_ERROR ? Optional.of(SelectionRule.ONE_STANDARD_ERROR)
        : Optional.empty();
  }

  /** Whether it names a choice of cross-validation ({@code min}, {@code 1se}). */
  public boolean needsCrossValidation() {
    return rule().isPresent();
  }

  /** Whether it is the path's last λ. */
  public boolean isLast() {
    return this == LAST;
  }

  /** The λ asked for, when the choice is a number. */
  public OptionalDouble lambda() {
    return Double.isNaN(lambda) ? OptionalDouble.empty() : OptionalDouble.of(lambda);
  }

  /**
   * The fit this choice names: for {@code min}/{@code 1se} the model {@code crossValidated}
   * gives for its rule, for {@code last} the path's last λ, for a number
   * {@link RegularizationPath#atLambda}.
   *
   * @param <M> the model at one λ
   * @throws IllegalStateException for {@code min}/{@code 1se} when {@code crossValidated} is
   *     empty (check {@link #needsCrossValidation()} before the fit)
   */
  public <M extends Predictor> M pick(RegularizationPath<? extends M> path,
      Optional<? extends Function<SelectionRule, ? extends M>> crossValidated) {
    Optional<SelectionRule> r = rule();
    if (r.isPresent()) {
      return crossValidated.orElseThrow(() -> new IllegalStateException(
          text + " names a cross-validated λ, and the path was not cross-validated"))
          .apply(r.get());
    }
    return isLast() ? path.atIndex(path.size() - 1) : path.atLambda(lambda);
  }

  /**
   * The index of a λ of {@code path} that the fit at {@code keptLambda} rests on (that λ itself,
   * or the two a λ between them is interpolated from) and that did not converge; empty when
   * every one did. A fit resting on an unconverged λ is not what was asked for, and saving it
   * would replace a file with a fit that failed.
   */
  public static java.util.OptionalInt unconverged(RegularizationPath<?> path,
      double keptLambda) {
    double[] lambdas = path.lambdas();
    boolean[] converged = path.converged();
    for (int i = 0; i < lambdas.length; i++) {
      boolean used = lambdas[i] == keptLambda || (i + 1 < lambdas.length
          && lambdas[i] > keptLambda && keptLambda > lambdas[i + 1]) || (i > 0
          && lambdas[i - 1] > keptLambda && keptLambda > lambdas[i]);
      if (used && !converged[i]) {
        return java.util.OptionalInt.of(i);
      }
    }
    return java.util.OptionalInt.empty();
  }

  /**
   * For a number outside the path's range, what the model kept is instead: "0 is below the
   * path's smallest λ, 0.00123; the path has no fit at 0, so the model saved is the fit at
   * 0.00123 (glmnet's predict(s = 0) does the same)"; empty when the model's λ is the one asked
   * for (or the choice is not a number). λ as the path's table row prints it ({@link
   * Digits#row}).
   *
   * @param keptLambda the λ of the model {@link RegularizationPath#atLambda} gave
   */
  public Optional<String> outsideThePath(RegularizationPath<?> path, double keptLambda) {
    if (Double.isNaN(lambda) || lambda == keptLambda) {
      return Optional.empty();
    }
    boolean below = lambda < keptLambda;
    String kept = shown(path, keptLambda);
    return Optional.of(String.format(Locale.ROOT, "%s is %s the path's %s λ, %s%s; the path has"
            + " no fit at %s, so the model saved is the fit at %s (glmnet's predict(s = %s)"
            + " does the same)", text, below ? "below" : "above", below ? "smallest" : "largest",
        kept, below ? "" : ", where some coefficients are not yet zero", text, kept, text));
  }

  /**
   * What a front end prints once the fit at {@code keptLambda} is written to {@code file}:
   * "saved the fit at λ = 0.01 (1se) to m.model", or for a number outside the path "saved the
   * fit at λ = 0.01, the path's smallest λ, to m.model"; λ as the path's table row prints it
   * ({@link Digits#row}), a number between two rows as it was given.
   */
  public String saved(RegularizationPath<?> path, double keptLambda, Object file) {
    String kept = shown(path, keptLambda);
    return keptEnd(keptLambda)
        .map(end -> String.format(Locale.ROOT, "saved the fit at λ = %s, %s, to %s",
            kept, end, file))
        .orElse(String.format(Locale.ROOT, "saved the fit at λ = %s (%s) to %s", kept,
            text, file));
  }

  /**
   * Why the fit at {@code keptLambda} must not be saved: "the fit at λ = 1.702 (last) rests
   * on λ #2 = 1.702, which did not converge (certificate 0.00395, tolerance 0.00100)"; empty
   * when every λ it rests on ({@link #unconverged}) converged.
   */
  public Optional<String> notConverged(RegularizationPath<?> path, double keptLambda) {
    java.util.OptionalInt failed = unconverged(path, keptLambda);
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    int l = failed.getAsInt();
    return Optional.of(String.format(Locale.ROOT, "the fit at λ = %s (%s) rests on λ #%d ="
        + " %s, which did not converge (certificate %.3g, tolerance %.3g)",
        shown(path, keptLambda), text, l + 1, Digits.column(path.lambdas())[l],
        path.certificate()[l], path.solution().tolerance()));
  }

  /** {@code keptLambda} as the path's table row prints it, or as the user typed it between. */
  private String shown(RegularizationPath<?> path, double keptLambda) {
    boolean onPath = java.util.Arrays.stream(path.lambdas()).anyMatch(l -> l == keptLambda);
    return !onPath && lambda == keptLambda ? text : Digits.row(path.lambdas(), keptLambda);
  }

  /** "the path's smallest λ" or "the path's largest λ" for a kept λ other than the one asked. */
  Optional<String> keptEnd(double keptLambda) {
    if (Double.isNaN(lambda) || lambda == keptLambda) {
      return Optional.empty();
    }
    return Optional.of(lambda < keptLambda ? "the path's smallest λ" : "the path's largest λ");
  }

  /** The text it was parsed from ("min", "1se", "last", "0.05"). */
  @Override
  public String toString() {
    return text;
  }
}
