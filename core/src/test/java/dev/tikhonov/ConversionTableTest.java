package dev.tikhonov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.Observations;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import dev.tikhonov.loss.Loss;
import dev.tikhonov.loss.SoftmaxCrossEntropy;
import dev.tikhonov.loss.SquaredError;
import dev.tikhonov.nn.Architecture;
import dev.tikhonov.nn.Initializer;
import dev.tikhonov.nn.Layer;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.nn.Sequential;
import dev.tikhonov.optim.Optimizer;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.optim.Optimizers;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * docs/objective.md's conversion table, the scikit-learn, glmnet and PyTorch rows, against the
 * peers themselves: {@code ref/make_conversions.py} fits scikit-learn 1.2.1 and runs PyTorch
 * 1.13.1, {@code ref/make_glmnet_conversions.R} glmnet 4.1-6, at the peer's own setting on one
 * small data set (n = 40, p = 3, y of standard deviation 2.35, so no unit-variance
 * coincidence), and each test here fits tikhonov at the converted setting on the same data and
 * requires the same model. Each test also requires that the conversion with a
 * wrong factor (2, n, n − 1, the batch size b for n) gives a model measurably further off, so
 * the comparison is tight enough to tell the factors apart.
 */
class ConversionTableTest {
  private static final JsonNode REF = read("/ref/conversions.json");
  private static final int N = 40;
  private static final int P = 3;
  private static final int HIDDEN = 4;
  private static final int K = 3;
  private static final double[][] X = rows(REF.get("x"));
  private static final double[] Y = doubles(REF.get("y"));
  private static final double[] BINARY = doubles(REF.get("yb"));
  private static final double[] CLASSES = doubles(REF.get("yk"));
  private static final double[] COUNTS = doubles(REF.get("yc"));
  /** Observation weights spread over a decade, 0.3 to 3 (scikit-learn's sample_weight). */
  private static final double[] WEIGHTS = doubles(REF.get("w"));
  private static final List<String> NAMES = List.of("x1", "x2", "x3");
  /** Exact solvers on both sides (tolerance 1e-14): they agree to ~1e-9 of the largest value. */
  private static final double LINEAR_TOLERANCE = 1e-6;
  /** tikhonov trains networks in float32, PyTorch too; scikit-learn's MLP in double. */
  private static final double NETWORK_TOLERANCE = 2e-5;
  /** A wrong factor must be this many tolerances away. */
  private static final double SEPARATION = 100;

  private static JsonNode read(String resource) {
    try (InputStream in = ConversionTableTest.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static double[][] rows(JsonNode flat) {
    double[] v = doubles(flat);
    double[][] out = new double[N][P];
    for (int i = 0; i < N; i++) {
      System.arraycopy(v, i * P, out[i], 0, P);
    }
    return out;
  }

  private static JsonNode peer(String name) {
    for (JsonNode c : REF.get("cases")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no case " + name + " in conversions.json");
  }

  /** max |a − b| over max |a|. */
  private static double gap(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    double gap = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      gap = Math.max(gap, Math.abs(expected[i] - actual[i]));
    }
    return gap / scale;
  }

  /**
   * The peer's model equals tikhonov's at the table's λ to {@code tolerance}, and is at least
   * {@link #SEPARATION} tolerances from tikhonov's at each wrong λ.
   */
  private static void assertConversion(String row, double[] peer, DoubleFunction<double[]> ours,
      double tolerance, double lambda, double... wrongLambdas) {
    double[] mapped = ours.apply(lambda);
    assertTrue(gap(peer, mapped) < tolerance, row + " at λ = " + lambda + ": peer "
        + Arrays.toString(peer) + ", tikhonov " + Arrays.toString(mapped) + ", relative gap "
        + gap(peer, mapped));
    for (double wrong : wrongLambdas) {
      double off = gap(peer, ours.apply(wrong));
      assertTrue(off > SEPARATION * tolerance, row + ": λ = " + wrong + " instead of " + lambda
          + " is only " + off + " off, the test could not tell them apart");
    }
  }

  // ---- linear models: scikit-learn's minimizer against ElasticNetPath at the converted λ ----

  /** Intercept then coefficients of the peer's case. */
  private static double[] linearPeer(JsonNode c) {
    double[] coef = doubles(c.get("coef"));
    double[] out = new double[coef.length + 1];
    out[0] = c.get("intercept").get(0).asDouble();
    System.arraycopy(coef, 0, out, 1, coef.length);
    return out;
  }

  /** Intercept then coefficients, unstandardized as scikit-learn fits. */
  private static double[] linear(Family family, double[] y, double lambda, double alpha) {
    return linear(family, y, Observations.none(), lambda, alpha);
  }

  /** The same with observation weights (scikit-learn's sample_weight). */
  private static double[] linear(Family family, double[] y, Observations observations,
      double lambda, double alpha) {
    PathSettings settings = PathSettings.of(alpha).withStandardize(false).withLambdas(lambda)
        .withTolerance(1e-14);
    PathSolution path = ElasticNetPath.fit(family, X, y, observations, settings, NAMES,
        family == Family.BINOMIAL ? List.of("0", "1") : List.of());
    double[] out = new double[P + 1];
    out[0] = path.intercept(0, 0);
    System.arraycopy(path.coefficients(0)[0], 0, out, 1, P);
    return out;
  }

  @Test
  void sklearnRidge_isLambdaAlphaOverN() {
    JsonNode c = peer("Ridge");
    double a = c.get("alpha").asDouble();
    assertConversion("Ridge(alpha=a)", linearPeer(c), l -> linear(Family.GAUSSIAN, Y, l, 0),
        LINEAR_TOLERANCE, a / N, a, a / (N - 1), a / (2 * N), 2 * a / N);
  }

  @Test
  void sklearnLasso_isLambdaAlpha() {
    JsonNode c = peer("Lasso");
    double a = c.get("alpha").asDouble();
    assertConversion("Lasso(alpha=a)", linearPeer(c), l -> linear(Family.GAUSSIAN, Y, l, 1),
        LINEAR_TOLERANCE, a, 2 * a, a / 2, a * N / (N - 1));
  }

  @Test
  void sklearnElasticNet_isLambdaAlphaWithL1RatioAlpha() {
    JsonNode c = peer("ElasticNet");
    double a = c.get("alpha").asDouble();
    double r = c.get("l1_ratio").asDouble();
    double[] peer = linearPeer(c);
    assertConversion("ElasticNet(alpha=a, l1_ratio=r)", peer,
        l -> linear(Family.GAUSSIAN, Y, l, r), LINEAR_TOLERANCE, a, 2 * a, a / 2);
    double swapped = gap(peer, linear(Family.GAUSSIAN, Y, a, 1 - r));
    assertTrue(swapped > SEPARATION * LINEAR_TOLERANCE, "α = 1 − r is off by only " + swapped);
  }

  @Test
  void sklearnLogisticRegressionL2_isOneOverCn() {
    JsonNode c = peer("LogisticRegression l2");
    double cost = c.get("C").asDouble();
    assertConversion("LogisticRegression(C=c, penalty=\"l2\")", linearPeer(c),
        l -> linear(Family.BINOMIAL, BINARY, l, 0), LINEAR_TOLERANCE, 1 / (cost * N),
        1 / cost, 1 / (cost * (N - 1)), 1 / (2 * cost * N), 2 / (cost * N));
  }

  @Test
  void sklearnLogisticRegressionL1_isOneOverCn() {
    JsonNode c = peer("LogisticRegression l1");
    double cost = c.get("C").asDouble();
    // saga stops at tol 1e-14 on the change of the coefficients, not on a certificate: it
    // agrees to ~1e-8 here.
    assertConversion("LogisticRegression(C=c, penalty=\"l1\")", linearPeer(c),
        l -> linear(Family.BINOMIAL, BINARY, l, 1), LINEAR_TOLERANCE, 1 / (cost * N),
        1 / (cost * (N - 1)), 1 / (2 * cost * N), 2 / (cost * N));
  }

  @Test
  void sklearnLogisticRegressionElasticNet_isOneOverCnWithL1RatioAlpha() {
    JsonNode c = peer("LogisticRegression elasticnet");
    double cost = c.get("C").asDouble();
    double r = c.get("l1_ratio").asDouble();
    double[] peer = linearPeer(c);
    // saga again: agrees to ~1e-8, as for penalty="l1".
    assertConversion("LogisticRegression(C=c, penalty=\"elasticnet\", l1_ratio=r)", peer,
        l -> linear(Family.BINOMIAL, BINARY, l, r), LINEAR_TOLERANCE, 1 / (cost * N),
        1 / (cost * (N - 1)), 1 / (2 * cost * N), 2 / (cost * N));
    double swapped = gap(peer, linear(Family.BINOMIAL, BINARY, 1 / (cost * N), 1 - r));
    assertTrue(swapped > SEPARATION * LINEAR_TOLERANCE, "α = 1 − r is off by only " + swapped);
  }

  /**
   * {@code sample_weight} multiplies each row's loss in scikit-learn's C·Σ sᵢℓᵢ + ½‖w‖², so C
   * weighs the sum of the weights: tikhonov's weighted mean Σwᵢℓᵢ/Σwᵢ at λ = 1/(c·Σwᵢ), not
   * 1/(c·n) (the weights' sum here is 61.9 for n = 40). newton-cholesky solves it to a gradient
   * of 1.6e-15.
   */
  @Test
  void sklearnLogisticRegressionL2SampleWeight_isOneOverCTimesTheWeightsSum() {
    JsonNode c = peer("LogisticRegression l2 weighted");
    double cost = c.get("C").asDouble();
    double sum = Arrays.stream(WEIGHTS).sum();
    Observations weights = Observations.ofWeights(WEIGHTS);
    assertConversion("LogisticRegression(C=c).fit(X, y, sample_weight=w)", linearPeer(c),
        l -> linear(Family.BINOMIAL, BINARY, weights, l, 0), LINEAR_TOLERANCE, 1 / (cost * sum),
        1 / (cost * N), 1 / (2 * cost * sum), 2 / (cost * sum));
    double unweighted = gap(linearPeer(c), linear(Family.BINOMIAL, BINARY, 1 / (cost * sum), 0));
    assertTrue(unweighted > SEPARATION * LINEAR_TOLERANCE,
        "the weights left out are only " + unweighted + " off");
  }

  /** Centered intercepts (a softmax's are defined up to a common shift), then coefficients. */
  private static double[] multinomialPeer(JsonNode c) {
    double[] intercepts = centered(doubles(c.get("intercept")));
    double[] coef = doubles(c.get("coef"));     // K × p, row-major
    double[] out = new double[K + K * P];
    System.arraycopy(intercepts, 0, out, 0, K);
    System.arraycopy(coef, 0, out, K, K * P);
    return out;
  }

  /** tikhonov's multinomial fit in {@link #multinomialPeer}'s layout. */
  private static double[] multinomial(double lambda, double alpha) {
    PathSolution path = ElasticNetPath.fit(Family.MULTINOMIAL, X, CLASSES,
        PathSettings.of(alpha).withStandardize(false).withLambdas(lambda).withTolerance(1e-14),
        NAMES, List.of("0", "1", "2"));
    double[] out = new double[K + K * P];
    System.arraycopy(centered(path.intercepts(0)), 0, out, 0, K);
    for (int k = 0; k < K; k++) {
      for (int j = 0; j < P; j++) {
        out[K + k * P + j] = path.coefficient(0, k, j);
      }
    }
    return out;
  }

  /**
   * Three classes: scikit-learn's multinomial LogisticRegression (newton-cg, gradient 1.4e-10
   * of its C-scaled objective) is tikhonov's {@code multinomial()} ridge at λ = 1/(c·n), the
   * same conversion as two classes.
   */
  @Test
  void sklearnLogisticRegressionMultinomialL2_isOneOverCn() {
    JsonNode c = peer("LogisticRegression multinomial l2");
    double cost = c.get("C").asDouble();
    assertConversion("LogisticRegression(C=c, multi_class=\"multinomial\")", multinomialPeer(c),
        l -> multinomial(l, 0), LINEAR_TOLERANCE, 1 / (cost * N), 1 / cost,
        1 / (cost * (N - 1)), 1 / (2 * cost * N), 2 / (cost * N));
  }

  /**
   * The multinomial elastic net (saga, KKT violation 7.7e-14): each of the K·p coefficients is
   * penalized on its own, glmnet's ungrouped multinomial, at λ = 1/(c·n), α = r. With r &lt; 1
   * the minimizer is unique (the ridge part fixes each feature's shift across the classes), and
   * scikit-learn's zeros are tikhonov's.
   */
  @Test
  void sklearnLogisticRegressionMultinomialElasticNet_isOneOverCnWithL1RatioAlpha() {
    JsonNode c = peer("LogisticRegression multinomial elasticnet");
    double cost = c.get("C").asDouble();
    double r = c.get("l1_ratio").asDouble();
    double[] peer = multinomialPeer(c);
    assertConversion("LogisticRegression(C=c, penalty=\"elasticnet\", l1_ratio=r,"
        + " multi_class=\"multinomial\")", peer, l -> multinomial(l, r), LINEAR_TOLERANCE,
        1 / (cost * N), 1 / (cost * (N - 1)), 1 / (2 * cost * N), 2 / (cost * N));
    double[] ours = multinomial(1 / (cost * N), r);
    for (int i = K; i < peer.length; i++) {
      assertEquals(peer[i] == 0, ours[i] == 0, "zero pattern at coefficient " + (i - K));
    }
    double swapped = gap(peer, multinomial(1 / (cost * N), 1 - r));
    assertTrue(swapped > SEPARATION * LINEAR_TOLERANCE, "α = 1 − r is off by only " + swapped);
  }

  /**
   * scikit-learn's PoissonRegressor minimizes 1/(2Σsᵢ)·Σ sᵢ·deviance(yᵢ, μᵢ) + (a/2)‖w‖², log
   * link; half the Poisson deviance is μ − y·log μ plus a term free of μ, so it is tikhonov's
   * {@code poisson()} ridge at λ = a, α = 0, with or without sample_weight (both objectives take
   * the weighted mean). newton-cholesky solves both to a gradient below 1e-13.
   */
  @Test
  void sklearnPoissonRegressor_isLambdaAlpha_withAndWithoutSampleWeight() {
    JsonNode plain = peer("PoissonRegressor");
    double a = plain.get("alpha").asDouble();
    assertConversion("PoissonRegressor(alpha=a)", linearPeer(plain),
        l -> linear(Family.POISSON, COUNTS, l, 0), LINEAR_TOLERANCE, a, 2 * a, a / 2,
        a / N, a * N / (N - 1));
    JsonNode weighted = peer("PoissonRegressor weighted");
    Observations weights = Observations.ofWeights(WEIGHTS);
    assertConversion("PoissonRegressor(alpha=a).fit(X, y, sample_weight=w)",
        linearPeer(weighted), l -> linear(Family.POISSON, COUNTS, weights, l, 0),
        LINEAR_TOLERANCE, weighted.get("alpha").asDouble(), 2 * a, a / 2,
        a * N / Arrays.stream(WEIGHTS).sum());
    double unweighted = gap(linearPeer(weighted), linear(Family.POISSON, COUNTS, a, 0));
    assertTrue(unweighted > SEPARATION * LINEAR_TOLERANCE,
        "the weights left out are only " + unweighted + " off");
  }

  /**
   * scikit-learn's SGDClassifier(loss="log_loss") on two classes and SGDRegressor(loss=
   * "squared_error") take SGD steps on (1/n)·Σ ℓ + a·[(1 − r)/2·‖w‖² + r·‖w‖₁] with the
   * intercept unpenalized ({@code _sgd_fast.pyx}, {@code _plain_sgd}: each row scales w by
   * 1 − (1 − r)·η·a, the L1 part by cumulative truncation; r = 0 for penalty="l2", 1 for "l1",
   * l1_ratio for "elasticnet"); ℓ is −log p(y|x), or SquaredLoss's 0.5·(p − y)², tikhonov's ½.
   * So both are {@code binomial()}/{@code gaussian()} at λ = a, α = r. SGD does not converge
   * exactly: the reference runs 100,000 epochs with a decreasing step, which leaves its answer
   * within 5e-4 of the minimizer (classifier; 1e-5 for the regressor, KKT violations of 1e-5 to
   * 2e-5 printed by make_conversions.py), so the coefficients are compared at 1e-3 (1e-4) and the
   * objective values more tightly: J at scikit-learn's answer is within 1e-7 of tikhonov's
   * minimum at λ = a (8e-11 to 3e-9 measured), and 100 times that above the minimum at 2a, a/2
   * or (elastic net) α = 1 − r (4e-4 to 1.3e-1 measured).
   */
  @Test
  void sklearnSgdClassifierLogLoss_isLambdaAlphaWithL1RatioAlpha() {
    for (String penalty : List.of("l2", "l1", "elasticnet")) {
      assertSgdConversion("SGDClassifier log_loss " + penalty, Family.BINOMIAL, BINARY, 1e-3);
    }
  }

  /** SGDRegressor's squared_error is ½(y − ŷ)²: λ = a, α = r, as SGDClassifier's (above). */
  @Test
  void sklearnSgdRegressorSquaredError_isLambdaAlphaWithL1RatioAlpha() {
    for (String penalty : List.of("l2", "l1", "elasticnet")) {
      assertSgdConversion("SGDRegressor squared_error " + penalty, Family.GAUSSIAN, Y, 1e-4);
    }
  }

  private static void assertSgdConversion(String name, Family family, double[] y,
      double tolerance) {
    JsonNode c = peer(name);
    double a = c.get("alpha").asDouble();
    String penalty = c.get("penalty").asText();
    double r = switch (penalty) {
      case "l2" -> 0;
      case "l1" -> 1;
      default -> c.get("l1_ratio").asDouble();
    };
    double[] peer = linearPeer(c);
    assertConversion(name + " (alpha=a)", peer, l -> linear(family, y, l, r), tolerance, a,
        2 * a, a / 2);
    double objectiveTolerance = 1e-7;
    assertTrue(excess(family, y, peer, a, r) < objectiveTolerance, name + ": J at λ = a is "
        + excess(family, y, peer, a, r) + " above tikhonov's minimum");
    List<double[]> wrong = new java.util.ArrayList<>(
        List.of(new double[] {2 * a, r}, new double[] {a / 2, r}));
    if (penalty.equals("elasticnet")) {
      wrong.add(new double[] {a, 1 - r});
    }
    for (double[] setting : wrong) {
      double off = excess(family, y, peer, setting[0], setting[1]);
      assertTrue(off > SEPARATION * objectiveTolerance, name + ": J at λ = " + setting[0]
          + ", α = " + setting[1]
          + " is only " + off + " above its minimum, the test could not tell them apart");
    }
  }

  /** J at the peer's model minus tikhonov's minimum of J at (λ, α); never below rounding. */
  private static double excess(Family family, double[] y, double[] peer, double lambda,
      double alpha) {
    double excess = objective(family, y, peer, lambda, alpha)
        - objective(family, y, linear(family, y, lambda, alpha), lambda, alpha);
    assertTrue(excess > -1e-12, "tikhonov's minimum at λ = " + lambda + " is " + -excess
        + " above J at the peer's model");
    return excess;
  }

  /**
   * tikhonov's J at {intercept, coefficients}: the mean of ½(y − f)² (gaussian) or of
   * log(1 + e^f) − y·f (binomial, y ∈ {0, 1}), plus λ·[(1 − α)/2·‖w‖² + α·‖w‖₁].
   */
  private static double objective(Family family, double[] y, double[] model, double lambda,
      double alpha) {
    double loss = 0;
    for (int i = 0; i < N; i++) {
      double f = model[0];
      for (int j = 0; j < P; j++) {
        f += X[i][j] * model[j + 1];
      }
      loss += family == Family.GAUSSIAN ? 0.5 * (y[i] - f) * (y[i] - f)
          : Math.max(f, 0) + Math.log1p(Math.exp(-Math.abs(f))) - y[i] * f;
    }
    double penalty = 0;
    for (int j = 1; j <= P; j++) {
      penalty += (1 - alpha) / 2 * model[j] * model[j] + alpha * Math.abs(model[j]);
    }
    return loss / N + lambda * penalty;
  }

  /**
   * scikit-learn's RidgeCV scores its alphas by the exact leave-one-out error; tikhonov's RidgeCV
   * with {@code LEAVE_ONE_OUT} over λ = a/n chooses the same grid point and model (over
   * a/(n − 1) another one); the grid as given, λ = a, gives another model.
   */
  @Test
  void sklearnRidgeCv_isLeaveOneOutOverLambdaAlphaOverN() {
    JsonNode c = peer("RidgeCV");
    double[] alphas = doubles(c.get("alphas"));
    dev.tikhonov.data.Dataset data = dev.tikhonov.data.Dataset.of(X, BINARY, NAMES);
    for (int pass = 0; pass < 2; pass++) {
      double[] lambdas = new double[alphas.length];
      for (int i = 0; i < alphas.length; i++) {
        lambdas[i] = pass == 0 ? alphas[i] / N : alphas[i];
      }
      dev.tikhonov.estimate.RidgeCV.Validation v = dev.tikhonov.estimate.RidgeCV.builder()
          .criterion(dev.tikhonov.estimate.RidgeCV.Criterion.LEAVE_ONE_OUT).lambdas(lambdas)
          .build().crossValidate(data);
      dev.tikhonov.estimate.LinearModel m = v.chosenModel();
      double[] ours = new double[P + 1];
      ours[0] = m.intercept();
      System.arraycopy(m.coefficients(), 0, ours, 1, P);
      double off = gap(linearPeer(c), ours);
      if (pass == 0) {
        assertEquals(c.get("alpha").asDouble() / N, v.chosenLambda(), 1e-15,
            "RidgeCV(alphas) chose alpha_ = " + c.get("alpha").asDouble());
        assertTrue(off < LINEAR_TOLERANCE, "RidgeCV at λ = alpha_/n is off by " + off);
      } else {
        assertTrue(off > SEPARATION * LINEAR_TOLERANCE, "λ = a is only " + off + " off");
      }
    }
  }

  /**
   * MLPClassifier without hidden layers is softmax regression with scikit-learn's MLP penalty
   * (a/2n)·‖W‖², convex, so lbfgs's minimizer is tikhonov's multinomial ridge at λ = a/n. The
   * intercepts of a softmax are defined up to a common shift (they are not penalized): both
   * sides are compared centered. scikit-learn's lbfgs stops at scipy's default {@code ftol}
   * (a relative change of the loss of 2.2e-9), which leaves ~2e-5 in the coefficients: the
   * tolerance is 5e-5, too coarse to tell n from n − 1 (the linear rows do that).
   */
  @Test
  void sklearnMlpClassifierLbfgs_isLambdaAlphaOverN() {
    JsonNode c = peer("MLPClassifier lbfgs");
    double a = c.get("alpha").asDouble();
    double[] coef = doubles(c.get("coef"));     // p × K, row-major
    double[] peer = new double[K + K * P];      // multinomialPeer's layout: K × p
    System.arraycopy(centered(doubles(c.get("intercept"))), 0, peer, 0, K);
    for (int j = 0; j < P; j++) {
      for (int k = 0; k < K; k++) {
        peer[K + k * P + j] = coef[j * K + k];
      }
    }
    assertConversion("MLPClassifier(alpha=a, solver=\"lbfgs\")", peer, l -> multinomial(l, 0),
        5e-5, a / N, a, a / (2 * N), 2 * a / N);
  }

  private static double[] centered(double[] v) {
    double mean = Arrays.stream(v).average().orElseThrow();
    return Arrays.stream(v).map(e -> e - mean).toArray();
  }

  /**
   * glmnet (make_glmnet_conversions.R, {@code standardize = FALSE}) on the same data. For a
   * gaussian y glmnet fits y/s_y at λ = l/s_y and scales back (s_y the standard deviation of y,
   * divisor n): on y's scale its penalty is l·[(1−a)/(2s_y)‖b‖² + a‖b‖₁], tikhonov's at
   * λ = l·(a + (1−a)/s_y), α = a/(a + (1−a)/s_y) (MLlib's mapping, the same scaling); λ = l,
   * α = a only for the lasso or when s_y = 1. Binomial y is not scaled: λ = l, α = a.
   */
  @Test
  void glmnet_isLambdaL_withTheRidgePartDividedBySdOfGaussianY() throws IOException {
    List<String> lines;
    try (InputStream in = ConversionTableTest.class.getResourceAsStream(
        "/ref/glmnet-conversions.csv")) {
      lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .skip(1).toList();
    }
    assertEquals(5, lines.size());
    double mean = Arrays.stream(Y).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(Y).map(v -> (v - mean) * (v - mean)).sum() / N);
    for (String line : lines) {
      String[] f = line.split(",");
      Family family = f[0].equals("gaussian") ? Family.GAUSSIAN : Family.BINOMIAL;
      double l = Double.parseDouble(f[1]);
      double a = Double.parseDouble(f[2]);
      double[] peer = new double[P + 1];
      for (int j = 0; j <= P; j++) {
        peer[j] = Double.parseDouble(f[4 + j]);
      }
      String row = "glmnet(" + f[0] + ", lambda=" + l + ", alpha=" + a + ")";
      if (family == Family.BINOMIAL) {
        assertEquals(1.0, Double.parseDouble(f[3]), 0.0);
        assertConversion(row, peer, lambda -> linear(family, BINARY, lambda, a), 1e-6, l,
            2 * l, l / 2);
        continue;
      }
      assertEquals(sd, Double.parseDouble(f[3]), 1e-12 * sd, "s_y");
      double scale = a + (1 - a) / sd;
      double alpha = a / scale;
      assertConversion(row, peer, lambda -> linear(family, Y, lambda, alpha), 1e-6, l * scale,
          2 * l * scale, l * scale / 2);
      if (a < 1) {
        double naive = gap(peer, linear(family, Y, l, a));
        assertTrue(naive > SEPARATION * 1e-6, row + ": λ = l, α = a is only " + naive + " off");
      }
    }
  }

  // ---- networks: a few optimizer steps from the same weights, peer against tikhonov ----

  /** The 3-4-K ReLU network with the reference's initial weights (numpy layout in × out). */
  private static Sequential network(int outputs) {
    Sequential network = Architecture.mlp(0, HIDDEN).build(P, outputs,
        Initializer.pytorchDefault(), new Rng(1), new Rng(2));
    JsonNode init = REF.get("init");
    List<JsonNode> values = outputs == K
        ? List.of(init.get(0), init.get(1), init.get(2), init.get(3))
        : List.of(init.get(0), init.get(1), init.get(4), init.get(5));
    List<Parameter> parameters = network.parameters();
    assertEquals(4, parameters.size());
    for (int i = 0; i < 4; i++) {
      Matrix m = parameters.get(i).value();
      double[] v = doubles(values.get(i));
      assertEquals(m.size(), v.length, parameters.get(i).name());
      for (int e = 0; e < v.length; e++) {
        m.set(e / m.cols(), e % m.cols(), (float) v[e]);
      }
    }
    return network;
  }

  /**
   * tikhonov's training step (mean loss gradient, then the optimizer chain with the coupled
   * penalty) over the rows in order, {@code batch} rows at a time, {@code steps} times over
   * the data; returns every parameter, flattened in the reference's order.
   */
  private static double[] train(int outputs, Loss loss, double[] targets, int batch, int passes,
      OptimizerConfig config, Penalty penalty) {
    Sequential network = network(outputs);
    Optimizer optimizer = Optimizer.of(Optimizers.chain(config, penalty),
        network.parameters());
    for (int pass = 0; pass < passes; pass++) {
      for (int from = 0; from < N; from += batch) {
        int rows = Math.min(batch, N - from);
        Matrix x = Matrix.zeros(rows, P);
        Matrix y = Matrix.zeros(rows, 1);
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < P; j++) {
            x.set(i, j, (float) X[from + i][j]);
          }
          y.put(i, (float) targets[from + i]);
        }
        Matrix out = network.forward(x, Layer.Mode.TRAIN);
        Matrix gradient = Matrix.zeros(out.rows(), out.cols());
        loss.lossAndGradient(out, y, gradient);
        network.backward(gradient);
        optimizer.step();
      }
    }
    return network.parameters().stream().flatMapToDouble(p ->
        Arrays.stream(p.value().toDoubleArray())).toArray();
  }

  private static double[] networkPeer(JsonNode c) {
    JsonNode weights = c.get("weights");
    double[][] parts = new double[weights.size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = doubles(weights.get(i));
    }
    return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
  }

  /**
   * scikit-learn's MLP adds alpha·W to the gradient of each mini-batch and divides by the
   * batch's size (sklearn/neural_network/_multilayer_perceptron.py, {@code _backprop}:
   * {@code loss += (0.5 * self.alpha) * values / n_samples} with n_samples = X.shape[0] of the
   * batch, and {@code _compute_loss_grad}: {@code coef_grads[layer] += self.alpha *
   * self.coefs_[layer]; coef_grads[layer] /= n_samples}): one epoch of plain SGD over four
   * batches of b = 10 rows is tikhonov's SGD at λ = a/b, not a/n.
   */
  @Test
  void sklearnMlpClassifierSgd_isLambdaAlphaOverBatchSize() {
    JsonNode c = peer("MLPClassifier sgd");
    double a = c.get("alpha").asDouble();
    int b = c.get("batch_size").asInt();
    double lr = c.get("learning_rate").asDouble();
    assertConversion("MLPClassifier(alpha=a, solver=\"sgd\")", networkPeer(c),
        l -> train(K, new SoftmaxCrossEntropy(), CLASSES, b, 1, Optimizers.sgd(lr),
            Penalty.l2(l)), NETWORK_TOLERANCE, a / b, a / N, a / (2 * b), 2 * a / b);
  }

  /**
   * MLPRegressor's squared loss is {@code ((y - ŷ)**2).mean() / 2}, tikhonov's ½(y − ŷ)², and
   * its penalty is divided by the batch size as MLPClassifier's: one epoch of plain SGD over
   * four batches of b = 10 rows on y (standard deviation 2.35) is tikhonov's SGD with the
   * squared error at the same learning rate and λ = a/b.
   */
  @Test
  void sklearnMlpRegressorSgd_isLambdaAlphaOverBatchSize_withTheHalfSquaredError() {
    JsonNode c = peer("MLPRegressor sgd");
    double a = c.get("alpha").asDouble();
    int b = c.get("batch_size").asInt();
    double lr = c.get("learning_rate").asDouble();
    double[] peer = networkPeer(c);
    assertConversion("MLPRegressor(alpha=a, solver=\"sgd\")", peer,
        l -> train(1, new SquaredError(), Y, b, 1, Optimizers.sgd(lr), Penalty.l2(l)),
        NETWORK_TOLERANCE, a / b, a / N, a / (2 * b), 2 * a / b);
    // Without the ½ (PyTorch's MSELoss) the data's gradient doubles: another model.
    double noHalf = gap(peer, train(1, new SquaredError(), Y, b, 1, Optimizers.sgd(2 * lr),
        Penalty.l2(a / (2 * b))));
    assertTrue(noHalf > SEPARATION * NETWORK_TOLERANCE, "the loss without ½ is only " + noHalf
        + " off");
  }

  @Test
  void torchSgdWeightDecay_onCrossEntropy_isLambdaD() {
    JsonNode c = peer("torch SGD cross-entropy");
    double d = c.get("weight_decay").asDouble();
    OptimizerConfig sgd = Optimizers.sgd(c.get("lr").asDouble())
        .momentum(c.get("momentum").asDouble());
    int steps = c.get("steps").asInt();
    assertConversion("SGD(weight_decay=d), CrossEntropyLoss", networkPeer(c),
        l -> train(K, new SoftmaxCrossEntropy(), CLASSES, N, steps, sgd, Penalty.l2(l)),
        NETWORK_TOLERANCE, d, 2 * d, d / 2);
  }

  /**
   * tikhonov's elastic net on a network is the coupled (sub)gradient λ[(1−α)w + α·sign(w)] of
   * λΣ[(1−α)/2·w² + α|w|]: PyTorch with that term written into its loss (autograd's gradient of
   * |w| is sign(w)) and SGD with momentum takes the same five steps. Twice or half λ, α swapped
   * with 1 − α, or the L1 part left out is another model.
   */
  @Test
  void torchElasticNetInTheLoss_isTheNetworksPenalty() {
    JsonNode c = peer("torch SGD elastic net cross-entropy");
    double lambda = c.get("l").asDouble();
    double alpha = c.get("l1_ratio").asDouble();
    OptimizerConfig sgd = Optimizers.sgd(c.get("lr").asDouble())
        .momentum(c.get("momentum").asDouble());
    int steps = c.get("steps").asInt();
    double[] peer = networkPeer(c);
    DoubleFunction<double[]> ours = l -> train(K, new SoftmaxCrossEntropy(), CLASSES, N, steps,
        sgd, Penalty.elasticNet(l, alpha));
    assertConversion("λΣ[(1−α)/2·w² + α|w|] in the loss, SGD", peer, ours, NETWORK_TOLERANCE,
        lambda, 2 * lambda, lambda / 2);
    double swapped = gap(peer, train(K, new SoftmaxCrossEntropy(), CLASSES, N, steps, sgd,
        Penalty.elasticNet(lambda, 1 - alpha)));
    assertTrue(swapped > SEPARATION * NETWORK_TOLERANCE, "α = 1 − r is only " + swapped + " off");
    double ridgeOnly = gap(peer, train(K, new SoftmaxCrossEntropy(), CLASSES, N, steps, sgd,
        Penalty.l2(lambda * (1 - alpha))));
    assertTrue(ridgeOnly > SEPARATION * NETWORK_TOLERANCE,
        "the L1 part left out is only " + ridgeOnly + " off");
  }

  @Test
  void torchAdamWeightDecay_onCrossEntropy_isCoupledLambdaD() {
    JsonNode c = peer("torch Adam cross-entropy");
    double d = c.get("weight_decay").asDouble();
    OptimizerConfig adam = Optimizers.adam(c.get("lr").asDouble());
    int steps = c.get("steps").asInt();
    assertConversion("Adam(weight_decay=d), CrossEntropyLoss", networkPeer(c),
        l -> train(K, new SoftmaxCrossEntropy(), CLASSES, N, steps, adam, Penalty.l2(l)),
        NETWORK_TOLERANCE, d, 2 * d, d / 2);
    // Not decoupled decay: AdamW at the same d is another model.
    double decoupled = gap(networkPeer(c), train(K, new SoftmaxCrossEntropy(), CLASSES, N,
        steps, Optimizers.adamW(c.get("lr").asDouble(), d), Penalty.none()));
    assertTrue(decoupled > SEPARATION * NETWORK_TOLERANCE, "AdamW is only " + decoupled + " off");
  }

  @Test
  void torchAdamW_isDecoupledWeightDecayD_withLambdaZero() {
    JsonNode c = peer("torch AdamW cross-entropy");
    double d = c.get("weight_decay").asDouble();
    double lr = c.get("lr").asDouble();
    int steps = c.get("steps").asInt();
    double[] peer = networkPeer(c);
    DoubleFunction<double[]> ours = decay -> train(K, new SoftmaxCrossEntropy(), CLASSES, N,
        steps, Optimizers.adamW(lr, decay), Penalty.none());
    assertConversion("AdamW(weight_decay=d)", peer, ours, NETWORK_TOLERANCE, d, 2 * d, d / 2);
    double coupled = gap(peer, train(K, new SoftmaxCrossEntropy(), CLASSES, N, steps,
        Optimizers.adam(lr), Penalty.l2(d)));
    assertTrue(coupled > SEPARATION * NETWORK_TOLERANCE, "coupled L2 is only " + coupled + " off");
  }

  /**
   * nn.MSELoss is the mean of (y − ŷ)², without tikhonov's ½: its gradient is twice ours, so
   * SGD(lr, weight_decay=d) on it is tikhonov's SGD at learning rate 2·lr and λ = d/2, not d.
   */
  @Test
  void torchSgdWeightDecay_onMseLoss_isHalfD_atTwiceTheLearningRate() {
    JsonNode c = peer("torch SGD MSELoss");
    double d = c.get("weight_decay").asDouble();
    double lr = c.get("lr").asDouble();
    int steps = c.get("steps").asInt();
    assertConversion("SGD(lr, weight_decay=d), MSELoss", networkPeer(c),
        l -> train(1, new SquaredError(), Y, N, steps, Optimizers.sgd(2 * lr), Penalty.l2(l)),
        NETWORK_TOLERANCE, d / 2, d, d / 4);
    double sameRate = gap(networkPeer(c), train(1, new SquaredError(), Y, N, steps,
        Optimizers.sgd(lr), Penalty.l2(d)));
    assertTrue(sameRate > SEPARATION * NETWORK_TOLERANCE,
        "lr and λ = d unchanged is only " + sameRate + " off");
  }
  /**
   * Adam on nn.MSELoss: the gradient 2·∇(mean ½(y − ŷ)²) + d·w = 2·(∇ + (d/2)·w), and Adam's
   * step is unchanged when its input doubles and ε halves: tikhonov's Adam at the same learning
   * rate with ε/2 and λ = d/2.
   */
  @Test
  void torchAdamWeightDecay_onMseLoss_isHalfD() {
    JsonNode c = peer("torch Adam MSELoss");
    double d = c.get("weight_decay").asDouble();
    OptimizerConfig adam = Optimizers.adam(c.get("lr").asDouble())
        .epsilon(c.get("eps").asDouble() / 2);
    int steps = c.get("steps").asInt();
    assertConversion("Adam(weight_decay=d), MSELoss", networkPeer(c),
        l -> train(1, new SquaredError(), Y, N, steps, adam, Penalty.l2(l)),
        NETWORK_TOLERANCE, d / 2, d, d / 4);
  }
}
