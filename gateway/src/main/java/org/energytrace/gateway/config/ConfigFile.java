package org.energytrace.gateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.energytrace.gateway.model.DataType;
import org.energytrace.gateway.model.OverflowPolicy;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.RegisterOrder;

/**
 * The configuration file as written, as Jackson binds it once the schema has accepted it: one
 * record per mapping, keys in snake_case, a null for a key not given. Devices stay trees until
 * their protocol is known, and Modbus points until their template is merged in. {@link
 * ConfigAssembler} turns these into the validated domain records with their defaults.
 */
final class ConfigFile {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new JavaTimeModule())
          .build();

  private ConfigFile() {}

  /**
   * Binds a subtree the schema accepted; a failure (which would mean the schema lets through what
   * the records cannot hold) names the key.
   */
  static <T> T bind(JsonNode node, Class<T> type, String pointer, ConfigReport report) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      StringBuilder at = new StringBuilder(pointer);
      for (JsonMappingException.Reference r : e.getPath()) {
        at.append('/').append(r.getFieldName() != null ? r.getFieldName() : r.getIndex());
      }
      report.add(at.toString(), "cannot be read: " + e.getOriginalMessage());
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      report.add(pointer, "cannot be read: " + e.getOriginalMessage());
      return null;
    }
  }

  record Root(
      Gateway gateway,
      Mqtt mqtt,
      Publish publish,
      Buffer buffer,
      Http http,
      Duration pollInterval,
      List<JsonNode> devices) {}

  record Gateway(String id, String enterprise, String site, String dataDir) {}

  record Mqtt(
      URI url,
      String username,
      String password,
      String clientId,
      Duration keepAlive,
      Duration reconnectMaxBackoff,
      String version,
      Tls tls) {}

  record Tls(String caFile, String clientKeystore, String clientKeystorePassword) {}

  record Publish(
      Integer maxPointsPerMessage,
      Integer maxInFlight,
      Integer bufferCapacity,
      Duration maxLinger,
      Duration stopTimeout) {}

  record Buffer(
      BufferConfig.Type type,
      String dir,
      String maxBytes,
      OverflowPolicy overflow,
      Integer replayRate) {}

  record Http(String listen, Health health) {}

  record Health(Duration brokerGrace, Duration maxBufferAge) {}

  /** What every device has; the protocol decides the rest. */
  record Device(String id, String protocol) {}

  record OpcUaDevice(
      String id,
      URI endpoint,
      Duration timeout,
      String securityPolicy,
      String securityMode,
      String username,
      String password,
      X509 x509,
      Duration samplingInterval,
      List<OpcUaPoint> points) {}

  record X509(String keystore, String password) {}

  record ModbusDevice(
      String id,
      DeviceConfig.ModbusLink link,
      String host,
      Integer port,
      Serial serial,
      Integer unitId,
      Duration timeout,
      Integer retries,
      Duration retryBackoff,
      Integer maxGap,
      String template,
      Integer addressing,
      Integer addressOffset,
      List<JsonNode> points) {}

  record Serial(String device, Integer baud, DeviceConfig.Parity parity, Integer stopBits) {}

  /** What a point feeds: a meter channel or a production line. */
  record Production(String line, String product, String unit) {}

  record OpcUaPoint(
      String meter,
      String channel,
      String unit,
      PointTarget.Kind kind,
      Integer counterBits,
      Production production,
      String node,
      String mode,
      Duration samplingInterval,
      Integer queueSize,
      Boolean discardOldest,
      Double deadband) {

    PointTarget target() {
      return ConfigFile.target(meter, channel, unit, kind, counterBits, production);
    }
  }

  record ModbusPoint(
      String meter,
      String channel,
      String unit,
      PointTarget.Kind kind,
      Integer counterBits,
      Production production,
      Integer function,
      Integer address,
      DataType type,
      RegisterOrder order,
      BigDecimal scale,
      Integer scaleRegister) {

    /** For a Modbus point the meter defaults to the device id: one device, one meter. */
    PointTarget target(String deviceId) {
      return ConfigFile.target(
          Optional.ofNullable(meter).orElse(deviceId),
          channel,
          unit,
          kind,
          counterBits,
          production);
    }
  }

  private static PointTarget target(
      String meter,
      String channel,
      String unit,
      PointTarget.Kind kind,
      Integer counterBits,
      Production production) {
    if (production != null) {
      return new PointTarget.ProductionLine(
          production.line(),
          production.product(),
          Optional.ofNullable(production.unit()).orElse("H87"));
    }
    PointTarget.Kind k = Optional.ofNullable(kind).orElse(PointTarget.Kind.GAUGE);
    return new PointTarget.MeterChannel(
        meter, channel, unit, k, k == PointTarget.Kind.COUNTER ? counterBits : null);
  }
}
