package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --save, predict, evaluate and export, end to end in-process ({@link InProcess}): the
 * assertions are on the files written, the lines printed and the exit code, which
 * {@link Main#commandLine()} gives as the jar does. File names are resolved in the test's folder
 * (as the jar run there read them).
 */
class ModelCommandTest {
  /** The flags whose value is a file name, resolved in {@link #dir} (train's --model is not). */
  private static final java.util.Set<String> FILES =
      java.util.Set.of("--data", "--model", "--out", "--save");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static Path model;
  private static JsonNode trainMetrics;

  /** One command in-process, its file names resolved in {@link #dir}. */
  private static Result run(String... args) {
    java.util.List<String> resolved = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      boolean file = i > 0 && FILES.contains(args[i - 1])
          && !(args[0].equals("train") && args[i - 1].equals("--model"));
      resolved.add(file ? dir.resolve(args[i]).toString() : args[i]);
    }
    return new Result(InProcess.run(resolved));
  }

  /** What a command printed and its exit code, with stderr's non-blank lines. */
  private record Result(int exit, String out, String err) {
    Result(InProcess r) {
      this(r.exit(), r.out(), r.err());
    }

    List<String> errorLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  @BeforeAll
  static void train() throws Exception {
    Result r = run("train", "--model", "mlp:32", "--epochs", "1", "--threads", "1",
        "--standardize", "--out", "run", "--save", "digits.safetensors", "--quiet", "--json");
    assertEquals(0, r.exit(), r.err());
    model = dir.resolve("digits.safetensors");
    trainMetrics = JSON.readTree(r.out());
  }

  @Test
  void evaluate_savedModelOnBundledTest_reproducesTrainMetrics() throws Exception {
    Result r = run("evaluate", "--model", model.toString(), "--json",
        "--threads", "1");
    assertEquals(0, r.exit(), r.err());
    JsonNode m = JSON.readTree(r.out());
    assertEquals(2000, m.get("rows").asInt());
    assertEquals(trainMetrics.get("test_accuracy").asDouble(), m.get("accuracy").asDouble(), 0);
    assertEquals(trainMetrics.get("test_loss").asDouble(), m.get("loss").asDouble(), 0);
  }

  @Test
  void predict_csvByColumnName_writesClassAndProbabilities() throws Exception {
    // Three digits as CSV with the model's px0..px783 columns in reverse order plus an id.
    StringBuilder csv = new StringBuilder("id");
    for (int j = 783; j >= 0; j--) {
      csv.append(",px").append(j);
    }
    csv.append('\n');
    for (int i = 0; i < 3; i++) {
      csv.append("row").append(i);
      for (int j = 783; j >= 0; j--) {
        csv.append(',').append((i * 7 + j) % 11 == 0 ? "0.9" : "0");
      }
      csv.append('\n');
    }
    Path in = dir.resolve("rows.csv");
    Files.writeString(in, csv);
    Result r = run("predict", "--model", model.toString(), "--data", in.toString(),
        "--out", "pred.csv");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
    assertEquals(4, lines.size());
    assertTrue(lines.get(0).startsWith("class,prob_0,prob_1"), lines.get(0));
    for (String line : lines.subList(1, 4)) {
      String[] f = line.split(",");
      assertEquals(11, f.length, line);
      double sum = 0;
      double best = -1;
      int bestClass = -1;
      for (int k = 1; k < f.length; k++) {
        double p = Double.parseDouble(f[k]);
        sum += p;
        if (p > best) {
          best = p;
          bestClass = k - 1;
        }
      }
      assertEquals(1.0, sum, 1e-5, line);
      assertEquals(String.valueOf(bestClass), f[0], "class is the most probable: " + line);
    }
  }

  /** An MNIST-style directory: the bundled sample's four files (copied once). */
  private static synchronized Path mnistDirectory() throws Exception {
    Path mnist = dir.resolve("mnist");
    if (Files.isDirectory(mnist)) {
      return mnist;
    }
    Files.createDirectories(mnist);
    for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
      try (var in = ModelCommandTest.class.getResourceAsStream("/dev/tikhonov/data/mnist-10k/" + f
          + ".gz")) {
        Files.copy(in, mnist.resolve(f + ".gz"));
      }
    }
    return mnist;
  }

  /** It printed a float32 network's outputs widened to double: 2.6478469371795654. */
  @Test
  void predict_networkRegressor_writesEachValueAsItsFloat() throws Exception {
    StringBuilder csv = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < 60; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      csv.append(a).append(',').append(b).append(',').append(1 + 2 * a - b).append('\n');
    }
    Files.writeString(dir.resolve("reg.csv"), csv);
    Result t = run("train", "--data", "reg.csv", "--target", "y", "--model",
        "linear", "--epochs", "3", "--threads", "1", "--out", "reg-run", "--save", "reg.model",
        "--quiet");
    assertEquals(0, t.exit(), t.err());
    Result r = run("predict", "--model", "reg.model", "--data", "reg.csv",
        "--out", "reg-pred.csv");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("reg-pred.csv"));
    assertEquals("prediction", lines.get(0));
    assertEquals(61, lines.size());
    for (String v : lines.subList(1, lines.size())) {
      assertEquals(Float.toString(Float.parseFloat(v)), v, "a float32 model's output as text");
    }
  }

  @Test
  void predict_idxDirectory_predictsEveryTestDigit() throws Exception {
    Path mnist = mnistDirectory();
    Result r = run("predict", "--model", model.toString(), "--data",
        mnist.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", "idx.csv");
    assertEquals(0, r.exit(), r.err());
    assertEquals(2001, Files.readAllLines(dir.resolve("idx.csv")).size());
    Result e = run("evaluate", "--model", model.toString(), "--data",
        mnist.toString(), "--json", "--threads", "1");
    assertEquals(0, e.exit(), e.err());
    assertEquals(trainMetrics.get("test_accuracy").asDouble(),
        JSON.readTree(e.out()).get("accuracy").asDouble(), 0);
  }

  /**
   * IDX images (an images file, an MNIST directory, the bundled sample) for a model trained on
   * a CSV's named columns: the error says what to give --data. It used to give the library's
   * advice for its API: "These columns have no names (Dataset.of without names, LIBSVM, IDX),
   * … give the columns names to match them by name".
   */
  @Test
  void predictAndEvaluate_imagesForAModelOfNamedCsvColumns_sayWhatToGiveDataInstead()
      throws Exception {
    StringBuilder csv = new StringBuilder("area,rooms,price\n");
    for (int i = 0; i < 20; i++) {
      csv.append(50 + i).append(',').append(1 + i % 4).append(',').append(3 * i + 7).append('\n');
    }
    Files.writeString(dir.resolve("houses.csv"), csv);
    Result t = run("train", "--data", "houses.csv", "--target", "price", "--model",
        "linear", "--epochs", "1", "--threads", "1", "--out", "houses-run", "--save",
        "houses.model", "--quiet");
    assertEquals(0, t.exit(), t.err());
    Path mnist = mnistDirectory();
    String rest = " have 784 pixels each, which a model takes as its features by position, but "
        + "this model takes 2 features (area, rooms); give --data a CSV file whose header row "
        + "names those columns";
    String libsvm = " (or a LIBSVM file of 2 features)";
    Path images = mnist.resolve("t10k-images-idx3-ubyte.gz");
    List<List<String>> runs = List.of(
        List.of("predict", "--data", images.toString(), "--out", "h.csv"),
        List.of("predict", "--data", mnist.toString(), "--out", "h.csv"),
        List.of("evaluate", "--data", mnist.toString()),
        List.of("evaluate"));
    List<String> messages = List.of(
        "--data " + images + ": its images" + rest + libsvm,
        "--data " + mnist + ": its images" + rest + libsvm,
        "--data " + mnist + ": its images" + rest + ", with --target naming its label column"
            + libsvm,
        "the bundled MNIST sample's images (the default --data)" + rest
            + ", with --target naming its label column" + libsvm);
    for (int k = 0; k < runs.size(); k++) {
      List<String> args = new java.util.ArrayList<>(runs.get(k));
      args.addAll(1, List.of("--model", "houses.model"));
      Result r = run(args.toArray(String[]::new));
      assertEquals(2, r.exit(), args + "\n" + r.err());
      assertEquals(List.of("tikhonov: error: " + messages.get(k)), r.errorLines(),
          args.toString());
    }
    assertTrue(Files.notExists(dir.resolve("h.csv")));
  }

  @Test
  void export_onnx_writesAProtobufModel() throws Exception {
    Result r = run("export", "--model", model.toString(), "--format", "onnx",
        "--out", "digits.onnx");
    assertEquals(0, r.exit(), r.err());
    byte[] onnx = Files.readAllBytes(dir.resolve("digits.onnx"));
    assertTrue(onnx.length > 4 * 784 * 32, "holds the weights: " + onnx.length + " bytes");
    assertEquals(0x08, onnx[0], "starts with field 1 (ir_version), varint");
  }

  @Test
  void predict_corruptModelFile_oneLineErrorExit2() throws Exception {
    byte[] bytes = Files.readAllBytes(model);
    Path bad = dir.resolve("truncated.safetensors");
    Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Result r = run("predict", "--model", bad.toString(), "--data", "x.csv",
        "--out", "p.csv");
    assertEquals(2, r.exit());
    assertEquals(1, r.errorLines().size(), r.err());
    assertTrue(r.err().startsWith("tikhonov: error: " + bad), r.err());
  }

  /**
   * A class name edited in the header ("0" read as "o"), which the file's header_crc32 catches:
   * it loaded and predicted class "o" without a word.
   */
  @Test
  void predict_modelWhoseHeaderWasEdited_oneLineErrorExit2() throws Exception {
    byte[] bytes = Files.readAllBytes(model);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    String classes = "class_names\\\":[\\\"";
    int at = text.indexOf(classes) + classes.length();
    assertEquals('0', (char) bytes[at], text.substring(at - 20, at + 20));
    bytes[at] = 'o';
    Path bad = dir.resolve("edited.safetensors");
    Files.write(bad, bytes);
    Result r = run("predict", "--model", bad.toString(), "--data", "x.csv",
        "--out", "p.csv");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errorLines().size(), r.err());
    assertTrue(r.err().startsWith("tikhonov: error: " + bad + ": the header differs from what"
        + " was written (the CRC-32 of its metadata and tensor entries is "), r.err());
    assertTrue(r.err().contains("Copy the model file again from where it was written"), r.err());
  }

  @Test
  void predict_csvMissingAFeatureColumn_namesIt() throws Exception {
    Path in = dir.resolve("few.csv");
    Files.writeString(in, "px0,px1\n0,0\n");
    Result r = run("predict", "--model", model.toString(), "--data", in.toString(),
        "--out", "p.csv");
    assertEquals(2, r.exit());
    assertEquals(1, r.errorLines().size(), r.err());
    assertTrue(r.err().contains("missing column \"px2\""), r.err());
  }

  /**
   * evaluate reads what predict reads: the model's columns and the target, other columns
   * ignored (an id of text used to fail with "expected a number"); a file of one class the model
   * knows is evaluated (it used to fail with "only one class (pos); classification needs two");
   * a label the model does not know and a negative Poisson count (it used to give a loss) are
   * errors at their row.
   */
  @Test
  void evaluate_readsTheModelsColumnsAndTarget_oneKnownClass_refusesNegativeCounts()
      throws Exception {
    StringBuilder train = new StringBuilder("a,b,label\n");
    StringBuilder bin = new StringBuilder("a,b,label,name\n");
    StringBuilder pos = new StringBuilder("a,b,label,name\n");
    StringBuilder counts = new StringBuilder("a,b,count\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 60; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      String label = a - b + 0.5 * r.nextGaussian() > 0 ? "pos" : "neg";
      String row = a + "," + b + "," + label + ",row" + i + "\n";
      bin.append(row);
      train.append(a + "," + b + "," + label + "\n");
      if (label.equals("pos")) {
        pos.append(row);
      }
      counts.append(a).append(',').append(b).append(',').append(i % 4).append('\n');
    }
    Files.writeString(dir.resolve("train.csv"), train);
    Files.writeString(dir.resolve("bin.csv"), bin);
    Files.writeString(dir.resolve("pos.csv"), pos);
    Files.writeString(dir.resolve("cat.csv"), "a,b,label\n1,2,pos\n1,2,cat\n");
    Files.writeString(dir.resolve("counts.csv"), counts);
    Files.writeString(dir.resolve("negative.csv"), "a,b,count\n1,2,3\n0.5,1,-3.5\n");
    Result t = run("path", "--data", "train.csv", "--target", "label", "--family",
        "binomial", "--nlambda", "5", "--quiet", "--out", "bin-run", "--save", "bin.model");
    assertEquals(0, t.exit(), t.err());
    Result all = run("evaluate", "--model", "bin.model", "--data", "bin.csv",
        "--target", "label", "--json");
    assertEquals(0, all.exit(), all.err());
    assertEquals(60, JSON.readTree(all.out()).get("rows").asInt());
    Result one = run("evaluate", "--model", "bin.model", "--data", "pos.csv",
        "--target", "label", "--json");
    assertEquals(0, one.exit(), one.err());
    assertEquals(pos.toString().split("\n").length - 1,
        JSON.readTree(one.out()).get("rows").asInt());
    Result cat = run("evaluate", "--model", "bin.model", "--data", "cat.csv",
        "--target", "label");
    assertEquals(2, cat.exit(), cat.err());
    assertEquals(List.of("tikhonov: error: " + dir.resolve("cat.csv") + ":3:3 (column"
        + " \"label\"): label \"cat\" is not one of the model's classes [neg, pos]"),
        cat.errorLines());
    t = run("path", "--data", "counts.csv", "--target", "count", "--family", "poisson",
        "--nlambda", "5", "--quiet", "--out", "counts-run", "--save", "counts.model");
    assertEquals(0, t.exit(), t.err());
    Result negative = run("evaluate", "--model", "counts.model", "--data",
        "negative.csv", "--target", "count");
    assertEquals(2, negative.exit(), negative.err());
    assertEquals(List.of("tikhonov: error: " + dir.resolve("negative.csv") + ":3:3 (column"
        + " \"count\"): count -3.5 is not a finite number ≥ 0 (the poisson family models counts)"),
        negative.errorLines());
  }

  /**
   * LIBSVM labels are numbers: a model trained on +1/-1 evaluates data labelled 1/-1 (it used
   * to refuse: label "1" is not one of the model's classes [-1, +1]).
   */
  @Test
  void evaluate_libsvmLabelsSpelledDifferently_areTheSameClasses() throws Exception {
    String lines = "+1 1:0.5 3:1.5\n-1 2:2\n+1 1:1 2:0.3\n-1 2:1.1 3:0.7\n+1 1:0.9\n"
        + "-1 2:1.5 3:0.2\n+1 1:1.2 3:0.1\n-1 2:0.8\n+1 1:0.7 2:0.2 3:0.4\n-1 3:1.9\n";
    Files.writeString(dir.resolve("signed.svm"), lines);
    Files.writeString(dir.resolve("unsigned.svm"), lines.replace("+1 ", "1.0 "));
    Result t = run("train", "--data", "signed.svm", "--model", "logistic",
        "--epochs", "2", "--threads", "1", "--quiet", "--out", "svm-run", "--save", "svm.model");
    assertEquals(0, t.exit(), t.err());
    Result signed = run("evaluate", "--model", "svm.model", "--data",
        "signed.svm", "--json", "--threads", "1");
    Result unsigned = run("evaluate", "--model", "svm.model", "--data",
        "unsigned.svm", "--json", "--threads", "1");
    assertEquals(0, unsigned.exit(), unsigned.err());
    assertEquals(signed.out(), unsigned.out());
  }

  /**
   * A CSV column of numbers is one class per value: a model trained on labels spelled 1, 1.0,
   * 2 and 2.0 has the classes 1 and 2 (it had four, [1, 1.0, 2, 2.0], while evaluate matched
   * 1.0 to class 1), and evaluates the file as it evaluates the same rows spelled 1 and 2.
   */
  @Test
  void train_csvLabelsSpelledDifferently_areOneClassPerValue() throws Exception {
    StringBuilder mixed = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 24; i++) {
      boolean two = i % 2 == 1;
      mixed.append(two ? 1 + 0.1 * i : -0.05 * i).append(',').append(i % 5 * 0.3).append(',')
          .append(two ? (i % 4 == 1 ? "2" : "2.0") : (i % 4 == 0 ? "1" : "1.0")).append('\n');
    }
    Files.writeString(dir.resolve("mixed.csv"), mixed);
    Files.writeString(dir.resolve("plain.csv"), mixed.toString().replace(".0\n", "\n"));
    Result t = run("train", "--data", "mixed.csv", "--target", "y", "--model", "logistic",
        "--epochs", "2", "--threads", "1", "--quiet", "--out", "mixed-run", "--save", "m.model");
    assertEquals(0, t.exit(), t.err());
    Result p = run("predict", "--model", "m.model", "--data", "mixed.csv", "--out", "p.csv");
    assertEquals(0, p.exit(), p.err());
    assertEquals("class,prob_1,prob_2", Files.readAllLines(dir.resolve("p.csv")).get(0));
    Result onMixed = run("evaluate", "--model", "m.model", "--data", "mixed.csv",
        "--target", "y", "--json", "--threads", "1");
    Result onPlain = run("evaluate", "--model", "m.model", "--data", "plain.csv",
        "--target", "y", "--json", "--threads", "1");
    assertEquals(0, onPlain.exit(), onPlain.err());
    assertEquals(onMixed.out(), onPlain.out());
  }

  @Test
  void evaluate_textFileAsModel_isRejected() throws Exception {
    Path bad = dir.resolve("notes.safetensors");
    Files.writeString(bad, "these are not weights at all");
    Result r = run("evaluate", "--model", bad.toString());
    assertEquals(2, r.exit());
    assertEquals(1, r.errorLines().size(), r.err());
    assertTrue(r.err().contains("header length"), r.err());
  }
}
