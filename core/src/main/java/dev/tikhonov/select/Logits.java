package dev.tikhonov.select;

/**
 * How a K-class logistic model turns features into logits, which decides what its weights are
 * and so what a Gaussian prior on them means. Thread-safe, as enum constants are.
 */
public enum Logits {
  /**
   * K logits ηₖ = bₖ + xᵀwₖ and p = softmax(η): every class has weights (tikhonov's networks
   * and {@code --model logistic}, glmnet's multinomial, scikit-learn's multinomial). Adding one
   * constant to every bₖ changes nothing, so only the differences bₖ − b₀ are parameters.
   */
  SOFTMAX,
  /**
   * K − 1 logits against class 0: η₀ = 0 and ηₖ = bₖ + xᵀwₖ for k ≥ 1. For K = 2 this is the
   * usual logistic regression, p(class 1) = σ(b + xᵀw) (glmnet's binomial, scikit-learn's
   * {@code LogisticRegression} on two classes).
   */
  BASELINE
}
