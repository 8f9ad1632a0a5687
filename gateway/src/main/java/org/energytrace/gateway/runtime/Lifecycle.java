package org.energytrace.gateway.runtime;

import java.util.List;
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
