package org.energytrace.gateway.runtime;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a gateway process ends: on SIGTERM or Ctrl-C, everything it started closes in reverse. */
public final class Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  private Lifecycle() {}

  /** Blocks until the JVM is asked to stop, then closes everything in reverse order. */
  public static void runUntilShutdown(List<? extends AutoCloseable> started)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  closeInReverse(started);
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }

  /**
   * Stops this process, as SIGTERM does (everything it started closes in reverse), when process
   * {@code pid} ends: a child of another program ({@code ingest demo} passes its own pid) is not
   * left running when that program is killed with {@code kill -9}, which runs none of its shutdown
   * hooks. The JDK notices another process's end by looking every few seconds (at most 5 s).
   *
   * @return false when no process {@code pid} runs (nothing to stop with)
   */
  public static boolean stopWith(long pid) {
    Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (parent.isEmpty()) {
      return false;
    }
    parent
        .get()
        .onExit()
        .thenRun(
            () -> {
              log.warn("the process that started this one (pid {}) has ended; stopping", pid);
              System.exit(0);
            });
    return true;
  }

  /** Closes in reverse order of starting; a failure is logged and the rest still close. */
  public static void closeInReverse(List<? extends AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("error while stopping: {}", e.toString());
      }
    }
  }
}
