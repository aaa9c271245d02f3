package dev.tikhonov.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/**
 * Draws charts whose legend or title XChart would cut at the image's edge and checks the drawn
 * PNG: every chart has a white margin (the chart padding), so any pixel of the outermost rows
 * and columns that is not white is text or a line running off the image.
 */
class ChartFitTest {
  /** experiment mnist-l2 --quick's six rows, as the run-curves legend named them. */
  static final List<String> QUICK_ROWS = List.of("lambda-0.0", "lambda-0.01", "lambda-0.1",
      "lambda-1.0", "dropout-0.2_lambda-0.0", "dropout-0.2_lambda-1.0E-4");

  @Test
  void png_sixLongEntriesInOneRow_drawsTheLegendInsideTheImage() throws IOException {
    XYChart chart = lines("Validation loss per epoch (first seed of each row)", QUICK_ROWS);
    BufferedImage image = png(chart);
    assertEquals(List.of(), edgeInk(image), "nothing may touch the image's edge");
    assertEquals(QUICK_ROWS.size(), ChartFit.entries(chart), "every entry is drawn");
  }

  @Test
  void png_legendTallerThanTheChart_growsTheChart() throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      names.add("λ = " + (i + 1) + "e-5, dropout 0.2");
    }
    XYChart chart = lines("Validation loss per epoch", names);
    ChartTheme.legendRightWhenCrowded(chart); // one column right of the plot, as runCurves has
    BufferedImage image = png(chart);
    assertEquals(List.of(), edgeInk(image), "nothing may touch the image's edge");
    assertTrue(image.getHeight() > ChartTheme.HEIGHT, "taller: " + image.getHeight());
    assertEquals(ChartTheme.WIDTH, image.getWidth());
  }

  @Test
  void png_longTitleOverAPlotPushedLeftByItsLegend_drawsTheTitleInsideTheImage()
      throws IOException {
    XYChart chart = lines("elastic-net: Coefficient path (α = 0.5); 31 of 200 coefficients zero"
        + " all along, not drawn", List.of("x0", "x1", "x2", "x3", "x4", "x5", "λ_min = 0.0569",
        "λ_1se = 0.1012"));
    BufferedImage image = png(chart);
    assertEquals(List.of(), edgeInk(image), "nothing may touch the image's edge");
  }

  private static XYChart lines(String title, List<String> names) {
    XYChart chart = ChartTheme.xy(title, "epoch", "validation loss");
    for (int i = 0; i < names.size(); i++) {
      double[] x = {1, 2, 3, 4, 5};
      double[] y = new double[x.length];
      for (int e = 0; e < x.length; e++) {
        y[e] = 0.2 + i * 0.1 + 1.5 / (e + 1);
      }
      chart.addSeries(names.get(i), x, y).setLineColor(ChartTheme.color(i));
    }
    return chart;
  }

  private static BufferedImage png(XYChart chart) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(ChartExport.png(chart)));
  }

  /** The places on the two outermost rows and columns that are not white. */
  private static List<String> edgeInk(BufferedImage image) {
    List<String> ink = new ArrayList<>();
    int w = image.getWidth();
    int h = image.getHeight();
    for (int x = 0; x < w; x++) {
      for (int y : new int[] {0, 1, h - 2, h - 1}) {
        check(image, x, y, ink);
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x : new int[] {0, 1, w - 2, w - 1}) {
        check(image, x, y, ink);
      }
    }
    return ink.size() > 5 ? ink.subList(0, 5) : ink;
  }

  private static void check(BufferedImage image, int x, int y, List<String> ink) {
    int rgb = image.getRGB(x, y) & 0xffffff;
    int darkest = Math.min(rgb & 0xff, Math.min((rgb >> 8) & 0xff, (rgb >> 16) & 0xff));
    if (darkest < 230) {
      ink.add("(" + x + ", " + y + ")");
    }
  }
}
