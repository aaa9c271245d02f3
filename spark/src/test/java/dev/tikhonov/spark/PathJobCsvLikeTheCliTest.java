package dev.tikhonov.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import dev.tikhonov.estimate.LinearClassifier;
import dev.tikhonov.estimate.Predictor;
import dev.tikhonov.internal.data.Json;
import dev.tikhonov.linear.ElasticNetPath;
import dev.tikhonov.linear.PathSettings;
import dev.tikhonov.linear.PathSolution;
import dev.tikhonov.loss.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PathJob reads a CSV file as {@code ./tikhonov path} does (CsvReader): a binomial or
 * multinomial target of text labels is classes, numbered by the CLI's rule, and RFC 4180's
 * doubled quotes are one quote, in the header and in the values. Before, a text label stopped
 * the job ("column 'diagnosis', row 1 of partition 0: empty or not a number"), and a header
 * {@code "b ""x"""} named the column {@code "b ""x"""} where the CLI names it {@code b "x"}.
 */
class PathJobCsvLikeTheCliTest {
  private static final int N = 120;
  private static SparkSession spark;
  private static double[][] x;
  private static double[] y;

  @BeforeAll
  static void start() throws IOException {
    spark = TestSpark.session("local[2]");
    double[][] data = SparkElasticNetFitTest.csv("gauss.csv.gz");
    x = new double[N][];
    y = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = java.util.Arrays.copyOf(data[i], 3);
      y[i] = data[i][data[i].length - 1];
    }
  }

  /** DIR/NAME: features a, b, c, then the target column {@code target} of {@code labels}. */
  private static Path csv(Path dir, String name, String target, List<String> labels)
      throws IOException {
    StringBuilder s = new StringBuilder("a,b,c,").append(target).append(",fold\n");
    for (int i = 0; i < labels.size(); i++) {
      s.append(x[i][0]).append(',').append(x[i][1]).append(',').append(x[i][2]).append(',')
          .append(labels.get(i)).append(',').append(i % 3 + 1).append('\n');
    }
    return Files.writeString(dir.resolve(name), s.toString());
  }

  /** Label i: by where y[i] falls among {@code cuts} (ascending), {@code names}[that]. */
  private static List<String> labels(String... names) {
    double[] sorted = java.util.Arrays.stream(y, 0, N).sorted().toArray();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int k = 0;
      for (int c = 1; c < names.length; c++) {
        if (y[i] > sorted[c * N / names.length]) {
          k = c;
        }
      }
      out.add(names[k]);
    }
    return out;
  }

  /**
   * path.json of PathJob on {@code file} is the core's path of the data CsvReader reads from
   * it (what ./tikhonov path fits): the class names, feature names, λ, intercepts and
   * coefficients.
   */
  private static void assertIsTheClisPath(Path file, String target, Family family, Path out)
      throws IOException {
    Dataset data = CsvReader.read(file, target, TargetKind.CLASS);
    Dataset features = data.withoutColumns("fold");
    PathSolution expected = ElasticNetPath.fit(family, features.featureRows(), data.targets(),
        PathSettings.lasso().withNumLambdas(8).withTolerance(1e-10), features.featureNames(),
        data.classNames());
    JsonNode want = Json.MAPPER.valueToTree(dev.tikhonov.internal.select.PathFiles.json(
        expected, Optional.empty(), java.util.OptionalInt.of(N)));
    JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
    PathJsonAssertions.samePath(want, got,
        List.of("family", "feature_names", "class_names", "df", "rows"));
  }



  private static TestSpark.JobResult run(String... args) {
    return TestSpark.runPathJob(spark, args);
  }

  @Test
  void binomialTextLabels_areTheClisClasses_inPathJsonAndTheSavedModel(@TempDir Path dir)
      throws IOException {
    List<String> labels = new ArrayList<>(labels("B", "M"));
    labels.set(3, " " + labels.get(3) + " "); // blanks around a label: the CLI strips them
    labels.set(5, "\"" + labels.get(5) + "\""); // quoted
    Path file = csv(dir, "cancer.csv", "diagnosis", labels);
    Path out = dir.resolve("out");
    Path model = dir.resolve("m.safetensors");
    var r = run("--data", file.toString(), "--target", "diagnosis", "--family", "binomial",
        "--features", "a,b,c", "--nlambda", "8", "--tol", "1e-10", "--out", out.toString(),
        "--save", model.toString());
    assertEquals(0, r.code(), r.err());
    assertIsTheClisPath(file, "diagnosis", Family.BINOMIAL, out);
    assertEquals(List.of("B", "M"), ((LinearClassifier) Predictor.load(model)).classNames());
  }

  @Test
  void multinomialTextLabels_areTheClisClasses_andOutOfFoldNamesThem(@TempDir Path dir)
      throws IOException {
    // lexicographic, as the CLI's: class_10 before class_9
    List<String> labels = labels("class_9", "class_10", "class_0");
    Path file = csv(dir, "wine.csv", "cultivar", labels);
    Path out = dir.resolve("out");
    var r = run("--data", file.toString(), "--target", "cultivar", "--family", "multinomial",
        "--features", "a,b,c", "--nlambda", "8", "--tol", "1e-10", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertIsTheClisPath(file, "cultivar", Family.MULTINOMIAL, out);
    assertEquals("[\"class_0\",\"class_10\",\"class_9\"]", Json.MAPPER.readTree(
        out.resolve("path.json").toFile()).get("class_names").toString());

    Path cv = dir.resolve("cv");
    r = run("--data", file.toString(), "--target", "cultivar", "--family", "multinomial",
        "--features", "a,b,c", "--nlambda", "4", "--fold-column", "fold", "--cv-folds", "3",
        "--out-of-fold", "--out", cv.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(cv.resolve("out-of-fold.csv"));
    assertTrue(lines.get(0).startsWith("row,fold,y,s0_class_0,"), lines.get(0));
    for (int i = 0; i < N; i++) {
      assertEquals(labels.get(i), lines.get(i + 1).split(",")[2], "row " + (i + 1));
    }
  }

  /**
   * The red team's runs: data/breast_cancer.csv (diagnosis benign/malignant) and data/wine.csv
   * (cultivar class_0..2) exited 2 on their first label; now path.json is the core's path of
   * what CsvReader reads from each file (every other column a feature, id too, as
   * ./tikhonov path takes it).
   */
  @Test
  void theRepositorysDataFiles_withTextLabels_giveTheClisPath(@TempDir Path dir)
      throws IOException {
    Object[][] cases = {{"breast_cancer.csv", "diagnosis", Family.BINOMIAL},
        {"wine.csv", "cultivar", Family.MULTINOMIAL}};
    for (Object[] c : cases) {
      Path file = Path.of("..", "data", (String) c[0]);
      String target = (String) c[1];
      Family family = (Family) c[2];
      Path out = dir.resolve(target);
      var r = run("--data", file.toString(), "--target", target, "--family",
          family.name().toLowerCase(java.util.Locale.ROOT), "--nlambda", "5", "--tol", "1e-10",
          "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      Dataset data = CsvReader.read(file, target, TargetKind.CLASS);
      PathSolution expected = ElasticNetPath.fit(family, data.featureRows(), data.targets(),
          PathSettings.lasso().withNumLambdas(5).withTolerance(1e-10), data.featureNames(),
          data.classNames());
      JsonNode want = Json.MAPPER.valueToTree(dev.tikhonov.internal.select.PathFiles.json(
          expected, Optional.empty(), java.util.OptionalInt.of(data.numRows())));
      JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
      for (String key : List.of("family", "feature_names", "class_names", "rows")) {
        assertEquals(want.get(key), got.get(key), c[0] + ": " + key);
      }
      // the same λ on both sides (wine's core path ended after 4 of the 5 λ before multinom45:
      // wineMultinomial_…)
      assertEquals(want.get("lambda").size(), got.get("lambda").size(), c[0] + ": λ");
      int m = want.get("lambda").size();
      for (int l = 0; l < m; l++) {
        assertEquals(want.get("df").get(l), got.get("df").get(l), c[0] + ": df at λ #" + l);
        assertEquals(want.get("lambda").get(l).asDouble(), got.get("lambda").get(l).asDouble(),
            1e-12 * want.get("lambda").get(0).asDouble());
        double[] a = PathJsonAssertions.flat(want.get("coef").get(l));
        double[] b = PathJsonAssertions.flat(got.get("coef").get(l));
        for (int j = 0; j < a.length; j++) {
          // two solvers to one certificate: the raw scale's large coefficients (21.66 of
          // mean_concave_points) agree to about 1e-6 of their size
          assertEquals(a[j], b[j], 1e-4 * (1 + Math.abs(a[j])), c[0] + ": coefficient " + j
              + " at λ #" + l);
        }
      }
    }
  }

  /**
   * sparkcsv44: data/wine.csv's multinomial path at {@code --nlambda 5 --tol 1e-10} ended after
   * 4 λ in the core and after 5 on Spark. Not an end rule (glmnet's deviance rule and dfmax
   * start after the 5th λ, the last of 5): the core's solver clamped probabilities to [1e-9,
   * 1 − 1e-9] as glmnet does, and near separation (λ #5, deviance ratio 0.9997) its steps
   * minimized another function than its certificate measures; it stalled at 2.6e-10 and ran out
   * of its 100,000 passes. multinom45 removed the clamps: both sides now fit and certify the 5 λ
   * at both tolerances, to the same deviance ratios and coefficients (this test pinned the core's
   * 4 λ and ITERATION_LIMIT at 1e-10 before).
   */
  @Test
  void wineMultinomial_bothFitAndCertifyAll5Lambdas_atTol1e10And1e9(
      @TempDir Path dir) throws IOException {
    Path file = Path.of("..", "data", "wine.csv");
    Dataset data = CsvReader.read(file, "cultivar", TargetKind.CLASS);
    for (double tol : new double[] {1e-10, 1e-9}) {
      PathSolution core = ElasticNetPath.fit(Family.MULTINOMIAL, data.featureRows(),
          data.targets(), PathSettings.lasso().withNumLambdas(5).withTolerance(tol),
          data.featureNames(), data.classNames());
      Path out = dir.resolve("tol" + tol);
      var r = run("--data", file.toString(), "--target", "cultivar", "--family", "multinomial",
          "--nlambda", "5", "--tol", Double.toString(tol), "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      JsonNode got = Json.MAPPER.readTree(out.resolve("path.json").toFile());
      String both = "tol " + tol + ": core " + core.end() + " certificates "
          + java.util.Arrays.toString(core.certificate()) + "; spark " + got.get("end")
          + " certificates " + got.get("certificate") + " converged " + got.get("converged");
      assertEquals(5, got.get("lambda").size(), both);
      assertEquals("all_lambdas", got.get("end").asText(), both);
      assertTrue(got.get("certificate").get(4).asDouble() <= tol, both);
      assertTrue(core.certificate(4) <= tol, both);
      assertEquals(5, core.size(), both);
      assertEquals(PathSolution.Ending.ALL_LAMBDAS, core.end().reason(), both);
      for (int l = 0; l < 5; l++) {
        assertEquals(core.devianceRatio(l), got.get("dev_ratio").get(l).asDouble(), 1e-8,
            both + ": deviance ratio at λ #" + l);
        double[] b = PathJsonAssertions.flat(got.get("coef").get(l));
        double[][] a = core.coefficients(l);
        for (int k = 0; k < a.length; k++) {
          for (int j = 0; j < a[k].length; j++) {
            // at tol 1e-9 the core's certificate at λ #5 is 8.4e-10, Spark's 1.9e-12: near
            // separation so loose a certificate leaves the coefficients loose to about 3e-4
            double want = a[k][j];
            assertEquals(want, b[k * a[k].length + j], 1e-3 * (1 + Math.abs(want)),
                both + ": class " + k + " coefficient " + j + " at λ #" + l);
          }
        }
      }
    }
  }

  @Test
  void numericLabels_areClassesInNumericOrder_namedAsTheCliNamesThem(@TempDir Path dir)
      throws IOException {
    // 1 and 1.0 one class "1"; 2 the other: labels 0 and 1 were the only ones PathJob took
    List<String> labels = new ArrayList<>(labels("1", "2"));
    labels.set(0, labels.get(0).equals("1") ? "1.0" : "2.0");
    Path file = csv(dir, "numbers.csv", "y", labels);
    Path out = dir.resolve("out");
    var r = run("--data", file.toString(), "--target", "y", "--family", "binomial",
        "--features", "a,b,c", "--nlambda", "8", "--tol", "1e-10", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertIsTheClisPath(file, "y", Family.BINOMIAL, out);
    assertEquals("[\"1\",\"2\"]", Json.MAPPER.readTree(out.resolve("path.json").toFile())
        .get("class_names").toString());
  }

  @Test
  void classTargetsTheFamilyCannotFit_exitWithCode2AndOneLine(@TempDir Path dir)
      throws IOException {
    Path three = csv(dir, "three.csv", "t", labels("p", "q", "r"));
    Path one = csv(dir, "one.csv", "t", labels("p"));
    List<String> gap = new ArrayList<>(labels("p", "q"));
    gap.set(4, "  ");
    Path empty = csv(dir, "empty.csv", "t", gap);
    Object[][] cases = {
        {three, "binomial", "--target t: the binomial family needs exactly 2 classes, the data"
            + " have 3 [p, q, r]; use --family multinomial"},
        {one, "multinomial", "--target t: only one class (p); classification needs two"},
        {empty, "binomial", "column 't', row 5 of partition 0: empty (expected a class"
            + " label)"}};
    for (Object[] c : cases) {
      var r = run("--data", c[0].toString(), "--target", "t", "--family", (String) c[1],
          "--features", "a,b,c", "--out", dir.resolve("out").toString());
      assertEquals(2, r.code(), r.err());
      assertEquals("tikhonov-spark: " + c[2], r.err().strip());
    }
  }

  @Test
  void doubledQuotes_inTheHeaderAndTheValues_readAsTheClisOne(@TempDir Path dir)
      throws IOException {
    // gaussian: the header's names and a quoted number
    StringBuilder s = new StringBuilder("\"a,1\",\"b \"\"x\"\"\",c,y\n");
    for (int i = 0; i < N; i++) {
      s.append('"').append(x[i][0]).append("\",").append(x[i][1]).append(',').append(x[i][2])
          .append(",\"").append(y[i]).append("\"\n");
    }
    Path numbers = Files.writeString(dir.resolve("quotes.csv"), s.toString());
    Path out = dir.resolve("out");
    var r = run("--data", numbers.toString(), "--target", "y", "--nlambda", "8", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    Dataset cli = CsvReader.read(numbers, "y", TargetKind.REAL);
    assertEquals(List.of("a,1", "b \"x\"", "c"), cli.featureNames());
    assertEquals(Json.MAPPER.valueToTree(cli.featureNames()), Json.MAPPER.readTree(
        out.resolve("path.json").toFile()).get("feature_names"));

    // binomial: a quoted label with doubled quotes is a class of one quote each
    List<String> labels = labels("say \"\"yes\"\"", "no");
    s = new StringBuilder("\"a,1\",\"b \"\"x\"\"\",c,t\n");
    for (int i = 0; i < N; i++) {
      s.append(x[i][0]).append(',').append(x[i][1]).append(',').append(x[i][2])
          .append(",\"").append(labels.get(i)).append("\"\n");
    }
    Path classes = Files.writeString(dir.resolve("classes.csv"), s.toString());
    r = run("--data", classes.toString(), "--target", "t", "--family", "binomial",
        "--nlambda", "8", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    cli = CsvReader.read(classes, "t", TargetKind.CLASS);
    assertEquals(List.of("no", "say \"yes\""), cli.classNames());
    assertEquals(Json.MAPPER.valueToTree(cli.classNames()), Json.MAPPER.readTree(
        out.resolve("path.json").toFile()).get("class_names"));
  }
  /**
   * spark46 (userwalk45): a feature cell of a CSV file that is not a number was "column 'b',
   * row 3 of partition 0: empty or not a number (expected a finite number)", which neither
   * said what the cell held nor how to leave the column out (the job has no --ignore-columns).
   * Now the file's text says it, with --features, as ./tikhonov path names --ignore-columns;
   * with --features given, to leave it out of them; an empty cell is said as empty. Failed
   * before: the old line in all three.
   */
  @Test
  void aFeatureCellThatIsNotANumber_isQuotedFromTheFile_withFeatures(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("ids.csv"),
        "a,patient,y\n1,7,2\n2,8,4\n3,P-9,5\n4,10,1\n5,,3\n");
    Path out = dir.resolve("out");
    var r = run("--data", file.toString(), "--target", "y", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("tikhonov-spark: column 'patient' of " + file + ", row 3 after the header"
        + " line: \"P-9\" is not a number; choose numeric columns with --features (without it"
        + " every column but the target, weight and fold columns is a feature)",
        r.err().strip());
    r = run("--data", file.toString(), "--target", "y", "--features", "a,patient", "--out",
        out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("tikhonov-spark: column 'patient' of " + file + ", row 3 after the header"
        + " line: \"P-9\" is not a number; leave it out of --features, the columns the job"
        + " fits on", r.err().strip());
    Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b,y\n1,7,2\n2,8,4\n3,,5\n");
    r = run("--data", empty.toString(), "--target", "y", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("tikhonov-spark: column 'b' of " + empty + ", row 3 after the header line:"
        + " empty (expected a finite number)", r.err().strip());
    r = run("--data", file.toString(), "--target", "y", "--features", "a", "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
  }

  /**
   * spark46: at default flags (--tol 1e-3) PathJob and ./tikhonov path chose different λ on
   * data/wine.csv (userwalk45: λ_min 2.755e-3 vs 3.023e-3 on a 142-row sample). Not their
   * settings, which are one: the tolerance 1e-3 (PathSettings.DEFAULT_TOLERANCE), the λ
   * sequence and glmnet's deviance rule that ends it (both end after 88 λ here). The solvers
   * differ: the job's Newton steps (IRLS) land far inside the tolerance (certificates about
   * 1e-8), the core's coordinate descent stops just inside it, and its held-out deviances are
   * off by up to 4% near separation. So the job's λ_min and λ_1se are the core's at a tight
   * tolerance (--tol 1e-7), and the core's at its default differ here (λ_min one λ smaller),
   * as docs/spark.md says with the flag that makes them agree. Both with the same folds.
   */
  @Test
  void atDefaults_wineMultinomial_choosesTheLambdasOfTheCliAtTol1e7(@TempDir Path dir)
      throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "data", "wine.csv"));
    StringBuilder s = new StringBuilder(lines.get(0)).append(",fold\n");
    for (int i = 1; i < lines.size(); i++) {
      s.append(lines.get(i)).append(',').append((i - 1) % 10 + 1).append('\n');
    }
    Path file = Files.writeString(dir.resolve("wine.csv"), s.toString());
    Path out = dir.resolve("out");
    var r = run("--data", file.toString(), "--target", "cultivar", "--family", "multinomial",
        "--fold-column", "fold", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode cv = Json.MAPPER.readTree(out.resolve("path.json").toFile()).get("cv");
    Dataset data = CsvReader.read(file, "cultivar", TargetKind.CLASS);
    int[] folds = new int[data.numRows()];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = i % 10 + 1;
    }
    Dataset features = data.withoutColumns("fold");
    for (double tol : new double[] {1e-7, PathSettings.DEFAULT_TOLERANCE}) {
      var core = dev.tikhonov.estimate.ElasticNetCV.multinomial().foldIds(folds)
          .tolerance(tol).threads(2).build().crossValidate(features);
      double[] lambdas = core.cv().lambdas();
      assertEquals(88, lambdas.length, "tol " + tol + ": the deviance rule's end");
      double min = lambdas[core.indexMin()];
      double oneSe = lambdas[core.index1se()];
      if (tol == 1e-7) {
        assertEquals(min, cv.get("lambda_min").asDouble(), 1e-9 * min, "λ_min");
        assertEquals(oneSe, cv.get("lambda_1se").asDouble(), 1e-9 * oneSe, "λ_1se");
      } else {
        assertTrue(Math.abs(min - cv.get("lambda_min").asDouble()) > 0.05 * min,
            "the core at its default: λ_min " + min + ", the job's "
            + cv.get("lambda_min").asDouble());
      }
    }
  }
}
