package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkSettings}' equals, hashCode and toString agree: settings that print alike are
 * equal, and unequal ones print differently. Patience without a validationFraction holds out
 * 0.1, as a given 0.1 does, and both printed "validation_fraction=0.1" while equals (on the
 * setting as given, which toBuilder copies: patience(0) on the copy holds out nothing again)
 * told them apart.
 */
class NetworkSettingsTextTest {

  private static MlpRegressor.Builder base() {
    return MlpRegressor.builder().hiddenLayers(3).epochs(3).seed(1);
  }

  @Test
  void equalExactlyWhenPrintedAlike() {
    List<NetworkSettings> all = List.of(
        base().build().settings(),
        base().patience(5).build().settings(),
        base().patience(5).validationFraction(0.1).build().settings(),
        base().patience(5).validationFraction(0.1).build().settings(),
        base().validationFraction(0.1).build().settings(),
        base().patience(5).validationFraction(0.2).build().settings(),
        base().patience(5).build().toBuilder().patience(0).build().settings(),
        base().patience(5).validationFraction(0.1).build().toBuilder().patience(0).build()
            .settings());
    for (NetworkSettings a : all) {
      for (NetworkSettings b : all) {
        assertEquals(a.equals(b), a.toString().equals(b.toString()), a + "\n" + b);
        if (a.equals(b)) {
          assertEquals(a.hashCode(), b.hashCode(), a.toString());
        }
      }
    }
  }

  @Test
  void patiencesDefaultShare_isPrintedAsSuch_andStillHeldOut() {
    NetworkSettings patient = base().patience(5).build().settings();
    assertEquals(0.1, patient.validationFraction());
    String text = patient.toString();
    assertEquals(true, text.contains("validation_fraction=0.1 (default for patience),"), text);
    String given = base().patience(5).validationFraction(0.1).build().settings().toString();
    assertEquals(true, given.contains("validation_fraction=0.1,"), given);
  }
}
