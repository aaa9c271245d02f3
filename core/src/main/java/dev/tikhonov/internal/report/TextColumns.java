package dev.tikhonov.internal.report;

import java.util.List;

/**
 * Not API. A table for a terminal from lines of cells: each column as wide as its widest cell
 * (and at least its given width), one space between columns, left-aligned. A line's last cell is
 * neither padded nor counted in its column's width, so a line may end early with a remark that
 * runs past the columns after it ("1e-04  0  diverged (seed 0, epoch 1)"). Printed once the
 * whole table is known: a fixed width let a 9-character λ (1.234e-03) push the rest of its row
 * out of line. Stateless, so thread-safe.
 */
public final class TextColumns {
  private TextColumns() {}

  /**
   * The lines, each ended by the line separator (as {@code %n}).
   *
   * @param minWidths each column's least width; a column past them has none
   * @param lines the header and the rows, their cells in column order
   */
  public static String format(int[] minWidths, List<List<String>> lines) {
    int columns = 0;
    for (List<String> line : lines) {
      columns = Math.max(columns, line.size());
    }
    int[] width = new int[columns];
    System.arraycopy(minWidths, 0, width, 0, Math.min(columns, minWidths.length));
    for (List<String> line : lines) {
      for (int c = 0; c < line.size() - 1; c++) {
        width[c] = Math.max(width[c], length(line.get(c)));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      for (int c = 0; c < line.size(); c++) {
        String cell = line.get(c);
        out.append(cell);
        if (c < line.size() - 1) {
          out.append(" ".repeat(width[c] - length(cell) + 1));
        }
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }

  /** The cell's width on a terminal: its code points (‖w‖₂ is 4, as String.format pads it). */
  private static int length(String cell) {
    return cell.codePointCount(0, cell.length());
  }
}
