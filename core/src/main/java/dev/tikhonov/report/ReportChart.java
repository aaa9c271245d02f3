package dev.tikhonov.report;

import org.knowm.xchart.XYChart;

/**
 * One chart of a report: its file name (charts/&lt;name&gt;.svg and .png), the caption under it, and
 * the XChart object whose series hold exactly the numbers drawn.
 */
public record ReportChart(String name, String caption, XYChart chart) {}
