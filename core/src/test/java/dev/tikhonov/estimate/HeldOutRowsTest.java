package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping without a validationFraction holds out 10 % of the rows, and the settings say
 * so ({@code validation_fraction=0.1}; they said 0.0); the fitted model's provenance also says
 * how many training rows it held out ({@code held_out_rows}), and keeps saying it after a save
 * and load.
 */
class HeldOutRowsTest {
  @TempDir Path dir;

  static final Dataset DATA = Synthetic.regression().rows(120).features(4).informative(2)
      .noise(0.5).seed(2).build().data();

  static MlpRegressor.Builder network() {
    return MlpRegressor.builder().hiddenLayers(3).epochs(3).seed(1);
  }

  @Test
  void earlyStopping_withoutValidationFraction_recordsTheTenPercentHeldOut() throws Exception {
    NetworkRegressor model = network().patience(1).build().fit(DATA);
    Map<String, Object> settings = model.provenance().settings();
    assertEquals(0.1, settings.get("validation_fraction"), "the share held out");
    assertEquals(Math.round(0.1 * DATA.numRows()), ((Number) settings.get("held_out_rows"))
        .longValue());
    Path file = dir.resolve("m.json");
    model.save(file);
    assertEquals(settings, Predictor.load(file, NetworkRegressor.class).provenance().settings());
    // a file written before the entry: the same, without held_out_rows, still loads
    Path before = Files.write(dir.resolve("before.json"), withoutHeldOutRows(
        Files.readAllBytes(file)));
    Map<String, Object> old = Predictor.load(before, NetworkRegressor.class).provenance()
        .settings();
    assertFalse(old.containsKey("held_out_rows"));
    assertEquals(settings.size() - 1, old.size());
  }

  /**
   * A model file with held_out_rows taken out of the provenance in the header's metadata
   * "model", and without the header's checksum, as such files were written.
   */
  static byte[] withoutHeldOutRows(byte[] file) throws Exception {
    return ModelFileEdits.withModel(file, model -> {
      ObjectNode settings = (ObjectNode) model.get("provenance").get("settings");
      assertTrue(settings.remove("held_out_rows") != null, settings.toString());
    });
  }

  /**
   * The printed estimator says what its fit holds out: with patience and no validationFraction,
   * 0.1 (an MLP with patience 3 printed validation_fraction=0.0 and held out 800 of 8000 rows);
   * the settings' getter says the same, and toBuilder keeps the setting as given, so that
   * patience(0) on the copy holds nothing out again.
   */
  @Test
  void earlyStopping_withoutValidationFraction_printsTheShareItHoldsOut() {
    MlpRegressor patient = network().patience(3).build();
    assertTrue(patient.toString().contains("validation_fraction=0.1,"), patient.toString());
    assertEquals(0.1, patient.settings().validationFraction());
    MlpRegressor impatient = patient.toBuilder().patience(0).build();
    assertTrue(impatient.toString().contains("validation_fraction=0.0,"), impatient.toString());
    assertEquals(0.0, impatient.settings().validationFraction());
    assertFalse(impatient.fit(DATA).provenance().settings().containsKey("held_out_rows"));
    MlpRegressor quarter = network().patience(3).validationFraction(0.25).build();
    assertTrue(quarter.toString().contains("validation_fraction=0.25,"), quarter.toString());
  }

  @Test
  void validationFraction_recordsItsRows_andNoHoldOut_recordsNone() {
    NetworkRegressor quarter = network().validationFraction(0.25).build().fit(DATA);
    assertEquals(Math.round(0.25 * DATA.numRows()),
        ((Number) quarter.provenance().settings().get("held_out_rows")).longValue());
    assertFalse(network().build().fit(DATA).provenance().settings()
        .containsKey("held_out_rows"), "no rows held out");
    NetworkRegressor given = network().patience(1).build().fit(DATA.subset(range(0, 100)),
        FitOptions.none().withValidation(DATA.subset(range(100, 120))));
    assertFalse(given.provenance().settings().containsKey("held_out_rows"),
        "validation rows given, none held out of the training rows");
  }

  static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }
}
