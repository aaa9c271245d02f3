package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.experiment.GdLinear;
import dev.tikhonov.experiment.MnistL2;
import dev.tikhonov.experiment.MnistSelect;
import dev.tikhonov.experiment.RidgeVsLasso;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The experiments' settings, as run.json and the report show them, use snake_case keys
 * everywhere: ridge-vs-lasso's were "testFraction" beside "rows" and "folds". (No reader looks a
 * key up by name: the report shows the settings as they are, so an old run's "testFraction"
 * still shows.)
 */
class SettingsKeysTest {
  @Test
  void everyExperimentsSettingsKeys_areSnakeCase() {
    for (Object settings : List.of(RidgeVsLasso.Settings.full(), MnistL2.Settings.full(),
        GdLinear.Settings.defaults(), MnistSelect.Settings.full())) {
      for (String key : ExperimentCommand.flatten(settings).keySet()) {
        assertTrue(key.matches("[a-z0-9]+(_[a-z0-9]+)*"), settings.getClass() + ": " + key);
      }
    }
  }

  /** mnist-l2's recipe is one flat level beside its grid, as run.json has always shown it. */
  @Test
  void mnistL2_settings_areOneFlatLevel() {
    Map<String, Object> m = ExperimentCommand.flatten(MnistL2.Settings.quick());
    assertEquals(List.of("lambdas", "dropout", "dropout_lambdas", "seeds", "epochs",
        "batch_size", "learning_rate", "momentum", "hidden"), List.copyOf(m.keySet()));
    assertEquals(List.of(5, 128, 0.05, 0.9, List.of(256, 128)), List.of(m.get("epochs"),
        m.get("batch_size"), m.get("learning_rate"), m.get("momentum"), m.get("hidden")));
  }

  @Test
  void ridgeVsLasso_testFraction_isTestFraction() {
    Map<String, Object> m = ExperimentCommand.flatten(RidgeVsLasso.Settings.quick());
    assertEquals(0.25, m.get("test_fraction"));
  }
}
