package org.energytrace.analytics.cli;

import java.io.PrintWriter;

/**
 * How a subcommand ends: its whole output, or one {@code error: ...} line, flushed at once, and the
 * exit status.
 */
final class CommandEnd {

  private CommandEnd() {}

  /** Prints {@code output} and returns 0. */
  static int output(PrintWriter out, String output) {
    out.print(output);
    out.flush();
    return 0;
  }

  /** Prints {@code error: message} and returns {@code status}. */
  static int error(PrintWriter err, int status, String message) {
    err.println("error: " + message);
    err.flush();
    return status;
  }
}
