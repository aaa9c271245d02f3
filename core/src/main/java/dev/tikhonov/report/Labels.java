package dev.tikhonov.report;

import org.knowm.xchart.XYChart;

/**
 * Names of data columns as they appear in charts and tables: an empty name becomes
 * "(feature j)", a long one is cut to {@link #MAX} characters with "…" (a chart draws its text
 * glyph by glyph as outlines, so a 200,000-character name made a 160 MB report), control
 * characters become spaces. Stateless.
 */
final class Labels {
  /** The longest label drawn, in characters. */
  static final int MAX = 40;

  private Labels() {}

  /** The label of the feature {@code name} at 0-based {@code index}. */
  static String feature(String name, int index) {
    if (name == null || name.isBlank()) {
      return "(feature " + (index + 1) + ")";
    }
    return shorten(name);
  }

  /** {@code text} with control characters as spaces, cut to {@link #MAX} characters with "…". */
  static String shorten(String text) {
    StringBuilder s = new StringBuilder();
    int limit = Math.min(text.length(), text.length() > MAX ? MAX - 1 : MAX);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      s.append(Character.isISOControl(c) ? ' ' : c);
    }
    return text.length() > MAX ? s.append('…').toString() : s.toString();
  }

  /** Whether {@link #feature} shows {@code name} as it is. */
  static boolean shownInFull(String name, int index) {
    return name != null && feature(name, index).equals(name);
  }

  /**
   * {@code name}, or, when {@code chart} has a series of that name already (two long names that
   * begin alike), {@code name} with " (2)", " (3)", …: XChart refuses a name twice.
   */
  static String unique(XYChart chart, String name) {
    String candidate = name;
    for (int k = 2; chart.getSeriesMap().containsKey(candidate)
        || chart.getSeriesMap().containsKey(candidate + ", λ = 0"); k++) {
      candidate = name + " (" + k + ")";
    }
    return candidate;
  }
}
