package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tikhonov.data.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's own files, and the start-of-run check of the folders it writes into. */
class RunWriterTest {
  @TempDir Path dir;

  @Test
  void writes_namesTheFilesOfEachKind_andNothingElse() {
    assertTrue(RunKind.TRAIN.writes(Path.of("history.csv")));
    assertTrue(RunKind.TRAIN.writes(Path.of("checkpoint.safetensors")));
    assertTrue(RunKind.PATH.writes(Path.of("report.html")));
    assertTrue(RunKind.PATH.writes(Path.of("charts", "anything.png")));
    assertTrue(RunKind.MNIST_L2.writes(Path.of("runs", "lambda-0.1", "seed-0", "history.csv")));
    assertTrue(RunKind.RIDGE_VS_LASSO.writes(Path.of("path-lasso.json")));
    assertTrue(RunKind.MNIST_SELECT.writes(Path.of("selection-digits-warm.csv")));
    assertFalse(RunKind.TRAIN.writes(Path.of("model.safetensors")));
    assertFalse(RunKind.TRAIN.writes(Path.of("runs", "x")));
    assertFalse(RunKind.PATH.writes(Path.of("history.csv")));
    assertFalse(RunKind.MNIST_SELECT.writes(Path.of("sub", "selection-a.json")));
  }

  @Test
  void writes_comparesRealPaths() throws Exception {
    RunWriter run = RunWriter.open(dir.resolve("run"), RunKind.TRAIN);
    assertTrue(run.writes(dir.resolve("x/../run/./report.html")));
    Files.createDirectories(dir.resolve("run"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("run"));
    assertTrue(run.writes(link.resolve("metrics.json")));
    assertFalse(run.writes(dir.resolve("run/my.model")));
    assertFalse(run.writes(dir.resolve("run")));
    assertFalse(run.writes(dir.resolve("report.html")));
  }

  /** It used to fail after the work, with new results beside the old report. */
  @Test
  void open_whenChartsFolderCannotBeWritten_refusesBeforeWork() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root writes into a read-only folder");
    Path charts = Files.createDirectories(dir.resolve("run/charts"));
    Files.setPosixFilePermissions(charts, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      InputException e = assertThrows(InputException.class,
          () -> RunWriter.open(dir.resolve("run"), RunKind.TRAIN));
      assertTrue(e.getMessage().startsWith(charts + ": cannot write the charts of the run there"),
          e.getMessage());
    } finally {
      Files.setPosixFilePermissions(charts, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void open_whenRunsFolderOfAnExperimentCannotBeWritten_refusesBeforeWork() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root writes into a read-only folder");
    Path seed = Files.createDirectories(dir.resolve("run/runs/lambda-0.1/seed-0"));
    Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      InputException e = assertThrows(InputException.class,
          () -> RunWriter.open(dir.resolve("run"), RunKind.MNIST_L2));
      assertEquals(true, e.getMessage().startsWith(seed + ": cannot write the histories"),
          e.getMessage());
      RunWriter.open(dir.resolve("run"), RunKind.TRAIN);
    } finally {
      Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
