package org.energytrace.ingest.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The loop every upload runs over a table's lines before its own checks of the cells: the required
 * columns (a missing one stops there), a file without data rows, each unreadable line's problems,
 * then each readable line through the feature's check; the upload id only when nothing was found.
 */
public final class RowChecks {
  private RowChecks() {}

  /** The problems found in one line; as a {@code BiConsumer} it takes (column, message). */
  public static final class LineProblems implements BiConsumer<String, String> {
    private final UploadTable table;
    private final int row;
    private final List<Problem> problems;
    private final int before;

    private LineProblems(UploadTable table, int row, List<Problem> problems) {
      this.table = table;
      this.row = row;
      this.problems = problems;
      this.before = problems.size();
    }

    /** A problem of {@code column} (its XLSX letter added) in this line. */
    @Override
    public void accept(String column, String message) {
      problems.add(new Problem(row, column, table.letter(column), message));
    }

    /** Whether this line has a problem so far. */
    public boolean found() {
      return problems.size() > before;
    }
  }

  /** A feature's check of one readable line. */
  @FunctionalInterface
  public interface LineCheck<R> {
    /**
     * @return the line's row, or null when it is not stored (its problems told to {@code problems})
     */
    R check(UploadTable.Line line, LineProblems problems);
  }

  /**
   * @param required the columns the header must have
   * @param uploadId the upload id of the rows (called only when there is no problem)
   */
  public static <R> Parsed<R> check(
      String fileName,
      UploadTable table,
      List<String> required,
      LineCheck<R> check,
      Function<List<R>, String> uploadId) {
    List<String> header = table.header();
    List<Problem> problems = new ArrayList<>();
    List<R> rows = new ArrayList<>();
    for (String column : required) {
      if (!header.contains(column)) {
        problems.add(
            new Problem(table.headerRow(), column, "missing column (header is " + header + ")"));
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed<>(fileName, rows, problems, null);
    }
    if (table.lines().isEmpty()) {
      problems.add(new Problem(0, null, "the file has no data rows"));
    }
    for (UploadTable.Line l : table.lines()) {
      if (!l.problems().isEmpty()) {
        l.problems()
            .forEach(p -> problems.add(new Problem(p.row(), null, p.letter(), p.message())));
        continue;
      }
      R row = check.check(l, new LineProblems(table, l.row(), problems));
      if (row != null) {
        rows.add(row);
      }
    }
    return new Parsed<>(fileName, rows, problems, problems.isEmpty() ? uploadId.apply(rows) : null);
  }
}
