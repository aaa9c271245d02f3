package dev.tikhonov.estimate;

/**
 * Which candidate a cross-validation picks, candidates ordered from the most regularized (the
 * largest λ, the simplest settings) to the least; see {@link dev.tikhonov.select.CvSummary}.
 * Thread-safe, as enum constants are.
 */
public enum SelectionRule {
  /** The smallest mean held-out loss (cv.glmnet's lambda.min); ties: the simpler. */
  MINIMUM("min"),
  /**
   * The simplest candidate whose mean held-out loss is within one standard error of the
   * minimum's (cv.glmnet's lambda.1se, Breiman et al.'s one-SE rule): as good within the noise
   * of the estimate, and more regularized.
   */
  ONE_STANDARD_ERROR("1se");

  private final String id;

  SelectionRule(String id) {
    this.id = id;
  }

  /** "min" or "1se", the name in run files. */
  public String id() {
    return id;
  }

  /** The index this rule picks, given the minimum's and the one-SE rule's. */
  int pick(int indexMin, int index1se) {
    return this == MINIMUM ? indexMin : index1se;
  }
}
