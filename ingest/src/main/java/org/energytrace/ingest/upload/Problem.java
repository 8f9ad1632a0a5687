package org.energytrace.ingest.upload;

/**
 * A problem of an uploaded file's cell or row: its row (0: the file as a whole), its column ({@code
 * null}: the whole row or file) and, XLSX only, the spreadsheet column's {@code letter}.
 */
public record Problem(int row, String column, String letter, String message) {
  public Problem(int row, String column, String message) {
    this(row, column, null, message);
  }

  /** "C (quantity)", "quantity", "F" or null: how a message names the column. */
  public String columnLabel() {
    if (letter == null) {
      return column;
    }
    return column == null ? letter : letter + " (" + column + ")";
  }

  /** "row 3, column C (quantity): empty cell": the problem as the preview's message says it. */
  public String text() {
    String col = columnLabel();
    return "row " + row + (col == null ? "" : ", column " + col) + ": " + message;
  }
}
