package org.energytrace.analytics.cli;

import java.nio.file.Path;

/** A problem in an input file, located by file, row (1 = header) and column where known. */
final class InputException extends RuntimeException {

  InputException(Path file, long row, String column, String problem) {
    super(locate(file, row, column) + problem);
  }

  private static String locate(Path file, long row, String column) {
    StringBuilder b = new StringBuilder(file.toString()).append(": ");
    if (row > 0) {
      b.append("row ").append(row).append(", ");
    }
    if (column != null) {
      b.append("column '").append(column).append("': ");
    }
    return b.toString();
  }
}
