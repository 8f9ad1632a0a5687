package org.energytrace.gateway.buffer;

import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/** Reads a value under a lock: the buffers' state queries. */
final class Locked {

  private Locked() {}

  static <T> T get(Lock lock, Supplier<T> value) {
    lock.lock();
    try {
      return value.get();
    } finally {
      lock.unlock();
    }
  }
}
