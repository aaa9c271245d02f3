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

  /**
   * mnist-select's settings take mnist-l2's recipe, flattened as its keys always were, with the
   * same values for --quick (MLP 784-64-10, 4 epochs) and the full run (784-256-128-10, 10).
   */
  @Test
  void mnistSelect_settings_areOneFlatLevel_withTheRecipesValues() {
    Map<String, Object> quick = ExperimentCommand.flatten(MnistSelect.Settings.quick());
    assertEquals(List.of("epochs", "batch_size", "learning_rate", "momentum", "hidden",
        "warm_epochs", "num_lambdas", "min_lambda", "folds", "fold_seed", "patience",
        "validation_fraction", "rule", "seeds", "methods", "evidence", "train_rows"),
        List.copyOf(quick.keySet()));
    assertEquals(List.of(4, 128, 0.05, 0.9, List.of(64), 2, 2000), List.of(quick.get("epochs"),
        quick.get("batch_size"), quick.get("learning_rate"), quick.get("momentum"),
        quick.get("hidden"), quick.get("warm_epochs"), quick.get("train_rows")));
    Map<String, Object> full = ExperimentCommand.flatten(MnistSelect.Settings.full());
    assertEquals(List.of(10, List.of(256, 128), 3, 13), List.of(full.get("epochs"),
        full.get("hidden"), full.get("warm_epochs"), full.get("num_lambdas")));
    MnistSelect.Settings changed = MnistSelect.Settings.full().toBuilder().epochs(7)
        .trainRows(100).build();
    assertEquals(7, changed.recipe().epochs());
    assertEquals(List.of(256, 128), changed.recipe().hidden());
    assertEquals(100, changed.trainRows());
    assertEquals(MnistSelect.Settings.full(), MnistSelect.Settings.full().toBuilder().build());
  }

  @Test
  void ridgeVsLasso_testFraction_isTestFraction() {
    Map<String, Object> m = ExperimentCommand.flatten(RidgeVsLasso.Settings.quick());
    assertEquals(0.25, m.get("test_fraction"));
  }
}
