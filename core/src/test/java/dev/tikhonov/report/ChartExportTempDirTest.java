package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * A chart's PNG needs no temporary directory. ImageIO buffered every PNG in a file there, so with
 * /tmp full, read-only or gone every run's report failed after its work: {@code tikhonov:
 * internal error: java.io.UncheckedIOException: cannot encode chart as PNG} (its cause
 * {@code IIOException: Can't create cache file!}). ImageIO's cache folder is pointed here at a
 * folder that is then removed, as a temporary directory that takes no file (ImageIO refused it
 * with {@code IllegalArgumentException: Not a directory!}). The PNG is encoded into a stream of
 * its own in memory, not by turning off ImageIO's cache for the whole process (an application
 * using the library may rely on it).
 */
class ChartExportTempDirTest {
  @TempDir Path dir;

  @Test
  void png_withATemporaryDirectoryThatTakesNoFile_isEncoded() throws Exception {
    XYChart chart = ChartTheme.xy("loss", "epoch", "loss");
    chart.addSeries("train", new double[] {1, 2, 3}, new double[] {3, 2, 1});
    ChartExport.png(chart); // the class is initialized, as in a run, before the cache is set
    Path gone = Files.createDirectory(dir.resolve("tmp"));
    ImageIO.setCacheDirectory(gone.toFile());
    Files.delete(gone);
    byte[] png;
    try {
      png = ChartExport.png(chart);
    } finally {
      ImageIO.setCacheDirectory(null);
    }
    // read back with the cache restored (reading through ImageIO would use the folder too)
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(ChartTheme.WIDTH, image.getWidth());
    assertTrue(ImageIO.getUseCache(), "ImageIO's process-wide setting is left as it was");
  }
}
