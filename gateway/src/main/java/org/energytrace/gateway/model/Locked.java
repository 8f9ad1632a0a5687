package org.energytrace.gateway.model;

import java.util.concurrent.locks.Lock;

/** Runs a step under a lock: the buffers' state queries, the publisher's in-flight bound. */
public final class Locked {

  private Locked() {}

  /** A step run under the lock; {@code E} is what it may throw (e.g. InterruptedException). */
  @FunctionalInterface
  public interface Step<T, E extends Exception> {
    T run() throws E;
  }

  public static <T, E extends Exception> T run(Lock lock, Step<T, E> step) throws E {
    lock.lock();
    try {
      return step.run();
    } finally {
      lock.unlock();
    }
  }
}
