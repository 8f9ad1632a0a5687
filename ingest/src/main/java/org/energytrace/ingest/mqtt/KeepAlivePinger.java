package org.energytrace.ingest.mqtt;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttPingSender;
import org.eclipse.paho.mqttv5.client.internal.ClientComms;

/**
 * Paho's keep-alive check, run at least every quarter of the keep-alive. Paho sends a PINGREQ once
 * nothing was received for a keep-alive, and declares the connection lost when a ping is
 * outstanding and nothing was received for a keep-alive, but only at its next check; its own timer
 * checks once per keep-alive, so a broker that stops answering (frozen, a dead route, a half-open
 * TCP connection) was noticed up to two keep-alives late. Checking every quarter bounds it to about
 * 1.5 keep-alives: the ping leaves within a quarter after the keep-alive, the loss is declared a
 * quarter after that. Pings are not sent more often: Paho decides that from the last traffic.
 */
final class KeepAlivePinger implements MqttPingSender {
  private final ScheduledExecutorService timer;
  private ClientComms comms;
  private ScheduledFuture<?> next;

  KeepAlivePinger(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  @Override
  public void init(ClientComms comms) {
    this.comms = comms;
  }

  @Override
  public void start() {
    schedule(comms.getKeepAlive());
  }

  @Override
  public synchronized void stop() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** Paho asks for its next check in {@code delay} ms; it comes within a quarter keep-alive. */
  @Override
  public synchronized void schedule(long delayInMilliseconds) {
    if (next != null) {
      next.cancel(false);
    }
    long quarter = Math.max(50, comms.getKeepAlive() / 4);
    next =
        timer.schedule(
            () -> {
              comms.checkForActivity();
            },
            Math.min(delayInMilliseconds, quarter),
            TimeUnit.MILLISECONDS);
  }
}
