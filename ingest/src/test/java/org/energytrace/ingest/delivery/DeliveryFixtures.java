package org.energytrace.ingest.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.energytrace.ingest.config.DbConfig;
import org.energytrace.ingest.config.IngestConfig;
import org.energytrace.ingest.config.MqttConfig;
import org.energytrace.ingest.config.PipelineConfig;
import org.energytrace.ingest.fixtures.TestDatabase;

/** Configurations and payloads shared by the delivery-guarantee tests. */
final class DeliveryFixtures {
  static final int POINTS_PER_MESSAGE = 10;
  static final int QUEUE_CAPACITY = 20;

  private DeliveryFixtures() {}

  /** host:port of a JDBC URL. */
  static String[] hostPort(String jdbcUrl) {
    Matcher m = Pattern.compile("//([^:/]+):(\\d+)/").matcher(jdbcUrl);
    if (!m.find()) {
      throw new IllegalArgumentException("no host:port in " + jdbcUrl);
    }
    return new String[] {m.group(1), m.group(2)};
  }

  static String viaPort(String jdbcUrl, int port) {
    return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
  }

  /** Production-like delivery settings: persistent session, small queue, short retry delay. */
  static IngestConfig config(
      TestDatabase db, String jdbcUrl, String mqttUrl, String clientId, String sharedGroup) {
    IngestConfig d = IngestConfig.defaults(db.url(), db.config().user(), mqttUrl, clientId);
    DbConfig dbc = db.config().withUrl(jdbcUrl);
    MqttConfig m = d.mqtt();
    return d.withDb(dbc)
        .withMqtt(
            new MqttConfig(
                mqttUrl,
                clientId,
                null,
                null,
                m.topics(),
                sharedGroup,
                Duration.ofHours(1),
                QUEUE_CAPACITY,
                Duration.ofMillis(200)))
        .withIngest(
            new PipelineConfig(
                true,
                1 << 20,
                Duration.ofMinutes(5),
                Duration.ofDays(400),
                200,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                2));
  }

  static String topic(String enterprise) {
    return "et/v1/" + enterprise + "/plant-1/gw-1/telemetry";
  }

  /**
   * Message {@code seq} of a stream: POINTS_PER_MESSAGE readings, a millisecond apart per message.
   */
  static String message(Instant t0, int seq) {
    Instant ts = t0.plusMillis(seq);
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < POINTS_PER_MESSAGE; i++) {
      if (i > 0) {
        points.append(',');
      }
      points.append(
          """
          {"meter":"m%d","channel":"AcActivePowerTotal","ts":"%s","value":%d,"unit":"KWT","quality":"good"}"""
              .formatted(i, ts, seq));
    }
    return """
        {"schema_version":1,"gateway":"gw-1","seq":%d,"sent_at":"%s","points":[%s]}"""
        .formatted(seq, ts, points);
  }

  static String countSql(String enterprise) {
    return "select count(*) from reading r join enterprise e using (enterprise_id) where e.code = '"
        + enterprise
        + "'";
  }

  /** Sum over stored values: each seq stored exactly once gives POINTS * sum(seq). */
  static String sumSql(String enterprise) {
    return "select coalesce(sum(value), 0)::bigint from reading r join enterprise e"
        + " using (enterprise_id) where e.code = '"
        + enterprise
        + "'";
  }

  static long expectedSum(int messages) {
    return (long) POINTS_PER_MESSAGE * messages * (messages - 1) / 2;
  }

  static List<String> topics() {
    return List.of("et/v1/+/+/+/telemetry");
  }
}
