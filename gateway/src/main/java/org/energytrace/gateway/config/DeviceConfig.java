package org.energytrace.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.energytrace.gateway.model.Ids;
import org.energytrace.gateway.model.PointTarget;
import org.energytrace.gateway.model.RegisterSpec;

/** One device the gateway polls; the protocol decides which driver reads it. */
public sealed interface DeviceConfig permits DeviceConfig.OpcUa, DeviceConfig.Modbus {

  String id();

  Duration timeout();

  List<? extends Point> points();

  /** A configured point: what it feeds. */
  sealed interface Point permits OpcUaPoint, ModbusPoint {
    PointTarget target();
  }

  /**
   * An OPC UA server. Points are monitored items of one subscription by default; a point with
   * {@code mode: poll} (or whose monitored item the server refuses) is read with the Read service
   * at each poll instead.
   */
  record OpcUa(
      String id,
      URI endpoint,
      Duration timeout,
      OpcUaSecurity security,
      Duration samplingInterval,
      List<OpcUaPoint> points)
      implements DeviceConfig {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofSeconds(1);

    public OpcUa {
      Ids.requireId("device id", id);
      Objects.requireNonNull(endpoint, "endpoint");
      requirePositive(timeout);
      Objects.requireNonNull(security, "security");
      // 0 asks the server for its fastest (exception-based where it supports it)
      if (samplingInterval == null || samplingInterval.isNegative()) {
        throw new IllegalArgumentException("sampling_interval must be PT0S or more");
      }
      points = List.copyOf(points);
      if (points.isEmpty()) {
        throw new IllegalArgumentException("device " + id + " has no points");
      }
    }

    /** Anonymous, security None, subscriptions sampled every second. */
    public OpcUa(String id, URI endpoint, Duration timeout, List<OpcUaPoint> points) {
      this(id, endpoint, timeout, OpcUaSecurity.none(), Duration.ofSeconds(1), points);
    }

    public OpcUa withSecurity(OpcUaSecurity newSecurity) {
      return new OpcUa(id, endpoint, timeout, newSecurity, samplingInterval, points);
    }

    public OpcUa withEndpoint(URI newEndpoint) {
      return new OpcUa(id, newEndpoint, timeout, security, samplingInterval, points);
    }

    public OpcUa withPoints(List<OpcUaPoint> newPoints) {
      return new OpcUa(id, endpoint, timeout, security, samplingInterval, newPoints);
    }
  }

  /**
   * Message security and user identity (OPC 10000-2 §6, OPC 10000-4 §7.41). {@code policy} and
   * {@code mode} select the endpoint; {@code username}/{@code password} or an X.509 identity from a
   * PKCS#12 key store authenticate the user (anonymous when neither is set).
   */
  record OpcUaSecurity(
      String policy,
      String mode,
      Optional<String> username,
      Optional<String> password,
      Optional<Path> x509Keystore,
      Optional<String> x509Password) {

    public static final List<String> POLICIES =
        List.of("None", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss");
    public static final List<String> MODES = List.of("None", "Sign", "SignAndEncrypt");

    public OpcUaSecurity {
      if (!POLICIES.contains(policy)) {
        throw new IllegalArgumentException("security_policy must be one of " + POLICIES);
      }
      if (!MODES.contains(mode)) {
        throw new IllegalArgumentException("security_mode must be one of " + MODES);
      }
      if ("None".equals(policy) != "None".equals(mode)) {
        throw new IllegalArgumentException(
            "security_policy None goes with security_mode None, and only with it");
      }
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(x509Keystore, "x509Keystore");
      Objects.requireNonNull(x509Password, "x509Password");
      if (username.isPresent() && x509Keystore.isPresent()) {
        throw new IllegalArgumentException("choose one identity: username or x509");
      }
      if (username.isPresent() != password.isPresent()) {
        throw new IllegalArgumentException("username and password go together");
      }
    }

    public static OpcUaSecurity none() {
      return new OpcUaSecurity(
          "None", "None", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isSecure() {
      return !"None".equals(policy);
    }
  }

  /**
   * An OPC UA variable: {@code node} is a NodeId string, {@code ns=2;s=...} or, better, {@code
   * nsu=<namespace uri>;s=...} resolved against the server's namespace table. {@code subscribe}
   * points are monitored items (sampling interval, queue size, discard policy, absolute deadband;
   * OPC 10000-4 §5.12, §7.22.2); other points are read at each poll. With {@code discardOldest}
   * false (the default) a full queue keeps what it holds and replaces only its newest entry, so no
   * value between two publishes is lost unnoticed for longer than the queue can hold.
   */
  record OpcUaPoint(
      PointTarget target,
      String node,
      boolean subscribe,
      Optional<Duration> samplingInterval,
      int queueSize,
      double deadband,
      boolean discardOldest)
      implements Point {

    public static final int DEFAULT_QUEUE_SIZE = 10;

    public OpcUaPoint {
      Objects.requireNonNull(target, "target");
      if (node == null || node.isBlank()) {
        throw new IllegalArgumentException("node must not be blank");
      }
      Objects.requireNonNull(samplingInterval, "samplingInterval");
      if (queueSize < 1 || queueSize > 10_000) {
        throw new IllegalArgumentException("queue_size must be 1..10000");
      }
      if (!Double.isFinite(deadband) || deadband < 0) {
        throw new IllegalArgumentException("deadband must be >= 0");
      }
    }

    public OpcUaPoint(
        PointTarget target,
        String node,
        boolean subscribe,
        Optional<Duration> samplingInterval,
        int queueSize,
        double deadband) {
      this(target, node, subscribe, samplingInterval, queueSize, deadband, false);
    }

    /** A subscribed point with the device's sampling interval, queue 10, no deadband. */
    public OpcUaPoint(PointTarget target, String node) {
      this(target, node, true, Optional.empty(), 10, 0);
    }

    public OpcUaPoint polled() {
      return new OpcUaPoint(
          target, node, false, samplingInterval, queueSize, deadband, discardOldest);
    }
  }

  /**
   * A Modbus device: one unit id reached over TCP, RTU framing over TCP (a serial-to-Ethernet
   * converter in transparent mode) or RTU over a serial line. {@code host}/{@code port} are for the
   * TCP links; {@code serial} for RTU.
   *
   * @param retries further attempts after a timeout or transport error, within one poll
   * @param retryBackoff wait before the first retry; doubles for each further one
   * @param maxGap unused registers a coalesced read may bridge between two points
   */
  record Modbus(
      String id,
      ModbusLink link,
      String host,
      int port,
      Optional<SerialLine> serial,
      int unitId,
      Duration timeout,
      int retries,
      Duration retryBackoff,
      int maxGap,
      List<ModbusPoint> points)
      implements DeviceConfig {

    public static final int DEFAULT_PORT = 502;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_RETRIES = 2;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final int DEFAULT_MAX_GAP = 16;

    public Modbus {
      Ids.requireId("device id", id);
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(serial, "serial");
      if (link == ModbusLink.RTU) {
        if (serial.isEmpty()) {
          throw new IllegalArgumentException("an RTU device needs serial settings");
        }
      } else {
        if (host == null || host.isBlank()) {
          throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
          throw new IllegalArgumentException("port must be 1..65535");
        }
      }
      if (unitId < 0 || unitId > 255) {
        throw new IllegalArgumentException("unit_id must be 0..255");
      }
      requirePositive(timeout);
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries must be 0..10");
      }
      Objects.requireNonNull(retryBackoff, "retryBackoff");
      if (maxGap < 0 || maxGap > 123) {
        throw new IllegalArgumentException("max_gap must be 0..123");
      }
      points = List.copyOf(points);
      if (points.isEmpty()) {
        throw new IllegalArgumentException("device " + id + " has no points");
      }
    }

    /** A Modbus TCP device with default retries and coalescing. */
    public Modbus(
        String id, String host, int port, int unitId, Duration timeout, List<ModbusPoint> points) {
      this(
          id,
          ModbusLink.TCP,
          host,
          port,
          Optional.empty(),
          unitId,
          timeout,
          DEFAULT_RETRIES,
          DEFAULT_RETRY_BACKOFF,
          DEFAULT_MAX_GAP,
          points);
    }

    /** The same device on another TCP link. */
    public Modbus withLink(ModbusLink newLink, String newHost, int newPort) {
      return with(newLink, newHost, newPort, serial);
    }

    /** The same device on a serial line (RTU). */
    public Modbus withSerial(SerialLine line) {
      return with(ModbusLink.RTU, host, port, Optional.of(line));
    }

    private Modbus with(
        ModbusLink newLink, String newHost, int newPort, Optional<SerialLine> newSerial) {
      return new Modbus(
          id,
          newLink,
          newHost,
          newPort,
          newSerial,
          unitId,
          timeout,
          retries,
          retryBackoff,
          maxGap,
          points);
    }

    /** Where the device is, for logs and errors. */
    public String where() {
      return switch (link) {
        case TCP -> host + ":" + port + " unit " + unitId;
        case RTU_OVER_TCP -> "rtu-over-tcp " + host + ":" + port + " unit " + unitId;
        case RTU -> serial.map(SerialLine::device).orElse("?") + " unit " + unitId;
      };
    }
  }

  /** How Modbus frames travel. */
  enum ModbusLink {
    TCP,
    RTU_OVER_TCP,
    RTU
  }

  /** Serial line settings for Modbus RTU (Modbus over Serial Line v1.02 §2.5: 8 data bits). */
  record SerialLine(String device, int baudRate, Parity parity, int stopBits) {

    public static final int DEFAULT_BAUD = 9600;

    public SerialLine {
      if (device == null || device.isBlank()) {
        throw new IllegalArgumentException("serial.device must not be blank");
      }
      if (baudRate < 300 || baudRate > 921_600) {
        throw new IllegalArgumentException("serial.baud must be 300..921600");
      }
      Objects.requireNonNull(parity, "parity");
      if (stopBits != 1 && stopBits != 2) {
        throw new IllegalArgumentException("serial.stop_bits must be 1 or 2");
      }
    }
  }

  /** Serial parity. */
  enum Parity {
    NONE,
    EVEN,
    ODD
  }

  /**
   * A register (or group of registers) holding one value. {@code scaleRegister}, when present, is
   * the wire address of an int16 scale factor in the same register table (SunSpec: value × 10^sf).
   */
  record ModbusPoint(PointTarget target, RegisterSpec register, OptionalInt scaleRegister)
      implements Point {
    public ModbusPoint {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(register, "register");
      Objects.requireNonNull(scaleRegister, "scaleRegister");
      if (scaleRegister.isPresent()
          && (scaleRegister.getAsInt() < 0 || scaleRegister.getAsInt() > 0xFFFF)) {
        throw new IllegalArgumentException("scale_register must be 0..65535");
      }
    }

    public ModbusPoint(PointTarget target, RegisterSpec register) {
      this(target, register, OptionalInt.empty());
    }
  }

  private static void requirePositive(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
