package dev.tikhonov.report;

import org.knowm.xchart.XYChart;

/**
 * One chart of a report: its file name (charts/&lt;name&gt;.svg and .png), the caption under it, and
 * the XChart object whose series hold exactly the numbers drawn. Not thread-safe: the fields are
 * final, but the chart is a mutable XChart object, shared, not copied, and exporting it modifies
 * its styler and series; use a chart from one thread at a time.
 *
 * @param name the file name without extension: charts/&lt;name&gt;.svg and .png
 * @param caption the sentence under the chart in report.html
 * @param chart the chart, its series holding the numbers drawn (shared, not copied)
 */

public record ReportChart(String name, String caption, XYChart chart) {}
