package org.energytrace.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.energytrace.gateway.modbus.RegisterSpec;

/** One device the gateway polls; the protocol decides which driver reads it. */
public sealed interface DeviceConfig permits DeviceConfig.OpcUa, DeviceConfig.Modbus {

  String id();

  Duration timeout();

  List<? extends Point> points();

  /** A configured point: what it feeds. */
  sealed interface Point permits OpcUaPoint, ModbusPoint {
    PointTarget target();
  }

  /** An OPC UA server, read with the Read service. */
  record OpcUa(String id, URI endpoint, Duration timeout, List<OpcUaPoint> points)
      implements DeviceConfig {
    public OpcUa {
      Ids.requireId("device id", id);
      Objects.requireNonNull(endpoint, "endpoint");
      requirePositive(timeout);
      points = List.copyOf(points);
      if (points.isEmpty()) {
        throw new IllegalArgumentException("device " + id + " has no points");
      }
    }
  }

  /**
   * An OPC UA variable: {@code node} is a NodeId string, {@code ns=2;s=...} or, better, {@code
   * nsu=<namespace uri>;s=...} resolved against the server's namespace table.
   */
  record OpcUaPoint(PointTarget target, String node) implements Point {
    public OpcUaPoint {
      Objects.requireNonNull(target, "target");
      if (node == null || node.isBlank()) {
        throw new IllegalArgumentException("node must not be blank");
      }
    }
  }

  /** A Modbus TCP device (or one unit behind a Modbus TCP gateway). */
  record Modbus(
      String id, String host, int port, int unitId, Duration timeout, List<ModbusPoint> points)
      implements DeviceConfig {
    public Modbus {
      Ids.requireId("device id", id);
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1..65535");
      }
      if (unitId < 0 || unitId > 255) {
        throw new IllegalArgumentException("unit_id must be 0..255");
      }
      requirePositive(timeout);
      points = List.copyOf(points);
      if (points.isEmpty()) {
        throw new IllegalArgumentException("device " + id + " has no points");
      }
    }
  }

  /** A register (or group of registers) holding one value. */
  record ModbusPoint(PointTarget target, RegisterSpec register) implements Point {
    public ModbusPoint {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(register, "register");
    }
  }

  private static void requirePositive(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
