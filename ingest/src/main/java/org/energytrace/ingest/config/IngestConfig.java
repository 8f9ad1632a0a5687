package org.energytrace.ingest.config;

import java.util.Objects;

/** The whole configuration of the ingest service, loaded by {@link ConfigLoader}. */
public record IngestConfig(HttpConfig http, DbConfig db, MqttConfig mqtt, PipelineConfig ingest) {
  public IngestConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(ingest, "ingest");
  }

  public IngestConfig withHttp(HttpConfig value) {
    return new IngestConfig(value, db, mqtt, ingest);
  }

  public IngestConfig withDb(DbConfig value) {
    return new IngestConfig(http, value, mqtt, ingest);
  }

  public IngestConfig withMqtt(MqttConfig value) {
    return new IngestConfig(http, db, value, ingest);
  }

  public IngestConfig withIngest(PipelineConfig value) {
    return new IngestConfig(http, db, mqtt, value);
  }
}
