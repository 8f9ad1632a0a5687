package org.energytrace.gateway.model;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the gateway's executors: daemon threads, so none of them keeps the JVM alive
 * after the gateway has stopped, each with a name that says what it runs.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Daemon threads all called {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> daemon(r, name);
  }

  /** Daemon threads called {@code prefix} followed by 1, 2, 3… */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> daemon(r, prefix + n.incrementAndGet());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
