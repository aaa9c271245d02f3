package dev.tikhonov.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.CsvOptions;
import dev.tikhonov.data.CsvReader;
import dev.tikhonov.data.Dataset;
import dev.tikhonov.data.InputException;
import dev.tikhonov.data.LibsvmReader;
import dev.tikhonov.internal.data.ClassLabels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label that a 500-class model does not know: evaluate printed one line of about 3,500
 * characters listing every class (CSV reader, LIBSVM reader, a Dataset's labels matched to the
 * model's). The first 30 classes are listed, then how many more, as the missing-column message
 * does. Failed before: the message held all 500 names. A short list stays as it was.
 */
class ManyClassesLabelTest {
  @TempDir Path dir;

  private static final List<String> CLASSES = classes(500);
  private static final String LISTED = "[c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12,"
      + " c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29,"
      + " … (470 more)]";

  private static List<String> classes(int k) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      out.add("c" + c);
    }
    return out;
  }

  @Test
  void csv_listsThirtyClassesAndCountsTheRest() {
    String csv = "x,label\n1,c3\n2,newclass\n";
    InputException e = assertThrows(InputException.class, () -> CsvReader.readLabelled(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "f.csv", List.of("x"),
        "label", CLASSES, CsvOptions.defaults()));
    assertTrue(e.getMessage().endsWith("label \"newclass\" is not one of the model's classes "
        + LISTED), e.getMessage());
    assertTrue(e.getMessage().length() < 300, e.getMessage());
  }

  @Test
  void libsvm_listsThirtyClassesAndCountsTheRest() throws Exception {
    List<String> numbered = new ArrayList<>();
    for (int c = 0; c < 500; c++) {
      numbered.add(String.valueOf(c));
    }
    Path file = Files.writeString(dir.resolve("f.svm"), "3 1:1\n777 1:2\n");
    InputException e = assertThrows(InputException.class,
        () -> LibsvmReader.readLabelled(file, 1, numbered));
    assertTrue(e.getMessage().endsWith("label \"777\" is not one of the model's classes [0, 1,"
        + " 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,"
        + " 25, 26, 27, 28, 29, … (470 more)]"), e.getMessage());
  }

  @Test
  void datasetLabels_listThirtyClassesAndCountTheRest() {
    Dataset data = Dataset.ofClasses(new double[][] {{1}, {2}}, List.of("c3", "newclass"));
    InputException e = assertThrows(InputException.class, () -> Features.labels(CLASSES, data));
    assertTrue(e.getMessage().endsWith(": row 2: label \"newclass\" is not one of the model's"
        + " classes " + LISTED), e.getMessage());
  }

  @Test
  void aShortListIsWrittenWhole() {
    assertEquals("[neg, pos]", ClassLabels.listed(List.of("neg", "pos")));
    assertEquals(classes(30).toString(), ClassLabels.listed(classes(30)));
  }
}
