package dev.tikhonov.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tikhonov.internal.report.MeanStd;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Small HTML helpers: escaping, tables, numbers. */
final class Html {
  private Html() {}

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String number(double x) {
    return LambdaAxis.Format.number(x);
  }

  /**
   * "mean ± std" rounded as the CLI's tables round it ({@link MeanStd}: the spread to 2
   * significant digits, the mean to the same place); a narrow table cell may break it before
   * the "±" only (no-break space after it).
   */
  static String meanStd(double mean, double std) {
    return MeanStd.format(mean, std).replace(" ± ", " ±\u00a0");
  }

  /** The most characters of one value the report shows from run.json ({@link #capped}). */
  static final int MAX_SHOWN = 1000;

  /**
   * {@code s} cut at {@link #MAX_SHOWN} characters, saying how many more {@code file} (run.json,
   * experiment.json: where the value comes from) holds: a value edited to 10 MB was copied into
   * report.html whole. Settings, arguments and provenance are short; a long one is still whole
   * in its file.
   */
  static String capped(String s, String file) {
    if (s.length() <= MAX_SHOWN) {
      return s;
    }
    int cut = Character.isHighSurrogate(s.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
    return s.substring(0, cut) + String.format(java.util.Locale.ROOT,
        "… (%,d characters more in %s)", s.length() - cut, file);
  }

  /** A JSON value as table text: numbers formatted, arrays joined, null as a dash. */
  static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "–";
    }
    if (v.isNumber()) {
      return number(v.doubleValue());
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(e -> parts.add(text(e)));
      return String.join(", ", parts);
    }
    if (v.isObject()) {
      return v.toString();
    }
    return v.asText();
  }

  /**
   * An underscore a column name may break after in a narrow table (val_&lt;wbr&gt;accuracy): one
   * after two or more letters, so that λ_1se and λ_min stay whole ("λ_" over "1se" read as two
   * names).
   */
  private static final java.util.regex.Pattern BREAKABLE_UNDERSCORE =
      java.util.regex.Pattern.compile("(?<=[^\\s_]{2})_");

  /**
   * A number's exponent: a browser may break a line after the hyphen of "1e-4" (it showed "1e-"
   * over "4" in a narrow λ column), so the exponent goes into a no-break span.
   */
  private static final java.util.regex.Pattern EXPONENT =
      java.util.regex.Pattern.compile("(?<=[0-9)])e([-+]?[0-9]+)");

  /** A table of already-escaped cells; {@code highlight} row index gets class "best" (−1: none). */
  static void table(List<String> headers, List<List<String>> rows, int highlight, StringBuilder out) {
    out.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (String h : headers) {
      out.append("<th>").append(BREAKABLE_UNDERSCORE.matcher(escape(h)).replaceAll("_<wbr>"))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (int r = 0; r < rows.size(); r++) {
      out.append(r == highlight ? "<tr class=\"best\">" : "<tr>");
      for (String cell : rows.get(r)) {
        // plain text only: in a cell with markup the pattern could match inside an attribute
        out.append("<td>").append(cell.indexOf('<') >= 0 ? cell
            : EXPONENT.matcher(cell).replaceAll("<span class=\"nb\">e$1</span>"))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }

  /** A table of a JSON array of objects: one column per key, in order of first appearance. */
  static void jsonTable(JsonNode array, StringBuilder out) {
    Set<String> keys = new LinkedHashSet<>();
    array.forEach(row -> row.fieldNames().forEachRemaining(keys::add));
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : array) {
      List<String> cells = new ArrayList<>();
      for (String k : keys) {
        cells.add(escape(text(row.get(k))));
      }
      rows.add(cells);
    }
    table(new ArrayList<>(keys), rows, -1, out);
  }

  /**
   * A two-column key/value table of a JSON object; {@code fileOf} names the file each key's
   * value comes from, for the note of a value cut ({@link #capped}).
   */
  static void keyValueTable(JsonNode object, java.util.function.UnaryOperator<String> fileOf,
      StringBuilder out) {
    List<List<String>> rows = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      String file = fileOf.apply(k);
      rows.add(List.of("<code>" + escape(capped(k, file)) + "</code>",
          escape(capped(text(object.get(k)), file))));
    }
    table(List.of("setting", "value"), rows, -1, out);
  }
}
