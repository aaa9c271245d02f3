package dev.tikhonov.select;

import dev.tikhonov.linear.Shortfall;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cross-validation's folds did not reach, fold by fold: each fold whose own path fell
 * short ({@link Shortfall}: it ran out of its budget of passes, or a tolerance below what double
 * precision reaches) is still scored, for the λ below where its path ended at its last fit (the
 * path drops the λ its budget ran out during, as glmnet does), as cv.glmnet scores it; and, under
 * an adaptive penalty, each fold whose own pilot fell short
 * ({@link PilotShortfall}) fitted its path with factors from fits cut short. What
 * {@link CvResult#shortfall} holds and {@link CvResult#warning} and
 * {@link CvResult#adaptivePilotWarning} word.
 *
 * <p>The messages name the folds and give the first one's shortfall with a
 * {@link Shortfall.Remedy}: the library's ({@link #pathMessage()}) or a front end's own
 * ({@link #pathMessage(Shortfall.Remedy)}). Immutable, so thread-safe.
 *
 * @param numFolds K, the number of folds
 * @param folds the folds that fell short, in fold order (never empty)
 */
public record CvShortfall(int numFolds, List<FoldShortfall> folds) {

  /**
   * One fold's shortfalls. Immutable, so thread-safe.
   *
   * @param fold the fold's 1-based number
   * @param path its own path's shortfall, taken before interpolation at the full data's λ
   * @param pilot its own adaptive pilot's, on its training rows
   */
  public record FoldShortfall(int fold, Optional<Shortfall> path,
      Optional<PilotShortfall> pilot) {
    public FoldShortfall {
      Objects.requireNonNull(path, "path (Optional.empty() for none)");
      Objects.requireNonNull(pilot, "pilot (Optional.empty() for none)");
      if (path.isEmpty() && pilot.isEmpty()) {
        throw new IllegalArgumentException("fold " + fold + " has no shortfall");
      }
    }
  }

  public CvShortfall {
    folds = List.copyOf(folds);
    if (folds.isEmpty()) {
      throw new IllegalArgumentException("a cross-validation's shortfall names some fold");
    }
  }

  /**
   * The shortfall of a cross-validation whose fold k (index k − 1) has {@code paths.get(k − 1)}
   * and {@code pilots.get(k − 1)}; empty when no fold fell short.
   */
  public static Optional<CvShortfall> of(List<Optional<Shortfall>> paths,
      List<Optional<PilotShortfall>> pilots) {
    if (paths.size() != pilots.size()) {
      throw new IllegalArgumentException(paths.size() + " fold paths for " + pilots.size()
          + " fold pilots");
    }
    List<FoldShortfall> fellShort = new java.util.ArrayList<>();
    for (int f = 0; f < paths.size(); f++) {
      if (paths.get(f).isPresent() || pilots.get(f).isPresent()) {
        fellShort.add(new FoldShortfall(f + 1, paths.get(f), pilots.get(f)));
      }
    }
    return fellShort.isEmpty() ? Optional.empty()
        : Optional.of(new CvShortfall(paths.size(), fellShort));
  }

  /** The 1-based numbers of the folds whose own path fell short, increasing. */
  public List<Integer> pathFolds() {
    return folds.stream().filter(f -> f.path().isPresent()).map(FoldShortfall::fold).toList();
  }

  /** The 1-based numbers of the folds whose own adaptive pilot fell short, increasing. */
  public List<Integer> pilotFolds() {
    return folds.stream().filter(f -> f.pilot().isPresent()).map(FoldShortfall::fold).toList();
  }

  /** {@link #pathMessage(Shortfall.Remedy)} in the library's words. */
  public Optional<String> pathMessage() {
    return pathMessage(Shortfall.Remedy.SETTINGS);
  }

  /**
   * "cross-validation fold 1 of 10 (and 3 more) did not converge; its held-out losses at the λ
   * below its path's end are those of its last fit (λ #83 of its path): " (the budget of passes
   * ran out during its λ #84, or its fit there was not finite; either λ is dropped) and the
   * first such fold's
   * {@link Shortfall#message(Shortfall.Remedy)}; empty when every fold's path converged.
   */
  public Optional<String> pathMessage(Shortfall.Remedy remedy) {
    List<FoldShortfall> paths = folds.stream().filter(f -> f.path().isPresent()).toList();
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    FoldShortfall first = paths.get(0);
    Shortfall shortfall = first.path().get();
    // the fold path ends before the λ its budget ran out during (or whose fit was not finite)
    String scored = "its held-out losses at the λ below its path's end are those of its last"
        + " fit" + (shortfall.kind() == Shortfall.Kind.NOT_CERTIFIED ? ""
            : " (λ #" + shortfall.fitted() + " of its path)");
    return Optional.of("cross-validation fold " + first.fold() + " of " + numFolds
        + more(paths.size()) + " did not converge; " + scored + ": "
        + shortfall.message(remedy));
  }

  /** {@link #pilotMessage(Shortfall.Remedy)} in the library's words. */
  public Optional<String> pilotMessage() {
    return pilotMessage(Shortfall.Remedy.SETTINGS);
  }

  /**
   * "cross-validation fold 2 of 10 (and 1 more) fitted its path with penalty factors from a
   * pilot that did not converge: " and the first such fold's
   * {@link PilotShortfall#message(Shortfall.Remedy)}; empty when every fold's pilot converged
   * (or there is no adaptive penalty).
   */
  public Optional<String> pilotMessage(Shortfall.Remedy remedy) {
    List<FoldShortfall> pilots = folds.stream().filter(f -> f.pilot().isPresent()).toList();
    if (pilots.isEmpty()) {
      return Optional.empty();
    }
    FoldShortfall first = pilots.get(0);
    return Optional.of("cross-validation fold " + first.fold() + " of " + numFolds
        + more(pilots.size()) + " fitted its path with penalty factors from a pilot that did"
        + " not converge: " + first.pilot().get().message(remedy));
  }

  private static String more(int count) {
    return count > 1 ? " (and " + (count - 1) + " more)" : "";
  }
}
