package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.Splits;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.data.TrainTest;
import dev.tikhonov.estimate.Evaluation;
import dev.tikhonov.estimate.GridSearchCV;
import dev.tikhonov.estimate.MlpClassifier;
import dev.tikhonov.estimate.MlpGrid;
import dev.tikhonov.estimate.NetworkClassifier;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.select.CvMeasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grid --weights COLUMN: every candidate's network weighs its rows by the column (not a
 * feature), its held-out scores and the chosen model's test scores are weighted, as the
 * library's MlpGrid and GridSearchCV with a weighted base give them; CSV only, and refused as
 * train refuses it.
 */
class GridWeightsTest {
  @TempDir Path dir;

  /** data/wine.csv with a weight column: 1 + i mod 3, all 1, or row 5's −1. */
  private Path wine(String name, java.util.function.IntToDoubleFunction weight)
      throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    StringBuilder csv = new StringBuilder(lines.get(0)).append(",w\n");
    for (int i = 1; i < lines.size(); i++) {
      csv.append(lines.get(i)).append(',').append(weight.applyAsDouble(i)).append('\n');
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  private InProcess grid(String out, String... more) {
    List<String> args = new ArrayList<>(List.of("grid", "--model", "mlp:4", "--epochs", "3",
        "--batch-size", "32", "--lambdas", "0,0.1", "--cv-folds", "3", "--threads", "1",
        "--standardize", "--out", dir.resolve(out).toString()));
    args.addAll(List.of(more));
    return InProcess.run(args.toArray(String[]::new));
  }

  private JsonNode json(String out, String file) throws Exception {
    return new ObjectMapper().readTree(dir.resolve(out).resolve(file).toFile());
  }

  @Test
  void scores_areTheLibrarysWeightedSearch_andTheColumnIsNoFeature() throws Exception {
    Path data = wine("wine_w.csv", i -> 1 + i % 3);
    InProcess r = grid("g", "--data", data.toString(), "--target", "cultivar", "--weights",
        "w");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("13 features"), r.out());
    assertTrue(r.out().contains("weighted by column w"), r.out());

    // the same search through the library, on the split the CLI makes (test fraction 0.2, seed 0)
    Dataset all = CsvReader.read(data, "cultivar", TargetKind.CLASS, CsvOptions.defaults());
    TrainTest split = Splits.stratifiedTrainTest(all, 0.2, 0);
    MlpClassifier base = MlpClassifier.builder().hiddenLayers(4).epochs(3).batchSize(32)
        .standardize(true).weightColumn("w").build();
    GridSearchCV<NetworkClassifier> search = GridSearchCV.builder(MlpGrid.builder(base)
            .lambdas(0, 0.1).build())
        .resampling(Resampling.kFold(3, 0)).rule(SelectionRule.ONE_STANDARD_ERROR)
        .measure(CvMeasure.DEVIANCE).threads(1).build();
    GridSearchCV.Result<NetworkClassifier> library = search.crossValidate(split.train());

    JsonNode candidates = json("g", "grid.json").path("candidates");
    assertEquals(2, candidates.size(), candidates.toString());
    for (int i = 0; i < 2; i++) {
      GridSearchCV.Scored s = (GridSearchCV.Scored) library.outcomes().get(i);
      assertEquals(s.mean(), candidates.get(i).path("mean").asDouble(), 1e-12, "candidate " + i);
      assertEquals(s.standardError(), candidates.get(i).path("se").asDouble(), 1e-12);
    }
    Evaluation test = library.chosenModel().evaluate(split.test(), "w");
    JsonNode metrics = json("g", "metrics.json");
    assertEquals(test.loss(), metrics.path("test_loss").asDouble(), 1e-12, metrics.toString());
    assertEquals("w", json("g", "run.json").path("settings").path("weight_column").asText());
  }

  @Test
  void weightsAllOne_giveTheUnweightedGrid() throws Exception {
    String data = wine("ones.csv", i -> 1).toString();
    InProcess weighted = grid("w", "--data", data, "--target", "cultivar", "--weights", "w");
    InProcess plain = grid("p", "--data", data, "--target", "cultivar", "--ignore-columns",
        "w");
    assertEquals(0, weighted.exit(), weighted.err());
    assertEquals(0, plain.exit(), plain.err());
    JsonNode a = json("w", "grid.json").path("candidates");
    JsonNode b = json("p", "grid.json").path("candidates");
    for (int i = 0; i < 2; i++) {
      assertEquals(b.get(i).path("mean").asDouble(), a.get(i).path("mean").asDouble(), 1e-9);
      assertEquals(b.get(i).path("se").asDouble(), a.get(i).path("se").asDouble(), 1e-9);
    }
    assertEquals(json("p", "metrics.json").path("test_loss").asDouble(),
        json("w", "metrics.json").path("test_loss").asDouble(), 1e-9);
  }

  @Test
  void badInput_isRefusedAsTrainRefusesIt() throws Exception {
    String data = wine("wine_w.csv", i -> 1 + i % 3).toString();
    String bad = wine("bad.csv", i -> i == 5 ? -1 : 1).toString();
    String svm = Files.writeString(dir.resolve("d.svm"), "1 1:0.5\n0 1:0.1\n").toString();
    String[][] cases = {
        {"--data", svm, "--weights", "w"},
        {"--weights", "w"},
        {"--data", data, "--target", "w", "--weights", "w"},
        {"--data", data, "--target", "cultivar", "--ignore-columns", "w", "--weights", "w"},
        {"--data", bad, "--target", "cultivar", "--weights", "w"}};
    String[] says = {
        "--weights applies only to CSV data (it names a column); it has no effect on LIBSVM data",
        "on the bundled MNIST sample, whose images have no named columns",
        "--weights \"w\" is the --target column, the one predicted",
        "--weights \"w\" is also in --ignore-columns",
        bad + ":6:15 (column \"w\"): weight -1.0; --weights must be finite and ≥ 0"};
    for (int c = 0; c < cases.length; c++) {
      InProcess r = grid("bad" + c, cases[c]);
      assertEquals(2, r.exit(), String.join(" ", cases[c]) + ": " + r.err());
      assertTrue(r.err().contains(says[c]), r.err());
      assertTrue(!r.err().contains("\tat "), r.err());
    }
  }

  @Test
  void aFoldWhoseHeldOutRowsAllWeighNothing_isRefusedByName_beforeAnyFit() throws Exception {
    // wine.csv with an id column, to find the rows of the CLI's training part (test fraction
    // 0.2, seed 0) that its second of 3 folds (--fold-seed 0) holds out
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    StringBuilder ids = new StringBuilder(lines.get(0)).append(",id\n");
    for (int i = 1; i < lines.size(); i++) {
      ids.append(lines.get(i)).append(',').append(i).append('\n');
    }
    Path withIds = Files.writeString(dir.resolve("ids.csv"), ids);
    Dataset train = Splits.stratifiedTrainTest(CsvReader.read(withIds, "cultivar",
        TargetKind.CLASS, CsvOptions.defaults()), 0.2, 0).train();
    double[] id = train.column("id");
    java.util.Set<Integer> heldOut = new java.util.HashSet<>();
    int[] rows = Resampling.kFold(3, 0).splits(train).get(1).testRows();
    for (int i : rows) {
      heldOut.add((int) id[i]);
    }
    String data = wine("fold2.csv", i -> heldOut.contains(i) ? 0 : 1).toString();
    InProcess r = grid("fold2", "--data", data, "--target", "cultivar", "--weights", "w");
    assertEquals(2, r.exit(), r.err());
    // it was 'error: --weights "w": every weight of … is 0; nothing to score' after the first
    // fold's fits, naming no fold
    assertEquals("tikhonov: error: --data " + data + ": split 2 of 3: every one of its "
        + rows.length + " held-out rows has weight 0 (weight column \"w\"), so the split cannot"
        + " be scored; the folds are random: another --fold-seed (now 0) makes other ones,"
        + " fewer --cv-folds (now 3) hold out more rows each", r.err());
    assertEquals("", r.out());
  }
}
