package org.energytrace.ingest.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.energytrace.ingest.config.MqttConfig;

/**
 * Ends the broker session of a client id before {@link PahoSubscriber} resumes it: a connect with
 * clean start and no session expiry, then a disconnect, so what the broker queued for that session
 * is dropped. For the demo only: a shared broker had queued for the stopped demo another demo's
 * readings of the same plant (same topics), which the restarted demo then stored. Its own readings
 * are not in that session: a stop ends its gateway child before its ingest, and what the child had
 * not sent stays in its buffer on disk (a {@code kill -9} of the demo can leave the child's last
 * seconds there; docs/dashboards.md).
 */
public final class FreshSession {
  private FreshSession() {}

  /**
   * {@link #discard}s the demo's session and says what happened, in a line for the console; a
   * broker that cannot be reached yet is no error (ingest connects when it can).
   */
  public static String forDemo(MqttConfig mqtt) {
    try {
      discard(mqtt);
      return "a fresh MQTT session at "
          + mqtt.url()
          + ": what the broker kept for this database's session while the demo was stopped is"
          + " dropped (after a clean stop none of this demo's own readings are in it: its gateway"
          + " stops before its ingest)";
    } catch (MqttException e) {
      return "the broker at "
          + mqtt.url()
          + " did not take the session's reset ("
          + e.getMessage()
          + "); ingest connects when it can";
    }
  }

  /**
   * Drops the session of {@code mqtt}'s client id at its broker, and with it the messages queued
   * for it.
   *
   * @throws MqttException when the broker cannot be reached or refuses the client
   */
  public static void discard(MqttConfig mqtt) throws MqttException {
    MqttClient client = new MqttClient(mqtt.url(), mqtt.clientId(), new MemoryPersistence());
    try {
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      o.setSessionExpiryInterval(0L);
      o.setAutomaticReconnect(false);
      o.setConnectionTimeout(10);
      PahoSubscriber.credentials(o, mqtt);
      client.connect(o);
      client.disconnect();
    } finally {
      client.close();
    }
  }
}
