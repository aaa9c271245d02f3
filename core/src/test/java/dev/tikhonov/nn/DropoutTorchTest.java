package dev.tikhonov.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.tensor.Matrix;
import dev.tikhonov.tensor.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Dropout} against torch.nn.Dropout's rules (ref/make_dropout_torch.py, PyTorch 1.13):
 * masks are random, so on tikhonov's own mask, every kept unit is x times torch's float32
 * factor 1/(1 − p) bit for bit, a dropped one 0, the input gradient g times the same factor on
 * kept units and 0 on dropped ones (so E[y] = x: inverted dropout), and inference the identity
 * (torch's eval mode). The share kept is 1 − p within 5 binomial standard deviations over 1,000
 * units (a seeded draw, so the check is deterministic). A rate off by 1 % changes the factor.
 */
class DropoutTorchTest {
  private static final JsonNode REF = read();

  private static JsonNode read() {
    try (InputStream in = DropoutTorchTest.class.getResourceAsStream("/ref/dropout-torch.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Matrix matrix(String key) {
    JsonNode values = REF.get(key);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values.get(i).asDouble();
    }
    return Matrix.of(REF.get("rows").asInt(), REF.get("cols").asInt(), out);
  }

  private static JsonNode peer(double p) {
    for (JsonNode c : REF.get("cases")) {
      if (c.get("p").asDouble() == p) {
        return c;
      }
    }
    throw new AssertionError("no case p = " + p);
  }

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(doubles = {0.1, 0.3, 0.5, 0.9})
  void trainingMaskScalesAsTorch_andInferenceIsTheIdentity(double p) {
    JsonNode c = peer(p);
    float scale = (float) c.get("scale").asDouble();
    Matrix x = matrix("x");
    Matrix g = matrix("g");
    Dropout layer = new Dropout(p, new Rng(43));
    Matrix y = layer.forward(x, Layer.Mode.TRAIN).copy();
    Matrix dx = layer.backward(g).copy();
    int kept = 0;
    for (int e = 0; e < x.size(); e++) {
      if (y.at(e) == 0) {
        assertEquals(0f, dx.at(e), 0f, "the gradient of dropped unit " + e); // ±0, as torch
      } else {
        kept++;
        assertEquals(x.at(e) * scale, y.at(e), 0f, "kept unit " + e + ": x·torch's 1/(1 − p)");
        assertEquals(g.at(e) * scale, dx.at(e), 0f, "the gradient of kept unit " + e);
      }
    }
    int n = x.size();
    double sd = Math.sqrt(n * p * (1 - p));
    assertTrue(Math.abs(kept - n * (1 - p)) < 5 * sd, kept + " of " + n + " kept at p = " + p);
    assertTrue(c.get("eval_identity").asBoolean());
    assertSame(x, layer.forward(x, Layer.Mode.INFER), "inference is the identity, as torch's");
  }
}
