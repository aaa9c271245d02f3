package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A flag or command typed almost right is refused with the real one named: picocli's default
 * handler prints "Did you mean", the tool's own handler (one error line) used to drop it, so
 * {@code --lamda 0.1} said only {@code Unknown options: '--lamda', '0.1'}.
 */
class MistypedFlagTest {
  @Test
  void aFlagCloseToARealOne_isRefusedNamingTheRealOne() {
    InProcess r = InProcess.run("train", "--lamda", "0.1");
    assertEquals(2, r.exit());
    assertEquals("tikhonov: error: Unknown options: '--lamda', '0.1'; did you mean --lambda?",
        r.err().lines().findFirst().orElseThrow());
    assertEquals("Unknown options: '--nlambdas', '5'; did you mean --nlambda or --lambdas?",
        InProcess.run("path", "--data", "d.csv", "--nlambdas", "5").message().lines().findFirst().orElseThrow());
  }

  @Test
  void aCommandCloseToARealOne_namesIt_andAFlagLikeNoneSaysNoMore() {
    assertEquals("Unmatched argument at index 0: 'trian'; did you mean train?",
        InProcess.run("trian").message().lines().findFirst().orElseThrow());
    assertEquals("Unknown options: '--lamdba', '0.1'; did you mean --lambdas or --nlambda?",
        firstLine("path", "--data", "d.csv", "--lamdba", "0.1"));
    assertEquals("unknown experiment 'ridge-vs-las': expected mnist-l2, gd-linear,"
        + " ridge-vs-lasso or mnist-select; did you mean ridge-vs-lasso?",
        firstLine("experiment", "ridge-vs-las"));
    assertEquals("Unknown option: '--zzzzzz'",
        InProcess.run("train", "--zzzzzz").message().lines().findFirst().orElseThrow());
  }

  /** A command far from every name: the names there are ("tikhonov bogus" said nothing). */
  @Test
  void aCommandLikeNone_isRefusedNamingTheCommands() {
    String line = firstLine("bogus");
    assertTrue(line.startsWith("Unmatched argument at index 0: 'bogus'; 'tikhonov' takes train,"
        + " predict, evaluate, "), line);
  }

  private static String firstLine(String... args) {
    InProcess r = InProcess.run(args);
    assertEquals(2, r.exit(), r.err());
    return r.message().lines().findFirst().orElseThrow();
  }

  /**
   * Flags as PyTorch, Keras and scikit-learn spell them, or in another case, had no suggestion
   * (picocli's go by spelling distance): {@code --learning-rate 0.1} said only {@code Unknown
   * options: '--learning-rate', '0.1'}.
   */
  @Test
  void aFlagAsAnotherToolSpellsIt_isRefusedNamingOursAsASuggestion() {
    assertEquals("Unknown options: '--learning-rate', '0.1'; did you mean --lr?",
        firstLine("train", "--learning-rate", "0.1"));
    assertEquals("Unknown option: '--learning_rate=0.1'; did you mean --lr?",
        firstLine("train", "--learning_rate=0.1"));
    assertEquals("Unknown options: '--Lambda', '0.1'; did you mean --lambda?",
        firstLine("train", "--Lambda", "0.1"));
    assertEquals("Unknown options: '--weight_decay', '1e-4'; did you mean --weight-decay?",
        firstLine("train", "--weight_decay", "1e-4"));
    assertEquals("Unknown options: '--batch_size', '32'; did you mean --batch-size?",
        firstLine("train", "--batch_size", "32"));
    assertEquals("Unknown options: '--l1_ratio', '0.5'; did you mean --l1-ratio?",
        firstLine("path", "--data", "d.csv", "--l1_ratio", "0.5"));
    assertEquals("Unknown options: '--alpha', '0.1'; did you mean --lambda (scikit-learn's"
        + " alpha is λ) or --l1-ratio (glmnet's alpha is α)? docs/objective.md converts"
        + " scikit-learn's and glmnet's settings", firstLine("train", "--alpha", "0.1"));
    assertEquals("Unknown options: '--alpha', '0.1'; did you mean --lambdas (scikit-learn's"
        + " alpha is λ) or --l1-ratio (glmnet's alpha is α)? docs/objective.md converts"
        + " scikit-learn's and glmnet's settings",
        firstLine("path", "--data", "d.csv", "--alpha", "0.1"));
    // glmnet's arguments as an R user types them: '.' in the name, R's names for our flags
    assertEquals("Unknown options: '--lambda.min.ratio', '0.01'; did you mean --lambda-min-ratio?",
        firstLine("path", "--data", "d.csv", "--lambda.min.ratio", "0.01"));
    assertEquals("Unknown options: '--penalty.factor', 'bmi=0'; did you mean --penalty-factors?",
        firstLine("path", "--data", "d.csv", "--penalty.factor", "bmi=0"));
    assertEquals("Unknown options: '--thresh', '1e-10'; did you mean --tol (glmnet's thresh is"
        + " where its sweeps stop; --tol certifies each λ)? docs/objective.md converts"
        + " scikit-learn's and glmnet's settings", firstLine("path", "--data", "d.csv",
            "--thresh", "1e-10"));
    assertEquals("Unknown options: '--nfolds', '10'; did you mean --cv-folds?",
        firstLine("path", "--data", "d.csv", "--nfolds", "10"));
    assertEquals("Unknown options: '--dfmax', '20'; did you mean --max-features?",
        firstLine("path", "--data", "d.csv", "--dfmax", "20"));
    assertEquals("Unknown options: '--pmax', '20'; did you mean --max-ever-active?",
        firstLine("path", "--data", "d.csv", "--pmax", "20"));
    assertEquals("Unknown options: '--alignment', 'fraction'; did you mean --cv-alignment?",
        firstLine("path", "--data", "d.csv", "--alignment", "fraction"));
    assertEquals("Unknown options: '--exclude', 'age'; did you mean --ignore-columns?",
        firstLine("path", "--data", "d.csv", "--exclude", "age"));
    // Spark's PathJob names the columns to fit on; the CLI the ones to leave out
    assertEquals("Unknown options: '--features', 'age,bmi'; did you mean --ignore-columns (the"
        + " columns to leave out: every other column but --target's is a feature)?",
        firstLine("path", "--data", "d.csv", "--features", "age,bmi"));
    assertEquals("Unknown options: '--intercept', 'FALSE'; did you mean --no-intercept?",
        firstLine("path", "--data", "d.csv", "--intercept", "FALSE"));
    assertEquals("Unknown options: '--standardize', 'FALSE'; did you mean --no-standardize?",
        firstLine("path", "--data", "d.csv", "--standardize", "FALSE"));
    // suggested only where the command has the flag: predict has no --lr
    assertEquals("Unknown options: '--learning-rate', '0.1'",
        firstLine("predict", "--model", "m", "--data", "d.csv", "--out", "p.csv",
            "--learning-rate", "0.1"));
  }

  /**
   * predict, evaluate and export take no --quiet, which every command that runs work takes:
   * "Unknown option: '--quiet'" alone read as a flag forgotten. They have no progress to
   * silence, and their one line is what --quiet keeps elsewhere; the refusal says so.
   */
  @Test
  void quietOnACommandWithNoProgress_saysWhyItIsRefused() {
    assertEquals("Unknown option: '--quiet'; predict has no progress to silence: its one line on"
        + " stderr names the file it wrote, which --quiet keeps in every command (leave --quiet"
        + " out, or send stderr to /dev/null)", firstLine("predict", "--model", "m.model",
            "--data", "d.csv", "--out", "p.csv", "--quiet"));
    assertEquals("Unknown option: '--quiet'; export has no progress to silence: its one line on"
        + " stderr names the file it wrote, which --quiet keeps in every command (leave --quiet"
        + " out, or send stderr to /dev/null)", firstLine("export", "--model", "m.model",
            "--out", "m.onnx", "--quiet"));
    assertEquals("Unknown option: '--quiet'; evaluate has no progress to silence: its one line"
        + " is the scores, which --quiet keeps in every command (leave --quiet out; --json"
        + " prints them as JSON)", firstLine("evaluate", "--model", "m.model", "--quiet"));
    // another unknown flag beside it is still suggested for as before
    assertEquals("Unknown options: '--lamda', '0.1'; did you mean --lambda?",
        firstLine("train", "--lamda", "0.1", "--quiet"));
  }
}

