package dev.tikhonov.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Chart → SVG (XChart's VectorGraphics2D encoder) and PNG (its bitmap encoder), and SVG text fit
 * for inlining into one HTML page: several inline SVGs share one id namespace, so every id gets
 * a per-chart prefix (otherwise {@code url(#clip1)} of a later chart would use the first chart's
 * clip path).
 *
 * <p>Every chart passes {@link AxisGuard#apply} before it is drawn, so no series (constant, tiny,
 * huge or non-finite values) can make XChart loop or throw, and {@link ChartFit#apply}, so its
 * title and legend lie inside the image. Not thread-safe per chart: encoding
 * modifies the chart's styler and, where a value cannot be drawn, its series.
 */
final class ChartExport {
  private static final Pattern LONG_DECIMALS = Pattern.compile("(\\d\\.\\d{2})\\d+");
  private static final Pattern SVG_OPEN = Pattern.compile("<svg\\b[^>]*>");
  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"([^\"]*)\"");

  private ChartExport() {}

  /**
   * The chart as a standalone SVG document; coordinates rounded to 0.01 px (XChart writes 15
   * digits, which only makes the file larger).
   */
  static String svg(XYChart chart) {
    AxisGuard.apply(chart);
    ChartFit.apply(chart);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart as SVG", e);
    }
    return LONG_DECIMALS.matcher(out.toString(StandardCharsets.UTF_8)).replaceAll("$1");
  }

  /**
   * The chart as PNG bytes, encoded in memory: ImageIO.write (XChart's getBitmapBytes) buffers
   * each PNG in a file in the temporary directory, so with /tmp full, read-only or not there
   * every report failed after the run's work ("cannot encode chart as PNG", an internal
   * error). The stream is this call's own; ImageIO's process-wide cache setting, which an
   * application using the library may rely on, is left as it is.
   */
  static byte[] png(XYChart chart) {
    AxisGuard.apply(chart);
    ChartFit.apply(chart);
    java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    javax.imageio.ImageWriter writer =
        javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
    try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart as PNG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * {@code standaloneSvg} as an inline {@code <svg>} element: no XML prolog or DOCTYPE, ids
   * prefixed with {@code idPrefix}, scalable (viewBox kept, fixed size dropped), a title for
   * screen readers.
   */
  static String inline(String standaloneSvg, String idPrefix, String title) {
    String body = standaloneSvg.substring(standaloneSvg.indexOf("<svg"));
    body = body.replaceAll("id=\"([^\"]+)\"", "id=\"" + idPrefix + "-$1\"")
        .replaceAll("url\\(#([^)]+)\\)", "url(#" + idPrefix + "-$1)")
        .replaceAll("href=\"#([^\"]+)\"", "href=\"#" + idPrefix + "-$1\"");
    Matcher open = SVG_OPEN.matcher(body);
    if (!open.find()) {
      throw new IllegalStateException("encoder produced no <svg> element");
    }
    Matcher viewBox = VIEW_BOX.matcher(open.group());
    String box = viewBox.find() ? viewBox.group(1)
        : "0 0 " + ChartTheme.WIDTH + " " + ChartTheme.HEIGHT;
    String tag = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"" + box
        + "\" role=\"img\" aria-labelledby=\"" + idPrefix + "-title\" data-chart=\"" + idPrefix
        + "\"><title id=\"" + idPrefix + "-title\">" + Html.escape(title) + "</title>";
    return tag + body.substring(open.end()).trim();
  }

  /** Writes {@code dir/name.svg} and {@code dir/name.png}; returns the SVG text. */
  static String write(XYChart chart, Path dir, String name) {
    String svg = svg(chart);
    JsonFiles.writeAtomically(dir.resolve(name + ".svg"), svg);
    JsonFiles.writeAtomically(dir.resolve(name + ".png"), png(chart));
    return svg;
  }
}
