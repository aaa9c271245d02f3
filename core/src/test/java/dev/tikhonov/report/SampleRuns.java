package dev.tikhonov.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes run directories in the layout of docs/formats.md with realistic numbers (shapes like a
 * real MNIST MLP sweep and a lasso path), for the report tests. Fixed seeds.
 */
final class SampleRuns {
  static final double[] MNIST_LAMBDAS = {0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 1};

  private SampleRuns() {}

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String num(double x) {
    return Double.isNaN(x) ? "null" : String.format(Locale.ROOT, "%.6g", x);
  }

  static String runJson(String command, String settings) {
    return "{\"command\": \"" + command + "\", \"args\": [\"--out\", \"DIR\"],"
        + " \"tikhonov_version\": \"0.1.0-SNAPSHOT\", \"git_commit\": \"170c062\", \"seed\": 7,"
        + " \"threads\": 2, \"data\": {\"path\": \"bundled:mnist-10k\", \"sha256\":"
        + " \"9f2c6a1d0b7e5c4a3f8e1d2c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a\"},"
        + " \"started\": \"2026-11-24T08:00:00Z\", \"seconds\": 41.7,"
        + " \"objective\": \"J(θ) = (1/n) Σ ℓ(yᵢ, f(xᵢ; θ)) + λ Σⱼ vⱼ [ (1−α)/2 wⱼ² + α |wⱼ| ]\","
        + " \"settings\": " + settings + "}\n";
  }

  /** A history.csv of a network that fits, with a λ-penalty and a validation set. */
  static String historyCsv(int epochs, double lambda, long seed) {
    Random rng = new Random(seed);
    StringBuilder s = new StringBuilder("epoch,train_loss,penalty,objective,val_loss,val_accuracy,weight_norm,learning_rate,seconds\n");
    for (int e = 1; e <= epochs; e++) {
      double train = 0.08 + 2.2 * Math.exp(-0.55 * e) + 0.004 * rng.nextGaussian();
      double norm = 18 + 9 * (1 - Math.exp(-0.4 * e)) / (1 + 50 * lambda);
      double penalty = lambda / 2 * norm * norm;
      double val = 0.22 + 2.0 * Math.exp(-0.6 * e) + 0.006 * e * (lambda < 1e-3 ? 1 : 0.2) + 0.003 * rng.nextGaussian();
      double acc = 0.955 - 0.6 * Math.exp(-0.7 * e) + 0.002 * rng.nextGaussian();
      s.append(String.join(",", String.valueOf(e), num(train), num(penalty), num(train + penalty),
          num(val), num(acc), num(norm), num(0.001), num(1.4 + 0.05 * rng.nextGaussian()))).append('\n');
    }
    return s.toString();
  }

  static Path train(Path dir) throws IOException {
    write(dir.resolve("run.json"), runJson("train", "{\"lambda\": 0.001, \"l1_ratio\": 0.0, \"hidden\": [256, 128], \"epochs\": 12, \"batch_size\": 128, \"optimizer\": \"adam\", \"learning_rate\": 0.001}"));
    write(dir.resolve("history.csv"), historyCsv(12, 1e-3, 1));
    write(dir.resolve("metrics.json"), "{\"test_accuracy\": 0.9515, \"test_loss\": 0.1712, \"train_loss\": 0.0835,"
        + " \"penalty\": 0.3721, \"epochs\": 12, \"seconds\": 17.2, \"stopped_early\": false, \"best_epoch\": 11}\n");
    StringBuilder layers = new StringBuilder();
    int[][] shapes = {{784, 256}, {256, 128}, {128, 10}};
    for (int l = 0; l < shapes.length; l++) {
      double scale = Math.sqrt(2.0 / shapes[l][0]);
      layers.append(l == 0 ? "" : ", ").append("{\"name\": \"dense").append(l).append(".weight\", \"rows\": ")
          .append(shapes[l][0]).append(", \"cols\": ").append(shapes[l][1]).append(", \"norm\": ")
          .append(num(scale * Math.sqrt(shapes[l][0] * shapes[l][1]))).append(", \"histogram\": ")
          .append(histogram(60, -4 * scale, 4 * scale, shapes[l][0] * shapes[l][1], scale)).append("}");
    }
    write(dir.resolve("weights.json"), "{\"layers\": [" + layers + "]}\n");
    return dir;
  }

  /** Gaussian counts of {@code total} values with standard deviation {@code sd} on [lo, hi]. */
  static String histogram(int bins, double lo, double hi, int total, double sd) {
    List<String> edges = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    for (int b = 0; b <= bins; b++) {
      edges.add(num(lo + (hi - lo) * b / bins));
    }
    for (int b = 0; b < bins; b++) {
      counts.add(String.valueOf(Math.round(total * gaussianMass(lo + (hi - lo) * b / bins, lo + (hi - lo) * (b + 1) / bins, sd))));
    }
    return "{\"edges\": [" + String.join(", ", edges) + "], \"counts\": [" + String.join(", ", counts) + "]}";
  }

  static double gaussianMass(double a, double b, double sd) {
    // midpoint rule; accurate enough for sample data
    double mid = (a + b) / 2;
    return (b - a) * Math.exp(-mid * mid / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI));
  }

  static Path mnistL2(Path dir) throws IOException {
    return mnistL2(dir, MNIST_LAMBDAS, 0.5, new double[] {0, 1e-3, 0.01});
  }

  /**
   * An mnist-l2 run with rows for {@code lambdas} without dropout and for
   * {@code dropoutLambdas} with dropout {@code dropout}; experiment mnist-l2 --quick's rows
   * ({0, 0.01, 0.1, 1}, and 0.2 with {0, 1e-4}) give its run-curves chart six legend entries.
   */
  static Path mnistL2(Path dir, double[] lambdas, double dropout, double[] dropoutLambdas)
      throws IOException {
    write(dir.resolve("run.json"), runJson("experiment", "{\"name\": \"mnist-l2\", \"quick\": true, \"seeds\": 3, \"epochs\": 8}"));
    write(dir.resolve("experiment.json"), "{\"name\": \"mnist-l2\", \"settings\": {\"hidden\": [256, 128], \"epochs\": 8, \"seeds\": 3, \"batch_size\": 128, \"optimizer\": \"adam\", \"learning_rate\": 0.001},"
        + " \"objective\": \"J(θ) = (1/n) Σ −log p(yᵢ|xᵢ; θ) + λ Σⱼ ½ wⱼ²\"}\n");
    StringBuilder rows = new StringBuilder("[");
    StringBuilder hist = new StringBuilder();
    List<double[]> configs = new ArrayList<>();
    for (double l : lambdas) {
      configs.add(new double[] {l, 0, 0});
    }
    for (double l : dropoutLambdas) {
      configs.add(new double[] {l, dropout, 0});
    }
    Random rng = new Random(3);
    for (int c = 0; c < configs.size(); c++) {
      double l = configs.get(c)[0];
      double p = configs.get(c)[1];
      double x = Math.log10(Math.max(l, 1e-5));
      // accuracy peaks near λ = 3e-3, collapses for large λ
      double acc = 0.962 - 0.004 * Math.pow(x + 2.5, 2) - (l >= 1 ? 0.5 : 0) + (p > 0 ? 0.004 : 0);
      double loss = 0.14 + 0.02 * Math.pow(x + 2.5, 2) + (l >= 1 ? 1.3 : 0);
      double wn = 30 / (1 + 40 * l) * (p > 0 ? 0.9 : 1);
      rows.append(c == 0 ? "" : ",\n").append("{\"lambda\": ").append(num(l)).append(", \"dropout\": ").append(num(p))
          .append(", \"weight_decay\": 0, \"seeds\": 3, \"test_accuracy_mean\": ").append(num(acc))
          .append(", \"test_accuracy_std\": ").append(num(0.002 + 0.002 * rng.nextDouble()))
          .append(", \"test_loss_mean\": ").append(num(loss)).append(", \"test_loss_std\": ").append(num(0.01 + 0.01 * rng.nextDouble()))
          .append(", \"train_loss_mean\": ").append(num(loss * 0.5)).append(", \"weight_norm_mean\": ").append(num(wn))
          .append(", \"layer_weight_norms_mean\": [").append(num(wn * 0.8)).append(", ").append(num(wn * 0.5)).append(", ").append(num(wn * 0.25))
          .append("], \"epoch_seconds_mean\": ").append(num(1.3 + 0.1 * rng.nextDouble())).append("}");
      String h = histogram(60, -0.3, 0.3, 784 * 256, 0.06 / (1 + 20 * l));
      hist.append(c == 0 ? "" : ",\n").append("{\"lambda\": ").append(num(l)).append(", \"dropout\": ").append(num(p))
          .append(", \"counts\": ").append(h.substring(h.indexOf("\"counts\": ") + 10, h.length() - 1)).append("}");
      String label = LambdaRow.runDirectory(l, p);
      for (int s = 0; s < 2; s++) {
        write(dir.resolve("runs").resolve(label).resolve("seed-" + s).resolve("history.csv"), historyCsv(8, l, c * 10 + s));
      }
    }
    rows.append("]\n");
    write(dir.resolve("results.json"), rows.toString());
    String edges = histogram(60, -0.3, 0.3, 1, 1);
    write(dir.resolve("histograms.json"), "{\"edges\": " + edges.substring(edges.indexOf('['), edges.indexOf(']') + 1)
        + ", \"rows\": [" + hist + "]}\n");
    return dir;
  }

  /** A lasso path over 8 features with 5-fold CV, λ decreasing on a geometric grid. */
  static Path path(Path dir) throws IOException {
    write(dir.resolve("run.json"), runJson("path", "{\"l1_ratio\": 1.0, \"n_lambda\": 30, \"folds\": 5, \"family\": \"gaussian\"}"));
    write(dir.resolve("path.json"), pathJson(30, 8, 1.0, true));
    return dir;
  }

  /**
   * A real relaxed-lasso run (`path --relax`, written as the CLI writes it): diabetes.csv from
   * data/, gaussian, γ ∈ {0, 0.25, 0.5, 0.75, 1}, with 5-fold CV when {@code crossValidate}.
   * Returns the fit (null without CV) for the test to compare with.
   */
  static dev.tikhonov.estimate.CrossValidatedRelaxedPath<dev.tikhonov.estimate.LinearModel>
      relaxedPath(Path dir, boolean crossValidate) throws IOException {
    dev.tikhonov.data.Dataset data = dev.tikhonov.data.Dataset.read(
        Path.of("..", "data", "diabetes.csv"), "progression", dev.tikhonov.data.TargetKind.REAL);
    dev.tikhonov.estimate.RelaxedLasso<dev.tikhonov.estimate.LinearModel> estimator =
        dev.tikhonov.estimate.RelaxedLasso.gaussian().numFolds(5).seed(3).threads(2)
            .numLambdas(40).build();
    dev.tikhonov.estimate.CrossValidatedRelaxedPath<dev.tikhonov.estimate.LinearModel> fit =
        crossValidate ? estimator.crossValidate(data) : null;
    dev.tikhonov.linear.RelaxedFit solution = crossValidate ? fit.path().solution()
        : estimator.path(data).solution();
    java.util.Map<String, Object> json = dev.tikhonov.internal.select.PathFiles.json(
        solution.lasso(), java.util.Optional.empty());
    json.put("relaxed", dev.tikhonov.internal.select.PathFiles.relaxedJson(solution,
        estimator.gammas(), crossValidate ? java.util.Optional.of(fit.cv())
            : java.util.Optional.empty()));
    Files.createDirectories(dir);
    dev.tikhonov.internal.data.Json.write(dir.resolve("path.json"), json);
    write(dir.resolve("run.json"), runJson("path", "{\"l1_ratio\": 1.0, \"relax\": true,"
        + " \"cv_folds\": " + (crossValidate ? 5 : null) + ", \"family\": \"gaussian\"}"));
    return fit;
  }

  /**
   * path --l1-ratio with CV as the CLI writes it, by the library: diabetes.csv, every α of
   * {@code l1Ratios} on the same 5 folds, path.json the chosen α's path and CV with
   * "l1_ratios" (none for one α, as the CLI); 30 λ per α.
   */
  static dev.tikhonov.estimate.CrossValidatedL1Ratios<dev.tikhonov.estimate.LinearModel>
      l1RatiosPath(Path dir, double... l1Ratios) throws IOException {
    dev.tikhonov.data.Dataset data = dev.tikhonov.data.Dataset.read(
        Path.of("..", "data", "diabetes.csv"), "progression", dev.tikhonov.data.TargetKind.REAL);
    dev.tikhonov.estimate.CrossValidatedL1Ratios<dev.tikhonov.estimate.LinearModel> fit =
        dev.tikhonov.estimate.ElasticNetCV.gaussian().numFolds(5).seed(2).threads(2)
            .numLambdas(30).l1Ratios(l1Ratios).build().crossValidateL1Ratios(data);
    java.util.Map<String, Object> json = dev.tikhonov.internal.select.PathFiles.json(
        fit.chosen().path().solution(), fit.chosen().cv());
    if (l1Ratios.length > 1) {
      json.put("l1_ratios", dev.tikhonov.internal.select.L1RatioFiles.json(fit.l1Ratios(),
          fit.paths().stream().map(p -> p.cv()).toList(), fit.chosenIndex(), "min"));
    }
    Files.createDirectories(dir);
    dev.tikhonov.internal.data.Json.write(dir.resolve("path.json"), json);
    write(dir.resolve("run.json"), runJson("path", "{\"l1_ratio\": " + fit.chosenL1Ratio()
        + ", \"cv_folds\": 5, \"family\": \"gaussian\"}"));
    return fit;
  }

  static String pathJson(int m, int p, double alpha, boolean cv) {
    double[] truth = new double[p];
    for (int j = 0; j < p; j++) {
      truth[j] = j < 5 ? (j % 2 == 0 ? 1 : -1) * (3.0 - 0.5 * j) : 0;
    }
    List<String> lambdas = new ArrayList<>();
    List<String> coefs = new ArrayList<>();
    List<String> dfs = new ArrayList<>();
    List<String> devs = new ArrayList<>();
    List<String> intercepts = new ArrayList<>();
    List<String> means = new ArrayList<>();
    List<String> ses = new ArrayList<>();
    double lambdaMax = 3.2;
    for (int i = 0; i < m; i++) {
      double l = lambdaMax * Math.pow(1e-3, i / (double) (m - 1));
      lambdas.add(num(l));
      List<String> row = new ArrayList<>();
      int df = 0;
      double explained = 0;
      for (int j = 0; j < p; j++) {
        double b = alpha > 0 ? Math.signum(truth[j]) * Math.max(0, Math.abs(truth[j]) - l) : truth[j] / (1 + l);
        df += b != 0 ? 1 : 0;
        explained += b * truth[j];
        row.add(num(b));
      }
      coefs.add("[" + String.join(", ", row) + "]");
      dfs.add(String.valueOf(df));
      devs.add(num(explained / 23.5));
      intercepts.add(num(2.0));
      double mse = 1 + Math.pow(Math.log10(l) + 1.2, 2) * 1.5 + (l > 2 ? 4 : 0);
      means.add(num(mse));
      ses.add(num(0.08 * mse));
    }
    StringBuilder names = new StringBuilder();
    for (int j = 0; j < p; j++) {
      names.append(j == 0 ? "" : ", ").append("\"x").append(j).append('"');
    }
    String s = "{\"family\": \"gaussian\", \"l1_ratio\": " + num(alpha) + ", \"lambda\": [" + String.join(", ", lambdas)
        + "], \"intercept\": [" + String.join(", ", intercepts) + "], \"coef\": [" + String.join(", ", coefs)
        + "], \"df\": [" + String.join(", ", dfs) + "], \"dev_ratio\": [" + String.join(", ", devs)
        + "], \"feature_names\": [" + names + "]";
    if (cv) {
      int min = 0;
      for (int i = 1; i < m; i++) {
        if (Double.parseDouble(means.get(i)) < Double.parseDouble(means.get(min))) {
          min = i;
        }
      }
      double bound = Double.parseDouble(means.get(min)) + Double.parseDouble(ses.get(min));
      int se1 = min;
      while (se1 > 0 && Double.parseDouble(means.get(se1 - 1)) <= bound) {
        se1--;
      }
      s += ", \"cv\": {\"mean\": [" + String.join(", ", means) + "], \"se\": [" + String.join(", ", ses)
          + "], \"lambda_min\": " + lambdas.get(min) + ", \"lambda_1se\": " + lambdas.get(se1) + "}";
      s += criteria(lambdas, dfs, devs, p);
    }
    return s + "}\n";
  }

  /**
   * path.json's "ic" for a synthetic path: D = n·(1 − dev_ratio)·2 with n = 200, AIC = D + 2df,
   * BIC = D + log(n)·df, EBIC = BIC + 2·log C(p, df), and the λ of each minimum.
   */
  static String criteria(List<String> lambdas, List<String> dfs, List<String> devs, int p) {
    int m = lambdas.size();
    double[][] c = new double[3][m];
    for (int i = 0; i < m; i++) {
      double df = Double.parseDouble(dfs.get(i));
      double d = 400 * (1 - Double.parseDouble(devs.get(i)));
      double logChoose = 0;
      for (int k = 0; k < df; k++) {
        logChoose += Math.log((p - k) / (k + 1.0));
      }
      c[0][i] = d + 2 * df;
      c[1][i] = d + Math.log(200) * df;
      c[2][i] = c[1][i] + 2 * logChoose;
    }
    StringBuilder s = new StringBuilder(", \"ic\": {\"df\": [" + String.join(", ", dfs) + "]");
    String[] names = {"aic", "bic", "ebic"};
    for (int k = 0; k < 3; k++) {
      List<String> values = new ArrayList<>();
      for (double v : c[k]) {
        values.add(num(v));
      }
      s.append(", \"").append(names[k]).append("\": [").append(String.join(", ", values)).append("]");
    }
    for (int k = 0; k < 3; k++) {
      int best = 0;
      for (int i = 1; i < m; i++) {
        best = c[k][i] < c[k][best] ? i : best;
      }
      s.append(", \"lambda_").append(names[k]).append("\": ").append(lambdas.get(best));
    }
    return s.append(", \"ebic_gamma\": 1.0, \"variance\": \"profiled out\"}").toString();
  }

  /**
   * An experiment mnist-select directory: results.json rows for two data sets and three
   * methods (the 14-column table of the report), each method's selection file a copy of a real
   * select run's selection.json made in {@code scratch}.
   */
  static Path mnistSelect(Path dir, Path scratch) throws IOException {
    SelectionRuns.select(scratch);
    write(dir.resolve("run.json"), runJson("experiment mnist-select",
        "{\"name\": \"mnist-select\", \"quick\": false}").replace("{\"command\"",
        "{\"kind\": \"mnist-select\", \"command\""));
    write(dir.resolve("experiment.json"), "{\"name\": \"mnist-select\", \"settings\":"
        + " {\"hidden\": [256, 128], \"folds\": 5, \"methods\": [\"warm\", \"cold\","
        + " \"warm-decreasing\"]}}\n");
    StringBuilder rows = new StringBuilder("[");
    String[] data = {"bundled:mnist-10k", "fashion-mnist"};
    String[] methods = {"warm", "cold", "warm-decreasing"};
    Random rng = new Random(5);
    for (String d : data) {
      for (String m : methods) {
        String name = d.replace(':', '-');
        Files.copy(scratch.resolve("selection.json"),
            dir.resolve("selection-" + name + "-" + m + ".json"));
        rows.append(rows.length() == 1 ? "" : ",\n").append("{\"data\": \"").append(name)
            .append("\", \"method\": \"").append(m).append("\", \"rule\": \"1se\", \"folds\": 5")
            .append(", \"lambda_chosen\": ").append(num(1.2345e-4 * (1 + rng.nextDouble())))
            .append(", \"lambda_min\": ").append(num(3.1416e-5 * (1 + rng.nextDouble())))
            .append(", \"lambda_1se\": ").append(num(1.2345e-4 * (1 + rng.nextDouble())))
            .append(", \"evidence_lambda\": ").append(num(6.789e-5 * (1 + rng.nextDouble())))
            .append(", \"cv_loss\": ").append(num(0.21234 + 0.01 * rng.nextDouble()))
            .append(", \"cv_se\": ").append(num(0.0061234 + 0.001 * rng.nextDouble()))
            .append(", \"test_accuracy_mean\": ").append(num(0.95123 + 0.01 * rng.nextDouble()))
            .append(", \"test_accuracy_std\": ").append(num(0.0012345 + 0.001 * rng.nextDouble()))
            .append(", \"seeds\": 3, \"selection_seconds\": ").append(num(123.456 * (1 + rng.nextDouble())))
            .append(", \"cpu_seconds\": ").append(num(234.567 * (1 + rng.nextDouble())))
            .append(", \"fits\": ").append(m.equals("cold") ? 78 : 18)
            .append(", \"epochs\": ").append(m.equals("cold") ? 1234 : 345).append("}");
      }
    }
    write(dir.resolve("results.json"), rows.append("]\n").toString());
    return dir;
  }

  static Path ridgeVsLasso(Path dir) throws IOException {
    write(dir.resolve("run.json"), runJson("experiment", "{\"name\": \"ridge-vs-lasso\", \"n\": 200, \"p\": 8}"));
    write(dir.resolve("experiment.json"), "{\"name\": \"ridge-vs-lasso\", \"settings\": {\"n\": 200, \"p\": 8, \"informative\": 5, \"noise\": 1.0}}\n");
    write(dir.resolve("results.json"), "[{\"model\": \"ridge\", \"l1_ratio\": 0, \"lambda\": 0.0631, \"test_mse\": 1.093, \"nonzero\": 8, \"cv_mse\": 1.121},\n"
        + " {\"model\": \"lasso\", \"l1_ratio\": 1, \"lambda\": 0.0402, \"test_mse\": 1.012, \"nonzero\": 5, \"cv_mse\": 1.047},\n"
        + " {\"model\": \"enet\", \"l1_ratio\": 0.5, \"lambda\": 0.0511, \"test_mse\": 1.031, \"nonzero\": 6, \"cv_mse\": 1.066}]\n");
    write(dir.resolve("path-ridge.json"), pathJson(25, 8, 0, true));
    write(dir.resolve("path-lasso.json"), pathJson(25, 8, 1, true));
    return dir;
  }

  static Path gdLinear(Path dir) throws IOException {
    write(dir.resolve("run.json"), runJson("experiment", "{\"name\": \"gd-linear\", \"n\": 100, \"epochs\": 200}"));
    StringBuilder rows = new StringBuilder("[");
    double[] lambdas = {0, 0.01, 0.1, 1, 10};
    for (int i = 0; i < lambdas.length; i++) {
      double l = lambdas[i];
      double closed = 3 * 1.02 / (1.02 + l);
      rows.append(i == 0 ? "" : ",\n").append("{\"lambda\": ").append(num(l)).append(", \"slope\": ").append(num(closed * 0.999))
          .append(", \"intercept\": ").append(num(2.01)).append(", \"train_mse\": ").append(num(0.25 + 0.5 * l / (1 + l)))
          .append(", \"closed_form_slope\": ").append(num(closed)).append("}");
      write(dir.resolve("runs").resolve("lambda-" + l).resolve("history.csv"), historyCsv(20, l, i));
    }
    write(dir.resolve("results.json"), rows.append("]\n").toString());
    return dir;
  }
}
