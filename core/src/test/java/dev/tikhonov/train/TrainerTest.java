package dev.tikhonov.train;

import dev.tikhonov.loss.Family;
import dev.tikhonov.optim.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.Dataset;
import dev.tikhonov.internal.data.Digits;
import dev.tikhonov.nn.Parameter;
import dev.tikhonov.optim.OptimizerConfig;
import dev.tikhonov.regularize.Penalty;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrainerTest {
  /** A number as {@link Digits#few} writes it, in a few digits ("1.298e+12", "3.125"). */
  private static final String FEW =
      "(?:[1-9](?:\\.[0-9]{1,3})?e[-+][0-9]{2,3}|[0-9]{1,4}(?:\\.[0-9]{1,4})?)";

  /** Three Gaussian blobs in 5 dimensions, labels 0..2. */
  static Dataset blobs(int n, long seed) {
    Rng rng = new Rng(seed);
    Matrix x = Matrix.zeros(n, 5);
    Matrix y = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(3);
      y.put(i, c);
      for (int j = 0; j < 5; j++) {
        x.set(i, j, (float) (rng.nextGaussian() + (j == c ? 2.5 : 0)));
      }
    }
    return new Dataset(x, y, Dataset.defaultNames(5), Dataset.indexNames(3), "blobs");
  }

  /** Four rows of one feature x(i) and a real target y(i), i = 0..3. */
  private static Dataset oneFeature(String name, java.util.function.IntFunction<Float> x,
      java.util.function.IntFunction<Float> y) {
    Matrix xs = Matrix.zeros(4, 1);
    Matrix ys = Matrix.zeros(4, 1);
    for (int i = 0; i < 4; i++) {
      xs.put(i, x.apply(i));
      ys.put(i, y.apply(i));
    }
    return new Dataset(xs, ys, List.of("x"), List.of(), name);
  }

  private static TrainConfig config(int epochs, long seed, double lambda, int patience) {
    return new TrainConfig(epochs, 16, seed, Penalty.l2(lambda),
        Optimizers.sgd(0.05).momentum(0.9), patience);
  }

  @Test
  void fit_sameSeedAndThreads_givesIdenticalResults() {
    Dataset d = blobs(200, 1);
    ModelSpec spec = ModelSpec.parse("mlp:16,8", 0.2, Family.MULTINOMIAL);
    Training.Outcome a = Training.fit(spec, d, d, null, config(4, 7, 1e-3, 0),
        TrainingListener.none(), null, null);
    Training.Outcome b = Training.fit(spec, d, d, null, config(4, 7, 1e-3, 0),
        TrainingListener.none(), null, null);
    List<Parameter> pa = a.model().network().parameters();
    List<Parameter> pb = b.model().network().parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertArrayEquals(pa.get(i).value().toArray(), pb.get(i).value().toArray());
    }
    assertEquals(a.result().history().last().valLoss(), b.result().history().last().valLoss());
    Training.Outcome c = Training.fit(spec, d, d, null, config(4, 8, 1e-3, 0),
        TrainingListener.none(), null, null);
    assertTrue(!c.result().history().last().valLoss()
        .equals(a.result().history().last().valLoss()), "another seed gives another run");
  }

  @Test
  void fit_learnsSeparableBlobs() {
    Dataset train = blobs(600, 2);
    Dataset test = blobs(300, 3);
    Training.Outcome o = Training.fit(ModelSpec.parse("logistic", 0, Family.MULTINOMIAL), train, null, test,
        config(15, 0, 0, 0), TrainingListener.none(), null, null);
    assertTrue(o.test().accuracy() > 0.85, "accuracy " + o.test().accuracy());
  }

  @Test
  void linearRegressionByGradientDescent_reachesClosedFormRidge() {
    // J = (1/2n)‖y − Xw − b‖² + (λ/2)‖w‖²  ⇒  (Sxx + λI) w = Sxy on centered data, b = ȳ − x̄ᵀw.
    int n = 60;
    int p = 3;
    double lambda = 0.3;
    Rng rng = new Rng(5);
    Matrix x = Matrix.zeros(n, p);
    Matrix y = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      double s = 1.5;
      for (int j = 0; j < p; j++) {
        double v = rng.nextGaussian() + 0.5 * j;
        x.set(i, j, (float) v);
        s += (j + 1) * v;
      }
      y.put(i, (float) (s + 0.3 * rng.nextGaussian()));
    }
    Dataset d = new Dataset(x, y, Dataset.defaultNames(p), List.of(), "ridge");
    TrainConfig tc = new TrainConfig(3000, n, 0, Penalty.l2(lambda),
        Optimizers.sgd(0.1), 0);
    Training.Outcome o = Training.fit(ModelSpec.parse("linear", 0, Family.GAUSSIAN), d, null, null, tc,
        TrainingListener.none(), null, null);
    double[] mean = new double[p];
    double ybar = 0;
    for (int i = 0; i < n; i++) {
      ybar += y.at(i) / (double) n;
      for (int j = 0; j < p; j++) {
        mean[j] += x.get(i, j) / (double) n;
      }
    }
    double[][] a = new double[p][p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          a[j][k] += (x.get(i, j) - mean[j]) * (x.get(i, k) - mean[k]) / n;
        }
        a[j][p] += (x.get(i, j) - mean[j]) * (y.at(i) - ybar) / n;
      }
    }
    for (int j = 0; j < p; j++) {
      a[j][j] += lambda;
    }
    double[] w = solve(a);
    double b = ybar;
    for (int j = 0; j < p; j++) {
      b -= mean[j] * w[j];
    }
    Matrix fitted = o.model().network().weights().get(0).value();
    for (int j = 0; j < p; j++) {
      assertEquals(w[j], fitted.at(j), 1e-4, "w" + j);
    }
    assertEquals(b, o.model().network().parameters().get(1).value().at(0), 1e-4);
  }

  private static double[] solve(double[][] a) {
    int p = a.length;
    for (int c = 0; c < p; c++) {
      for (int r = c + 1; r < p; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= p; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    double[] x = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = a[r][p];
      for (int k = r + 1; k < p; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  @Test
  void fit_whenLearningRateExplodes_stopsWithEpochBatchAndCause() {
    Dataset d = blobs(100, 4);
    TrainConfig tc = new TrainConfig(3, 10, 0, Penalty.none(), Optimizers.sgd(1e9), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("mlp:8", 0, Family.MULTINOMIAL), d, null, null, tc, TrainingListener.none(), null,
        null));
    assertTrue(e.getMessage().contains("epoch " + e.epoch()), e.getMessage());
    assertTrue(e.getMessage().contains("batch " + e.batch()), e.getMessage());
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
  }

  /**
   * One batch per epoch and a step so large that the weights overflow after the batch's loss was
   * computed: the weights, not the loss, became non-finite, and the message says so (it used to
   * say "the loss became 0.0", the penalty's value with λ = 0).
   */
  @Test
  void fit_whenWeightsOverflowAfterAFiniteLoss_saysTheWeightNormBecameInfinite() {
    Dataset d = oneFeature("line", i -> 1f + i, i -> 10f * (1 + i));
    for (double lambda : new double[] {0, 1e-3}) {
      TrainConfig tc = new TrainConfig(2, 4, 0, lambda == 0 ? Penalty.none() : Penalty.l2(lambda),
          Optimizers.sgd(1e38), 0);
      DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
          ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc, TrainingListener.none(), null,
          null));
      String expected = "training diverged at epoch 1, batch 1 of 1: the weight norm ‖w‖₂ became"
          + " Infinity" + (lambda == 0 ? "" : " and the penalty λ·Ω\\(w\\) became (NaN|Infinity)")
          + " after the epoch's last step \\(its loss was finite\\)\\. Likely cause: .*";
      assertTrue(e.getMessage().matches(expected), e.getMessage());
      assertTrue(!e.getMessage().contains("--"), "no CLI flags in core: " + e.getMessage());
      assertEquals(1, e.epoch());
      assertEquals(1, e.batch());
    }
  }

  /**
   * Weights that stay finite but make the output overflow float32 (w ≈ 1e30, x = 1e10) are a
   * divergence too: the fit used to return that model, whose first prediction then failed with
   * "the row's values are probably far outside the range the model was trained on".
   */
  @Test
  void fit_whenTheOutputOverflowsWithFiniteWeights_saysTheOutputBecameInfinite() {
    Dataset d = oneFeature("big", i -> 1e10f, i -> 1f);
    TrainConfig tc = new TrainConfig(1, 4, 0, Penalty.none(), Optimizers.sgd(1e20), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc,
        TrainingListener.none(), null, null));
    assertTrue(e.getMessage().matches("training diverged at epoch 1, batch 1 of 1: the network's"
        + " output on training row 1 became -?Infinity after the epoch's last step \\(its loss"
        + " was finite\\)\\. Likely cause: the learning rate .*"), e.getMessage());
  }

  /**
   * An MLP regressor on a target of standard deviation ≈ 280 (a first-hour user's unscaled
   * disease score or price) diverges at SGD's lr = 0.05 with momentum, which trains the same
   * network on the same target divided by its standard deviation; the divergence says so, with
   * the number. A target of standard deviation ≤ 10 is not mentioned.
   */
  @Test
  void fit_whenASquaredErrorTargetIsLarge_theDivergenceNamesTheTargetsScale() {
    Rng rng = new Rng(4);
    int n = 128;
    Matrix x = Matrix.zeros(n, 3);
    Matrix big = Matrix.zeros(n, 1);
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x.set(i, j, (float) rng.nextGaussian());
      }
      float y = 200 * (x.get(i, 0) + x.get(i, 1));
      big.put(i, y);
      sum += y;
      sumSquares += (double) y * y;
    }
    double sd = Math.sqrt(sumSquares / n - (sum / n) * (sum / n));
    Matrix scaled = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      scaled.put(i, (float) (big.at(i) / sd));
    }
    ModelSpec spec = ModelSpec.parse("mlp:16", 0, Family.GAUSSIAN);
    TrainConfig tc = new TrainConfig(20, 16, 0, Penalty.none(),
        Optimizers.sgd(0.05).momentum(0.9), 0);
    Dataset large = new Dataset(x, big, Dataset.defaultNames(3), List.of(), "large");
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(spec,
        large, null, null, tc, TrainingListener.none(), null, null));
    // the target first: a smaller learning rate, named first, does not cure it
    assertTrue(e.getMessage().endsWith("Likely cause: the target's scale: its root mean square"
        + " is " + Digits.few(Math.sqrt(sumSquares / n)) + " (mean " + Digits.few(sum / n)
        + ", standard deviation " + Digits.few(sd) + "), and a network's"
        + " squared-error gradients grow with it; standardize the target (a regressor's"
        + " standardizeTarget setting) (or try a learning rate smaller than 0.05, and check that"
        + " the inputs are scaled, e.g. standardized)."), e.getMessage());
    // the advice works: the same network and learning rate train on the scaled target
    Dataset unit = new Dataset(x, scaled, Dataset.defaultNames(3), List.of(), "scaled");
    Training.fit(spec, unit, null, null, tc, TrainingListener.none(), null, null);
  }

  /**
   * 128 rows of "big" = 200·u and "unit" = v (u, v standard normal) and the target
   * {@code scale}·(v + u/10): the feature of root mean square ≈ 200 makes gradient descent at
   * lr 0.05 with momentum overshoot.
   */
  private static Dataset bigFeature(double scale, boolean standardized) {
    Rng rng = new Rng(7);
    int n = 128;
    Matrix x = Matrix.zeros(n, 2);
    Matrix y = Matrix.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      double u = rng.nextGaussian();
      double v = rng.nextGaussian();
      x.set(i, 0, (float) (standardized ? u : 200 * u));
      x.set(i, 1, (float) v);
      y.put(i, (float) (scale * (v + u / 10)));
    }
    return new Dataset(x, y, List.of("big", "unit"), List.of(), "big feature");
  }

  /**
   * diabetes.csv's s1 (root mean square 193) diverged a linear model at lr 0.05 and the error
   * blamed the target's scale (a network's, it said) or, with the target standardized, the
   * learning rate; standardizing the features is the cure. Failed before: a unit target got
   * "Likely cause: the learning rate 0.05 is probably too large", a target of scale 100 "the
   * target's scale: …". The features now come first, and a linear model's error does not blame
   * the target (its stability does not depend on it).
   */
  @Test
  void fit_whenAFeatureIsLarge_theDivergenceNamesTheFeaturesScaleFirst() {
    ModelSpec linear = ModelSpec.parse("linear", 0, Family.GAUSSIAN);
    TrainConfig tc = new TrainConfig(5, 16, 0, Penalty.none(),
        Optimizers.sgd(0.05).momentum(0.9), 0);
    String features = "Likely cause: the features' scale: \"big\" has a root mean square of "
        + FEW + Pattern.quote(", and a gradient step on a weight grows with the square of its"
        + " feature's scale, so a learning rate of 0.05 overshoots on it; "
        + Trainer.FEATURE_REMEDY);
    for (double scale : new double[] {1, 100}) {
      DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
          linear, bigFeature(scale, false), null, null, tc, TrainingListener.none(), null,
          null));
      assertTrue(e.getMessage().matches(".*" + features + Pattern.quote(" (a smaller learning"
          + " rate may avoid the divergence, but then the weights of the smaller features barely"
          + " move).")), e.getMessage());
      assertFalse(e.getMessage().contains("target's scale"), e.getMessage());
      // the advice works: the same model and learning rate train on the standardized features
      Training.fit(linear, bigFeature(scale, true), null, null, tc, TrainingListener.none(),
          null, null);
    }
    // a network with a hidden layer on a large target too: the features first, then the target
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("mlp:16", 0, Family.GAUSSIAN), bigFeature(100, false), null, null, tc,
        TrainingListener.none(), null, null));
    assertTrue(e.getMessage().matches(".*" + features + "; also the target's scale: .*"
        + Pattern.quote(Trainer.TARGET_REMEDY + " (a smaller ") + ".*"), e.getMessage());
  }

  /**
   * A squared-error target in units of 10⁻³⁵, which varies by less than
   * {@link dev.tikhonov.data.Standardizer#MIN_SCALE}: the divergence's clause on the target's
   * scale took the standard deviation from {@code Standardizer.fitTarget}, whose refusal of such
   * a spread ("the target varies by too little to standardize") replaced the divergence, though
   * nothing standardizes the target here. The divergence is reported, without that clause.
   */
  @Test
  void fit_whenASquaredErrorTargetVariesBelowTheStandardizersFloor_reportsTheDivergence() {
    Dataset d = oneFeature("tiny", i -> 1e10f, i -> i * 1e-35f);
    TrainConfig tc = new TrainConfig(5, 4, 0, Penalty.none(), Optimizers.sgd(1e20), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.GAUSSIAN), d, null, null, tc,
        TrainingListener.none(), null, null));
    assertTrue(e.getMessage().startsWith("training diverged at epoch "), e.getMessage());
    assertFalse(e.getMessage().contains("target's scale"), e.getMessage());
  }

  /**
   * A learning rate that makes every step overshoot by a constant factor: the weights and the
   * loss grow geometrically but stay finite for many epochs. The fit used to return that model
   * with exit code 0 (the CLI's `train --model linear --lr 1e10` ended at a loss of 1e39); a
   * mean training loss 10¹⁰ times the first epoch's is now a divergence. At 0.25 the same data
   * train normally.
   */
  /**
   * A decoupled weight decay d with lr·d ≥ 1 overshoots zero at every step: the divergence
   * names it, where it blamed the learning rate alone (weight decay 1e9 at lr 0.05).
   */
  @Test
  void fit_whenTheWeightDecayOvershoots_namesTheWeightDecay() {
    Dataset d = oneFeature("ones", i -> 1f, i -> 1f);
    TrainConfig tc = new TrainConfig(20, 4, 0, Penalty.none(),
        Optimizers.sgd(0.05).weightDecay(1e9), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc,
        TrainingListener.none(), null, null));
    assertTrue(e.getMessage().endsWith("Likely cause: the weight decay 1e+09 is too strong for"
        + " learning rate 0.05 (the decoupled decay w ← w − lr·d·w with lr·d = 5e+07 ≥ 1"
        + " overshoots zero); lower the weight decay or the learning rate."), e.getMessage());
  }

  /**
   * λ with lr·λ ≥ 1 is named in a few digits, as the labels and progress lines write λ: the
   * clause wrote the doubles, "λ = 10000.0 … lr·λ = 500.0" (the weight decay's clause alike).
   */
  @Test
  void fit_whenLambdaOvershoots_namesLambdaInAFewDigits() {
    Dataset d = oneFeature("ones", i -> 1f, i -> 1f);
    TrainConfig tc = new TrainConfig(20, 4, 0, Penalty.l2(10000),
        Optimizers.sgd(0.05), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc,
        TrainingListener.none(), null, null));
    assertTrue(e.getMessage().endsWith("Likely cause: λ = 1e+04 is too strong for learning rate"
        + " 0.05 (with SGD, lr·λ = 500 ≥ 1 makes the weight shrinkage overshoot); lower λ or"
        + " the learning rate."), e.getMessage());
  }

  @Test
  void fit_whenTheLossGrowsTenOrdersWhileFinite_isADivergence() {
    Dataset d = oneFeature("ones", i -> 1f, i -> 1f);
    // Full batch, ŷ = wx + b with x = 1: each step maps the residual r to (1 − 2·lr)·r, so
    // lr = 3 multiplies it by −5 (the loss by 25) and lr = 0.25 halves it.
    TrainConfig tc = new TrainConfig(20, 4, 0, Penalty.none(), Optimizers.sgd(3), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc,
        TrainingListener.none(), null, null));
    // its numbers in at most four significant digits, as λ: they were Java's text of the
    // doubles ("1.2980245295081052E12", "the learning rate 3.0")
    assertTrue(e.getMessage().matches("training diverged at epoch [0-9]+, batch 1 of 1: the"
        + " epoch's mean training loss " + FEW + " is more than 10¹⁰ times the first epoch's "
        + FEW + "\\. Likely cause: the learning rate 3 .*"), e.getMessage());
    assertFalse(e.getMessage().contains("target's scale"), "a target of standard deviation 0");
    assertTrue(e.epoch() > 2 && e.epoch() < 20, "finite for several epochs: " + e.epoch());
    // Resumed after epoch 5, the run diverges at the same epoch: the reference is epoch 1's
    // loss, which the history (and so a checkpoint) carries.
    TrainingState[] afterFive = new TrainingState[1];
    TrainingListener capture = capture(5, afterFive);
    assertThrows(DivergenceException.class, () -> Training.fit(ModelSpec.parse("linear", 0,
        Family.MULTINOMIAL), d, null, null, tc, capture, null, null));
    DivergenceException resumed = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc,
        TrainingListener.none(), null, null, afterFive[0]));
    assertEquals(e.epoch(), resumed.epoch(), resumed.getMessage());
    TrainConfig fine = new TrainConfig(20, 4, 0, Penalty.none(), Optimizers.sgd(0.25), 0);
    Training.Outcome o = Training.fit(ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null,
        null, fine, TrainingListener.none(), null, null);
    assertTrue(o.result().trainLoss() < 1e-6, "converges: " + o.result().trainLoss());
  }

  /**
   * A blow-up inside the first epoch: sixteen identical rows (x = 1, y = 1), one per batch, at
   * learning rate 3, so each step multiplies the loss by 25 and the first epoch's mean is about
   * 10¹⁹ while every number stays finite. The growth rule compared only later epochs with the
   * first epoch's mean, which already held the blow-up, so a one-epoch run (and the CLI's MLP at
   * learning rate 10⁶, whose loss fell back after epoch 1) was returned as a success. The first
   * epoch is now compared with max(first batch's loss, the all-zero output's loss ½·mean(y²)),
   * before its record and checkpoint are written.
   */
  @Test
  void fit_whenTheLossBlowsUpInsideTheFirstEpoch_isADivergenceBeforeAnyCheckpoint() {
    Matrix x = Matrix.zeros(16, 1);
    Matrix y = Matrix.zeros(16, 1);
    x.fill(1f);
    y.fill(1f);
    Dataset d = new Dataset(x, y, List.of("x"), List.of(), "ones16");
    TrainConfig tc = new TrainConfig(1, 1, 0, Penalty.none(), Optimizers.sgd(3), 0);
    TrainingState[] checkpoint = new TrainingState[1];
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null, null, tc,
        capture(0, checkpoint), null, null));
    assertTrue(e.getMessage().matches("training diverged at epoch 1, batch 16 of 16: the first"
        + " epoch's mean training loss " + FEW + " is more than 10¹⁰ times the loss it started"
        + " from, 0\\.5 \\(the larger of its first batch's loss, 0\\.5, and an all-zero"
        + " output's loss on the training targets, 0\\.5\\)\\. Likely cause: the learning rate"
        + " 3 .*"), e.getMessage());
    assertEquals(null, checkpoint[0], "no checkpoint of the diverged epoch");
    TrainConfig fine = new TrainConfig(1, 1, 0, Penalty.none(), Optimizers.sgd(0.25), 0);
    Training.Outcome o = Training.fit(ModelSpec.parse("linear", 0, Family.MULTINOMIAL), d, null,
        null, fine, TrainingListener.none(), null, null);
    assertTrue(o.result().trainLoss() < 0.1, "converges: " + o.result().trainLoss());
  }

  @Test
  void fit_whenTheBatchLossIsNaN_saysTheLossBecameNaN() {
    Dataset d = blobs(100, 4);
    TrainConfig tc = new TrainConfig(3, 10, 0, Penalty.none(), Optimizers.sgd(1e9), 0);
    DivergenceException e = assertThrows(DivergenceException.class, () -> Training.fit(
        ModelSpec.parse("mlp:8", 0, Family.MULTINOMIAL), d, null, null, tc, TrainingListener.none(), null,
        null));
    assertTrue(e.getMessage().matches("training diverged at epoch [0-9]+, batch [0-9]+ of 10: the"
        + " (loss of this batch became (NaN|-?Infinity)|weight norm .*)\\. Likely cause: .*"),
        e.getMessage());
  }

  /**
   * Without validation data an epoch's validation loss and accuracy are empty (they were null,
   * against a javadoc that promised NaN, so {@code double v = r.valLoss()} threw); with it, a
   * classifier's are present. history.json keeps its shape: numbers, or null when absent.
   */
  @Test
  void epochRecords_validationIsEmptyWithoutValidationData_andNullInHistoryJson()
      throws Exception {
    Dataset d = blobs(60, 8);
    TrainConfig tc = new TrainConfig(2, 20, 0, Penalty.none(), Optimizers.sgd(0.1), 0);
    EpochRecord without = Training.fit(ModelSpec.parse("logistic", 0, Family.MULTINOMIAL), d,
        null, null, tc, TrainingListener.none(), null, null).result().history().last();
    assertTrue(without.valLoss().isEmpty() && without.valAccuracy().isEmpty(), without.toString());
    EpochRecord with = Training.fit(ModelSpec.parse("logistic", 0, Family.MULTINOMIAL), d,
        blobs(30, 9), null, tc, TrainingListener.none(), null, null).result().history().last();
    assertTrue(with.valLoss().getAsDouble() > 0, with.toString());
    assertTrue(with.valAccuracy().getAsDouble() >= 0 && with.valAccuracy().getAsDouble() <= 1);
    String json = dev.tikhonov.internal.data.Json.MAPPER.writeValueAsString(List.of(without, with));
    com.fasterxml.jackson.databind.JsonNode rows =
        dev.tikhonov.internal.data.Json.MAPPER.readTree(json);
    assertTrue(rows.get(0).get("val_loss").isNull() && rows.get(0).get("val_accuracy").isNull(),
        json);
    assertEquals(with.valLoss().getAsDouble(), rows.get(1).get("val_loss").doubleValue(), 0);
    List<String> names = new java.util.ArrayList<>();
    rows.get(1).fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("epoch", "train_loss", "penalty", "objective", "val_loss",
        "val_accuracy", "weight_norm", "learning_rate", "seconds"), names);
  }

  @Test
  void earlyStopping_keepsTheWeightsOfTheBestValidationEpoch() {
    Dataset train = blobs(80, 5);
    Dataset val = blobs(200, 6);
    TrainConfig tc = new TrainConfig(40, 8, 0, Penalty.none(),
        Optimizers.sgd(0.2).momentum(0.9), 3);
    Training.Outcome o = Training.fit(ModelSpec.parse("mlp:64,64", 0, Family.MULTINOMIAL), train, val, null,
        tc, TrainingListener.none(), null, null);
    History h = o.result().history();
    double best = h.epochs().stream().mapToDouble(r -> r.valLoss().orElseThrow()).min().orElseThrow();
    assertEquals(best, h.epochs().get(o.result().bestEpoch() - 1).valLoss().orElseThrow(), 0);
    double now = Evaluation.of(o.model().network(), Family.MULTINOMIAL.networkLoss(), val).loss();
    assertEquals(best, now, 1e-6);
    assertTrue(h.epochs().size() - o.result().bestEpoch() <= 3);
  }

  @Test
  void history_objectiveIsTrainLossPlusPenalty() {
    Dataset d = blobs(100, 7);
    Training.Outcome o = Training.fit(ModelSpec.parse("mlp:8", 0, Family.MULTINOMIAL), d, null, null,
        config(3, 0, 0.01, 0), TrainingListener.none(), null, null);
    for (EpochRecord r : o.result().history().epochs()) {
      assertEquals(r.trainLoss() + r.penalty(), r.objective(), 1e-12);
      assertTrue(r.penalty() > 0);
    }
    double expected = 0.01 / 2 * Math.pow(o.model().network().weightNorm(), 2);
    assertEquals(expected, o.result().penalty(), 1e-6 * expected);
  }

  /**
   * A listener that copies the state after epoch {@code epoch} (0: after every epoch, so the
   * last one stays) into {@code into[0]}: the trainer's state holds live matrices.
   */
  private static TrainingListener capture(int epoch, TrainingState[] into) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(TrainingState s) {
        if (epoch == 0 || s.epoch() == epoch) {
          into[0] = new TrainingState(s.epoch(), s.finished(), s.history(), s.order().clone(),
              s.shuffleState(), s.dropoutStates().clone(), s.stepCount(),
              copies(s.parameters()), copies(s.optimizerState()), s.bestValidationLoss(),
              s.bestEpoch(), copies(s.bestParameters()));
        }
      }
    };
  }

  private static java.util.Map<String, Matrix> copies(java.util.Map<String, Matrix> live) {
    java.util.Map<String, Matrix> out = new java.util.LinkedHashMap<>();
    live.forEach((name, m) -> out.put(name, m.copy()));
    return out;
  }

  /**
   * Resuming the last checkpoint of a finished 2-epoch run with a budget of 4 used to return the
   * 2-epoch model silently, its history [1, 2] and marked "stopped early". A finished run trains
   * no further, so the larger budget is refused; with the run's own budget it only finishes.
   */
  @Test
  void fit_resumingAFinishedRunWithALargerBudget_isRefused() {
    Dataset d = blobs(60, 3);
    ModelSpec spec = ModelSpec.parse("mlp:8", 0, Family.MULTINOMIAL);
    TrainingState[] last = new TrainingState[1];
    TrainingListener capture = capture(0, last);
    Training.Outcome two = Training.fit(spec, d, null, null, config(2, 0, 0, 0), capture, null,
        null);
    assertTrue(last[0].finished());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Training.fit(spec, d, null, null, config(4, 0, 0, 0), TrainingListener.none(),
            null, null, last[0]));
    assertEquals("epochs (4) would have no effect: the checkpoint to resume from is of a run that"
        + " finished at epoch 2, not by early stopping, so at its budget, and a finished run"
        + " trains no further; to train on from its weights, start a new fit from them (initial"
        + " weights)", e.getMessage());
    Training.Outcome again = Training.fit(spec, d, null, null, config(2, 0, 0, 0),
        TrainingListener.none(), null, null, last[0]);
    assertEquals(2, again.result().history().epochs().size());
    assertFalse(again.result().stoppedEarly());
    assertArrayEquals(two.model().network().parameters().get(0).value().toArray(),
        again.model().network().parameters().get(0).value().toArray());
  }

  /**
   * A run that early stopping ended before its budget finished legitimately below it: resuming
   * its last checkpoint with its own settings was refused as "epochs (40) would have no effect",
   * so `train --resume` of any early-stopped run failed. It only finishes, as the run did.
   */
  @Test
  void fit_resumingARunThatStoppedEarly_finishesAsItDid() {
    Dataset train = blobs(80, 5);
    Dataset val = blobs(200, 6);
    ModelSpec spec = ModelSpec.parse("mlp:64,64", 0, Family.MULTINOMIAL);
    TrainConfig tc = new TrainConfig(40, 8, 0, Penalty.none(),
        Optimizers.sgd(0.2).momentum(0.9), 3);
    TrainingState[] last = new TrainingState[1];
    Training.Outcome stopped = Training.fit(spec, train, val, null, tc, capture(0, last), null,
        null);
    assertTrue(stopped.result().stoppedEarly());
    assertTrue(last[0].finished() && last[0].epoch() < 40, "epoch " + last[0].epoch());
    Training.Outcome again = Training.fit(spec, train, val, null, tc, TrainingListener.none(),
        null, null, last[0]);
    assertTrue(again.result().stoppedEarly());
    assertEquals(stopped.result().bestEpoch(), again.result().bestEpoch());
    assertArrayEquals(stopped.model().network().parameters().get(0).value().toArray(),
        again.model().network().parameters().get(0).value().toArray());
  }

  /**
   * A checkpoint at epoch 3 of a 4-epoch run resumed with a budget of 2 epochs (an edited
   * setting) used to train nothing and return the checkpoint's weights as the fit.
   */
  @Test
  void fit_resumingWithFewerEpochsThanTheCheckpointReached_isRefused() {
    Dataset d = blobs(60, 3);
    ModelSpec spec = ModelSpec.parse("mlp:8", 0, Family.MULTINOMIAL);
    TrainingState[] third = new TrainingState[1];
    Training.fit(spec, d, null, null, config(4, 0, 0, 0), capture(3, third), null, null);
    assertFalse(third[0].finished());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Training.fit(spec, d, null, null, config(2, 0, 0, 0), TrainingListener.none(),
            null, null, third[0]));
    assertEquals("epochs (2) is below the epoch that the checkpoint to resume from has reached"
        + " (3): a run of 2 epochs cannot have trained 3; resume with the run's own budget, at"
        + " least 3 epochs", e.getMessage());
  }

  /**
   * Dropout on the data-parallel step keeps a resumed run bit for bit the uninterrupted one:
   * the masks come from one key per layer and step, drawn from the generator a checkpoint
   * saves.
   */
  @Test
  void fit_withDropoutOnTwoThreads_resumedAfterAnEpoch_isBitIdentical() {
    int saved = dev.tikhonov.tensor.Blas.threads();
    dev.tikhonov.tensor.Blas.setThreads(2);
    // a network this small is split only when the switch says so, whatever its work
    System.setProperty("tikhonov.step", "parts");
    try {
      Dataset d = blobs(300, 4);
      ModelSpec spec = ModelSpec.parse("mlp:32,16", 0.3, Family.MULTINOMIAL);
      // batch 64: two parts of 32 rows, the data-parallel step
      TrainConfig config = new TrainConfig(4, 64, 5, Penalty.l2(1e-3),
          Optimizers.sgd(0.05).momentum(0.9), 0);
      TrainingState[] afterTwo = new TrainingState[1];
      TrainingListener capture = capture(2, afterTwo);
      Training.Outcome full = Training.fit(spec, d, d, null, config, capture, null, null);
      Training.Outcome resumed = Training.fit(spec, d, d, null, config,
          TrainingListener.none(), null, null, afterTwo[0]);
      List<Parameter> pa = full.model().network().parameters();
      List<Parameter> pb = resumed.model().network().parameters();
      for (int i = 0; i < pa.size(); i++) {
        assertArrayEquals(pa.get(i).value().toArray(), pb.get(i).value().toArray(),
            pa.get(i).name());
      }
      assertEquals(full.result().history().last().valLoss(),
          resumed.result().history().last().valLoss());
      assertEquals(2, afterTwo[0].dropoutStates().length);
    } finally {
      System.clearProperty("tikhonov.step");
      dev.tikhonov.tensor.Blas.setThreads(saved);
    }
  }

  /**
   * A fit on two threads holds OpenBLAS at one thread from its first step to its end, the
   * evaluation between epochs included (so that OpenBLAS's own workers, which spin for about
   * 0.1 s after each call, do not run beside the next epoch's threads), and gives it back.
   */
  @Test
  void fit_onTwoThreads_holdsOpenBlasAtOneThreadBetweenEpochs_andGivesItBack() {
    int saved = dev.tikhonov.tensor.Blas.threads();
    dev.tikhonov.tensor.Blas.setThreads(2);
    try {
      for (String step : new String[] {"auto", "parts"}) { // one part, two parts
        System.setProperty("tikhonov.step", step);
        Dataset d = blobs(300, 4);
        ModelSpec spec = ModelSpec.parse("mlp:32,16", 0, Family.MULTINOMIAL);
        TrainConfig config = new TrainConfig(3, 64, 5, Penalty.l2(1e-3),
            Optimizers.sgd(0.05).momentum(0.9), 0);
        List<Integer> between = new java.util.ArrayList<>();
        TrainingListener probe = new TrainingListener() {
          @Override
          public void onEpoch(EpochRecord record) {
            between.add(dev.tikhonov.tensor.Blas.workerThreads());
          }
        };
        Training.fit(spec, d, d, null, config, probe, null, null);
        assertEquals(List.of(1, 1, 1), between, step);
        assertEquals(2, dev.tikhonov.tensor.Blas.workerThreads(), step + ": given back");
      }
    } finally {
      System.clearProperty("tikhonov.step");
      dev.tikhonov.tensor.Blas.setThreads(saved);
    }
  }
}
