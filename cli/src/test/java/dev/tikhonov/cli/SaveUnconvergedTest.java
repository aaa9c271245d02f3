package dev.tikhonov.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * path --save of a fit resting on a λ that did not converge: `--max-iterations 1` ended the
 * path at its second λ, unconverged, and --save (last, by default) replaced a good model file
 * with that fit, exit 0. A failed fit never replaces a file: exit 2 naming --save and the λ,
 * the file as it was, the run's own files complete. (A budget run out no longer leaves a λ
 * unconverged: the path drops the λ it interrupts, as glmnet. A tolerance below what double
 * precision reaches, `--tol 1e-30`, does.)
 */
class SaveUnconvergedTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void files() throws Exception {
    StringBuilder r = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 60; i++) {
      double a = Math.sin(i);
      double b = Math.cos(3 * i);
      r.append(a).append(',').append(b).append(',').append(2 * a - b + 0.3 * Math.sin(7 * i))
          .append('\n');
    }
    data = Files.writeString(dir.resolve("real.csv"), r).toString();
  }

  @Test
  void save_ofAFitOnAnUnconvergedLambda_isRefused_andTheGoodFileKept() throws Exception {
    Path model = dir.resolve("good.model");
    InProcess good = InProcess.run("path", "--data", data, "--target", "y", "--quiet", "--out",
        dir.resolve("good").toString(), "--save", model.toString());
    assertEquals(0, good.exit(), good.err());
    byte[] before = Files.readAllBytes(model);
    Path out = dir.resolve("short");
    InProcess r = InProcess.run("path", "--data", data, "--target", "y", "--quiet", "--out",
        out.toString(), "--tol", "1e-30", "--save", model.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.message().startsWith("--save " + model + ": not written; the fit at λ = "),
        r.message());
    assertTrue(r.message().contains("which did not converge"), r.message());
    assertArrayEquals(before, Files.readAllBytes(model), "the good model file is kept");
    for (String file : new String[] {"path.json", "path.csv", "run.json", "report.html"}) {
      assertTrue(Files.exists(out.resolve(file)), file + " of the run is still written");
    }
    // a converged λ of the same short path can still be saved
    InProcess first = InProcess.run("path", "--data", data, "--target", "y", "--quiet", "--out",
        dir.resolve("first").toString(), "--tol", "1e-30", "--save",
        dir.resolve("first.model").toString(), "--save-lambda", "1e9");
    assertEquals(0, first.exit(), first.err());
  }
}
