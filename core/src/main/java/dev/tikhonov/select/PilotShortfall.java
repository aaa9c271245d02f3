package dev.tikhonov.select;

import dev.tikhonov.linear.Shortfall;
import java.util.Objects;
import java.util.Optional;

/**
 * What the adaptive lasso's pilot fits did not reach ({@link AdaptivePenalty}): the pilot's own
 * path ({@link Shortfall}) and, for the ridge pilot, its cross-validation's folds
 * ({@link CvShortfall}: a fold that ran out of its budget is scored at its last fit, which may
 * move λ_min and so every penalty factor). Immutable, so thread-safe.
 *
 * @param pilot which pilot
 * @param path the pilot path's own shortfall
 * @param folds the ridge pilot's cross-validation's (always empty for least squares)
 */
public record PilotShortfall(AdaptivePenalty.Pilot pilot, Optional<Shortfall> path,
    Optional<CvShortfall> folds) {

  public PilotShortfall {
    Objects.requireNonNull(pilot, "pilot");
    Objects.requireNonNull(path, "path (Optional.empty() for none)");
    Objects.requireNonNull(folds, "folds (Optional.empty() for none)");
    if (path.isEmpty() && folds.flatMap(CvShortfall::pathMessage).isEmpty()) {
      throw new IllegalArgumentException("a pilot shortfall needs its path's or its folds'");
    }
  }

  /** The pilot's shortfall, empty when its path and every fold of its CV converged. */
  static Optional<PilotShortfall> of(AdaptivePenalty.Pilot pilot, Optional<Shortfall> path,
      Optional<CvShortfall> folds) {
    Optional<CvShortfall> ofFolds = folds.filter(f -> f.pathMessage().isPresent());
    return path.isEmpty() && ofFolds.isEmpty() ? Optional.empty()
        : Optional.of(new PilotShortfall(pilot, path, ofFolds));
  }

  /** {@link #message(Shortfall.Remedy)} in the library's words. */
  public String message() {
    return message(Shortfall.Remedy.SETTINGS);
  }

  /**
   * "the adaptive lasso's ridge pilot did not converge: …", "the adaptive lasso's ridge pilot's
   * cross-validation fold 1 of 10 … did not converge …", or both joined by "; and its …": each
   * shortfall with {@code remedy}'s words.
   */
  public String message(Shortfall.Remedy remedy) {
    String name = pilot == AdaptivePenalty.Pilot.RIDGE ? "ridge" : "least-squares";
    Optional<String> own = path.map(s -> "the adaptive lasso's " + name + " pilot did not"
        + " converge: " + s.message(remedy));
    Optional<String> ofFolds = folds.flatMap(f -> f.pathMessage(remedy));
    if (own.isPresent() && ofFolds.isPresent()) {
      return own.get() + "; and its " + ofFolds.get();
    }
    return own.orElseGet(() -> "the adaptive lasso's " + name + " pilot's " + ofFolds.get());
  }
}
