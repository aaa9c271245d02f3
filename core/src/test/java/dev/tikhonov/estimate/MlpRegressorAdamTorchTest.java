package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.optim.Optimizers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public {@link MlpRegressor} trained by Adam and AdamW, full batch, against PyTorch 1.13
 * from the same initial weights (ref/make_mlp_adam_torch.py: a 3-5-1 ReLU network on
 * 0.5·mean((y − ŷ)²), biases undecayed, 20 steps): torch's {@code Adam(weight_decay=d)} is
 * {@code lambda(d)} with {@code Optimizers.adam}, its {@code AdamW(weight_decay=d)} is
 * {@code weightDecay(d)} with {@code Optimizers.adamW} and λ = 0 (docs/objective.md). The
 * tolerance is float32's: both compute in float32, in another order (tikhonov shuffles the one
 * batch's rows), 2e-6 absolute on weights of order 1 after 20 steps (both cases agree to 2.1e-7;
 * λ off by 1 % moves the weights by 4.8e-3, coupled L2 in place of AdamW's decay by 0.95).
 */
class MlpRegressorAdamTorchTest {
  private static final double TOLERANCE = 2e-6;
  private static final JsonNode REF = read();

  private static JsonNode read() {
    try (InputStream in = MlpRegressorAdamTorchTest.class
        .getResourceAsStream("/ref/mlp-adam-torch.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  private static Dataset data() {
    float[] x = floats(REF.get("x"));
    float[] y = floats(REF.get("y"));
    int p = x.length / y.length;
    double[][] rows = new double[y.length][p];
    double[] targets = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < p; j++) {
        rows[i][j] = x[i * p + j];
      }
      targets[i] = y[i];
    }
    return Dataset.of(rows, targets, List.of("x1", "x2", "x3"));
  }

  private static List<LayerWeights> init() {
    JsonNode init = REF.get("init");
    int hidden = REF.get("hidden").asInt();
    return List.of(
        new LayerWeights("dense0", 3, hidden, floats(init.get(0)), floats(init.get(1))),
        new LayerWeights("dense1", hidden, 1, floats(init.get(2)), floats(init.get(3))));
  }

  private static JsonNode peer(String name) {
    for (JsonNode c : REF.get("cases")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no case " + name);
  }

  /** The largest absolute difference between torch's weights and the fitted model's. */
  private static double gap(JsonNode peer, MlpRegressor.Builder builder) {
    int rows = REF.get("y").size();
    NetworkRegressor model = builder.hiddenLayers(REF.get("hidden").asInt())
        .epochs(peer.get("steps").asInt()).batchSize(rows).validationFraction(0).seed(1)
        .build().fit(data(), FitOptions.none().withInitialWeights(init()));
    List<LayerWeights> layers = model.layers();
    JsonNode w = peer.get("weights");
    double gap = 0;
    for (int l = 0; l < 2; l++) {
      float[][] ours = {layers.get(l).weight(), layers.get(l).bias()};
      for (int k = 0; k < 2; k++) {
        float[] theirs = floats(w.get(2 * l + k));
        assertEquals(theirs.length, ours[k].length);
        for (int i = 0; i < theirs.length; i++) {
          gap = Math.max(gap, Math.abs(theirs[i] - ours[k][i]));
        }
      }
    }
    return gap;
  }

  @Test
  void adamWeightDecay_isLambdaD_afterTwentyFullBatchSteps() {
    JsonNode c = peer("adam");
    double d = c.get("weight_decay").asDouble();
    double lr = c.get("lr").asDouble();
    double gap = gap(c, MlpRegressor.builder().optimizer(Optimizers.adam(lr)).lambda(d));
    assertTrue(gap < TOLERANCE, "largest difference " + gap);
    for (double off : new double[] {1.01 * d, 0.99 * d}) {
      double wrong = gap(c, MlpRegressor.builder().optimizer(Optimizers.adam(lr)).lambda(off));
      assertTrue(wrong > 10 * TOLERANCE, "λ = " + off + " is only " + wrong + " off");
    }
  }

  @Test
  void adamW_isWeightDecayD_withLambdaZero() {
    JsonNode c = peer("adamw");
    double d = c.get("weight_decay").asDouble();
    double lr = c.get("lr").asDouble();
    double gap = gap(c, MlpRegressor.builder().optimizer(Optimizers.adamW(lr, d)));
    assertTrue(gap < TOLERANCE, "largest difference " + gap);
    double coupled = gap(c, MlpRegressor.builder().optimizer(Optimizers.adam(lr)).lambda(d));
    assertTrue(coupled > 10 * TOLERANCE, "coupled L2 at d is only " + coupled + " off");
  }
}
