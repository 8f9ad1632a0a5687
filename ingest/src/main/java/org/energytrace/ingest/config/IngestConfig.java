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

  /** With {@link MailConfig#off()}. */
  public IngestConfig(
      HttpConfig http,
      DbConfig db,
      MqttConfig mqtt,
      PipelineConfig ingest,
      SecurityConfig security,
      DashboardConfig dashboards,
      IntegrityConfig integrity) {
    this(http, db, mqtt, ingest, security, dashboards, integrity, MailConfig.off());
  }

  /** With {@link IntegrityConfig#defaults()}. */
  public IngestConfig(
      HttpConfig http,
      DbConfig db,
      MqttConfig mqtt,
      PipelineConfig ingest,
      SecurityConfig security,
      DashboardConfig dashboards) {
    this(http, db, mqtt, ingest, security, dashboards, IntegrityConfig.defaults());
  }

  /** With {@link DashboardConfig#defaults()}. */
  public IngestConfig(
      HttpConfig http,
      DbConfig db,
      MqttConfig mqtt,
      PipelineConfig ingest,
      SecurityConfig security) {
    this(http, db, mqtt, ingest, security, DashboardConfig.defaults());
  }

  /** With {@link SecurityConfig#defaults()}. */
  public IngestConfig(HttpConfig http, DbConfig db, MqttConfig mqtt, PipelineConfig ingest) {
    this(http, db, mqtt, ingest, SecurityConfig.defaults());
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
            2));
  }

  public IngestConfig withHttp(HttpConfig value) {
    return new IngestConfig(value, db, mqtt, ingest, security, dashboards, integrity, mail);
  }

  public IngestConfig withDb(DbConfig value) {
    return new IngestConfig(http, value, mqtt, ingest, security, dashboards, integrity, mail);
  }

  public IngestConfig withMqtt(MqttConfig value) {
    return new IngestConfig(http, db, value, ingest, security, dashboards, integrity, mail);
  }

  public IngestConfig withIngest(PipelineConfig value) {
    return new IngestConfig(http, db, mqtt, value, security, dashboards, integrity, mail);
  }

  public IngestConfig withSecurity(SecurityConfig value) {
    return new IngestConfig(http, db, mqtt, ingest, value, dashboards, integrity, mail);
  }

  public IngestConfig withDashboards(DashboardConfig value) {
    return new IngestConfig(http, db, mqtt, ingest, security, value, integrity, mail);
  }

  public IngestConfig withIntegrity(IntegrityConfig value) {
    return new IngestConfig(http, db, mqtt, ingest, security, dashboards, value, mail);
  }

  public IngestConfig withMail(MailConfig value) {
    return new IngestConfig(http, db, mqtt, ingest, security, dashboards, integrity, value);
  }
}
