package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.TargetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class labels that are numbers are one class per value in training and in evaluation alike,
 * and models saved when a CSV's {@code 1.0} was a class of its own still evaluate as they did.
 */
class NumericClassLabelsTest {
  @TempDir Path dir;

  static final String CSV = "labels-1.0-2.0.csv";

  Path resource(String name) throws Exception {
    Path file = dir.resolve(name);
    try (var in = NumericClassLabelsTest.class.getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  static List<String> spelled(Dataset data, String one, String two) {
    List<String> labels = new ArrayList<>();
    for (int label : data.labels()) {
      labels.add(label == 0 ? one : two);
    }
    return labels;
  }

  /**
   * A model fitted on labels 1 and 2 evaluates data that spell them 1.0 and 2.0 (or mix the
   * spellings) as it evaluates its own: the same confusion matrix.
   */
  @Test
  void modelOfLabels1And2_evaluatesLabelsSpelled1point0And2point0_alike() throws Exception {
    Dataset read = Dataset.read(resource(CSV), "y", TargetKind.CLASS);
    double[][] x = read.featureRows();
    LinearClassifier model = ElasticNet.binomial().lambda(0.05).build()
        .fit(Dataset.ofClasses(x, spelled(read, "1", "2")));
    assertEquals(List.of("1", "2"), model.classNames());
    String own = model.confusionMatrix(Dataset.ofClasses(x, spelled(read, "1", "2"))).toString();
    assertEquals(own,
        model.confusionMatrix(Dataset.ofClasses(x, spelled(read, "1.0", "2.0"))).toString());
    List<String> mixed = spelled(read, "1", "2.0");
    mixed.set(0, read.label(0) == 0 ? "+1" : "2");
    assertEquals(own, model.confusionMatrix(Dataset.ofClasses(x, mixed)).toString());
    // training on mixed spellings is training on two classes, not four
    assertEquals(List.of("1", "2"), ElasticNet.binomial().lambda(0.05).build()
        .fit(Dataset.ofClasses(x, mixed)).classNames());
  }

  /**
   * labels-1.0-2.0.model was saved by main a60027b8, which named the classes of the CSV's
   * labels 1.0 and 2.0 "1.0" and "2.0" (now "1" and "2"), as {@code ElasticNet.binomial()
   * .lambda(0.05).build().fit(Dataset.read(csv, "y", TargetKind.CLASS)).save(file)}: it
   * loads, keeps its names, and evaluates the file read now (classes "1", "2") as it evaluates
   * the file read for it, and as that build evaluated it.
   */
  @Test
  void modelSavedWhenLabelsWereSpelledAsWritten_evaluatesTheSame() throws Exception {
    Path csv = resource(CSV);
    LinearClassifier old = Predictor.load(resource("labels-1.0-2.0.model"),
        LinearClassifier.class);
    assertEquals(List.of("1.0", "2.0"), old.classNames());
    Dataset now = Dataset.read(csv, "y", TargetKind.CLASS);
    assertEquals(List.of("1", "2"), now.classNames());
    Dataset forTheModel = CsvReader.readLabelled(csv, old.featureNames(), "y", old.classNames());
    assertEquals(old.confusionMatrix(forTheModel).toString(),
        old.confusionMatrix(now).toString());
    assertEquals(old.evaluate(forTheModel).toString(), old.evaluate(now).toString());
    // what main a60027b8 printed for evaluate(Dataset.read(csv, "y", CLASS)) after saving it
    assertEquals("ClassifierEvaluation[rows=40, loss=0.43377879240080935,"
        + " penalty=0.09722484166608837, accuracy=0.8, AUC=0.8838383838383839]",
        old.evaluate(now).toString());
    // the predictions use the model's names, and agree with the file's labels as often as
    // evaluate's accuracy says
    List<String> predicted = old.predictClassNames(now);
    int right = 0;
    for (int i = 0; i < now.numRows(); i++) {
      right += predicted.get(i).equals(spelled(now, "1.0", "2.0").get(i)) ? 1 : 0;
    }
    ClassifierEvaluation e = (ClassifierEvaluation) old.evaluate(now);
    assertEquals((double) right / now.numRows(), e.accuracy(), 1e-12);
  }
}
