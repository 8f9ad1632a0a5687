package org.energytrace.gateway.cli;

import org.energytrace.gateway.runtime.Lifecycle;
import picocli.CommandLine.Option;

/**
 * {@code --parent-pid}, for the commands another program runs as its children ({@code ingest demo}
 * runs {@code demo} and {@code broker}): a {@code kill -9} of that program runs none of its
 * shutdown hooks, and a child left running holds the buffer's lock and its ports.
 */
final class ParentProcess {

  @Option(
      names = "--parent-pid",
      paramLabel = "PID",
      description =
          "Stop when process PID ends (ingest demo passes its own, so that a kill -9 of it leaves"
              + " nothing of it running).")
  Long pid;

  /**
   * Arranges to stop with the process named, if any.
   *
   * @return false when {@code --parent-pid} names no running process (said on stderr)
   */
  boolean stopWithIt() {
    if (pid != null && !Lifecycle.stopWith(pid)) {
      System.err.println("--parent-pid: no process " + pid + " runs");
      return false;
    }
    return true;
  }
}
