package org.energytrace.ingest.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The whole configuration of the ingest service, loaded by {@link ConfigLoader}. */
public record IngestConfig(
    HttpConfig http,
    DbConfig db,
    MqttConfig mqtt,
    PipelineConfig ingest,
    SecurityConfig security,
    DashboardConfig dashboards,
    IntegrityConfig integrity,
    MailConfig mail) {
  public IngestConfig {
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(dashboards, "dashboards");
  }

  /**
   * A configuration with the documented defaults (those of {@code ingest-default.yaml}), for
   * embedding the service in tests: HTTP on 127.0.0.1 at a free port, auto-registration on, short
   * batch wait, a one-hour session expiry.
   */
  public static IngestConfig defaults(
      String jdbcUrl, String dbUser, String mqttUrl, String mqttClientId) {
    return new IngestConfig(
        new HttpConfig("127.0.0.1", 0),
        new DbConfig(jdbcUrl, dbUser, "", 4, true),
        new MqttConfig(
            mqttUrl,
            mqttClientId,
            null,
            null,
            List.of("et/v1/+/+/+/telemetry", "et/v1/+/+/+/status", "et/v1/+/+/+/production"),
            "",
            Duration.ofHours(1),
            1000,
            Duration.ofMillis(500)),
        new PipelineConfig(
            true,
            1 << 20,
            Duration.ofMinutes(5),
            Duration.ofDays(400),
            5000,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            2),
        SecurityConfig.defaults(),
        DashboardConfig.defaults(),
        IntegrityConfig.defaults(),
        MailConfig.off());
  }

  public IngestConfig withHttp(HttpConfig value) {
    return RecordCopy.with(this, "http", value);
  }

  public IngestConfig withDb(DbConfig value) {
    return RecordCopy.with(this, "db", value);
  }

  public IngestConfig withMqtt(MqttConfig value) {
    return RecordCopy.with(this, "mqtt", value);
  }

  public IngestConfig withIngest(PipelineConfig value) {
    return RecordCopy.with(this, "ingest", value);
  }

  public IngestConfig withSecurity(SecurityConfig value) {
    return RecordCopy.with(this, "security", value);
  }

  public IngestConfig withDashboards(DashboardConfig value) {
    return RecordCopy.with(this, "dashboards", value);
  }

  public IngestConfig withIntegrity(IntegrityConfig value) {
    return RecordCopy.with(this, "integrity", value);
  }

  public IngestConfig withMail(MailConfig value) {
    return RecordCopy.with(this, "mail", value);
  }
}
