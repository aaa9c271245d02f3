package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.Resampling;
import dev.tikhonov.estimate.RidgeCV;
import dev.tikhonov.estimate.SelectionRule;
import dev.tikhonov.select.CvResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tikhonov ridge --criterion cv}: k-fold cross-validation with the fold flags of select
 * and grid ({@link ResamplingOptions}); its curve, λ_min, λ_1se and chosen model are
 * {@link RidgeCV}'s with {@code resampling(Resampling.kFold(k, seed))} (checked against
 * scikit-learn and per-fold refits in core's RidgeCvKFoldTest), and its refusals exit 2 naming
 * the flag before any file is written.
 */
class RidgeFoldsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TALL = Path.of("..", "core", "src", "test", "resources", "ref",
      "ridge", "tall.csv");
  @TempDir Path dir;

  @Test
  void criterionCv_isRidgeCvsKFold_andNamesTheFoldsAndTheRule() throws Exception {
    for (String rule : List.of("min", "1se")) {
      Path out = dir.resolve("run-" + rule);
      InProcess r = InProcess.run("ridge", "--data", TALL.toString(), "--target", "y",
          "--weights", "w", "--no-standardize", "--nlambda", "30", "--criterion", "cv",
          "--cv-folds", "5", "--fold-seed", "3", "--rule", rule, "--out", out.toString());
      assertEquals(0, r.exit(), r.err());
      RidgeCV.Validation v = RidgeCV.builder().weightColumn("w").numLambdas(30)
          .resampling(Resampling.kFold(5, 3)).rule(rule.equals("min")
              ? SelectionRule.MINIMUM : SelectionRule.ONE_STANDARD_ERROR).build()
          .crossValidate(Dataset.read(TALL, "y", TargetKind.REAL));
      CvResult cv = v.crossValidation().orElseThrow();
      JsonNode json = JSON.readTree(out.resolve("path.json").toFile());
      assertEquals("cv", json.get("criterion").asText());
      assertEquals(v.chosenIndex(), json.get("chosen_index").asInt());
      assertEquals(v.chosenLambda(), json.get("lambda_chosen").asDouble(), 0.0);
      assertEquals(rule.equals("min") ? cv.indexMin() : cv.index1se(), v.chosenIndex());
      JsonNode c = json.get("cv");
      assertEquals("mse", c.get("measure").asText());
      assertEquals(5, c.get("folds").asInt());
      assertEquals(3, c.get("fold_seed").asInt());
      assertEquals(rule, c.get("rule").asText());
      assertEquals(cv.lambdaMin(), c.get("lambda_min").asDouble(), 0.0);
      assertEquals(cv.lambda1se(), c.get("lambda_1se").asDouble(), 0.0);
      double[] mean = RidgeCommandTest.numbers(c.get("mean"));
      for (int l = 0; l < mean.length; l++) {
        assertEquals(cv.mean(l), mean[l], 0.0);
      }
      assertTrue(r.out().contains("5-fold cross-validation (fold seed 3; cv_mean the held-out"
          + " MSE) chooses lambda_" + rule + " = "), r.out());
      assertTrue(r.out().contains("<- lambda_min") && r.out().contains("<- lambda_1se"),
          r.out());
      List<String> csv = Files.readAllLines(out.resolve("path.csv"));
      assertTrue(csv.get(0).endsWith(",x4,cv_mean,cv_se"), csv.get(0));
      assertTrue(Files.isRegularFile(out.resolve("charts").resolve("cv-curve.svg")),
          "report draws the folds' curve");
    }
  }

  @Test
  void badFoldFlags_exit2_nameTheFlag_writeNothing() throws Exception {
    Path zero = Files.writeString(dir.resolve("zero.csv"),
        "a,w,y\n1,1,3\n2,0,4\n5,1,1\n4,1,2\n3,1,5\n");
    String t = TALL.toString();
    List<List<String>> cases = List.of(
        List.of("--data", t, "--target", "y", "--cv-folds", "5"),
        List.of("--data", t, "--target", "y", "--criterion", "loo", "--rule", "min"),
        List.of("--data", t, "--target", "y", "--fold-seed", "2"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--repeat-seeds", "1,2"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--cv-measure", "mse"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--cv-folds", "1"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--cv-folds", "41"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--rule", "max"),
        List.of("--data", zero.toString(), "--target", "y", "--weights", "w", "--criterion",
            "cv", "--cv-folds", "5"),
        List.of("--data", t, "--target", "y", "--criterion", "kfold"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--holdout", "0.3"));
    List<String> mentions = List.of(
        "--cv-folds applies only with --criterion cv (k-fold cross-validation); it has no"
            + " effect with --criterion gcv",
        "--rule applies only with --criterion cv", "--fold-seed applies only with --criterion cv",
        "--repeat-seeds applies only to select and grid", "--cv-measure applies only to select",
        "--cv-folds", "--cv-folds (41) is more than the 40 rows", "--rule",
        "zero.csv: split 4 of 5: its only held-out row has weight 0 (weight column \"w\")",
        "--criterion", "--holdout applies only with --repeat-seeds");
    RidgeCommandTest.assertRefused(dir, cases, mentions);
  }
}
