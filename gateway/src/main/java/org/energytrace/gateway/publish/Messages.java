package org.energytrace.gateway.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The payloads of the wire contract (docs/schemas), as records Jackson writes directly. */
public final class Messages {

  public static final int SCHEMA_VERSION = 1;

  private Messages() {}

  /** docs/schemas/telemetry.schema.json */
  public record TelemetryBatch(
      @JsonProperty("schema_version") int schemaVersion,
      String gateway,
      long seq,
      @JsonProperty("sent_at") Instant sentAt,
      List<Point> points) {
    public TelemetryBatch {
      points = List.copyOf(points);
      if (points.isEmpty()) {
        throw new IllegalArgumentException("a telemetry batch has at least one point");
      }
      if (seq < 0) {
        throw new IllegalArgumentException("seq must be >= 0");
      }
      Objects.requireNonNull(sentAt, "sentAt");
    }
  }

  /**
   * One reading in a telemetry batch. {@code value} is a Double, or a BigDecimal where a double
   * would lose digits (a 64-bit counter above 2^53); either is written as a plain JSON number.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Point(
      String meter,
      String channel,
      Instant ts,
      Number value,
      String unit,
      String quality,
      String kind,
      @JsonProperty("counter_bits") Integer counterBits) {
    public Point {
      if (!Double.isFinite(value.doubleValue())) {
        throw new IllegalArgumentException("value must be finite");
      }
    }
  }

  /** docs/schemas/production.schema.json */
  public record ProductionCounts(
      @JsonProperty("schema_version") int schemaVersion,
      String gateway,
      long seq,
      @JsonProperty("sent_at") Instant sentAt,
      List<Count> counts) {
    public ProductionCounts {
      counts = List.copyOf(counts);
      if (counts.isEmpty()) {
        throw new IllegalArgumentException("a production message has at least one count");
      }
    }
  }

  /** A cumulative production counter value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Count(
      String line,
      String product,
      Instant ts,
      Number quantity,
      String unit,
      boolean cumulative,
      String quality) {
    public Count {
      if (!Double.isFinite(quantity.doubleValue()) || quantity.doubleValue() < 0) {
        throw new IllegalArgumentException("quantity must be a finite number >= 0");
      }
    }
  }

  /** docs/schemas/status.schema.json */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GatewayStatus(
      @JsonProperty("schema_version") int schemaVersion,
      String gateway,
      String state,
      Instant ts,
      String reason,
      @JsonProperty("software_version") String softwareVersion) {}
}
