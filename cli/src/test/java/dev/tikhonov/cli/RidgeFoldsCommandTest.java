package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tikhonov ridge --criterion cv}: k-fold cross-validation with the fold flags of select
 * and grid ({@link FoldOptions}, {@link RuleOption}); its curve, λ_min, λ_1se and chosen model
 * are {@link RidgeCV}'s with {@code resampling(Resampling.kFold(k, seed))} (checked against
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
      CvResult cv = v.cv().orElseThrow();
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
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--cv-folds", "1"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--cv-folds", "41"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--rule", "max"),
        List.of("--data", zero.toString(), "--target", "y", "--weights", "w", "--criterion",
            "cv", "--cv-folds", "5"),
        List.of("--data", t, "--target", "y", "--criterion", "kfold"));
    List<String> mentions = List.of(
        "--cv-folds applies only with --criterion cv (k-fold cross-validation); it has no"
            + " effect with --criterion gcv",
        "--rule applies only with --criterion cv", "--fold-seed applies only with --criterion cv",
        "--cv-folds", "--cv-folds (41) is more than the 40 rows", "--rule",
        "zero.csv: split 4 of 5: its only held-out row has weight 0 (weight column \"w\")",
        "--criterion");
    RidgeCommandTest.assertRefused(dir, cases, mentions);
  }

  /**
   * --repeat-seeds, --holdout and --cv-measure are select's and grid's network search: ridge
   * refuses them as flags it does not have, saying what it does instead (exit 2, before any
   * file). They were in its help and then refused whatever the other flags.
   */
  @Test
  void networkSearchFlags_areUnknown_sayingWhatRidgeDoesInstead() throws Exception {
    String t = TALL.toString();
    List<List<String>> cases = List.of(
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--repeat-seeds", "1,2"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--cv-measure", "mse"),
        List.of("--data", t, "--target", "y", "--criterion", "cv", "--holdout=0.3"));
    List<String> mentions = List.of(
        "tikhonov: error: Unknown options: '--repeat-seeds', '1,2'; ridge's fits are exact,"
            + " the same whatever the seed: it cross-validates by k folds (--criterion cv"
            + " --cv-folds K); --repeat-seeds is select's and grid's, whose networks' fits vary"
            + " with the seed\n",
        "tikhonov: error: Unknown options: '--cv-measure', 'mse'; ridge --criterion cv scores"
            + " each fold by its held-out MSE (weighted with --weights), its only measure;"
            + " --cv-measure is select's and grid's\n",
        "tikhonov: error: Unknown option: '--holdout=0.3'; ridge cross-validates by k folds"
            + " (--criterion cv --cv-folds K), not on one split held out; --holdout is select's"
            + " and grid's, with --repeat-seeds\n");
    RidgeCommandTest.assertRefused(dir, cases, mentions);
  }

  /**
   * path's flags for other families and penalties, asked of ridge, say where that fit is: ridge
   * is the gaussian family's closed form, and path --l1-ratio 0 is ridge for every family.
   */
  @Test
  void pathsFlags_areUnknown_sayingThatPathFitsThem() throws Exception {
    String t = TALL.toString();
    List<List<String>> cases = List.of(
        List.of("--data", t, "--target", "y", "--family", "binomial"),
        List.of("--data", t, "--target", "y", "--l1-ratio", "0.5"));
    List<String> mentions = List.of(
        "tikhonov: error: Unknown options: '--family', 'binomial'; ridge is the gaussian"
            + " family's closed form (squared error); path --family F --l1-ratio 0 fits ridge"
            + " for the binomial, multinomial and poisson families\n",
        "tikhonov: error: Unknown options: '--l1-ratio', '0.5'; ridge is the L2 penalty alone"
            + " (l1-ratio 0), in closed form; path --l1-ratio A fits the lasso (1) and the"
            + " elastic net (0 < A < 1)\n");
    RidgeCommandTest.assertRefused(dir, cases, mentions);
  }

  /**
   * ridge's help lists the fold flags it takes and not the network search's (--repeat-seeds,
   * --holdout, --cv-measure), which it listed and then always refused; select and grid list all
   * six, in the order they did before ridge's were split from theirs.
   */
  @Test
  void help_listsTheFoldFlags_notTheNetworkSearchsOnes() {
    List<String> folds = List.of("--cv-folds", "--fold-seed", "--rule");
    List<String> search = List.of("--repeat-seeds", "--holdout", "--cv-measure");
    List<String> ridge = listed("ridge");
    assertTrue(ridge.containsAll(folds), ridge.toString());
    for (String flag : search) {
      assertFalse(ridge.contains(flag), flag + " in ridge's help: " + ridge);
    }
    List<String> order = List.of("--folds", "--cv-folds", "--fold-seed", "--repeat-seeds",
        "--holdout", "--rule", "--cv-measure");
    for (String command : List.of("select", "grid")) {
      List<String> flags = listed(command);
      assertEquals(order, flags.stream().filter(order::contains).toList(), command);
    }
  }

  /**
   * ridge's help describes its fold flags in its own terms: they spoke of --repeat-seeds ("not
   * with --repeat-seeds", "with --repeat-seeds: the one split"), which ridge does not take, and
   * of select ("select takes it only with several λ"), and none said it needs --criterion cv.
   * select's and grid's keep theirs.
   */
  @Test
  void help_describesTheFoldFlagsInRidgesTerms() {
    InProcess r = InProcess.run("ridge", "--help");
    assertEquals(0, r.exit(), r.err());
    for (String word : List.of("--repeat-seeds", "select")) {
      assertFalse(r.out().contains(word), word + " in ridge's help:\n" + r.out());
    }
    String flat = r.out().replaceAll("\\s+", " ");
    for (String flag : List.of("--folds, --cv-folds=K", "--fold-seed=S", "--rule=RULE")) {
      assertTrue(flat.contains(flag + " With --criterion cv: "), flag + " in " + flat);
    }
    for (String command : List.of("select", "grid")) {
      String help = InProcess.run(command, "--help").out().replaceAll("\\s+", " ");
      assertTrue(help.contains("--folds, --cv-folds=K K-fold cross-validation (random fold ids,"
          + " seeded by --fold-seed); not with --repeat-seeds. Default: 5."), help);
      assertTrue(help.contains("--rule=RULE 1se (the largest λ / simplest setting within one"
          + " standard error of the best; cv.glmnet's lambda.1se) or min (the best mean);"
          + " select takes it only with several λ. Default: 1se."), help);
    }
  }

  /**
   * The flags that {@code command --help} lists as options, each by every name it has: the
   * lines that start an option (indented by 6, or by 2 before a short name), not a description's
   * continued lines, which may start with a flag it names.
   */
  static List<String> listed(String command) {
    InProcess r = InProcess.run(command, "--help");
    assertEquals(0, r.exit(), r.err());
    Matcher m = Pattern.compile(
        "(?m)^(?: {2}-\\w, | {6})(--[\\w-]+)(?:, (--[\\w-]+))?(?=[= ]|$)").matcher(r.out());
    List<String> flags = new java.util.ArrayList<>();
    while (m.find()) {
      flags.add(m.group(1));
      if (m.group(2) != null) {
        flags.add(m.group(2));
      }
    }
    return flags;
  }
}
