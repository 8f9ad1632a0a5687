package org.energytrace.gateway.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.energytrace.gateway.model.GatewayException;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.Reading;
import org.energytrace.gateway.publish.Messages.Count;
import org.energytrace.gateway.publish.Messages.GatewayStatus;
import org.energytrace.gateway.publish.Messages.Point;
import org.energytrace.gateway.publish.Messages.ProductionCounts;
import org.energytrace.gateway.publish.Messages.TelemetryBatch;

/** Builds the JSON payloads of one gateway. Timestamps are UTC with millisecond precision. */
public final class MessageCodec {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
          // an exact 64-bit counter is written digit for digit, never as 8.19E+16
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private final String gatewayId;
  private final String softwareVersion;

  public MessageCodec(String gatewayId, String softwareVersion) {
    this.gatewayId = gatewayId;
    this.softwareVersion = softwareVersion;
  }

  /** A telemetry batch of the meter readings (production readings are not allowed here). */
  public TelemetryBatch telemetry(long seq, Instant sentAt, List<Reading> readings) {
    List<Point> points = new ArrayList<>(readings.size());
    for (Reading r : readings) {
      if (!(r.target() instanceof PointTarget.MeterChannel m)) {
        throw new IllegalArgumentException("not a meter reading: " + r);
      }
      boolean counter = m.kind() == PointTarget.Kind.COUNTER;
      points.add(
          new Point(
              m.meter(),
              m.channel(),
              r.ts(),
              r.wireValue(),
              m.unit(),
              r.quality().wire(),
              counter ? "counter" : "gauge",
              counter ? m.counterBits() : null));
    }
    return new TelemetryBatch(Messages.SCHEMA_VERSION, gatewayId, seq, millis(sentAt), points);
  }

  /** Cumulative production counts (PLC counters). */
  public ProductionCounts production(long seq, Instant sentAt, List<Reading> readings) {
    List<Count> counts = new ArrayList<>(readings.size());
    for (Reading r : readings) {
      if (!(r.target() instanceof PointTarget.ProductionLine line)) {
        throw new IllegalArgumentException("not a production reading: " + r);
      }
      counts.add(
          new Count(
              line.line(),
              line.product(),
              r.ts(),
              r.value() < 0 ? (Number) 0.0 : r.wireValue(),
              line.unit(),
              true,
              r.quality().wire()));
    }
    return new ProductionCounts(Messages.SCHEMA_VERSION, gatewayId, seq, millis(sentAt), counts);
  }

  public GatewayStatus online(Instant ts, String reason) {
    return new GatewayStatus(
        Messages.SCHEMA_VERSION, gatewayId, "online", millis(ts), reason, softwareVersion);
  }

  /** The status a gateway leaves behind when it stops on purpose. */
  public GatewayStatus offline(Instant ts, String reason) {
    return new GatewayStatus(
        Messages.SCHEMA_VERSION, gatewayId, "offline", millis(ts), reason, softwareVersion);
  }

  /** The MQTT last will: no ts, since the broker sends it, not the gateway. */
  public GatewayStatus lastWill() {
    return new GatewayStatus(
        Messages.SCHEMA_VERSION, gatewayId, "offline", null, "connection lost", null);
  }

  public byte[] encode(Object message) {
    try {
      return json.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new GatewayException(
          GatewayException.Code.STORAGE_FAILED, "cannot encode " + message, e);
    }
  }

  private static Instant millis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
